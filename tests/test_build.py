"""`coursegen build` on the sample course: every file, opened as a reader would open it."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from coursegen.content.course import load_course
from coursegen.content.textnorm import fold

from conftest import REPO
from pdfcheck import docx_text, embedded_fonts, pdf_text, squash, structure

pytestmark = pytest.mark.render

SAMPLE = load_course(REPO)
LESSONS = sorted(SAMPLE.lessons)
NAMES = ("handout", "questions", "questions-instructor", "glossary")


def test_the_sample_course_is_sound() -> None:
    assert SAMPLE.errors == []
    assert len(LESSONS) >= 3


def test_every_lesson_gets_eight_files_and_the_course_a_glossary(sample_build: Path) -> None:
    for lesson in LESSONS:
        for name in NAMES:
            for fmt in ("pdf", "docx"):
                assert (sample_build / lesson / f"{name}.{fmt}").stat().st_size > 1000
    assert (sample_build / "glossary.pdf").is_file()
    assert (sample_build / "glossary.docx").is_file()


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_handout_docx_uses_word_styles_and_article_numbering(
    sample_build: Path, lesson_id: str
) -> None:
    lesson = SAMPLE.lessons[lesson_id]
    document = docx.Document(str(sample_build / lesson_id / "handout.docx"))
    styles = [p.style.name for p in document.paragraphs]
    assert styles[2] == "Title" and document.paragraphs[2].text == lesson.title
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[-1] == "Questions for discussion"
    assert [h for h in headings if h.startswith("Excerpt ")] == [
        f"Excerpt {e.id}" for e in lesson.excerpts
    ]
    passages = [p.text for p in document.paragraphs if p.style.name == "Excerpt"]
    assert len(passages) == sum(len(e.passages) for e in lesson.excerpts)
    for text, passage in zip(
        passages, (p for e in lesson.excerpts for p in e.passages), strict=True
    ):
        number, body = text.split("\t", 1)
        assert number == f"¶{passage.number}"
        article_text = (
            next(e.article for e in lesson.excerpts if passage in e.passages)
            .paragraph(passage.number)
            .text
        )
        assert fold(body.strip("… ")) in fold(article_text)
    questions = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert [q.split(" (Excerpt")[0] for q in questions] == [q.text for q in lesson.questions]


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_handout_marks_each_glossary_term_once_in_bold(sample_build: Path, lesson_id: str) -> None:
    lesson = SAMPLE.lessons[lesson_id]
    found = [u for u in lesson.glossary if u.occurrences]
    document = docx.Document(str(sample_build / lesson_id / "handout.docx"))
    marked = [r for p in document.paragraphs for r in p.runs if r.style.name == "Key Term"]
    assert len(marked) == len(found)
    assert all(r.style.font.bold for r in marked)
    for run in marked:
        entry = SAMPLE.glossary.lookup(run.text)
        assert entry is not None and entry.term in {u.entry.term for u in found}, run.text


def test_docx_has_metadata_language_and_page_fields(sample_build: Path) -> None:
    document = docx.Document(str(sample_build / LESSONS[0] / "handout.docx"))
    props = document.core_properties
    assert props.title == f"{SAMPLE.lessons[LESSONS[0]].title} — Handout"
    assert props.author == SAMPLE.settings.instructor
    assert props.language == "en"
    footer = document.sections[0].footer._element.xml
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer
    assert document.sections[0].header.paragraphs[0].text.endswith(SAMPLE.lessons[LESSONS[0]].title)
    assert round(document.sections[0].page_width.inches, 2) == 8.5


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_student_questions_never_contain_instructor_notes(
    sample_build: Path, lesson_id: str
) -> None:
    lesson = SAMPLE.lessons[lesson_id]
    notes = [q.notes for q in lesson.questions if q.notes]
    assert notes, "the sample lessons carry instructor notes"
    student = {
        "pdf": squash(pdf_text(sample_build / lesson_id / "questions.pdf")),
        "docx": squash(docx_text(sample_build / lesson_id / "questions.docx")),
        "handout": squash(pdf_text(sample_build / lesson_id / "handout.pdf")),
    }
    instructor = squash(pdf_text(sample_build / lesson_id / "questions-instructor.pdf"))
    for note in notes:
        assert squash(note) in instructor
        for name, text in student.items():
            assert squash(note)[:60] not in text, name
    for question in lesson.questions:
        assert squash(question.text) in student["pdf"]
        assert squash(question.text) in student["docx"]


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_instructor_edition_has_levels_minutes_total_and_cited_text(
    sample_build: Path, lesson_id: str
) -> None:
    lesson = SAMPLE.lessons[lesson_id]
    text = pdf_text(sample_build / lesson_id / "questions-instructor.pdf")
    total = sum(q.minutes or 0 for q in lesson.questions)
    assert f"{total} minutes in all" in text
    flat = squash(text)
    for question in lesson.questions:
        if question.level:
            assert question.level.capitalize() in text
        for cited in question.excerpts:
            for passage in lesson.excerpt(cited).passages:
                assert squash(passage.text) in flat


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_pdf_is_tagged_titled_letter_sized_with_fonts_embedded(
    sample_build: Path, lesson_id: str
) -> None:
    path = sample_build / lesson_id / "handout.pdf"
    reader = PdfReader(path)
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None
    assert reader.metadata.title == f"{SAMPLE.lessons[lesson_id].title} — Handout"
    assert b"pdfuaid:part" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert 1 <= len(reader.pages) <= 6
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)
    kinds, languages = structure(path)
    assert kinds["/H1"] == 1 and kinds["/H2"] >= len(SAMPLE.lessons[lesson_id].excerpts)
    assert kinds["/P"] > 5 and kinds.get("/L", 0) >= 1
    assert "en" in languages
    fonts = embedded_fonts(path)
    assert fonts and all(fonts.values()), fonts
    assert any("Noto-Serif" in f for f in fonts)


def test_pdf_pages_have_running_header_and_page_n_of_m(sample_build: Path) -> None:
    lesson_id = LESSONS[0]
    path = sample_build / lesson_id / "questions-instructor.pdf"
    pages = len(PdfReader(path).pages)
    assert pages >= 2
    text = pdf_text(path)
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in text
    header = f"{SAMPLE.settings.code} · {SAMPLE.settings.title} · {SAMPLE.lessons[lesson_id].title}"
    assert (
        text.count(header) == pages - 1
    )  # every page but the first, which has the full title block


def test_course_glossary_lists_every_lesson_term_with_its_lessons(sample_build: Path) -> None:
    text = squash(pdf_text(sample_build / "glossary.pdf"))
    word = docx.Document(str(sample_build / "glossary.docx"))
    terms = [p.text.split(" (")[0] for p in word.paragraphs if p.style.name == "Glossary Term"]
    expected = {u.entry.term for lesson in SAMPLE.lessons.values() for u in lesson.glossary}
    assert set(terms) == expected
    assert terms == sorted(terms, key=lambda t: re.sub(r"\W|_", "", t.casefold().replace("é", "e")))
    for term in expected:
        assert squash(term) in text


def test_docx_prints_only_the_course_line_in_capitals(sample_build: Path) -> None:
    document = docx.Document(str(sample_build / LESSONS[0] / "handout.docx"))
    course, meta = document.paragraphs[0], document.paragraphs[1]
    assert (course.style.name, meta.style.name) == ("Course Line", "Meta Line")
    assert course.style.font.all_caps is True
    assert not meta.style.font.all_caps and not meta.style.base_style.font.all_caps
    assert meta.text == "Week 5 · 10 February 2027"
