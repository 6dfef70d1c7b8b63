"""Read a whole course folder: settings, articles, glossary, lessons — and every problem in them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Diagnostic, Severity
from ..source.schema import CourseSettings, is_plain_id
from ..source.validate import validate
from ..source.yamlfile import parse_yaml, read_text
from .articles import Article, load_article
from .excerpts import ArticleIndex
from .glossary import Entry, Glossary, builtin_entries, entries_from_yaml
from .lessons import Lesson, load_lesson
from .terms import unknown_term_warnings

COURSE_FILE = "course.yaml"
GLOSSARY_FILE = "glossary.yaml"


@dataclass
class Course:
    root: Path
    settings: CourseSettings
    articles: dict[str, Article]
    glossary: Glossary
    lessons: dict[str, Lesson]
    lesson_files: dict[str, str]  # every lesson id found -> its path relative to the root
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    def problems_for(self, lesson_id: str) -> list[Diagnostic]:
        """Errors that stop this lesson from being built: its own, its articles', the course's."""
        rel = self.lesson_files[lesson_id]
        lesson = self.lessons.get(lesson_id)
        used = {self.articles[a].rel for a in lesson.article_ids} if lesson else set()
        shared = {COURSE_FILE, GLOSSARY_FILE}
        return [d for d in self.errors if d.path == rel or d.path in used or d.path in shared]


def find_lesson_files(root: Path) -> list[Path]:
    folder = root / "lessons"
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()),
        key=lambda p: p.name,
    )


def load_course(root: Path) -> Course:
    """Load everything; problems are collected in `Course.diagnostics`, never raised."""
    diagnostics: list[Diagnostic] = []
    settings = _settings(root, diagnostics)
    articles = _articles(root, diagnostics)
    glossary = _glossary(root, settings, diagnostics)
    lessons: dict[str, Lesson] = {}
    lesson_files: dict[str, str] = {}
    indexes: dict[str, ArticleIndex] = {}
    for path in find_lesson_files(root):
        rel = path.relative_to(root).as_posix()
        lesson_files[path.stem] = rel
        lesson, problems = load_lesson(path, rel, articles, indexes, glossary)
        diagnostics += problems
        if lesson is not None:
            lessons[lesson.id] = lesson
    diagnostics += unknown_term_warnings(lessons.values(), glossary)
    if not lesson_files:
        diagnostics.append(
            Diagnostic(
                "lessons",
                1,
                1,
                "the course has no lessons",
                hint="add a file lessons/<id>.yaml (see docs/user-guide.md)",
                severity=Severity.WARNING,
            )
        )
    return Course(root, settings, articles, glossary, lessons, lesson_files, diagnostics)


def _settings(root: Path, diagnostics: list[Diagnostic]) -> CourseSettings:
    path = root / COURSE_FILE
    if not path.is_file():
        return CourseSettings()
    text, problems = read_text(path, COURSE_FILE)
    diagnostics += problems
    if text is None:
        return CourseSettings()
    doc, problems = parse_yaml(text, COURSE_FILE)
    diagnostics += problems
    if doc is None or doc.data is None:
        return CourseSettings()
    settings, problems = validate(CourseSettings, doc, COURSE_FILE, "course.yaml")
    diagnostics += problems
    return settings or CourseSettings()


def _articles(root: Path, diagnostics: list[Diagnostic]) -> dict[str, Article]:
    folder = root / "articles"
    articles: dict[str, Article] = {}
    if not folder.is_dir():
        return articles
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.suffix != ".md" or not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        if not is_plain_id(path.stem):
            diagnostics.append(
                Diagnostic(
                    rel,
                    1,
                    1,
                    f"'{path.name}' cannot be used as an article: its name is not a plain id",
                    hint="rename it with letters, digits, '-', '_' or '.' only, e.g. lavrov-2009-newsweek.md",
                    severity=Severity.WARNING,
                )
            )
            continue
        article, problems = load_article(path, rel)
        diagnostics += problems
        if article is not None:
            articles[article.id] = article
    return articles


def _glossary(root: Path, settings: CourseSettings, diagnostics: list[Diagnostic]) -> Glossary:
    own: list[Entry] = []
    path = root / GLOSSARY_FILE
    if path.is_file():
        text, problems = read_text(path, GLOSSARY_FILE)
        diagnostics += problems
        if text is not None:
            own, problems = entries_from_yaml(text, GLOSSARY_FILE, GLOSSARY_FILE)
            diagnostics += problems
    builtin = builtin_entries() if settings.builtin_glossary else ()
    return Glossary([*own, *builtin])
