"""Pagination (issue 11 items 2 and 5): page breaks keep things together in the PDF (checked by
tests/pagecheck.py on the built test courses, and shown to find what a bad layout separates), the
DOCX asks Word for the same, and an article is cited once per run of its excerpts."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from coursegen import open_course
from coursegen.documents import planned_documents
from coursegen.render import get_format
from pagecheck import Layout, Line, Node, Run, problems, read_layout

from conftest import REPO, MakeCourse, shared_course_build

LONG = REPO / "tests" / "courses" / "long"

# A layout that separates everything the built-in one keeps together (forced breaks win over
# 'avoid'), and hyphenates key terms again.
BAD_CSS = """\
.doc-header { break-after: page; }
.excerpt .note { break-after: page; }
.citation { break-before: page; }
.glossary .entry .where { break-before: page; }
.term { hyphens: auto; }
"""


@pytest.fixture(scope="session")
def long_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/courses/long built in both formats once for the session (read-only)."""
    return shared_course_build(tmp_path_factory, "long-build", LONG)[0]


def _problems(output: Path) -> list[str]:
    from pagecheck import check

    return [problem for pdf in sorted(output.rglob("*.pdf")) for problem in check(pdf)]


@pytest.mark.render
def test_the_long_handout_has_15_pages_and_nothing_separated(long_build: Path) -> None:
    assert len(PdfReader(long_build / "01-long-reading" / "handout.pdf").pages) >= 15
    assert _problems(long_build) == []


@pytest.mark.render
def test_the_sample_course_has_nothing_separated(sample_build: Path) -> None:
    assert _problems(sample_build) == []


@pytest.mark.render
def test_the_multilingual_course_has_nothing_separated(multilingual_build: Path) -> None:
    assert _problems(multilingual_build) == []


@pytest.mark.render
def test_the_checker_finds_what_a_bad_layout_separates(tmp_path: Path) -> None:
    """The long course's handout and lesson glossary (what the checks below are about), made
    by the PDF renderer a build uses, with a layout that separates everything."""
    root = tmp_path / "course"
    shutil.copytree(LONG, root)
    (root / "templates").mkdir()
    (root / "templates" / "custom.css").write_text(BAD_CSS)
    renderer = get_format("pdf").renderer(root, dt.datetime(2000, 1, 1))
    for planned in planned_documents(open_course(root), ["01-long-reading"], False):
        if planned.stem.endswith(("/handout", "/glossary")):
            path = tmp_path / "output" / f"{planned.stem}.pdf"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(renderer.render(planned.document))
    found = "\n".join(_problems(tmp_path / "output"))
    for what in (
        "handout.pdf: page 1: nearly empty",
        "excerpt note at the foot, its passages overleaf (The opening of the essay",
        "source line at the top, its excerpt ends on page",
        "glossary.pdf: page 2: glossary entry split across pages (Additional Protocol)",
        "a line stretched across the column ('tion of 2015, negotiated with the P5+1,')",
    ):
        assert what in found, what


# Synthetic layouts for what no CSS of coursegen's can force: one paragraph or one question.
def _paragraph(lines: list[tuple[int, float, str]]) -> Layout:
    """A document of one excerpt paragraph, a line per (page, baseline, text)."""
    runs = {(page, i): Run(text, 90.0, y, 10.0) for i, (page, y, text) in enumerate(lines)}
    paragraph = Node("P", list(runs))
    pages = max(page for page, _, _ in lines) + 1
    return Layout(runs, [[] for _ in range(pages)], [842.0] * pages, Node("Document", [paragraph]))


def test_an_orphan_a_widow_and_a_number_without_its_paragraph_are_found() -> None:
    full = "a line of a paragraph with many words on it, justified across"
    orphan = _paragraph([(0, 770, "¶4 " + full), (1, 80, full), (1, 95, full), (1, 110, "end.")])
    assert len(problems(orphan)) == 1
    assert problems(orphan)[0][1].startswith("first line of a paragraph alone at the foot (¶4 a")
    widow = _paragraph([(0, 740, full), (0, 755, full), (0, 770, full), (1, 80, "end.")])
    assert problems(widow)[0][1].startswith("last line of a paragraph alone at the top")
    number = _paragraph([(0, 770, "¶4"), (1, 80, full), (1, 95, full), (1, 110, "end.")])
    assert (0, "¶4 at the foot, its paragraph overleaf") in problems(number)
    kept = _paragraph([(0, 755, "¶4 " + full), (0, 770, full), (1, 80, full), (1, 95, "end.")])
    assert problems(kept) == []


