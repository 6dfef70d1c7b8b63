"""The `coursegen` command: a thin layer that reads options, calls the library and prints.

It is the only code that prints or exits; library errors become click errors here, at the edge.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import __version__
from ..builder import BuildOptions, prepare_workers
from ..builder import build as run_build
from ..errors import CoursegenError
from ..outfolder import OutputError
from ..render import default_formats, format_names
from .common import COURSE_OPTION
from .common import call as _call
from .progress import progress_reporter
from .report import (
    display_path,
    echo_line,
    plural,
    print_diagnostics,
    problem_summary,
    terminal_text,
)

if TYPE_CHECKING:
    from ..content.course import Course

# Commands kept in modules of their own, loaded when run (or listed by --help): `coursegen
# build` starts without them (see _run).
LAZY_COMMANDS = {
    "glossary": "coursegen.cli.glossary:glossary",
    "preview": "coursegen.cli.preview:preview",
}


class _Group(click.Group):
    """The commands of this module, and those of LAZY_COMMANDS, imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS:
            module, _, name = LAZY_COMMANDS[cmd_name].partition(":")
            command: click.Command = getattr(importlib.import_module(module), name)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coursegen")
def main() -> None:
    """Turn a course folder into handouts, question sheets and glossaries (DOCX and PDF).

    Write a lesson with 'coursegen preview' open in your browser, print with 'coursegen build',
    and publish the course (reader, reading list, LMS and Anki packages) with 'coursegen
    publish'. Run the commands inside a course folder, or name one with --course.
    """


@main.command()
@COURSE_OPTION
@click.option(
    "--a11y",
    is_flag=True,
    help="Also check accessibility: the sources and the outputs already built (PDF/UA-1, "
    "WCAG 2.1), each problem named by its criterion. Builds nothing.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="With --a11y: the output folder to check. Default: output/ in the course folder.",
)
def check(course_dir: Path, a11y: bool, out_dir: Path | None) -> None:
    """Check the whole course and list every problem with its file:line:col.

    With --a11y, also check accessibility: control characters and mojibake in the sources, and
    every PDF and DOCX of the last build, as `file: criterion: message` lines (run
    'coursegen build' first). Writes nothing. Exit status: 0 when sound (warnings allowed),
    1 when any error.

    Example: coursegen check --a11y --course ~/teaching/ir214
    """
    from ..render.checks import check_templates
    from ..workspace import open_course

    course = _call(lambda: open_course(course_dir))
    problems = [*course.diagnostics, *check_templates(course.root)]
    print_diagnostics(problems)
    checked = (
        f"checked {plural(len(course.lesson_files), 'lesson')}, "
        f"{plural(len(course.articles), 'article')}, "
        f"{plural(len(course.glossary), 'glossary entry', 'glossary entries')}"
    )
    click.echo(f"{checked}: {problem_summary(problems)}")
    failed = any(problem.is_error for problem in problems)
    if a11y:
        from ..a11y import check_accessibility

        out = Path(os.path.abspath(out_dir if out_dir is not None else course_dir / "output"))
        findings = _call(lambda: check_accessibility(course, out))
        for finding in findings:
            echo_line(finding.format())
        errors = sum(finding.is_error for finding in findings)
        warnings = len(findings) - errors
        summary = ", ".join(
            part
            for part in (
                plural(errors, "failure") if errors else "",
                plural(warnings, "warning") if warnings else "",
            )
            if part
        )
        click.echo(
            f"accessibility of the sources and {display_path(out)}: {summary or 'no failures'}"
        )
        failed = failed or errors > 0
    if failed:
        sys.exit(1)


