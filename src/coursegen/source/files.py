"""The one place where the course files coursegen reads are found and checked.

Every course input (course.yaml, glossary.yaml, articles/*.md, lessons/*.yaml) is read through
`read_source`: it must lie inside the course folder once symbolic links are followed, be a
regular file (a named pipe or a device is refused without being opened), and be no larger than
its limit, checked with stat before a byte is read. `list_sources` names the files of a folder
and refuses the names that cannot be ids: hidden files, names unsafe as a folder name, two
files for one id, and lesson ids that the output folder uses itself.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import Diagnostic, Severity
from .yamlfile import decode_text

MB = 1_000_000
MAX_ARTICLE_BYTES = 2 * MB
MAX_YAML_BYTES = 1 * MB
MAX_GLOSSARY_BYTES = 5 * MB

# The names the build itself writes at the top of the output folder (the course glossary as
# glossary.pdf, glossary.docx…): a lesson folder must never take one. The build's own hidden
# files (the manifest .coursegen-manifest.json) are safe too: a hidden file is never a lesson.
_OUTPUT_NAMES = ("glossary",)
# Characters that some system refuses in a file or folder name (Windows is the strictest).
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WINDOWS_DEVICES = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


@dataclass(frozen=True)
class Source:
    """One course file: its path, its path relative to the course folder, and its id."""

    path: Path
    rel: str
    id: str


def course_file(root: Path, rel: str) -> Source | None:
    """A file at a fixed place in the course (course.yaml), or None when there is nothing there
    (a link that leads nowhere is something: it is reported when read)."""
    path = root / rel
    return Source(path, rel, path.stem) if os.path.lexists(path) else None


def read_text(
    root: Path, src: Source, limit: int, split_hint: str
) -> tuple[str | None, list[Diagnostic]]:
    """The text of a course file (UTF-8, with Unix line ends), or why it cannot be read."""
    data, problems = read_source(root, src, limit, split_hint)
    if data is None:
        return None, problems
    return decode_text(data, src.rel)


def _error(rel: str, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(rel, 1, 1, message, hint=hint)


def read_source(
    root: Path, src: Source, limit: int, split_hint: str
) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of a course file, or the reason it is refused (its content is then not read).

    `split_hint` says how to make a file that is too large smaller."""
    rel = src.rel
    try:
        real = src.path.resolve(strict=True)
    except FileNotFoundError:
        return None, [
            _error(
                rel,
                f"'{rel}' is a link to a file that does not exist",
                hint="replace the link with the file itself, or remove it",
            )
        ]
    except (OSError, RuntimeError) as exc:  # a loop of links, a folder without permission
        return None, [_unreadable(rel, exc)]
    if not real.is_relative_to(root.resolve()):
        return None, [
            _error(
                rel,
                f"'{rel}' is a link to a file outside the course folder",
                hint="copy the file into the course folder instead of linking to it; "
                "coursegen reads only the files inside the course folder",
            )
        ]
    try:
        before = os.stat(real)
        refused = _refusal(rel, before, limit, split_hint)
        if refused is not None:
            return None, [refused]
        # O_NONBLOCK: should the file be swapped for a named pipe now, opening it cannot hang.
        handle = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(handle, "rb") as stream:
            opened = os.fstat(stream.fileno())
            refused = _refusal(rel, opened, limit, split_hint)
            if refused is None and (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino):
                refused = _unreadable(rel, OSError("the file changed while it was being read"))
            if refused is not None:
                return None, [refused]
            data = stream.read(limit + 1)  # a file that grows after stat is still cut off
    except OSError as exc:
        return None, [_unreadable(rel, exc)]
    if len(data) > limit:
        return None, [_too_large(rel, len(data), limit, split_hint)]
    return data, []


def _refusal(rel: str, info: os.stat_result, limit: int, split_hint: str) -> Diagnostic | None:
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "a special file")
        return _error(
            rel,
            f"'{rel}' is {kind}, not a file coursegen can read",
            hint="replace it with an ordinary text file, or remove it",
        )
    if info.st_size > limit:
        return _too_large(rel, info.st_size, limit, split_hint)
    return None


