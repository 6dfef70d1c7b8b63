"""Problems in a course as data: every check collects Diagnostics; only the CLI prints them."""

from __future__ import annotations

import difflib
import unicodedata
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


MAX_SLIPS = 3  # a longer name with more differences is another name, not a typing slip


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """'did you mean 'x'?' for the closest choice, or None when nothing is close (closest)."""
    found = closest(word, choices)
    return f"did you mean '{found}'?" if found is not None else None


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice that `word` is most likely a slip for, or None when none is really close.

    Capitals, accents and everything but letters, digits and '+' are ignored ('P5 + 1' is
    'P5+1', 'nato' is 'NATO'). Otherwise a choice is close when at most a third of the longer
    name's characters were typed wrong (an extra, missing or wrong character, or two swapped):
    no slip when the longer has two characters, one when it has three to five, two up to
    eight, never more than three (not 'Non-Proliferation Treaty' for 'nonproliferation
    regime'); or when `word` is the first half or more of it ('lang' for 'language'). An
    acronym is suggested for a word in lower case (or the other way round) only when they are
    the same letters: not 'SEATO' for 'veto'. Among close choices: the fewest slips, then
    difflib's similarity, then A to Z.
    """
    key = _compact(word)
    if not key:
        return None
    acronym = _is_acronym(word)
    ranked: list[tuple[int, int, float, str]] = []
    for choice in sorted(set(choices)):
        other = _compact(choice)
        if not other:
            continue
        if other == key:
            return choice
        if _is_acronym(choice) != acronym:
            continue
        slips = _slips(key, other, min(len(max(key, other, key=len)) // 3, MAX_SLIPS))
        if slips is not None:
            ranked.append((0, slips, -_similarity(key, other), choice))
        elif len(key) >= 3 and other.startswith(key) and 2 * len(key) >= len(other):
            ranked.append((1, len(other) - len(key), -_similarity(key, other), choice))
    return min(ranked)[3] if ranked else None


def _compact(name: str) -> str:
    """`name` in lower case without accents, keeping only letters, digits and '+'."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(
        c for c in decomposed if (c.isalnum() or c == "+") and not unicodedata.combining(c)
    )


def _is_acronym(name: str) -> bool:
    """NATO, P5+1, G20: letters, all capitals."""
    return any(c.isalpha() for c in name) and not any(c.islower() for c in name)


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _slips(a: str, b: str, limit: int) -> int | None:
    """The number of single-character edits (insert, delete, replace, swap two neighbours) that
    turn `a` into `b`, or None when it is more than `limit`."""
    if abs(len(a) - len(b)) > limit:
        return None
    previous: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous, row = previous, row, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], before[j - 2] + 1)
        if min(row) > limit:
            return None
    return row[-1] if row[-1] <= limit else None
