"""`coursegen show ARTICLE [RANGE…]`: an article with its ¶ numbers, headings where they fall."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from coursegen.cli import main
from coursegen.cli.listing import PIPE_WIDTH, output_width
from coursegen.content.listing import parse_ranges
from coursegen.errors import CoursegenError

from conftest import REPO, MakeCourse


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


WHOLE = """\
A test article — A. Writer, The Test Times, 2009-07-06

¶1  The first paragraph mentions START, a "crisis of trust" and the
    G-20 summit.

¶2  The second paragraph: the "P5+1" effort and the "Quartet".

## A section

¶3  The third paragraph, about Russia. And Russia again, and Russia
    once more.
"""


def test_whole_article_wrapped_with_a_hanging_indent(make_course: MakeCourse) -> None:
    root = make_course({})
    code, out, err = run("show", "test-article", "--course", str(root), "--width", "70")
    assert (code, err) == (0, "")
    assert out == WHOLE


def test_a_range_shows_the_heading_in_force(make_course: MakeCourse) -> None:
    root = make_course({})
    for given in (["3"], ["¶3"], ["3-3"], ["¶3–3"]):
        code, out, _ = run("show", "articles/test-article.md", *given, "--course", str(root))
        assert code == 0, out
        assert out == (
            "A test article — A. Writer, The Test Times, 2009-07-06\n\n## A section\n\n"
            "¶3  The third paragraph, about Russia. And Russia again, and Russia once more.\n"
        )


def test_several_ranges_in_article_order_each_once(make_course: MakeCourse) -> None:
    root = make_course({})
    code, out, _ = run("show", "test-article", "2", "1-2", "--course", str(root), "--width", "0")
    assert code == 0
    assert out.splitlines()[1:] == [
        "",
        '¶1  The first paragraph mentions START, a "crisis of trust" and the G-20 summit.',
        "",
        '¶2  The second paragraph: the "P5+1" effort and the "Quartet".',
    ]


def test_numbers_are_aligned_when_they_grow_to_two_digits(make_course: MakeCourse) -> None:
    body = "\n\n".join(f"Paragraph {n} is here." for n in range(1, 12))
    root = make_course({"articles/long.md": f"---\ntitle: Long\n---\n\n{body}\n"})
    code, out, _ = run("show", "long", "9-10", "--course", str(root))
    assert code == 0
    assert out == "Long\n\n¶9   Paragraph 9 is here.\n\n¶10  Paragraph 10 is here.\n"


def test_unknown_article_suggests_the_closest(make_course: MakeCourse) -> None:
    root = make_course({})
    code, _, err = run("show", "test-articel", "--course", str(root))
    assert code == 2
    assert (
        f"Error: no article 'test-articel' in {root / 'articles'} (did you mean 'test-article'?)\n"
    ) in err


@pytest.mark.parametrize("given", ["4", "2-4", "¶4–9"])
def test_a_paragraph_the_article_does_not_have(make_course: MakeCourse, given: str) -> None:
    root = make_course({})
    code, out, err = run("show", "test-article", given, "--course", str(root))
    assert (code, out) == (2, "")
    assert "Error: article 'test-article' has 3 paragraphs; ¶4 does not exist\n" in err


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("3-x", "'3-x' is not a paragraph range: give a number or a range, e.g. 3, 3-5 or ¶3–5"),
        ("p3", "'p3' is not a paragraph range: give a number or a range, e.g. 3, 3-5 or ¶3–5"),
        ("0", "paragraph numbers start at 1, not 0"),
        ("3-1", "reversed paragraph range '3-1': write the smaller number first, e.g. 1-3"),
    ],
)
def test_a_malformed_range(make_course: MakeCourse, given: str, message: str) -> None:
    root = make_course({})
    code, out, err = run("show", "test-article", given, "--course", str(root))
    assert (code, out) == (2, "")
    assert f"Error: {message}\n" in err


def test_ranges_accept_pilcrow_hyphen_en_dash_and_commas() -> None:
    assert parse_ranges(["3", "¶3–5", "3-5", "¶ 3 - ¶5", "1,4-6"]) == (
        (3, 3), (3, 5), (3, 5), (3, 5), (1, 1), (4, 6),
    )  # fmt: skip
    with pytest.raises(CoursegenError):
        parse_ranges(["3..5"])


def test_an_article_with_errors_prints_them_like_check(make_course: MakeCourse) -> None:
    root = make_course({"articles/broken.md": "---\ntitle: Broken\n\nText.\n"})
    code, out, err = run("show", "broken", "--course", str(root))
    assert (code, out) == (1, "")
    assert err == (
        "articles/broken.md:1:1: error: front matter is not closed\n"
        "    hint: add a line with only '---' after the last front matter line\n"
        "articles/broken.md: has errors; run 'coursegen check'\n"
    )


def test_control_characters_are_escaped(make_course: MakeCourse) -> None:
    article = '---\ntitle: "Evil\\x1b]0;owned\\x07"\n---\n\nText \x1b[31mred\x1b[0m here.\n'
    root = make_course({"articles/evil.md": article})
    code, out, _ = run("show", "evil", "--course", str(root))
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert out == "Evil\\x1b]0;owned\\x07\n\n¶1  Text \\x1b[31mred\\x1b[0m here.\n"


def test_width_in_a_terminal_and_in_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    assert output_width(False) == PIPE_WIDTH == 100
    assert output_width(False, 0) == 0 and output_width(True, 60) == 60
    monkeypatch.setattr(
        "shutil.get_terminal_size", lambda fallback=None: os.terminal_size((72, 24))
    )
    assert output_width(True) == 72
    monkeypatch.setattr(
        "shutil.get_terminal_size", lambda fallback=None: os.terminal_size((200, 9))
    )
    assert output_width(True) == 100  # lines longer than 100 columns are hard to read
    monkeypatch.setattr("shutil.get_terminal_size", lambda fallback=None: os.terminal_size((8, 9)))
    assert output_width(True) == 30


def test_a_terminal_gets_its_own_width(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setattr("coursegen.cli.listing.is_terminal", lambda: True)
    monkeypatch.setattr(
        "shutil.get_terminal_size", lambda fallback=None: os.terminal_size((50, 24))
    )
    code, out, _ = run("show", "lavrov-2009-start-wire", "4", "--course", str(REPO))
    assert code == 0
    assert out == (
        "Russia, US improve ties: Lavrov — 2009-11\n"
        "\n"
        '¶4  "We know that it will require overcoming the\n'
        "    resistance of certain forces within the United\n"
        "    States which cannot, by inertia, imagine an\n"
        '    equal partnership with Russia," the minister\n'
        "    warned.\n"
    )


SAMPLE_6 = """\
Sergey Lavrov: Now is the time for Russia and the US to cease to be adversaries — Sergey Lavrov, The
Independent (first published in Newsweek), 2009-07-06

