"""Build progress for people: a bar on a terminal, one plain line per file otherwise."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import click

from ..builder import Progress


@contextlib.contextmanager
def progress_reporter(interactive: bool) -> Iterator[Progress]:
    if not interactive:

        def plain(event: str, rel: str) -> None:
            if event != "up-to-date":
                click.echo(f"{event:>10}  {rel}")

        yield plain
        return
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
            bar.update(task, advance=1, description=f"{event} {rel}")

        yield update
