"""`coursegen preview`: serve the course's documents to the browser, updated on every save. The
work is done by coursegen.preview; this starts it, says where, and stops it on Ctrl-C."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import click

from ..workspace import open_course, select_lessons
from .common import COURSE_OPTION
from .common import call as _call
from .report import echo_line


@click.command()
@click.argument("lesson", required=False, type=click.Path(path_type=Path))
@COURSE_OPTION
@click.option(
    "--port",
    type=click.IntRange(min=0, max=65535),
    default=8000,
    show_default=True,
    help="The port to serve on, at 127.0.0.1 (0: any free port).",
)
def preview(lesson: Path | None, course_dir: Path, port: int) -> None:
    """Show the course's documents in your browser, updated as you save.

    Serves on 127.0.0.1 only (this computer): an index of every lesson's documents, each shown
    as it prints, updated in place within a moment of every save of a lesson, an article, the
    glossary, course.yaml or a template; problems appear over the page until you fix them. Each
    page has a link to its PDF. Ctrl-C stops it.

    Example: coursegen preview lessons/05-reset.yaml
    """
    from ..preview import PreviewServer  # the web server: loaded only for this command

    course = _call(lambda: open_course(course_dir))
    page = ""
    if lesson is not None:
        ids = _call(lambda: select_lessons(course, [lesson]))
        page = f"{ids[0]}/handout.html" if ids else ""
    server = PreviewServer(course.root, port)
    try:
        server.start()
    except OSError as exc:
        echo_line(
            f"Error: cannot serve on port {port} ({exc.strerror or exc}); choose another with "
            "--port, e.g. --port 0 for any free one",
            err=True,
        )
        sys.exit(2)
    click.echo(f"Previewing {course.settings.title} at {server.url}{page} (Ctrl-C to stop)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.close()
