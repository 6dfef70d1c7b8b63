"""The zip packages of the exports (.imscc, .apkg), the same bytes for the same members."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable


def fixed_zip(members: Iterable[tuple[str, bytes]], timestamp: dt.datetime) -> bytes:
    """A zip of `members`, in the order given, each dated `timestamp` (the build's date; a zip
    cannot record one before 1980) with the same attributes on every system (a regular file,
    rw-r--r--, made on Unix)."""
    date = max(timestamp, dt.datetime(1980, 1, 1)).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()
