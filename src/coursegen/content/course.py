"""Read a whole course folder: settings, articles, glossary, lessons — and every problem in them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Diagnostic, Severity
from ..folders import COURSE_FILE as COURSE_FILE
from ..folders import GLOSSARY_FILE as GLOSSARY_FILE
from ..folders import LESSONS_FOLDER as LESSONS_FOLDER
from ..source.files import (
    MAX_GLOSSARY_BYTES,
    MAX_YAML_BYTES,
    course_file,
    lesson_name_problem,
    list_sources,
    read_text,
)
from ..source.schema import CourseSettings
from ..source.validate import validate
from ..source.yamlfile import YamlDocument, parse_yaml
from .articles import with_language
from .checks import unknown_term_warnings
from .drift import Record, read_record
from .glossary import Entry, Glossary, builtin_entries, entries_from_document
from .lessons import Lesson, load_lesson
from .library import ArticleLibrary, load_library
from .references import see_reference_warnings


@dataclass
class Course:
    root: Path
    settings: CourseSettings
    articles: ArticleLibrary
    glossary: Glossary
    lessons: dict[str, Lesson]  # the lessons without errors, resolved
    lesson_files: dict[str, str]  # every lesson id found -> its path relative to the root
    diagnostics: list[Diagnostic] = field(default_factory=list)
    record: Record = field(default_factory=Record)  # what excerpts showed (drift.py)

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


_COURSE_TOO_LARGE = "course.yaml holds a few settings only: remove everything else from it"
_GLOSSARY_TOO_LARGE = (
    "keep in glossary.yaml the entries your lessons use; the built-in bank has the common terms"
)


def load_course(root: Path, compare_record: bool = True) -> Course:
    """Load everything; problems are collected in `Course.diagnostics`, never raised.

    Excerpts are compared with what they showed when recorded (drift.py) unless
    `compare_record` is False (to record them anew)."""
    diagnostics: list[Diagnostic] = []
    record, problems = read_record(root)
    diagnostics += problems
    recorded = record.entries if compare_record else {}
    settings = _settings(root, diagnostics)
    library, problems = load_library(root)
    diagnostics += problems
    library = _article_languages(library, settings.language, diagnostics)
    glossary, glossary_doc = _glossary(root, settings, diagnostics)
    diagnostics += see_reference_warnings(glossary_doc, GLOSSARY_FILE, glossary)
    lessons: dict[str, Lesson] = {}
    lesson_files: dict[str, str] = {}
    sources, clashing, problems = list_sources(
        root, LESSONS_FOLDER, (".yaml", ".yml"), "a lesson", lesson_name_problem, True
    )
    diagnostics += problems
    for src in clashing:
        lesson_files[src.id] = src.rel  # reported, so that a build says the lesson failed
    for src in sources:
        lesson_files[src.id] = src.rel
        lesson, problems = load_lesson(
            root, src, library, glossary, settings.language, recorded.get(src.id)
        )
        diagnostics += problems
        if lesson is not None:
            lessons[lesson.id] = lesson
    diagnostics += unknown_term_warnings(lessons.values(), glossary, settings.not_acronyms)
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
    return Course(root, settings, library, glossary, lessons, lesson_files, diagnostics, record)


def _article_languages(
    library: ArticleLibrary, language: str, diagnostics: list[Diagnostic]
) -> ArticleLibrary:
    """Each article with the language its text is marked with (see articles.with_language)."""
    articles = {}
    for article_id, article in library.items():
        articles[article_id], warning = with_language(article, language)
        if warning is not None:
            diagnostics.append(warning)
    return ArticleLibrary(articles, library.unreadable)


def _settings(root: Path, diagnostics: list[Diagnostic]) -> CourseSettings:
    src = course_file(root, COURSE_FILE)
    if src is None:
        return CourseSettings()
    text, problems = read_text(root, src, MAX_YAML_BYTES, _COURSE_TOO_LARGE)
    diagnostics += problems
    if text is None:
        return CourseSettings()
    doc, problems = parse_yaml(text, COURSE_FILE)
    diagnostics += problems
    if doc is None or doc.data is None:
        return CourseSettings()
    settings, problems = validate(CourseSettings, doc, COURSE_FILE, "course.yaml")
    diagnostics += problems
    if settings is None:
        return CourseSettings()
    return _label_problems(settings, doc, diagnostics)


def _label_problems(
    settings: CourseSettings, doc: YamlDocument, diagnostics: list[Diagnostic]
) -> CourseSettings:
    """Every wrong override in `labels:` (left out), and a warning for a language whose labels
    coursegen cannot print (they are then in English)."""
    # Imported here: documents/ imports this module (documents.labels depends on nothing else).
    from ..documents.labels import check_overrides, keys, translated

    wrong = set()
    for path, message, hint in check_overrides(settings.labels):
        pos = (
            doc.key_pos(("labels", *path))
            if message.startswith("unknown ")
            else doc.pos(("labels", *path))
        )
        diagnostics.append(Diagnostic(COURSE_FILE, pos.line, pos.col, message, hint=hint))
        wrong.add(path[0])
    if wrong:
        labels = {k: v for k, v in settings.labels.items() if k not in wrong}
        settings = settings.model_copy(update={"labels": labels})
    language = settings.language
    if not translated(language) and not set(keys()) <= set(settings.labels):
        pos = doc.pos(("language",))
        diagnostics.append(
            Diagnostic(
                COURSE_FILE,
                pos.line,
                pos.col,
                f"coursegen has no translation of its labels into '{language}'; "
                "they are printed in English",
                hint="give them in your language under 'labels:' in course.yaml "
                "(the keys are listed in the user guide, section 4)",
                severity=Severity.WARNING,
            )
        )
    return settings


def _glossary(
    root: Path, settings: CourseSettings, diagnostics: list[Diagnostic]
) -> tuple[Glossary, YamlDocument | None]:
    """The glossary in force, and the course's glossary.yaml as read (None when it has none or
    it is not YAML), for the checks that need its positions."""
    own: list[Entry] = []
    doc = None
    src = course_file(root, GLOSSARY_FILE)
    if src is not None:
        text, problems = read_text(root, src, MAX_GLOSSARY_BYTES, _GLOSSARY_TOO_LARGE)
        diagnostics += problems
        if text is not None:
            doc, problems = parse_yaml(text, GLOSSARY_FILE)
            diagnostics += problems
        if doc is not None:
            own, problems = entries_from_document(
                doc, GLOSSARY_FILE, GLOSSARY_FILE, settings.language
            )
            diagnostics += problems
    builtin = builtin_entries() if settings.builtin_glossary else ()
    return Glossary([*own, *builtin], settings.language), doc
