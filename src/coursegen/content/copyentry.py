"""Copying a built-in entry into the course's glossary.yaml, for the instructor to edit.

The entry's text is taken from the bank's file as it is written there and appended to
glossary.yaml after a comment saying where it came from; what the file held is kept byte for
byte. The result is read back before it is written: if it does not give the old entries plus
the copied one, nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import CoursegenError, Diagnostic, closest
from ..output import write_atomic
from ..source.files import MAX_GLOSSARY_BYTES, course_file, read_source
from ..source.yamlfile import YamlDocument, decode_text, parse_yaml
from .course import GLOSSARY_FILE, Course
from .glossary import BUILTIN_LANGUAGE, Entry, Glossary, builtin_entries, entries_from_document
from .scripts import primary_language
from .textnorm import fold


class CopyRefused(CoursegenError):
    """The course's glossary.yaml cannot take the entry as it is (it has errors, or already
    has the entry): nothing was written."""


@dataclass(frozen=True)
class Copied:
    term: str
    path: str  # the glossary file, relative to the course folder
    first_line: int  # of the comment before the entry
    term_line: int
    last_line: int


@dataclass(frozen=True)
class _Block:
    file: str  # the bank's file, e.g. arms-control.yaml
    text: str  # the entry as written there, from '- term:' to its last line, with a newline
    indent: int  # columns before its keys


def copy_builtin_entry(course: Course, name: str) -> Copied:
    """Append the built-in entry named `name` (its term, expansion or an alias) to the course's
    glossary.yaml, creating the file if there is none.

    CoursegenError when the bank has no such entry (with the closest name); CopyRefused when
    glossary.yaml has errors or already has the entry; OutputError when it cannot be written.
    """
    entry = builtin_entry(name)
    if any(d.path == GLOSSARY_FILE and d.is_error for d in course.diagnostics):
        raise CopyRefused(
            f"{GLOSSARY_FILE} has errors, so nothing was added to it",
            hint="run 'coursegen check', correct them, then copy the entry again",
        )
    raw, old_text = _current(course.root)
    old_doc, old_entries = _read(old_text, course)
    _refuse_if_present(entry, old_doc, old_entries)
    block = _bank_block(entry.term)
    separator = _separator(old_text)
    added = _comment(entry, block, course) + block.text + _language_line(block, course)
    new_text = old_text + separator + added
    _verify(new_text, old_entries, entry, course)
    newline = "\r\n" if b"\r\n" in raw else "\n"
    write_atomic(_target(course.root), raw + (separator + added).replace("\n", newline).encode())
    first = (old_text + separator).count("\n") + 1
    return Copied(entry.term, GLOSSARY_FILE, first, first + 2, new_text.count("\n"))


def _separator(text: str) -> str:
    """What to add to `text` so that the copy starts on a line of its own after a blank line."""
    if not text or text.endswith("\n\n"):
        return ""
    return "\n" if text.endswith("\n") else "\n\n"


def builtin_entry(name: str) -> Entry:
    """The bank's entry named `name`; CoursegenError with the closest name when none is."""
    bank = Glossary(builtin_entries())
    entry = bank.lookup(name)
    if entry is not None:
        return entry
    found = closest(name, bank.names())
    raise CoursegenError(
        f"the built-in term bank has no entry '{name}'",
        hint=f"did you mean '{found}'?"
        if found is not None
        else "search it with 'coursegen glossary WORD' (a built-in entry shows 'built-in')",
    )


def _current(root: Path) -> tuple[bytes, str]:
    """The bytes of glossary.yaml (none when there is no file) and its text."""
    src = course_file(root, GLOSSARY_FILE)
    if src is None:
        return b"", ""
    raw, problems = read_source(root, src, MAX_GLOSSARY_BYTES, "")
    if raw is None:
        raise CopyRefused(problems[0].message, hint=problems[0].hint)
    text, problems = decode_text(raw, GLOSSARY_FILE)
    if text is None:
        raise CopyRefused(problems[0].message, hint=problems[0].hint)
    return raw, text


def _parse(text: str, course: Course) -> tuple[YamlDocument | None, list[Entry], list[Diagnostic]]:
    """glossary.yaml's text as a document, its entries, and its problems."""
    doc, problems = parse_yaml(text, GLOSSARY_FILE)
    entries: list[Entry] = []
    if doc is not None:
        entries, found = entries_from_document(
            doc, GLOSSARY_FILE, GLOSSARY_FILE, course.settings.language
        )
        problems += found
    return doc, entries, problems


