"""The format registry: a new format is one module and one line; a format whose library is
missing fails alone, with one clear message; every file a renderer can read is fingerprinted."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from coursegen import BuildOptions, build, open_course
from coursegen.cli import main
from coursegen.render import REGISTRY

from conftest import MakeCourse, snapshot

LESSON_OUTPUTS = ("handout", "questions", "questions-instructor", "glossary")


def test_a_new_format_is_one_module_and_one_registry_line(
    make_course: MakeCourse, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_course({})
    monkeypatch.setitem(REGISTRY, "txt", "toyformat:ToyFormat")  # the one line
    options = BuildOptions(out_dir=root / "output", formats=("txt",))
    report = build(open_course(root), None, options)
    assert report.ok, report
    assert sorted(report.built) == sorted(
        [f"l/{name}.txt" for name in LESSON_OUTPUTS] + ["glossary.txt"]
    )
    handout = (root / "output/l/handout.txt").read_text(encoding="utf-8")
    assert "A test lesson" in handout and "Excerpt A" in handout
    # Through the same manifest: a second build is a no-op; its input file is fingerprinted.
    assert build(open_course(root), None, options).built == []
    (root / "templates").mkdir()
    (root / "templates/toy-header.txt").write_text("DRAFT", encoding="utf-8")
    rebuilt = build(open_course(root), None, options)
    assert len(rebuilt.built) == 5
    assert (root / "output/l/handout.txt").read_text(encoding="utf-8").startswith("DRAFT\n")


# coursegen's modules that import WeasyPrint: dropped too, so that each test imports them anew
# whatever the tests before it in this process imported
WEASYPRINT_USERS = tuple(
    f"coursegen.render.{name}" for name in ("weasy", "pdftext", "pdftags", "pdffonts")
)


@pytest.fixture
def no_weasyprint(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process, and workers forked from it, cannot import WeasyPrint (as without Pango)."""
    for name in list(sys.modules):
        if name.split(".")[0] == "weasyprint" or name.startswith(WEASYPRINT_USERS):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "weasyprint", None)


PDF_MISSING = (
    "error: no PDF files were made: PDF needs WeasyPrint and the Pango library, which could "
    "not be loaded (import of weasyprint halted; None in sys.modules); install them (see "
    "docs/user-guide.md, 'Installing coursegen') or build Word files only with --format docx\n"
)


@pytest.mark.render
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_docx_build_needs_no_weasyprint(
    make_course: MakeCourse, no_weasyprint: None, jobs: str
) -> None:
    root = make_course({})
    result = CliRunner().invoke(
        main, ["build", "--course", str(root), "--format", "docx", "-j", jobs]
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    built = {p for p in snapshot(root / "output") if p.endswith(".docx")}
    assert built == {f"l/{name}.docx" for name in LESSON_OUTPUTS} | {"glossary.docx"}


@pytest.mark.render
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_without_weasyprint_docx_is_built_and_pdf_explained_once(
    make_course: MakeCourse, no_weasyprint: None, jobs: str
) -> None:
    root = make_course({})
    result = CliRunner().invoke(main, ["build", "--course", str(root), "-j", jobs])
    assert result.exit_code == 1
    assert result.stderr == PDF_MISSING
    assert result.stdout.splitlines()[-1].startswith("built 5 files, 5 not made in ")
    files = snapshot(root / "output")
    assert not any(name.endswith(".pdf") for name in files)
    assert sum(name.endswith(".docx") for name in files) == 5


@pytest.mark.render
def test_changing_an_image_a_template_uses_rebuilds_the_pdfs(make_course: MakeCourse) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect fill="{}" width="10" height="10"/></svg>'
    handout = (
        '{% extends "builtin/handout.html" %}{% block heading %}'
        '<img src="templates/images/logo.svg" alt="Logo"> {{ super() }}{% endblock %}'
    )
    root = make_course(
        {"templates/handout.html": handout, "templates/images/logo.svg": svg.format("red")}
    )
    options = BuildOptions(out_dir=root / "output", jobs=1)
    assert build(open_course(root), ["l"], options).ok
    before = (root / "output/l/handout.pdf").read_bytes()
    (root / "templates/images/logo.svg").write_text(svg.format("blue"), encoding="utf-8")
    report = build(open_course(root), ["l"], options)
    assert sorted(report.built) == sorted(f"l/{name}.pdf" for name in LESSON_OUTPUTS)
    assert (root / "output/l/handout.pdf").read_bytes() != before
