"""The DOCX files are structurally accessible (issue 10, item 4): headings that navigate, with no
level skipped; no empty paragraph used as space; one answer area per question; `w:lang` on every
run in another language than the document's; the document's title and language set."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree

from coursegen import open_course
from coursegen.documents import PlannedDocument, planned_documents
from coursegen.documents.model import Document, Span
from coursegen.render import get_format

from conftest import REPO

pytestmark = pytest.mark.render

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
STAMP = dt.datetime(2000, 1, 1)

ENGLISH = """\
---
title: The article of every feature
author: A. Writer
publication: The Test Times
date: 2009-07-06
---

The first paragraph mentions START and the Quartet.

## The section heading

The second paragraph, under a heading, on New START.

The third paragraph closes the article.
"""

RUSSIAN = """\
---
title: Перезагрузка и кризис доверия
author: С. Лавров
publication: Российская газета
date: 2009-11-03
language: ru
---

Первый абзац статьи о договоре СНВ.

## Раздел статьи

Второй абзац, под заголовком раздела.
"""

GLOSSARY = """\
- term: START
  expansion: Strategic Arms Reduction Treaty
  definition: A 1991 US–Soviet treaty that cut strategic arsenals.
- term: New START
  definition: The 2010 successor treaty between the US and Russia.
- term: Quartet
  case_sensitive: true
  definition: The UN, EU, US and Russia, working on the Middle East since 2002.
"""

LESSON = """\
title: Structure of every document
summary: A summary.
objectives:
  - Explain what START limited.
readings:
  - article: every
    excerpts:
      - paragraphs: 1-2
        note: A note.
  - article: russian
    excerpts:
      - paragraphs: 1-2
questions:
  - question: What did START limit?
    excerpts: [A]
    level: analyze
    minutes: 5
    notes: Notes.
  - question: What does the Russian article say under its section heading?
    excerpts: [B]
    minutes: 9
  - question: A question without minutes.
  - question: Что ограничивал договор СНВ?
    language: ru
    excerpts: [B]
"""


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("structure") / "course"
    for rel, text in {
        "course.yaml": "title: Structure course\ncode: IR 100\nbuiltin_glossary: false\n",
        "glossary.yaml": GLOSSARY,
        "articles/every.md": ENGLISH,
        "articles/russian.md": RUSSIAN,
        "lessons/every.yaml": LESSON,
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def planned(root: Path) -> list[PlannedDocument]:
    opened = open_course(root)
    assert opened.errors == [], opened.errors
    return planned_documents(opened, sorted(opened.lessons), whole_course=True)


def render(root: Path, document: Document) -> bytes:
    return get_format("docx").renderer(root, STAMP).render(document)


@pytest.fixture(scope="module")
def built(course: Path) -> dict[str, tuple[Document, bytes]]:
    """Every document of the course (lesson documents and the course glossary) as DOCX."""
    return {p.stem: (p.document, render(course, p.document)) for p in planned(course)}


def part(data: bytes, name: str) -> Any:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def body_paragraphs(data: bytes) -> list[Any]:
    return list(part(data, "word/document.xml").iterfind("w:body/w:p", NS))


def attr(element: Any, name: str) -> str | None:
    value = element.get(f"{{{W}}}{name}")
    return None if value is None else str(value)


class Styles:
    """The style part, resolved: each paragraph style's name and its outline level (inherited)."""

    def __init__(self, data: bytes) -> None:
        self.root = part(data, "word/styles.xml")
        self.by_id = {attr(s, "styleId"): s for s in self.root.iterfind("w:style", NS)}

    def name(self, style_id: str | None) -> str | None:
        style = self.by_id.get(style_id)
        found = None if style is None else style.find("w:name", NS)
        return None if found is None else attr(found, "val")

    def outline_level(self, style_id: str | None) -> int | None:
        seen: set[str | None] = set()
        while style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            level = style.find("w:pPr/w:outlineLvl", NS)
            if level is not None:
                value = int(attr(level, "val") or 9)
                return value if value < 9 else None  # 9 is body text
            based = style.find("w:basedOn", NS)
            style_id = None if based is None else attr(based, "val")
        return None

    def based_on(self, style_id: str | None) -> str | None:
        style = self.by_id.get(style_id)
        based = None if style is None else style.find("w:basedOn", NS)
        return None if based is None else self.name(attr(based, "val"))


