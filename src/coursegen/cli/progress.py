"""Build progress for people: a bar on a terminal, one plain line per file otherwise; file names
are shown with their control characters escaped (report.terminal_text)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import click

from ..builder import Progress
from .report import terminal_text


@contextlib.contextmanager
def progress_reporter(interactive: bool) -> Iterator[Progress]:
    if not interactive:

        def plain(event: str, rel: str) -> None:
            if event != "up-to-date":
                click.echo(f"{event:>10}  {terminal_text(rel)}")

        yield plain
        return
    from rich.markup import escape
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.progress import (
        Progress as Bar,
    )

    with Bar(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
    ) as bar:
        task = bar.add_task("building", total=None)

        def update(event: str, rel: str) -> None:
            # rich reads [brackets] in a description as its own markup: escape them too
            shown = escape(terminal_text(rel))
            bar.update(task, advance=1, description=f"{event} {shown}")

        yield update
