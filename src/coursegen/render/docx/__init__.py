"""The DOCX format: python-docx, real named Word styles, a `reference.docx` to restyle them.

python-docx is imported only when a DOCX is rendered.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .. import PAGE_KINDS, REFERENCE_DOCX, FormatUnavailable
from .reference import MAX_FILE_BYTES, ReferenceProblem, load_reference, reference_path

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

    from ...documents.model import Document


class DocxFormat:
    name = "docx"
    suffix = ".docx"
    kinds = PAGE_KINDS
    default_for = frozenset({"build", "publish"})

    def inputs(self, root: Path) -> Iterable[tuple[str, Path]]:
        """The course's reference.docx, the only file the DOCX renderer reads.

        A reference that is refused unread (a link out of templates/, not a regular file, too
        large) still changes the fingerprint, so that the build reports it instead of calling
        earlier outputs up to date; a fixed small file stands in for it.
        """
        reference = reference_path(root)
        if not os.path.lexists(reference):
            return []
        if _readable(reference):
            return [(f"course/{REFERENCE_DOCX}", reference)]
        return [(f"course/{REFERENCE_DOCX} (refused)", Path(__file__))]

    def renderer(self, root: Path, timestamp: dt.datetime) -> DocxRenderer:
        return DocxRenderer(reference_path(root), timestamp)


def _readable(reference: Path) -> bool:
    try:
        info = reference.stat()
    except OSError:
        return False
    return (
        stat.S_ISREG(info.st_mode)
        and info.st_size <= MAX_FILE_BYTES
        and reference.resolve().is_relative_to(reference.parent.resolve())
    )


class DocxRenderer:
    """`reference` is a .docx whose styles, page set-up, headers and theme are used (pandoc-style).

    A reference that cannot be used (not a .docx, a zip bomb, a link out of templates/) makes
    the whole format unavailable, with one message saying what is wrong and how to fix it.
    """

    def __init__(self, reference: Path | None, timestamp: dt.datetime) -> None:
        try:
            import docx  # noqa: F401
        except ImportError as exc:  # pragma: no cover - python-docx is a dependency
            raise FormatUnavailable(
                f"DOCX needs python-docx, which could not be loaded ({exc})"
            ) from exc
        self.reference: bytes | None = None
        if reference is not None and os.path.lexists(reference):
            try:
                self.reference = load_reference(reference)
            except ReferenceProblem as problem:
                raise FormatUnavailable(str(problem)) from None
        self.timestamp = timestamp
        self._bases: dict[tuple[str, bool], bytes] = {}

    def _base(self, paper: str, reference: bytes | None = None) -> bytes:
        """The empty, fully styled package for a paper size, made once and reopened per document:
        the reference with the styles it lacks added from the built-in one (builtin.py), or the
        built-in one."""
        import docx

        from .builtin import add_missing_styles
        from .package import keep_style_parts
        from .styles import default_look, ensure_styles

        key = (paper, reference is not None)
        if key not in self._bases:
            word = docx.Document(io.BytesIO(reference) if reference else None)
            _clear_body(word)
            keep_style_parts(word)
            if reference is None:
                default_look(word, paper)
            else:
                add_missing_styles(word, docx.Document(io.BytesIO(self._base(paper))))
            ensure_styles(word)
            buffer = io.BytesIO()
            word.save(buffer)
            self._bases[key] = buffer.getvalue()
        return self._bases[key]

    def render(self, document: Document) -> bytes:
        import docx

        from .layout import BodyWriter
        from .package import normalise_zip, set_header_footer, set_language, set_metadata
        from .reader import write_reader, write_reading_list

        word = docx.Document(io.BytesIO(self._base(document.meta.paper, self.reference)))
        set_metadata(word, document, self.timestamp)
        set_language(word, document.meta.language)
        set_header_footer(word, document)
        if document.kind == "course-reader":
            write_reader(word, document)
        elif document.kind == "reading-list":
            write_reading_list(word, document)
        else:
            BodyWriter(word, document).write()
        buffer = io.BytesIO()
        word.save(buffer)
        return normalise_zip(buffer.getvalue(), self.timestamp)


def _clear_body(word: WordDocument) -> None:
    from docx.oxml.ns import qn

    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
