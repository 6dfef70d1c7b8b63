"""`coursegen glossary [QUERY]`: search and list the glossary in force; `--copy TERM` appends a
built-in entry to glossary.yaml (issue 13)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from coursegen.cli import main
from coursegen.content.copyentry import bank_blocks
from coursegen.content.course import load_course
from coursegen.content.glossary import builtin_entries, entries_from_yaml

from conftest import GLOSSARY, MakeCourse, snapshot

OWN_GLOSSARY = """\
- term: collective security
  category: concept
  definition: >-
    An arrangement in which each state accepts that the security of one is the concern of all
    and agrees to join a collective response to aggression; the League of Nations and the UN
    were built on it.
  see: [UN Security Council]
- term: UN Security Council
  expansion: United Nations Security Council
  aliases: [UNSC, Security Council]
  category: institution
  definition: The UN organ with primary responsibility for international peace and security.
  see: [collective security]
- term: security dilemma
  category: concept
  definition: When one state's efforts to feel safer make others feel less safe.
- term: détente
  category: concept
  definition: The easing of strained relations, especially between the superpowers in the 1970s.
- term: Quartet
  case_sensitive: true
  definition: The UN, EU, US and Russia, working on the Middle East since 2002.
"""

SPEECH = """\
---
title: A speech
date: 2009-09-23
---

The Security Council must act. Collective security is our shared task.

