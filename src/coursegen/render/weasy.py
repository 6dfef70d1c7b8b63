"""HTML to tagged PDF/UA-1 with WeasyPrint, loading nothing from outside the allowed folders."""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pydyf
from weasyprint import HTML
from weasyprint.pdf import tags as _tags
from weasyprint.urls import URLFetcher, URLFetcherResponse


def _tag_languages() -> None:
    """Give each structure element the language of its HTML element (`lang="ru"` on an excerpt).

    WeasyPrint 70 sets only the document language; PDF/UA wants a change of language marked
    where it happens. This wraps its tag-tree builder; tests/test_build.py checks the result.
    """
    build_tree = getattr(_tags, "_build_box_tree", None)
    if build_tree is None or getattr(build_tree, "_coursegen", False):
        return

    def with_language(box, *args, **kwargs):  # type: ignore[no-untyped-def]
        element = getattr(box, "element", None)
        lang = element.get("lang") if element is not None and element.tag != "html" else None
        for struct in build_tree(box, *args, **kwargs):
            if lang and "Lang" not in struct:
                struct["Lang"] = pydyf.String(lang)
            yield struct

    with_language._coursegen = True  # type: ignore[attr-defined]
    _tags._build_box_tree = with_language


_tag_languages()


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


def html_to_pdf(html: str, base: Path, allowed: Sequence[Path]) -> bytes:
    """Tagged PDF/UA-1; the file identifier is a hash of the input, so output is reproducible."""
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    document = HTML(
        string=html, base_url=base.resolve().as_uri() + "/", url_fetcher=FolderFetcher(allowed)
    )
    pdf = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier)
    assert isinstance(pdf, bytes)
    return pdf


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


def warm_up() -> None:
    """Lay out and write a small tagged PDF, so that the first real one is as fast as the next."""
    html_to_pdf(WARM_UP, Path("/"), [])

