"""Browsing the glossary in force: every entry with where it comes from and which lessons use
it, and a search over terms, expansions, aliases, definitions and categories.

Nothing here prints: `coursegen glossary` (cli/glossary.py) lays the results out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum

from ..errors import CoursegenError, closest, did_you_mean
from .course import GLOSSARY_FILE, Course
from .glossary import Entry, builtin_entries
from .references import glossary_document
from .terms import sort_key
from .textnorm import fold

BUILTIN = "built-in"


@dataclass(frozen=True)
class LessonUse:
    """A lesson whose glossary has the entry: its file, and where its excerpts use the term."""

    lesson: str  # the lesson file, relative to the course folder
    places: str  # 'A ¶1, ¶3; B ¶2', or '' when the lesson lists the term without using it


@dataclass(frozen=True)
class Listing:
    """An entry in force, with its origin and the lessons that use it."""

    entry: Entry
    line: int | None  # of its `term:` in glossary.yaml; None for a built-in entry
    replaces_builtin: bool  # a course entry with the term of a built-in one, the bank in use
    lessons: tuple[LessonUse, ...]

    @property
    def source(self) -> str:
        """'built-in', or 'glossary.yaml:12'."""
        if self.entry.source == BUILTIN:
            return BUILTIN
        return f"{self.entry.source}:{self.line}" if self.line else self.entry.source


class Match(IntEnum):
    """How an entry matched a query, best first: the order of the results."""

    NAME = 0  # the query is its term, expansion or an alias
    PREFIX = 1  # its term starts with the query
    NAME_WORDS = 2  # words of its term, expansion or an alias start with the query's words
    DEFINITION = 3  # its definition has the query's words
    CATEGORY = 4  # its category is the query


@dataclass(frozen=True)
class Hit:
    listing: Listing
    match: Match
    spread: int = 0  # within NAME_WORDS: how far the best name is from the query (fewer first)


def list_entries(course: Course, category: str | None = None) -> list[Listing]:
    """Every entry in force (the course's, then the bank's unless turned off), alphabetical as
    in printed glossaries, or those of one category (see `known_category`)."""
    wanted = None if category is None else known_category(course, category)
    lines = _term_lines(course)
    builtin_terms = _builtin_terms() if course.settings.builtin_glossary else frozenset()
    uses = _lesson_uses(course)
    listings = [
        Listing(
            entry,
            lines.get(entry.term.casefold()) if entry.source != BUILTIN else None,
            entry.source != BUILTIN and entry.term.casefold() in builtin_terms,
            uses.get(entry.term.casefold(), ()),
        )
        for entry in course.glossary.entries.values()
        if wanted is None or _category(entry) == wanted
    ]
    return sorted(listings, key=lambda listing: sort_key(listing.entry.term))


def search(course: Course, query: str, category: str | None = None) -> list[Hit]:
    """The entries in force that match `query`, best matches first (see Match), then
    alphabetical; capitals and accents do not count. CoursegenError for an empty query or an
    unknown category."""
    wanted = normal(query)
    if not wanted.strip():
        raise CoursegenError(
            "the search is empty", hint="give a word to search for, or no QUERY to list all"
        )
    hits = []
    for listing in list_entries(course, category):
        hit = match_entry(listing, wanted)
        if hit is not None:
            hits.append(hit)
    return sorted(hits, key=lambda hit: (hit.match, hit.spread))  # stable: then alphabetical


def match_entry(listing: Listing, query: str) -> Hit | None:
    """How the listed entry matches `query` (already `normal`), or None when it does not."""
    entry = listing.entry
    names = [normal(form) for form in entry.forms]
    if query in names:
        return Hit(listing, Match.NAME)
    if names[0].startswith(query):
        return Hit(listing, Match.PREFIX)
    words = _words(query)
    spreads = [_spread(words, query, name) for name in names]
    found = [spread for spread in spreads if spread is not None]
    if found:
        return Hit(listing, Match.NAME_WORDS, min(found))
    if _has_words(words, _words(normal(entry.definition))):
        return Hit(listing, Match.DEFINITION)
    if entry.category is not None and normal(entry.category) == query:
        return Hit(listing, Match.CATEGORY)
    return None


def normal(text: str) -> str:
    """`text` for comparison: no accents, no capitals, one kind of quote, dash and space."""
    decomposed = unicodedata.normalize("NFKD", fold(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def known_category(course: Course, category: str) -> str:
    """The category as entries spell it ('Arms-Control' is 'arms-control'); CoursegenError
    when no entry in force has it."""
    known = categories(course)
    for name in known:
        if normal(name) == normal(category):
            return name
    listed = ", ".join(known) if known else "none: no entry has a category"
    raise CoursegenError(
        f"no glossary entry has the category '{category}'",
        hint=did_you_mean(category, known) or f"the categories are: {listed}",
    )


def categories(course: Course) -> list[str]:
    """The categories of the entries in force, A to Z."""
    return sorted({_category(entry) for entry in course.glossary.entries.values()} - {""})


def no_match_hint(course: Course, query: str) -> str:
    """What to try when `query` found nothing: the closest name, or the query with each word
    replaced by the closest word of a name ('secrity' -> 'security'), or how to list all."""
    names = course.glossary.names()
    found = closest(query, names)
    if found is None:
        vocabulary = {
            word if word.isupper() else word.casefold()
            for name in names
            for word in _WORD.findall(name)
            if len(word) > 2
        }
        words = query.split()
        corrected = [closest(word, vocabulary) or word for word in words]
        found = " ".join(corrected) if corrected != words else None
    if found is not None:
        return f"did you mean '{found}'?"
    return "try fewer or shorter words, or list every entry with 'coursegen glossary'"


def _category(entry: Entry) -> str:
    return entry.category or ""


_WORD = re.compile(r"[^\W_]+(?:\+[0-9]+)?")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _spread(query: Sequence[str], phrase: str, name: str) -> int | None:
    """None unless each query word begins a word of the name ('secur coun' in 'Security
    Council'); else how many other words the name has, doubled when the query's words are
    not together in it ('Security Council' before 'Council of the European Union')."""
    words = _words(name)
    if not query or not all(any(w.startswith(q) for w in words) for q in query):
        return None
    apart = re.search(r"(?<![^\W_])" + re.escape(phrase), name) is None
    return (len(words) - len(query)) * (2 if apart else 1) + apart


def _has_words(query: Sequence[str], words: Iterable[str]) -> bool:
    """Each query word is a word of the text, or that word with a plural -s or -es."""
    present = set(words)
    return bool(query) and all(
        q in present or q + "s" in present or q + "es" in present for q in query
    )


def _term_lines(course: Course) -> dict[str, int]:
    """The line of each term in glossary.yaml (the first, as the glossary keeps the first)."""
    doc = glossary_document(course.root, GLOSSARY_FILE)
    lines: dict[str, int] = {}
    if doc is None or not isinstance(doc.data, list):
        return lines
    for index, item in enumerate(doc.data):
        if isinstance(item, dict) and isinstance(item.get("term"), str):
            lines.setdefault(item["term"].casefold(), doc.pos((index, "term")).line)
    return lines


def _builtin_terms() -> frozenset[str]:
    return frozenset(entry.term.casefold() for entry in builtin_entries())


def _lesson_uses(course: Course) -> dict[str, tuple[LessonUse, ...]]:
    """For each term (casefolded), the lessons whose glossary has it, in lesson order."""
    uses: dict[str, list[LessonUse]] = {}
    for lesson_id, rel in sorted(course.lesson_files.items(), key=lambda item: item[1]):
        lesson = course.lessons.get(lesson_id)
        for use in lesson.glossary if lesson is not None else ():
            uses.setdefault(use.entry.term.casefold(), []).append(LessonUse(rel, use.places()))
    return {term: tuple(found) for term, found in uses.items()}
