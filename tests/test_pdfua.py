"""Every PDF of the sample course passes PDF/UA-1's machine rules, reads in document order, and
gives every word whole.

(Every PDF that any other test builds is validated too, after that test: see conftest.py.)
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest

from coursegen import open_course
from coursegen.documents import planned_documents
from coursegen.documents.model import Document

from pdfcheck import letters, pdf_text, validate, whole_words_missing

pytestmark = pytest.mark.render

NOT_PRINTED = {"id", "language", "term", "number", "answer_lines", "starts_mid", "ends_mid"}
# for the exports, not printed: a term's other names and whether its case matters; a run's style
NOT_PRINTED |= {"aliases", "case_sensitive", "italic"}
SAID_TWICE = {"source_spans"}  # `source` in pieces, each with its language


def printed(document: Document) -> list[str]:
    """Every string the document prints, in reading order (every field but `meta`)."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            for item in dataclasses.fields(value):
                if item.name not in NOT_PRINTED | SAID_TWICE and not item.name.endswith(
                    ("_language", "_languages")
                ):
                    walk(getattr(value, item.name))
        elif isinstance(value, tuple):
            for element in value:
                walk(element)
        elif isinstance(value, str) and letters(value):
            found.append(value)

    for item in dataclasses.fields(document):
        if item.name != "meta":
            walk(getattr(document, item.name))
    return found


def sample_documents(sample_build: Path) -> list[tuple[str, Path, Document]]:
    course = open_course(sample_build.parent)
    return [
        (planned.stem, sample_build / f"{planned.stem}.pdf", planned.document)
        for planned in planned_documents(course, sorted(course.lessons), whole_course=True)
    ]


def without_furniture(text: str, document: Document) -> str:
    """The text without the running header and "Page N of M" lines."""
    parts = document.meta.page_label.parts
    label = "".join(re.escape(p) if i % 2 == 0 else r"\d+" for i, p in enumerate(parts))
    header = " ".join(document.meta.running_header.split())
    return "\n".join(
        line
        for line in text.splitlines()
        if " ".join(line.split()) != header and not re.fullmatch(label, line.strip())
    )


def test_every_sample_pdf_passes_pdf_ua_1(sample_build: Path) -> None:
    pdfs = sorted(sample_build.rglob("*.pdf"))
    assert len(pdfs) == 17
    failures = [
        f"{path.relative_to(sample_build)}: {failure}"
        for path in pdfs
        for failure in validate(path)
    ]
    assert not failures, "PDF/UA-1 failures (page-validation, ua1):\n" + "\n".join(failures)


def test_pdftotext_gives_every_source_word_whole(sample_build: Path) -> None:
    """No word is split by a layout hyphen that is not a hyphen-minus (U+2010 "imperat‐ ives")
    or by a missing or extra space; the tests compare words, not letters."""
    problems = []
    for stem, path, document in sample_documents(sample_build):
        text = pdf_text(path)
        missing = whole_words_missing(printed(document), text)
        if missing:
            problems.append(f"{stem}: {missing[:10]}")
        if "\u2010" in text and not any("\u2010" in s for s in printed(document)):
            problems.append(f"{stem}: U+2010 in the text, which the sources do not have")
    assert not problems, "\n".join(problems)


def test_paint_order_is_reading_order(sample_build: Path) -> None:
    """`pdftotext -raw` (the order the pages are painted in, which simple extractors and some
    assistive tools follow) finds every printed string of the document in the model's order."""
    problems = []
    for stem, path, document in sample_documents(sample_build):
        flat = letters(without_furniture(pdf_text(path, raw=True), document))
        position = 0
        for piece in printed(document):
            found = flat.find(letters(piece), position)
            if found < 0:
                problems.append(f"{stem}: out of order or missing: {piece[:70]!r}")
                break
            position = found + len(letters(piece))
    assert not problems, "\n".join(problems)


def test_list_markers_are_painted_with_their_items(sample_build: Path) -> None:
    """A bullet or a question number painted after the page's text reads, in paint order, as a
    column of markers far from the items they belong to: each marker starts its item's line."""
    problems = []
    for stem, path, _document in sample_documents(sample_build):
        for line in pdf_text(path, raw=True).splitlines():
            if re.fullmatch(r"\s*(•|\d{1,2}\.)\s*", line):
                problems.append(f"{stem}: a list marker on a line of its own: {line.strip()!r}")
    assert not problems, "\n".join(problems)