def _read(text: str, course: Course) -> tuple[YamlDocument | None, list[Entry]]:
    """The file's document and entries; CopyRefused when it has errors (it changed since the
    course was loaded)."""
    doc, entries, problems = _parse(text, course)
    if any(problem.is_error for problem in problems):
        raise CopyRefused(
            f"{GLOSSARY_FILE} has errors, so nothing was added to it",
            hint="run 'coursegen check', correct them, then copy the entry again",
        )
    return doc, entries


def _refuse_if_present(entry: Entry, doc: YamlDocument | None, own: list[Entry]) -> None:
    """CopyRefused when the course's glossary has the entry's term, or another of its names."""
    names = {fold(form).casefold() for form in entry.forms}
    for index, mine in enumerate(own):
        line = doc.pos((index, "term")).line if doc is not None else 1
        if mine.term.casefold() == entry.term.casefold():
            raise CopyRefused(
                f"{GLOSSARY_FILE} already has an entry '{mine.term}' (line {line})",
                hint="edit that entry instead: it is the one the course uses",
            )
        shared = [form for form in mine.forms if fold(form).casefold() in names]
        if shared:
            raise CopyRefused(
                f"{GLOSSARY_FILE} already has an entry '{mine.term}' (line {line}) named "
                f"'{shared[0]}', as the built-in '{entry.term}' is",
                hint=f"edit that entry instead, or remove '{shared[0]}' from it first",
            )


def _bank_block(term: str) -> _Block:
    """The built-in entry `term` as its bank file writes it."""
    block = bank_blocks().get(term.casefold())
    if block is None:
        raise CoursegenError(f"the built-in entry '{term}' could not be read from the bank")
    return block


@cache
def bank_blocks() -> dict[str, _Block]:
    """Each built-in entry (by its term, casefolded) as its bank file writes it: its lines,
    less the blank lines and comments that follow it (they introduce the next entry)."""
    blocks: dict[str, _Block] = {}
    folder = resources.files("coursegen") / "data" / "glossary"
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".yaml"):
            continue
        text = item.read_text(encoding="utf-8")
        doc, _ = parse_yaml(text, item.name)
        if doc is None or not isinstance(doc.data, list):
            continue
        lines = text.split("\n")
        for index, data in enumerate(doc.data):
            if not isinstance(data, dict) or not isinstance(data.get("term"), str):
                continue
            start = doc.pos((index,)).line - 1
            end = doc.pos((index + 1,)).line - 1 if index + 1 < len(doc.data) else len(lines)
            kept = lines[start:end]
            while kept and (not kept[-1].strip() or kept[-1].lstrip().startswith("#")):
                kept.pop()
            indent = doc.key_pos((index, "term")).col - 1
            block = _Block(item.name, "\n".join(kept) + "\n", indent)
            blocks.setdefault(data["term"].casefold(), block)
    return blocks


def _comment(entry: Entry, block: _Block, course: Course) -> str:
    replaces = (
        f"; it replaces the built-in '{entry.term}'" if course.settings.builtin_glossary else ""
    )
    return (
        f"# Copied from coursegen's built-in term bank ({block.file}). Edit it as you wish\n"
        f"# (definition, aliases, see){replaces}.\n"
    )


def _language_line(block: _Block, course: Course) -> str:
    """'language: en' when the course is in another language: the bank's definitions are in
    English."""
    if primary_language(course.settings.language) == BUILTIN_LANGUAGE:
        return ""
    if any(line.startswith(" " * block.indent + "language:") for line in block.text.split("\n")):
        return ""
    return " " * block.indent + f"language: {BUILTIN_LANGUAGE}\n"


def _verify(text: str, old: list[Entry], entry: Entry, course: Course) -> None:
    """CopyRefused unless `text` reads as the old entries followed by a copy of `entry`."""
    _, entries, problems = _parse(text, course)
    sound = (
        not any(problem.is_error for problem in problems)
        and len(entries) == len(old) + 1
        and entries[:-1] == old
        and _fields(entries[-1]) == _fields(entry)
        and len(text.encode()) <= MAX_GLOSSARY_BYTES
    )
    if not sound:
        raise CopyRefused(
            f"'{entry.term}' cannot be appended to {GLOSSARY_FILE} as it ends now",
            hint="end the file with a list of entries written '- term: …' (not [ … ]), "
            "or add the entry by hand",
        )


def _fields(entry: Entry) -> tuple[object, ...]:
    return (
        entry.term,
        entry.definition,
        entry.expansion,
        entry.aliases,
        entry.see,
        entry.category,
        entry.case_sensitive,
    )


def _target(root: Path) -> Path:
    """glossary.yaml, or the file inside the course it links to (reading checked that)."""
    path = root / GLOSSARY_FILE
    return path.resolve() if path.is_symlink() else path
