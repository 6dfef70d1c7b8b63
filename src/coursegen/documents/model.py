"""The content of one document, resolved and format-free: every string that the PDF and the DOCX
print, composed once (see labels.py), in reading order.

A field that is set is printed; a field that a document does not show is left empty. The fields
of `DocumentMeta` go into metadata, headers and footers, not into the body.

Languages (WCAG 3.1.2, language of parts). Every string is in the document's language
(`Document.language`, a BCP 47 tag) unless the model says otherwise:

- A field of the author's text has a companion language field: `QuestionView.language` (for
  `text`) and `notes_language` (for `notes`), `ExcerptView.note_language`,
  `TermView.language` (for `term`, `expansion` and `definition`), `Document.summary_language`
  and `Document.objective_languages` (one per objective, in order, or empty when none differs).
  The companion is None when the text is in the document's language, and otherwise the tag to
  mark it with: `lang="…"` on the HTML element that holds the text (which the PDF tagger copies
  to the structure element's /Lang), `w:lang` on the DOCX runs that hold it.
- `Span.language`, when set, is the language of that run of text: in a citation
  (`ExcerptView.source_spans`), the author, the title and the publication each carry the
  article's language where their script fits it, else their script's; the label ("Source:"),
  the date and the punctuation between them are in the document's.
- `ExcerptView.language` is always set, to the article's language: it applies to the passages
  and their section headings only. The excerpt's label ("Excerpt A"), its source line and every
  other fixed word from labels.py keep the document's language, even inside a foreign excerpt.
- Fixed words (labels, headings, composed lines, dates) are in `DocumentMeta.labels_language`
  when it is set, else in the document's language. It is set only when coursegen has no
  translation of its labels into the document's language (documents/labels.py): they are then
  printed in English and it is 'en'. A renderer marks every fixed word with it (`lang`,
  `w:lang`); in a citation, the label and date spans carry it already (`Span.language`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .labels import PageLabel


@dataclass(frozen=True)
class Span:
    """A run of text; `term` is set where a glossary term is marked (shown in bold); `language`
    where the run is not in the language of the text around it (a citation's author, title or
    publication); `italic` where a citation style sets it in italics (a book's or a journal's
    title: <i> in HTML, an italic run in DOCX)."""

    text: str
    term: str | None = None
    language: str | None = None
    italic: bool = False


@dataclass(frozen=True)
class PassageView:
    heading: str | None  # the article's section heading printed before this paragraph
    label: str  # "¶3"
    spans: tuple[Span, ...]
    starts_mid: bool = False  # printed with a leading ellipsis
    ends_mid: bool = False  # printed with a trailing ellipsis

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class ExcerptView:
    label: str  # "Excerpt A"
    note: str | None
    passages: tuple[PassageView, ...]
    source: str  # "Source: Author, “Title,” Publication, 6 July 2009."
    url: str | None
    id: str
    language: str  # the article's language: of the passages and their headings only
    note_language: str | None = None  # the note's, where not the document's
    source_spans: tuple[Span, ...] = ()  # `source` in runs; author, title, publication: theirs
    url_language: str | None = None  # the URL's, where the document's does not fit its script


@dataclass(frozen=True)
class QuestionView:
    heading: str | None  # "Question 2" (instructor edition)
    meta: str | None  # "· Analyze · 10 min" (instructor edition)
    text: str
    cites: str | None  # "Excerpt B, ¶2–3", or "(Excerpt B, ¶2–3)" in the handout
    notes_label: str | None  # "Notes" (instructor edition, when there are notes)
    notes: str | None
    excerpts: tuple[ExcerptView, ...]  # the cited excerpts (instructor edition)
    number: int
    answer_lines: int = 0  # ruled lines to write on (student sheet)
    language: str | None = None  # of `text`, where not the document's
    notes_language: str | None = None  # of `notes`, where not the document's


@dataclass(frozen=True)
class TermView:
    term: str
    expansion: str | None  # "(Strategic Arms Reduction Treaty)"
    definition: str
    where: str | None  # "Appears in: Excerpt A ¶1, ¶3; B ¶2" or "Lessons: Week 1: …"
    see: str | None  # "See also: New START, SORT"
    language: str | None = None  # of term, expansion and definition, where not the document's
    # for exports that link terms in text (Moodle's glossary): the other names the glossary finds
    # the term by (expansion, aliases, names in other languages), and whether case matters
    aliases: tuple[str, ...] = ()
    case_sensitive: bool = False


@dataclass(frozen=True)
class ReadingView:
    """One entry of the reading list: the article's citation, in the course's style."""

    spans: tuple[Span, ...]
    url: str | None
    article: str  # the article's id
    url_language: str | None = None  # the URL's, where the document's does not fit its script

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class ReadingGroup:
    """The readings of one lesson, under "Week 1 · Lesson title"."""

    heading: str
    lesson: str  # the lesson's id
    readings: tuple[ReadingView, ...]


@dataclass(frozen=True)
class CourseInfo:
    """The course settings, for templates that want to arrange them their own way."""

    title: str
    label: str  # "IR 214 · US–Russian Relations", or the title alone
    code: str | None = None
    instructor: str | None = None
    institution: str | None = None
    term: str | None = None


@dataclass(frozen=True)
class DocumentMeta:
    # handout, questions, questions-instructor, glossary (of a lesson); course-glossary,
    # reading-list, reader, package (of the course)
    kind: str
    name: str  # output file stem, e.g. "handout"
    title: str  # PDF/DOCX title: "Lesson — Handout"
    language: str
    paper: str  # "letter" or "a4"
    author: str | None
    keywords: str  # the course label
    running_header: str  # at the top of every page but the first
    page_label: PageLabel  # "Page N of M" at the foot of every page
    course: CourseInfo
    labels_language: str | None = None  # of the fixed words, where not `language` (see above)
    lesson: str | None = None  # the id of the lesson it belongs to; None for the course's own
    lesson_name: str | None = None  # 'Week 3: Arms control…' (the lesson's title without a week)


@dataclass(frozen=True)
class Document:
    """One output document: `meta`, then the body in reading order."""

    meta: DocumentMeta
    course_line: str  # "IR 214 · US–Russian Relations · Fall 2026 · Dr Smith"
    meta_line: str | None  # "Week 5 · 10 February 2027"
    heading: str  # the lesson title, or the course title
    subtitle: str  # "Handout", "Discussion questions", …
    summary: str | None = None
    objectives_heading: str | None = None
    objectives: tuple[str, ...] = ()
    instructions: str | None = None
    excerpts: tuple[ExcerptView, ...] = ()
    questions_heading: str | None = None  # "Questions for discussion", "Discussion plan"
    questions_total: str | None = None  # "· 45 minutes in all"
    questions: tuple[QuestionView, ...] = ()
    terms: tuple[TermView, ...] = ()
    empty: str | None = None  # "This lesson has no glossary terms."
    summary_language: str | None = None  # of `summary`, where not the document's
    objective_languages: tuple[str | None, ...] = ()  # one per objective, or () if none differs
    readings: tuple[ReadingGroup, ...] = ()  # the reading list, by lesson
    contents_heading: str | None = None  # "Contents" (reader), printed before its parts
    # Documents made of documents: a reader's lesson handouts then the course glossary; a
    # package's every lesson document (lesson by lesson) then the course glossary.
    parts: tuple[Document, ...] = ()

    # Shortcuts for templates.
    @property
    def kind(self) -> str:
        return self.meta.kind

    @property
    def language(self) -> str:
        return self.meta.language

    @property
    def course(self) -> CourseInfo:
        return self.meta.course

    @property
    def objective_items(self) -> tuple[tuple[str, str | None], ...]:
        """Each objective with its language (None: the document's)."""
        languages = self.objective_languages or (None,) * len(self.objectives)
        return tuple(zip(self.objectives, languages, strict=True))
