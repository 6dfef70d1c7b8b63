"""The one list of everything a build or a publish makes: lesson documents and course-level
documents alike, each with the output path it is written to (without suffix)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..content.course import Course
from ..content.lessons import Lesson
from ..source.schema import CourseSettings
from .course import course_glossary
from .lesson import lesson_documents
from .model import Document
from .publish import package, reader, reading_list

# The documents of `coursegen publish`, by kind: made from the whole course, never per lesson.
PUBLISHED_DOCUMENTS = ("course-reader", "reading-list", "course-package", "course-glossary")


@dataclass(frozen=True)
class PlannedDocument:
    stem: str  # the output path without suffix: "05-reset/handout", "glossary"
    document: Document
    lesson: str | None  # the lesson it belongs to; None for course-level documents


# What a lesson's documents are made by: lesson_documents, or a caller's way of remembering it.
Compose = Callable[[CourseSettings, Lesson], dict[str, Document]]


def planned_documents(
    course: Course,
    lesson_ids: Sequence[str],
    whole_course: bool,
    compose: Compose = lesson_documents,
) -> list[PlannedDocument]:
    """The documents of the given (sound) lessons; for a whole-course build, the course-level
    documents too. `compose` makes a lesson's documents (the preview keeps those of a lesson
    that did not change)."""
    planned = [
        PlannedDocument(f"{lesson_id}/{name}", document, lesson_id)
        for lesson_id in lesson_ids
        for name, document in compose(course.settings, course.lessons[lesson_id]).items()
    ]
    if whole_course and lesson_ids:
        lessons = [course.lessons[i] for i in lesson_ids]
        planned.append(PlannedDocument("glossary", course_glossary(course.settings, lessons), None))
    return planned


def published_documents(course: Course) -> list[PlannedDocument]:
    """The course reader, the reading list, the package the exports are made from, and the
    course glossary (which the glossary exports are made from), of every lesson of the course.
    The caller makes sure that every lesson is sound."""
    settings = course.settings
    # in the order of the course: by week where lessons have one, else in the order of their
    # files (which instructors number)
    lessons = sorted(
        (course.lessons[lesson_id] for lesson_id in course.lesson_files),
        key=lambda lesson: lesson.week if lesson.week is not None else float("inf"),
    )
    documents = [lesson_documents(settings, lesson) for lesson in lessons]
    # the same course glossary as a build's (both write output/glossary.*): its lessons in the
    # order of their files
    glossary = course_glossary(settings, [course.lessons[i] for i in course.lesson_files])
    handouts = [of_lesson["handout"] for of_lesson in documents]
    every = [document for of_lesson in documents for document in of_lesson.values()]
    return [
        PlannedDocument("course-reader", reader(settings, handouts, glossary), None),
        PlannedDocument("reading-list", reading_list(settings, lessons), None),
        PlannedDocument("course", package(settings, every, glossary), None),
        PlannedDocument("glossary", glossary, None),
    ]
