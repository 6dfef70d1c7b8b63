"""What every document shares: the course line, metadata and the page label, in its language."""

from __future__ import annotations

from ..content.glossary import Entry
from ..content.lessons import Lesson
from ..content.scripts import part_language
from ..source.schema import CourseSettings
from .labels import Labels
from .model import CourseInfo, DocumentMeta, TermView


def lesson_name(lesson: Lesson, labels: Labels) -> str:
    """'Week 3: Arms control after the Cold War', or the title of a lesson without a week."""
    if lesson.week is None:
        return lesson.title
    return labels("week-lesson", number=lesson.week, title=lesson.title)


def course_info(settings: CourseSettings, labels: Labels) -> CourseInfo:
    label = (
        labels("course-code", code=settings.code, title=settings.title)
        if settings.code
        else settings.title
    )
    return CourseInfo(
        title=settings.title,
        label=label,
        code=settings.code,
        instructor=settings.instructor,
        institution=settings.institution,
        term=settings.term,
    )


def course_line(course: CourseInfo, labels: Labels) -> str:
    """'IR 214 · US–Russian Relations · Fall 2026 · Dr Smith' (printed in small capitals)."""
    return labels.join([course.label, course.term or "", course.instructor or ""])


def document_meta(
    settings: CourseSettings,
    course: CourseInfo,
    *,
    kind: str,
    name: str,
    title: str,
    running_header: str,
    labels: Labels,
    lesson: str | None = None,
    lesson_name: str | None = None,
) -> DocumentMeta:
    return DocumentMeta(
        kind=kind,
        name=name,
        title=title,
        language=settings.language,
        paper=settings.paper,
        author=settings.instructor,
        keywords=course.label,
        running_header=running_header,
        page_label=labels.page_label(),
        course=course,
        labels_language=None if labels.words == settings.language else labels.words,
        lesson=lesson,
        lesson_name=lesson_name,
    )


def term_view(entry: Entry, where: str | None, labels: Labels) -> TermView:
    return TermView(
        term=entry.term,
        expansion=labels("expansion", expansion=entry.expansion) if entry.expansion else None,
        definition=entry.definition,
        where=where,
        see=labels("see-also", terms=labels("comma").join(entry.see)) if entry.see else None,
        language=part_language(entry.language, labels.language),
        aliases=tuple(form for form in entry.forms if form != entry.term),
        case_sensitive=entry.is_case_sensitive(entry.term),
    )
