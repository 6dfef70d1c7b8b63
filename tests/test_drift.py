"""Paragraph references that cannot drift silently: excerpts.lock, check, build and accept."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import coursegen.render
from coursegen.cli import main
from coursegen.content.drift import RECORD, fingerprint, read_record

from conftest import ARTICLE, MakeCourse, snapshot

STUBS = {"text": "stubformat:TextFormat"}

LESSON = """\
title: A test lesson
readings:
  - article: test-article
    excerpts:
      - paragraphs: 2
      - paragraphs: [1-2, 3]
      - from: The third paragraph
"""
INSERTED = ARTICLE.replace("---\n\nThe first", "---\n\nA note added above.\n\nThe first")


@pytest.fixture
def course(make_course: MakeCourse, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(coursegen.render, "REGISTRY", dict(STUBS))
    return make_course({"lessons/l.yaml": LESSON})


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.stdout, result.stderr


def build(root: Path) -> tuple[int, str, str]:
    return run("build", "--course", str(root), "-j", "1")


def test_the_first_build_writes_the_record_and_a_second_changes_nothing(course: Path) -> None:
    code, out, _ = build(course)
    assert code == 0
    assert f"note: {RECORD} now records what each excerpt shows; keep it with the course" in out
    text = (course / RECORD).read_text(encoding="utf-8")
    second = fingerprint('The second paragraph: the "P5+1" effort and the "Quartet".')
    assert (
        '  "A": {article: "test-article", paragraphs: "2", text: ["' + second + '"], '
        'starts: "The second paragraph: the \\"P5+1\\" effort …"}'
    ) in text.split("\n")
    assert '  "B": {article: "test-article", paragraphs: "1-3",' in text
    assert '"C"' not in text  # from/to excerpts follow their text: no entry
    before = snapshot(course)
    code, out, _ = build(course)
    assert code == 0 and "note:" not in out
    assert snapshot(course)[RECORD] == before[RECORD]


def test_check_on_a_course_without_a_record_says_nothing_about_drift(course: Path) -> None:
    (course / "articles/test-article.md").write_text(INSERTED, encoding="utf-8")
    code, _out, err = run("check", "--course", str(course))
    assert (code, err) == (0, "")
    assert not (course / RECORD).exists()  # check writes nothing


def test_an_inserted_paragraph_fails_check_at_the_excerpt_until_accepted(course: Path) -> None:
    assert build(course)[0] == 0
    (course / "articles/test-article.md").write_text(INSERTED, encoding="utf-8")
    code, out, err = run("check", "--course", str(course))
    assert code == 1
    assert err == (
        "lessons/l.yaml:5:21: error: excerpt 'A' (¶2 of 'test-article') now shows other text: "
        'it showed "The second paragraph: the "P5+1" effort …" and now shows "The first paragraph '
        'mentions START, a …"; the text it showed is now ¶3\n'
        "    hint: run 'coursegen accept lessons/l.yaml' to keep the new text, or change "
        "'paragraphs:' to 3\n"
        "lessons/l.yaml:6:21: error: excerpt 'B' (¶1–3 of 'test-article') now shows other text: "
        'it showed "The first paragraph mentions START, a …" and now shows "A note added above. '
        'The first …"; the text it showed is now ¶2–4\n'
        "    hint: run 'coursegen accept lessons/l.yaml' to keep the new text, or change "
        "'paragraphs:' to 2-4\n"
    )
    code, out, err = build(course)  # a drifted lesson is not built
    assert code == 1 and "1 lesson failed" in out and "now shows other text" in err
    code, out, err = run("accept", "lessons/l.yaml", "--course", str(course))
    assert (code, err) == (0, "")
    assert out == f"lessons/l.yaml: recorded anew\n{RECORD}: 1 lesson changed\n"
    assert run("check", "--course", str(course))[:3:2] == (0, "")
    assert build(course)[0] == 0


def test_changing_the_numbers_as_suggested_clears_the_error(course: Path) -> None:
    assert build(course)[0] == 0
    (course / "articles/test-article.md").write_text(INSERTED, encoding="utf-8")
    fixed = LESSON.replace("paragraphs: 2\n", "paragraphs: 3\n").replace("[1-2, 3]", "2-4")
    (course / "lessons/l.yaml").write_text(fixed, encoding="utf-8")
    assert run("check", "--course", str(course))[:3:2] == (0, "")
    assert build(course)[0] == 0
    assert 'paragraphs: "2-4"' in (course / RECORD).read_text(encoding="utf-8")


def test_an_edited_paragraph_that_is_gone_has_no_suggestion(course: Path) -> None:
    assert build(course)[0] == 0
    edited = ARTICLE.replace("The second paragraph:", "The 2nd paragraph:")
    (course / "articles/test-article.md").write_text(edited, encoding="utf-8")
    code, _, err = run("check", "--course", str(course))
    assert code == 1
    assert "; the text it showed is no longer in the article\n" in err
    assert "or change 'paragraphs:' to the paragraphs you mean\n" in err
    assert "part of the text it showed is now ¶1, ¶3, the rest is no longer there" in err


def test_a_deleted_excerpt_or_lesson_loses_its_entry(course: Path) -> None:
    assert build(course)[0] == 0
    (course / "lessons/l.yaml").write_text(LESSON.replace("      - paragraphs: 2\n", ""))
    assert build(course)[0] == 0
    record, problems = read_record(course)
    assert problems == [] and set(record.entries["l"]) == {"A"}  # [1-2, 3] is now 'A'
    assert record.entries["l"]["A"].paragraphs == "1-3"
    (course / "lessons/m.yaml").write_text(LESSON, encoding="utf-8")
    assert build(course)[0] == 0
    assert set(read_record(course)[0].entries) == {"l", "m"}
    (course / "lessons/m.yaml").unlink()
    assert run("accept", "--course", str(course))[0] == 0
    assert set(read_record(course)[0].entries) == {"l"}


def test_a_damaged_record_is_a_located_warning_and_build_leaves_it(course: Path) -> None:
    damaged = '"l":\n  "A": {article: "test-article"}\n'
    (course / RECORD).write_text(damaged, encoding="utf-8")
    code, _out, err = run("check", "--course", str(course))
    assert code == 0
    assert err == (
        f"{RECORD}:2:8: warning: excerpt 'A' of lesson 'l' in {RECORD} is not an entry "
        "coursegen can read; it is not compared\n"
        "    hint: coursegen writes this file; run 'coursegen accept' to write it anew "
        "(it records the text every excerpt shows now)\n"
    )
    code, _, err = build(course)
    assert code == 0 and f"warning: {RECORD} was not updated: run 'coursegen check'" in err
    assert (course / RECORD).read_text(encoding="utf-8") == damaged
    assert run("accept", "--course", str(course))[0] == 0
    assert read_record(course)[0].sound and set(read_record(course)[0].entries["l"]) == {"A", "B"}


def test_a_record_that_is_not_yaml_is_a_warning(course: Path) -> None:
    (course / RECORD).write_text("<<<<<<< HEAD\n: x\n", encoding="utf-8")
    code, _, err = run("check", "--course", str(course))
    assert code == 0 and err.startswith(f"{RECORD}:") and ": warning: YAML syntax error" in err


def test_a_record_linked_out_of_the_course_is_refused(course: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.lock"
    outside.write_text('"l":\n  "A": {article: "x", paragraphs: "2", text: [], starts: ""}\n')
    (course / RECORD).symlink_to(outside)
    code, _, err = run("check", "--course", str(course))
    assert code == 0
    assert f"{RECORD}:1:1: warning: '{RECORD}' is a link to a file outside the course folder" in err
    assert build(course)[0] == 0
    assert (course / RECORD).is_symlink()  # not written through, not replaced by build


def test_a_course_without_numbered_excerpts_gets_no_record(
    make_course: MakeCourse, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(coursegen.render, "REGISTRY", dict(STUBS))
    root = make_course({})  # the whole article
    assert build(root)[0] == 0
    assert not (root / RECORD).exists()


def test_a_list_of_paragraphs_gets_a_list_as_its_suggestion(course: Path) -> None:
    (course / "lessons/l.yaml").write_text(LESSON.replace("[1-2, 3]", "[1, 3]"), encoding="utf-8")
    assert build(course)[0] == 0
    (course / "articles/test-article.md").write_text(INSERTED, encoding="utf-8")
    code, _, err = run("check", "--course", str(course))
    assert code == 1
    assert "(¶1, ¶3 of 'test-article')" in err
    assert "; the text it showed is now ¶2, ¶4\n" in err
    assert "or change 'paragraphs:' to [2, 4]\n" in err
