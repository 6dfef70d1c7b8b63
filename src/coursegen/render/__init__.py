"""Output formats behind one protocol, found through a registry and loaded lazily.

A format module is cheap to import; its heavy dependencies (WeasyPrint, python-docx) load only
when `Format.renderer` is called, in the process that renders. So a machine without Pango can
still build DOCX, and is told plainly why PDF cannot be made.

Adding a format: write a module with a class that satisfies `Format`, then add one line to
REGISTRY (tests/test_formats.py adds a toy format this way).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ..documents.model import Document

# The course's folder of files that change the look, and the Word style sheet inside it.
TEMPLATES_FOLDER = "templates"
REFERENCE_DOCX = "reference.docx"

REGISTRY: dict[str, str] = {
    "pdf": "coursegen.render.pdf:PdfFormat",
    "docx": "coursegen.render.docx:DocxFormat",
    "html": "coursegen.render.htmlpage:HtmlFormat",
    "imscc": "coursegen.exports.imscc:ImsccFormat",
    "moodle": "coursegen.exports.moodle:MoodleFormat",
    "anki": "coursegen.exports.anki:AnkiFormat",
}
# The kinds of document that are pages to print or read (documents/model.py DocumentMeta.kind):
# every kind but the course package, which only the exports render.
PAGE_KINDS = frozenset(
    {
        "handout",
        "questions",
        "questions-instructor",
        "glossary",
        "course-glossary",
        "course-reader",
        "reading-list",
    }
)


class FormatUnavailable(Exception):
    """A format cannot be made on this machine (a missing library); the message says how to fix it."""


class Renderer(Protocol):
    def render(self, document: Document) -> bytes:
        """The complete file. Raises on a document it cannot render (a broken template)."""
        ...


@runtime_checkable
class WarmsUp(Protocol):
    """A renderer whose first document in a process costs more than the next (PDF: WeasyPrint's
    first layout); a process that forks workers warms it up first, so they share the cost."""

    def warm_up(self) -> None: ...


class Format(Protocol):
    name: str  # "pdf": the --format choice
    suffix: str  # ".pdf"
    kinds: frozenset[str]  # the kinds of document it renders (PAGE_KINDS for a page format)
    # the commands that make it when no --format is given: {"build", "publish"} for PDF; an
    # export {"publish"}; a format made only when asked for, nothing
    default_for: frozenset[str]

    def inputs(self, root: Path) -> Iterable[tuple[str, Path]]:
        """Every file besides the document that the renderer may read, each with a stable name.

        Their bytes make the format's fingerprint: a change to any of them rebuilds the outputs.
        """
        ...

    def renderer(self, root: Path, timestamp: dt.datetime) -> Renderer:
        """Load the format's machinery; raise FormatUnavailable when a dependency is missing."""
        ...


def builtin_templates() -> Path:
    """The folder of the templates coursegen ships (the course's own override them)."""
    return Path(str(resources.files("coursegen") / "templates"))


def format_names() -> tuple[str, ...]:
    return tuple(REGISTRY)


def default_formats(command: str) -> tuple[str, ...]:
    """The formats `command` ("build" or "publish") makes when no --format is given."""
    return tuple(name for name in REGISTRY if command in get_format(name).default_for)


def get_format(name: str) -> Format:
    module_name, _, class_name = REGISTRY[name].partition(":")
    format_class = getattr(importlib.import_module(module_name), class_name)
    found: Format = format_class()
    return found


def folder_files(folder: Path, label: str, skip: Iterable[str] = ()) -> list[tuple[str, Path]]:
    """Every regular file under `folder`, sorted, named `label/relative/path`."""
    if not folder.is_dir():
        return []
    left_out = set(skip)
    return [
        (f"{label}/{path.relative_to(folder).as_posix()}", path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.relative_to(folder).as_posix() not in left_out
    ]
