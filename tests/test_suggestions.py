"""'did you mean …?' only for a name that is really close to the one typed (issue 13)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from coursegen.cli import main
from coursegen.errors import did_you_mean

from conftest import MakeCourse

TERMS = [
    "SEATO",
    "NATO",
    "P5+1",
    "Quartet",
    "G20",
    "non-state actor",
    "Non-Proliferation Treaty",
    "language",
    "aliases",
]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Quartett", "Quartet"),  # one letter too many
        ("P5 + 1", "P5+1"),  # spaces
        ("nato", "NATO"),  # capitals only
        ("nonstate actor", "non-state actor"),  # a hyphen
        ("non-state acotr", "non-state actor"),  # two letters swapped
        ("langauge", "language"),
        ("lang", "language"),  # the first half of it
        ("alias", "aliases"),
    ],
)
def test_a_close_name_is_suggested(typed: str, meant: str) -> None:
    assert did_you_mean(typed, TERMS) == f"did you mean '{meant}'?"


@pytest.mark.parametrize(
    "typed",
    [
        "veto",  # two slips from 'seato', and an acronym is not suggested for a word
        "vote",
        "NAT0S",  # two slips in five characters
        "G7",  # two slips in three characters
        "la",
        "state",
        "nonproliferation regime",  # a word changed: not a slip for 'non-proliferation treaty'
    ],
)
def test_nothing_is_suggested_when_nothing_is_close(typed: str) -> None:
    assert did_you_mean(typed, TERMS) is None


def test_names_of_two_characters_must_be_exact_but_for_capitals() -> None:
    assert did_you_mean("EC", ["EU", "UN"]) is None
    assert did_you_mean("eu", ["EU", "UN"]) == "did you mean 'EU'?"


def test_a_lesson_term_veto_gets_no_seato_suggestion(make_course: MakeCourse) -> None:
    root = make_course(
        {
            "glossary.yaml": (
                "- term: SEATO\n  expansion: Southeast Asia Treaty Organization\n"
                "  definition: A Cold War alliance in Southeast Asia (1954–1977).\n"
            ),
            "lessons/l.yaml": (
                "title: T\nreadings:\n  - article: test-article\nglossary:\n  terms: [veto]\n"
            ),
        }
    )
    result = CliRunner().invoke(main, ["check", "--course", str(root)])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "lessons/l.yaml:5:11: error: glossary term 'veto' is not defined in the glossary\n"
        "    hint: define it in glossary.yaml (term: and definition:)\n"
    )
