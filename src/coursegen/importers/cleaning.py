"""What every importer does to text, whatever its source: decoding bytes, repairing characters
(mojibake, invisible and control characters, stray no-break spaces), and telling a hyphen of
line division from a word's own hyphen with the document's own vocabulary."""

from __future__ import annotations

import codecs
import re

from ftfy import TextFixerConfig, fix_text

from ..content.noise import CONTROLS, NBSP_RIGHT

# Zero-width characters that carry nothing in prose (ZWJ and ZWNJ do, in many scripts: kept),
# and the soft hyphen.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
_NBSP = re.compile("[\u00a0\u202f\u2007]")
_FIX = TextFixerConfig(
    uncurl_quotes=False,  # the instructor's quotes stay as they are
    fix_character_width=False,  # full-width punctuation is right in CJK text
    fix_line_breaks=False,  # done here, with the rest of the line handling
    explain=False,
)
WORD = re.compile(r"\w+(?:[-‐]\w+)*")
LINE_END_HYPHEN = re.compile(r"(\w+)[-‐]$")


def decode(data: bytes) -> tuple[str, str]:
    """The text and how it was decoded: UTF-8 (a byte-order mark is dropped), else UTF-16 with a
    byte-order mark, else Windows-1252, else Latin-1 (which decodes anything)."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "UTF-8 (its byte-order mark removed)"
        except UnicodeDecodeError:
            pass
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16 (from its byte-order mark)"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252 (the file is not UTF-8)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1 (the file is not UTF-8 nor Windows-1252)"


def differences(before: str, after: str) -> int:
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, before, after, autojunk=False)
    return sum(
        max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )


def repair_line(line: str) -> str:
    """Mojibake repaired (ftfy, quotes left as they are), invisible and control characters
    removed, tabs and stray no-break spaces made spaces."""
    fixed = fix_text(line, _FIX) if not line.isascii() or "\x1b" in line else line
    fixed = _INVISIBLE.sub("", fixed.replace("\t", " "))
    fixed = CONTROLS.sub("", fixed)  # what check flags in an article (content/noise.py)
    kept = {m.start() for m in NBSP_RIGHT.finditer(fixed)}
    return "".join(
        " " if i not in kept and _NBSP.match(c) else c for i, c in enumerate(fixed)
    ).rstrip()


class Vocabulary:
    """The document's own words, to tell a hyphen of line division from a word's own."""

    def __init__(self, text: str) -> None:
        words = [w.casefold().replace("‐", "-") for w in WORD.findall(text)]
        self.words = set(words)
        self.prefixes = {w.split("-", 1)[0] for w in words if "-" in w}

    def join(self, first: str, second: str) -> tuple[str, str]:
        stem = LINE_END_HYPHEN.search(first)
        head = stem.group(1) if stem else first.rstrip("-‐")
        tail_match = WORD.match(second)
        tail = tail_match.group(0) if tail_match else second
        joined, hyphened = (head + tail).casefold(), f"{head}-{tail}".casefold()
        if tail[:1].isupper() or tail[:1].isdigit():
            return "-", f"'{tail}' starts with a capital or a digit"
        if joined in self.words:
            return "", f"'{head}{tail}' is written so elsewhere in the text"
        if hyphened in self.words:
            return "-", f"'{head}-{tail}' is written so elsewhere in the text"
        if "-" in tail or "‐" in tail:
            return "-", f"'{tail}' is itself hyphenated"
        if head.casefold() in self.prefixes:
            return "-", f"'{head}-' starts other hyphenated words in the text"
        return "", "neither form is elsewhere in the text: a word divided at the line end"
