"""A course's `templates/reference.docx`, checked before python-docx opens it.

A .docx is a zip archive, and a zip can hold a "bomb": a 1 MB file whose parts unpack to
gigabytes. python-docx unpacks every part into memory, so the archive is checked first: its
size, its number of parts and what each part really unpacks to (read with a cap; the sizes
the archive declares are not trusted alone). The bytes checked are the bytes used, so the file
cannot change between the check and the build.

No python-docx here: `coursegen check` uses this without loading it.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import zipfile
from pathlib import Path

from ...errors import Diagnostic
from .. import REFERENCE_DOCX, TEMPLATES_FOLDER

SHOWN = f"{TEMPLATES_FOLDER}/{REFERENCE_DOCX}"
MB = 1_000_000
# A style sheet saved by Word or LibreOffice is a few dozen parts and well under 1 MB unpacked;
# these bounds leave room for a logo in the header and an embedded font or two.
MAX_FILE_BYTES = 32 * MB
MAX_PARTS = 1000
MAX_PART_BYTES = 32 * MB
MAX_TOTAL_BYTES = 64 * MB
MAIN_PART = "word/document.xml"

RESAVE = (
    "open it in Word or LibreOffice Writer and save it again in Word format (.docx) as "
    f"{SHOWN} (a handout coursegen made is a good start), or delete it to use coursegen's "
    "built-in Word look"
)
SMALLER = (
    "save it again from Word or LibreOffice without large images or embedded fonts (a handout "
    "coursegen made is a good start), or delete it to use coursegen's built-in Word look"
)


class ReferenceProblem(Exception):
    """Why a reference.docx cannot be used: `message` (after "cannot be used: ") and a `hint`;
    as a string, one line for `build`: `templates/reference.docx cannot be used: … To fix it, …`."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(f"{SHOWN} cannot be used: {message}. To fix it, {hint}")
        self.message = message
        self.hint = hint


def reference_path(root: Path) -> Path:
    return root / TEMPLATES_FOLDER / REFERENCE_DOCX


def read_reference(path: Path) -> bytes:
    """The bytes of a sound reference.docx; raises ReferenceProblem saying what is wrong."""
    templates = path.parent.resolve()
    if not path.resolve().is_relative_to(templates):
        raise ReferenceProblem(
            "it is a link to a file outside the templates folder; coursegen does not read it",
            "copy the file into templates/ instead of linking to it",
        )
    with _open_regular(path) as file:
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ReferenceProblem(f"the file is larger than {MAX_FILE_BYTES // MB} MB", SMALLER)
    check_package(data)
    return data


def _open_regular(path: Path) -> io.BufferedReader:
    """Open without blocking on a FIFO, then refuse anything but a regular file."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ReferenceProblem(f"it cannot be read ({exc.strerror})", RESAVE) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ReferenceProblem("it is not a regular file", RESAVE)
    return os.fdopen(fd, "rb")


def check_package(data: bytes) -> None:
    """Raise ReferenceProblem unless `data` is a zip whose parts all unpack within the bounds."""
    if _declared_parts(data) > MAX_PARTS:  # before zipfile makes an object for each of them
        raise _too_many()
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ReferenceProblem("it is not a Word document (.docx)", RESAVE) from None
    with package:
        parts = package.infolist()
        if len(parts) > MAX_PARTS:
            raise _too_many()
        if MAIN_PART not in package.namelist():
            raise ReferenceProblem(f"it is not a Word document: it has no {MAIN_PART}", RESAVE)
        total = 0
        for part in parts:
            if part.file_size > MAX_PART_BYTES:
                raise _too_big(part.filename)
            size = _unpacked_size(package, part)
            total += size
            if total > MAX_TOTAL_BYTES:
                raise ReferenceProblem(
                    f"its parts unpack to more than {MAX_TOTAL_BYTES // MB} MB in all; "
                    "a Word style sheet needs far less",
                    SMALLER,
                )


def _unpacked_size(package: zipfile.ZipFile, part: zipfile.ZipInfo) -> int:
    """What `part` really unpacks to, reading at most MAX_PART_BYTES + 1 bytes of it."""
    size = 0
    try:
        with package.open(part) as member:
            while chunk := member.read(min(MB, MAX_PART_BYTES + 1 - size)):
                size += len(chunk)
                if size > MAX_PART_BYTES:
                    raise _too_big(part.filename)
    except ReferenceProblem:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, ValueError):
        raise ReferenceProblem(
            f"it is damaged: its part '{part.filename}' cannot be unpacked", RESAVE
        ) from None
    except RuntimeError:  # an encrypted part
        raise ReferenceProblem(
            "it is protected with a password; coursegen cannot read it", RESAVE
        ) from None
    return size


def _declared_parts(data: bytes) -> int:
    """The number of parts the zip's end record declares (0 when there is no end record)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if end < 0 or end + 22 > len(data):
        return 0
    count: int = struct.unpack("<H", data[end + 10 : end + 12])[0]
    return count


def _too_many() -> ReferenceProblem:
    return ReferenceProblem(
        f"it has more than {MAX_PARTS} parts; a Word document has a few dozen", SMALLER
    )


def _too_big(name: str) -> ReferenceProblem:
    return ReferenceProblem(
        f"its part '{name}' unpacks to more than {MAX_PART_BYTES // MB} MB; "
        "a Word style sheet needs far less",
        SMALLER,
    )


def reference_diagnostics(root: Path) -> list[Diagnostic]:
    """What is wrong with the course's reference.docx, if anything (none when there is none)."""
    path = reference_path(root)
    if not os.path.lexists(path):
        return []
    try:
        data = read_reference(path)
        _check_word(data)
    except ReferenceProblem as problem:
        message = f"'{REFERENCE_DOCX}' cannot be used: {problem.message}"
        return [Diagnostic(SHOWN, 1, 1, message, problem.hint)]
    return []


def _check_word(data: bytes) -> None:
    """What python-docx says of the package: a Word template (.dotx), a macro document or
    broken XML is refused here. Loads python-docx."""
    from docx.opc.constants import CONTENT_TYPE
    from docx.opc.package import OpcPackage

    try:
        main = OpcPackage.open(io.BytesIO(data)).main_document_part
    except Exception:  # python-docx raises KeyError, lxml errors and more on broken packages
        raise ReferenceProblem(
            "it is damaged: Word's files inside it cannot be read", RESAVE
        ) from None
    if main.content_type != CONTENT_TYPE.WML_DOCUMENT_MAIN:
        raise ReferenceProblem(
            "it is a Word template or a document with macros, not a plain Word document", RESAVE
        )


def load_reference(path: Path) -> bytes:
    """The checked bytes of a reference.docx that python-docx can open (loads python-docx)."""
    data = read_reference(path)
    _check_word(data)
    return data
