"""The PDF and the DOCX of a document say the same thing, in the same order.

The walk takes every printed string of the content model (every field but `meta`), so a field
one renderer forgets fails here; the mutation tests prove that it does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from coursegen import open_course
from coursegen.documents import PlannedDocument, planned_documents, published_documents
from coursegen.documents.model import Document
from coursegen.render import PAGE_KINDS, get_format
from coursegen.render.docx import layout

from conftest import REPO
from pdfcheck import docx_text, pdf_text, squash

pytestmark = pytest.mark.render

NOT_PRINTED = {"id", "language", "term", "number", "answer_lines", "starts_mid", "ends_mid"}
# for the exports, not printed: a term's other names and whether its case matters; a run's style;
# the ids of a reading's lesson and article
NOT_PRINTED |= {"aliases", "case_sensitive", "italic", "lesson", "article"}
# Languages of parts are tags, not words; `source_spans` is `source` again, cut into runs.
NOT_PRINTED |= {
    "note_language",
    "notes_language",
    "summary_language",
    "objective_languages",
    "source_spans",
    "url_language",
}
STAMP = dt.datetime(2000, 1, 1)

ARTICLE = """\
---
title: The article of every feature
author: A. Writer
publication: The Test Times
date: 2009-07-06
url: https://example.org/article
---

The first paragraph mentions START and the Quartet.

## The section heading

The second paragraph, under a heading, on New START.

The third paragraph closes the article.
"""

GLOSSARY = """\
- term: START
  expansion: Strategic Arms Reduction Treaty
  definition: A 1991 US–Soviet treaty that cut strategic arsenals.
  see: [New START]
- term: New START
  definition: The 2010 successor treaty between the US and Russia.
  see: [START]
- term: Quartet
  case_sensitive: true
  definition: The UN, EU, US and Russia, working on the Middle East since 2002.
"""

LESSON = """\
title: Every feature at once
week: 3
date: 2027-02-10
summary: A summary that only the handout and the instructor edition show.
objectives:
  - Explain what START limited.
  - Compare two treaties.
readings:
  - article: every
    excerpts:
      - paragraphs: 1-2
        note: An excerpt note that explains why this passage matters.
      - from: "The third paragraph"
        note: A second excerpt note.
questions:
  - question: What did START limit, and why did it matter?
    excerpts: [A]
    level: analyze
    minutes: 10
    notes: Instructor notes about the treaty's limits.
  - question: How does the third paragraph close the argument?
    excerpts: [B]
    level: evaluate
    minutes: 8
    notes: Notes for the second question.
