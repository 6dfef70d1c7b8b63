"""The Word style sheet: the named styles every coursegen DOCX uses, added where the reference
document lacks them, so a `reference.docx` can restyle everything."""

from __future__ import annotations

from typing import Any

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
MUTED = RGBColor(0x5B, 0x64, 0x70)
SERIF = "Noto Serif"
SANS = "Noto Sans"
PAPER = {"letter": (Mm(215.9), Mm(279.4)), "a4": (Mm(210), Mm(297))}

# name: (base style, font, size, bold, italic, colour, space before, space after)
PARAGRAPH_STYLES: dict[
    str, tuple[str, str | None, float, bool, bool, RGBColor | None, float, float]
] = {
    "Course Line": ("Normal", SANS, 8.5, False, False, MUTED, 0, 2),
    "Meta Line": ("Normal", SANS, 9, False, False, MUTED, 0, 2),
    "Summary": ("Normal", None, 11, False, True, None, 0, 8),
    "Instructions": ("Normal", None, 10, False, True, RGBColor(0x39, 0x42, 0x4E), 0, 4),
    "Excerpt": ("Normal", None, 10.5, False, False, None, 0, 5),
    "Excerpt Note": ("Normal", None, 10, False, True, RGBColor(0x39, 0x42, 0x4E), 0, 4),
    "Section Heading": ("Normal", SANS, 9.5, True, False, ACCENT, 4, 2),
    "Citation": ("Normal", SANS, 8, False, False, RGBColor(0x4A, 0x53, 0x5E), 2, 10),
    "Question": ("List Number", None, 10.5, True, False, None, 6, 2),
    "Question Text": ("Normal", None, 10.5, True, False, None, 0, 2),
    "Question Reference": ("Normal", SANS, 8.5, False, False, MUTED, 0, 2),
    "Answer Line": ("Normal", None, 10.5, False, False, None, 0, 0),
    "Instructor Notes": ("Normal", None, 10, False, False, None, 2, 6),
    "Glossary Term": ("Normal", SANS, 10.5, True, False, ACCENT, 6, 0),
    "Glossary Definition": ("Normal", None, 10.5, False, False, None, 0, 1),
    "Glossary Reference": ("Normal", SANS, 8.5, False, False, MUTED, 0, 2),
}
# name: (bold, size, colour)
CHARACTER_STYLES: dict[str, tuple[bool | None, float | None, RGBColor | None]] = {
    "Key Term": (True, None, None),
    "Paragraph Number": (None, 7.5, MUTED),
    "Reference": (None, 8.5, MUTED),
    "Label": (True, None, None),
    "Expansion": (False, None, None),
}


def default_look(word: WordDocument, paper: str) -> None:
    """Page set-up and base styles of the built-in look (when there is no reference.docx)."""
    section = word.sections[0]
    section.page_width, section.page_height = PAPER.get(paper, PAPER["letter"])
    section.top_margin = section.bottom_margin = Mm(22)
    section.left_margin, section.right_margin = Mm(24), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)
    styles = word.styles
    normal = styles["Normal"]
    normal.font.name = SERIF
    normal.font.size = Pt(10.5)
    _all_script_fonts(normal.element, SERIF)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.widow_control = True
    for name, size in (
        ("Title", 20),
        ("Subtitle", 11),
        ("Heading 1", 14),
        ("Heading 2", 12),
        ("Heading 3", 10.5),
        ("Heading 4", 10),
    ):
        style = styles[name]
        style.font.name = SANS
        _all_script_fonts(style.element, SANS)
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT if name != "Subtitle" else RGBColor(0x8A, 0x5A, 0x00)
        style.font.italic = False
        style.paragraph_format.keep_with_next = True
    for name, size in (("Header", 7.5), ("Footer", 8)):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = MUTED
    styles["Footer"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _all_script_fonts(style_element: Any, font: str) -> None:
    rpr = style_element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), font)


def ensure_styles(word: WordDocument) -> None:
    """Add each coursegen style the document lacks; styles it has are left as they are."""
    styles = word.styles
    existing = {s.name for s in styles}
    for name, (base, font, size, bold, italic, colour, before, after) in PARAGRAPH_STYLES.items():
        if name in existing:
            continue
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base] if base in existing else styles["Normal"]
        style.quick_style = True
        if font:
            style.font.name = font
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = italic
        if colour is not None:
            style.font.color.rgb = colour
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        _details(name, style)
    for name, (strong, points, tint) in CHARACTER_STYLES.items():
        if name in existing:
            continue
        character = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        if strong is not None:
            character.font.bold = strong
        if points is not None:
            character.font.size = Pt(points)
        if tint is not None:
            character.font.color.rgb = tint


def _details(name: str, style: Any) -> None:
    paragraph = style.paragraph_format
    if name == "Course Line":
        style.font.all_caps = True
    if name == "Excerpt":
        paragraph.left_indent = Mm(10)
        paragraph.first_line_indent = Mm(-10)
        paragraph.tab_stops.add_tab_stop(Mm(10))
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if name in ("Citation", "Excerpt Note"):
        paragraph.left_indent = Mm(10)
    if name == "Answer Line":
        _bottom_border(style.element)
        paragraph.line_spacing = Pt(24)
    if name in ("Question", "Question Text", "Glossary Term", "Section Heading"):
        paragraph.keep_with_next = True
    if name == "Instructor Notes":
        paragraph.left_indent = Mm(5)


def _bottom_border(style_element: Any) -> None:
    ppr = style_element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "9AA4AE")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def named_style(word: WordDocument, name: str) -> Any:
    """The style called `name` (any case), or None: reference documents from LibreOffice or other
    Word versions may lack a style or spell its name differently."""
    wanted = name.casefold()
    return next((s for s in word.styles if (s.name or "").casefold() == wanted), None)
