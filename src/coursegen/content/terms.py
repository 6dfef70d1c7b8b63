"""A lesson's glossary: the terms it lists plus those found in its excerpts, and where each occurs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import Diagnostic, Severity
from .articles import Article
from .glossary import Entry, Glossary
from .lessons import Lesson


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


def find_occurrences(lesson: Lesson, glossary: Glossary) -> dict[str, list[Occurrence]]:
    found: dict[str, list[Occurrence]] = {}
    for excerpt in lesson.excerpts:
        for index, passage in enumerate(excerpt.passages):
            for match in glossary.matcher.find(passage.text):
                found.setdefault(match.term, []).append(
                    Occurrence(excerpt.id, passage.number, index, match.start, match.end)
                )
    return found


def lesson_terms(lesson: Lesson, glossary: Glossary) -> list[TermUse]:
    """The lesson's glossary, alphabetical: listed terms, plus found ones when `auto`, less `exclude`."""
    found = find_occurrences(lesson, glossary)
    chosen = list(lesson.terms)
    if lesson.auto_terms:
        chosen += [term for term in found if term not in chosen]
    uses = [
        TermUse(glossary.entries[term.casefold()], tuple(found.get(term, ())))
        for term in chosen
        if term not in lesson.exclude
    ]
    return sorted(uses, key=lambda use: sort_key(use.entry.term))


# An acronym of two or more capitals (NATO, CSTO) or a form like G8 or P5+1, standing alone.
_LIKELY_TERM = re.compile(r"(?<![^\W_])(?:[A-Z]{2,}[0-9]*|[A-Z][0-9]+)(?:\+[0-9]+)?(?![^\W_])")
_NOT_TERMS = frozenset({"US", "USA", "UK", "OK", "TV", "AM", "PM", "AD", "BC", "CE", "BCE", "PS"})
_ROMAN = re.compile(r"^[IVXLC]+$")


def unknown_term_warnings(lessons: Iterable[Lesson], glossary: Glossary) -> list[Diagnostic]:
    """Warn about acronyms and forms like G8 in the excerpts that the glossary does not define."""
    warnings: dict[tuple[str, str], Diagnostic] = {}
    for lesson in lessons:
        for excerpt in lesson.excerpts:
            article = excerpt.article
            for passage in excerpt.passages:
                covered = [(m.start, m.end) for m in glossary.matcher.find(passage.text)]
                for found in _LIKELY_TERM.finditer(passage.text):
                    word = found.group()
                    if (
                        word in _NOT_TERMS
                        or _ROMAN.match(word)
                        or any(s <= found.start() < e for s, e in covered)
                        or glossary.lookup(word) is not None
                        or (article.id, word) in warnings
                        or _also_written_as_a_word(word, article)
                    ):
                        continue
                    paragraph = article.paragraph(passage.number)
                    warnings[(article.id, word)] = Diagnostic(
                        article.rel,
                        paragraph.line,
                        1,
                        f"'{word}' (¶{passage.number}) looks like a glossary term, "
                        "but the glossary has no entry for it",
                        hint="add it to glossary.yaml with a definition, or ignore this warning",
                        severity=Severity.WARNING,
                    )
    return list(warnings.values())


def _also_written_as_a_word(word: str, article: Article) -> bool:
    """MOSCOW in a dateline is a word in capitals, not an acronym, when 'Moscow' appears too."""
    capitalised = word.capitalize()
    return capitalised != word and any(capitalised in p.text for p in article.paragraphs)
