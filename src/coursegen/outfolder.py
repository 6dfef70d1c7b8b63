"""The output folder, checked in one place before anything is written to it.

A course folder may come from someone else, output/ and all: coursegen writes only into a real
folder that is neither the course folder (nor holds it) nor inside one of its input folders,
never through a link inside the course folder, never into a link or special file inside the
output folder, and reads only regular files there (never a FIFO, a device or a link).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import CoursegenError
from .folders import ARTICLES_FOLDER, LESSONS_FOLDER
from .render import TEMPLATES_FOLDER

LOCK = ".coursegen-lock"
INPUT_FOLDERS = (LESSONS_FOLDER, ARTICLES_FOLDER, TEMPLATES_FOLDER)
# write_atomic's temporary files: "." + the file's name + "." + 8 random characters + ".part"
PART = re.compile(r"^\..+\.[a-z0-9_]{8}\.part$")
OTHER_FOLDER = "leave out --out to write to output/ in the course folder, or name another folder"


class OutputError(CoursegenError):
    """A file of the output folder could not be written or read (a full disk, no permission):
    not a misuse of the command; the CLI says `error: <path>: …` and exits with status 1."""


def output_folder(out: Path, course_root: Path) -> Path:
    """The output folder `out` as a real path, once it is known to be a sound place to write;
    CoursegenError otherwise. Nothing is created or written."""
    root = course_root.resolve()
    given = Path(os.path.abspath(out))
    here = Path(given.anchor)
    for part in given.parts[1:]:
        here = here / part
        if _inside(here.parent, root) and os.path.islink(here):
            raise CoursegenError(
                f"'{given}' cannot be the output folder: {here} is a link to "
                f"{os.readlink(here)}, and coursegen does not write through links in a course folder",
                hint="delete the link, or choose another folder with --out",
            )
        here = here.resolve()
    if here == root or here in root.parents:
        what = "it is the course folder" if here == root else "it holds the course folder"
        raise CoursegenError(f"'{given}' cannot be the output folder: {what}", hint=OTHER_FOLDER)
    for name in INPUT_FOLDERS:
        if _inside(here, root / name):
            raise CoursegenError(
                f"'{given}' cannot be the output folder: it is inside the course's {name}/ folder",
                hint=OTHER_FOLDER,
            )
    if os.path.lexists(here) and not here.is_dir():
        raise CoursegenError(
            f"'{given}' cannot be the output folder: it is a file, not a folder",
            hint="name a folder (coursegen makes it when it does not exist)",
        )
    return here


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


@contextlib.contextmanager
def locked(folder: Path, waiting: Callable[[], None]) -> Iterator[None]:
    """Hold the output folder's lock: a second build of the same folder waits (after calling
    `waiting` once) until the first has finished, so that their files never interleave."""
    path = folder / LOCK
    try:
        handle = os.open(
            path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o666
        )
    except OSError as exc:
        raise write_error(path, exc) from None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise not_a_file(path)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting()
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # releases the lock


def remove_parts(folders: set[Path]) -> None:
    """Delete the temporary files that killed writes left in these folders (only files named
    as write_atomic names them)."""
    for folder in folders:
        if not os.path.isdir(folder) or os.path.islink(folder):
            continue  # missing, or a link that real_folders refuses later
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                if PART.match(entry.name) and not entry.is_dir(follow_symlinks=False):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(entry.path)


def real_folders(folder: Path, rel: str, checked: set[Path]) -> Path:
    """The path of output `rel`, once each folder between the output folder and it is a real
    folder or missing (then write_atomic makes it): never a link out of the output folder."""
    target = folder / rel
    here = folder
    for part in Path(rel).parent.parts:
        here = here / part
        if here in checked:
            continue
        try:
            mode = os.lstat(here).st_mode
        except FileNotFoundError:
            break
        if not stat.S_ISDIR(mode):
            kind = "a link" if stat.S_ISLNK(mode) else "not a folder"
            raise CoursegenError(
                f"{here} is {kind}; coursegen writes only into real folders inside the output folder",
                hint="move it out of the output folder, then build again",
            )
        checked.add(here)
    return target


def open_regular(path: Path) -> int | None:
    """A file descriptor to read `path` when it is a regular file, else None (missing, a link,
    a FIFO, a device, a folder): opened without following a link or waiting on a FIFO."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
    except (FileNotFoundError, NotADirectoryError):
        return None
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ELOOP, errno.ENXIO, errno.EISDIR, errno.ENOTDIR):
            return None
        raise
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        return None
    return handle


def not_a_file(path: Path) -> CoursegenError:
    return CoursegenError(
        f"{path} is not a regular file; coursegen keeps its own records there",
        hint="move it out of the output folder, or choose another folder with --out",
    )


def write_error(path: Path, exc: OSError) -> OutputError:
    why = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        hint = "free some space on that disk, or choose another folder with --out; then build again"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        hint = f"check that you may write in {path.parent}, or choose another folder with --out"
    else:
        hint = "choose another folder with --out, then build again"
    return OutputError(f"{path}: could not be written: {why}", hint=hint)
