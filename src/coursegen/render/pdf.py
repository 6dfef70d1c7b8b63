"""The PDF format: HTML from the templates, laid out by WeasyPrint as tagged PDF/UA-1.

WeasyPrint (and Pango beneath it) is imported only when a PDF is rendered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from . import (
    PAGE_KINDS,
    REFERENCE_DOCX,
    TEMPLATES_FOLDER,
    FormatUnavailable,
    builtin_templates,
    folder_files,
)

if TYPE_CHECKING:  # a format module stays cheap to import (see render/__init__.py)
    from ..documents.model import Document


class PdfBytes(bytes):
    """A PDF, with what the build should say about it: one line per problem that does not stop
    it being written (a character no font has). The builder reports them under the output's
    name; they travel with the bytes from the worker process (a bytes subclass pickles them)."""

    warnings: tuple[str, ...] = ()


class PdfFormat:
    name = "pdf"
    suffix = ".pdf"
    kinds = PAGE_KINDS
    default_for = frozenset({"build", "publish"})

    def inputs(self, root: Path) -> Iterable[tuple[str, Path]]:
        """The templates and every file they may load: the course's templates/ folder (images,
        fonts, CSS; the fetcher loads nothing else from the course) and the built-in templates."""
        course = folder_files(root / TEMPLATES_FOLDER, "course", skip=[REFERENCE_DOCX])
        return [*course, *folder_files(builtin_templates(), "builtin")]

    def renderer(self, root: Path, timestamp: dt.datetime) -> PdfRenderer:
        return PdfRenderer(root, timestamp)


class PdfRenderer:
    def __init__(self, root: Path, timestamp: dt.datetime) -> None:
        try:
            # WeasyPrint itself first, before our modules import parts of it: a missing
            # WeasyPrint is then what the message names, whatever this process imported before
            from .weasyload import load_weasyprint

            load_weasyprint()
            from .pdffonts import glyph_warnings
            from .weasy import html_to_pdf, warm_up
        except (ImportError, OSError) as exc:
            raise FormatUnavailable(
                "PDF needs WeasyPrint and the Pango library, which could not be loaded "
                f"({_first_line(exc)}); install them (see docs/user-guide.md, 'Installing "
                "coursegen') or build Word files only with --format docx"
            ) from exc
        from .html import HtmlRenderer

        self.html = HtmlRenderer(root / TEMPLATES_FOLDER, timestamp)
        self.root = root
        self.epoch = int(timestamp.replace(tzinfo=dt.UTC).timestamp())  # naive UTC, see builder
        self.allowed = [root / TEMPLATES_FOLDER, builtin_templates()]
        self._to_pdf = html_to_pdf
        self._glyph_warnings = glyph_warnings
        self._warm_up = warm_up

    def warm_up(self) -> None:
        """Pay a process's first-layout cost now (weasy.WARM_UP): in a process that forks
        workers, before it forks them, so that they share it; or while waiting for work."""
        self._warm_up(self.epoch)

    def render(self, document: Document) -> PdfBytes:
        missing: list[str] = []
        html = self.html.render(document)
        pdf = PdfBytes(self._to_pdf(html, self.root, self.allowed, self.epoch, missing))
        pdf.warnings = tuple(self._glyph_warnings(missing))
        return pdf


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