def _too_large(rel: str, size: int, limit: int, split_hint: str) -> Diagnostic:
    return _error(
        rel,
        f"'{rel}' is too large: {_size(size)}, more than the limit of {_size(limit)}",
        split_hint,
    )


def _size(count: int) -> str:
    if count >= 1000 * MB:
        return f"{count / (1000 * MB):,.1f} GB"
    if count >= MB:
        return f"{count / MB:,.1f} MB"
    return f"{count:,} bytes"


def _unreadable(rel: str, exc: BaseException) -> Diagnostic:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return _error(
        rel,
        f"'{rel}' could not be read: {reason.rstrip('.').lower()}",
        hint="check that the file exists and that you may read it",
    )


def list_sources(
    root: Path,
    folder: str,
    suffixes: tuple[str, ...],
    what: str,
    valid: Callable[[Source], Diagnostic | None] = lambda src: None,
    one_name_per_id: bool = False,
) -> tuple[list[Source], list[Source], list[Diagnostic]]:
    """The files of `root/folder` ending in one of `suffixes`, in name order, as (usable,
    clashing, diagnostics).

    Hidden files are skipped with a warning; `valid` may refuse a file by its name. With
    `one_name_per_id`, files whose ids are one name on some system (`x.yaml` and `x.yml`,
    capitals, accents written two ways) are an error at the first of them: that first one is
    returned as clashing (to be reported, not read), the others not at all.
    """
    directory = root / folder
    if not directory.is_dir():
        return [], [], []
    usable: list[Source] = []
    diagnostics: list[Diagnostic] = []
    for path in sorted(directory.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(suffixes) or (path.is_dir() and not path.is_symlink()):
            continue
        src = Source(path, f"{folder}/{path.name}", path.name[: path.name.rindex(".")])
        refused = _hidden(src, what) or valid(src)
        if refused is not None:
            diagnostics.append(refused)
        else:
            usable.append(src)
    if not one_name_per_id:
        return usable, [], diagnostics
    groups: dict[str, list[Source]] = {}
    for src in usable:
        groups.setdefault(name_key(src.id), []).append(src)
    clashing = []
    for group in groups.values():
        if len(group) > 1:
            clashing.append(group[0])
            names = ", ".join(f"'{src.rel}'" for src in group)
            noun = what.split(" ", 1)[1]
            diagnostics.append(
                _error(
                    group[0].rel,
                    f"{names} are one {noun}: their names differ only in capitals, accents "
                    "or the ending",
                    hint=f"keep one file per {noun}: rename or remove the others",
                )
            )
    kept = [group[0] for group in groups.values() if len(group) == 1]
    return kept, clashing, diagnostics


def _hidden(src: Source, what: str) -> Diagnostic | None:
    if not src.path.name.startswith("."):
        return None
    return Diagnostic(
        src.rel,
        1,
        1,
        f"'{src.path.name}' is a hidden file (its name starts with '.'): it is not read as {what}",
        hint="if it is meant to be used, rename it to start with a letter or digit",
        severity=Severity.WARNING,
    )


def name_key(name: str) -> str:
    """The form under which two names are one file or folder on some system."""
    return unicodedata.normalize("NFC", name).casefold()


def lesson_name_problem(src: Source) -> Diagnostic | None:
    """Why a lesson file's id cannot name the lesson's output folder, or None when it can."""
    lesson_id = src.id
    if _UNSAFE.search(lesson_id):
        problem = "its name has a character that cannot be used in a folder name"
    elif not lesson_id.strip() or lesson_id != lesson_id.strip() or lesson_id.endswith("."):
        problem = "its name begins or ends with a space, or ends with '.'"
    elif _WINDOWS_DEVICES.match(lesson_id):
        problem = "Windows reserves its name for a device"
    elif any(
        name_key(lesson_id) == name_key(used) or name_key(lesson_id).startswith(f"{used}.")
        for used in _OUTPUT_NAMES
    ):
        problem = "the build writes the course's own files under this name"
    else:
        return None
    shown = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", src.path.name)
    return _error(
        src.rel,
        f"'{shown}' cannot be used as a lesson: {problem}",
        hint="rename it with letters, digits, '-', '_' or '.' only, e.g. 05-reset.yaml",
    )
