"""The source line under each excerpt in a citation style (course.yaml `citation_style:`): in the
document model, and in the built DOCX and PDF, words and italics both."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from coursegen.builder import source_timestamp
from coursegen.content.course import load_course
from coursegen.documents.lesson import lesson_documents
from coursegen.documents.model import Span
from coursegen.render import get_format

from conftest import REPO
from pdfcheck import pdf_text

LESSON = "01-reset-crisis-of-trust"
TITLE = "“Sergey Lavrov: Now Is the Time for Russia and the US to Cease to Be Adversaries.”"
PUBLICATION = "The Independent (First Published in Newsweek)"


def _course(root: Path, style: str | None) -> Path:
    for name in ("articles", "lessons"):
        shutil.copytree(REPO / name, root / name)
    for name in ("glossary.yaml", "excerpts.lock"):
        shutil.copy(REPO / name, root / name)
    text = (REPO / "course.yaml").read_text(encoding="utf-8")
    (root / "course.yaml").write_text(
        text + (f"citation_style: {style}\n" if style else ""), encoding="utf-8"
    )
    return root


def _first_source(root: Path) -> tuple[Span, ...]:
    course = load_course(root)
    lesson = course.lessons[LESSON]
    return lesson_documents(course.settings, lesson)["handout"].excerpts[0].source_spans


def test_without_a_style_the_source_line_is_unchanged(tmp_path: Path) -> None:
    spans = _first_source(_course(tmp_path, None))
    assert "".join(s.text for s in spans) == (
        "Source: Sergey Lavrov, “Sergey Lavrov: Now is the time for Russia and the US to cease "
        "to be adversaries”, The Independent (first published in Newsweek), 6 July 2009."
    )
    assert not any(s.italic for s in spans)


@pytest.mark.parametrize(
    ("style", "text", "italic"),
    [
        (
            "chicago-author-date",
            f"Source: Lavrov, Sergey. 2009. {TITLE} {PUBLICATION}, July 6.",
            PUBLICATION,
        ),
        (
            "apa",
            "Source: Lavrov, S. (2009, July 6). Sergey Lavrov: Now is the time for Russia and "
            "the US to cease to be adversaries. The Independent (First Published in Newsweek).",
            PUBLICATION,
        ),
        (
            "mla",
            f"Source: Lavrov, Sergey. {TITLE} {PUBLICATION}, 6 July 2009.",
            PUBLICATION,
        ),
    ],
)
def test_the_source_line_is_the_entry_in_the_style(
    tmp_path: Path, style: str, text: str, italic: str
) -> None:
    spans = _first_source(_course(tmp_path, style))
    assert "".join(s.text for s in spans) == text
    assert [s.text for s in spans if s.italic] == [italic]
    assert spans[0].text.startswith("Source: ") and not spans[0].italic


@pytest.mark.render
def test_built_docx_and_pdf_print_the_styled_source_line_with_italics(tmp_path: Path) -> None:
    root = _course(tmp_path, "chicago-author-date")
    # the handout, rendered as a build renders it (workers.py: each format's renderer, made with
    # the course folder and the source timestamp), without the lesson's three other documents
    course = load_course(root)
    handout = lesson_documents(course.settings, course.lessons[LESSON])["handout"]
    output = root / "output" / LESSON
    output.mkdir(parents=True)
    for fmt in ("docx", "pdf"):
        renderer = get_format(fmt).renderer(root, source_timestamp())
        (output / f"handout.{fmt}").write_bytes(renderer.render(handout))
    docx = open_docx(str(output / "handout.docx"))
    line = next(p for p in docx.paragraphs if p.text.startswith("Source: Lavrov, Sergey."))
    assert line.text == f"Source: Lavrov, Sergey. 2009. {TITLE} {PUBLICATION}, July 6."
    assert [r.text for r in line.runs if r.italic] == [PUBLICATION]
    text = " ".join(pdf_text(output / "handout.pdf").split())
    assert f"Source: Lavrov, Sergey. 2009. {TITLE}" in text
    fonts: dict[str, str] = {}  # each piece of the source line's text, and its font

    def visit(
        text: str, cm: object, tm: object, font: dict[str, object] | None, size: object
    ) -> None:
        if text.strip() and font:
            fonts[text.strip()] = str(font.get("/BaseFont"))

    PdfReader(output / "handout.pdf").pages[0].extract_text(visitor_text=visit)
    label = next(font for text, font in fonts.items() if text.startswith("Source: Lavrov"))
    publication = [font for text, font in fonts.items() if "Newsweek)" in text]
    assert "Italic" not in label
    assert publication and all("Italic" in font for font in publication)
