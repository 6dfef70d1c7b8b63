"""The Word style sheet: the named styles every coursegen DOCX uses, added where the reference
document lacks them, so a `reference.docx` can restyle everything."""

from __future__ import annotations

from typing import Any

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor

from ...content.scripts import ARABIC, HEBREW, scripts_of
from .ooxml import PPR_ORDER, child, complex_font, complex_twins, direction

ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
MUTED = RGBColor(0x5B, 0x64, 0x70)
RULE = RGBColor(0x9A, 0xA4, 0xAE)  # the answer lines, as in style.css
SERIF = "Noto Serif"
SANS = "Noto Sans"
THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
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
    "Section Heading": ("Heading 2", SANS, 9.5, True, False, ACCENT, 4, 2),
    "Cited Section Heading": ("Heading 4", SANS, 9.5, True, False, ACCENT, 4, 2),
    "Citation": ("Normal", SANS, 8, False, False, RGBColor(0x4A, 0x53, 0x5E), 2, 10),
    "Question": ("List Number", None, 10.5, True, False, None, 6, 2),
    "Question Text": ("Normal", None, 10.5, True, False, None, 0, 2),
    "Question Reference": ("Normal", SANS, 8.5, False, False, MUTED, 0, 2),
    "Answer Area": ("Normal", None, 10.5, False, False, RULE, 0, 6),
    "Instructor Notes": ("Normal", None, 10, False, False, None, 2, 6),
    "Glossary Term": ("Heading 1", SANS, 10.5, True, False, ACCENT, 6, 0),
    "Glossary Definition": ("Normal", None, 10.5, False, False, None, 0, 1),
    "Glossary Reference": ("Normal", SANS, 8.5, False, False, MUTED, 0, 2),
}
# The styles that are headings, by outline level (0 is Heading 1), so that Word's navigation pane,
# a table of contents and a tagged PDF see them: each is based on the Heading style of its level
# and also says its level itself, in case a reference document lacks that Heading style.
OUTLINE_LEVELS = {"Section Heading": 1, "Cited Section Heading": 3, "Glossary Term": 0}
ANSWER_LINE = Pt(24)  # the height of one ruled answer line (8.5 mm in style.css)
# name: (bold, size, colour)
CHARACTER_STYLES: dict[str, tuple[bool | None, float | None, RGBColor | None]] = {
    "Key Term": (True, None, None),
    "Paragraph Number": (None, 7.5, MUTED),
    "Reference": (None, 8.5, MUTED),
    "Label": (True, None, None),
    "Expansion": (False, None, None),
}


# The fonts of complex-script text (w:rFonts w:cs), by script: (serif, sans), for the styles set
# in SERIF and in SANS. Noto Serif and Noto Sans have no Arabic or Hebrew letters.
COMPLEX_FONTS = {
    ARABIC: ("Noto Naskh Arabic", "Noto Sans Arabic"),
    HEBREW: ("Noto Serif Hebrew", "Noto Sans Hebrew"),
}


def complex_script_font(language: str | None, sans: bool = False) -> str | None:
    """The font for text in `language` where it is a complex (right-to-left) script, else None."""
    scripts = scripts_of(language) if language else None
    for script, fonts in COMPLEX_FONTS.items():
        if scripts is not None and script in scripts:
            return fonts[sans]
    return None


def sans_styles() -> tuple[str, ...]:
    """The names of the styles set in SANS (the others are SERIF)."""
    headings = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4")
    return headings + tuple(n for n, spec in PARAGRAPH_STYLES.items() if spec[1] == SANS)


def right_to_left_styles(word: WordDocument, language: str) -> None:
    """The styles of a document in a right-to-left language: paragraphs right to left (w:bidi)
    and runs too (w:rtl), by default and in Normal; complex-script text in the script's fonts
    (serif, or sans in the sans styles); and no letter-spacing in the Title, which breaks the
    joining of Arabic letters."""
    styles = word.styles.element
    defaults = child(styles, "w:docDefaults", ("w:docDefaults", "w:latentStyles", "w:style"))
    paragraphs = child(defaults, "w:pPrDefault", ("w:rPrDefault", "w:pPrDefault"))
    direction(child(paragraphs, "w:pPr", ("w:pPr",)), True)
    runs = child(defaults, "w:rPrDefault", ("w:rPrDefault", "w:pPrDefault"))
    direction(child(runs, "w:rPr", ("w:rPr",)), True)
    serif = complex_script_font(language)
    if serif is not None:
        complex_font(child(runs, "w:rPr", ("w:rPr",)), serif)
    sans = set(sans_styles())
    for style in word.styles:
        element = style.element
        if style.name == "Normal":
            direction(element.get_or_add_pPr(), True)
            direction(element.get_or_add_rPr(), True)
        rpr = element.rPr
        if serif is not None and rpr is not None and rpr.find(qn("w:rFonts")) is not None:
            complex_font(rpr, complex_script_font(language, style.name in sans) or serif)
        if style.name == "Title" and rpr is not None:
            for spacing in rpr.findall(qn("w:spacing")):
                rpr.remove(spacing)


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
    for style in styles:
        complex_twins(style.element.rPr)
    explicit_fonts(styles.element)


