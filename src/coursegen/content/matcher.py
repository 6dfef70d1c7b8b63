"""The term matcher: every glossary form in a text, in one left-to-right pass over its words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .scripts import primary_language
from .textnorm import fold, fold_with_map, original_end

if TYPE_CHECKING:
    from .glossary import Entry

_WORD = re.compile(r"[^\W_]+")
_FIRST_MARK = "\u0300"  # no combining mark (accent, Arabic vowel sign) comes before it

# Forms filed by the first word of their comparison form: (that form, the entry's term).
_Table = dict[str, list[tuple[str, str]]]


@dataclass(frozen=True)
class Match:
    term: str
    start: int
    end: int


@dataclass(frozen=True)
class _Form:
    """One form of an entry, ready to be filed: its comparison form and first word."""

    text: str  # folded; lowered too when not case-sensitive
    first: str
    term: str
    exact: bool
    languages: frozenset[str] | None  # primary subtags; None: every language


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class TermMatcher:
    """Finds glossary terms in text in one left-to-right pass over its words.

    Each form is filed under its first word; at each word of the text only the forms filed
    under that word are tried, longest first, so the cost does not grow with the bank's size.
    A text is searched with the forms of its language only (see Entry.form_languages): the
    forms are filed once per language asked for.
    """

    def __init__(self, entries: Iterable[Entry], language: str | None = None) -> None:
        """`language` is the course's: that of the entries that declare none."""
        self._found: dict[tuple[str, str | None], list[Match]] = {}
        self._tables: dict[str | None, tuple[_Table, _Table]] = {}
        self._forms = [form for entry in entries for form in filed_forms(entry, language)]

    def find(self, text: str, language: str | None = None) -> list[Match]:
        """Every term in `text`, left to right, never overlapping (remembered per text): the
        forms of `language` only (compared by primary subtag: en-GB is en); None: all forms."""
        key = (text, primary_language(language) if language else None)
        cached = self._found.get(key)
        if cached is None:
            cached = self._found[key] = self._find(text, *self._tables_for(key[1]))
        return list(cached)

    def _tables_for(self, language: str | None) -> tuple[_Table, _Table]:
        """The forms that may be found in a text in `language`, filed by first word: those
        matched as written, and those matched in any case. Built once per language."""
        tables = self._tables.get(language)
        if tables is None:
            exact: _Table = {}
            folded: _Table = {}
            for form in self._forms:
                if language is None or form.languages is None or language in form.languages:
                    table = exact if form.exact else folded
                    table.setdefault(form.first, []).append((form.text, form.term))
            for table in (exact, folded):
                for candidates in table.values():
                    candidates.sort(key=lambda c: -len(c[0]))
            tables = self._tables[language] = (exact, folded)
        return tables

    def _find(self, text: str, exact: _Table, case_free: _Table) -> list[Match]:
        folded, mapping = fold_with_map(text)
        lowered = _lower_same_length(folded)
        matches: list[Match] = []
        resume = 0
        for word in _WORD.finditer(folded):
            pos = word.start()
            if pos < resume or (
                pos and folded[pos - 1] >= _FIRST_MARK and _inside_word(folded, pos)
            ):
                continue  # (the comparison first: most text has no mark to look up)
            best: tuple[int, str] | None = None
            for haystack, table, key in (
                (folded, exact, word.group()),
                (lowered, case_free, lowered[pos : word.end()]),
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


# Per entry and course language, remembered across the glossaries of a process: the built-in
# bank's ~1,800 forms are filed once, not at every load of a course (the preview reloads it at
# every save). Entries are frozen; a _Form too, so matchers can share them.
@lru_cache(maxsize=8192)
def filed_forms(entry: Entry, language: str | None) -> tuple[_Form, ...]:
    """The forms of `entry` as the matcher files them, for a course in `language`."""
    filed = (
        _file(entry, form, languages) for form, languages in entry.form_languages(language).items()
    )
    return tuple(form for form in filed if form is not None)


def _file(entry: Entry, form: str, languages: frozenset[str] | None) -> _Form | None:
    """A form as the matcher files it; None when it has no word to file it under."""
    folded = fold(form.strip())
    first = _WORD.match(folded)
    if first is None:
        return None
    if entry.is_case_sensitive(form):
        return _Form(folded, first.group(), entry.term, True, languages)
    lowered = _lower_same_length(folded)
    return _Form(lowered, lowered[: first.end()], entry.term, False, languages)


def _is_mark(char: str) -> bool:
    """A combining mark: an accent written apart (e + ́ ) or an Arabic vowel sign, part of
    the word it is written in."""
    return char >= _FIRST_MARK and unicodedata.category(char).startswith("M")


def _is_word_char(text: str, index: int) -> bool:
    """Whether a form ending just before `index` would end inside a word."""
    return index < len(text) and (text[index].isalnum() or _is_mark(text[index]))


def _inside_word(text: str, index: int) -> bool:
    """A run of letters that follows a combining mark continues the word before it: 'marche'
    in a decomposed 'de\u0301marche' is not a word of its own."""
    return index > 0 and _is_mark(text[index - 1])