def test_a_question_whose_answer_lines_are_overleaf_is_found() -> None:
    runs = {(0, 0): Run("1. Why?", 90.0, 100.0, 10.0), (0, 1): Run("Last?", 90.0, 760.0, 10.0)}
    root = Node("Document", [Node("LBody", [(0, 0)]), Node("LBody", [(0, 1)])])
    top_of_next = [(62.0, 300.0)]
    foot = Layout(runs, [[(90.0, 400.0), (750.0, 770.0)], top_of_next], [842.0] * 2, root)
    assert (0, "a question at the foot, its answer lines overleaf") in problems(foot)
    split = Layout(runs, [[(90.0, 400.0), (750.0, 780.0)], top_of_next], [842.0] * 2, root)
    assert (0, "a question's answer space split across pages, though it fits on one") in (
        problems(split)
    )


def test_a_line_is_read_whole_from_its_runs() -> None:
    layout = _paragraph([(0, 100, "¶1 "), (0, 100.5, "First"), (0, 115, "second")])
    assert [line.text for line in layout.lines(layout.root.kids[0])] == [  # type: ignore[arg-type]
        "¶1 First",
        "second",
    ]
    assert isinstance(layout.lines(layout.root.kids[0])[0], Line)  # type: ignore[arg-type]


@pytest.mark.render
def test_a_built_pdf_is_read_with_positions(sample_build: Path) -> None:
    layout = read_layout(sample_build / "01-reset-crisis-of-trust" / "questions.pdf")
    assert layout.answers[0], "the answer areas of the first page"
    assert all(0 < run.y < layout.heights[page] for (page, _), run in layout.runs.items())


# Item 5: the model cites an article once per run of its excerpts.
TWO_ARTICLES = {
    "articles/other.md": "---\ntitle: Another article\ndate: 2010-01-01\n---\n\nOne.\n\nTwo.\n",
    "lessons/l.yaml": """\
title: A lesson
readings:
  - article: test-article
    excerpts: [{paragraphs: 1}, {paragraphs: 2}, {paragraphs: 3}]
  - article: other
  - article: test-article
    excerpts: [{paragraphs: 2}]
questions:
  - question: Compare.
    excerpts: [B, C, D, E]
""",
}


def test_consecutive_excerpts_of_one_article_cite_it_once(make_course: MakeCourse) -> None:
    opened = open_course(make_course(TWO_ARTICLES))
    documents = {p.stem: p.document for p in planned_documents(opened, ["l"], False)}
    sources = [e.source for e in documents["l/handout"].excerpts]
    full = "Source: A. Writer, “A test article”, The Test Times, 6 July 2009."
    assert sources == [
        full,
        "Source: as Excerpt A.",
        "Source: as Excerpt A.",
        "Source: “Another article”, 1 January 2010.",
        full,  # after another article's excerpt, in full again
    ]
    cited = documents["l/questions-instructor"].questions[0].excerpts
    assert [e.source for e in cited] == [full, "Source: as Excerpt B.", sources[3], full]


@pytest.mark.render
def test_the_docx_keeps_what_the_pdf_keeps(long_build: Path) -> None:
    handout = open_docx(str(long_build / "01-long-reading" / "handout.docx"))
    paragraphs = handout.paragraphs
    for before, citation in itertools.pairwise(paragraphs):
        if citation.style is not None and citation.style.name == "Citation":
            assert before.paragraph_format.keep_with_next, before.text
    styles = handout.styles
    assert styles["Excerpt Note"].paragraph_format.keep_with_next
    assert styles["Excerpt"].paragraph_format.widow_control
    assert styles["Citation"].paragraph_format.keep_together
    glossary = open_docx(str(long_build / "01-long-reading" / "glossary.docx")).paragraphs
    entry: list[bool] = []
    for paragraph in glossary:
        name = paragraph.style.name if paragraph.style is not None else ""
        if name == "Glossary Term" and entry:
            assert entry[:-1] == [True] * (len(entry) - 1) and not entry[-1]
            entry = []
        if name.startswith("Glossary"):
            entry.append(bool(paragraph.paragraph_format.keep_with_next))
