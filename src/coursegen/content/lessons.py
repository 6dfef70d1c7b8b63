"""Lesson files: validate, then resolve readings to excerpts and check what refers to what."""

from __future__ import annotations

import datetime as dt
import itertools
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import Diagnostic, did_you_mean
from ..source.schema import ExcerptSpec, LessonSpec, is_plain_id
from ..source.validate import validate
from ..source.yamlfile import PathKey, YamlDocument, parse_yaml, read_text
from .articles import Article
from .excerpts import ArticleIndex, ExcerptProblem, Passage, anchored, whole_paragraphs
from .glossary import Glossary


@dataclass(frozen=True)
class Excerpt:
    id: str
    article: Article
    passages: tuple[Passage, ...]
    note: str | None = None

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(p.number for p in self.passages))


@dataclass(frozen=True)
class Question:
    number: int
    text: str
    excerpts: tuple[str, ...] = ()
    level: str | None = None
    notes: str | None = None
    minutes: int | None = None


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
    terms: tuple[str, ...] = ()  # entry terms the lesson lists
    auto_terms: bool = True
    exclude: tuple[str, ...] = ()  # entry terms the lesson leaves out

    def excerpt(self, excerpt_id: str) -> Excerpt:
        return next(e for e in self.excerpts if e.id == excerpt_id)

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.article.id for e in self.excerpts))


def default_excerpt_id(index: int) -> str:
    letters = string.ascii_uppercase
    return letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]


def _default_ids(spec: LessonSpec) -> Iterator[str]:
    """A, B, C… in lesson order, skipping the ids the lesson gives explicitly."""
    taken = {e.id for r in spec.readings for e in (r.excerpts or ()) if e.id}
    return (i for i in map(default_excerpt_id, itertools.count()) if i not in taken)


def load_lesson(
    path: Path,
    rel: str,
    articles: Mapping[str, Article],
    indexes: dict[str, ArticleIndex],
    glossary: Glossary,
) -> tuple[Lesson | None, list[Diagnostic]]:
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [
            Diagnostic(
                rel, 1, 1, "a lesson is empty", hint="start with keys such as title:, readings:"
            )
        ]
    doc, problems = parse_yaml(text, rel)
    if doc is None:
        return None, problems
    spec, problems = validate(LessonSpec, doc, rel, "a lesson")
    if spec is None:
        return None, problems
    lesson, more = _Resolver(path.stem, rel, doc, articles, indexes, glossary).resolve(spec)
    return (None if problems else lesson), problems + more


