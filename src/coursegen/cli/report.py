"""How the command prints: diagnostics, summaries, counts."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from ..errors import Diagnostic, sorted_diagnostics


def plural(count: int, word: str, plural_form: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural_form or word + 's'}"


def print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in sorted_diagnostics(diagnostics):
        click.echo(diagnostic.format(), err=True)


def problem_summary(diagnostics: Sequence[Diagnostic]) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return "no problems"
    parts = [
        plural(errors, "error") if errors else "",
        plural(warnings, "warning") if warnings else "",
    ]
    return ", ".join(part for part in parts if part)


def display_path(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return str(path) + "/"
