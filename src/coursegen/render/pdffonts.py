"""Fonts in the PDF: every glyph mapped to text, and every character that no font has reported.

- WeasyPrint 70 maps each glyph to the text of its cluster (draw/text.py), the whole cluster on
  one glyph; in a cluster of several glyphs (a Devanagari conjunct or half form, an Arabic
  ligature drawn as two glyphs) the others get an empty string, which writes `<0261> <>` into
  the font's ToUnicode CMap: ISO 14289-1 §7.21.7 wants every glyph mapped to Unicode. Those
  glyphs are mapped to U+2060 WORD JOINER: invisible, default-ignorable (search and collation
  skip it) and, unlike U+200B, no place to break a word; unlike U+200C/U+200D it does not change
  how the text shapes when pasted. Readers that take the text from the tags or from ActualText
  (pdftext.py gives each such text box its source text) never see it.
- A glyph for several characters of right-to-left text (the lam-alef ligature: "لا") is mapped
  to them in visual order ("ال"). Readers of the page (poppler, pdf.js) reorder a right-to-left
  line by reversing it, the characters of each glyph's mapping with it; WeasyPrint writes them
  in logical order, so "السلام" read as "السالم". Readers of the tags get ActualText instead.
- A character that no installed font has is drawn as `.notdef` (an empty box), which WeasyPrint
  only logs. `missing_glyphs` collects those while a document is written, and `glyph_warnings`
  says what each means and how to fix it; the PDF renderer hands them to the build report.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .pdftext import right_to_left

WORD_JOINER = "\u2060"
NOTDEF_MESSAGE = ".notdef glyph rendered for Unicode string unsupported by fonts"

# Scripts whose fonts scripts/setup does not install with fonts-noto-core.
CJK_RANGES = [
    (0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3000, 0x30FF), (0x3100, 0x31FF), (0x3200, 0x9FFF),
    (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
    (0x20000, 0x3FFFF),
]  # fmt: skip


def wrap_build_fonts_dictionary(build: Callable[..., Any]) -> Callable[..., Any]:
    """weasyprint.pdf.build_fonts_dictionary (which writes each font's ToUnicode CMap), first
    mapping every glyph that WeasyPrint mapped to nothing to U+2060 WORD JOINER, and the glyphs
    of right-to-left text that stand for several characters to them in visual order."""

    def build_fonts_dictionary(pdf: Any, fonts: Any, *args: Any, **kwargs: Any) -> Any:
        for font in fonts.values():
            for glyph, text in font.to_unicode.items():
                font.to_unicode[glyph] = to_unicode(text)
        return build(pdf, fonts, *args, **kwargs)

    return build_fonts_dictionary


def to_unicode(text: str) -> str:
    """The text a glyph maps to, from the text WeasyPrint gives it."""
    if not text:
        return WORD_JOINER
    if len(text) > 1 and right_to_left(text):
        return text[::-1]
    return text


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.characters: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args
        if str(record.msg).startswith(NOTDEF_MESSAGE) and isinstance(args, tuple) and args:
            character = str(args[0])
            if character not in self.characters:
                self.characters.append(character)


@contextmanager
def missing_glyphs() -> Iterator[list[str]]:
    """The characters drawn as `.notdef` while the block runs (in this thread's process), in the
    order first drawn, each once."""
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    logger.addHandler(collector)
    try:
        yield collector.characters
    finally:
        logger.removeHandler(collector)


def glyph_warnings(characters: list[str]) -> list[str]:
    """One warning per kind of fix, naming the characters."""
    by_fix: dict[str, list[str]] = {}
    for character in characters:
        by_fix.setdefault(_fix(character), []).append(character)
    warnings = []
    for fix, found in by_fix.items():
        names = [f"'{c}' (U+{ord(c):04X})" for c in found]
        if len(found) == 1:
            what = f"no installed font has {names[0]}; it prints as an empty box"
        else:
            listed = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
            what = f"no installed font has {len(found)} characters ({listed}); they print as empty boxes"
        warnings.append(f"{what} — {fix}")
    return warnings


def _fix(character: str) -> str:
    category = unicodedata.category(character)
    if category == "Cc":
        return (
            "it is a control character, likely from a file decoded twice: correct the source text"
        )
    if category == "Co":
        return "it is a private-use character: add a font that has it to templates/ and use it in the stylesheet"
    if any(low <= ord(character) <= high for low, high in CJK_RANGES):
        return "install a font for that script (on Debian/Ubuntu: fonts-noto-cjk)"
    return "install a font for that script (on Debian/Ubuntu: fonts-noto-core, fonts-noto-extra)"
