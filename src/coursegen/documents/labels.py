"""Every fixed word coursegen prints, in one catalogue keyed by language.

Renderers never write words of their own: the documents take every label and composed line from
here, so the PDF and the DOCX say the same thing by construction.

The words of each language are in `coursegen/data/labels/<language>.yaml` (English is the
reference: every language has its keys and its {placeholders}). A course's `labels:` in
course.yaml overrides any of them (`check_overrides` says what is wrong with one). A language
without a translation gets the English words, and its labels are then in English (`Labels.words`
says which language they are in, for the renderers to tag them). Dates come from CLDR through
Babel, in the labels' language; numbers choose their plural form by CLDR's plural rules.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Protocol

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton

from ..errors import did_you_mean

# A label is a text, or for a number its forms by CLDR plural category ('other' always).
Label = str | Mapping[str, str]


class Occurrence(Protocol):
    """Where a glossary term was found (content/terms.py): an excerpt and a ¶ number."""

    @property
    def excerpt(self) -> str: ...
    @property
    def number(self) -> int: ...


LANGUAGES = ("en", "fr", "es", "de", "ru", "ar", "zh")  # translated: data/labels/<code>.yaml
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
_PAGE_FIELD = re.compile(r"\{(page|pages)\}")


@functools.cache
def catalogue(language: str) -> dict[str, Label]:
    """The words of one translated language (a code of LANGUAGES), by key."""
    text = resources.files("coursegen").joinpath(f"data/labels/{language}.yaml").read_text("utf-8")
    words: dict[str, Label] = yaml.safe_load(text)
    return words


def keys() -> tuple[str, ...]:
    """Every key of the catalogue, in the order of the English file."""
    return tuple(catalogue("en"))


def placeholders(text: str) -> set[str]:
    """The {names} in a label; ValueError for a lone brace."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def translated(language: str) -> bool:
    return _primary(language) in LANGUAGES


def check_overrides(overrides: Mapping[str, Label]) -> list[tuple[tuple[str, ...], str, str]]:
    """What is wrong with a course's `labels:`: (path under labels, message, hint) for each
    unknown key, unknown plural category, lone brace, lost or unknown placeholder."""
    known = keys()
    problems: list[tuple[tuple[str, ...], str, str]] = []
    for key, value in overrides.items():
        if key not in known:
            hint = did_you_mean(key, known) or "the keys are listed in docs/user-guide.md"
            problems.append(((key,), f"unknown label '{key}'", hint))
            continue
        reference = catalogue("en")[key]
        needed = placeholders(_other(reference))
        forms = {"other": value} if isinstance(value, str) else value
        if not isinstance(value, str) and "other" not in forms:
            problems.append(
                ((key,), f"label '{key}' has no 'other' form", "add 'other:', used by default")
            )
        for form, text in forms.items():
            path = (key,) if isinstance(value, str) else (key, form)
            name = f"label '{key}'" + ("" if isinstance(value, str) else f" ({form})")
            if form not in PLURAL_CATEGORIES:
                problems.append(
                    (path, f"unknown plural form '{form}'", "use " + ", ".join(PLURAL_CATEGORIES))
                )
                continue
            try:
                found = placeholders(text)
            except ValueError:
                problems.append(
                    (path, f"{name} has a lone brace", "write {{ and }} for a brace to print")
                )
                continue
            count = _count_name(reference)
            lost = needed - found - ({count} if form != "other" and count else set())
            if lost:
                english = f"coursegen's English label is '{_other(reference)}'"
                problems.append((path, f"{name} must keep {_names(lost)}", english))
            if extra := found - needed:
                problems.append(
                    (path, f"{name} has unknown {_names(extra)}", f"it may use {_names(needed)}")
                    if needed
                    else (path, f"{name} has unknown {_names(extra)}", "it takes no placeholder")
                )
    return problems


@dataclass(frozen=True)
class PageLabel:
    """'Page {page} of {pages}' cut at its two numbers, which each format fills in itself:
    `parts` alternates literal text and the markers 'page' and 'pages', e.g.
    ('Page ', 'page', ' of ', 'pages', '')."""

    parts: tuple[str, ...]

    def literal(self, index: int) -> bool:
        return index % 2 == 0


