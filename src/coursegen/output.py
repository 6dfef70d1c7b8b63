"""The only code that writes to disk: atomic files, and the record of what was built."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .outfolder import not_a_file, open_regular, write_error

MANIFEST = ".coursegen-manifest.json"
JOURNAL = ".coursegen-journal"  # what this build wrote since the manifest was saved
RECORD_LIMIT = 8 * 2**20  # a manifest of ~40,000 files; anything larger is not coursegen's


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it into place.

    OutputError (`path: could not be written: …`) when the disk is full or read-only."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".part", dir=path.parent
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~umask())
        os.replace(temporary, path)
    except BaseException as exc:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        if isinstance(exc, OSError):
            raise write_error(path, exc) from None
        raise


def umask() -> int:
    """The process's umask, read without changing it where Linux shows it (/proc)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    """The digest of a regular file's bytes; None when there is none (missing, a link, a FIFO,
    a device, a folder), which is never opened. OSError when it cannot be read."""
    handle = open_regular(path)
    if handle is None:
        return None
    h = hashlib.sha256()
    with os.fdopen(handle, "rb") as stream:
        while chunk := stream.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True)
class Record:
    inputs: str  # digest of everything the output was made from
    output: str  # digest of the bytes written
    # the file's size, modification time (ns) and inode when a build found those bytes in it:
    # while they are the same, the bytes are not read again to see that nobody changed them
    seen: tuple[int, int, int] | None = None


# A file's modification time is trusted only when it is older than this when its bytes are
# read: a change made later, even within the file system's clock tick, then gives it a later
# time (git's "racy clean" rule). A file just written is read once more, by the next build.
SETTLED_NS = 2 * 10**9


def _seen(path: Path) -> tuple[int, int, int] | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino) if stat.S_ISREG(info.st_mode) else None


class Manifest:
    """What coursegen built in an output folder, saved at the end of a build; meanwhile each file
    is noted in a journal just before it is renamed into place. A build killed at any moment
    leaves a manifest and a journal from which the next build knows every file it wrote: a
    journal entry counts only when the file holds the bytes it names.

    The manifest and the journal are read only when they are regular files of a sane size; a
    link, FIFO, device or folder in their place stops the build (CoursegenError), a damaged or
    oversized record is ignored with a warning (every file is then built again).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / MANIFEST
        self.journal = folder / JOURNAL
        self.records: dict[str, Record] = {}
        self.warnings: list[str] = []
        self._journal: int | None = None
        self._saved: bytes | None = None  # the manifest as read: saved again only if it changed
        self._load()

    def _load(self) -> None:
        data = self._saved = self._read(self.path)
        if data is not None:
            try:
                files = json.loads(data).get("files")
            except (ValueError, RecursionError, AttributeError):
                files = None
            if isinstance(files, dict) and all(map(_is_record, files.values())):
                self.records = {
                    rel: Record(v["inputs"], v["output"], _seen_field(v.get("seen")))
                    for rel, v in files.items()
                }
            else:
                self._damaged(MANIFEST, "is not a build record coursegen can read")
        entries = self._read(self.journal)
        for line in (entries or b"").splitlines():
            try:
                entry = json.loads(line)
                rel, inputs, output = entry["file"], entry["inputs"], entry["output"]
            except (ValueError, RecursionError, TypeError, KeyError):
                continue  # the last line of a killed build may be cut short
            if not all(isinstance(x, str) for x in (rel, inputs, output)):
                continue
            with contextlib.suppress(OSError):
                if file_digest(self.folder / rel) == output:
                    self.records[rel] = Record(inputs, output)

    def _read(self, path: Path) -> bytes | None:
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            return None
        if not stat.S_ISREG(mode):
            raise not_a_file(path)
        try:
            handle = open_regular(path)
            if handle is None:
                raise not_a_file(path)
            with os.fdopen(handle, "rb") as stream:
                data = stream.read(RECORD_LIMIT + 1)
        except OSError as exc:
            self._damaged(path.name, f"cannot be read ({exc.strerror or exc})")
            return None
        if len(data) > RECORD_LIMIT:
            self._damaged(path.name, f"is larger than {RECORD_LIMIT // 2**20} MB")
            return None
        return data

    def _damaged(self, name: str, why: str) -> None:
        self.warnings.append(
            f"{name} in the output folder {why}; it is ignored and every file is built again"
        )

    def is_current(self, rel: str, inputs: str) -> bool:
        record = self.records.get(rel)
        if record is None or record.inputs != inputs:
            return False
        path = self.folder / rel
        seen = _seen(path)
        if seen is not None and seen == record.seen:
            return True
        try:
            current = file_digest(path) == record.output
        except OSError:
            return False
        if current and seen is not None and time.time_ns() - seen[1] > SETTLED_NS:
            self.records[rel] = Record(record.inputs, record.output, seen)
        return current

    def make_way(self, rel: str, inputs: str, data: bytes) -> Path | None:
        """Before `data` is written as `rel`: keep aside what is there unless coursegen wrote it
        (or it holds `data` already), and note the file in the journal. Anything but a regular
        file that coursegen can read is kept aside, never opened. Returns the kept copy."""
        path = self.folder / rel
        new = digest(data)
        moved = None
        if os.path.lexists(path):
            record = self.records.get(rel)
            try:
                found = file_digest(path)
            except OSError:
                found = None  # cannot be read: kept, not overwritten
            if found is None or found not in (new, record and record.output):
                moved = keep_aside(path)
        self._note(rel, inputs, new)
        return moved

    def _note(self, rel: str, inputs: str, output: str) -> None:
        """One line per file, appended without waiting for the disk: it only has to outlive
        this process, so that a build killed before saving the manifest wastes nothing."""
        try:
            if self._journal is None:
                flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
                self._journal = os.open(self.journal, flags, 0o666)
            line = json.dumps({"file": rel, "inputs": inputs, "output": output})
            os.write(self._journal, (line + "\n").encode("utf-8"))
        except OSError as exc:
            raise write_error(self.journal, exc) from None

    def record(self, rel: str, inputs: str, data: bytes) -> None:
        """Note a file as built, once it is complete and renamed into place."""
        self.records[rel] = Record(inputs, digest(data))

    def save(self) -> None:
        """Write the manifest (its entries only for files that exist), then drop the journal."""
        files = {
            rel: {k: v for k, v in vars(record).items() if v is not None}
            for rel, record in sorted(self.records.items())
            if _is_file(self.folder / rel)
        }
        payload = {"generator": "coursegen", "files": files}
        data = (json.dumps(payload, indent=1) + "\n").encode("utf-8")
        if data != self._saved:  # a build that changed nothing writes nothing
            write_atomic(self.path, data)
            self._saved = data
        else:  # but its date says when the outputs were last found up to date: the next build
            # guesses from it whether PDFs will be rendered (builder.prepare_workers)
            with contextlib.suppress(OSError):
                os.utime(self.path)
        if self._journal is not None:
            os.close(self._journal)
            self._journal = None
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.journal)

    def close(self) -> None:
        if self._journal is not None:
            os.close(self._journal)
            self._journal = None


def _is_record(value: object) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("inputs"), str)
        and isinstance(value.get("output"), str)
    )


def _seen_field(value: object) -> tuple[int, int, int] | None:
    """A record's "seen" as saved (a list of three integers), or None."""
    if isinstance(value, list) and len(value) == 3 and all(type(n) is int for n in value):
        return (value[0], value[1], value[2])
    return None


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def keep_aside(path: Path) -> Path:
    """Rename a file the instructor changed (or that coursegen did not write) out of the way."""
    stem, suffix = path.stem, path.suffix
    candidate = path.with_name(f"{stem}.edited{suffix}")
    number = 2
    while os.path.lexists(candidate):
        candidate = path.with_name(f"{stem}.edited-{number}{suffix}")
        number += 1
    try:
        os.replace(path, candidate)
    except OSError as exc:
        raise write_error(path, exc) from None
    return candidate
