"""Reading PDFs and DOCX files back the way a reader would, for the tests."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
from pypdf import PdfReader


def pdf_text(path: Path, *, raw: bool = False) -> str:
    """The text as poppler's pdftotext reads it (a real PDF client, installed by .ci/run): in
    reading order as poppler works it out, which joins a word across a line that ends with a
    hyphen-minus; or, with `raw`, in the order the page paints it, joining nothing."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *(["-raw"] if raw else []), str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


# The marks pdftotext puts around right-to-left runs (embeddings, isolates), not the text's own.
BIDI_CONTROLS = "[\u200e\u200f\u202a-\u202e\u2066-\u2069]"


def squash(text: str) -> str:
    """Lower case without white space and hyphen-minus, to compare texts across line breaks.

    Only U+002D goes: poppler drops it where it joins a word across lines (the hyphen that
    coursegen's layout inserts, but also a word's own hyphen that ends a line, so "Russia-US"
    can come out as "RussiaUS"). Every other character stays, so a hyphen that reaches the text
    as U+2010 or U+00AD, or a word split by a space, does not compare equal.
    """
    return re.sub(r"[\s\-]|" + BIDI_CONTROLS, "", text).casefold()


def letters(text: str) -> str:
    """Letters and digits only, lower case: for checks of order alone (where a piece is), never
    of what the text says; `whole_words_missing` checks that."""
    return re.sub(r"[^\w]|_", "", text).casefold()


def _words(text: str) -> list[str]:
    """White-space separated words, lower case, without the punctuation at either end."""
    return [w for w in (re.sub(r"^\W+|\W+$", "", word) for word in text.casefold().split()) if w]


def whole_words_missing(sources: list[str], text: str) -> list[str]:
    """The words of `sources` that `text` (pdftotext's, not raw) does not contain whole.

    A word is white-space separated; it counts as whole when the text has it as a word, or,
    for a word with its own hyphens or dashes, has it without its hyphen-minus (poppler's join,
    see `squash`) or has its parts split at those dashes (a line may end after a dash). A layout
    hyphen that is not a hyphen-minus ("imperat‐ ives") or a space inside a word is missing.
    """
    found = set(_words(re.sub(BIDI_CONTROLS, "", text)))
    missing = []
    for source in sources:
        for word in _words(source):
            if word in found or word.replace("-", "") in found:
                continue
            parts = [p for p in re.split(r"(?<=[-‐‑–—/])", word) if p]
            if len(parts) > 1 and all(
                p in found or re.sub(r"^\W+|\W+$", "", p) in found for p in parts
            ):
                continue
            missing.append(word)
    return missing


def validate(path: Path) -> list[str]:
    """The PDF/UA-1 machine-checkable rules the file breaks, as "rule: message" (page-validation,
    a validator that passes the veraPDF test corpus, offline)."""
    import page

    result = page.validate_pdf(str(path), profile="ua1")
    if result.is_compliant:
        return []
    return [f"{failure.rule_id}: {failure.message}" for failure in result.failures]


def structure(path: Path) -> tuple[dict[str, int], set[str]]:
    """Counts of structure element types, and the languages set on structure elements."""
    root = PdfReader(path).trailer["/Root"]["/StructTreeRoot"].get_object()
    kinds: dict[str, int] = {}
    languages: set[str] = set()

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, dict):
            if "/S" in node:
                kinds[str(node["/S"])] = kinds.get(str(node["/S"]), 0) + 1
            if "/Lang" in node:
                languages.add(str(node["/Lang"]))
            if "/K" in node:
                walk(node["/K"])
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(root)
    return kinds, languages


def embedded_fonts(path: Path) -> dict[str, bool]:
    """Each font used, and whether its file is embedded."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            fonts[str(font["/BaseFont"])] = any(k.startswith("/FontFile") for k in descriptor)
    return fonts


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(p.text for p in document.paragraphs)


def libreoffice_to_pdf(
    documents: list[Path], out: Path, profile: Path
) -> subprocess.CompletedProcess[str]:
    """Convert `documents` to PDF into `out` with one LibreOffice run (starting it is most of
    the cost), its user profile in `profile`; its result, for the caller to check."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (Debian's libreoffice-writer-nogui) is needed; .ci/run installs it"
    return subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *(str(document) for document in documents),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
