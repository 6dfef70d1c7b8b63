"""Loading WeasyPrint without compiling anything: half its import time, on Linux.

WeasyPrint opens Pango, HarfBuzz and fontconfig through cffi, trying several names for each
(Windows, macOS and Linux ones). cffi asks `ctypes.util.find_library` about every name it cannot
open as given, and on Linux that runs `ldconfig -p` and then, for a name the loader's cache
lacks, links a test program with gcc (WeasyPrint issue #1125): about 16 gcc runs, a third of a
second of every process that renders PDFs, where gcc is installed. While WeasyPrint loads, the
names are looked up in the loader's cache alone, read once: the libraries the dynamic loader can
open, which are the ones cffi can load. (The names WeasyPrint tries include the Linux file
names, libpango-1.0.so.0 and the like, which the loader opens directly in any case.)
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator


def load_weasyprint() -> None:
    """Import WeasyPrint (ImportError or OSError when it, or Pango, cannot be loaded)."""
    if sys.modules.get("weasyprint") is not None:  # loaded (None: made unimportable)
        return
    with _lookups_in_loader_cache():
        import weasyprint  # noqa: F401


@contextlib.contextmanager
def _lookups_in_loader_cache() -> Iterator[None]:
    if not sys.platform.startswith("linux"):
        yield
        return
    import ctypes.util

    original = ctypes.util.find_library
    ctypes.util.find_library = _loader_cache_lookup()  # type: ignore[assignment]  # same signature
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _loader_cache_lookup() -> Callable[[str], str | None]:
    """find_library for the libraries in the dynamic loader's cache (`ldconfig -p`, read on
    the first lookup): the file name of lib<name>.so…, as ctypes gives it, or None."""
    sonames: list[str] | None = None

    def find_library(name: str) -> str | None:
        nonlocal sonames
        if sonames is None:
            sonames = _cached_sonames()
        pattern = re.compile(rf"lib{re.escape(name)}\.so\b")
        return next((soname for soname in sonames if pattern.match(soname)), None)

    return find_library


def _cached_sonames() -> list[str]:
    ldconfig = shutil.which("ldconfig") or shutil.which("ldconfig", path="/sbin:/usr/sbin")
    if ldconfig is None:
        return []
    try:
        listing = subprocess.run(
            [ldconfig, "-p"],
            capture_output=True,
            text=True,
            env={"LC_ALL": "C", "LANG": "C"},
            timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return re.findall(r"^\s+(\S+)\s+\(", listing, re.MULTILINE)
