"""The checks of one built DOCX: headings that are headings (not bold paragraphs), the
document's language and title, no empty paragraphs for spacing, and language of parts by
script (each run's w:lang against the letters it holds)."""

from __future__ import annotations

import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn

from . import findings as f
from .findings import Finding
from .scripts import foreign_words

Element = Any  # an lxml element of the document's XML (python-docx ships no types)

_RTL_SCRIPTS = {"Arabic", "Hebrew"}
_EAST_ASIAN = {"Han", "Kana", "Hangul"}
# Punctuation that ends a sentence or a clause, in any script, by the words of its Unicode name
# (category Po): . ? ! , : ; and their full-width, small and vertical forms, 。、 (ideographic),
# ; (Greek question mark) and · (ano teleia), ؟ ، ؛ ۔ (Arabic), । ॥ (Devanagari and the other
# Indic dandas), ։ (Armenian), ። (Ethiopic), ׃ (Hebrew sof pasuq), ། (Tibetan shad), ။ (Myanmar),
# ។ (Khmer), ‽ …
_ENDING_NAMES = (
    "FULL STOP",
    "QUESTION MARK",
    "EXCLAMATION MARK",
    "INTERROBANG",
    "COMMA",
    "COLON",
    "SEMICOLON",
    "ELLIPSIS",
    "DANDA",
    "TELEIA",
    "SOF PASUQ",
    "SHAD",
    "SIGN SECTION",
    "SIGN LITTLE SECTION",
    "SIGN KHAN",
    "ANGKHANKHU",
)
_CLOSING = ("Pe", "Pf")  # closing brackets and quotation marks, which may follow the punctuation
# Not empty: a picture, a field, a section break, or tabs whose leader draws lines to write on.
_CONTENT = ("w:drawing", "w:pict", "w:object", "w:sectPr", "w:fldChar", "w:r/w:tab", "w:r/w:ptab")
HEADING_WORDS = 10
EXAMPLES = 3


class _Styles:
    """Paragraph and character styles by id, resolved through basedOn."""

    def __init__(self, document: Any) -> None:
        root = document.styles.element
        self.styles: dict[str, Element] = {
            s.get(qn("w:styleId")): s for s in root.iter(qn("w:style"))
        }
        self.defaults = root.find(qn("w:docDefaults"))
        self.default_paragraph = next(
            (
                s.get(qn("w:styleId"))
                for s in root.iter(qn("w:style"))
                if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true")
            ),
            None,
        )

    def chain(self, style_id: str | None) -> Iterator[Element]:
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None

    def name(self, style_id: str | None) -> str:
        for style in self.chain(style_id):
            name = style.find(qn("w:name"))
            return str(name.get(qn("w:val"))) if name is not None else str(style_id)
        return "Normal"


def _paragraph_style(paragraph: Element, styles: _Styles) -> str | None:
    found = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return found.get(qn("w:val")) if found is not None else styles.default_paragraph


def _outline_level(paragraph: Element, styles: _Styles) -> bool:
    if paragraph.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}") is not None:
        return True
    for style in styles.chain(_paragraph_style(paragraph, styles)):
        level = style.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if level is not None:
            return level.get(qn("w:val")) not in ("9",)
    return False


