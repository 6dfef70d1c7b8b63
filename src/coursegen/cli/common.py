"""What every command shares: the --course option, and library errors turned into the
command's error message (never a traceback)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import click

from ..errors import CoursegenError
from ..outfolder import OutputError
from .report import terminal_text

T = TypeVar("T")

COURSE_OPTION = click.option(
    "--course",
    "course_dir",
    type=click.Path(path_type=Path),
    default=".",
    show_default=True,
    help="The course folder (it holds lessons/, articles/, course.yaml).",
)


@contextmanager
def library_errors() -> Iterator[None]:
    """A CoursegenError becomes the command's error message (exit 2), never a traceback; an
    OutputError (a file that could not be written) is `error: <path>: …` (exit 1)."""
    try:
        yield
    except OutputError as exc:
        click.echo(f"error: {terminal_text(exc.message)}", err=True)
        if exc.hint:
            click.echo(f"    hint: {terminal_text(exc.hint)}", err=True)
        sys.exit(1)
    except CoursegenError as exc:
        message = terminal_text(exc.message)
        if exc.hint:
            message += f"\n    hint: {terminal_text(exc.hint)}"
        raise click.UsageError(message) from None


def call(function: Callable[[], T]) -> T:
    with library_errors():
        return function()
