"""HTML to tagged PDF/UA-1 with WeasyPrint, loading nothing from outside the allowed folders."""

from __future__ import annotations

import hashlib
import inspect
import mimetypes
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import pdftext
from .pdffonts import missing_glyphs

# WeasyPrint internals that coursegen replaces, with the parameters it calls them with. Checked
# once at import: another WeasyPrint must fail here, loudly, not write a wrong PDF.
_SEAMS = {
    "weasyprint.pdf.add_tags": "pdf, document, pdf_version, page_streams",
    "weasyprint.pdf.stream.Stream.marked": "self, box, tag",
    "weasyprint.document.draw_page": "page, stream",
    "weasyprint.layout.inline.split_text_box": "context, box, available_width, skip, is_line_start",
    "weasyprint.layout.inline.remove_last_whitespace": "context, line",
    "weasyprint.layout.inline.get_next_linebox": "context, linebox, position_y, bottom_space, "
    "skip_stack, containing_block, absolute_boxes, fixed_boxes, first_letter_style, "
    "first_line_style",
    "weasyprint.layout.inline.skip_first_whitespace": "box, skip_stack",
    "weasyprint.pdf.build_fonts_dictionary": "pdf, fonts, compress, subset, options",
}


def _install_tagger() -> None:
    """Put the tagger into WeasyPrint 70 at its narrowest seams, once per process.

    pdftags.add_tags builds one structure tree for the whole document (WeasyPrint's is per page);
    pdftext notes at layout why each line ends and draws margin boxes as Pagination artifacts and
    line ends and shaped text with ActualText; pdffonts maps every glyph in the ToUnicode CMaps.
    tests/test_pdf_tags.py and tests/test_pdf_fonts.py check the PDFs this makes.
    """
    import weasyprint
    from weasyprint import document, pdf
    from weasyprint.layout import inline
    from weasyprint.pdf.stream import Stream

    from . import pdffonts, pdftags, pdftext

    if getattr(pdf.add_tags, "__module__", "") == pdftags.__name__:
        return
    owners = {"weasyprint.pdf": pdf, "weasyprint.pdf.stream.Stream": Stream,
              "weasyprint.document": document, "weasyprint.layout.inline": inline}  # fmt: skip
    for path, parameters in _SEAMS.items():
        owner, name = path.rsplit(".", 1)
        found = getattr(owners[owner], name, None)
        signature = ", ".join(inspect.signature(found).parameters) if callable(found) else None
        if signature != parameters:
            raise ImportError(
                f"coursegen needs WeasyPrint 70, not {weasyprint.__version__}: {path}"
                f"({signature}) is not ({parameters})"
            )
    pdf.add_tags = pdftags.add_tags
    pdf.build_fonts_dictionary = pdffonts.wrap_build_fonts_dictionary(pdf.build_fonts_dictionary)
    Stream.marked = pdftext.marked
    document.draw_page = pdftext.wrap_draw_page(document.draw_page)
    inline.split_text_box = pdftext.wrap_split_text_box(inline.split_text_box)
    inline.remove_last_whitespace = pdftext.wrap_remove_last_whitespace(
        inline.remove_last_whitespace
    )
    inline.get_next_linebox = pdftext.wrap_get_next_linebox(
        inline.get_next_linebox, inline.skip_first_whitespace
    )


_install_tagger()


class FolderFetcher(URLFetcher):  # type: ignore[misc]
    """Serves file: URLs inside the allowed folders (the course's templates/, the built-in ones) only.

    No network, no file outside them, no path that climbs out with '..' or a symlink.
    """

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(allowed_protocols={"file"})
        self.roots = [root.resolve() for root in roots]

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(
                f"coursegen does not load {parts.scheme or 'relative'} resources: {url}"
            )
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise ValueError(f"coursegen loads only files in the templates folder, not {path}")
        if not path.is_file():
            raise ValueError(f"no such file: {path}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})


def html_to_pdf(
    html: str, base: Path, allowed: Sequence[Path], epoch: int = 0, missing: list[str] | None = None
) -> bytes:
    """Tagged PDF/UA-1, the same bytes for the same input: the file identifier is a hash of the
    HTML, and every date in it is `epoch` (seconds since 1970; the build's timestamp). The
    characters no font has (drawn as .notdef) are added to `missing`, each once."""
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    options = {"pdf_variant": "pdf/ua-1", "pdf_identifier": identifier}
    with _font_dates(epoch), missing_glyphs() as characters:
        pdf = _layout(html, base, allowed, options).write_pdf(**options)
    if missing is not None:
        missing.extend(c for c in characters if c not in missing)
    assert isinstance(pdf, bytes)
    return pdf


def _layout(html: str, base: Path, allowed: Sequence[Path], options: dict[str, Any]) -> Any:
    """The laid-out pages, with no word hyphenated across a page break: a word that a page's
    last line hyphenates is kept whole and the document laid out again (a few times at most)."""
    kept: set[str] = set()
    for _ in range(4):
        document = HTML(
            string=pdftext.keep_whole(html, kept) if kept else html,
            base_url=base.resolve().as_uri() + "/",
            url_fetcher=FolderFetcher(allowed),
        ).render(**options)
        more = pdftext.hyphenated_at_page_foot(document.pages) - kept
        if not more:
            break
        kept |= more
    return document


@contextmanager
def _font_dates(epoch: int) -> Iterator[None]:
    """Without HarfBuzz's subsetter (libharfbuzz-subset0; a plain pip install on macOS or
    Windows), WeasyPrint subsets fonts with fontTools, which writes the current time into each
    font's head table unless SOURCE_DATE_EPOCH is set: set it while the PDF is written."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


# A process's first layout costs ~0.3 s more than the next: cffi parses Pango's C types on
# first use, fontconfig loads the fonts, Pyphen reads the hyphenation dictionary. Paid once by
# the render host before it forks the workers, they share it instead of each paying it.
WARM_UP = """<html lang="en"><head><style>
body { font-family: "Noto Serif", serif; hyphens: auto; }
h1 { font-family: "Noto Sans", sans-serif; }
</style></head><body><h1>Warm-up</h1>
<p style="width: 4em">International organisations <b>negotiate</b> <i>agreements</i>
and <span style="text-decoration: underline">treaties</span>.</p>
<ol><li>One</li></ol></body></html>"""


def warm_up(epoch: int) -> None:
    """Lay out and write a small tagged PDF, so that the first real one is as fast as the next.
    `epoch` is the build's date: while a PDF is written, SOURCE_DATE_EPOCH holds it (see
    _font_dates), and another thread of the process (the preview's) may read it meanwhile."""
    html_to_pdf(WARM_UP, Path("/"), [], epoch)
