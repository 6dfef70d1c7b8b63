"""Lesson files, resolved once at load: read → readings to excerpts → questions → terms → glossary.

Each step is a function that reports problems at the YAML position they concern; a lesson is
returned only when every step succeeded, complete with its glossary.
"""

from __future__ import annotations

import datetime as dt
import itertools
import string
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Diagnostic, Severity, did_you_mean
from ..source.files import MAX_YAML_BYTES, Source, read_text
from ..source.schema import ExcerptSpec, LessonSpec, TextSpec, is_plain_id
from ..source.validate import validate
from ..source.yamlfile import PathKey, YamlDocument, parse_yaml
from .articles import Article
from .drift import Entry, drift
from .excerpts import Excerpt, ExcerptProblem, Passage, anchored, whole_paragraphs
from .glossary import Glossary
from .library import ArticleLibrary
from .scripts import resolve
from .terms import TermUse, lesson_glossary


@dataclass(frozen=True)
class Question:
    number: int
    text: str
    excerpts: tuple[str, ...] = ()
    level: str | None = None
    notes: str | None = None
    minutes: int | None = None
    language: str | None = None  # of the text; None: the course's
    notes_language: str | None = None


@dataclass(frozen=True)
class Lesson:
    id: str
    rel: str
    title: str
    excerpts: tuple[Excerpt, ...]
    questions: tuple[Question, ...] = ()
    objectives: tuple[str, ...] = ()
    week: int | None = None
    date: dt.date | None = None
    summary: str | None = None
    summary_language: str | None = None  # None: the course's
    objective_languages: tuple[str | None, ...] = ()  # one per objective
    glossary: tuple[TermUse, ...] = ()  # the lesson's terms, alphabetical, with their occurrences
    numbered: tuple[str, ...] = ()  # the excerpts given by paragraph numbers (see drift.py)

    def excerpt(self, excerpt_id: str) -> Excerpt:
        return next(e for e in self.excerpts if e.id == excerpt_id)

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.article.id for e in self.excerpts))


@dataclass
class _Problems:
    """The problems of one lesson file, each placed at the position of the YAML it concerns."""

    rel: str
    doc: YamlDocument
    found: list[Diagnostic] = field(default_factory=list)

    warnings: list[Diagnostic] = field(default_factory=list)

    def error(
        self, path: PathKey, message: str, hint: str | None = None, key: bool = False
    ) -> None:
        pos = self.doc.key_pos(path) if key else self.doc.pos(path)
        self.found.append(Diagnostic(self.rel, pos.line, pos.col, message, hint=hint))

    def warning(self, path: PathKey, message: str, hint: str) -> None:
        pos = self.doc.pos(path)
        self.warnings.append(
            Diagnostic(self.rel, pos.line, pos.col, message, hint=hint, severity=Severity.WARNING)
        )


TOO_LARGE_HINT = (
    "a lesson file needs only a few thousand characters: split it into several lessons, "
    "and keep long texts in articles/"
)


def load_lesson(
    root: Path,
    src: Source,
    library: ArticleLibrary,
    glossary: Glossary,
    language: str = "en",
    recorded: Mapping[str, Entry] | None = None,
) -> tuple[Lesson | None, list[Diagnostic]]:
    """`language` is the course's: the language of every text that declares none (and whose
    script fits it). `recorded`: what its excerpts showed (drift.py), by excerpt id."""
    spec, doc, problems = read_lesson(root, src)
    if spec is None or doc is None:
        return None, problems
    rel = src.rel
    located = _Problems(rel, doc)
    languages = _Languages(language, located)
    excerpts, excerpt_ids = resolve_readings(spec, library, located, languages, recorded or {})
    questions = resolve_questions(spec, excerpt_ids, located, languages)
    listed = resolve_term_names(spec.glossary.terms, "terms", glossary, located)
    excluded = resolve_term_names(spec.glossary.exclude, "exclude", glossary, located)
    if problems or located.found:
        return None, problems + located.found + located.warnings
    summary = spec.summary
    objectives = tuple(
        languages.of(o, ("objectives", i), f"objective {i + 1}", _HOW_OBJECTIVE)
        for i, o in enumerate(spec.objectives)
    )
    lesson = Lesson(
        id=src.id,
        rel=rel,
        title=spec.title,
        excerpts=excerpts,
        questions=questions,
        objectives=tuple(o.text for o in spec.objectives),
        week=spec.week,
        date=spec.date,
        summary=summary.text if summary else None,
        summary_language=languages.of(summary, ("summary",), "the summary", _HOW_SUMMARY)
        if summary
        else None,
        objective_languages=objectives if any(objectives) else (),
        glossary=lesson_glossary(excerpts, glossary, listed, spec.glossary.auto, excluded),
        numbered=_numbered(spec, excerpts),
    )
    return lesson, located.warnings


