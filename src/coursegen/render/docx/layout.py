"""Place a Document's strings into a Word body, each through a named style (styles.py)."""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ...documents.model import Document, ExcerptView, PassageView, QuestionView, TermView


class BodyWriter:
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

    def run(self, paragraph: Paragraph, text: str, style: str | None = None) -> Run:
        run = paragraph.add_run(text)
        if style is not None:
            run._r.style = self.style_ids[style]
        return run

    def write(self) -> None:
        doc = self.doc
        self.para(doc.course_line, "Course Line")
        if doc.meta_line:
            self.para(doc.meta_line, "Meta Line")
        self.para(doc.heading, "Title")
        self.para(doc.subtitle, "Subtitle")
        if doc.summary:
            self.para(doc.summary, "Summary")
        if doc.objectives_heading:
            self.para(doc.objectives_heading, "Heading 1")
            for objective in doc.objectives:
                self.para(objective, "List Bullet")
        if doc.instructions:
            self.para(doc.instructions, "Instructions")
        for excerpt in doc.excerpts:
            self.excerpt(excerpt, "Heading 1")
        if doc.questions_heading:
            heading = self.para(doc.questions_heading, "Heading 1")
            if doc.questions_total:
                self.run(heading, " " + doc.questions_total)
        for question in doc.questions:
            self.question(question)
        for term in doc.terms:
            self.term(term)
        if doc.empty:
            self.para(doc.empty)

    def excerpt(self, excerpt: ExcerptView, heading: str) -> None:
        self.para(excerpt.label, heading)
        if excerpt.note:
            self.para(excerpt.note, "Excerpt Note")
        for passage in excerpt.passages:
            if passage.heading:
                self.para(passage.heading, "Section Heading")
            self.passage(passage, excerpt.language)
        source = self.para(excerpt.source, "Citation")
        if excerpt.url:
            source.add_run(" " + excerpt.url)

    def passage(self, passage: PassageView, language: str) -> None:
        paragraph = self.para(style="Excerpt")
        self.run(paragraph, passage.label + "\t", "Paragraph Number")
        if passage.starts_mid:
            paragraph.add_run("… ")
        for span in passage.spans:
            run = self.run(paragraph, span.text, "Key Term" if span.term else None)
            if language != self.doc.language:
                _run_language(run, language)
        if passage.ends_mid:
            paragraph.add_run(" …")

    def question(self, question: QuestionView) -> None:
        kind = self.doc.kind
        if kind == "handout":
            paragraph = self.para(question.text, "List Number")
            if question.cites:
                self.run(paragraph, " " + question.cites, "Reference")
            return
        if question.heading:
            heading = self.para(question.heading, "Heading 2")
            if question.meta:
                self.run(heading, " " + question.meta)
            self.para(question.text, "Question Text")
        else:
            self.para(question.text, "Question")
        if question.cites:
            self.para(question.cites, "Question Reference")
        if question.notes_label and question.notes:
            self.run(self.para(style="Instructor Notes"), question.notes_label, "Label")
            self.para(question.notes, "Instructor Notes")
        for excerpt in question.excerpts:
            self.excerpt(excerpt, "Heading 3")
        for _ in range(question.answer_lines):
            self.para("", "Answer Line")

    def term(self, term: TermView) -> None:
        entry = self.para(term.term, "Glossary Term")
        if term.expansion:
            self.run(entry, " " + term.expansion, "Expansion")
        self.para(term.definition, "Glossary Definition")
        if term.where:
            self.para(term.where, "Glossary Reference")
        if term.see:
            self.para(term.see, "Glossary Reference")


def _run_language(run: Run, language: str) -> None:
    rpr = run._r.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:bidi"), language)
    rpr.append(lang)
