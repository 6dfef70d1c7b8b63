"""Documents to DOCX with python-docx: real, named Word styles so an instructor can restyle them."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from ..documents.model import Document, ExcerptView, PassageView, QuestionView

ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
MUTED = RGBColor(0x5B, 0x64, 0x70)
SERIF = "Noto Serif"
SANS = "Noto Sans"
PAPER = {"letter": (Mm(215.9), Mm(279.4)), "a4": (Mm(210), Mm(297))}

# name: (base style, font, size, bold, italic, colour, space before, space after)
_PARAGRAPH_STYLES: dict[
    str, tuple[str, str | None, float, bool, bool, RGBColor | None, float, float]
] = {
    "Course Line": ("Normal", SANS, 8.5, False, False, MUTED, 0, 2),
    "Summary": ("Normal", None, 11, False, True, None, 0, 8),
    "Excerpt": ("Normal", None, 10.5, False, False, None, 0, 5),
    "Excerpt Note": ("Normal", None, 10, False, True, RGBColor(0x39, 0x42, 0x4E), 0, 4),
    "Section Heading": ("Normal", SANS, 9.5, True, False, ACCENT, 4, 2),
    "Citation": ("Normal", SANS, 8, False, False, RGBColor(0x4A, 0x53, 0x5E), 2, 10),
    "Question": ("List Number", None, 10.5, True, False, None, 6, 2),
    "Question Reference": ("Normal", SANS, 8.5, False, False, MUTED, 0, 2),
    "Answer Line": ("Normal", None, 10.5, False, False, None, 0, 0),
    "Instructor Notes": ("Normal", None, 10, False, False, None, 2, 6),
    "Glossary Term": ("Normal", SANS, 10.5, True, False, ACCENT, 6, 0),
    "Glossary Definition": ("Normal", None, 10.5, False, False, None, 0, 1),
    "Glossary Reference": ("Normal", SANS, 8.5, False, False, MUTED, 0, 2),
}
_CHARACTER_STYLES = {"Key Term": True}


class DocxRenderer:
    """`reference` is a .docx whose styles, page set-up, headers and theme are used (pandoc-style)."""

    def __init__(self, reference: Path | None = None) -> None:
        self.reference = reference if reference is not None and reference.is_file() else None
        self._bases: dict[str, bytes] = {}

    def _base(self, paper: str) -> bytes:
        """The empty, fully styled package for a paper size, made once and reopened per document."""
        if paper not in self._bases:
            word = docx.Document(str(self.reference)) if self.reference else docx.Document()
            _clear_body(word)
            if self.reference is None:
                _default_look(word, paper)
            _ensure_styles(word)
            buffer = io.BytesIO()
            word.save(buffer)
            self._bases[paper] = buffer.getvalue()
        return self._bases[paper]

    def render(self, document: Document, timestamp: dt.datetime) -> bytes:
        word = docx.Document(io.BytesIO(self._base(document.paper)))
        _metadata(word, document, timestamp)
        _language(word, document.language)
        _header_footer(word, document)
        _Writer(word, document).write()
        buffer = io.BytesIO()
        word.save(buffer)
        return normalise_zip(buffer.getvalue(), timestamp)


def normalise_zip(data: bytes, timestamp: dt.datetime) -> bytes:
    """Set one fixed date on every entry of the package, so equal inputs give equal bytes.

    The dates are patched in place in the local and central headers: nothing is recompressed.
    """
    year, month, day, hour, minute, second = max(timestamp, dt.datetime(1980, 1, 1)).timetuple()[:6]
    stamp = struct.pack(
        "<HH",
        (hour << 11) | (minute << 5) | (second // 2),
        ((year - 1980) << 9) | (month << 5) | day,
    )
    patched = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for info in package.infolist():
            patched[info.header_offset + 10 : info.header_offset + 14] = stamp
        offset = package.start_dir
    while patched[offset : offset + 4] == b"PK\x01\x02":
        patched[offset + 12 : offset + 16] = stamp
        names, extra, comment = struct.unpack("<HHH", patched[offset + 28 : offset + 34])
        offset += 46 + names + extra + comment
    return bytes(patched)


def _clear_body(word: WordDocument) -> None:
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _default_look(word: WordDocument, paper: str) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = PAPER.get(paper, PAPER["letter"])
    section.top_margin = section.bottom_margin = Mm(22)
    section.left_margin, section.right_margin = Mm(24), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)
    styles = word.styles
    normal = styles["Normal"]
    normal.font.name = SERIF
    normal.font.size = Pt(10.5)
    _east_asian_and_complex_fonts(normal.element, SERIF)
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
        _east_asian_and_complex_fonts(style.element, SANS)
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT if name != "Subtitle" else RGBColor(0x8A, 0x5A, 0x00)
        style.font.italic = False
        style.paragraph_format.keep_with_next = True


def _east_asian_and_complex_fonts(style_element: object, font: str) -> None:
    rpr = style_element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), font)


def _ensure_styles(word: WordDocument) -> None:
    styles = word.styles
    existing = {s.name for s in styles}
    for name, (base, font, size, bold, italic, colour, before, after) in _PARAGRAPH_STYLES.items():
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
        if name == "Excerpt":
            style.paragraph_format.left_indent = Mm(10)
            style.paragraph_format.first_line_indent = Mm(-10)
            style.paragraph_format.tab_stops.add_tab_stop(Mm(10))
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if name in ("Citation", "Excerpt Note"):
            style.paragraph_format.left_indent = Mm(10)
        if name == "Answer Line":
            _bottom_border(style.element)
            style.paragraph_format.line_spacing = Pt(24)
        if name in ("Question", "Glossary Term", "Section Heading"):
            style.paragraph_format.keep_with_next = True
        if name == "Instructor Notes":
            style.paragraph_format.left_indent = Mm(5)
    for name, bold in _CHARACTER_STYLES.items():
        if name not in existing:
            style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
            style.font.bold = bold


def _bottom_border(style_element: object) -> None:
    ppr = style_element.get_or_add_pPr()  # type: ignore[attr-defined]
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "9AA4AE")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _metadata(word: WordDocument, document: Document, timestamp: dt.datetime) -> None:
    props = word.core_properties
    props.title = document.title
    props.subject = document.subtitle
    props.author = document.author or ""
    props.last_modified_by = document.author or ""
    props.language = document.language
    props.keywords = document.course.label
    props.comments = "Generated by coursegen"
    props.created = props.modified = timestamp
    props.last_printed = timestamp
    props.revision = 1
    props.category = document.kind


def _language(word: WordDocument, language: str) -> None:
    normal = _named(word, "Normal")
    if normal is None:
        return
    rpr = normal.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:bidi"), language)


def _named(word: WordDocument, name: str) -> Any:
    """The style called `name` (any case), or None: reference documents from LibreOffice or other
    Word versions may lack a style or spell its name differently."""
    wanted = name.casefold()
    return next((s for s in word.styles if (s.name or "").casefold() == wanted), None)


def _header_footer(word: WordDocument, document: Document) -> None:
    section = word.sections[0]
    section.different_first_page_header_footer = True
    header = (
        section.header.paragraphs[0]
        if section.header.paragraphs
        else section.header.add_paragraph()
    )
    header.text = document.running_header
    if (style := _named(word, "Header")) is not None:
        header.style = style
    for run in header.runs:
        run.font.size = Pt(7.5)
        run.font.color.rgb = MUTED
    for footer in (section.footer, section.first_page_footer):
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        paragraph.text = ""
        if (style := _named(word, "Footer")) is not None:
            paragraph.style = style
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run("Page ")
        _field(paragraph, "PAGE", "1")
        paragraph.add_run(" of ")
        _field(paragraph, "NUMPAGES", "1")
        for run in paragraph.runs:
            run.font.size = Pt(8)


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


class _Writer:
    def __init__(self, word: WordDocument, document: Document) -> None:
        self.word = word
        self.doc = document
        # python-docx looks a style up by scanning all styles on every assignment; once is enough.
        self.style_ids = {s.name: s.style_id for s in word.styles}

    def para(self, text: str = "", style: str = "Normal") -> Paragraph:
        paragraph = self.word.add_paragraph(text)
        if style != "Normal":
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def write(self) -> None:
        doc = self.doc
        course = doc.course.label + (f" · {doc.course.term}" if doc.course.term else "")
        if doc.course.instructor:
            course += f" · {doc.course.instructor}"
        self.para(course.upper(), "Course Line")
        if doc.meta_line:
            self.para(doc.meta_line, "Course Line")
        heading = (
            doc.course.title
            if doc.kind == "course-glossary"
            else (doc.lesson_title or doc.course.title)
        )
        self.para(heading, "Title")
        self.para(doc.subtitle, "Subtitle")
        if doc.kind == "handout":
            self.handout()
        elif doc.kind == "questions":
            self.student_questions()
        elif doc.kind == "questions-instructor":
            self.instructor()
        else:
            self.glossary()

    def intro(self) -> None:
        if self.doc.summary:
            self.para(self.doc.summary, "Summary")
        if self.doc.objectives:
            self.para("Learning objectives", "Heading 1")
            for objective in self.doc.objectives:
                self.para(objective, "List Bullet")

    def handout(self) -> None:
        self.intro()
        for excerpt in self.doc.excerpts:
            self.excerpt(excerpt, "Heading 1")
        if self.doc.questions:
            self.para("Questions for discussion", "Heading 1")
            for question in self.doc.questions:
                paragraph = self.para(question.text, "List Number")
                if question.cites:
                    run = paragraph.add_run(f" ({question.cites})")
                    run.font.color.rgb = MUTED
                    run.font.size = Pt(8.5)

    def excerpt(self, excerpt: ExcerptView, heading: str) -> None:
        self.para(excerpt.label, heading)
        if excerpt.note:
            self.para(excerpt.note, "Excerpt Note")
        for passage in excerpt.passages:
            if passage.heading:
                self.para(passage.heading, "Section Heading")
            self.passage(passage, excerpt.language)
        source = f"Source: {excerpt.citation}" + (f" {excerpt.url}" if excerpt.url else "")
        self.para(source, "Citation")

    def passage(self, passage: PassageView, language: str) -> None:
        paragraph = self.para(style="Excerpt")
        number = paragraph.add_run(f"¶{passage.number}\t")
        number.font.size = Pt(7.5)
        number.font.color.rgb = MUTED
        if passage.starts_mid:
            paragraph.add_run("… ")
        for span in passage.spans:
            run = paragraph.add_run(span.text)
            if span.term:
                run._r.style = self.style_ids["Key Term"]
            if language != self.doc.language:
                _run_language(run, language)
        if passage.ends_mid:
            paragraph.add_run(" …")

    def student_questions(self) -> None:
        self.para(
            "Answer each question in the space below it. References such as ¶4 are to the "
            "numbered paragraphs of the handout.",
            "Excerpt Note",
        ).paragraph_format.left_indent = Mm(0)
        for question in self.doc.questions:
            self.para(question.text, "Question")
            if question.cites:
                self.para(question.cites, "Question Reference")
            for _ in range(question.answer_lines):
                self.para("", "Answer Line")

    def instructor(self) -> None:
        self.intro()
        total = f" · {self.doc.total_minutes} minutes in all" if self.doc.total_minutes else ""
        self.para(f"Discussion plan{total}", "Heading 1")
        for question in self.doc.questions:
            self.para(f"Question {question.number}{_question_meta(question)}", "Heading 2")
            bold = self.para(question.text)
            for run in bold.runs:
                run.bold = True
            if question.cites:
                self.para(question.cites, "Question Reference")
            if question.notes:
                notes = self.para(style="Instructor Notes")
                label = notes.add_run("Notes: ")
                label.bold = True
                notes.add_run(question.notes)
            for excerpt in question.excerpts:
                self.excerpt(excerpt, "Heading 3")

    def glossary(self) -> None:
        if not self.doc.terms:
            self.para("This lesson has no glossary terms.")
            return
        label = "Lessons: " if self.doc.kind == "course-glossary" else "Appears in: Excerpt "
        for term in self.doc.terms:
            entry = self.para(term.term, "Glossary Term")
            if term.expansion:
                expansion = entry.add_run(f" ({term.expansion})")
                expansion.bold = False
            self.para(term.definition, "Glossary Definition")
            if term.where:
                self.para(label + term.where, "Glossary Reference")
            if term.see:
                self.para("See also: " + ", ".join(term.see), "Glossary Reference")


def _question_meta(question: QuestionView) -> str:
    parts = [
        p for p in (question.level, f"{question.minutes} min" if question.minutes else None) if p
    ]
    return " · " + " · ".join(parts) if parts else ""


def _run_language(run: object, language: str) -> None:
    rpr = run._r.get_or_add_rPr()  # type: ignore[attr-defined]
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:bidi"), language)
    rpr.append(lang)