_HOW_QUESTION = "add 'language: {lang}' to the question"
_HOW_OBJECTIVE = "write the objective as '- text: …' with 'language: {lang}' below it"
_HOW_SUMMARY = "write it as 'summary: {text: …, language: {lang}}'"
_HOW_NOTES = "write them as 'notes: {text: …, language: {lang}}'"
_HOW_NOTE = "write it as 'note: {text: …, language: {lang}}'"


@dataclass
class _Languages:
    """The language of each text of a lesson: declared, or the course's, or found by script."""

    course: str
    problems: _Problems

    def of(self, text: TextSpec, path: PathKey, what: str, how: str) -> str | None:
        # The position of 'text:' in the long form, else of the plain text itself.
        return self.text(text.text, text.language, (*path, "text"), what, how)

    def text(
        self, text: str, declared: str | None, path: PathKey, what: str, how: str
    ) -> str | None:
        language, finding = resolve(text, declared, self.course, what=what, whose="course", how=how)
        if finding is not None:
            self.problems.warning(path, finding.message, finding.hint)
        return language


def read_lesson(
    root: Path, src: Source
) -> tuple[LessonSpec | None, YamlDocument | None, list[Diagnostic]]:
    """Step 1: the file as a validated spec (or the reasons it is not one)."""
    text, problems = read_text(root, src, MAX_YAML_BYTES, TOO_LARGE_HINT)
    if text is None:
        return None, None, problems
    doc, problems = parse_yaml(text, src.rel)
    if doc is None:
        return None, None, problems
    spec, problems = validate(LessonSpec, doc, src.rel, "a lesson")
    return spec, doc, problems


def default_excerpt_id(index: int) -> str:
    letters = string.ascii_uppercase
    return letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]


def _default_ids(spec: LessonSpec) -> Iterator[str]:
    """A, B, C… in lesson order, skipping the ids the lesson gives explicitly."""
    taken = {e.id for r in spec.readings for e in (r.excerpts or ()) if e.id}
    return (i for i in map(default_excerpt_id, itertools.count()) if i not in taken)


def resolve_readings(
    spec: LessonSpec,
    library: ArticleLibrary,
    problems: _Problems,
    languages: _Languages,
    recorded: Mapping[str, Entry],
) -> tuple[tuple[Excerpt, ...], frozenset[str]]:
    """Step 2: each reading's excerpts, resolved to passages; also every excerpt id the lesson
    declares (including those whose article or anchors are wrong, so questions may cite them).
    An excerpt by paragraph numbers whose text is not the recorded one is an error (drift.py)."""
    excerpts: list[Excerpt] = []
    first_line: dict[str, int] = {}
    defaults = _default_ids(spec)
    for r, reading in enumerate(spec.readings):
        article = _article(reading.article, ("readings", r, "article"), library, problems)
        specs = (
            reading.excerpts if reading.excerpts is not None else (ExcerptSpec.model_validate({}),)
        )
        if not specs:
            problems.error(
                ("readings", r, "excerpts"),
                "'excerpts' is an empty list",
                hint="list at least one excerpt, or remove 'excerpts' to use the whole article",
            )
        for e, excerpt_spec in enumerate(specs):
            path: PathKey = ("readings", r, "excerpts", e)
            excerpt_id = excerpt_spec.id or next(defaults)
            id_path = (*path, "id") if excerpt_spec.id else path
            if excerpt_id in first_line:
                problems.error(
                    id_path,
                    f"duplicate excerpt id '{excerpt_id}' (first used on line {first_line[excerpt_id]})",
                    hint="give each excerpt of a lesson its own id",
                )
                continue
            first_line[excerpt_id] = problems.doc.pos(id_path).line
            if article is None:
                continue
            passages = _passages(library, article, excerpt_spec, excerpt_id, path, problems)
            note = excerpt_spec.note
            entry = recorded.get(excerpt_id)
            if passages is not None and excerpt_spec.paragraphs is not None and entry is not None:
                drifted = drift(entry, article, passages, excerpt_id, problems.rel)
                if drifted is not None:
                    problems.error((*path, "paragraphs"), drifted[0], hint=drifted[1])
            if passages is not None:
                what = f"the note of excerpt '{excerpt_id}'"
                excerpts.append(
                    Excerpt(
                        excerpt_id,
                        article,
                        passages,
                        note.text if note else None,
                        languages.of(note, (*path, "note"), what, _HOW_NOTE) if note else None,
                    )
                )
    return tuple(excerpts), frozenset(first_line)


