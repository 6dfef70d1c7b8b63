"""`coursegen glossary`: browse and search the glossary in force, copy a built-in entry into
glossary.yaml. The work is done by content/search.py and content/copyentry.py; this prints."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import click

from ..content.copyentry import Copied, CopyRefused, copy_builtin_entry
from ..content.course import GLOSSARY_FILE, Course
from ..content.search import BUILTIN, LessonUse, Listing, list_entries, no_match_hint, search
from ..workspace import open_course
from .common import COURSE_OPTION
from .common import call as _call
from .listing import hanging, is_terminal, output_width
from .report import echo_line, plural, terminal_text

LABEL_WIDTH = 10  # 'definition'
NAME_COLUMN = 32  # at most, in the list of every entry
NOT_USED = "listed in the lesson; not in its excerpts"  # as `coursegen terms` says it


@click.command()
@click.argument("query", nargs=-1)
@COURSE_OPTION
@click.option("--category", default=None, help="Only the entries of this category.")
@click.option(
    "--copy",
    "copy_name",
    metavar="TERM",
    default=None,
    help="Append the built-in entry TERM to the course's glossary.yaml, to edit it there "
    "(it then replaces the built-in one). What the file holds is left as it is.",
)
@click.option(
    "--width",
    type=click.IntRange(min=0),
    default=None,
    help="Wrap at N columns (0: one line per definition). Default: the terminal's width, "
    "at most 100; 100 when the output is not a terminal.",
)
def glossary(
    query: tuple[str, ...],
    course_dir: Path,
    category: str | None,
    copy_name: str | None,
    width: int | None,
) -> None:
    """Search the glossary in force (the built-in bank and glossary.yaml) for QUERY, or list
    every entry when there is no QUERY.

    Each entry found is shown with where it comes from, its category, aliases, definition, see
    and the lessons that use it: first those named QUERY, then those whose term starts with it,
    then whose names contain its words, then whose definitions do. Capitals and accents do not
    count. Exit status: 0 when something is listed or copied, 1 when nothing matches or
    glossary.yaml cannot take the copy, 2 when misused.

    Example: coursegen glossary security council
    """
    if copy_name is not None and (query or category is not None):
        raise click.UsageError("--copy copies one entry: give it without a QUERY or --category")
    course = _call(lambda: open_course(course_dir))
    if copy_name is not None:
        _copy(course, copy_name)
        return
    _notes(course)
    columns = output_width(is_terminal(), width)
    if not query:
        listings = _call(lambda: list_entries(course, category))
        for line in compact_lines(listings):
            echo_line(line)
        if not listings:
            sys.exit(1)
        return
    text = " ".join(query)
    hits = _call(lambda: search(course, text, category))
    for index, hit in enumerate(hits):
        if index:
            click.echo("")
        for line in entry_lines(hit.listing, columns):
            echo_line(line)
    if not hits:
        echo_line(f"no glossary entry matches '{text}'", err=True)
        echo_line(f"    hint: {no_match_hint(course, text)}", err=True)
        sys.exit(1)
    click.echo("")
    echo_line(f"{plural(len(hits), 'entry', 'entries')} found for '{text}'")


def _copy(course: Course, name: str) -> None:
    """--copy: append the entry, or say why not (exit 1; 2 for a name the bank lacks)."""

    def attempt() -> Copied | CopyRefused:
        try:
            return copy_builtin_entry(course, name)
        except CopyRefused as refused:  # the course's state, not the command line: exit 1
            return refused

    copied = _call(attempt)
    if isinstance(copied, CopyRefused):
        click.echo(f"Error: {terminal_text(copied.message)}", err=True)
        if copied.hint:
            click.echo(f"    hint: {terminal_text(copied.hint)}", err=True)
        sys.exit(1)
    echo_line(
        f"copied '{copied.term}' from the built-in term bank to "
        f"{copied.path}:{copied.term_line} (lines {copied.first_line}–{copied.last_line})"
    )
    echo_line(f"edit it there: it is the entry the course uses from now on ({GLOSSARY_FILE})")


def _notes(course: Course) -> None:
    """Say on stderr what the listing leaves out: entries or lessons with errors."""
    if any(d.path == GLOSSARY_FILE and d.is_error for d in course.errors):
        echo_line(
            f"note: {GLOSSARY_FILE} has errors: entries with errors are not listed; "
            "run 'coursegen check'",
            err=True,
        )
    failed = len(course.lesson_files) - len(course.lessons)
    if failed:
        echo_line(
            f"note: {plural(failed, 'lesson')} with errors not counted in 'used in'; "
            "run 'coursegen check'",
            err=True,
        )


def source_text(listing: Listing) -> str:
    """'built-in', 'glossary.yaml:12', or 'glossary.yaml:12 (replaces the built-in entry)'."""
    if listing.replaces_builtin:
        return f"{listing.source} (replaces the built-in entry)"
    return listing.source


def entry_lines(listing: Listing, width: int) -> Iterator[str]:
    """An entry found: its heading, then labelled lines, the definition wrapped at `width`."""
    entry = listing.entry
    yield entry.term + (f" ({entry.expansion})" if entry.expansion else "")
    yield from labelled("source", source_text(listing), width)
    if entry.category:
        yield from labelled("category", entry.category, width)
    if entry.aliases:
        yield from labelled("aliases", ", ".join(entry.aliases), width)
    for index, (language, names) in enumerate(entry.names):
        yield from labelled("names" if index == 0 else "", f"{language}: {', '.join(names)}", width)
    yield from labelled("definition", entry.definition, width)
    if entry.see:
        yield from labelled("see", ", ".join(entry.see), width)
    uses = [_use_text(use) for use in listing.lessons] or ["no lesson"]
    for index, use in enumerate(uses):
        yield from labelled("used in" if index == 0 else "", use, width)


def _use_text(use: LessonUse) -> str:
    return f"{use.lesson}: {use.places or NOT_USED}"


def labelled(label: str, text: str, width: int) -> list[str]:
    """'  label       text', wrapped at `width` (0: not wrapped) under the text."""
    prefix = f"  {label.ljust(LABEL_WIDTH)}  "
    # escaped before wrapping: an escape sequence is never cut
    return hanging(prefix, terminal_text(text), width, room=20)


def compact_lines(listings: Sequence[Listing]) -> Iterator[str]:
    """Every entry, one a line (term, source), grouped by category A to Z, those without one
    last; then the counts."""
    groups: dict[str, list[Listing]] = {}
    for listing in listings:
        groups.setdefault(listing.entry.category or "", []).append(listing)
    names = sorted(name for name in groups if name) + ([""] if "" in groups else [])
    for index, name in enumerate(names):
        members = groups[name]
        if index:
            yield ""
        yield f"{name or 'no category'}: {plural(len(members), 'entry', 'entries')}"
        column = min(NAME_COLUMN, max(len(m.entry.term) for m in members))
        for member in members:
            yield f"  {member.entry.term.ljust(column)}  {source_text(member)}"
    if listings:
        yield ""
    yield _counts(listings)


def _counts(listings: Sequence[Listing]) -> str:
    """'425 entries: 421 built-in, 4 from glossary.yaml'."""
    if not listings:
        return "no glossary entries"
    builtin = sum(listing.entry.source == BUILTIN for listing in listings)
    own = len(listings) - builtin
    details = [
        f"{builtin} built-in" if builtin else "",
        f"{own} from {GLOSSARY_FILE}" if own else "",
    ]
    return f"{plural(len(listings), 'entry', 'entries')}: " + ", ".join(d for d in details if d)
