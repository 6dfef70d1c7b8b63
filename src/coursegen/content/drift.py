"""Paragraph references that cannot drift silently: the record of what each excerpt showed.

An excerpt given by paragraph numbers (`paragraphs: 3-5`) shows whatever the article's ¶3–5 are
today: one paragraph added above them, and the handout prints other text. So coursegen keeps,
in the course folder, `excerpts.lock`: one line per such excerpt with its lesson, id, article,
¶ numbers, a fingerprint of each paragraph's text (8 hex digits of its SHA-256, spaces
normalised) and the first words it showed. It is YAML, one excerpt per line, so that a person
can read it and a diff of it says which excerpt changed. Excerpts by from/to text and whole
articles follow their text and are not recorded.

- `check` (through lessons.py) compares: when the same article and ¶ numbers now hold other text,
  that is an error at the excerpt's `paragraphs:` — what it showed, what it shows now, and where
  the old text is now (each recorded fingerprint looked up among the article's paragraphs).
  A lesson with such an error is not built. When the lesson names other numbers or another
  article than recorded, the instructor changed the reference: nothing to compare.
- `coursegen build` (the command: cli/__init__.py, after the library's build) records the
  lessons it builds: excerpts with no entry or a changed reference are
  added, entries of excerpts (and lessons) that no longer exist are dropped. It never records
  anew the text of a reference that drifted (that lesson fails), never creates the file when
  there is nothing to record, and never rewrites a record it could not read whole (a merge
  conflict, a hand edit gone wrong: the fingerprints in it are the instructor's to recover).
- `coursegen accept [LESSON…]` records the named lessons (or all) as they are now, drift or not,
  and replaces a damaged record.

The record is read as every course file is (source/files.py: inside the course folder, a
regular file, at most 1 MB) and written atomically (output.write_atomic). A missing record means
nothing to compare; a damaged one is a warning at the place it is wrong, its sound entries used.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Diagnostic, Severity
from ..source.files import MAX_YAML_BYTES, course_file, read_text
from ..source.yamlfile import parse_yaml
from .articles import Article
from .excerpts import Passage

if TYPE_CHECKING:
    from .course import Course

RECORD = "excerpts.lock"
_WORDS = 6  # the first words of an excerpt quoted in a message
_KEYS = ("article", "paragraphs", "text", "starts")
_HEADER = """\
# What each excerpt given by paragraph numbers showed when it was built or accepted, so that
# 'coursegen check' notices when an edit to an article changes it. Keep this file with the
# course. 'coursegen build' adds new excerpts; 'coursegen accept LESSON' records a lesson anew.
"""


@dataclass(frozen=True)
class Entry:
    """What one excerpt showed: its article, its ¶ numbers ("3-5, 8"), one fingerprint per
    paragraph, and its first words."""

    article: str
    paragraphs: str
    text: tuple[str, ...]
    starts: str


@dataclass
class Record:
    """The record read from the course folder: lesson id -> excerpt id -> Entry. `sound` is
    False when a file is there but could not be read whole: build then leaves it alone."""

    entries: dict[str, dict[str, Entry]] = field(default_factory=dict)
    sound: bool = True
    exists: bool = False


def fingerprint(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def first_words(passages: Sequence[Passage]) -> str:
    words = " ".join(p.text for p in passages).split()
    return " ".join(words[:_WORDS]) + (" …" if len(words) > _WORDS else "")


def numbers_text(numbers: Iterable[int], dash: str = "-") -> str:
    """3, 4, 5, 8 -> '3-5, 8' (with `dash` between the ends of a run)."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}{dash}{b}" for a, b in runs)


def pilcrows(numbers: Iterable[int]) -> str:
    """3, 4, 5, 8 -> '¶3–5, ¶8', as a message shows them."""
    return ", ".join(f"¶{run}" for run in numbers_text(numbers, "–").split(", "))


def entry_for(article_id: str, passages: Sequence[Passage]) -> Entry:
    return Entry(
        article_id,
        numbers_text(p.number for p in passages),
        tuple(fingerprint(p.text) for p in passages),
        first_words(passages),
    )


def drift(
    entry: Entry, article: Article, passages: Sequence[Passage], excerpt_id: str, lesson_rel: str
) -> tuple[str, str] | None:
    """(message, hint) when the excerpt's reference is the recorded one but its text is not."""
    now = entry_for(article.id, passages)
    if (entry.article, entry.paragraphs) != (now.article, now.paragraphs) or entry.text == now.text:
        return None
    where, suggestion = _where_now(entry, article, [p.number for p in passages])
    message = (
        f"excerpt '{excerpt_id}' ({pilcrows(p.number for p in passages)} of "
        f"'{article.id}') now shows other text: it showed \"{entry.starts}\" and now shows "
        f'"{now.starts}"; {where}'
    )
    accept = f"run 'coursegen accept {lesson_rel}' to keep the new text"
    if suggestion is None:
        return message, f"{accept}, or change 'paragraphs:' to the paragraphs you mean"
    return message, f"{accept}, or change 'paragraphs:' to {suggestion}"


def _where_now(entry: Entry, article: Article, numbers: list[int]) -> tuple[str, str | None]:
    """Where the recorded paragraphs are now, and the `paragraphs:` value that shows them all."""
    places: dict[str, list[int]] = {}
    for paragraph in article.paragraphs:
        places.setdefault(fingerprint(paragraph.text), []).append(paragraph.number)
    found = []
    for old, mark in zip(numbers, entry.text, strict=False):
        candidates = places.get(mark)
        if candidates:
            found.append(min(candidates, key=lambda n: abs(n - old)))
    if not found:
        return "the text it showed is no longer in the article", None
    shown = pilcrows(found)
    if len(found) < len(entry.text):
        return f"part of the text it showed is now {shown}, the rest is no longer there", None
    value = numbers_text(found)
    return f"the text it showed is now {shown}", value if "," not in value else f"[{value}]"


