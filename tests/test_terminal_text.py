"""Nothing from a course folder reaches the terminal raw: control characters in file names and
values (an ESC that recolours the terminal, an OSC that retitles its window, a newline, a bidi
override) are shown as escapes in the output of check and build and in the progress lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from coursegen.cli import main

from conftest import MakeCourse


def test_check_shows_control_characters_escaped(make_course: MakeCourse) -> None:
    root = make_course(
        {
            "lessons/\x1b[31mred.yaml": "title: Red\n",
            "lessons/bad.yaml": 'title: "A \\e]0;pwned\\a title"\n'
            "readings:\n"
            '  - article: "x\\e[2J\\u202ey"\n'
            '  - article: "two\\nlines"\n',
        }
    )
    result = CliRunner().invoke(main, ["check", "--course", str(root)])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert result.stderr == (
        "lessons/\\x1b[31mred.yaml:1:1: error: '\\x1b[31mred.yaml' cannot be used as a lesson: "
        "its name has a character that cannot be used in a folder name\n"
        "    hint: rename it with letters, digits, '-', '_' or '.' only, e.g. 05-reset.yaml\n"
        "lessons/bad.yaml:3:14: error: 'x\\x1b[2J\\u202ey' is not an article id\n"
        "    hint: an article id is the name of a file in articles/ without '.md', "
        "e.g. lavrov-2009-newsweek\n"
        "lessons/bad.yaml:4:14: error: 'two\\nlines' is not an article id\n"
        "    hint: an article id is the name of a file in articles/ without '.md', "
        "e.g. lavrov-2009-newsweek\n"
    )


@pytest.mark.render  # makes DOCX files
def test_build_shows_control_characters_escaped(make_course: MakeCourse, tmp_path: Path) -> None:
    root = make_course({"lessons/bad.yaml": 'title: x\nreadings:\n  - article: "\\e]0;t\\a"\n'})
    out = tmp_path / "\x1b[31mout"
    result = CliRunner().invoke(
        main,
        ["build", "--course", str(root), "--out", str(out), "--format", "docx", "-j", "1"],
    )
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert result.stderr == (
        "lessons/bad.yaml:3:14: error: '\\x1b]0;t\\x07' is not an article id\n"
        "    hint: an article id is the name of a file in articles/ without '.md', "
        "e.g. lavrov-2009-newsweek\n"
    )
    summary = result.stdout.splitlines()[-1]
    assert summary.startswith("built 4 files, 1 lesson failed in ")
    assert summary.endswith(f" → {tmp_path}/\\x1b[31mout/")


def test_progress_lines_show_control_characters_escaped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from coursegen.cli.progress import progress_reporter

    with progress_reporter(False) as notify:
        notify("failed", "lessons/\x1b]0;title\x07\x9b.yaml")
    assert capsys.readouterr().out == "    failed  lessons/\\x1b]0;title\\x07\\x9b.yaml\n"


def test_terminal_text_escapes_every_control_character() -> None:
    from coursegen.cli.report import terminal_text

    assert terminal_text("a\tb\r\n\x00\x7f\x85\u200f\u2066é ¶ “x”") == (
        "a\\tb\\r\\n\\x00\\x7f\\x85\\u200f\\u2066é ¶ “x”"
    )


def test_terms_shows_control_characters_escaped(make_course: MakeCourse) -> None:
    root = make_course(
        {
            "glossary.yaml": '- term: "Quartet\\e[2J"\n  aliases: [Quartet]\n'
            "  definition: The UN, EU, US and Russia.\n",
        }
    )
    result = CliRunner().invoke(main, ["terms", "--course", str(root)])
    assert result.exit_code == 0
    assert "\x1b" not in result.output
    assert result.stdout == "lessons/l.yaml: 1 term\n  Quartet\\x1b[2J  A ¶2  [glossary.yaml]\n"


def test_a_library_error_shows_control_characters_escaped(make_course: MakeCourse) -> None:
    root = make_course({})
    result = CliRunner().invoke(main, ["build", "--course", str(root), "no\x1b[31msuch"])
    assert result.exit_code == 2
    assert "\x1b" not in result.output
    assert result.stderr.endswith(f"Error: no lesson 'no\\x1b[31msuch' in {root}/lessons\n")
