"""Incremental builds: each kind of input change rebuilds what depends on it, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

import coursegen
import coursegen.builder as build_module
from coursegen.builder import BuildOptions, BuildReport, build
from coursegen.content.course import load_course

from conftest import MakeCourse

SECOND = "title: Second lesson\nreadings:\n  - article: other\n"
OTHER = "---\ntitle: Another article\n---\n\nA paragraph about NATO.\n\nAnother paragraph.\n"
QUESTIONS = (
    "questions:\n  - question: What is START?\n    notes: Count the warheads.\n    minutes: 5\n"
)
ALL_OF_L = {
    f"l/{n}.{f}"
    for n in ("handout", "questions", "questions-instructor", "glossary")
    for f in ("pdf", "docx")
}


@pytest.fixture
def course(make_course: MakeCourse) -> Path:
    root = make_course(
        {
            "lessons/l.yaml": "title: A test lesson\nreadings:\n  - article: test-article\n"
            + QUESTIONS,
            "lessons/second.yaml": SECOND,
            "articles/other.md": OTHER,
        }
    )
    assert len(rebuild(root).built) == 18
    return root


def rebuild(
    root: Path, *, force: bool = False, formats: tuple[str, ...] = ("pdf", "docx")
) -> BuildReport:
    report = build(
        load_course(root), None, BuildOptions(out_dir=root / "output", formats=formats, force=force)
    )
    assert report.ok, report
    return report


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_unchanged_course_rebuilds_nothing(course: Path) -> None:
    report = rebuild(course)
    assert report.built == [] and len(report.up_to_date) == 18


def test_editing_a_question_rebuilds_that_lessons_question_documents(course: Path) -> None:
    edit(course / "lessons/l.yaml", "What is START?", "What did START limit?")
    assert set(rebuild(course).built) == {
        "l/handout.pdf",
        "l/handout.docx",
        "l/questions.pdf",
        "l/questions.docx",
        "l/questions-instructor.pdf",
        "l/questions-instructor.docx",
    }


def test_editing_instructor_notes_rebuilds_only_the_instructor_edition(course: Path) -> None:
    edit(course / "lessons/l.yaml", "Count the warheads.", "Count the launchers.")
    assert set(rebuild(course).built) == {
        "l/questions-instructor.pdf",
        "l/questions-instructor.docx",
    }


def test_editing_an_article_rebuilds_the_lessons_that_quote_it(course: Path) -> None:
    edit(course / "articles/other.md", "Another paragraph.", "Another paragraph, edited.")
    built = set(rebuild(course).built)
    assert built == {"second/handout.pdf", "second/handout.docx"}


def test_editing_a_definition_rebuilds_the_glossaries_that_show_it(course: Path) -> None:
    edit(
        course / "glossary.yaml",
        "A 1991 US–Soviet treaty.",
        "A 1991 treaty between the US and the USSR.",
    )
    assert set(rebuild(course).built) == {
        "l/glossary.pdf",
        "l/glossary.docx",
        "glossary.pdf",
        "glossary.docx",
    }


def test_editing_course_yaml_rebuilds_everything(course: Path) -> None:
    edit(course / "course.yaml", "title: Test course", "title: Test course, revised")
    assert len(rebuild(course).built) == 18


def test_a_template_change_rebuilds_the_pdfs_only(course: Path) -> None:
    (course / "templates").mkdir()
    (course / "templates/custom.css").write_text("h1 { color: black; }\n")
    built = rebuild(course).built
    assert len(built) == 9 and all(name.endswith(".pdf") for name in built)


def test_a_reference_docx_change_rebuilds_the_docx_only(course: Path) -> None:
    (course / "templates").mkdir()
    (course / "templates/reference.docx").write_bytes(
        (course / "output/l/handout.docx").read_bytes()
    )
    built = rebuild(course).built
    assert len(built) == 9 and all(name.endswith(".docx") for name in built)


def test_a_new_coursegen_version_rebuilds_everything(
    course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_module, "__version__", coursegen.__version__ + ".post1")
    assert len(rebuild(course).built) == 18


def test_building_one_format_leaves_the_other_up_to_date(course: Path) -> None:
    assert rebuild(course, formats=("pdf",)).built == []
    edit(course / "lessons/l.yaml", "What is START?", "What did START limit?")
    assert all(n.endswith(".pdf") for n in rebuild(course, formats=("pdf",)).built)
    assert all(n.endswith(".docx") for n in rebuild(course).built)


def test_a_deleted_or_edited_output_is_rebuilt(course: Path) -> None:
    (course / "output/l/handout.pdf").unlink()
    (course / "output/second/glossary.docx").write_bytes(b"changed")
    report = rebuild(course)
    assert set(report.built) == {"l/handout.pdf", "second/glossary.docx"}
    assert report.kept_aside == [("second/glossary.docx", "second/glossary.edited.docx")]


def test_force_rebuilds_everything(course: Path) -> None:
    assert len(rebuild(course, force=True).built) == 18


def test_an_interrupted_build_never_marks_an_unfinished_file_as_built(
    course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(course / "course.yaml", "title: Test course", "title: Test course, revised")
    real = build_module.write_atomic
    written: list[str] = []

    def crash_on_fourth(path: Path, data: bytes) -> None:
        if len(written) == 3:
            raise KeyboardInterrupt
        real(path, data)
        written.append(path.relative_to(course / "output").as_posix())

    monkeypatch.setattr(build_module, "write_atomic", crash_on_fourth)
    with pytest.raises(KeyboardInterrupt):
        build(load_course(course), None, BuildOptions(out_dir=course / "output"))
    monkeypatch.setattr(build_module, "write_atomic", real)
    report = rebuild(course)
    assert len(written) == 3
    second = {name.replace("l/", "second/") for name in ALL_OF_L}
    assert set(report.built) == (ALL_OF_L | second | {"glossary.pdf", "glossary.docx"}) - set(
        written
    )
    assert not set(written) & set(report.built)
    assert not list((course / "output").rglob("*.part"))


def test_the_manifest_is_ignored_when_damaged(course: Path) -> None:
    (course / "output/.coursegen-manifest.json").write_text("{not json")
    assert len(rebuild(course).built) == 18
