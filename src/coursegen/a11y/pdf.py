"""The checks of one built PDF: PDF/UA-1 machine rules (page-validation), the document
language, hyphens the layout inserted, content outside the structure tree, language of parts by
script, and glyphs the fonts do not have."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import page
import pikepdf

from . import findings as f
from .findings import Finding
from .pdfcontent import Element, Piece, read_pages, structure
from .scripts import foreign_words

# page-validation's rule ids -> Matterhorn Protocol 1.1 checkpoints, where one fits.
_LISTS = "Matterhorn 09-005"
_TABLES = "Matterhorn 09-004"
_MATTERHORN = {
    "PDFUA1-L-KIDS-001": _LISTS,
    "PDFUA1-LI-KIDS-001": _LISTS,
    "PDFUA1-LI-PARENT-001": _LISTS,
    "PDFUA1-LBODY-PARENT-001": _LISTS,
    "PDFUA1-L-CAPTION-001": _LISTS,
    "PDFUA1-TOC-KIDS-001": "Matterhorn 09-006",
    "PDFUA1-TOCI-PARENT-001": "Matterhorn 09-006",
    "PDFUA1-TOC-CAPTION-001": "Matterhorn 09-006",
    "PDFUA1-SUSPECTS-001": "Matterhorn 01-007",
    "PDFUA1-ARTIFACT-NESTED-001": "Matterhorn 01-003",
    "PDFUA1-TAGGED-CONTENT-INSIDE-ARTIFACT-001": "Matterhorn 01-004",
    "PDFUA1-CONTENT-TAGGING-001": "Matterhorn 01-005",
    "PDFUA1-STRUCT-TREE-ROLE-MAP-001": "Matterhorn 02-001",
    "PDFUA1-METADATA-TITLE-001": "Matterhorn 06-003",
    "PDFUA1-VIEWER-PREFERENCES-001": "Matterhorn 07-001",
    "PDFUA1-TEXT-LANGUAGE-001": "Matterhorn 11-001",
    "PDFUA1-ACTUAL-TEXT-LANGUAGE-001": "Matterhorn 11-002",
    "PDFUA1-ALT-TEXT-LANGUAGE-001": "Matterhorn 11-002",
    "PDFUA1-E-TEXT-LANGUAGE-001": "Matterhorn 11-002",
    "PDFUA1-OUTLINE-LANGUAGE-001": "Matterhorn 11-003",
    "PDFUA1-METADATA-LANGUAGE-001": "Matterhorn 11-006",
    "PDFUA1-FIGURE-ALTERNATIVE-TEXT-001": "Matterhorn 13-004",
    "PDFUA1-NOTDEF-GLYPH-001": f.NOTDEF,
    "PDFUA1-FONT-EMBEDDING-001": f.FONT_NOT_EMBEDDED,
}
_TABLE_RULE = re.compile(r"^PDFUA1-(TABLE|TR|TH|TD|THEAD|TBODY|TFOOT)-")
_HYPHENS = ("\u2010", "-")
_LEFT = re.compile(r"(\w+)$")
_RIGHT = re.compile(r"^(\w+)")
EXAMPLES = 3


@dataclass(frozen=True)
class SourceWords:
    """The words of the course's sources, to tell a hyphen that was typed from one the layout
    inserted: `words` whole, `hyphenated` as written with their hyphen (lower case)."""

    words: frozenset[str]
    hyphenated: frozenset[str]


def criterion_for(rule_id: str) -> str:
    found = _MATTERHORN.get(rule_id) or (_TABLES if _TABLE_RULE.match(rule_id) else None)
    return f"{found} ({rule_id})" if found else f"PDF/UA-1 ({rule_id})"


def check_pdf(path: Path, shown: str, sources: SourceWords) -> list[Finding]:
    try:
        pdf = pikepdf.open(path)
    except (pikepdf.PdfError, OSError) as exc:
        return [Finding(shown, f.UNREADABLE, f"cannot be read as a PDF: {exc}")]
    with pdf:
        own = _own_checks(pdf, shown, sources)
    return own + _validator(path, shown, {finding.criterion for finding in own})


def _validator(path: Path, shown: str, reported: set[str]) -> list[Finding]:
    """page-validation's PDF/UA-1 rules; a rule that one of our own checks reported already
    (with the places) is not repeated."""
    try:
        report = page.validate_pdf(path, profile="ua1")
    except page.PageError as exc:
        return [Finding(shown, "PDF/UA-1", f"the validator cannot read it: {exc}")]
    results: dict[str, tuple[str, int]] = {}
    for failure in report.failures:
        message, count = results.get(failure.rule_id, (failure.message, 0))
        results[failure.rule_id] = (message, count + 1)
    out = []
    for rule_id, (message, count) in sorted(results.items()):
        criterion = criterion_for(rule_id)
        if criterion.split(" (PDFUA1")[0] in reported:
            continue
        times = f" ({count} times)" if count > 1 else ""
        out.append(Finding(shown, criterion, message + times))
    return out


def _own_checks(pdf: pikepdf.Pdf, shown: str, sources: SourceWords) -> list[Finding]:
    out = []
    lang = pdf.Root.get("/Lang")
    if not isinstance(lang, pikepdf.String) or not str(lang).strip():
        out.append(
            Finding(
                shown,
                f.LANGUAGE_OF_PAGE,
                "the document catalog has no /Lang, so a screen reader cannot tell which "
                "language to read it in",
            )
        )
    pieces, fonts = read_pages(pdf)
    owners = structure(pdf)
    out += _untagged(pieces, owners, shown)
    tagged = [p for p in pieces if not p.artifact]
    out += _inserted_hyphens(tagged, owners, sources, shown)
    out += _language_of_parts(tagged, owners, shown)
    out += _notdef(pieces, shown)
    for font in sorted({font.name for font in fonts if not font.embedded}):
        out.append(
            Finding(
                shown,
                f.FONT_NOT_EMBEDDED,
                f"font {font} is not embedded: its letters depend on the fonts of the "
                "reader's computer",
            )
        )
    return out


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f'"{text[: limit - 1]}…"' if len(text) > limit else f'"{text}"'


def _examples(places: Sequence[tuple[int, str]]) -> str:
    """'page 1: "a", "b"; page 2: "c"' for the first few places, and '…' when there are more."""
    by_page: dict[int, list[str]] = defaultdict(list)
    for page_index, text in places[:EXAMPLES]:
        by_page[page_index + 1].append(text)
    shown = "; ".join(f"page {n}: {', '.join(texts)}" for n, texts in by_page.items())
    return shown + ("; …" if len(places) > EXAMPLES else "")


def _count(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _untagged(
    pieces: Iterable[Piece], owners: dict[tuple[int, int], Element], shown: str
) -> list[Finding]:
    places = [
        (p.page, _quote(p.text))
        for p in pieces
        if not p.artifact and p.text.strip() and (p.mcid is None or (p.page, p.mcid) not in owners)
    ]
    if not places:
        return []
    what = _count(len(places), "piece of text is", "pieces of text are")
    return [
        Finding(
            shown,
            f.UNTAGGED_CONTENT,
            f"{what} neither an artifact nor in the structure tree ({_examples(places)}); "
            "running headers, footers and page numbers must be /Artifact with /Type /Pagination",
        )
    ]


def _lines(pieces: Iterable[Piece]) -> list[list[Piece]]:
    lines: dict[int, list[Piece]] = {}
    for piece in pieces:
        lines.setdefault(piece.line, []).append(piece)
    return [line for line in lines.values() if "".join(p.text for p in line).strip()]


def _inserted_hyphens(
    pieces: Sequence[Piece],
    owners: dict[tuple[int, int], Element],
    sources: SourceWords,
    shown: str,
) -> list[Finding]:
    lines = _lines(pieces)
    places: list[tuple[int, str]] = []
    for line, following in itertools.pairwise(lines):
        last = next((p for p in reversed(line) if p.text.strip()), None)
        if last is None:
            continue
        text = "".join(p.text for p in line).rstrip()
        hyphen = text[-1:]
        left, right = (
            _LEFT.search(text[:-1]),
            _RIGHT.match("".join(p.text for p in following).lstrip()),
        )
        if hyphen not in _HYPHENS or left is None or right is None:
            continue
        element = owners.get((last.page, last.mcid)) if last.mcid is not None else None
        if last.actual_text or (element is not None and element.actual_text):
            continue
        if _inserted(left.group(1), hyphen, right.group(1), sources):
            places.append((last.page, f'"{left.group(1)}{hyphen}{right.group(1)}"'))
    if not places:
        return []
    what = _count(len(places), "word is", "words are")
    return [
        Finding(
            shown,
            f.HYPHENS,
            f"{what} broken at a line end by a hyphen that the layout inserted and the text "
            f"keeps ({_examples(places)}); copied, searched or read aloud, the word is broken: "
            "an inserted hyphen must be a soft hyphen (U+00AD) or be covered by /ActualText",
        )
    ]


def _inserted(left: str, hyphen: str, right: str, sources: SourceWords) -> bool:
    written = {f"{left}-{right}".lower(), f"{left}\u2010{right}".lower()}
    if written & sources.hyphenated:
        return False  # a hyphenated word broken at its own hyphen
    return hyphen == "\u2010" or f"{left}{right}".lower() in sources.words


def _language_of_parts(
    pieces: Iterable[Piece], owners: dict[tuple[int, int], Element], shown: str
) -> list[Finding]:
    found: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for piece in pieces:
        element = owners.get((piece.page, piece.mcid)) if piece.mcid is not None else None
        lang = piece.lang or (element.lang if element else None)
        if lang is None:
            continue
        for word, script in foreign_words(piece.text, lang):
            found[(script, lang)].append((piece.page, f'"{word}"'))
    out = []
    for (script, lang), places in sorted(found.items()):
        what = _count(len(places), "word", "words")
        out.append(
            Finding(
                shown,
                f.LANGUAGE_OF_PARTS,
                f"{what} in {script} script tagged '{lang}' ({_examples(places)}); a screen "
                "reader reads them with the wrong voice: give that text its own /Lang",
            )
        )
    return out


def _notdef(pieces: Iterable[Piece], shown: str) -> list[Finding]:
    places = [
        (
            p.page,
            f"{_codes(p.notdef)} in font {p.font} after {_quote(p.text.split(p.notdef[0])[0][-30:] or '')}",
        )
        for p in pieces
        if p.notdef
    ]
    if not places:
        return []
    count = sum(len(p.notdef) for p in pieces)
    what = _count(count, "character is", "characters are")
    return [
        Finding(
            shown,
            f.NOTDEF,
            f"{what} drawn with the .notdef glyph, an empty box, because the font has no glyph "
            f"for them ({_examples(places)})",
        )
    ]


def _codes(chars: str) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(chars))
