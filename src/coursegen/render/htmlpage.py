"""The HTML format: each document as a standalone web page, for posting on an LMS page (the
format screen-reader users prefer), from the same templates as the PDF.

The page is what the PDF is laid out from, with screen.css added for the screen (base.html adds
it when `medium` is "screen"): the print rules stay, inside @page and page-break properties that
browsers apply only when printing, so a student who prints the page gets the PDF's paper size.
The page is self-contained: it has no scripts, its stylesheets are inline, and an image a course
template shows from its templates/ folder is put into the page as a data: URL. Made only when
asked for (`--format html`) and by the exports that post pages (exports/imscc.py).
"""

from __future__ import annotations

import base64
import datetime as dt
import mimetypes
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from . import PAGE_KINDS, TEMPLATES_FOLDER
from .pdf import PdfFormat

if TYPE_CHECKING:  # a format module stays cheap to import (see render/__init__.py)
    from ..documents.model import Document

# src="templates/images/logo.svg" in a tag, url(templates/x.png) in a stylesheet: a relative
# address, resolved as the PDF resolves it (from the course folder).
_RELATIVE = re.compile(
    r"""(?P<before>\bsrc=(?P<q>["'])|url\(\s*(?P<uq>["']?))(?P<url>(?![\w+.-]+:|/|#)[^"')\s]+)"""
)


class HtmlFormat:
    name = "html"
    suffix = ".html"
    kinds = PAGE_KINDS
    default_for: frozenset[str] = frozenset()  # made only when asked for, or by an export

    def inputs(self, root: Path) -> Iterable[tuple[str, Path]]:
        """The PDF's: the course's templates/ folder and the built-in templates."""
        return PdfFormat().inputs(root)

    def renderer(self, root: Path, timestamp: dt.datetime) -> HtmlPageRenderer:
        return HtmlPageRenderer(root, timestamp)


class HtmlPageRenderer:
    """Pages for the screen; with `medium` "print", the PDF's own HTML, as `coursegen preview`
    shows it (page-like, so that what is seen is what prints)."""

    def __init__(self, root: Path, timestamp: dt.datetime, medium: str = "screen") -> None:
        from .html import HtmlRenderer, builtin_templates

        self.html = HtmlRenderer(root / TEMPLATES_FOLDER, timestamp, medium=medium)
        self.root = root.resolve()
        self.allowed = [(root / TEMPLATES_FOLDER).resolve(), builtin_templates().resolve()]

    def page(self, document: Document) -> str:
        """The page's HTML, every file it shows from the templates folders inlined."""
        return _RELATIVE.sub(self._inline, self.html.render(document))

    def render(self, document: Document) -> bytes:
        return self.page(document).encode("utf-8")

    def _inline(self, match: re.Match[str]) -> str:
        data = self._data_url(match.group("url"))
        return match.group("before") + (data if data is not None else match.group("url"))

    def _data_url(self, url: str) -> str | None:
        """The file at `url` (relative to the course folder) as a data: URL, when it lies in an
        allowed folder and may be read (the rules the PDF's fetcher and the loader follow)."""
        from .html import refusal

        path = self.root / unquote(url.split("#", 1)[0].split("?", 1)[0])
        for folder in self.allowed:
            if path.resolve().is_relative_to(folder) and refusal(folder, path) is None:
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                encoded = base64.b64encode(path.read_bytes()).decode("ascii")
                return f"data:{mime};base64,{encoded}"
        return None