def _numbered(spec: LessonSpec, excerpts: tuple[Excerpt, ...]) -> tuple[str, ...]:
    """The ids of the excerpts given by paragraph numbers, in lesson order."""
    defaults = _default_ids(spec)
    ids = [
        (e.id or next(defaults), e.paragraphs is not None)
        for r in spec.readings
        for e in (r.excerpts if r.excerpts is not None else (ExcerptSpec.model_validate({}),))
    ]
    shown = {e.id for e in excerpts}
    return tuple(i for i, numbered in ids if numbered and i in shown)


def _article(
    article_id: str, path: PathKey, library: ArticleLibrary, problems: _Problems
) -> Article | None:
    if not is_plain_id(article_id):
        problems.error(
            path,
            f"'{article_id}' is not an article id",
            hint="an article id is the name of a file in articles/ without '.md', "
            "e.g. lavrov-2009-newsweek",
        )
        return None
    article = library.get(article_id)
    if article is None and article_id in library.unreadable:
        problems.error(
            path,
            f"article '{article_id}' could not be read",
            hint=f"fix the problems reported for {library.unreadable[article_id]}",
        )
    elif article is None:
        hint = did_you_mean(article_id, library) or (
            "the articles are: " + ", ".join(sorted(library))
            if library
            else "put the article in articles/ as <id>.md"
        )
        problems.error(path, f"unknown article '{article_id}'", hint=hint)
    return article


def _passages(
    library: ArticleLibrary,
    article: Article,
    spec: ExcerptSpec,
    excerpt_id: str,
    path: PathKey,
    problems: _Problems,
) -> tuple[Passage, ...] | None:
    try:
        if spec.paragraphs is not None and spec.from_ is not None:
            raise ExcerptProblem(
                "from",
                f"excerpt '{excerpt_id}' gives both 'paragraphs' and 'from'",
                hint="use either paragraphs: or from:/to:, not both",
            )
        if spec.paragraphs is not None:
            if spec.to is not None:
                raise ExcerptProblem(
                    "to",
                    f"excerpt '{excerpt_id}' gives both 'paragraphs' and 'to'",
                    hint="use either paragraphs: or from:/to:, not both",
                )
            return whole_paragraphs(article, spec.paragraphs)
        if spec.from_ is not None:
            return anchored(library.index(article.id), spec.from_, spec.to)
        if spec.to is not None:
            raise ExcerptProblem(
                "to",
                f"excerpt '{excerpt_id}' has 'to' but no 'from'",
                hint="add from: with the words the excerpt starts with",
            )
        return (
            whole_paragraphs(article, ((1, len(article.paragraphs)),)) if article.paragraphs else ()
        )
    except ExcerptProblem as problem:
        message = problem.message
        if not message.startswith("excerpt '"):
            message = f"excerpt '{excerpt_id}': {message}"
        problems.error((*path, problem.field), message, hint=problem.hint)
        return None


def resolve_questions(
    spec: LessonSpec, excerpt_ids: frozenset[str], problems: _Problems, languages: _Languages
) -> tuple[Question, ...]:
    """Step 3: the questions, numbered; each excerpt a question cites must exist."""
    questions = []
    for q, question in enumerate(spec.questions):
        for c, cited in enumerate(question.excerpts):
            if cited not in excerpt_ids:
                hint = did_you_mean(cited, excerpt_ids) or (
                    "this lesson's excerpts are: " + ", ".join(sorted(excerpt_ids))
                    if excerpt_ids
                    else None
                )
                problems.error(
                    ("questions", q, "excerpts", c),
                    f"question {q + 1} cites excerpt '{cited}', which this lesson does not have",
                    hint=hint,
                )
        path: PathKey = ("questions", q)
        notes = question.notes
        questions.append(
            Question(
                number=q + 1,
                text=question.question,
                excerpts=question.excerpts,
                level=question.level,
                notes=notes.text if notes else None,
                minutes=question.minutes,
                language=languages.text(
                    question.question,
                    question.language,
                    (*path, "question"),
                    f"question {q + 1}",
                    _HOW_QUESTION,
                ),
                notes_language=languages.of(
                    notes, (*path, "notes"), f"the notes of question {q + 1}", _HOW_NOTES
                )
                if notes
                else None,
            )
        )
    return tuple(questions)


def resolve_term_names(
    names: Sequence[str], key: str, glossary: Glossary, problems: _Problems
) -> tuple[str, ...]:
    """Step 4: the glossary terms a lesson names (by term, expansion or alias) as entry terms."""
    terms = []
    for t, name in enumerate(names):
        entry = glossary.lookup(name)
        if entry is None:
            problems.error(
                ("glossary", key, t),
                f"glossary term '{name}' is not defined in the glossary",
                hint=did_you_mean(name, glossary.names())
                or "define it in glossary.yaml (term: and definition:)",
            )
        else:
            terms.append(entry.term)
    return tuple(dict.fromkeys(terms))
