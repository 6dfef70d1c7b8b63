"""The term matcher: every glossary form in a text, in one left-to-right pass over its words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .textnorm import fold, fold_with_map, original_end

if TYPE_CHECKING:
    from .glossary import Entry

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Match:
    term: str
    start: int
    end: int


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class TermMatcher:
    """Finds glossary terms in text in one left-to-right pass over its words.

    Each form is filed under its first word; at each word of the text only the forms filed
    under that word are tried, longest first, so the cost does not grow with the bank's size.
    """

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._found: dict[str, list[Match]] = {}
        self._exact: dict[str, list[tuple[str, str]]] = {}
        self._folded: dict[str, list[tuple[str, str]]] = {}
        for entry in entries:
            for form in entry.forms:
                folded = fold(form.strip())
                first = _WORD.match(folded)
                if first is None:
                    continue
                if entry.is_case_sensitive(form):
                    self._exact.setdefault(first.group(), []).append((folded, entry.term))
                else:
                    lowered = _lower_same_length(folded)
                    self._folded.setdefault(lowered[: first.end()], []).append(
                        (lowered, entry.term)
                    )
        for table in (self._exact, self._folded):
            for candidates in table.values():
                candidates.sort(key=lambda c: -len(c[0]))

    def find(self, text: str) -> list[Match]:
        """Every term in `text`, left to right, never overlapping (remembered per text)."""
        cached = self._found.get(text)
        if cached is None:
            cached = self._found[text] = self._find(text)
        return list(cached)

    def _find(self, text: str) -> list[Match]:
        folded, mapping = fold_with_map(text)
        lowered = _lower_same_length(folded)
        matches: list[Match] = []
        resume = 0
        for word in _WORD.finditer(folded):
            pos = word.start()
            if pos < resume:
                continue
            best: tuple[int, str] | None = None
            for haystack, table, key in (
                (folded, self._exact, word.group()),
                (lowered, self._folded, lowered[pos : word.end()]),
            ):
                for form, term in table.get(key, ()):
                    if best is not None and len(form) <= best[0]:
                        break
                    end = pos + len(form)
                    if haystack.startswith(form, pos) and not _is_word_char(folded, end):
                        best = (len(form), term)
                        break
            if best is not None:
                end = pos + best[0]
                matches.append(Match(best[1], mapping[pos], original_end(mapping, end, text)))
                resume = end
        return matches


def _is_word_char(text: str, index: int) -> bool:
    return index < len(text) and text[index].isalnum()
