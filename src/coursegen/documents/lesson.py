"""What each document of a lesson says: handout, student questions, instructor edition, glossary."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ..content.articles import Article
from ..content.excerpts import Excerpt
from ..content.lessons import Lesson
from ..content.scripts import part_language, run_language
from ..folders import LESSON_DOCUMENTS as LESSON_DOCUMENTS
from ..source.schema import CourseSettings
from .labels import Labels
from .model import Document, DocumentMeta, ExcerptView, PassageView, QuestionView, Span
from .setting import course_info, course_line, document_meta, lesson_name, term_view


def lesson_documents(settings: CourseSettings, lesson: Lesson) -> dict[str, Document]:
    """All four documents of one lesson, by output name."""
    writer = _LessonDocuments(settings, lesson)
    return {
        "handout": writer.handout(),
        "questions": writer.student_questions(),
        "questions-instructor": writer.instructor_edition(),
        "glossary": writer.glossary(),
    }


def citation(article: Article, labels: Labels) -> str:
    """Author, “Title”, Publication, date."""
    return "".join(span.text for span in citation_spans(article, labels))


def citation_spans(
    article: Article, labels: Labels, source: bool = False, style: str | None = None
) -> tuple[Span, ...]:
    """The citation (with `source`, the whole 'Source: …' line) in runs. The author, title and
    publication each have their language: the article's where their script fits it, else their
    script's (a Cyrillic author of an English article is Russian); the label, the date and the
    punctuation are in the labels' (the document's, or English where it has no translation).
    With a citation `style` (course.yaml `citation_style:`), the citation is the article's entry
    in that style (content/citestyle.py), its italics kept."""
    if style is not None:
        return _styled_spans(article, labels, source, style)
    document = labels.language
    language = article.language or document
    fixed = None if labels.words == document else labels.words
    spans: list[Span] = []

    def add(text: str, named: bool = False) -> None:
        if not text:
            return
        mark = run_language(text, language, document) if named else fixed
        if spans and spans[-1].language == mark:
            spans[-1] = Span(spans[-1].text + text, language=mark)  # one run for one language
        else:
            spans.append(Span(text, language=mark))

    prefix, suffix = "", ""
    if source:  # the label around the citation, cut where the citation goes
        prefix, _, suffix = labels("source", citation="\x00").partition("\x00")
    add(prefix)
    comma = labels("comma")
    if article.author:
        add(article.author, named=True)
        add(comma)
    add(labels("quote-open"))
    add(article.title, named=True)
    add(labels("quote-close"))
    if article.publication:
        add(comma)
        add(article.publication, named=True)
    if article.date:
        add(comma + labels.date(article.date))
    stop = labels("full-stop")
    ended = spans and stop and spans[-1].text.endswith(stop)  # a date such as '2009 г.'
    add(("" if ended else stop) + suffix)
    return tuple(spans)


def url_language(url: str | None, document: str) -> str | None:
    """The language to mark a web address with, where the document's does not fit its script:
    an address in Latin letters in an Arabic or Russian document is read as English."""
    return run_language(url, document, document) if url else None


def _styled_spans(article: Article, labels: Labels, source: bool, style: str) -> tuple[Span, ...]:
    """The entry in `style` as spans: the author's names, the title and the publication, where
    the entry prints them, in their language as above; the style's words, dates and punctuation
    in its locale's (the course language's, or en-US where CSL has none; see citestyle)."""
    from ..content.citestyle import format_entry, locale_for  # citeproc: only with a style

    document = labels.language
    language = article.language or document
    runs = format_entry(article, style, document)
    text = "".join(run.text for run in runs)
    words = part_language(locale_for(document), document)
    marks: list[str | None] = [words] * len(text)
    named = [article.title, article.publication or "", article.url or ""]
    for agent in article.citation.authors + article.citation.editors:
        named += agent.name.replace(",", " ").split() if not agent.organization else [agent.name]
    folded = text.casefold().replace("\u2019", "'")
    for name in filter(None, named):
        key = name.casefold().replace("\u2019", "'")
        for found in re.finditer(re.escape(key), folded):
            mark = run_language(text[found.start() : found.end()], language, document)
            marks[found.start() : found.end()] = [mark] * (found.end() - found.start())
    fixed = None if labels.words == document else labels.words
    spans: list[Span] = []

    def add(part: str, mark: str | None, italic: bool = False) -> None:
        if spans and spans[-1].language == mark and spans[-1].italic == italic:
            spans[-1] = Span(spans[-1].text + part, language=mark, italic=italic)
        elif part:
            spans.append(Span(part, language=mark, italic=italic))

    prefix, suffix = "", ""
    if source:  # the label around the citation, cut where the citation goes
        prefix, _, suffix = labels("source", citation="\x00").partition("\x00")
    add(prefix, fixed)
    position = 0
    for run in runs:
        for offset, char in enumerate(run.text):
            add(char, marks[position + offset], run.italic)
        position += len(run.text)
    add(suffix, fixed)
    return tuple(spans)


class _LessonDocuments:
    def __init__(self, settings: CourseSettings, lesson: Lesson) -> None:
        self.settings = settings
        self.lesson = lesson
        self.labels = Labels(settings.language, settings.labels)
        self.course = course_info(settings, self.labels)
        week = self.labels("week", number=lesson.week) if lesson.week is not None else ""
        self.meta_line = self.labels.join([week, self.labels.date(lesson.date)]) or None
        self.name = lesson_name(lesson, self.labels)

    def _document(self, kind: str, **body: object) -> Document:
        labels = self.labels
        subtitle = labels(kind)
        meta: DocumentMeta = document_meta(
            self.settings,
            self.course,
            kind=kind,
            name=kind,
            title=labels("document-title", lesson=self.lesson.title, document=subtitle),
            running_header=labels.join([self.course.label, self.lesson.title]),
            labels=labels,
            lesson=self.lesson.id,
            lesson_name=self.name,
        )
        return Document(
            meta=meta,
            course_line=course_line(self.course, labels),
            meta_line=self.meta_line,
            heading=self.lesson.title,
            subtitle=subtitle,
            **body,  # type: ignore[arg-type]
        )

    def _language(self, language: str | None) -> str | None:
        return part_language(language, self.settings.language)

    def _introduction(self) -> dict[str, object]:
        lesson = self.lesson
        languages = tuple(self._language(x) for x in lesson.objective_languages)
        return {
            "summary": lesson.summary,
            "summary_language": self._language(lesson.summary_language),
            "objectives_heading": self.labels("objectives") if lesson.objectives else None,
            "objectives": lesson.objectives,
            "objective_languages": languages if any(languages) else (),
        }

    def handout(self) -> Document:
        marks = self._first_occurrences()
        questions = tuple(
            self._question(i, cites_in_text=True) for i in range(len(self.lesson.questions))
        )
        return self._document(
            "handout",
            **self._introduction(),
            excerpts=self._excerpts(self.lesson.excerpts, marks),
            questions_heading=self.labels("questions-heading") if questions else None,
            questions=questions,
        )

    def student_questions(self) -> Document:
        questions = tuple(
            self._question(i, answer_space=True) for i in range(len(self.lesson.questions))
        )
        return self._document(
            "questions", instructions=self.labels("instructions"), questions=questions
        )

    def instructor_edition(self) -> Document:
        questions = tuple(
            self._question(i, instructor=True) for i in range(len(self.lesson.questions))
        )
        minutes = [q.minutes for q in self.lesson.questions if q.minutes]
        return self._document(
            "questions-instructor",
            **self._introduction(),
            questions_heading=self.labels("plan"),
            questions_total=self.labels("minutes-in-all", minutes=sum(minutes))
            if minutes
            else None,
            questions=questions,
        )

    def glossary(self) -> Document:
        labels = self.labels
        terms = tuple(
            term_view(
                use.entry,
                labels("appears-in", places=labels.places(use.occurrences))
                if use.occurrences
                else None,
                labels,
            )
            for use in self.lesson.glossary
        )
        return self._document("glossary", terms=terms, empty=None if terms else labels("no-terms"))

    def _excerpts(
        self, excerpts: Sequence[Excerpt], marks: set[tuple[str, int, int, int]]
    ) -> tuple[ExcerptView, ...]:
        """Excerpts that follow each other from one article cite it once: in full under the first,
        'Source: as Excerpt A.' under the others. A full reference at first mention and a short one
        after is the convention readers know, and the reader meets the source before the excerpts
        that continue it, even when a page break falls between them."""
        views = []
        first: Excerpt | None = None
        for excerpt in excerpts:
            if first is None or first.article.id != excerpt.article.id:
                first = excerpt
            views.append(self._excerpt(excerpt, marks, None if first is excerpt else first))
        return tuple(views)

    def _excerpt(
        self,
        excerpt: Excerpt,
        marks: set[tuple[str, int, int, int]],
        cited_with: Excerpt | None = None,
    ) -> ExcerptView:
        """One excerpt; `cited_with`, the excerpt above whose source line is also this one's."""
        passages = []
        for index, passage in enumerate(excerpt.passages):
            cuts = sorted((s, e) for (x, i, s, e) in marks if x == excerpt.id and i == index)
            passages.append(
                PassageView(
                    heading=passage.heading,
                    label=self.labels("paragraph", number=passage.number),
                    spans=_spans(passage.text, cuts, self._term_at(excerpt.id, index)),
                    starts_mid=passage.starts_mid,
                    ends_mid=passage.ends_mid,
                )
            )
        article = excerpt.article
        style = self.settings.citation_style
        source = citation_spans(article, self.labels, source=True, style=style)
        if cited_with is not None:
            words = self.labels.words
            short = self.labels("source-as", id=cited_with.id)
            source = (Span(short, language=None if words == self.labels.language else words),)
        return ExcerptView(
            label=self.labels("excerpt", id=excerpt.id),
            note=excerpt.note,
            passages=tuple(passages),
            source="".join(span.text for span in source),
            # a style prints the URL in the entry, not after it
            url=(url := article.url if cited_with is None and style is None else None),
            url_language=url_language(url, self.settings.language),
            id=excerpt.id,
            language=article.language or self.settings.language,
            note_language=self._language(excerpt.note_language),
            source_spans=source,
        )

    def _term_at(self, excerpt_id: str, index: int) -> dict[tuple[int, int], str]:
        """Where terms occur in one passage: (start, end) -> term."""
        return self._terms_by_passage.get((excerpt_id, index), {})

    @functools.cached_property
    def _terms_by_passage(self) -> dict[tuple[str, int], dict[tuple[int, int], str]]:
        found: dict[tuple[str, int], dict[tuple[int, int], str]] = {}
        for use in self.lesson.glossary:
            for o in use.occurrences:
                found.setdefault((o.excerpt, o.passage), {})[(o.start, o.end)] = use.entry.term
        return found

    def _first_occurrences(self) -> set[tuple[str, int, int, int]]:
        """Where each term is marked in the handout: its first occurrence only."""
        order = {e.id: i for i, e in enumerate(self.lesson.excerpts)}
        marks = set()
        for use in self.lesson.glossary:
            if use.occurrences:
                first = min(use.occurrences, key=lambda o: (order[o.excerpt], o.passage, o.start))
                marks.add((first.excerpt, first.passage, first.start, first.end))
        return marks

    def _question(
        self,
        index: int,
        *,
        instructor: bool = False,
        cites_in_text: bool = False,
        answer_space: bool = False,
    ) -> QuestionView:
        labels = self.labels
        question = self.lesson.questions[index]
        cited = [self.lesson.excerpt(x) for x in question.excerpts]
        cites = labels("semicolon").join(
            labels("cites", id=e.id, paragraphs=labels.paragraph_ranges(e.numbers)) for e in cited
        )
        if cites and cites_in_text:
            cites = labels("cites-in-text", cites=cites)
        meta = labels.join(
            [
                labels(question.level) if question.level else "",
                labels("minutes", minutes=question.minutes) if question.minutes else "",
            ]
        )
        return QuestionView(
            heading=labels("question", number=question.number) if instructor else None,
            meta=labels("separator").lstrip() + meta if instructor and meta else None,
            text=question.text,
            cites=cites or None,
            notes_label=labels("notes") if instructor and question.notes else None,
            notes=question.notes if instructor else None,
            excerpts=self._excerpts(cited, set()) if instructor else (),
            number=question.number,
            answer_lines=min(12, max(5, question.minutes or 6)) if answer_space else 0,
            language=self._language(question.language),
            notes_language=self._language(question.notes_language) if instructor else None,
        )


def _spans(
    text: str, cuts: list[tuple[int, int]], terms: dict[tuple[int, int], str]
) -> tuple[Span, ...]:
    spans: list[Span] = []
    position = 0
    for start, end in cuts:
        if start < position:
            continue
        if start > position:
            spans.append(Span(text[position:start]))
        spans.append(Span(text[start:end], terms.get((start, end))))
        position = end
    if position < len(text):
        spans.append(Span(text[position:]))
    return tuple(spans)