The Quartet met again.
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["glossary", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def own(make_course: MakeCourse) -> Path:
    """A course with only its own glossary (builtin_glossary: false) and two lessons."""
    return make_course(
        {
            "glossary.yaml": OWN_GLOSSARY,
            "articles/test-article.md": SPEECH,
            "lessons/m.yaml": (
                "title: Another\nreadings:\n  - article: test-article\n    excerpts:\n"
                "      - id: A\n        paragraphs: 2\nglossary:\n  terms: [détente]\n"
            ),
        }
    )


SECURITY = """\
security dilemma
  source      glossary.yaml:14
  category    concept
  definition  When one state's efforts to feel safer make others feel less safe.
  used in     no lesson

collective security
  source      glossary.yaml:1
  category    concept
  definition  An arrangement in which each state accepts that the security of one is the concern of
              all and agrees to join a collective response to aggression; the League of Nations and
              the UN were built on it.
  see         UN Security Council
  used in     lessons/l.yaml: A ¶1

UN Security Council (United Nations Security Council)
  source      glossary.yaml:8
  category    institution
  aliases     UNSC, Security Council
  definition  The UN organ with primary responsibility for international peace and security.
  see         collective security
  used in     lessons/l.yaml: A ¶1

3 entries found for 'security'
"""


def test_search_ranks_term_prefix_then_words_of_names_and_shows_everything(own: Path) -> None:
    assert run("security", "--course", str(own)) == (0, SECURITY, "")


def test_search_ignores_accents_and_capitals_and_wraps_at_the_width(own: Path) -> None:
    assert run("DETENTE", "--course", str(own), "--width", "60") == (
        0,
        "détente\n"
        "  source      glossary.yaml:17\n"
        "  category    concept\n"
        "  definition  The easing of strained relations, especially\n"
        "              between the superpowers in the 1970s.\n"
        "  used in     lessons/m.yaml: listed in the lesson; not in\n"
        "              its excerpts\n"
        "\n"
        "1 entry found for 'DETENTE'\n",
        "",
    )


def test_an_exact_alias_comes_before_words_and_definitions(own: Path) -> None:
    code, out, _ = run("unsc", "--course", str(own))
    assert code == 0 and out.startswith("UN Security Council (United Nations Security Council)\n")
    code, out, _ = run("Middle", "East", "--course", str(own))  # words of its definition
    assert (
        code == 0
        and out.startswith("Quartet\n")
        and out.endswith("1 entry found for 'Middle East'\n")
    )


def test_with_no_query_every_entry_is_listed_by_category(own: Path) -> None:
    assert run("--course", str(own)) == (
        0,
        "concept: 3 entries\n"
        "  collective security  glossary.yaml:1\n"
        "  détente              glossary.yaml:17\n"
        "  security dilemma     glossary.yaml:14\n"
        "\n"
        "institution: 1 entry\n"
        "  UN Security Council  glossary.yaml:8\n"
        "\n"
        "no category: 1 entry\n"
        "  Quartet  glossary.yaml:20\n"
        "\n"
        "5 entries: 5 from glossary.yaml\n",
        "",
    )


def test_category_narrows_the_list_and_the_search(own: Path) -> None:
    assert run("--category", "Concept", "--course", str(own))[1].startswith(
        "concept: 3 entries\n  collective security  glossary.yaml:1\n"
    )
    code, out, _ = run("security", "--category", "institution", "--course", str(own))
    assert code == 0 and out.startswith("UN Security Council") and "1 entry found" in out


def test_nothing_found_is_status_1_with_a_suggestion(own: Path) -> None:
    assert run("secrity", "--course", str(own)) == (
        1,
        "",
        "no glossary entry matches 'secrity'\n    hint: did you mean 'security'?\n",
    )
    assert run("zzyzx", "--course", str(own)) == (
        1,
        "",
        "no glossary entry matches 'zzyzx'\n"
        "    hint: try fewer or shorter words, or list every entry with 'coursegen glossary'\n",
    )


def test_an_unknown_category_is_a_misuse(own: Path) -> None:
    code, out, err = run("--category", "concepts", "--course", str(own))
    assert (code, out) == (2, "")
    assert err.endswith(
        "Error: no glossary entry has the category 'concepts'\n    hint: did you mean 'concept'?\n"
    )


def test_control_characters_from_the_glossary_are_escaped(make_course: MakeCourse) -> None:
    root = make_course(
        {"glossary.yaml": '- term: "Red\\e[31m"\n  definition: "A \\e]0;title\\a trap."\n'}
    )
    code, out, _ = run("red", "--course", str(root))
    assert code == 0 and "\x1b" not in out and "\x07" not in out
    assert out.startswith("Red\\x1b[31m\n") and "A \\x1b]0;title\\x07 trap." in out


def test_the_bank_is_searched_when_the_course_uses_it(make_course: MakeCourse) -> None:
    root = make_course({"course.yaml": "title: T\n", "glossary.yaml": ""})
    code, out, _ = run("NPT", "--course", str(root))
    assert code == 0
    assert out.startswith("NPT (") and out.split("\n")[1] == "  source      built-in"
    code, out, _ = run("--course", str(root))
    assert code == 0 and f"{len(builtin_entries())} built-in" in out.splitlines()[-1]


def test_a_course_entry_that_replaces_a_built_in_one_says_so(make_course: MakeCourse) -> None:
    root = make_course({"course.yaml": "title: T\n"})  # the default glossary has START
    code, out, _ = run("START", "--course", str(root))
    assert code == 0
    assert out.startswith(
        "START (Strategic Arms Reduction Treaty)\n"
        "  source      glossary.yaml:1 (replaces the built-in entry)\n"
    )


def _bank_file(term: str) -> str:
    """The bank file that holds `- term: <term>`."""
    folder = resources.files("coursegen") / "data" / "glossary"
    return next(
        item.name
        for item in folder.iterdir()
        if f"\n- term: {term}\n" in "\n" + item.read_text(encoding="utf-8")
    )


def test_copy_appends_the_built_in_entry_and_leaves_the_file_as_it_was(
    make_course: MakeCourse,
) -> None:
    root = make_course({})
    before = (root / "glossary.yaml").read_bytes()
    code, out, err = run("--copy", "Non-Proliferation Treaty", "--course", str(root))
    after = (root / "glossary.yaml").read_bytes()
    assert (code, err) == (0, "")
    assert after.startswith(before)
    added = after[len(before) :].decode()
    assert added.startswith(
        "\n"
        f"# Copied from coursegen's built-in term bank ({_bank_file('NPT')}). Edit it as you wish\n"
        "# (definition, aliases, see).\n"
        "- term: NPT\n"
    )
    last = after.decode().count("\n")
    assert out == (
        f"copied 'NPT' from the built-in term bank to glossary.yaml:15 (lines 13–{last})\n"
        "edit it there: it is the entry the course uses from now on (glossary.yaml)\n"
    )
    course = load_course(root)
    assert not course.errors
    copied = course.glossary.lookup("NPT")
    bank = next(e for e in builtin_entries() if e.term == "NPT")
    assert copied is not None and copied.source == "glossary.yaml"
    assert (copied.definition, copied.aliases, copied.see, copied.expansion) == (
        bank.definition,
        bank.aliases,
        bank.see,
        bank.expansion,
    )
    assert [e.term for e in entries_from_yaml(after.decode(), "g", "g")[0]] == [
        "START",
        "P5+1",
        "Quartet",
        "G20",
        "NPT",
    ]


def test_copy_creates_glossary_yaml_and_says_it_replaces_the_built_in_entry(
    make_course: MakeCourse,
) -> None:
    root = make_course({"course.yaml": "title: T\nlanguage: fr\n"})
    (root / "glossary.yaml").unlink()
    code, _, _ = run("--copy", "nato", "--course", str(root))
    text = (root / "glossary.yaml").read_text(encoding="utf-8")
    assert code == 0
    assert text.startswith(
        f"# Copied from coursegen's built-in term bank ({_bank_file('NATO')}). Edit it as you "
        "wish\n# (definition, aliases, see); it replaces the built-in 'NATO'.\n- term: NATO\n"
    )
    assert text.endswith("\n  language: en\n")  # the bank is in English; the course in French
    entry = load_course(root).glossary.lookup("NATO")
    assert entry is not None and entry.source == "glossary.yaml" and entry.language == "en"


def test_copy_keeps_windows_line_ends(make_course: MakeCourse) -> None:
    old = GLOSSARY.replace("\n", "\r\n").encode()
    root = make_course({"glossary.yaml": old})
    assert run("--copy", "NPT", "--course", str(root))[0] == 0
    after = (root / "glossary.yaml").read_bytes()
    assert after.startswith(old) and b"\n" not in after[len(old) :].replace(b"\r\n", b"")


@pytest.mark.parametrize(
    ("glossary", "args", "status", "error"),
    [
        (
            GLOSSARY,
            ("--copy", "start"),
            1,
            "Error: glossary.yaml already has an entry 'START' (line 1)\n"
            "    hint: edit that entry instead: it is the one the course uses\n",
        ),
        (
            GLOSSARY + "- term: Treaty on the NPT\n  aliases: [NPT]\n  definition: The treaty.\n",
            ("--copy", "NPT"),
            1,
            "Error: glossary.yaml already has an entry 'Treaty on the NPT' (line 12) named "
            "'NPT', as the built-in 'NPT' is\n"
            "    hint: edit that entry instead, or remove 'NPT' from it first\n",
        ),
        (
            "- term: NPT\n  alias: [Non-Proliferation Treaty]\n",
            ("--copy", "NATO"),
            1,
            "Error: glossary.yaml has errors, so nothing was added to it\n"
            "    hint: run 'coursegen check', correct them, then copy the entry again\n",
        ),
        (
            "[]\n",
            ("--copy", "NATO"),
            1,
            "Error: 'NATO' cannot be appended to glossary.yaml as it ends now\n"
            "    hint: end the file with a list of entries written '- term: …' (not [ … ]), "
            "or add the entry by hand\n",
        ),
        (
            GLOSSARY,
            ("--copy", "Treaty of Nowhere"),
            2,
            "Error: the built-in term bank has no entry 'Treaty of Nowhere'\n"
            "    hint: search it with 'coursegen glossary WORD' (a built-in entry shows "
            "'built-in')\n",
        ),
        (
            GLOSSARY,
            ("--copy", "Non-Proliferation Treety"),
            2,
            "Error: the built-in term bank has no entry 'Non-Proliferation Treety'\n"
            "    hint: did you mean 'Non-Proliferation Treaty'?\n",
        ),
        (
            GLOSSARY,
            ("security", "--copy", "NPT"),
            2,
            "Error: --copy copies one entry: give it without a QUERY or --category\n",
        ),
    ],
)
def test_copy_refusals_change_nothing(
    make_course: MakeCourse, glossary: str, args: tuple[str, ...], status: int, error: str
) -> None:
    root = make_course({"glossary.yaml": glossary})
    before = snapshot(root)
    code, out, err = run(*args, "--course", str(root))
    assert (code, out) == (status, "")
    assert err.endswith(error) and (status == 2 or err == error)
    assert snapshot(root) == before


def test_every_built_in_entry_can_be_copied_as_the_bank_writes_it() -> None:
    blocks = bank_blocks()
    for entry in builtin_entries():
        block = blocks[entry.term.casefold()]
        copied, problems = entries_from_yaml(block.text, block.file, "glossary.yaml")
        assert not problems, (entry.term, problems)
        assert [(e.term, e.definition, e.aliases, e.see, e.category) for e in copied] == [
            (entry.term, entry.definition, entry.aliases, entry.see, entry.category)
        ]


def test_names_in_other_languages_are_searched_and_shown(make_course: MakeCourse) -> None:
    root = make_course(
        {
            "glossary.yaml": (
                "- term: Weimar Triangle\n  definition: France, Germany and Poland.\n"
                "  names:\n    fr: [triangle de Weimar]\n    de: [Weimarer Dreieck]\n"
            )
        }
    )
    code, out, _ = run("weimarer dreieck", "--course", str(root), "--width", "0")
    assert code == 0
    assert out.startswith(
        "Weimar Triangle\n"
        "  source      glossary.yaml:1\n"
        "  names       fr: triangle de Weimar\n"
        "              de: Weimarer Dreieck\n"
        "  definition  France, Germany and Poland.\n"
    )