def style_id(paragraph: Any) -> str | None:
    found = paragraph.find("w:pPr/w:pStyle", NS)
    return None if found is None else attr(found, "val")


def text(element: Any) -> str:
    return "".join(element.itertext())


def headings(data: bytes) -> list[tuple[int, str, str]]:
    """The (outline level, style name, text) of every heading paragraph, in order."""
    styles = Styles(data)
    found = []
    for paragraph in body_paragraphs(data):
        own = paragraph.find("w:pPr/w:outlineLvl", NS)
        level = (
            int(attr(own, "val") or 9)
            if own is not None
            else styles.outline_level(style_id(paragraph))
        )
        if level is not None and level < 9:
            found.append((level, styles.name(style_id(paragraph)) or "", text(paragraph)))
    return found


# --- headings ------------------------------------------------------------------------------


def test_section_headings_and_glossary_terms_are_headings(
    built: dict[str, tuple[Document, bytes]],
) -> None:
    levels = {
        "every/handout": {"Section Heading": 1},
        "every/questions-instructor": {"Cited Section Heading": 3},
        "every/glossary": {"Glossary Term": 0},
        "glossary": {"Glossary Term": 0},
    }
    for stem, expected in levels.items():
        found = headings(built[stem][1])
        for style, level in expected.items():
            matching = [h for h in found if h[1] == style]
            assert matching, (stem, style, found)
            assert {h[0] for h in matching} == {level}, (stem, style)
    handout = [h[2] for h in headings(built["every/handout"][1])]
    assert "The section heading" in handout and "Раздел статьи" in handout
    glossary = [h[2] for h in headings(built["every/glossary"][1])]
    assert [g.split(" (")[0] for g in glossary] == [
        t.term for t in built["every/glossary"][0].terms
    ]


def test_heading_styles_are_based_on_word_headings(
    built: dict[str, tuple[Document, bytes]],
) -> None:
    styles = Styles(built["every/handout"][1])
    ids = {styles.name(i): i for i in styles.by_id}
    for name, base in (
        ("Section Heading", "heading 2"),
        ("Cited Section Heading", "heading 4"),
        ("Glossary Term", "heading 1"),
    ):
        assert (styles.based_on(ids[name]) or "").casefold() == base, name


def test_no_heading_level_is_skipped(built: dict[str, tuple[Document, bytes]]) -> None:
    for stem, (_, data) in built.items():
        found = headings(data)
        previous = -1  # the Title is above Heading 1 (level 0)
        for level, style, words in found:
            assert level <= previous + 1, (stem, style, words, found)
            previous = level


def test_the_sample_course_has_no_skipped_heading_level(sample_build: Path) -> None:
    for path in sorted(sample_build.rglob("*.docx")):
        previous = -1
        for level, style, words in headings(path.read_bytes()):
            assert level <= previous + 1, (path, style, words)
            previous = level


# --- no empty paragraphs; the answer area ---------------------------------------------------

CONTENT = ("w:tab", "w:br", "w:drawing", "w:fldSimple", "w:object", "w:pict")


def empty_paragraphs(data: bytes) -> list[int]:
    return [
        index
        for index, paragraph in enumerate(body_paragraphs(data))
        if not text(paragraph).strip()
        and not any(paragraph.find(f".//{tag}", NS) is not None for tag in CONTENT)
    ]


def test_no_document_has_an_empty_paragraph(
    built: dict[str, tuple[Document, bytes]], sample_build: Path
) -> None:
    for stem, (_, data) in built.items():
        assert empty_paragraphs(data) == [], stem
    for path in sorted(sample_build.rglob("*.docx")):
        assert empty_paragraphs(path.read_bytes()) == [], path


