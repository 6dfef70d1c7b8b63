"""What the course-level documents say: the course glossary, and the frame of every document of
the whole course (publish.py makes the others)."""

from __future__ import annotations

from collections.abc import Sequence

from ..content.lessons import Lesson
from ..content.terms import TermUse, sort_key
from ..source.schema import CourseSettings
from .labels import Labels
from .model import Document
from .setting import course_info, course_line, document_meta, lesson_name, term_view


def course_document(settings: CourseSettings, kind: str, name: str, **body: object) -> Document:
    """A document of the whole course, titled "Course — Course glossary" and the like: `kind` is
    also the label of its subtitle, `name` its file's name."""
    labels = Labels(settings.language, settings.labels)
    course = course_info(settings, labels)
    subtitle = labels(kind)
    return Document(
        meta=document_meta(
            settings,
            course,
            kind=kind,
            name=name,
            title=labels("document-title", lesson=course.title, document=subtitle),
            running_header=labels.join([course.label, subtitle]),
            labels=labels,
        ),
        course_line=course_line(course, labels),
        meta_line=None,
        heading=course.title,
        subtitle=subtitle,
        **body,  # type: ignore[arg-type]
    )


def course_glossary(settings: CourseSettings, lessons: Sequence[Lesson]) -> Document:
    """Every term of every lesson, with the lessons where it appears."""
    labels = Labels(settings.language, settings.labels)
    uses: dict[str, TermUse] = {}
    lessons_of: dict[str, list[str]] = {}
    for lesson in lessons:
        name = lesson_name(lesson, labels)
        for use in lesson.glossary:
            uses.setdefault(use.entry.term, use)
            lessons_of.setdefault(use.entry.term, []).append(name)
    terms = tuple(
        term_view(
            uses[t].entry,
            labels("lessons", lessons=labels("semicolon").join(lessons_of[t])),
            labels,
        )
        for t in sorted(uses, key=sort_key)
    )
    return course_document(
        settings,
        "course-glossary",
        "glossary",
        terms=terms,
        empty=None if terms else labels("no-course-terms"),
    )