def explicit_fonts(styles: Any) -> None:
    """Name a font wherever python-docx's template names a theme font (docDefaults, the styles
    coursegen does not set, linked character styles, table styles): a theme's major (headings)
    font becomes SANS, its minor (body) font SERIF, so that Word does not draw Calibri or
    Cambria from the template's theme."""
    for fonts in styles.iter(qn("w:rFonts")):
        explicit_names = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
        for theme, explicit in zip(THEME_FONTS, explicit_names, strict=True):
            value = fonts.attrib.pop(qn(theme), None)
            if value is not None:
                fonts.set(qn(explicit), SANS if value.startswith("major") else SERIF)


def _all_script_fonts(style_element: Any, font: str) -> None:
    rpr = style_element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), font)
    for attribute in THEME_FONTS:  # a theme font would win over the font named here
        fonts.attrib.pop(qn(attribute), None)


def ensure_styles(word: WordDocument) -> None:
    """Add each coursegen style the document lacks; styles it has are left as they are, but for
    the outline level of those that are headings (structure, which a restyle must not lose)."""
    styles = word.styles
    existing = {s.name for s in styles}
    for name, (base, font, size, bold, italic, colour, before, after) in PARAGRAPH_STYLES.items():
        if name in existing:
            if name in OUTLINE_LEVELS:
                ppr = styles[name].element.get_or_add_pPr()
                child(ppr, "w:outlineLvl", PPR_ORDER).set(qn("w:val"), str(OUTLINE_LEVELS[name]))
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
        _details(name, style, _text_width(word))
        if name in OUTLINE_LEVELS:
            _outline_level(style.element, OUTLINE_LEVELS[name])
        complex_twins(style.element.rPr)
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
        complex_twins(character.element.rPr)


def _details(name: str, style: Any, text_width: Length) -> None:
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
    if name == "Answer Area":
        # One paragraph for all the lines of a question: each line is a tab to a right tab stop
        # at the text's width whose leader draws the rule, then a line break. Word and LibreOffice
        # both draw it (unlike bottom borders, which merge across paragraphs, §17.3.1.7).
        paragraph.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES)
        paragraph.line_spacing = ANSWER_LINE
        paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.keep_together = True
    if name in ("Question", "Question Text", "Question Reference"):
        paragraph.keep_with_next = True  # a question stays with its answer area
        paragraph.keep_together = True
    if name in ("Glossary Term", "Section Heading", "Cited Section Heading", "Excerpt Note"):
        paragraph.keep_with_next = True  # a heading or a note stays with what it introduces
    if name in ("Excerpt", "Glossary Definition", "Instructor Notes"):
        paragraph.widow_control = True  # two lines at least on each side of a page break
    if name in ("Citation", "Glossary Definition", "Glossary Reference", "Instructor Notes"):
        paragraph.keep_together = True
    if name == "Instructor Notes":
        paragraph.left_indent = Mm(5)


def _text_width(word: WordDocument) -> Length:
    """The width between the margins of the document's first section."""
    section = word.sections[0]
    page, left, right = section.page_width, section.left_margin, section.right_margin
    if page is None or left is None or right is None:
        return Length(PAPER["letter"][0] - Mm(44))
    return Length(page - left - right)


def _outline_level(style_element: Any, level: int) -> None:
    ppr = style_element.get_or_add_pPr()
    child(ppr, "w:outlineLvl", PPR_ORDER).set(qn("w:val"), str(level))
    if ppr.find(qn("w:numPr")) is None:  # no "1.2" from a reference's numbered headings
        numbering = child(ppr, "w:numPr", PPR_ORDER)
        child(numbering, "w:numId", ("w:ilvl", "w:numId")).set(qn("w:val"), "0")


def named_style(word: WordDocument, name: str) -> Any:
    """The style called `name` (any case), or None: reference documents from LibreOffice or other
    Word versions may lack a style or spell its name differently."""
    wanted = name.casefold()
    return next((s for s in word.styles if (s.name or "").casefold() == wanted), None)
