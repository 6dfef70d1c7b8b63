"""A real client opens every sample DOCX: LibreOffice converts each to PDF without error."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from pdfcheck import docx_text, pdf_text, squash

pytestmark = pytest.mark.render


def test_libreoffice_converts_every_sample_docx(sample_build: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (Debian's libreoffice-writer-nogui) is needed; .ci/run installs it"
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
    result = subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *(str(staged / f"{names[d]}.docx") for d in documents),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for document in documents:
        converted = out / f"{names[document]}.pdf"
        assert converted.is_file(), (document, result.stdout, result.stderr)
        assert len(PdfReader(converted).pages) >= 1, document
        title = next(line for line in pdf_text(converted).splitlines() if line.strip())
        assert squash(title), document


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