class _Resolver:
    def __init__(
        self,
        lesson_id: str,
        rel: str,
        doc: YamlDocument,
        articles: Mapping[str, Article],
        indexes: dict[str, ArticleIndex],
        glossary: Glossary,
    ) -> None:
        self.lesson_id = lesson_id
        self.rel = rel
        self.doc = doc
        self.articles = articles
        self.indexes = indexes
        self.glossary = glossary
        self.problems: list[Diagnostic] = []
        self.declared_ids: set[str] = set()

    def error(
        self, path: PathKey, message: str, hint: str | None = None, key: bool = False
    ) -> None:
        pos = self.doc.key_pos(path) if key else self.doc.pos(path)
        self.problems.append(Diagnostic(self.rel, pos.line, pos.col, message, hint=hint))

    def resolve(self, spec: LessonSpec) -> tuple[Lesson | None, list[Diagnostic]]:
        excerpts = self._excerpts(spec)
        questions = self._questions(spec, self.declared_ids)
        terms = self._terms(spec.glossary.terms, "terms")
        exclude = self._terms(spec.glossary.exclude, "exclude")
        if self.problems:
            return None, self.problems
        lesson = Lesson(
            id=self.lesson_id,
            rel=self.rel,
            title=spec.title,
            excerpts=tuple(excerpts),
            questions=tuple(questions),
            objectives=spec.objectives,
            week=spec.week,
            date=spec.date,
            summary=spec.summary,
            terms=terms,
            auto_terms=spec.glossary.auto,
            exclude=exclude,
        )
        return lesson, []

    def _excerpts(self, spec: LessonSpec) -> list[Excerpt]:
        excerpts: list[Excerpt] = []
        first_line: dict[str, int] = {}
        defaults = _default_ids(spec)
        for r, reading in enumerate(spec.readings):
            article = self._article(reading.article, ("readings", r, "article"))
            specs = (
                reading.excerpts
                if reading.excerpts is not None
                else (ExcerptSpec.model_validate({}),)
            )
            if not specs:
                self.error(
                    ("readings", r, "excerpts"),
                    "'excerpts' is an empty list",
                    hint="list at least one excerpt, or remove 'excerpts' to use the whole article",
                )
            for e, excerpt_spec in enumerate(specs):
                path: PathKey = ("readings", r, "excerpts", e)
                excerpt_id = excerpt_spec.id or next(defaults)
                line = self.doc.pos((*path, "id") if excerpt_spec.id else path).line
                if excerpt_id in first_line:
                    self.error(
                        (*path, "id") if excerpt_spec.id else path,
                        f"duplicate excerpt id '{excerpt_id}' (first used on line {first_line[excerpt_id]})",
                        hint="give each excerpt of a lesson its own id",
                    )
                    continue
                first_line[excerpt_id] = line
                self.declared_ids.add(excerpt_id)
                if article is None:
                    continue
                passages = self._passages(article, excerpt_spec, excerpt_id, path)
                if passages is not None:
                    excerpts.append(Excerpt(excerpt_id, article, passages, excerpt_spec.note))
        return excerpts

    def _article(self, article_id: str, path: PathKey) -> Article | None:
        if not is_plain_id(article_id):
            self.error(
                path,
                f"'{article_id}' is not an article id",
                hint="an article id is the name of a file in articles/ without '.md', "
                "e.g. lavrov-2009-newsweek",
            )
            return None
        article = self.articles.get(article_id)
        if article is None:
            hint = did_you_mean(article_id, self.articles) or (
                "the articles are: " + ", ".join(sorted(self.articles))
                if self.articles
                else "put the article in articles/ as <id>.md"
            )
            self.error(path, f"unknown article '{article_id}'", hint=hint)
        return article

    def _passages(
        self, article: Article, spec: ExcerptSpec, excerpt_id: str, path: PathKey
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
                index = self.indexes.get(article.id)
                if index is None:
                    index = self.indexes[article.id] = ArticleIndex(article)
                return anchored(index, spec.from_, spec.to)
            if spec.to is not None:
                raise ExcerptProblem(
                    "to",
                    f"excerpt '{excerpt_id}' has 'to' but no 'from'",
                    hint="add from: with the words the excerpt starts with",
                )
            return (
                whole_paragraphs(article, ((1, len(article.paragraphs)),))
                if article.paragraphs
                else ()
            )
        except ExcerptProblem as problem:
            message = problem.message
            if not message.startswith("excerpt '"):
                message = f"excerpt '{excerpt_id}': {message}"
            self.error((*path, problem.field), message, hint=problem.hint)
            return None

    def _questions(self, spec: LessonSpec, excerpt_ids: set[str]) -> list[Question]:
        questions = []
        for q, question in enumerate(spec.questions):
            for c, cited in enumerate(question.excerpts):
                if cited not in excerpt_ids:
                    hint = did_you_mean(cited, excerpt_ids) or (
                        "this lesson's excerpts are: " + ", ".join(sorted(excerpt_ids))
                        if excerpt_ids
                        else None
                    )
                    self.error(
                        ("questions", q, "excerpts", c),
                        f"question {q + 1} cites excerpt '{cited}', which this lesson does not have",
                        hint=hint,
                    )
            questions.append(
                Question(
                    number=q + 1,
                    text=question.question,
                    excerpts=question.excerpts,
                    level=question.level,
                    notes=question.notes,
                    minutes=question.minutes,
                )
            )
        return questions

    def _terms(self, names: tuple[str, ...], key: str) -> tuple[str, ...]:
        terms = []
        for t, name in enumerate(names):
            entry = self.glossary.lookup(name)
            if entry is None:
                self.error(
                    ("glossary", key, t),
                    f"glossary term '{name}' is not defined in the glossary",
                    hint=did_you_mean(name, self.glossary.names())
                    or "define it in glossary.yaml (term: and definition:)",
                )
            else:
                terms.append(entry.term)
        return tuple(dict.fromkeys(terms))
