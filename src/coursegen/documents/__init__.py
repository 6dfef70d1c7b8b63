"""What each document says: the content model, the fixed words, the documents of a course.

`planned_documents` is the one list of everything a build makes, lesson documents and
course-level documents alike, each with the output path it is written to (without suffix).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..content.course import Course
from .course import course_glossary
from .lesson import LESSON_DOCUMENTS, lesson_documents
from .model import Document

__all__ = ["LESSON_DOCUMENTS", "Document", "PlannedDocument", "planned_documents"]


@dataclass(frozen=True)
class PlannedDocument:
    stem: str  # the output path without suffix: "05-reset/handout", "glossary"
    document: Document
    lesson: str | None  # the lesson it belongs to; None for course-level documents


def planned_documents(
    course: Course, lesson_ids: Sequence[str], whole_course: bool
) -> list[PlannedDocument]:
    """The documents of the given (sound) lessons; for a whole-course build, the course-level
    documents too."""
    planned = [
        PlannedDocument(f"{lesson_id}/{name}", document, lesson_id)
        for lesson_id in lesson_ids
        for name, document in lesson_documents(course.settings, course.lessons[lesson_id]).items()
    ]
    if whole_course and lesson_ids:
        lessons = [course.lessons[i] for i in lesson_ids]
        planned.append(PlannedDocument("glossary", course_glossary(course.settings, lessons), None))
    return planned