¶6  Finally, the summit in Moscow is an opportunity to continue discussions of the world economic
    crisis. As members of the G8 and G20, we should continue working to modernize the global
    financial architecture and address issues such as creating regional reserve currencies and
    giving emerging economies greater voice in multilateral financial institutions. Strengthening
    trade and investment ties between Russia and the US will also help ensure that our mutual
    efforts to "reset" our relationship are sustainable across a wide range of issues over the long
    term.
"""


def test_the_sample_article_through_a_pipe() -> None:
    # CliRunner's stdout is not a terminal: lines of at most 100 columns, the title wrapped too.
    code, out, err = run("show", "lavrov-2009-newsweek", "¶6", "--course", str(REPO))
    assert (code, err) == (0, "")
    assert out == SAMPLE_6
    assert max(len(line) for line in out.splitlines()) <= 100


def test_a_heading_is_shown_once_per_section(make_course: MakeCourse) -> None:
    body = "One.\n\n## First\n\nTwo.\n\nThree.\n\nFour.\n\n## Second\n\nFive.\n"
    root = make_course({"articles/parts.md": f"---\ntitle: Parts\n---\n\n{body}"})
    code, out, _ = run("show", "parts", "2", "4-5", "--course", str(root))
    assert code == 0
    assert out == ("Parts\n\n## First\n\n¶2  Two.\n\n¶4  Four.\n\n## Second\n\n¶5  Five.\n")
    code, out, _ = run("show", "parts", "1", "--course", str(root))
    assert out == "Parts\n\n¶1  One.\n"
