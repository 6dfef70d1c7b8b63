"""What `coursegen build` promises: reproducible, overridable, safe, nothing lost."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from coursegen.cli import main
from coursegen.render.weasy import FolderFetcher

from conftest import ARTICLE, MakeCourse, snapshot
from pdfcheck import docx_text, embedded_fonts, pdf_text, squash, structure

pytestmark = pytest.mark.render


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def test_building_twice_gives_byte_identical_files(make_course: MakeCourse, tmp_path: Path) -> None:
    root = make_course({})
    assert run("build", "--course", str(root), "--out", str(tmp_path / "one"), "-j", "1")[0] == 0
    assert run("build", "--course", str(root), "--out", str(tmp_path / "two"), "-j", "2")[0] == 0
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert len([n for n in one if not n.startswith(".")]) == 10
    assert one == two


def test_source_date_epoch_sets_the_document_dates(
    make_course: MakeCourse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    root = make_course({})
    assert run("build", "--course", str(root), "-j", "1")[0] == 0
    reader = PdfReader(root / "output/l/handout.pdf")
    assert reader.metadata is not None and reader.metadata["/CreationDate"] == "D:20231114221320Z"
    props = docx.Document(str(root / "output/l/handout.docx")).core_properties
    assert props.created is not None and props.created.isoformat().startswith("2023-11-14T22:13:20")


def test_a_course_template_overrides_and_extends_the_builtin(make_course: MakeCourse) -> None:
    root = make_course(
        {
            "templates/handout.html": (
                '{% extends "builtin/handout.html" %}\n'
                '{% block content %}<p class="banner">Read before Tuesday</p>{{ super() }}{% endblock %}\n'
            ),
            "templates/custom.css": ".banner { color: #900; }\n",
        }
    )
    assert run("build", "--course", str(root), "--format", "pdf", "-j", "1")[0] == 0
    text = pdf_text(root / "output/l/handout.pdf")
    assert "Read before Tuesday" in text
    assert "The first paragraph mentions START" in text  # the built-in content is still there
    assert "Read before Tuesday" not in pdf_text(root / "output/l/questions.pdf")


def test_article_text_is_printed_never_evaluated(make_course: MakeCourse) -> None:
    hostile = ARTICLE.replace(
        "The second paragraph:",
        'An <img src="http://example.invalid/x.png"> tag, {{ 7*7 }} and {% raw %} and &amp; stay text:',
    )
    root = make_course({"articles/test-article.md": hostile})
    assert run("build", "--course", str(root), "-j", "1")[0] == 0
    for text in (
        pdf_text(root / "output/l/handout.pdf"),
        docx_text(root / "output/l/handout.docx"),
    ):
        assert '<img src="http://example.invalid/x.png">' in text
        assert "{{ 7*7 }}" in text and "{% raw %}" in text and "&amp;" in text
        assert "49" not in text


def test_the_pdf_renderer_loads_nothing_from_outside_the_course(
    make_course: MakeCourse, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    root = make_course({"templates/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>'})
    (root / "templates" / "escape.css").symlink_to(secret)
    fetcher = FolderFetcher([root])
    assert fetcher.fetch((root / "templates/logo.svg").as_uri()).read().startswith(b"<svg")
    refused = [
        secret.as_uri(),
        (root / "templates" / "escape.css").as_uri(),  # a symlink that leads outside
        (root / "templates" / ".." / ".." / "secret.css").as_uri(),
        "file:///etc/passwd",
        "http://example.invalid/logo.png",
        "https://example.invalid/font.woff2",
        "ftp://example.invalid/x",
        "data:text/css,body{}",
    ]
    for url in refused:
        with pytest.raises(ValueError, match="coursegen"):
            fetcher.fetch(url)


def test_a_template_that_reaches_outside_gets_nothing(
    make_course: MakeCourse, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.css"
    outside.write_text('body::before { content: "LEAKED FROM OUTSIDE"; }')
    root = make_course(
        {
            "templates/handout.html": (
                '{% extends "builtin/handout.html" %}{% block head %}'
                f'<link rel="stylesheet" href="{outside.as_uri()}">'
                '<link rel="stylesheet" href="../outside.css">{% endblock %}'
            ),
        }
    )
    assert run("build", "--course", str(root), "--format", "pdf", "-j", "1")[0] == 0
    assert "LEAKED" not in pdf_text(root / "output/l/handout.pdf")


SCRIPTS = {
    "ru": ("Россия и США должны вместе управлять ожиданиями.", "Лавров"),
    "el": ("Η Ελλάδα και η Ευρωπαϊκή Ένωση συζητούν.", "Παπαδόπουλος"),
    "ar": ("تدعم الجامعة العربية مبادرة السلام العربية.", "وزير"),
    "he": ("ישראל והרשות הפלסטינית חזרו למשא ומתן.", "שר"),
}


@pytest.mark.parametrize("language", sorted(SCRIPTS))
def test_articles_in_other_scripts_render_with_real_glyphs(
    make_course: MakeCourse, language: str
) -> None:
    sentence, author = SCRIPTS[language]
    article = f"---\ntitle: {sentence}\nauthor: {author}\nlanguage: {language}\n---\n\n{sentence}\n\nНАТО\n"
    root = make_course({"articles/test-article.md": article})
    assert run("build", "--course", str(root), "-j", "1")[0] == 0
    path = root / "output/l/handout.pdf"
    assert squash(sentence) in squash(pdf_text(path))
    assert squash(sentence) in squash(docx_text(root / "output/l/handout.docx"))
    assert language in structure(path)[1]
    fonts = embedded_fonts(path)
    assert all(fonts.values()), fonts
    assert all("Noto" in name for name in fonts), fonts  # no fallback font drawing boxes
    assert b"\xef\xbf\xbd" not in pdf_text(path).encode()  # no replacement characters


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_size_follows_course_yaml(
    make_course: MakeCourse, paper: str, size: tuple[int, int]
) -> None:
    root = make_course(
        {"course.yaml": f"title: Test course\npaper: {paper}\nbuiltin_glossary: false\n"}
    )
    assert run("build", "--course", str(root), "-j", "1")[0] == 0
    for page in PdfReader(root / "output/l/handout.pdf").pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size
    section = docx.Document(str(root / "output/l/handout.docx")).sections[0]
    assert (round(section.page_width.pt), round(section.page_height.pt)) == size


def test_a_failing_lesson_is_reported_and_the_others_are_built(make_course: MakeCourse) -> None:
    root = make_course({"lessons/broken.yaml": "title: Broken\nreadings:\n  - article: nowhere\n"})
    code, out, err = run("build", "--course", str(root), "-j", "1")
    assert code == 1
    assert err == (
        "lessons/broken.yaml:3:14: error: unknown article 'nowhere'\n"
        "    hint: the articles are: test-article\n"
    )
    assert "    failed  lessons/broken.yaml\n" in out
    assert "built 8 files, 1 lesson failed in" in out
    assert (root / "output/l/handout.pdf").is_file()
    assert not (root / "output/broken").exists()
    assert not (
        root / "output/glossary.pdf"
    ).exists()  # the course glossary waits for a sound course


def test_building_named_lessons_builds_only_those(make_course: MakeCourse) -> None:
    root = make_course(
        {"lessons/other.yaml": "title: Other\nreadings:\n  - article: test-article\n"}
    )
    assert (
        run("build", "lessons/other.yaml", "--course", str(root), "--format", "docx", "-j", "1")[0]
        == 0
    )
    assert sorted(p.name for p in (root / "output").iterdir() if not p.name.startswith(".")) == [
        "other"
    ]
    assert sorted(p.name for p in (root / "output/other").iterdir()) == [
        "glossary.docx",
        "handout.docx",
        "questions-instructor.docx",
        "questions.docx",
    ]
    code, _, err = run("build", "lessons/nope.yaml", "--course", str(root))
    assert code == 2
    assert "no lesson 'lessons/nope.yaml'" in err


def test_an_interrupted_write_leaves_no_half_written_file(
    make_course: MakeCourse, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_course({})
    assert run("build", "--course", str(root), "--format", "docx", "-j", "1")[0] == 0
    before = snapshot(root / "output")

    def crash(source: str, target: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    result = CliRunner().invoke(
        main, ["build", "--course", str(root), "--format", "docx", "--force", "-j", "1"]
    )
    assert result.exit_code == 130 and result.stderr == (
        "interrupted: 0 files were built, the rest were not; run the build again to finish\n"
    )
    # old files intact, no .part files left behind, nor a journal of what it was to write
    assert snapshot(root / "output") == before


def test_a_hand_edited_output_is_kept_aside_not_overwritten(make_course: MakeCourse) -> None:
    root = make_course({})
    assert run("build", "--course", str(root), "--format", "docx", "-j", "1")[0] == 0
    edited = root / "output/l/handout.docx"
    edited.write_bytes(b"my own edits")
    code, _, err = run("build", "--course", str(root), "--format", "docx", "-j", "1")
    assert code == 0
    assert (
        err
        == "note: l/handout.docx had been changed by hand; your copy is kept as l/handout.edited.docx\n"
    )
    assert (root / "output/l/handout.edited.docx").read_bytes() == b"my own edits"
    title = [p.text for p in docx.Document(str(edited)).paragraphs if p.style.name == "Title"]
    assert title == ["A test lesson"]


def test_build_writes_only_inside_the_output_folder(make_course: MakeCourse) -> None:
    root = make_course({})
    before = snapshot(root)
    assert run("build", "--course", str(root), "-j", "1")[0] == 0
    after = snapshot(root)
    assert {k: v for k, v in after.items() if not k.startswith("output/")} == before


def test_a_reference_docx_supplies_the_styles(make_course: MakeCourse) -> None:
    import io

    reference = docx.Document()
    reference.styles["Normal"].font.name = "Georgia"
    reference.styles["Heading 1"].font.size = docx.shared.Pt(17)
    buffer = io.BytesIO()
    reference.save(buffer)
    root = make_course({"templates/reference.docx": buffer.getvalue()})
    assert run("build", "--course", str(root), "--format", "docx", "-j", "1")[0] == 0
    built = docx.Document(str(root / "output/l/handout.docx"))
    assert built.styles["Normal"].font.name == "Georgia"
    assert built.styles["Heading 1"].font.size == docx.shared.Pt(17)
    assert "Excerpt" in [s.name for s in built.styles]  # coursegen's own styles are added to it
