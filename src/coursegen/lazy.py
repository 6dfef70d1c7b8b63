"""Names of a package that load on first use (PEP 562): the packages that the `coursegen`
command imports at start-up (coursegen, coursegen.documents) name their API without loading
it, so that a build starts its render workers before the rest of coursegen loads."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_names(
    package: str, where: Mapping[str, str], namespace: dict[str, Any]
) -> Callable[[str], Any]:
    """A module `__getattr__` for `package`: a name of `where` is imported from the submodule
    it maps to when first asked for, then kept in `namespace` (the package's globals())."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f".{module}", package), name)
        namespace[name] = value
        return value

    return __getattr__
