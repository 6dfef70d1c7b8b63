"""The course documents that are made of others, in Word: the course reader and the reading list.

The reader is one document: a cover, a table of contents, each lesson's handout, then the course
glossary, each part starting a page under a Heading 1 (its headings one level down: layout.py
`shift`). Each contents entry links to a bookmark at its part's heading and gives its page with
a PAGEREF field: the word processor computes the pages, which coursegen cannot know (the word
processor lays the document out, not coursegen). LibreOffice computes page references when it
lays the document out; Word when it updates fields, which the document asks for on opening
(w:updateFields). Each handout's question list starts again at 1.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from ...documents.model import Document
from . import ooxml
from .layout import BodyWriter
from .package import SETTINGS_ORDER

CONTENTS_STYLE = "toc 1"  # Word's own name for the first level of a table of contents
READING_STYLE = "Reading Entry"
# CT_Settings: updateFields and the elements between it and those package.py orders
SETTINGS_BEFORE = ("w:updateFields", "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr")


def write_reader(word: WordDocument, document: Document) -> None:
    cover = BodyWriter(word, document)
    cover.para(document.course_line, "Course Line")
    cover.para(document.heading, "Title")
    cover.mark(cover.para(document.subtitle, "Subtitle"), cover.fixed)
    course = document.course
    for line in (course.institution, course.instructor, course.term):
        if line:
            cover.para(line, "Meta Line")
    contents = cover.para(document.contents_heading or "", "Heading 1")
    contents.paragraph_format.page_break_before = True
    cover.mark(contents, cover.fixed)
    titles = [_title(part) for part in document.parts]
    _contents(word, cover, titles)
    for index, (part, title) in enumerate(zip(document.parts, titles, strict=True), start=1):
        writer = BodyWriter(word, part, shift=1)
        if part.meta_line:
            meta = writer.para(part.meta_line, "Meta Line")
            meta.paragraph_format.page_break_before = True
            writer.mark(meta, writer.fixed)
        heading = writer.para(title, "Heading 1")
        if not part.meta_line:
            heading.paragraph_format.page_break_before = True
        if part.kind == "course-glossary":
            writer.mark(heading, writer.fixed)
        _bookmark(heading, index)
        numbering = _restart_numbering(word) if part.questions else None
        first = len(word.element.body)
        writer.write_body()
        if numbering is not None:
            _renumber(word, first, numbering)
    _update_fields_on_open(word)


def write_reading_list(word: WordDocument, document: Document) -> None:
    writer = BodyWriter(word, document)
    writer.para(document.course_line, "Course Line")
    writer.para(document.heading, "Title")
    writer.mark(writer.para(document.subtitle, "Subtitle"), writer.fixed)
    style = _style(word, READING_STYLE, "Normal")
    style.paragraph_format.left_indent = Mm(8)
    style.paragraph_format.first_line_indent = Mm(-8)
    style.paragraph_format.space_after = Mm(1.5)
    writer.style_ids[READING_STYLE] = style.style_id
    for group in document.readings:
        writer.para(group.heading, "Heading 1")
        for reading in group.readings:
            entry = writer.para(style=READING_STYLE)
            writer.spans(entry, reading.spans, None)
            if reading.url:
                writer.run(entry, " " + reading.url, language=reading.url_language)


def _title(part: Document) -> str:
    return part.subtitle if part.kind == "course-glossary" else part.heading


def _contents(word: WordDocument, writer: BodyWriter, titles: list[str]) -> None:
    """An entry per part: a link to the part's bookmark, a tab with a dotted leader, and the
    part's page as a PAGEREF field. Not inside a TOC field: LibreOffice keeps a TOC field's
    entries as the text they were saved with, page references and all, while it computes a
    PAGEREF of its own (measured with LibreOffice 7.4)."""
    style = _style(word, CONTENTS_STYLE, "Normal")
    section = word.sections[0]
    width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    style.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    writer.style_ids[CONTENTS_STYLE] = style.style_id
    for index, title in enumerate(titles, start=1):
        entry = writer.para(style=CONTENTS_STYLE)
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), _anchor(index))
        link.set(qn("w:history"), "1")
        link.append(_text_run(title))
        tab = OxmlElement("w:r")
        tab.append(OxmlElement("w:tab"))
        link.append(tab)
        _field_start(link, f" PAGEREF {_anchor(index)} \\h ")
        link.append(_text_run(""))
        link.append(_field_char("end"))
        entry._p.append(link)


def _anchor(index: int) -> str:
    return f"_Toc_part_{index}"


def _bookmark(paragraph: Paragraph, index: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(index))
    start.set(qn("w:name"), _anchor(index))
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(index))
    runs = paragraph._p.findall(qn("w:r"))
    runs[0].addprevious(start)
    runs[-1].addnext(end)


def _field_start(parent: Any, instruction: str) -> None:
    begin = _field_char("begin")
    code = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    code.append(text)
    for element in (begin, code, _field_char("separate")):
        parent.append(element)


def _field_char(kind: str) -> Any:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def _text_run(text: str) -> Any:
    run = OxmlElement("w:r")
    element = OxmlElement("w:t")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    run.append(element)
    return run


def _style(word: WordDocument, name: str, base: str) -> Any:
    styles = word.styles
    found = next((s for s in styles if s.name == name), None)
    if found is None:
        found = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        found.base_style = styles[base]
    return found


def _restart_numbering(word: WordDocument) -> str:
    """A new numbering instance of the List Number style's list, starting again at 1."""
    numbering = word.part.numbering_part.element
    style = word.styles["List Number"]
    num_pr = style.element.pPr.find(qn("w:numPr")) if style.element.pPr is not None else None
    based = num_pr.find(qn("w:numId")).get(qn("w:val")) if num_pr is not None else None
    abstract = next(
        n.find(qn("w:abstractNumId")).get(qn("w:val"))
        for n in numbering.findall(qn("w:num"))
        if n.get(qn("w:numId")) == based
    )
    ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    num = OxmlElement("w:num")
    num_id = str(max(ids) + 1)
    num.set(qn("w:numId"), num_id)
    abstract_id = OxmlElement("w:abstractNumId")
    abstract_id.set(qn("w:val"), abstract)
    num.append(abstract_id)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    numbering.append(num)
    return num_id


def _renumber(word: WordDocument, first: int, num_id: str) -> None:
    """The List Number paragraphs written since body child `first` use numbering `num_id`."""
    style_id = word.styles["List Number"].style_id
    for p in list(word.element.body)[first:]:
        ppr = p.find(qn("w:pPr"))
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        if style is None or style.get(qn("w:val")) != style_id:
            continue
        num_pr = ooxml.child(ppr, "w:numPr", ooxml.PPR_ORDER)
        level = OxmlElement("w:ilvl")
        level.set(qn("w:val"), "0")
        number = OxmlElement("w:numId")
        number.set(qn("w:val"), num_id)
        num_pr.append(level)
        num_pr.append(number)


def _update_fields_on_open(word: WordDocument) -> None:
    settings = word.settings.element
    update = ooxml.child(settings, "w:updateFields", (*SETTINGS_BEFORE, *SETTINGS_ORDER))
    update.set(qn("w:val"), "true")
