"""Read a whole course folder: settings, articles, glossary, lessons — and every problem in them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Diagnostic, Severity
from ..source.schema import CourseSettings
from ..source.validate import validate
from ..source.yamlfile import parse_yaml, read_text
from .checks import unknown_term_warnings
from .glossary import Entry, Glossary, builtin_entries, entries_from_yaml
from .lessons import Lesson, load_lesson
from .library import ArticleLibrary, load_library

COURSE_FILE = "course.yaml"
GLOSSARY_FILE = "glossary.yaml"
LESSONS_FOLDER = "lessons"


@dataclass
class Course:
    root: Path
    settings: CourseSettings
    articles: ArticleLibrary
    glossary: Glossary
    lessons: dict[str, Lesson]  # the lessons without errors, resolved
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
    folder = root / LESSONS_FOLDER
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
    library, problems = load_library(root)
    diagnostics += problems
    glossary = _glossary(root, settings, diagnostics)
    lessons: dict[str, Lesson] = {}
    lesson_files: dict[str, str] = {}
    for path in find_lesson_files(root):
        rel = path.relative_to(root).as_posix()
        lesson_files[path.stem] = rel
        lesson, problems = load_lesson(path, rel, library, glossary)
        diagnostics += problems
        if lesson is not None:
            lessons[lesson.id] = lesson
    diagnostics += unknown_term_warnings(lessons.values(), glossary)
    if not lesson_files:
        diagnostics.append(
            Diagnostic(
                LESSONS_FOLDER,
                1,
                1,
                "the course has no lessons",
                hint="add a file lessons/<id>.yaml (see docs/user-guide.md)",
                severity=Severity.WARNING,
            )
        )
    return Course(root, settings, library, glossary, lessons, lesson_files, diagnostics)


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
