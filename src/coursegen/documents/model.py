"""The content of one document, resolved and format-free: what both the PDF and DOCX say."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A run of text; `term` is set where a glossary term is marked (shown in bold)."""

    text: str
    term: str | None = None


@dataclass(frozen=True)
class PassageView:
    number: int
    spans: tuple[Span, ...]
    starts_mid: bool = False
    ends_mid: bool = False
    heading: str | None = None

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class ExcerptView:
    id: str
    label: str  # "Excerpt A"
    citation: str
    language: str
    passages: tuple[PassageView, ...]
    note: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class QuestionView:
    number: int
    text: str
    cites: str  # "Excerpt B, ¶2–3"
    level: str | None = None
    minutes: int | None = None
    notes: str | None = None
    excerpts: tuple[ExcerptView, ...] = ()  # the cited excerpts, for the instructor edition
    answer_lines: int = 6


@dataclass(frozen=True)
class TermView:
    term: str
    definition: str
    expansion: str | None = None
    where: str = ""  # "A ¶1, ¶3; B ¶2", or lesson titles in the course glossary
    see: tuple[str, ...] = ()


@dataclass(frozen=True)
class CourseInfo:
    title: str
    code: str | None = None
    instructor: str | None = None
    institution: str | None = None
    term: str | None = None

    @property
    def label(self) -> str:
        return f"{self.code} · {self.title}" if self.code else self.title


@dataclass(frozen=True)
class Document:
    """One output document. `kind` is handout, questions, questions-instructor, glossary
    or course-glossary; the other fields are filled as that kind needs them."""

    kind: str
    name: str  # output file stem, e.g. "handout"
    title: str  # the document title (PDF/DOCX metadata, first heading)
    subtitle: str  # "Handout", "Discussion questions", …
    running_header: str
    course: CourseInfo
    language: str
    paper: str
    lesson_title: str | None = None
    meta_line: str | None = None  # "Week 5 · 10 February 2027"
    summary: str | None = None
    objectives: tuple[str, ...] = ()
    excerpts: tuple[ExcerptView, ...] = ()
    questions: tuple[QuestionView, ...] = ()
    terms: tuple[TermView, ...] = ()
    total_minutes: int | None = None
    author: str | None = None
    notes: tuple[str, ...] = field(default=())
