"""The course folder: finding it, and naming its lessons from what a user typed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .content.course import COURSE_FILE, LESSONS_FOLDER, Course, load_course
from .content.library import ARTICLES_FOLDER
from .errors import CoursegenError, did_you_mean

COURSE_MARKERS = (LESSONS_FOLDER, ARTICLES_FOLDER, COURSE_FILE)


def course_root(course_dir: Path) -> Path:
    """The course folder as an absolute path; CoursegenError when it is not one."""
    root = course_dir.resolve()
    if not root.is_dir():
        raise CoursegenError(f"course folder '{course_dir}' does not exist")
    if not any((root / marker).exists() for marker in COURSE_MARKERS):
        raise CoursegenError(
            f"'{course_dir}' is not a course folder: it has no lessons/, articles/ or course.yaml"
        )
    return root


def open_course(course_dir: Path | str = ".") -> Course:
    """Load the course in `course_dir`: every problem in its files is in `Course.diagnostics`."""
    return load_course(course_root(Path(course_dir)))


def select_lessons(course: Course, given: Sequence[Path | str]) -> list[str] | None:
    """Lesson ids from names or paths ('05-reset', 'lessons/05-reset.yaml'), each once, in the
    order given; None (the whole course) when none is given."""
    if not given:
        return None
    ids: list[str] = []
    for item in given:
        path = Path(item)
        stem = path.stem if path.suffix in (".yaml", ".yml") else path.name
        if stem not in course.lesson_files:
            hint = did_you_mean(stem, course.lesson_files)
            raise CoursegenError(
                f"no lesson '{item}' in {course.root / LESSONS_FOLDER}"
                + (f" ({hint})" if hint else "")
            )
        if stem not in ids:
            ids.append(stem)
    return ids
