"""The course's own text files, line by line: control characters (C0, DEL, C1) and mojibake
(UTF-8 decoded as Windows-1252 or Latin-1 and saved again). A C1 control such as U+0093 is what
is left of a curly quote decoded twice: every PDF prints it as an empty box (.notdef)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..content.course import COURSE_FILE, GLOSSARY_FILE, Course
from ..content.noise import CONTROLS as _CONTROLS
from ..content.noise import control_kind as _kind
from ..content.noise import is_mojibake as is_bad
from ..content.noise import probably_meant as _meant
from ..source.files import MAX_ARTICLE_BYTES, MAX_GLOSSARY_BYTES, Source, read_text
from . import findings as f
from .findings import Finding

_HYPHENATED = re.compile(r"\w+(?:[-\u2010]\w+)+")
_WORDS = re.compile(r"\w+")


def source_files(course: Course) -> list[str]:
    """The course's text files, relative to its folder: course.yaml, glossary.yaml, the
    articles and the lessons that exist."""
    names = [COURSE_FILE, GLOSSARY_FILE]
    names += sorted(article.rel for article in course.articles.values())
    names += sorted(course.articles.unreadable.values())
    names += sorted(course.lesson_files.values())
    return [name for name in dict.fromkeys(names) if (course.root / name).is_file()]


def read_sources(course: Course) -> Iterator[tuple[str, str]]:
    """(path, text) of each source file coursegen can read (the others `check` reports)."""
    for rel in source_files(course):
        path = course.root / rel
        limit = MAX_GLOSSARY_BYTES if rel == GLOSSARY_FILE else MAX_ARTICLE_BYTES
        text, _ = read_text(course.root, Source(path, rel, Path(rel).stem), limit, "")
        if text is not None:
            yield rel, text


def check_text(rel: str, text: str) -> list[Finding]:
    out = []
    for number, line in enumerate(text.split("\n"), 1):
        controls = _CONTROLS.findall(line)
        if controls:
            codes = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(controls))
            col = _CONTROLS.search(line)
            where = f" at column {col.start() + 1}" if col else ""
            out.append(
                Finding(
                    rel,
                    f.NOTDEF,
                    f"{_kind(controls)} {codes}{where}, which every PDF prints as an empty box "
                    f"and a screen reader skips or spells out{_meant(line)}",
                    line=number,
                )
            )
        elif is_bad(line):
            out.append(
                Finding(
                    rel,
                    f.SOURCE_TEXT,
                    "mojibake: this line looks like UTF-8 text decoded as Windows-1252 or "
                    f"Latin-1 and saved again{_meant(line)}",
                    line=number,
                )
            )
    return out


def words_of(course: Course, texts: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(words, hyphenated words) in lower case, from the sources and the glossary's text."""
    corpus = list(texts)
    for entry in course.glossary.entries.values():
        corpus += [entry.term, entry.expansion or "", entry.definition]
    words: set[str] = set()
    hyphenated: set[str] = set()
    for text in corpus:
        lowered = text.lower()
        words.update(_WORDS.findall(lowered))
        hyphenated.update(_HYPHENATED.findall(lowered))
    return frozenset(words), frozenset(hyphenated)
