"""Two stub output formats for the tests about what gets rebuilt: they render in microseconds.

Like the real pair, each reads its own files besides the document, and those files are its
fingerprint: TextFormat every file in templates/ but reference.docx (as the PDF format does),
JsonFormat templates/reference.docx (as the DOCX format does). tests/test_incremental.py
registers them in place of PDF and DOCX.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from coursegen.documents.model import Document
from coursegen.render import PAGE_KINDS, REFERENCE_DOCX, TEMPLATES_FOLDER, folder_files


class StubRenderer:
    def __init__(self, inputs: Iterable[tuple[str, Path]], as_json: bool) -> None:
        digest = hashlib.sha256()
        for name, path in inputs:
            digest.update(name.encode("utf-8") + b"\0" + path.read_bytes())
        self.header = digest.hexdigest()
        self.as_json = as_json

    def render(self, document: Document) -> bytes:
        content = dataclasses.asdict(document)
        if self.as_json:
            text = json.dumps({"inputs": self.header, "document": content}, sort_keys=True)
        else:
            text = "\n".join([self.header, *_strings(content)])
        return (text + "\n").encode("utf-8")


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str) and value:
        yield value


class TextFormat:
    name = "text"
    suffix = ".txt"
    kinds = PAGE_KINDS
    default_for = frozenset({"build", "publish"})

    def inputs(self, root: Path) -> Iterable[tuple[str, Path]]:
        return folder_files(root / TEMPLATES_FOLDER, "course", skip=[REFERENCE_DOCX])

    def renderer(self, root: Path, timestamp: dt.datetime) -> StubRenderer:
        return StubRenderer(self.inputs(root), as_json=False)


class JsonFormat:
    name = "json"
    suffix = ".json"
    kinds = PAGE_KINDS
    default_for = frozenset({"build", "publish"})

    def inputs(self, root: Path) -> Iterable[tuple[str, Path]]:
        reference = root / TEMPLATES_FOLDER / REFERENCE_DOCX
        return [(f"course/{REFERENCE_DOCX}", reference)] if reference.is_file() else []

    def renderer(self, root: Path, timestamp: dt.datetime) -> StubRenderer:
        return StubRenderer(self.inputs(root), as_json=True)
