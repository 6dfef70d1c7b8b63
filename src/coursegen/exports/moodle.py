"""Moodle XML: the course's discussion questions as a question bank, and its glossary as a
glossary to import.

course.moodle.xml    Moodle's question XML (question/format/xml): a category per lesson,
                     `$course$/top/<course title>/<Week N: lesson>`, and in it each discussion
                     question as an essay question. The question text is the question and the
                     passages it cites (students answer with the text in front of them); the
                     information for graders is what the instructor edition prints: the
                     question's number, Bloom level and minutes, the ¶ it cites, the notes.
glossary.moodle.xml  Moodle's glossary export (mod/glossary export.php / import.php): one ENTRY
                     per term of the course glossary, its other names as ALIASES, linked in
                     course text by Moodle's glossary filter (USEDYNALINK).

Auto-linking. An acronym is a term that coursegen matches as written (`TermView.case_sensitive`:
a term without a lowercase letter, such as START, NATO, G20 or P5+1, or one the glossary marks
`case_sensitive`, such as Quartet): its entry is CASESENSITIVE, so Moodle links "START" and not
the verb "start". Every entry is FULLMATCH (whole words only), as coursegen itself only matches
whole words: "reset" is not linked inside "preset".

Every text is escaped by the XML writer, never pasted: a definition with "<", "&" or "]]>"
imports as written. The HTML inside (question text, definitions) is escaped twice over, once
as HTML and once as XML, as Moodle's own export does. The output depends on the document only.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from html import escape as _escape
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a format module stays cheap to import (see render/__init__.py)
    from ..documents.model import Document, QuestionView, TermView

# Characters XML 1.0 cannot carry at all, even escaped (C0 controls but tab, CR, LF; U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
NAME_LENGTH = 80  # a question's name in the bank: its number and first words
HTML = "html"  # Moodle's name for FORMAT_HTML in question XML
FORMAT_HTML = "1"  # and its number, in the glossary's FORMAT


class MoodleFormat:
    name = "moodle"
    suffix = ".moodle.xml"
    kinds = frozenset({"course-package", "course-glossary"})
    default_for = frozenset({"publish"})

    def inputs(self, root: Path) -> Iterable[tuple[str, Path]]:
        return []  # made from the document alone

    def renderer(self, root: Path, timestamp: dt.datetime) -> MoodleRenderer:
        return MoodleRenderer()


class MoodleRenderer:
    def render(self, document: Document) -> bytes:
        if document.kind == "course-package":
            return _xml(question_bank(document))
        if document.kind == "course-glossary":
            return _xml(glossary(document))
        raise ValueError(
            f"Moodle XML is made of the course package and glossary, not {document.kind}"
        )


# -- the question bank ---------------------------------------------------------------------------


def question_bank(package: Document) -> ET.Element:
    """<quiz>: for each lesson (in the package's order), its category, then its questions."""
    quiz = ET.Element("quiz")
    course = package.meta.course.title
    for instructor, student in _lessons(package.parts):
        lesson = instructor.meta.lesson_name or instructor.heading
        quiz.append(_category(category_path(["$course$", "top", course, lesson]), instructor))
        lines = {q.number: q.answer_lines for q in (student.questions if student else ())}
        for question in instructor.questions:
            quiz.append(_essay(question, instructor, lines.get(question.number, 0)))
    return quiz


def _lessons(parts: Sequence[Document]) -> Iterator[tuple[Document, Document | None]]:
    """Each lesson's instructor edition, with its student sheet (for the space to answer)."""
    sheets = {d.meta.lesson: d for d in parts if d.kind == "questions"}
    for document in parts:
        if document.kind == "questions-instructor":
            yield document, sheets.get(document.meta.lesson)


def category_path(names: Sequence[str]) -> str:
    """Moodle's category path: names joined by '/', a '/' inside a name doubled (and a name
    that would then start or end with '/' padded with a space, which Moodle trims)."""
    escaped = []
    for name in names:
        part = name.replace("/", "//")
        part = (" " if part.startswith("/") else "") + part + (" " if part.endswith("/") else "")
        escaped.append(part)
    return "/".join(escaped)


def _category(path: str, instructor: Document) -> ET.Element:
    question = ET.Element("question", type="category")
    _text(ET.SubElement(question, "category"), path)
    summary = _p(instructor.summary, instructor.summary_language) if instructor.summary else ""
    _text(ET.SubElement(question, "info", format=HTML), summary)
    return question


def _essay(question: QuestionView, document: Document, answer_lines: int) -> ET.Element:
    essay = ET.Element("question", type="essay")
    _text(ET.SubElement(essay, "name"), question_name(question))
    _text(ET.SubElement(essay, "questiontext", format=HTML), _question_html(question, document))
    _text(ET.SubElement(essay, "generalfeedback", format=HTML), "")
    _leaf(essay, "defaultgrade", "1")
    _leaf(essay, "penalty", "0")
    _leaf(essay, "hidden", "0")
    _leaf(essay, "responseformat", "editor")
    _leaf(essay, "responserequired", "1")
    # the student sheet's ruled lines, in Moodle's steps of five (5 to 15)
    _leaf(essay, "responsefieldlines", str(max(5, -(-answer_lines // 5) * 5)))
    _leaf(essay, "attachments", "0")
    _leaf(essay, "attachmentsrequired", "0")
    _text(ET.SubElement(essay, "graderinfo", format=HTML), _grader_html(question, document))
    _text(ET.SubElement(essay, "responsetemplate", format=HTML), "")
    return essay


def question_name(question: QuestionView) -> str:
    """'Question 2: What does Lavrov mean when he says…': the bank lists questions by name."""
    words = " ".join(question.text.split())
    if len(words) > NAME_LENGTH:
        words = words[:NAME_LENGTH].rsplit(" ", 1)[0] + "…"
    return f"{question.heading}: {words}" if question.heading else words


def _question_html(question: QuestionView, document: Document) -> str:
    """The question with the excerpts it cites, as the cartridge's discussion topics show it."""
    from .fragments import question_html

    words = document.meta.labels_language
    return str(question_html(question, question.excerpts, document.language, words))


def _grader_html(question: QuestionView, document: Document) -> str:
    """The instructor edition's words: 'Question 2 · Analyze · 10 min', the ¶ cited, the notes."""
    heading = f"<strong>{escape(question.heading)}</strong>" if question.heading else ""
    parts = [f"<p>{heading} {escape(question.meta)}</p>" if question.meta else f"<p>{heading}</p>"]
    if question.cites:
        parts.append(_p(question.cites, None))
    if question.notes:
        if question.notes_label:
            parts.append(f"<p><strong>{escape(question.notes_label)}</strong></p>")
        parts.append(_p(question.notes, question.notes_language))
    return "\n".join(parts)


# -- the glossary --------------------------------------------------------------------------------


def glossary(document: Document) -> ET.Element:
    """<GLOSSARY><INFO>: the settings of a new glossary, then its ENTRIES."""
    root = ET.Element("GLOSSARY")
    info = ET.SubElement(root, "INFO")
    _leaf(info, "NAME", document.meta.title)
    _leaf(info, "INTRO", _p(document.course_line, None))
    _leaf(info, "INTROFORMAT", FORMAT_HTML)
    _leaf(info, "ALLOWDUPLICATEDENTRIES", "0")
    _leaf(info, "DISPLAYFORMAT", "dictionary")
    _leaf(info, "SHOWSPECIAL", "1")
    _leaf(info, "SHOWALPHABET", "1")
    _leaf(info, "SHOWALL", "1")
    _leaf(info, "ALLOWCOMMENTS", "0")
    _leaf(info, "USEDYNALINK", "1")
    _leaf(info, "DEFAULTAPPROVAL", "1")
    _leaf(info, "GLOBALGLOSSARY", "0")
    _leaf(info, "ENTBYPAGE", "20")
    if document.terms:  # Moodle reads ENTRIES/ENTRY only when there is one
        entries = ET.SubElement(info, "ENTRIES")
        for term in document.terms:
            entries.append(_entry(term))
    return root


def _entry(term: TermView) -> ET.Element:
    entry = ET.Element("ENTRY")
    _leaf(entry, "CONCEPT", term.term)
    _leaf(entry, "DEFINITION", definition_html(term))
    _leaf(entry, "FORMAT", FORMAT_HTML)
    _leaf(entry, "USEDYNALINK", "1")
    _leaf(entry, "CASESENSITIVE", "1" if term.case_sensitive else "0")
    _leaf(entry, "FULLMATCH", "1")
    _leaf(entry, "TEACHERENTRY", "1")
    aliases = [a for a in dict.fromkeys(a.strip() for a in term.aliases) if a and a != term.term]
    if aliases:
        element = ET.SubElement(entry, "ALIASES")
        for alias in aliases:
            _leaf(ET.SubElement(element, "ALIAS"), "NAME", alias)
    return entry


def definition_html(term: TermView) -> str:
    """The expansion, the definition and the related terms, as the glossary prints them."""
    parts = [_p(term.expansion, term.language)] if term.expansion else []
    parts.append(_p(term.definition, term.language))
    if term.see:
        parts.append(_p(term.see, None))
    return "\n".join(parts)


# -- writing -------------------------------------------------------------------------------------


def escape(text: str) -> str:
    """HTML text."""
    return _escape(text, quote=False)


def attribute(value: str) -> str:
    return _escape(value, quote=True)


def _lang(language: str | None) -> str:
    return f' lang="{attribute(language)}"' if language else ""


def _p(text: str, language: str | None) -> str:
    return f"<p{_lang(language)}>{escape(text)}</p>"


def _leaf(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = _NOT_XML.sub("", text)
    return element


def _text(parent: ET.Element, text: str) -> None:
    """Moodle's text field: <parent format="…"><text>…</text></parent>."""
    _leaf(parent, "text", text)


def _xml(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=False)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")