def read_record(root: Path) -> tuple[Record, list[Diagnostic]]:
    """The record in the course folder; problems with it are warnings (it is never needed)."""
    src = course_file(root, RECORD)
    if src is None:
        return Record(), []
    text, problems = read_text(root, src, MAX_YAML_BYTES, "it holds one line per excerpt")
    doc = None
    if text is not None:
        doc, problems = parse_yaml(text, RECORD)
    hint = (
        "coursegen writes this file; run 'coursegen accept' to write it anew "
        "(it records the text every excerpt shows now)"
    )
    warnings = [replace(d, severity=Severity.WARNING, hint=d.hint or hint) for d in problems]
    if doc is None:
        return Record(sound=False, exists=True), warnings
    record = Record(exists=True)

    def wrong(path: tuple[str, ...], message: str) -> None:
        pos = doc.pos(path)
        record.sound = False
        warnings.append(Diagnostic(RECORD, pos.line, pos.col, message, hint, Severity.WARNING))

    data = doc.data
    if data is None:
        return record, warnings
    if not isinstance(data, dict):
        wrong((), f"{RECORD} is not a record coursegen wrote: it should list lessons")
        return record, warnings
    for lesson_id, excerpts in data.items():
        if not isinstance(excerpts, dict):
            wrong((lesson_id,), f"lesson '{lesson_id}' in {RECORD} should list excerpts")
            continue
        for excerpt_id, value in excerpts.items():
            entry = _entry(value)
            if entry is None:
                wrong(
                    (lesson_id, excerpt_id),
                    f"excerpt '{excerpt_id}' of lesson '{lesson_id}' in {RECORD} is not an "
                    f"entry coursegen can read; it is not compared",
                )
            else:
                record.entries.setdefault(str(lesson_id), {})[str(excerpt_id)] = entry
    return record, warnings


def _entry(value: object) -> Entry | None:
    if not isinstance(value, dict) or set(value) != set(_KEYS):
        return None
    article, paragraphs, text, starts = (value[k] for k in _KEYS)
    if not (
        isinstance(article, str)
        and isinstance(paragraphs, str)
        and isinstance(starts, str)
        and isinstance(text, list)
        and all(isinstance(t, str) for t in text)
    ):
        return None
    return Entry(article, paragraphs, tuple(text), starts)


def updated(
    entries: Mapping[str, Mapping[str, Entry]],
    lessons: Mapping[str, Mapping[str, Entry]],
    existing: Iterable[str] | None,
) -> dict[str, dict[str, Entry]]:
    """`entries` with each lesson of `lessons` recorded as given (a lesson without numbered
    excerpts has none), and, when `existing` names every lesson of the course, without the
    lessons that no longer exist."""
    result = {lesson: dict(excerpts) for lesson, excerpts in entries.items()}
    for lesson, excerpts in lessons.items():
        result[lesson] = dict(excerpts)
    if existing is not None:
        keep = set(existing)
        result = {lesson: e for lesson, e in result.items() if lesson in keep}
    return {lesson: e for lesson, e in result.items() if e}


_UNPRINTABLE = re.compile(r"[^\S ]|[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's, and any character YAML may not
    hold as it is is escaped)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def render(entries: Mapping[str, Mapping[str, Entry]]) -> str:
    lines = [_HEADER.rstrip("\n")]
    for lesson in sorted(entries):
        lines.append(f"{_quote(lesson)}:")
        for excerpt_id, e in sorted(entries[lesson].items()):
            text = ", ".join(_quote(t) for t in e.text)
            lines.append(
                f"  {_quote(excerpt_id)}: {{article: {_quote(e.article)}, paragraphs: "
                f"{_quote(e.paragraphs)}, text: [{text}], starts: {_quote(e.starts)}}}"
            )
    return "\n".join(lines) + "\n"


def write_record(
    root: Path, record: Record, entries: Mapping[str, Mapping[str, Entry]], force: bool
) -> bool:
    """Write `entries` as the record when they differ from it; `force` (accept) also replaces
    a damaged record. Never creates an empty record. True when the file was written.
    OutputError when it cannot be written."""
    if not force and not record.sound:
        return False
    if entries == record.entries and record.exists and record.sound:
        return False
    if not entries and not record.exists:
        return False
    from ..output import write_atomic  # output.py imports the course (through outfolder.py)

    write_atomic(root / RECORD, render(entries).encode("utf-8"))
    return True


def record_lessons(course: Course, lesson_ids: Sequence[str] | None, force: bool) -> list[str]:
    """Record what the excerpts of the named lessons (None: all) show now, as far as they could
    be loaded (build: without drift; accept: loaded with `compare_record=False`). Returns the
    lesson ids whose entries changed; [] when nothing was written (see write_record)."""
    ids = list(course.lesson_files) if lesson_ids is None else lesson_ids
    lessons = {}
    for lesson_id in ids:
        lesson = course.lessons.get(lesson_id)
        if lesson is not None:
            lessons[lesson_id] = {
                e: entry_for(lesson.excerpt(e).article.id, lesson.excerpt(e).passages)
                for e in lesson.numbered
            }
    old = course.record.entries
    new = updated(old, lessons, course.lesson_files if lesson_ids is None else None)
    if not write_record(course.root, course.record, new, force):
        return []
    return sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
