"""The only code that writes to disk: atomic files, and the record of what was built."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

MANIFEST = ".coursegen-manifest.json"


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Record:
    inputs: str  # digest of everything the output was made from
    output: str  # digest of the bytes written


class Manifest:
    """What coursegen built in an output folder; saved at most twice a second and at the end, so
    a crash loses at most the last half second of records (those files are simply rebuilt).

    A file is recorded only after it is complete and renamed into place.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / MANIFEST
        self.records: dict[str, Record] = {}
        self._saved = 0.0
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            self.records = {k: Record(**v) for k, v in raw.get("files", {}).items()}
        except (OSError, ValueError, TypeError):
            self.records = {}

    def is_current(self, rel: str, inputs: str) -> bool:
        record = self.records.get(rel)
        if record is None or record.inputs != inputs:
            return False
        path = self.folder / rel
        try:
            return digest(path.read_bytes()) == record.output
        except OSError:
            return False

    def is_ours(self, rel: str) -> bool:
        """True when the file on disk is exactly what coursegen last wrote there."""
        record = self.records.get(rel)
        try:
            data = (self.folder / rel).read_bytes()
        except OSError:
            return True  # nothing there to protect
        return record is not None and digest(data) == record.output

    def record(self, rel: str, inputs: str, data: bytes) -> None:
        """Note a file as built; saved at most every half second (and by `save` at the end).

        Losing unsaved records in a crash only means rebuilding those files next time.
        """
        self.records[rel] = Record(inputs, digest(data))
        now = time.monotonic()
        if now - self._saved >= 0.5:
            self.save()

    def save(self) -> None:
        self._saved = time.monotonic()
        payload = {
            "generator": "coursegen",
            "files": {k: vars(v) for k, v in sorted(self.records.items())},
        }
        write_atomic(self.path, (json.dumps(payload, indent=1) + "\n").encode("utf-8"))


def keep_aside(path: Path) -> Path:
    """Rename a file the instructor changed (or that coursegen did not write) out of the way."""
    stem, suffix = path.stem, path.suffix
    candidate = path.with_name(f"{stem}.edited{suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{stem}.edited-{number}{suffix}")
        number += 1
    os.replace(path, candidate)
    return candidate