def _run_property(run: Element, paragraph: Element, styles: _Styles, tag: str) -> Element | None:
    """The run's own w:rPr child `tag`, else its character style's, else the paragraph style
    chain's, else the document defaults'."""
    props = run.find(qn("w:rPr"))
    places = [props] if props is not None else []
    char_style = props.find(qn("w:rStyle")) if props is not None else None
    if char_style is not None:
        places += [s.find(qn("w:rPr")) for s in styles.chain(char_style.get(qn("w:val")))]
    places += [s.find(qn("w:rPr")) for s in styles.chain(_paragraph_style(paragraph, styles))]
    if styles.defaults is not None:
        places.append(styles.defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"))
    for place in places:
        found = place.find(qn(tag)) if place is not None else None
        if found is not None:
            return found
    return None


def _bold(run: Element, paragraph: Element, styles: _Styles) -> bool:
    found = _run_property(run, paragraph, styles, "w:b")
    return found is not None and found.get(qn("w:val")) not in ("0", "false", "off")


def _runs(paragraph: Element) -> Iterator[tuple[Element, str]]:
    for run in paragraph.iter(qn("w:r")):
        text = "".join(t.text or "" for t in run.iter(qn("w:t")))
        if text.strip():
            yield run, text


def check_docx(path: Path, shown: str) -> list[Finding]:
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        return [Finding(shown, f.UNREADABLE, f"cannot be read as a DOCX: {exc}")]
    styles = _Styles(document)
    out = []
    if not (document.core_properties.title or "").strip():
        out.append(
            Finding(shown, f.PAGE_TITLED, "the document has no title (File › Properties › Title)")
        )
    default_lang = _lang_of(styles)
    if not default_lang:
        out.append(
            Finding(
                shown,
                f.LANGUAGE_OF_PAGE,
                "the document has no language (w:lang in the default run properties), so a "
                "screen reader cannot tell which language to read it in",
            )
        )
    body = document.element.body
    paragraphs = list(body.iter(qn("w:p")))
    out += _bold_headings(paragraphs, styles, shown)
    out += _empty_paragraphs(paragraphs, styles, shown)
    out += _language_of_parts(paragraphs, styles, shown)
    return out


def _lang_of(styles: _Styles) -> str | None:
    if styles.defaults is None:
        return None
    found = styles.defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    value = found.get(qn("w:val")) if found is not None else None
    return str(value) if value else None


def _path(tags: str) -> str:
    return "/".join(qn(tag) for tag in tags.split("/"))


def _examples(items: list[str]) -> str:
    shown = ", ".join(f'"{item[:50]}"' for item in items[:EXAMPLES])
    return shown + (", …" if len(items) > EXAMPLES else "")


def ends_a_sentence(text: str) -> bool:
    """True when `text` ends with punctuation that ends a sentence or a clause, in any script
    (before any closing quotation marks or brackets): a line that ends so is not a heading."""
    text = text.rstrip()
    while text and (unicodedata.category(text[-1]) in _CLOSING or text[-1] in "\"'"):
        text = text[:-1].rstrip()
    if not text or unicodedata.category(text[-1]) != "Po":
        return False
    name = unicodedata.name(text[-1], "")
    return any(word in name for word in _ENDING_NAMES)


def _bold_headings(paragraphs: list[Element], styles: _Styles, shown: str) -> list[Finding]:
    found = []
    for paragraph in paragraphs:
        runs = list(_runs(paragraph))
        text = " ".join("".join(t for _, t in runs).split())
        if not runs or len(text.split()) > HEADING_WORDS or ends_a_sentence(text):
            continue
        if styles.name(_paragraph_style(paragraph, styles)) in ("Title", "Subtitle"):
            continue
        if _outline_level(paragraph, styles):
            continue
        if all(_bold(run, paragraph, styles) for run, _ in runs):
            found.append(text)
    if not found:
        return []
    if len(found) == 1:
        what, it = (
            "1 paragraph in bold on a line of its own looks like a heading but is not one",
            "it",
        )
    else:
        what = (
            f"{len(found)} paragraphs in bold on lines of their own look like headings but are not"
        )
        it = "them"
    return [
        Finding(
            shown,
            f.INFO_AND_RELATIONSHIPS,
            f"{what} ({_examples(found)}); give {it} a Heading style (an outline level) so "
            f"that the navigation pane and screen readers find {it}",
        )
    ]


def _empty_paragraphs(paragraphs: list[Element], styles: _Styles, shown: str) -> list[Finding]:
    empty = []
    for paragraph in paragraphs:
        if any(True for _ in _runs(paragraph)):
            continue
        if any(paragraph.find(".//" + _path(tag)) is not None for tag in _CONTENT):
            continue
        if any(br.get(qn("w:type")) == "page" for br in paragraph.iter(qn("w:br"))):
            continue
        parent = paragraph.getparent()
        if parent is not None and parent.tag == qn("w:tc") and len(parent.findall(qn("w:p"))) == 1:
            continue  # a table cell must hold a paragraph
        empty.append(styles.name(_paragraph_style(paragraph, styles)))
    if not empty:
        return []
    kinds = ", ".join(f"'{name}'" for name in dict.fromkeys(empty))
    return [
        Finding(
            shown,
            f.INFO_AND_RELATIONSHIPS,
            f"{len(empty)} empty paragraph{'s' if len(empty) > 1 else ''} ({kinds}) make space; "
            "a screen reader announces each one as blank: use paragraph spacing instead",
        )
    ]


def _language_of_parts(paragraphs: list[Element], styles: _Styles, shown: str) -> list[Finding]:
    found: dict[tuple[str, str], list[str]] = {}
    for paragraph in paragraphs:
        for run, text in _runs(paragraph):
            lang = _run_property(run, paragraph, styles, "w:lang")
            if lang is None:
                continue
            latin = lang.get(qn("w:val"))
            if not latin:
                continue
            for word, script in foreign_words(text, str(latin)):
                other = (
                    "w:bidi"
                    if script in _RTL_SCRIPTS
                    else "w:eastAsia"
                    if script in _EAST_ASIAN
                    else None
                )
                declared = lang.get(qn(other)) if other else None
                if declared and not list(foreign_words(word, str(declared))):
                    continue
                found.setdefault((script, str(declared or latin)), []).append(word)
    return [
        Finding(
            shown,
            f.LANGUAGE_OF_PARTS,
            f"{len(words)} word{'s' if len(words) > 1 else ''} in {script} script marked as "
            f"'{lang}' ({_examples(words)}); give those runs their language (w:lang)",
        )
        for (script, lang), words in sorted(found.items())
    ]