def answer_areas(data: bytes) -> list[Any]:
    styles = Styles(data)
    return [p for p in body_paragraphs(data) if styles.name(style_id(p)) == "Answer Area"]


def test_one_answer_area_per_question_with_its_lines(
    built: dict[str, tuple[Document, bytes]],
) -> None:
    document, data = built["every/questions"]
    areas = answer_areas(data)
    assert len(areas) == len(document.questions) == 4
    for area, question in zip(areas, document.questions, strict=True):
        assert question.answer_lines >= 5
        assert len(area.findall(".//w:tab", NS)) == question.answer_lines
        assert len(area.findall(".//w:br", NS)) == question.answer_lines - 1
        assert not text(area).strip()
    for stem in ("every/handout", "every/questions-instructor", "every/glossary"):
        assert answer_areas(built[stem][1]) == [], stem


def test_the_answer_area_rules_its_lines_with_a_tab_leader_and_stays_with_its_question(
    built: dict[str, tuple[Document, bytes]],
) -> None:
    data = built["every/questions"][1]
    word = docx.Document(io.BytesIO(data))
    style = word.styles["Answer Area"]
    (stop,) = style.paragraph_format.tab_stops
    section = word.sections[0]
    assert section.page_width and section.left_margin and section.right_margin
    assert stop.position == section.page_width - section.left_margin - section.right_margin
    assert (stop.alignment.name, stop.leader.name) == ("RIGHT", "LINES")  # w:leader="underscore"
    assert style.paragraph_format.line_spacing_rule.name == "EXACTLY"
    assert style.paragraph_format.keep_together
    assert style.element.find(f"{{{W}}}pPr/{{{W}}}pBdr") is None  # borders merge (§17.3.1.7)
    paragraphs = word.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if paragraph.style.name == "Answer Area":
            before = paragraphs[index - 1]
            assert before.style.name in ("Question", "Question Reference")
            assert before.style.paragraph_format.keep_with_next, before.style.name
    assert "Answer Line" not in {p.style.name for p in paragraphs}


# --- languages -----------------------------------------------------------------------------


def languages(paragraph: Any) -> list[tuple[str, str | None, str | None, str | None]]:
    """(text, w:val, w:bidi, w:eastAsia) of each run of a paragraph."""
    runs: list[tuple[str, str | None, str | None, str | None]] = []
    for run in paragraph.iterfind(".//w:r", NS):
        lang = run.find("w:rPr/w:lang", NS)
        if lang is None:
            runs.append((text(run), None, None, None))
        else:
            runs.append((text(run), attr(lang, "val"), attr(lang, "bidi"), attr(lang, "eastAsia")))
    return runs


def paragraphs_with(data: bytes, words: str) -> list[Any]:
    return [p for p in body_paragraphs(data) if words in text(p)]


def test_a_foreign_excerpt_is_marked_and_its_labels_are_not(
    built: dict[str, tuple[Document, bytes]],
) -> None:
    data = built["every/handout"][1]
    (passage,) = paragraphs_with(data, "Первый абзац")
    runs = languages(passage)
    assert runs[0][0].startswith("¶") and runs[0][1] is None  # the ¶ number is a label
    assert {r[1] for r in runs[1:]} == {"ru"}
    assert all(r[2] is None and r[3] is None for r in runs)  # Cyrillic: neither bidi nor CJK
    (heading,) = paragraphs_with(data, "Раздел статьи")
    assert {r[1] for r in languages(heading)} == {"ru"}
    (label,) = [p for p in body_paragraphs(data) if text(p) == "Excerpt B"]
    assert {r[1] for r in languages(label)} == {None}
    english = paragraphs_with(data, "The first paragraph mentions")
    assert english and all(r[1] is None for p in english for r in languages(p))