"""


def printed(document: Document) -> list[str]:
    """Every printed string of a document, in reading order. A part of the course reader is
    printed under its week line and title alone: without the course line (the running head
    has it), and without the subtitle of a handout ("Handout") or the heading of the course
    glossary (the course title, on the cover: its subtitle is its title)."""
    found: list[str] = []

    def walk(value: Any, part: bool = False) -> None:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            skip = set(NOT_PRINTED)
            if isinstance(value, Document):
                skip.add("meta")
            if part and isinstance(value, Document):
                skip.add("course_line")
                skip.add("heading" if value.kind == "course-glossary" else "subtitle")
            for item in dataclasses.fields(value):
                if item.name == "parts":
                    for element in getattr(value, item.name):
                        walk(element, part=True)
                elif item.name not in skip:
                    walk(getattr(value, item.name))
        elif isinstance(value, tuple):
            for element in value:
                walk(element)
        elif isinstance(value, str) and squash(value):
            found.append(value)

    walk(document)
    return found


def missing_in_order(pieces: list[str], text: str) -> list[str]:
    """The pieces not found in `text` one after another (letters and digits compared)."""
    flat = squash(text)
    position = 0
    missing = []
    for piece in pieces:
        found = flat.find(squash(piece), position)
        if found < 0:
            missing.append(piece)
        else:
            position = found + len(squash(piece))
    return missing


def pdf_body(path: Path, document: Document) -> str:
    """The PDF's text without its page furniture (running header, "Page N of M"), which pages
    put in the middle of a paragraph that crosses them."""
    parts = document.meta.page_label.parts
    label = "".join(
        re.escape(part) if index % 2 == 0 else r"\d+" for index, part in enumerate(parts)
    )
    header = " ".join(document.meta.running_header.split())
    return "\n".join(
        line
        for line in pdf_text(path).splitlines()
        if " ".join(line.split()) != header and not re.fullmatch(label, line.strip())
    )


def render(planned: PlannedDocument, root: Path, fmt: str, out: Path) -> Path:
    path = out / f"{planned.stem.replace('/', '-')}.{fmt}"
    path.write_bytes(get_format(fmt).renderer(root, STAMP).render(planned.document))
    return path


@pytest.fixture(scope="module")
def feature_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("parity") / "course"
    for rel, text in {
        "course.yaml": "title: Parity course\ncode: IR 100\nterm: Spring 2027\n"
        "instructor: Dr Parity\nbuiltin_glossary: false\n",
        "glossary.yaml": GLOSSARY,
        "articles/every.md": ARTICLE,
        "lessons/every.yaml": LESSON,
        "lessons/bare.yaml": "title: A lesson without terms\nreadings:\n  - article: every\n"
        "    excerpts: [{paragraphs: 3}]\nglossary: {auto: false}\n",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def documents_of(root: Path, publish: bool = True) -> list[PlannedDocument]:
    """The documents of a build and (with `publish`) of `publish`, but its package, which no
    page format renders."""
    course = open_course(root)
    assert course.errors == [], course.errors
    built = planned_documents(course, sorted(course.lessons), whole_course=True)
    if not publish:
        return built
    published = [p for p in published_documents(course) if p.document.kind in PAGE_KINDS]
    return built + [p for p in published if p.stem not in {b.stem for b in built}]


def test_the_feature_course_exercises_every_field(feature_course: Path) -> None:
    """Every optional field is set in some document, so the parity walk covers all of them."""
    documents = [p.document for p in documents_of(feature_course)]
    seen: set[str] = set()

    def collect(value: Any, owner: str) -> None:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            for item in dataclasses.fields(value):
                inner = getattr(value, item.name)
                if inner not in (None, (), ""):
                    seen.add(f"{type(value).__name__}.{item.name}")
                collect(inner, type(value).__name__)
        elif isinstance(value, tuple):
            for element in value:
                collect(element, owner)

    for document in documents:
        collect(document, "Document")
    expected = {
        f"{cls.__name__}.{f.name}"
        for cls in (Document, *_view_classes())
        for f in dataclasses.fields(cls)
        if f.name not in NOT_PRINTED and f.name != "meta"
    }
    assert expected - seen == set()


def _view_classes() -> Iterator[type]:
    from coursegen.documents import model

    yield from (
        model.ExcerptView,
        model.PassageView,
        model.QuestionView,
        model.TermView,
        model.ReadingGroup,
        model.ReadingView,
    )


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_every_printed_string_is_in_both_formats_in_order(
    feature_course: Path, tmp_path: Path, fmt: str
) -> None:
    for planned in documents_of(feature_course):
        path = render(planned, feature_course, fmt, tmp_path)
        text = pdf_body(path, planned.document) if fmt == "pdf" else docx_text(path)
        pieces = printed(planned.document)
        assert len(pieces) >= 4
        assert missing_in_order(pieces, text) == [], planned.stem


def test_the_sample_course_says_the_same_in_both_formats(sample_build: Path) -> None:
    for planned in documents_of(REPO, publish=False):
        pieces = printed(planned.document)
        for fmt in ("pdf", "docx"):
            path = sample_build / f"{planned.stem}.{fmt}"
            text = pdf_body(path, planned.document) if fmt == "pdf" else docx_text(path)
            assert missing_in_order(pieces, text) == [], (planned.stem, fmt)


# --- the test fails when a renderer drops a field -------------------------------------------

TEMPLATE_MUTATIONS = {
    "summary": ("handout-body.html", "{{ introduction(doc) }}", "handout", None),
    "excerpt note": (
        "macros.html",
        '{% if item.note %}<p class="note"{% if item.note_language %} lang="{{ item.note_language }}"'
        "{{ item.note_language | dir_attribute(around) }}{% endif %}>{{ item.note }}</p>{% endif %}",
        "handout",
        "",
    ),
    "section heading": (
        "macros.html",
        "{% if passage.heading %}",
        "handout",
        "{% if false %}",
    ),
    "question notes": (
        "questions-instructor.html",
        "{% if q.notes %}",
        "questions-instructor",
        "{% if false %}",
    ),
    "expansion": ("glossary-body.html", "{% if t.expansion %}", "glossary", "{% if false %}"),
    "see also": (
        "glossary-body.html",
        '{% if t.see %}<p class="see"{{ doc | labels_attributes }}>{{ t.see }}</p>{% endif %}',
        "glossary",
        "",
    ),
}


@pytest.mark.parametrize("mutation", sorted(TEMPLATE_MUTATIONS))
def test_parity_fails_when_the_pdf_drops_a_field(
    feature_course: Path, tmp_path: Path, mutation: str
) -> None:
    name, old, document, new = TEMPLATE_MUTATIONS[mutation]
    source = (REPO / "src/coursegen/templates" / name).read_text(encoding="utf-8")
    if new is None:  # drop the summary: an override of the whole content block
        source = source.replace("{{ introduction(doc) }}", "").replace(
            '{% from "macros.html" import introduction, excerpt %}',
            '{% from "macros.html" import excerpt %}',
        )
    else:
        assert old in source
        source = source.replace(old, new)
    root = tmp_path / "course"
    shutil.copytree(feature_course, root)
    (root / "templates").mkdir()
    (root / "templates" / name).write_text(source, encoding="utf-8")
    planned = next(p for p in documents_of(root) if p.stem == "every/" + document)
    text = pdf_body(render(planned, root, "pdf", tmp_path), planned.document)
    assert missing_in_order(printed(planned.document), text) != []


def _patch_para(monkeypatch: pytest.MonkeyPatch, skip: Callable[[str, str], bool]) -> None:
    original = layout.BodyWriter.para

    def para(self: layout.BodyWriter, text: str = "", style: str = "Normal") -> Any:
        if skip(text, style):
            text = ""
        return original(self, text, style)

    monkeypatch.setattr(layout.BodyWriter, "para", para)


DOCX_DROPS: dict[str, tuple[str, Callable[[str, str], bool]]] = {
    "summary": ("handout", lambda text, style: style == "Summary"),
    "excerpt note": ("handout", lambda text, style: style == "Excerpt Note"),
    "section heading": ("handout", lambda text, style: style == "Section Heading"),
    "question notes": (
        "questions-instructor",
        lambda text, style: style == "Instructor Notes" and text.startswith("Instructor notes"),
    ),
    "see also": ("glossary", lambda text, style: text.startswith("See also")),
}


@pytest.mark.parametrize("mutation", sorted(DOCX_DROPS))
def test_parity_fails_when_the_docx_drops_a_field(
    feature_course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mutation: str
) -> None:
    document, skip = DOCX_DROPS[mutation]
    _patch_para(monkeypatch, skip)
    planned = next(p for p in documents_of(feature_course) if p.stem == "every/" + document)
    text = docx_text(render(planned, feature_course, "docx", tmp_path))
    assert missing_in_order(printed(planned.document), text) != []
