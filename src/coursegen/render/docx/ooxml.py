"""Small WordprocessingML helpers: children in the order the schema wants (ISO/IEC 29500-1
§17.3.1.26 pPr, §17.3.2.28 rPr), complex-script twins of run properties, and `w:lang`."""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ...content.scripts import is_rtl

# CT_RPr's children, in order (python-docx inserts some of them in order, not szCs or lang).
RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
    "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
    "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
    "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
    "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip
# CT_PPrBase's children, in order, then CT_PPr's own.
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)  # fmt: skip
# Each Latin (ASCII/high ANSI) run property and its complex-script twin (§17.3.2.2, .17, .39).
COMPLEX_TWINS = (("w:b", "w:bCs"), ("w:i", "w:iCs"), ("w:sz", "w:szCs"))
# CJK languages: their tag also goes into w:eastAsia, as a right-to-left language's goes into
# w:bidi: the attributes Word reads for East Asian and complex-script text (§17.3.2.20).
EAST_ASIAN = frozenset({"zh", "ja", "ko"})


def child(parent: Any, tag: str, order: tuple[str, ...]) -> Any:
    """`parent`'s `tag` child, added at its place in `order` when it has none."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        later = {qn(name) for name in order[order.index(tag) + 1 :]}
        following = next((c for c in parent if c.tag in later), None)
        if following is None:
            parent.append(found)
        else:
            following.addprevious(found)
    return found


def complex_twins(rpr: Any) -> None:
    """Give each of w:b, w:i and w:sz in `rpr` its complex-script twin with the same value, so that
    Arabic or Hebrew text is as bold, italic and large as Latin text set in the same style."""
    if rpr is None:
        return
    for latin, twin in COMPLEX_TWINS:
        source = rpr.find(qn(latin))
        if source is None:
            continue
        target = child(rpr, twin, RPR_ORDER)
        value = source.get(qn("w:val"))
        if value is None:
            target.attrib.pop(qn("w:val"), None)
        else:
            target.set(qn("w:val"), value)


def primary(language: str) -> str:
    """The primary language subtag of a BCP 47 tag: 'ru' of 'ru-RU', 'zh' of 'zh-Hant-TW'."""
    return language.replace("_", "-").split("-", 1)[0].casefold()


def set_language(rpr: Any, language: str) -> None:
    """`w:lang` for text in `language`, in every attribute that applies to its script."""
    language_attributes(child(rpr, "w:lang", RPR_ORDER), language)


def language_attributes(lang: Any, language: str) -> None:
    """Set `language` on a w:lang (or w:themeFontLang) element."""
    lang.set(qn("w:val"), language)
    if is_rtl(language):
        lang.set(qn("w:bidi"), language)
    if primary(language) in EAST_ASIAN:
        lang.set(qn("w:eastAsia"), language)


def run_language(run: Any, language: str) -> None:
    """Mark a run (a python-docx Run's `w:r`) as text in `language`."""
    set_language(run.get_or_add_rPr(), language)


def direction(properties: Any, rtl: bool) -> None:
    """Right to left (or, with `rtl` False, explicitly left to right, against a right-to-left
    style): w:bidi in a paragraph's pPr (§17.3.1.6), w:rtl in a run's rPr (§17.3.2.30)."""
    paragraph = properties.tag in (qn("w:pPr"), qn("w:pPrDefault"))
    tag, order = ("w:bidi", PPR_ORDER) if paragraph else ("w:rtl", RPR_ORDER)
    found = child(properties, tag, order)
    if rtl:
        found.attrib.pop(qn("w:val"), None)
    else:
        found.set(qn("w:val"), "0")


def complex_font(rpr: Any, font: str) -> None:
    """The font of complex-script text (Arabic, Hebrew…) in a run or style: w:rFonts w:cs."""
    fonts = child(rpr, "w:rFonts", RPR_ORDER)
    fonts.set(qn("w:cs"), font)
    fonts.attrib.pop(qn("w:cstheme"), None)  # a theme font would win over the one named here
