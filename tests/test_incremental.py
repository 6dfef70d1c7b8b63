"""Incremental builds: each kind of input change rebuilds what depends on it, and nothing else.

What is rebuilt depends on digests, not on how a format renders: these tests build with two
stub formats (tests/stubformat.py) in place of PDF and DOCX, so they render nothing heavy.
The last test proves, with real rendering, that PDF and DOCX each fingerprint their own files.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import coursegen
import coursegen.builder as build_module
import coursegen.render
from coursegen.builder import BuildOptions, BuildReport, build
from coursegen.content.course import load_course

from conftest import MakeCourse

# Like PDF, "text" reads every file in templates/ but reference.docx; like DOCX, "json" reads
# templates/reference.docx.
STUBS = {"text": "stubformat:TextFormat", "json": "stubformat:JsonFormat"}

SECOND = "title: Second lesson\nreadings:\n  - article: other\n"
OTHER = "---\ntitle: Another article\n---\n\nA paragraph about NATO.\n\nAnother paragraph.\n"
QUESTIONS = (
    "questions:\n  - question: What is START?\n    notes: Count the warheads.\n    minutes: 5\n"
)
NAMES = ("handout", "questions", "questions-instructor", "glossary")
ALL_OF_L = {f"l/{n}.{f}" for n in NAMES for f in ("txt", "json")}
# Two lessons of four documents and the course glossary, in two formats.
EVERYTHING = {
    f"{lesson}/{n}.{f}" for lesson in ("l", "second") for n in NAMES for f in ("txt", "json")
} | {"glossary.txt", "glossary.json"}


def of_format(outputs: set[str], suffix: str) -> set[str]:
    return {name for name in outputs if name.endswith(f".{suffix}")}


@pytest.fixture
def stub_formats(monkeypatch: pytest.MonkeyPatch) -> None:
    """The registered formats are the two stubs, and only they."""
    monkeypatch.setattr(coursegen.render, "REGISTRY", dict(STUBS))


@pytest.fixture
def course(make_course: MakeCourse, stub_formats: None) -> Path:
    root = make_course(
        {
            "lessons/l.yaml": "title: A test lesson\nreadings:\n  - article: test-article\n"
            + QUESTIONS,
            "lessons/second.yaml": SECOND,
            "articles/other.md": OTHER,
        }
    )
    assert set(rebuild(root).built) == EVERYTHING
    return root


def rebuild(root: Path, *, force: bool = False, formats: tuple[str, ...] = ()) -> BuildReport:
    """Every registered format unless `formats` names some."""
    report = build(
        load_course(root), None, BuildOptions(out_dir=root / "output", formats=formats, force=force)
    )
    assert report.ok, report
    return report


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_stub_formats_are_what_gets_built(course: Path) -> None:
    assert coursegen.render.format_names() == ("text", "json")
    handout = (course / "output/l/handout.txt").read_text(encoding="utf-8")
    assert "What is START?" in handout and "The first paragraph mentions" in handout


def test_an_unchanged_course_rebuilds_nothing(course: Path) -> None:
    report = rebuild(course)
    assert report.built == [] and set(report.up_to_date) == EVERYTHING


def test_editing_a_question_rebuilds_that_lessons_question_documents(course: Path) -> None:
    edit(course / "lessons/l.yaml", "What is START?", "What did START limit?")
    assert set(rebuild(course).built) == {
        "l/handout.txt",
        "l/handout.json",
        "l/questions.txt",
        "l/questions.json",
        "l/questions-instructor.txt",
        "l/questions-instructor.json",
    }


def test_editing_instructor_notes_rebuilds_only_the_instructor_edition(course: Path) -> None:
    edit(course / "lessons/l.yaml", "Count the warheads.", "Count the launchers.")
    assert set(rebuild(course).built) == {
        "l/questions-instructor.txt",
        "l/questions-instructor.json",
    }


def test_editing_an_article_rebuilds_the_lessons_that_quote_it(course: Path) -> None:
    edit(course / "articles/other.md", "Another paragraph.", "Another paragraph, edited.")
    built = set(rebuild(course).built)
    assert built == {"second/handout.txt", "second/handout.json"}


def test_editing_a_definition_rebuilds_the_glossaries_that_show_it(course: Path) -> None:
    edit(
        course / "glossary.yaml",
        "A 1991 US–Soviet treaty.",
        "A 1991 treaty between the US and the USSR.",
    )
    assert set(rebuild(course).built) == {
        "l/glossary.txt",
        "l/glossary.json",
        "glossary.txt",
        "glossary.json",
    }


def test_editing_course_yaml_rebuilds_everything(course: Path) -> None:
    edit(course / "course.yaml", "title: Test course", "title: Test course, revised")
    assert set(rebuild(course).built) == EVERYTHING


def test_a_change_to_a_file_one_format_reads_rebuilds_that_format_only(course: Path) -> None:
    (course / "templates").mkdir()
    (course / "templates/custom.css").write_text("h1 { color: black; }\n")
    assert set(rebuild(course).built) == of_format(EVERYTHING, "txt")
    (course / "templates/custom.css").write_text("h1 { color: navy; }\n")
    assert set(rebuild(course).built) == of_format(EVERYTHING, "txt")
    (course / "templates/reference.docx").write_bytes(b"a reference")
    assert set(rebuild(course).built) == of_format(EVERYTHING, "json")
    (course / "templates/custom.css").unlink()
    assert set(rebuild(course).built) == of_format(EVERYTHING, "txt")


def test_a_new_coursegen_version_rebuilds_everything(
    course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_module, "__version__", coursegen.__version__ + ".post1")
    assert set(rebuild(course).built) == EVERYTHING


def test_building_one_format_leaves_the_other_up_to_date(course: Path) -> None:
    assert rebuild(course, formats=("text",)).built == []
    edit(course / "lessons/l.yaml", "What is START?", "What did START limit?")
    question_documents = {
        f"l/{n}.{f}"
        for n in ("handout", "questions", "questions-instructor")
        for f in ("txt", "json")
    }
    assert set(rebuild(course, formats=("text",)).built) == of_format(question_documents, "txt")
    assert set(rebuild(course).built) == of_format(question_documents, "json")


def test_a_deleted_or_edited_output_is_rebuilt(course: Path) -> None:
    (course / "output/l/handout.txt").unlink()
    (course / "output/second/glossary.json").write_bytes(b"changed")
    report = rebuild(course)
    assert set(report.built) == {"l/handout.txt", "second/glossary.json"}
    assert report.kept_aside == [("second/glossary.json", "second/glossary.edited.json")]


def settle(folder: Path) -> None:
    """Date every file in `folder` an hour back, as files are when the next build runs."""
    for path in folder.rglob("*"):
        if path.is_file():
            stamp = path.stat().st_mtime - 3600
            os.utime(path, (stamp, stamp))


def test_an_output_edited_after_a_build_trusted_its_date_is_still_found(course: Path) -> None:
    """A no-op build remembers each output's size, date and inode once its bytes are checked
    (output.Record.seen) and then trusts them: an edit that keeps the size still shows."""
    output = course / "output"
    settle(output)
    assert rebuild(course).built == []
    assert '"seen"' in (output / ".coursegen-manifest.json").read_text()
    edited = output / "l/glossary.txt"
    same_size = bytes(b ^ 1 for b in edited.read_bytes())  # other bytes, as many
    edited.write_bytes(same_size)
    report = rebuild(course)
    assert report.built == ["l/glossary.txt"]
    assert report.kept_aside == [("l/glossary.txt", "l/glossary.edited.txt")]
    assert (output / "l/glossary.edited.txt").read_bytes() == same_size


def test_a_build_that_changes_nothing_writes_nothing(course: Path) -> None:
    output = course / "output"
    settle(output)
    assert rebuild(course).built == []  # records what it checked: the manifest changes once
    manifest = output / ".coursegen-manifest.json"
    an_hour_ago = manifest.stat().st_mtime - 3600
    os.utime(manifest, (an_hour_ago, an_hour_ago))

    def state() -> dict[Path, tuple[bytes, int, int]]:
        return {p: (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns) for p in files(output)}

    before = state()
    assert rebuild(course).built == []
    after = state()
    # the manifest is not written again (same file, same bytes), only dated: the next build
    # guesses from its date whether anything changed since (builder.prepare_workers)
    assert after[manifest][:2] == before[manifest][:2]
    assert after[manifest][2] > before[manifest][2]
    del after[manifest], before[manifest]
    assert after == before


def files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def test_force_rebuilds_everything(course: Path) -> None:
    assert set(rebuild(course, force=True).built) == EVERYTHING


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
    assert set(report.built) == (ALL_OF_L | second | {"glossary.txt", "glossary.json"}) - set(
        written
    )
    assert not set(written) & set(report.built)
    assert not list((course / "output").rglob("*.part"))


def test_the_manifest_is_ignored_when_damaged(course: Path) -> None:
    (course / "output/.coursegen-manifest.json").write_text("{not json")
    assert set(rebuild(course).built) == EVERYTHING


@pytest.mark.render
def test_pdf_and_docx_each_fingerprint_the_files_they_read(make_course: MakeCourse) -> None:
    root = make_course({})  # one lesson: four documents and the course glossary
    outputs = {f"l/{n}.{f}" for n in NAMES for f in ("pdf", "docx")} | {
        "glossary.pdf",
        "glossary.docx",
    }
    assert set(rebuild(root, formats=("pdf", "docx")).built) == outputs
    (root / "templates").mkdir()
    (root / "templates/custom.css").write_text("h1 { color: black; }\n")
    assert set(rebuild(root, formats=("pdf", "docx")).built) == of_format(outputs, "pdf")
    (root / "templates/reference.docx").write_bytes((root / "output/l/handout.docx").read_bytes())
    assert set(rebuild(root, formats=("pdf", "docx")).built) == of_format(outputs, "docx")
