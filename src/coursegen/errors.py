"""Problems in a course as data: every check collects Diagnostics; only the CLI prints them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem at one place: `path` is relative to the course folder, line/col are 1-based."""

    path: str
    line: int
    col: int
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.message)

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    unique = {(d.sort_key(), d.hint, d.severity): d for d in diagnostics}
    return sorted(unique.values(), key=Diagnostic.sort_key)


class CoursegenError(Exception):
    """Raised by the library when it cannot go on at all (no course folder, an unknown lesson, a
    bad environment setting). Problems in course files are never raised: they are Diagnostics."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """'did you mean 'x'?' for the closest choice, or None when nothing is close."""
    options = sorted(set(choices))
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not matches:
        folded = {o.casefold(): o for o in options}
        matches = [
            folded[m] for m in difflib.get_close_matches(word.casefold(), folded, n=1, cutoff=0.6)
        ]
    return f"did you mean '{matches[0]}'?" if matches else None
