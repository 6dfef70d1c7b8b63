"""The `coursegen` command: a thin layer that reads options, calls the library and prints."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from . import __version__
from .course import Course, load_course
from .errors import Diagnostic, sorted_diagnostics

COURSE_OPTION = click.option(
    "--course",
    "course_dir",
    type=click.Path(path_type=Path),
    default=".",
    show_default=True,
    help="The course folder (it holds lessons/, articles/, course.yaml).",
)


def _open_course(course_dir: Path) -> Course:
    root = course_dir.resolve()
    if not root.is_dir():
        raise click.UsageError(f"course folder '{course_dir}' does not exist")
    markers = ("lessons", "articles", "course.yaml")
    if not any((root / m).exists() for m in markers):
        raise click.UsageError(
            f"'{course_dir}' is not a course folder: it has no lessons/, articles/ or course.yaml"
        )
    return load_course(root)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in sorted_diagnostics(diagnostics):
        click.echo(diagnostic.format(), err=True)


def problem_summary(diagnostics: Sequence[Diagnostic]) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return "no problems"
    return ", ".join(
        part for part in (
            _plural(errors, "error") if errors else "",
            _plural(warnings, "warning") if warnings else "",
        ) if part
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coursegen")
def main() -> None:
    """Turn a course folder into handouts, question sheets and glossaries (DOCX and PDF).

    Run the commands inside a course folder, or name one with --course.
    """


@main.command()
@COURSE_OPTION
def check(course_dir: Path) -> None:
    """Check the whole course and list every problem with its file:line:col.

    Writes nothing. Exit status: 0 when sound (warnings allowed), 1 when any error.

    Example: coursegen check --course ~/teaching/ir214
    """
    course = _open_course(course_dir)
    print_diagnostics(course.diagnostics)
    checked = (
        f"checked {_plural(len(course.lesson_files), 'lesson')}, "
        f"{_plural(len(course.articles), 'article')}, "
        f"{_plural(len(course.glossary), 'glossary entry').replace('entrys', 'entries')}"
    )
    click.echo(f"{checked}: {problem_summary(course.diagnostics)}")
    if course.errors:
        sys.exit(1)


def run() -> None:  # pragma: no cover - the console script entry point is `main`
    main()
