"""Anki: the course glossary as a deck (.apkg) of one card per term, made with genanki.

Re-importing must update the cards a student has studied, never duplicate them. Anki matches
an imported note to one it has by the note's guid, so a note's guid, and its id with it, are
derived from the course and the term alone (genanki's default guid hashes every field: editing
a definition would make a new note, and its ids count up from the current time). The model and
the deck have fixed ids too: the model's from a constant, the deck's from the course (its code,
else its title), so each course is one deck that a new version of the package updates.

The file is the same bytes for the same glossary: genanki writes the collection into an
SQLite database in memory (no temporary file), its times are the build's fixed date (a note's
`mod`, which Anki's "update if newer" compares, is therefore SOURCE_DATE_EPOCH when it is set),
and the zip is written here with fixed dates, attributes and order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..render import FormatUnavailable
from .archive import fixed_zip

if TYPE_CHECKING:
    import sqlite3

    from ..documents.model import Document, TermView

MODEL_KEY = "coursegen course glossary, model 1"  # change it only with the model's fields
FIELDS = ("Term", "Expansion", "Definition", "See also", "Language")
NOTE_IDS = (10**12, 2 * 10**12)  # ids in Anki's range of millisecond times: 2001 to 2033
MODEL_IDS = (1 << 30, 1 << 31)  # the range genanki's documentation asks for

FRONT = '<div class="term" lang="{{Language}}">{{Term}}</div>'
BACK = """{{FrontSide}}
<hr id="answer">
<div lang="{{Language}}">
{{#Expansion}}<div class="expansion">{{Expansion}}</div>{{/Expansion}}
<div class="definition">{{Definition}}</div>
</div>
{{#See also}}<div class="see">{{See also}}</div>{{/See also}}"""
CSS = """.card { font-family: "Noto Sans", sans-serif; font-size: 20px; text-align: center;
  color: black; background-color: white; }
.term { font-size: 28px; font-weight: bold; }
.expansion { font-style: italic; margin-bottom: 0.5em; }
.definition { text-align: left; }
.see { font-size: 16px; margin-top: 1em; color: #555; }
"""


class AnkiFormat:
    name = "anki"
    suffix = ".apkg"
    kinds = frozenset({"course-glossary"})
    default_for = frozenset({"publish"})

    def inputs(self, root: Path) -> Iterable[tuple[str, Path]]:
        return []  # made from the document alone

    def renderer(self, root: Path, timestamp: dt.datetime) -> AnkiRenderer:
        return AnkiRenderer(timestamp)


class AnkiRenderer:
    def __init__(self, timestamp: dt.datetime) -> None:
        try:
            import genanki  # noqa: F401
        except ImportError as error:
            raise FormatUnavailable(
                f"Anki decks need the genanki library, which could not be loaded ({error}); "
                "reinstall coursegen (bash scripts/setup)"
            ) from None
        self.timestamp = timestamp

    def render(self, document: Document) -> bytes:
        if document.kind != "course-glossary":
            raise ValueError(f"an Anki deck is made of the course glossary, not {document.kind}")
        seconds = int(self.timestamp.replace(tzinfo=dt.UTC).timestamp())
        members = [("collection.anki2", collection(document, seconds)), ("media", b"{}")]
        return fixed_zip(members, self.timestamp)


def course_key(document: Document) -> str:
    course = document.meta.course
    return course.code or course.title


def term_key(term: TermView) -> str:
    """A term's identity across builds: its name, whatever its case ('Reset' edited to 'reset'
    is the same note)."""
    return term.term.casefold()


def note_guid(course: str, term: TermView) -> str:
    import genanki

    guid: str = genanki.guid_for("coursegen", course, term_key(term))
    return guid


def derived_id(*parts: str, within: tuple[int, int]) -> int:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    low, high = within
    return low + int.from_bytes(digest[:8], "big") % (high - low)


def note_ids(course: str, terms: Sequence[TermView], kind: str) -> list[int]:
    """One id per term, from the course and the term (`kind`: 'note' or 'card'). Two terms whose
    ids collide (about one chance in 10^6 for a thousand terms) are told apart by the next free
    id, in the glossary's order."""
    taken: set[int] = set()
    ids = []
    for term in terms:
        number = derived_id(kind, course, term_key(term), within=NOTE_IDS)
        while number in taken:
            number += 1
        taken.add(number)
        ids.append(number)
    return ids


def collection(document: Document, seconds: int) -> bytes:
    """collection.anki2: the deck's SQLite database, as bytes."""
    import genanki

    course = course_key(document)
    model = genanki.Model(
        derived_id(MODEL_KEY, within=MODEL_IDS),
        "coursegen glossary",
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Term", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
    )
    deck = genanki.Deck(
        derived_id("deck", course, within=MODEL_IDS),
        document.meta.course.label,
        description=escape(document.course_line, quote=False),
    )
    terms = document.terms
    for term in terms:
        deck.add_note(
            genanki.Note(model=model, fields=_fields(term, document), guid=note_guid(course, term))
        )
    import sqlite3  # loaded when a deck is made, not by every command that lists the formats

    connection = sqlite3.connect(":memory:")
    try:
        cursor = connection.cursor()
        # ids counted from 1 for now: below every derived id, which replace them below
        genanki.Package(deck).write_to_db(cursor, seconds, itertools.count(1))
        _fix_ids(cursor, course, terms)
        _fix_times(cursor, seconds)
        connection.commit()
        cursor.execute("VACUUM")  # the pages in one canonical order, whatever was updated
        return connection.serialize()
    finally:
        connection.close()


def _fields(term: TermView, document: Document) -> list[str]:
    text = [term.term, term.expansion or "", term.definition, term.see or ""]
    return [escape(value, quote=False) for value in text] + [term.language or document.language]


def _fix_ids(cursor: sqlite3.Cursor, course: str, terms: Sequence[TermView]) -> None:
    """Each note's id and its card's id, from the term (see the module's docstring)."""
    for term, note, card in zip(
        terms, note_ids(course, terms, "note"), note_ids(course, terms, "card"), strict=True
    ):
        (old,) = cursor.execute(
            "SELECT id FROM notes WHERE guid = ?", (note_guid(course, term),)
        ).fetchone()
        cursor.execute("UPDATE notes SET id = ? WHERE id = ?", (note, old))
        cursor.execute("UPDATE cards SET id = ?, nid = ? WHERE nid = ?", (card, note, old))


def _fix_times(cursor: sqlite3.Cursor, seconds: int) -> None:
    """Every time in the collection is the build's: genanki leaves constants of its own in the
    collection row and the deck (a creation time of 2014, a change time of 2015)."""
    milliseconds = seconds * 1000
    cursor.execute(
        "UPDATE col SET crt = ?, mod = ?, scm = ?", (seconds, milliseconds, milliseconds)
    )
    cursor.execute("UPDATE notes SET mod = ?", (seconds,))
    cursor.execute("UPDATE cards SET mod = ?", (seconds,))
    (decks,) = cursor.execute("SELECT decks FROM col").fetchone()
    fixed: dict[str, Any] = json.loads(decks)
    for deck in fixed.values():
        deck["mod"] = seconds
    cursor.execute("UPDATE col SET decks = ?", (json.dumps(fixed, sort_keys=True),))