def test_question_note_and_citation_title_in_another_language(
    built: dict[str, tuple[Document, bytes]], course: Path
) -> None:
    """The renderer marks whatever the model says is in another language (the model's contract:
    documents/model.py), here set on the model directly."""
    document = built["every/questions-instructor"][0]
    question = dataclasses.replace(
        document.questions[0],
        text="Что ограничивал договор СНВ?",
        language="ru",
        notes="ملاحظات المدرس",
        notes_language="ar",
        excerpts=tuple(
            dataclasses.replace(
                e,
                source="Source: A. Writer, “Перезагрузка,” The Test Times.",
                source_spans=(
                    Span("Source: A. Writer, “"),
                    Span("Перезагрузка", language="ru"),
                    Span(",” The Test Times."),
                ),
                note="一个注释",
                note_language="zh",
            )
            for e in document.questions[0].excerpts
        ),
    )
    data = render(course, dataclasses.replace(document, questions=(question,)))
    (asked,) = paragraphs_with(data, "Что ограничивал")
    assert languages(asked) == [("Что ограничивал договор СНВ?", "ru", None, None)]
    (notes,) = paragraphs_with(data, "ملاحظات")
    assert languages(notes) == [("Notes", None, None, None), ("ملاحظات المدرس", "ar", "ar", None)]
    (note,) = paragraphs_with(data, "一个注释")
    assert languages(note) == [("一个注释", "zh", None, "zh")]
    (source,) = paragraphs_with(data, "Перезагрузка")
    assert [(r[0], r[1]) for r in languages(source)][:3] == [
        ("Source: A. Writer, “", None),
        ("Перезагрузка", "ru"),
        (",” The Test Times.", None),
    ]
    (heading,) = [p for p in body_paragraphs(data) if text(p).startswith("Question 1")]
    assert {r[1] for r in languages(heading)} == {None}


def test_the_notes_label_is_in_the_notes_paragraph(
    built: dict[str, tuple[Document, bytes]],
) -> None:
    """Not a bold paragraph of its own, which would look like a heading that is not one."""
    word = docx.Document(io.BytesIO(built["every/questions-instructor"][1]))
    notes = [
        p for p in word.paragraphs if p.style is not None and p.style.name == "Instructor Notes"
    ]
    assert [p.text for p in notes] == ["Notes\nNotes."]
    assert notes[0].runs[0].style is not None and notes[0].runs[0].style.name == "Label"


def test_summary_objectives_and_terms_in_another_language(
    built: dict[str, tuple[Document, bytes]], course: Path
) -> None:
    handout = built["every/handout"][0]
    data = render(
        course,
        dataclasses.replace(
            handout,
            summary="Résumé de la leçon.",
            summary_language="fr",
            objectives=("Explain START.", "Объяснить договор."),
            objective_languages=(None, "ru"),
        ),
    )
    (summary,) = paragraphs_with(data, "Résumé")
    assert {r[1] for r in languages(summary)} == {"fr"}
    (first,) = paragraphs_with(data, "Explain START.")
    assert {r[1] for r in languages(first)} == {None}
    (second,) = paragraphs_with(data, "Объяснить")
    assert {r[1] for r in languages(second)} == {"ru"}
    glossary = built["every/glossary"][0]
    term = dataclasses.replace(glossary.terms[0], definition="Договор 1991 года.", language="ru")
    data = render(course, dataclasses.replace(glossary, terms=(term,)))
    (entry,) = [p for p in body_paragraphs(data) if text(p).startswith(term.term)]
    assert {r[1] for r in languages(entry)} == {"ru"}
    (definition,) = paragraphs_with(data, "Договор 1991")
    assert {r[1] for r in languages(definition)} == {"ru"}


