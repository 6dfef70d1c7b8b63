"""A real client opens every sample DOCX: LibreOffice converts each to PDF without error."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from coursegen import open_course
from coursegen.documents import planned_documents

from conftest import REPO
from pdfcheck import docx_text, libreoffice_to_pdf, pdf_text, squash

pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def converted(sample_build: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """Every sample DOCX converted to PDF by LibreOffice: {docx: pdf}."""
    tmp_path = tmp_path_factory.mktemp("libreoffice")
    documents = sorted(sample_build.rglob("*.docx"))
    assert len(documents) >= 4 * 3 + 1
    # One LibreOffice for all the files (starting it is most of the cost). Every lesson has a
    # handout.docx, so each file gets a name of its own first: 01-reset--handout.docx.
    staged = tmp_path / "docx"
    staged.mkdir()
    names: dict[Path, str] = {}
    for document in documents:
        name = document.relative_to(sample_build).as_posix().replace("/", "--")
        shutil.copyfile(document, staged / name)
        names[document] = Path(name).stem
    out = tmp_path / "pdf"
    result = libreoffice_to_pdf(
        [staged / f"{names[d]}.docx" for d in documents], out, tmp_path / "profile"
    )
    assert result.returncode == 0, result.stderr
    pdfs = {document: out / f"{names[document]}.pdf" for document in documents}
    for document, pdf in pdfs.items():
        assert pdf.is_file(), (document, result.stdout, result.stderr)
    return pdfs


def test_libreoffice_converts_every_sample_docx(converted: dict[Path, Path]) -> None:
    for document, pdf in converted.items():
        assert len(PdfReader(pdf).pages) >= 1, document
        title = next(line for line in pdf_text(pdf).splitlines() if line.strip())
        assert squash(title), document


RULE = re.compile(r"_{20,}")
QUESTION = re.compile(r"\s*(\d+)\.\s")


def ruled_lines(pdf: Path) -> dict[int, int]:
    """The number of ruled lines LibreOffice drew under each numbered question (the answer area's
    tab leaders come out as a line of underscores)."""
    layout = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    counts: dict[int, int] = {}
    question = page = asked_on = 0
    for line in layout.splitlines():
        page += line.count("\f")
        if RULE.fullmatch(line.strip(" \f")):
            counts[question] = counts.get(question, 0) + 1
            assert page == asked_on, (
                f"{pdf.name}: question {question} and a line of its answer area are on two pages"
            )
        elif (start := QUESTION.match(line.lstrip("\f"))) and int(start[1]) == question + 1:
            question += 1
            asked_on = page
    return counts


def rule_widths(pdf: Path) -> list[float]:
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [
        float(end) - float(start)
        for start, end in re.findall(r'xMin="([\d.]+)"[^>]*?xMax="([\d.]+)"[^>]*>_{20,}<', boxes)
    ]


def test_libreoffice_draws_every_ruled_answer_line(
    converted: dict[Path, Path], sample_build: Path
) -> None:
    """Word and LibreOffice draw one rule per line of a question's answer area (issues 10, 11)."""
    course = open_course(REPO)
    sheets = [
        p
        for p in planned_documents(course, sorted(course.lessons), whole_course=False)
        if p.document.kind == "questions"
    ]
    assert len(sheets) == 4
    for planned in sheets:
        pdf = converted[sample_build / f"{planned.stem}.docx"]
        expected = {q.number: q.answer_lines for q in planned.document.questions}
        assert all(lines >= 5 for lines in expected.values())
        assert ruled_lines(pdf) == expected, planned.stem
        widths = rule_widths(pdf)
        text_width = 612 - (24 + 20) * 72 / 25.4  # letter, the built-in margins
        assert len(widths) == sum(expected.values())
        assert min(widths) > 0.97 * text_width, planned.stem  # each rule spans the text width


def test_a_reference_docx_saved_by_libreoffice_works(tmp_path: Path) -> None:
    import warnings

    from click.testing import CliRunner

    from coursegen.cli import main

    from conftest import ARTICLE, COURSE, GLOSSARY, LESSON

    root = tmp_path / "course"
    for rel, text in {
        "course.yaml": COURSE,
        "glossary.yaml": GLOSSARY,
        "lessons/l.yaml": LESSON,
        "articles/test-article.md": ARTICLE,
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    assert (
        CliRunner()
        .invoke(main, ["build", "--course", str(root), "--format", "docx", "-j", "1"])
        .exit_code
        == 0
    )
    soffice = shutil.which("soffice")
    assert soffice
    saved = tmp_path / "saved"
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(saved),
            str(root / "output/l/handout.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    (root / "templates").mkdir()
    shutil.copy(saved / "handout.docx", root / "templates" / "reference.docx")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = CliRunner().invoke(
            main, ["build", "--course", str(root), "--format", "docx", "-j", "1"]
        )
    assert result.exit_code == 0, result.output
    assert "The first paragraph mentions START" in docx_text(root / "output/l/handout.docx")
