"""Reading PDFs and DOCX files back the way a reader would, for the tests."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import docx
from pypdf import PdfReader


def pdf_text(path: Path) -> str:
    """The text as poppler's pdftotext reads it (a real PDF client, installed by .ci/run)."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def squash(text: str) -> str:
    """Letters and digits only, lower case: compares texts across line breaks and hyphenation."""
    return re.sub(r"[^\w]|_", "", text).casefold()


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
