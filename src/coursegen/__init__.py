"""coursegen: an international-relations course folder → handouts, question sheets, glossaries.

The library API, for scripts and tools (the `coursegen` command is a thin layer over it):

    course = coursegen.open_course("~/teaching/ir214")    # never raises for problems in files
    for problem in course.diagnostics: print(problem.format())
    report = coursegen.build(course, None, coursegen.BuildOptions(out_dir=course.root / "output"))

Errors that stop the library (no course folder, an unknown lesson) are `CoursegenError`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lazy import lazy_names

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .builder import BuildOptions, BuildReport, build
    from .content.course import Course, load_course
    from .errors import CoursegenError, Diagnostic, Severity
    from .render.checks import check_templates as check_templates
    from .workspace import open_course, select_lessons

# Where each name of the API lives: each module loads on first use (PEP 562), so that the
# `coursegen` command, which imports this package first, starts without loading all of them.
_API = {
    "BuildOptions": "builder",
    "BuildReport": "builder",
    "build": "builder",
    "Course": "content.course",
    "load_course": "content.course",
    "CoursegenError": "errors",
    "Diagnostic": "errors",
    "Severity": "errors",
    "check_templates": "render.checks",
    "open_course": "workspace",
    "select_lessons": "workspace",
}


__getattr__ = lazy_names(__name__, _API, globals())


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