def test_a_russian_question_and_a_cyrillic_citation_title_from_the_lesson_files(
    built: dict[str, tuple[Document, bytes]],
) -> None:
    """End to end: `language: ru` on a question, and the title of a Russian article in its
    citation, reach the runs of every document that prints them."""
    for stem in ("every/handout", "every/questions", "every/questions-instructor"):
        data = built[stem][1]
        (asked,) = paragraphs_with(data, "Что ограничивал")
        marked = [r for r in languages(asked) if "Что" in r[0]]
        assert marked and all(r[1] == "ru" for r in marked), stem
        assert all(r[1] is None for r in languages(asked) if "Excerpt" in r[0]), stem
    for stem in ("every/handout", "every/questions-instructor"):
        sources = paragraphs_with(built[stem][1], "Перезагрузка и кризис доверия")
        assert sources, stem
        for source in sources:
            runs = languages(source)
            title = [r for r in runs if "Перезагрузка" in r[0]]
            assert title and all(r[1] == "ru" for r in title), (stem, runs)
            assert all(r[1] is None for r in runs if "Source" in r[0]), (stem, runs)


# --- title, language and complex-script properties -------------------------------------------


@pytest.mark.parametrize("language", ["en", "ru", "ar", "zh"])
def test_title_and_document_language(course: Path, language: str) -> None:
    document = planned(course)[0].document
    meta = dataclasses.replace(document.meta, language=language)
    data = render(course, dataclasses.replace(document, meta=meta))
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.title == document.meta.title and props.language == language
    styles = part(data, "word/styles.xml")
    (default,) = styles.findall("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert attr(default, "val") == language
    assert (attr(default, "bidi") == "ar") == (language == "ar")
    assert (attr(default, "eastAsia") == "zh") == (language == "zh")
    normal = styles.find("w:style[@w:styleId='Normal']/w:rPr/w:lang", NS)
    assert normal is not None and attr(normal, "val") == language
    theme = part(data, "word/settings.xml").find("w:themeFontLang", NS)
    assert theme is not None and attr(theme, "val") == language


def test_every_style_sets_complex_script_twins_and_no_theme_font(
    built: dict[str, tuple[Document, bytes]],
) -> None:
    data = built["every/handout"][1]
    styles = part(data, "word/styles.xml")
    for rpr in styles.iterfind(".//w:rPr", NS):
        for latin, twin in (("b", "bCs"), ("i", "iCs"), ("sz", "szCs")):
            one, other = rpr.find(f"w:{latin}", NS), rpr.find(f"w:{twin}", NS)
            if one is not None:
                assert other is not None and attr(other, "val") == attr(one, "val"), etree.tostring(
                    rpr.getparent()
                ).decode()[:200]
    for style in styles.iterfind("w:style", NS):
        fonts = style.find("w:rPr/w:rFonts", NS)
        if fonts is not None and attr(fonts, "ascii"):
            assert not any(attr(fonts, a) for a in ("asciiTheme", "hAnsiTheme")), attr(
                style, "styleId"
            )


def test_the_sample_course_documents_have_their_title(sample_build: Path) -> None:
    titles = {p.stem: p.document.meta.title for p in planned(REPO)}
    for stem, title in titles.items():
        props = docx.Document(str(sample_build / f"{stem}.docx")).core_properties
        assert props.title == title and props.language == "en", stem


def test_a_reference_docx_restyles_the_headings_but_keeps_their_outline_level(
    course: Path, tmp_path: Path
) -> None:
    """A reference made before these styles were headings (plain bold paragraphs) still gives
    headings; its look (here 13 pt) is kept; the styles it lacks (Answer Area) are added."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    reference = docx.Document()
    for name in ("Section Heading", "Glossary Term"):
        style = reference.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = reference.styles["Normal"]
        style.font.bold = True
        style.font.size = Pt(13)
    root = tmp_path / "course"
    shutil.copytree(course, root)
    (root / "templates").mkdir()
    reference.save(str(root / "templates" / "reference.docx"))
    for document in (p.document for p in planned(root)):
        data = render(root, document)
        word = docx.Document(io.BytesIO(data))
        if document.kind == "handout":
            assert (1, "Section Heading", "The section heading") in headings(data)
            assert word.styles["Section Heading"].font.size == Pt(13)
        if document.kind == "glossary":
            assert {h[0] for h in headings(data) if h[1] == "Glossary Term"} == {0}
        if document.kind == "questions":
            assert len(answer_areas(data)) == len(document.questions)
