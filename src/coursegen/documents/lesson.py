"""Build each document's content (handout, questions, instructor edition, glossaries) from a lesson."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from ..content.articles import Article
from ..content.lessons import Excerpt, Lesson
from ..content.terms import TermUse, sort_key
from ..source.schema import CourseSettings
from .model import CourseInfo, Document, ExcerptView, PassageView, QuestionView, Span, TermView

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

KINDS = ("handout", "questions", "questions-instructor", "glossary")


def format_date(value: str | dt.date | None) -> str:
    """'2009-07-06' -> '6 July 2009'; '2009-11' -> 'November 2009'."""
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, dt.date) else value
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {_MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def citation(article: Article) -> str:
    """Author, “Title,” Publication, date."""
    parts = []
    if article.author:
        parts.append(article.author)
    parts.append(f"“{article.title}”")
    if article.publication:
        parts.append(article.publication)
    if article.date:
        parts.append(format_date(article.date))
    return ", ".join(parts) + "."


def paragraph_ranges(numbers: Iterable[int]) -> str:
    """[1, 2, 3, 6] -> '¶1–3, 6'."""
    ordered = sorted(set(numbers))
    runs: list[list[int]] = []
    for number in ordered:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return f"¶{text}" if text else ""


def course_info(settings: CourseSettings) -> CourseInfo:
    return CourseInfo(
        title=settings.title,
        code=settings.code,
        instructor=settings.instructor,
        institution=settings.institution,
        term=settings.term,
    )


def build_documents(
    settings: CourseSettings, lesson: Lesson, uses: Sequence[TermUse]
) -> dict[str, Document]:
    """All four documents of one lesson, by output name."""
    builder = _LessonDocuments(settings, lesson, uses)
    return {
        "handout": builder.handout(),
        "questions": builder.questions(instructor=False),
        "questions-instructor": builder.questions(instructor=True),
        "glossary": builder.glossary(),
    }


class _LessonDocuments:
    def __init__(self, settings: CourseSettings, lesson: Lesson, uses: Sequence[TermUse]) -> None:
        self.settings = settings
        self.lesson = lesson
        self.uses = uses
        self.course = course_info(settings)
        meta = []
        if lesson.week is not None:
            meta.append(f"Week {lesson.week}")
        if lesson.date:
            meta.append(format_date(lesson.date))
        self.meta_line = " · ".join(meta) or None

    def _document(self, kind: str, subtitle: str, **fields: object) -> Document:
        return Document(
            kind=kind,
            name=kind,
            title=f"{self.lesson.title} — {subtitle}",
            subtitle=subtitle,
            running_header=f"{self.course.label} · {self.lesson.title}",
            course=self.course,
            language=self.settings.language,
            paper=self.settings.paper,
            lesson_title=self.lesson.title,
            meta_line=self.meta_line,
            author=self.course.instructor,
            **fields,  # type: ignore[arg-type]
        )

    def _excerpt(self, excerpt: Excerpt, marks: set[tuple[str, int, int, int]]) -> ExcerptView:
        passages = []
        for index, passage in enumerate(excerpt.passages):
            cuts = sorted((s, e) for (x, i, s, e) in marks if x == excerpt.id and i == index)
            passages.append(
                PassageView(
                    number=passage.number,
                    spans=_spans(passage.text, cuts, self._term_at(excerpt.id, index)),
                    starts_mid=passage.starts_mid,
                    ends_mid=passage.ends_mid,
                    heading=passage.heading,
                )
            )
        article = excerpt.article
        return ExcerptView(
            id=excerpt.id,
            label=f"Excerpt {excerpt.id}",
            citation=citation(article),
            language=article.language or self.settings.language,
            passages=tuple(passages),
            note=excerpt.note,
            url=article.url,
        )

    def _term_at(self, excerpt_id: str, index: int) -> dict[tuple[int, int], str]:
        return {
            (o.start, o.end): use.entry.term
            for use in self.uses
            for o in use.occurrences
            if o.excerpt == excerpt_id and o.passage == index
        }

    def _first_occurrences(self) -> set[tuple[str, int, int, int]]:
        order = {e.id: i for i, e in enumerate(self.lesson.excerpts)}
        marks = set()
        for use in self.uses:
            if use.occurrences:
                first = min(use.occurrences, key=lambda o: (order[o.excerpt], o.passage, o.start))
                marks.add((first.excerpt, first.passage, first.start, first.end))
        return marks

    def _question(self, index: int, instructor: bool) -> QuestionView:
        question = self.lesson.questions[index]
        cited = [self.lesson.excerpt(x) for x in question.excerpts]
        cites = "; ".join(f"Excerpt {e.id}, {paragraph_ranges(e.numbers)}" for e in cited)
        return QuestionView(
            number=question.number,
            text=question.text,
            cites=cites,
            level=question.level.capitalize() if question.level else None,
            minutes=question.minutes,
            notes=question.notes if instructor else None,
            excerpts=tuple(self._excerpt(e, set()) for e in cited) if instructor else (),
            answer_lines=min(12, max(5, question.minutes or 6)),
        )

    def handout(self) -> Document:
        marks = self._first_occurrences()
        return self._document(
            "handout",
            "Handout",
            summary=self.lesson.summary,
            objectives=self.lesson.objectives,
            excerpts=tuple(self._excerpt(e, marks) for e in self.lesson.excerpts),
            questions=tuple(self._question(i, False) for i in range(len(self.lesson.questions))),
        )

    def questions(self, instructor: bool) -> Document:
        questions = tuple(self._question(i, instructor) for i in range(len(self.lesson.questions)))
        minutes = [q.minutes for q in questions if q.minutes]
        if instructor:
            return self._document(
                "questions-instructor",
                "Discussion questions — instructor edition",
                summary=self.lesson.summary,
                objectives=self.lesson.objectives,
                questions=questions,
                total_minutes=sum(minutes) if minutes else None,
            )
        return self._document("questions", "Discussion questions", questions=questions)

    def glossary(self) -> Document:
        return self._document(
            "glossary", "Glossary", terms=tuple(term_view(u, u.places()) for u in self.uses)
        )


def term_view(use: TermUse, where: str) -> TermView:
    entry = use.entry
    return TermView(
        term=entry.term,
        definition=entry.definition,
        expansion=entry.expansion,
        where=where,
        see=entry.see,
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


def course_glossary(
    settings: CourseSettings, per_lesson: Sequence[tuple[Lesson, Sequence[TermUse]]]
) -> Document:
    """Every term of every lesson, with the lessons where it appears."""
    uses: dict[str, TermUse] = {}
    lessons_of: dict[str, list[str]] = {}
    for lesson, lesson_uses in per_lesson:
        for use in lesson_uses:
            uses.setdefault(use.entry.term, use)
            label = (
                f"Week {lesson.week}: {lesson.title}" if lesson.week is not None else lesson.title
            )
            lessons_of.setdefault(use.entry.term, []).append(label)
    course = course_info(settings)
    ordered = sorted(uses, key=sort_key)
    return Document(
        kind="course-glossary",
        name="glossary",
        title=f"{course.title} — Course glossary",
        subtitle="Course glossary",
        running_header=f"{course.label} · Course glossary",
        course=course,
        language=settings.language,
        paper=settings.paper,
        author=course.instructor,
        terms=tuple(term_view(uses[t], "; ".join(lessons_of[t])) for t in ordered),
    )
