"""coursegen: an international-relations course folder → handouts, question sheets, glossaries.

The library API, for scripts and tools (the `coursegen` command is a thin layer over it):

    course = coursegen.open_course("~/teaching/ir214")    # never raises for problems in files
    for problem in course.diagnostics: print(problem.format())
    report = coursegen.build(course, None, coursegen.BuildOptions(out_dir=course.root / "output"))

Errors that stop the library (no course folder, an unknown lesson) are `CoursegenError`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .builder import BuildOptions, BuildReport, build
from .content.course import Course, load_course
from .errors import CoursegenError, Diagnostic, Severity
from .render.checks import check_templates as check_templates
from .workspace import open_course, select_lessons

__all__ = [
    "BuildOptions",
    "BuildReport",
    "Course",
    "CoursegenError",
    "Diagnostic",
    "Severity",
    "__version__",
    "build",
    "load_course",
    "open_course",
    "select_lessons",
]
