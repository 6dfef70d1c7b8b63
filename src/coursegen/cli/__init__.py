"""The `coursegen` command: a thin layer that reads options, calls the library and prints."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from .. import __version__
from ..build import FORMATS, BuildOptions
from ..build import build as run_build
from ..content.course import Course, load_course
from ..content.terms import lesson_terms
from ..errors import Diagnostic, did_you_mean, sorted_diagnostics
from .progress import progress_reporter

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


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in sorted_diagnostics(diagnostics):
        click.echo(diagnostic.format(), err=True)


def problem_summary(diagnostics: Sequence[Diagnostic]) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return "no problems"
    return ", ".join(
        part
        for part in (
            _plural(errors, "error") if errors else "",
            _plural(warnings, "warning") if warnings else "",
        )
        if part
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
        f"{_plural(len(course.glossary), 'glossary entry', 'glossary entries')}"
    )
    click.echo(f"{checked}: {problem_summary(course.diagnostics)}")
    if course.errors:
        sys.exit(1)


def _lesson_ids(course: Course, lessons: Sequence[Path]) -> list[str] | None:
    if not lessons:
        return None
    ids = []
    for given in lessons:
        stem = given.stem if given.suffix in (".yaml", ".yml") else given.name
        if stem not in course.lesson_files:
            hint = did_you_mean(stem, course.lesson_files)
            raise click.UsageError(
                f"no lesson '{given}' in {course.root / 'lessons'}" + (f" ({hint})" if hint else "")
            )
        ids.append(stem)
    return ids


@main.command()
@click.argument("lessons", nargs=-1, type=click.Path(path_type=Path))
@COURSE_OPTION
@click.option(
    "--format",
    "formats",
    type=click.Choice(FORMATS),
    multiple=True,
    help="Only this format (repeat for both). Default: pdf and docx.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Output folder. Default: output/ in the course folder.",
)
@click.option("--force", is_flag=True, help="Rebuild every file, even those that are up to date.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Render on N processes. Default: the number of cores.",
)
def build(
    lessons: tuple[Path, ...],
    course_dir: Path,
    formats: tuple[str, ...],
    out_dir: Path | None,
    force: bool,
    jobs: int | None,
) -> None:
    """Build handouts, question sheets and glossaries for all lessons, or the ones named.

    Writes output/<lesson>/{handout,questions,questions-instructor,glossary}.{pdf,docx}
    and, for a whole-course build, output/glossary.{pdf,docx}. Only outputs whose inputs
    changed are rebuilt. A lesson with errors is reported and skipped; the exit status is
    then 1.

    Example: coursegen build lessons/05-reset.yaml --format pdf
    """
    course = _open_course(course_dir)
    ids = _lesson_ids(course, lessons)
    options = BuildOptions(
        out_dir=(out_dir if out_dir is not None else course.root / "output").resolve(),
        formats=tuple(dict.fromkeys(formats)) or FORMATS,
        force=force,
        jobs=jobs or os.cpu_count() or 1,
    )
    with progress_reporter(sys.stdout.isatty()) as notify:
        report = run_build(course, ids, options, notify)
    print_diagnostics([d for problems in report.failed_lessons.values() for d in problems])
    for line in report.errors:
        click.echo(f"error: {line}", err=True)
    for output, moved in report.kept_aside:
        click.echo(
            f"note: {output} had been changed by hand; your copy is kept as {moved}", err=True
        )
    where = _display_path(options.out_dir)
    parts = [f"built {_plural(len(report.built), 'file')}"]
    if report.up_to_date:
        parts.append(f"{len(report.up_to_date)} up to date")
    if report.failed_lessons:
        parts.append(f"{_plural(len(report.failed_lessons), 'lesson')} failed")
    if report.errors:
        parts.append(f"{_plural(len(report.errors), 'file')} failed")
    click.echo(f"{', '.join(parts)} in {report.seconds:.1f}s → {where}")
    if not report.ok:
        sys.exit(1)


def _display_path(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return str(path) + "/"


@main.command()
@click.argument("lessons", nargs=-1, type=click.Path(path_type=Path))
@COURSE_OPTION
def terms(lessons: tuple[Path, ...], course_dir: Path) -> None:
    """List each lesson's glossary terms and where its excerpts use them (excerpt and ¶).

    Example: coursegen terms lessons/05-reset.yaml
    """
    course = _open_course(course_dir)
    ids = _lesson_ids(course, lessons) or list(course.lesson_files)
    failed = False
    for lesson_id in ids:
        lesson = course.lessons.get(lesson_id)
        rel = course.lesson_files[lesson_id]
        if lesson is None:
            click.echo(f"{rel}: has errors; run 'coursegen check'", err=True)
            failed = True
            continue
        uses = lesson_terms(lesson, course.glossary)
        click.echo(f"{rel}: {_plural(len(uses), 'term')}")
        width = max((len(u.entry.term) for u in uses), default=0)
        for use in uses:
            where = use.places() or "listed in the lesson; not in its excerpts"
            source = "" if use.entry.source == "built-in" else f"  [{use.entry.source}]"
            click.echo(f"  {use.entry.term.ljust(width)}  {where}{source}")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