class Labels:
    """The fixed words of one document language: `labels("excerpt", id="A")` → 'Excerpt A'.

    `language` is the document's; `words` is the language the labels are in: the document's
    when coursegen has a translation (or `labels:` gives every key), else 'en'."""

    def __init__(self, language: str, overrides: Mapping[str, Label] | None = None) -> None:
        self.language = language
        overrides = dict(overrides or {})
        own = translated(language) or set(keys()) <= set(overrides)
        self.words = language if own else "en"
        primary = _primary(language) if translated(language) else "en"
        self._words: dict[str, Label] = {**catalogue("en"), **catalogue(primary), **overrides}
        self._locale = _locale(self.words)

    def __call__(self, key: str, **values: object) -> str:
        label = self._words[key]
        if not isinstance(label, str):
            count = next((v for v in values.values() if isinstance(v, int)), None)
            form = self._locale.plural_form(count) if count is not None else "other"
            label = label.get(form, label["other"])
        return label.format(**values)

    def join(self, parts: list[str]) -> str:
        return self("separator").join(part for part in parts if part)

    def date(self, value: str | dt.date | None) -> str:
        """'2009-07-06' → '6 July 2009' (CLDR's long date); '2009-11' → 'November 2009';
        '2009' → '2009'."""
        if value is None:
            return ""
        return _written_date(
            value.isoformat() if isinstance(value, dt.date) else value, self._locale
        )

    def page_label(self) -> PageLabel:
        pieces = _PAGE_FIELD.split(self("page-of", page="{page}", pages="{pages}"))
        return PageLabel(tuple(pieces))

    def paragraph_ranges(self, numbers: tuple[int, ...] | list[int]) -> str:
        """[1, 2, 3, 6] → '¶1–3, 6'."""
        ordered = sorted(set(numbers))
        runs: list[list[int]] = []
        for number in ordered:
            if runs and number == runs[-1][-1] + 1:
                runs[-1].append(number)
            else:
                runs.append([number])
        text = self("comma").join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
        return self("paragraphs", numbers=text) if text else ""

    def places(self, occurrences: Iterable[Occurrence]) -> str:
        """Where a term occurs → 'A ¶1, ¶3; B ¶2': each excerpt once, each ¶ once."""
        by_excerpt: dict[str, list[int]] = {}
        for excerpt, number in ((o.excerpt, o.number) for o in occurrences):
            numbers = by_excerpt.setdefault(excerpt, [])
            if number not in numbers:
                numbers.append(number)
        return self("semicolon").join(
            f"{excerpt} " + self("comma").join(self("paragraph", number=n) for n in numbers)
            for excerpt, numbers in by_excerpt.items()
        )


def _primary(language: str) -> str:
    return language.split("-")[0].casefold()


@functools.cache
@functools.lru_cache(maxsize=1024)  # a course cites the same few dates in every document
def _written_date(text: str, locale: Locale) -> str:
    """Labels.date of an ISO date, year-month or year, in `locale`."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    day = dt.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    if len(parts) == 3:
        return str(format_date(day, "long", locale=locale))
    return str(format_skeleton("yMMMM", day, locale=locale))


def _locale(language: str) -> Locale:
    """The CLDR locale of a BCP 47 tag: bare 'en' is CLDR's international English (en-001:
    '6 July 2009'); a tag Babel does not know falls back to its language, then to English."""
    for tag in (language, _primary(language)):
        if tag.casefold() == "en":
            tag = "en-001"
        try:
            return Locale.parse(tag, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse("en_001")


def _other(label: Label) -> str:
    return label if isinstance(label, str) else label["other"]


def _count_name(label: Label) -> str | None:
    """The placeholder whose number picks a plural form (the first one of 'other')."""
    if isinstance(label, str):
        return None
    return next(iter(sorted(placeholders(label["other"]))), None)


def _names(names: set[str]) -> str:
    return ", ".join("{" + name + "}" for name in sorted(names))
