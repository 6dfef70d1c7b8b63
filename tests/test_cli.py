"""The command line: help for every command, exit statuses, exact output of check and terms."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from coursegen.cli import main

from conftest import REPO, MakeCourse


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("name", sorted(main.commands))  # type: ignore[attr-defined]
def test_every_command_has_help_an_example_and_is_documented(name: str) -> None:
    command = main.commands[name]  # type: ignore[attr-defined]
    assert isinstance(command, click.Command)
    code, out, _ = invoke(name, "--help")
    assert code == 0 and "Example: coursegen" in out
    assert f"coursegen {name}" in (REPO / "docs" / "user-guide.md").read_text(encoding="utf-8")
    assert f"coursegen {name}" in (REPO / "README.md").read_text(encoding="utf-8")


def test_check_passes_on_the_sample_course() -> None:
    code, out, err = invoke("check", "--course", str(REPO))
    assert code == 0
    assert err == ""
    assert out.startswith("checked 4 lessons, 2 articles, ") and out.endswith(": no problems\n")


def test_a_sound_course_with_british_spelling_checks_clean(make_course: MakeCourse) -> None:
    root = make_course(
        {
            "lessons/l.yaml": (
                "title: T\nweek: 5\ndate: 2027-02-10\nreadings:\n  - article: test-article\n"
                "questions:\n  - question: Why?\n    level: analyse\n  - question: How?\n    level: Analysing\n"
            )
        }
    )
    assert invoke("check", "--course", str(root)) == (
        0,
        "checked 1 lesson, 1 article, 4 glossary entries: no problems\n",
        "",
    )


@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_check_outside_a_course_is_a_usage_error(tmp_path: Path, folder: str) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = invoke("check", "--course", str(tmp_path / folder))
    assert code == 2
    expected = (
        f"course folder '{tmp_path / folder}' does not exist"
        if folder == "missing"
        else f"'{tmp_path / folder}' is not a course folder: it has no lessons/, articles/ or course.yaml"
    )
    assert f"Error: {expected}" in err


def test_check_warns_about_likely_terms_without_an_entry(make_course: MakeCourse) -> None:
    article = "---\ntitle: T\n---\n\nMOSCOW: The FSB, the US, NATO and the G8 met in Moscow.\n\nPart II.\n"
    root = make_course({"articles/test-article.md": article})
    code, out, err = invoke("check", "--course", str(root))
    assert code == 0
    assert err == (
        "articles/test-article.md:5:1: warning: 'FSB' (¶1) looks like a glossary term, "
        "but the glossary has no entry for it\n"
        "    hint: add it to glossary.yaml with a definition; or, if it is not a term (a party's "
        "name, an abbreviation), list it under not_acronyms in course.yaml\n"
        "articles/test-article.md:5:1: warning: 'G8' (¶1) looks like a glossary term, "
        "but the glossary has no entry for it\n"
        "    hint: add it to glossary.yaml with a definition; or, if it is not a term (a party's "
        "name, an abbreviation), list it under not_acronyms in course.yaml\n"
        "articles/test-article.md:5:1: warning: 'NATO' (¶1) looks like a glossary term, "
        "but the glossary has no entry for it\n"
        "    hint: add it to glossary.yaml with a definition; or, if it is not a term (a party's "
        "name, an abbreviation), list it under not_acronyms in course.yaml\n"
    )
    assert out.endswith(": 3 warnings\n")


def test_terms_lists_each_term_with_excerpt_and_paragraph(make_course: MakeCourse) -> None:
    root = make_course(
        {
            "lessons/l.yaml": (
                "title: T\nreadings:\n  - article: test-article\n    excerpts:\n      - paragraphs: 1-2\n"
                "glossary:\n  terms: [START]\n  exclude: [G20]\n"
            )
        }
    )
    code, out, err = invoke("terms", "--course", str(root))
    assert (code, err) == (0, "")
    assert out == (
        "lessons/l.yaml: 3 terms\n"
        "  P5+1     A ¶2  [glossary.yaml]\n"
        "  Quartet  A ¶2  [glossary.yaml]\n"
        "  START    A ¶1  [glossary.yaml]\n"
    )


def test_the_course_glossary_overrides_the_builtin_bank(make_course: MakeCourse) -> None:
    own = "- term: NATO\n  definition: Our own wording.\n"
    root = make_course({"course.yaml": "title: Test course\n", "glossary.yaml": own})
    code, out, _ = invoke("terms", "--course", str(root))
    assert code == 0
    assert "  NATO" not in out  # the article does not mention NATO
    article = "---\ntitle: T\n---\n\nNATO and the START treaty.\n"
    root = make_course(
        {
            "course.yaml": "title: Test course\n",
            "glossary.yaml": own,
            "articles/test-article.md": article,
        }
    )
    out = invoke("terms", "--course", str(root))[1]
    assert "  NATO   A ¶1  [glossary.yaml]\n" in out
    assert "  START  A ¶1\n" in out  # from the built-in bank


def test_builtin_glossary_false_turns_the_bank_off(make_course: MakeCourse) -> None:
    article = "---\ntitle: T\n---\n\nNATO and the OSCE.\n"
    root = make_course({"glossary.yaml": "", "articles/test-article.md": article})
    out = invoke("terms", "--course", str(root))[1]
    assert out == "lessons/l.yaml: 0 terms\n"
    root = make_course(
        {
            "glossary.yaml": "",
            "articles/test-article.md": article,
            "course.yaml": "title: Test course\nbuiltin_glossary: true\n",
        }
    )
    assert "  OSCE  A ¶1\n" in invoke("terms", "--course", str(root))[1]


@pytest.mark.render
def test_build_prints_a_summary_and_plain_progress_lines(make_course: MakeCourse) -> None:
    root = make_course({})
    code, out, err = invoke("build", "--course", str(root), "--format", "docx", "-j", "1")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert sorted(lines[:-1]) == sorted(
        f"     built  {name}"
        for name in (
            "l/handout.docx",
            "l/questions.docx",
            "l/questions-instructor.docx",
            "l/glossary.docx",
            "glossary.docx",
        )
    )
    assert lines[-1].startswith("built 5 files in ") and lines[-1].endswith(
        "s → " + f"{root / 'output'}/"
    )
    code, out, _ = invoke("build", "--course", str(root), "--format", "docx")
    assert code == 0 and out.startswith("built 0 files, 5 up to date in ")
