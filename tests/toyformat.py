"""A toy output format for the tests: one module, registered with one line in REGISTRY.

It writes each printed string of a document on a line of its own, and reads one file besides
the document (templates/toy-header.txt), which is therefore its fingerprint.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from coursegen.documents.model import Document
from coursegen.render import PAGE_KINDS

HEADER = "templates/toy-header.txt"


class ToyFormat:
    name = "txt"
    suffix = ".txt"
    kinds = PAGE_KINDS
    default_for = frozenset({"build", "publish"})

    def inputs(self, root: Path) -> Iterable[tuple[str, Path]]:
        header = root / HEADER
        return [("course/toy-header.txt", header)] if header.is_file() else []

    def renderer(self, root: Path, timestamp: dt.datetime) -> ToyRenderer:
        return ToyRenderer(root)


class ToyRenderer:
    def __init__(self, root: Path) -> None:
        header = root / HEADER
        self.header = header.read_text(encoding="utf-8") if header.is_file() else ""

    def render(self, document: Document) -> bytes:
        lines = [self.header] if self.header else []

        def walk(value: Any) -> None:
            if dataclasses.is_dataclass(value) and not isinstance(value, type):
                for item in dataclasses.fields(value):
                    if item.name != "meta":
                        walk(getattr(value, item.name))
            elif isinstance(value, tuple):
                for element in value:
                    walk(element)
            elif isinstance(value, str) and value:
                lines.append(value)

        walk(document)
        return ("\n".join(lines) + "\n").encode("utf-8")
