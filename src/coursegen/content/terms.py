"""A lesson's glossary: the terms it lists plus those found in its excerpts, and where each occurs."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .excerpts import Excerpt
from .glossary import Entry, Glossary


@dataclass(frozen=True)
class Occurrence:
    excerpt: str
    number: int  # the article paragraph (¶)
    passage: int  # index of the passage in the excerpt
    start: int  # offsets in the passage text
    end: int


@dataclass(frozen=True)
class TermUse:
    entry: Entry
    occurrences: tuple[Occurrence, ...]

    def places(self) -> str:
        """'A ¶1, ¶3; B ¶2' — each excerpt once, each paragraph once."""
        by_excerpt: dict[str, list[int]] = {}
        for occurrence in self.occurrences:
            numbers = by_excerpt.setdefault(occurrence.excerpt, [])
            if occurrence.number not in numbers:
                numbers.append(occurrence.number)
        return "; ".join(
            f"{excerpt} " + ", ".join(f"¶{n}" for n in numbers)
            for excerpt, numbers in by_excerpt.items()
        )


def sort_key(term: str) -> tuple[str, str]:
    """Letter-by-letter alphabetical order, as in printed glossaries: case, accents, spaces and
    hyphens are ignored (détente files under d, non-state actor after nonproliferation)."""
    decomposed = unicodedata.normalize("NFKD", term.casefold())
    letters = "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))
    return letters, term


def find_occurrences(
    excerpts: Sequence[Excerpt], glossary: Glossary
) -> dict[str, list[Occurrence]]:
    """Where each term occurs in the excerpts: each passage is searched with the forms of its
    article's language (the course's when the article declares none)."""
    found: dict[str, list[Occurrence]] = {}
    for excerpt in excerpts:
        for index, passage in enumerate(excerpt.passages):
            for match in glossary.find(passage.text, excerpt.article.language):
                found.setdefault(match.term, []).append(
                    Occurrence(excerpt.id, passage.number, index, match.start, match.end)
                )
    return found


def lesson_glossary(
    excerpts: Sequence[Excerpt],
    glossary: Glossary,
    listed: Sequence[str] = (),
    auto: bool = True,
    exclude: Sequence[str] = (),
) -> tuple[TermUse, ...]:
    """A lesson's glossary, alphabetical: the entry terms it lists, plus those found in its
    excerpts when `auto`, less those it excludes; each with where it occurs."""
    found = find_occurrences(excerpts, glossary)
    chosen = list(listed)
    if auto:
        chosen += [term for term in found if term not in chosen]
    uses = [
        TermUse(glossary.entries[term.casefold()], tuple(found.get(term, ())))
        for term in chosen
        if term not in exclude
    ]
    return tuple(sorted(uses, key=lambda use: sort_key(use.entry.term)))
