"""The PDF format: HTML from the templates, laid out by WeasyPrint as tagged PDF/UA-1.

WeasyPrint (and Pango beneath it) is imported only when a PDF is rendered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from ..documents.model import Document
from . import PAGE_KINDS, REFERENCE_DOCX, TEMPLATES_FOLDER, FormatUnavailable, folder_files
from .html import HtmlRenderer, builtin_templates


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
            import weasyprint  # noqa: F401

            from .pdffonts import glyph_warnings
            from .weasy import html_to_pdf, warm_up
        except (ImportError, OSError) as exc:
            raise FormatUnavailable(
                "PDF needs WeasyPrint and the Pango library, which could not be loaded "
                f"({_first_line(exc)}); install them (see docs/user-guide.md, 'Installing "
                "coursegen') or build Word files only with --format docx"
            ) from exc
        self.html = HtmlRenderer(root / TEMPLATES_FOLDER, timestamp)
        self.root = root
        self.epoch = int(timestamp.replace(tzinfo=dt.UTC).timestamp())  # naive UTC, see builder
        self.allowed = [root / TEMPLATES_FOLDER, builtin_templates()]
        self._to_pdf = html_to_pdf
        self._glyph_warnings = glyph_warnings
        warm_up(self.epoch)  # see weasy.WARM_UP: once per process, shared by forked workers

    def render(self, document: Document) -> PdfBytes:
        missing: list[str] = []
        html = self.html.render(document)
        pdf = PdfBytes(self._to_pdf(html, self.root, self.allowed, self.epoch, missing))
        pdf.warnings = tuple(self._glyph_warnings(missing))
        return pdf


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
