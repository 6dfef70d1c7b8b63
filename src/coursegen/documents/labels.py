"""Every fixed word coursegen prints, in one catalogue keyed by language.

Renderers never write words of their own: the documents take every label and composed line from
here, so the PDF and the DOCX say the same thing by construction. A language without a
translation falls back to English; translations are added as a new mapping in CATALOGUE.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

ENGLISH: dict[str, str] = {
    # document names
    "handout": "Handout",
    "questions": "Discussion questions",
    "questions-instructor": "Discussion questions — instructor edition",
    "glossary": "Glossary",
    "course-glossary": "Course glossary",
    # composed lines
    "document-title": "{lesson} — {document}",
    "course-code": "{code} · {title}",
    "separator": " · ",
    "week": "Week {number}",
    "week-lesson": "Week {number}: {title}",
    "excerpt": "Excerpt {id}",
    "paragraph": "¶{number}",
    "paragraphs": "¶{numbers}",
    "source": "Source: {citation}",
    "cites": "Excerpt {id}, {paragraphs}",
    "cites-in-text": "({cites})",
    # handout and instructor edition
    "objectives": "Learning objectives",
    "questions-heading": "Questions for discussion",
    "plan": "Discussion plan",
    "minutes-in-all": "· {minutes} minutes in all",
    "question": "Question {number}",
    "minutes": "{minutes} min",
    "notes": "Notes",
    "remember": "Remember",
    "understand": "Understand",
    "apply": "Apply",
    "analyze": "Analyze",
    "evaluate": "Evaluate",
    "create": "Create",
    # student sheet
    "instructions": (
        "Answer each question in the space below it. References such as ¶4 are to the "
        "numbered paragraphs of the handout."
    ),
    # glossaries
    "appears-in": "Appears in: Excerpt {places}",
    "lessons": "Lessons: {lessons}",
    "see-also": "See also: {terms}",
    "expansion": "({expansion})",
    "no-terms": "This lesson has no glossary terms.",
    "no-course-terms": "The course has no glossary terms.",
    # pages
    "page-of": "Page {page} of {pages}",
    # dates
    "date-day": "{day} {month} {year}",
    "date-month": "{month} {year}",
    "months": "January February March April May June July August September October November December",
}

CATALOGUE: dict[str, dict[str, str]] = {"en": ENGLISH}

_PAGE_FIELD = re.compile(r"\{(page|pages)\}")


@dataclass(frozen=True)
class PageLabel:
    """'Page {page} of {pages}' cut at its two numbers, which each format fills in itself:
    `parts` alternates literal text and the markers 'page' and 'pages', e.g.
    ('Page ', 'page', ' of ', 'pages', '')."""

    parts: tuple[str, ...]

    def literal(self, index: int) -> bool:
        return index % 2 == 0


class Labels:
    """The fixed words of one language: `labels("excerpt", id="A")` → 'Excerpt A'."""

    def __init__(self, language: str) -> None:
        self.language = language
        primary = language.split("-")[0].casefold()
        self._words = {**ENGLISH, **CATALOGUE.get(primary, {})}

    def __call__(self, key: str, **values: object) -> str:
        return self._words[key].format(**values)

    def join(self, parts: list[str]) -> str:
        return self("separator").join(part for part in parts if part)

    def date(self, value: str | dt.date | None) -> str:
        """'2009-07-06' → '6 July 2009'; '2009-11' → 'November 2009'; '2009' → '2009'."""
        if value is None:
            return ""
        text = value.isoformat() if isinstance(value, dt.date) else value
        parts = [int(p) for p in text.split("-")]
        months = self("months").split()
        if len(parts) == 3:
            return self("date-day", day=parts[2], month=months[parts[1] - 1], year=parts[0])
        if len(parts) == 2:
            return self("date-month", month=months[parts[1] - 1], year=parts[0])
        return str(parts[0])

    def page_label(self) -> PageLabel:
        pieces = _PAGE_FIELD.split(self._words["page-of"])
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
        text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
        return self("paragraphs", numbers=text) if text else ""