def _build_options(command: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The options `build` and `publish` share."""
    made = " and ".join(default_formats(command)) or "none"

    def decorate(function: Callable[..., None]) -> Callable[..., None]:
        for option in reversed(
            [
                COURSE_OPTION,
                click.option(
                    "--format",
                    "formats",
                    type=click.Choice(format_names()),
                    multiple=True,
                    help=f"Only this format (repeat for several). Default: {made}.",
                ),
                click.option(
                    "--out",
                    "out_dir",
                    type=click.Path(path_type=Path),
                    default=None,
                    help="Output folder. Default: output/ in the course folder.",
                ),
                click.option(
                    "--force", is_flag=True, help="Remake every file, even those up to date."
                ),
                click.option(
                    "-j",
                    "--jobs",
                    type=click.IntRange(min=1),
                    default=None,
                    help="Render on N processes. Default: the number of cores.",
                ),
            ]
        ):
            function = option(function)
        return function

    return decorate


@main.command()
@click.argument("lessons", nargs=-1, type=click.Path(path_type=Path))
@_build_options("build")
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
    _run(course_dir, lessons, _options(course_dir, formats, out_dir, force, jobs, False))


@main.command()
@_build_options("publish")
def publish(
    course_dir: Path,
    formats: tuple[str, ...],
    out_dir: Path | None,
    force: bool,
    jobs: int | None,
) -> None:
    """Make the course's own publications: the course reader, the reading list, and the
    packages for an LMS and for Anki.

    Writes output/course-reader.{pdf,docx}, output/reading-list.{pdf,docx} and the course
    glossary, and the exports (see 'Publishing the course' in the user guide). Every lesson
    must be free of errors: a lesson with errors is reported and nothing is written.

    Example: coursegen publish --format pdf
    """
    _run(course_dir, (), _options(course_dir, formats, out_dir, force, jobs, True))


def _options(
    course_dir: Path,
    formats: tuple[str, ...],
    out_dir: Path | None,
    force: bool,
    jobs: int | None,
    publishing: bool,
) -> BuildOptions:
    return BuildOptions(
        # Not resolved here: the library checks the links on the way (outfolder.py).
        out_dir=Path(os.path.abspath(out_dir if out_dir is not None else course_dir / "output")),
        formats=formats,
        force=force,
        jobs=jobs or os.cpu_count() or 1,
        publish=publishing,
    )


def _run(course_dir: Path, lessons: tuple[Path, ...], options: BuildOptions) -> None:
    built = 0

    def waiting() -> None:
        click.echo("waiting for another coursegen build of this folder…", err=True)

    try:
        # When PDFs will likely be rendered, the workers import WeasyPrint while the course loads
        # (and while this process imports what reads it: first the workers, then the imports).
        with prepare_workers(course_dir, options) as workers:
            from ..workspace import open_course, select_lessons

            course = _call(lambda: open_course(course_dir))
            ids = _call(lambda: select_lessons(course, lessons))
            with progress_reporter(sys.stdout.isatty()) as notify:

                def counted(event: str, rel: str) -> None:
                    nonlocal built
                    built += event == "built"
                    notify(event, rel)

                report = _call(lambda: run_build(course, ids, options, counted, workers, waiting))
    except KeyboardInterrupt:
        were = "was" if built == 1 else "were"
        click.echo(
            f"interrupted: {plural(built, 'file')} {were} built, the rest were not; "
            "run the build again to finish",
            err=True,
        )
        sys.exit(130)
    _record_excerpts(course, ids)
    print_diagnostics([d for problems in report.failed_lessons.values() for d in problems])
    for line in report.warnings:
        click.echo(f"warning: {terminal_text(line)}", err=True)
    for name, why in report.unavailable.items():
        echo_line(f"error: no {name.upper()} files were made: {why}", err=True)
    for line in report.errors:
        echo_line(f"error: {line}", err=True)
    for output, moved in report.kept_aside:
        echo_line(
            f"note: {output} had been changed by hand; your copy is kept as {moved}", err=True
        )
    if options.publish and report.failed_lessons:
        echo_line(
            "error: the course was not published: every lesson must be free of errors "
            "(fix the problems above, then run 'coursegen publish' again)",
            err=True,
        )
    parts = [f"built {plural(len(report.built), 'file')}"]
    if report.up_to_date:
        parts.append(f"{len(report.up_to_date)} up to date")
    if report.failed_lessons:
        parts.append(f"{plural(len(report.failed_lessons), 'lesson')} failed")
    if report.errors:
        parts.append(f"{plural(len(report.errors), 'file')} failed")
    if report.not_built:
        parts.append(f"{len(report.not_built)} not made")
    click.echo(f"{', '.join(parts)} in {report.seconds:.1f}s → {display_path(options.out_dir)}")
    if not report.ok:
        sys.exit(1)


def _record_excerpts(course: Course, ids: list[str] | None) -> None:
    """After a build: record what the built lessons' excerpts show (content/drift.py)."""
    from ..content.drift import RECORD, record_lessons

    if not course.record.sound:
        echo_line(f"warning: {RECORD} was not updated: run 'coursegen check'", err=True)
        return
    try:
        changed = record_lessons(course, ids, force=False)
    except OutputError as exc:
        echo_line(f"warning: {exc.message}", err=True)
        return
    if changed and not course.record.exists:
        echo_line(f"note: {RECORD} now records what each excerpt shows; keep it with the course")


@main.command()
@click.argument("lessons", nargs=-1, type=click.Path(path_type=Path))
@COURSE_OPTION
def accept(lessons: tuple[Path, ...], course_dir: Path) -> None:
    """Record the text that the excerpts of the named lessons (or all) show now.

    An excerpt given by paragraph numbers whose article changed under it is an error in
    'coursegen check' until its lesson is accepted (or its 'paragraphs:' corrected). Writes
    excerpts.lock in the course folder.

    Example: coursegen accept lessons/05-reset.yaml
    """
    from ..content.course import load_course
    from ..content.drift import RECORD, record_lessons
    from ..workspace import course_root, select_lessons

    course = _call(lambda: load_course(course_root(course_dir), compare_record=False))
    ids = _call(lambda: select_lessons(course, lessons))
    named = ids if ids is not None else list(course.lesson_files)
    failed = [lesson_id for lesson_id in named if lesson_id not in course.lessons]
    for lesson_id in failed:
        echo_line(f"{course.lesson_files[lesson_id]}: has errors; run 'coursegen check'", err=True)
    changed = set(_call(lambda: record_lessons(course, ids, force=True)))
    for lesson_id in named:
        if lesson_id not in failed:
            what = "recorded anew" if lesson_id in changed else "unchanged"
            echo_line(f"{course.lesson_files[lesson_id]}: {what}")
    echo_line(f"{RECORD}: {plural(len(changed), 'lesson')} changed")
    if failed:
        sys.exit(1)


@main.command()
@click.argument("lessons", nargs=-1, type=click.Path(path_type=Path))
@COURSE_OPTION
def terms(lessons: tuple[Path, ...], course_dir: Path) -> None:
    """List each lesson's glossary terms and where its excerpts use them (excerpt and ¶).

    Example: coursegen terms lessons/05-reset.yaml
    """
    from ..workspace import open_course, select_lessons

    course: Course = _call(lambda: open_course(course_dir))
    ids = _call(lambda: select_lessons(course, lessons)) or list(course.lesson_files)
    failed = False
    for lesson_id in ids:
        lesson = course.lessons.get(lesson_id)
        rel = course.lesson_files[lesson_id]
        if lesson is None:
            echo_line(f"{rel}: has errors; run 'coursegen check'", err=True)
            failed = True
            continue
        uses = lesson.glossary
        echo_line(f"{rel}: {plural(len(uses), 'term')}")
        width = max((len(u.entry.term) for u in uses), default=0)
        for use in uses:
            where = use.places() or "listed in the lesson; not in its excerpts"
            source = "" if use.entry.source == "built-in" else f"  [{use.entry.source}]"
            echo_line(f"  {use.entry.term.ljust(width)}  {where}{source}")
    if failed:
        sys.exit(1)


@main.command()
@click.argument("article")
@click.argument("ranges", nargs=-1)
@COURSE_OPTION
@click.option(
    "--width",
    type=click.IntRange(min=0),
    default=None,
    help="Wrap at N columns (0: one line per paragraph). Default: the terminal's width, "
    "at most 100; 100 when the output is not a terminal.",
)
def show(article: str, ranges: tuple[str, ...], course_dir: Path, width: int | None) -> None:
    """Print an article with its ¶ numbers, or only the paragraphs in RANGES (3, 3-5, ¶3–5),
    to pick excerpts without building. ARTICLE is an id or a file in articles/.

    Example: coursegen show lavrov-2009-newsweek 3-5
    """
    from ..content.listing import find_article, parse_ranges, select_paragraphs
    from .listing import article_lines, is_terminal, output_width

    wanted = _call(lambda: parse_ranges(ranges))
    found = _call(lambda: find_article(course_dir, article))
    if found.article is None or found.has_errors:  # as `check` prints them
        print_diagnostics(found.diagnostics)
        echo_line(f"{found.rel}: has errors; run 'coursegen check'", err=True)
        sys.exit(1)
    text = found.article
    shown = _call(lambda: select_paragraphs(text, wanted))
    print_diagnostics(found.diagnostics)  # warnings only, on stderr
    for line in article_lines(text, shown, output_width(is_terminal(), width)):
        if line.heading:  # escaped before it was styled: only coursegen's own bold is raw
            click.echo(click.style(terminal_text(line.text), bold=True))
        else:
            echo_line(line.text)


@main.command("import")
@click.argument(
    "sources", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True)
)
@COURSE_OPTION
@click.option(
    "--id",
    "article_id",
    default=None,
    help="The article's id (its file name in articles/). Default: from the title.",
)
@click.option(
    "--title",
    default=None,
    help="The title. Default: the one the source gives (a page's title, a text's first line).",
)
@click.option(
    "--language",
    default=None,
    help="Its language code (en, fr…). Default: the source's, or identified from the text.",
)
@click.option("--author", default=None, help="Its author.")
@click.option("--date", default=None, help="Its date, YYYY-MM-DD (or YYYY-MM).")
@click.option("--publication", default=None, help="Where it was published.")
@click.option("--url", default=None, help="Where it can be found.")
def import_(
    sources: tuple[Path, ...],
    course_dir: Path,
    article_id: str | None,
    title: str | None,
    language: str | None,
    author: str | None,
    date: str | None,
    publication: str | None,
    url: str | None,
) -> None:
    """Import articles: saved web pages (.html), PDFs, Word files (.docx), plain text (.txt), or
    - for text pasted on standard input. Each becomes articles/<id>.md, with its page furniture,
    boilerplate and broken lines removed; an article is never overwritten. Every decision is
    listed in imports/<id>.report.txt: review it, and the article, before teaching from it.

    Example: coursegen import speech.txt --title "Statement by Australia" --date 2005-09-17
    """
    from ..importers import MAX_SOURCE_BYTES, ImportOptions, import_article
    from ..workspace import course_root

    options = ImportOptions(article_id, title, language, author, date, publication, url)
    if len(sources) > 1:
        for name, value in (("--id", article_id), ("--title", title), ("--url", url)):
            if value is not None:
                raise click.UsageError(
                    f"{name} names one article: import the files one at a time to give it"
                )
        if sum(str(s) == "-" for s in sources) > 1:
            raise click.UsageError("'-' (standard input) can be given once")
    root = _call(lambda: course_root(course_dir))
    failed = 0
    for source in sources:
        given: Path | bytes = source
        if str(source) == "-":
            given = sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1)
        try:
            result = import_article(given, root, options)
        except CoursegenError as exc:
            failed += 1
            click.echo(f"Error: {terminal_text(exc.message)}", err=True)
            if exc.hint:
                click.echo(f"    hint: {terminal_text(exc.hint)}", err=True)
            continue
        article, report = (p.relative_to(root).as_posix() for p in (result.article, result.report))
        echo_line(f"wrote {article}, and its review report {report}")
        for line in result.summary:
            echo_line(f"  {line}")
    if failed < len(sources):
        echo_line("review the article and the report before teaching from it")
    if failed:
        sys.exit(2)


if __name__ == "__main__":
    main()
