"""Place a Document's strings into a Word body, each through a named style (styles.py).

Structure for assistive technology: headings are paragraphs in heading styles with an outline
level, one level at a time (Title, then Heading 1, 2, 3…); no paragraph is left empty for space
(the answer lines of a question are one paragraph); a run of text in another language than the
document's carries `w:lang` (the document's own language is the styles' default, package.py), and
so do the fixed words when they are in another language (`DocumentMeta.labels_language`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ...content.scripts import is_rtl
from ...documents.model import Document, ExcerptView, PassageView, QuestionView, Span, TermView
from . import ooxml
from .ooxml import run_language
from .styles import complex_script_font, right_to_left_styles, sans_styles

# The style of the article's section headings under an excerpt heading of each level.
SECTION_HEADINGS = {1: "Section Heading", 2: "Section Heading", 3: "Cited Section Heading"}


class BodyWriter:
    """Writes one document; with `shift` 1, as a part of a larger one (the course reader): each
    heading one level down, under the part's Heading 1."""

    def __init__(self, word: WordDocument, document: Document, shift: int = 0) -> None:
        self.word = word
        self.doc = document
        self.shift = shift
        # python-docx looks a style up by scanning all styles on every assignment; once is enough.
        self.style_ids = {s.name: s.style_id for s in word.styles}
        self.fixed = document.meta.labels_language  # of the labels, where not the document's
        # Right to left: an RTL document's styles are (w:bidi, w:rtl); a part in a language that
        # runs the other way from the document's is marked so, paragraph and runs.
        self.rtl = is_rtl(document.language)
        if self.rtl:
            right_to_left_styles(word, document.language)
        self.sans = {self.style_ids[name] for name in sans_styles() if name in self.style_ids}

    def para(self, text: str = "", style: str = "Normal") -> Paragraph:
        paragraph = self.word.add_paragraph(text)
        if style != "Normal":
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def run(
        self,
        paragraph: Paragraph,
        text: str,
        style: str | None = None,
        language: str | None = None,
    ) -> Run:
        run = paragraph.add_run(text)
        if style is not None:
            run._r.style = self.style_ids[style]
        self.mark(run, language)
        return run

    def mark(self, item: Paragraph | Run, language: str | None) -> None:
        """Give a run, or every run of a paragraph, `language` where it is not the document's."""
        if not language or language == self.doc.language:
            return
        rtl = is_rtl(language)
        if isinstance(item, Paragraph) and rtl != self.rtl:
            ooxml.direction(item._p.get_or_add_pPr(), rtl)
        for run in item.runs if isinstance(item, Paragraph) else (item,):
            run_language(run._r, language)
            if rtl != self.rtl:
                ooxml.direction(run._r.get_or_add_rPr(), rtl)
            paragraph = run._r.getparent()
            sans = getattr(paragraph, "style", None) in self.sans
            font = complex_script_font(language, sans)
            if font is not None and font != complex_script_font(self.doc.language, sans):
                ooxml.complex_font(run._r.get_or_add_rPr(), font)  # not the styles' script

    def spans(self, paragraph: Paragraph, spans: tuple[Span, ...], language: str | None) -> None:
        for span in spans:
            style = "Key Term" if span.term else None
            run = self.run(paragraph, span.text, style, span.language or language)
            if span.italic:  # a title in a citation style
                run.italic = True

    def write(self) -> None:
        doc = self.doc
        self.para(doc.course_line, "Course Line")
        if doc.meta_line:
            self.mark(self.para(doc.meta_line, "Meta Line"), self.fixed)
        self.para(doc.heading, "Title")
        self.mark(self.para(doc.subtitle, "Subtitle"), self.fixed)
        self.write_body()

    def heading(self, text: str, level: int) -> Paragraph:
        """A heading of `level` in the document (1: under the title), shifted in a part."""
        return self.para(text, f"Heading {level + self.shift}")

    def outline(self, paragraph: Paragraph, style_level: int) -> None:
        """In a part, a heading style's outline level one down (a glossary term under the
        glossary's Heading 1, an article's section under an excerpt's Heading 2)."""
        if self.shift:
            level = ooxml.child(paragraph._p.get_or_add_pPr(), "w:outlineLvl", ooxml.PPR_ORDER)
            level.set(qn("w:val"), str(style_level + self.shift))

    def write_body(self) -> None:
        """Everything under the title and subtitle."""
        doc = self.doc
        if doc.summary:
            self.mark(self.para(doc.summary, "Summary"), doc.summary_language)
        if doc.objectives_heading:
            self.mark(self.heading(doc.objectives_heading, 1), self.fixed)
            for objective, language in doc.objective_items:
                self.mark(self.para(objective, "List Bullet"), language)
        if doc.instructions:
            self.mark(self.para(doc.instructions, "Instructions"), self.fixed)
        for excerpt in doc.excerpts:
            self.excerpt(excerpt, 1 + self.shift)
        if doc.questions_heading:
            heading = self.heading(doc.questions_heading, 1)
            if doc.questions_total:
                self.run(heading, " " + doc.questions_total)
            self.mark(heading, self.fixed)
        for question in doc.questions:
            self.question(question)
        for term in doc.terms:
            self.together(partial(self.term, term))  # a glossary entry is kept whole
        if doc.empty:
            self.mark(self.para(doc.empty), self.fixed)

    def excerpt(self, excerpt: ExcerptView, level: int) -> None:
        self.mark(self.para(excerpt.label, f"Heading {level}"), self.fixed)
        if excerpt.note:
            self.mark(self.para(excerpt.note, "Excerpt Note"), excerpt.note_language)
        for passage in excerpt.passages:
            if passage.heading:
                heading = self.para(passage.heading, SECTION_HEADINGS[level])
                if level == 2:
                    self.outline(heading, 1)
                self.mark(heading, excerpt.language)
            self.passage(passage, excerpt.language)
        if excerpt.source_spans:
            source = self.para(style="Citation")
            self.spans(source, excerpt.source_spans, None)
        else:
            source = self.para(excerpt.source, "Citation")
        if excerpt.url:
            self.run(source, " " + excerpt.url, language=excerpt.url_language)
        # The end of the excerpt stays on the page of its source line.
        Paragraph(source._p.getprevious(), source._parent).paragraph_format.keep_with_next = True

    def together(self, write: Callable[[], None]) -> None:
        """Call `write`, and keep the paragraphs it adds on one page (each kept with the next)."""
        body = self.word.element.body
        before = len(body.findall(qn("w:p")))
        write()
        for p in body.findall(qn("w:p"))[before:-1]:
            Paragraph(p, self.word._body).paragraph_format.keep_with_next = True

    def passage(self, passage: PassageView, language: str) -> None:
        paragraph = self.para(style="Excerpt")
        if is_rtl(language) != self.rtl:  # the paragraph runs the article's way
            ooxml.direction(paragraph._p.get_or_add_pPr(), is_rtl(language))
        self.run(paragraph, passage.label + "\t", "Paragraph Number")
        if passage.starts_mid:
            paragraph.add_run("… ")
        self.spans(paragraph, passage.spans, language)
        if passage.ends_mid:
            paragraph.add_run(" …")

    def question(self, question: QuestionView) -> None:
        kind = self.doc.kind
        if kind == "handout":
            paragraph = self.para(question.text, "List Number")
            self.mark(paragraph, question.language)
            if question.cites:
                self.run(paragraph, " " + question.cites, "Reference", self.fixed)
            return
        if question.heading:
            heading = self.heading(question.heading, 2)
            if question.meta:
                self.run(heading, " " + question.meta)
            self.mark(heading, self.fixed)
            self.mark(self.para(question.text, "Question Text"), question.language)
        else:
            self.mark(self.para(question.text, "Question"), question.language)
        if question.cites:
            self.mark(self.para(question.cites, "Question Reference"), self.fixed)
        if question.notes_label and question.notes:
            self.notes(question.notes, question.notes_label, question.notes_language)
        for excerpt in question.excerpts:
            self.excerpt(excerpt, 3)
        if question.answer_lines:
            self.answer_area(question.answer_lines)

    def notes(self, notes: str, label: str, language: str | None) -> None:
        """One paragraph: the label, a line break, the notes (a bold label on a line of its own
        would look like a heading that is not one)."""
        paragraph = self.para(notes, "Instructor Notes")
        self.mark(paragraph, language)
        first = paragraph.runs[0]._r if paragraph.runs else None
        heading = self.run(paragraph, label, "Label", self.fixed)
        heading.add_break()
        if first is not None:
            first.addprevious(heading._r)

    def answer_area(self, lines: int) -> None:
        """One paragraph of `lines` ruled lines: a tab whose leader draws each rule (styles.py)."""
        run = self.para(style="Answer Area").add_run()
        for index in range(lines):
            if index:
                run.add_break()
            run.add_tab()

    def term(self, term: TermView) -> None:
        entry = self.para(term.term, "Glossary Term")
        self.outline(entry, 0)
        if term.expansion:
            self.run(entry, " " + term.expansion, "Expansion")
        self.mark(entry, term.language)
        self.mark(self.para(term.definition, "Glossary Definition"), term.language)
        if term.where:
            self.mark(self.para(term.where, "Glossary Reference"), self.fixed)
        if term.see:
            self.mark(self.para(term.see, "Glossary Reference"), self.fixed)
