"""How the command prints: diagnostics, summaries, counts; nothing from a course file reaches
the terminal raw (`terminal_text`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import click

from ..errors import Diagnostic, sorted_diagnostics

# C0 controls, DEL, C1 controls, and the Unicode marks that reorder text on screen (bidi
# embeddings, overrides and isolates): a file name or a value from a course folder could use
# them to recolour the terminal, retitle its window, hide text or make a name read backwards.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """`text` with every control character shown as an escape: ESC as \\x1b, a newline as \\n.

    Every line printed goes through here; a line made of several parts escapes each part, so
    that only coursegen's own line breaks stay line breaks.
    """
    return _CONTROLS.sub(_escape, text)


def echo_line(text: str, err: bool = False) -> None:
    """Print one line whose every part may come from a course folder."""
    click.echo(terminal_text(text), err=err)


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """Diagnostic.format(), with the path, message and hint escaped each on its own."""
    escaped = Diagnostic(
        terminal_text(diagnostic.path),
        diagnostic.line,
        diagnostic.col,
        terminal_text(diagnostic.message),
        None if diagnostic.hint is None else terminal_text(diagnostic.hint),
        diagnostic.severity,
    )
    return escaped.format()


def plural(count: int, word: str, plural_form: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural_form or word + 's'}"


def print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in sorted_diagnostics(diagnostics):
        click.echo(format_diagnostic(diagnostic), err=True)


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
        shown = path.relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        shown = str(path) + "/"
    return terminal_text(shown)
