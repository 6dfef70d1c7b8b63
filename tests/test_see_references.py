"""`check` warns about a `see:` name in glossary.yaml that no entry has (issue 13)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from coursegen.cli import main
from coursegen.content.course import load_course

from conftest import GLOSSARY, REPO, MakeCourse

CHARTER = """\
- term: UN Charter
  aliases: [Charter of the United Nations]
  definition: The UN's founding treaty, signed in San Francisco on 26 June 1945.
"""


def check(root: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--course", str(root)])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def test_a_misspelt_see_name_is_a_warning_at_its_place_with_a_suggestion(
    make_course: MakeCourse,
) -> None:
    root = make_course(
        {
            "glossary.yaml": GLOSSARY
            + CHARTER
            + "- term: UNSC\n  definition: The Security Council.\n  see: [UN Charta, P5+1]\n"
        }
    )
    assert check(root) == (
        0,
        "checked 1 lesson, 1 article, 6 glossary entries: 1 warning\n",
        "glossary.yaml:17:9: warning: 'UNSC' says see 'UN Charta', but the glossary has no "
        "entry 'UN Charta'\n"
        "    hint: did you mean 'UN Charter'?\n",
    )


def test_a_see_name_like_no_entry_gets_a_hint_to_add_it(make_course: MakeCourse) -> None:
    root = make_course(
        {
            "glossary.yaml": GLOSSARY.replace(
                "  definition: A forum of major economies.\n",
                "  definition: A forum of major economies.\n  see:\n    - G7\n    - Bretton Woods\n",
            )
        }
    )
    code, _, err = check(root)
    assert code == 0
    assert err == (
        "glossary.yaml:13:7: warning: 'G20' says see 'G7', but the glossary has no entry 'G7'\n"
        "    hint: add an entry 'G7' to glossary.yaml, or correct the name: students read "
        '"See also: G7"\n'
        "glossary.yaml:14:7: warning: 'G20' says see 'Bretton Woods', but the glossary has no "
        "entry 'Bretton Woods'\n"
        "    hint: add an entry 'Bretton Woods' to glossary.yaml, or correct the name: students "
        'read "See also: Bretton Woods"\n'
    )


def test_a_see_name_may_be_an_alias_or_differ_in_capitals(make_course: MakeCourse) -> None:
    root = make_course(
        {
            "glossary.yaml": GLOSSARY
            + CHARTER
            + "- term: UNSC\n  definition: The Council.\n  see: [charter of the united nations, UN charter]\n"
        }
    )
    assert check(root)[2] == ""


def test_a_see_name_in_the_bank_is_known_when_the_bank_is_used(make_course: MakeCourse) -> None:
    glossary = (
        "- term: Security Council\n  definition: The Council.\n  see: [NATO, Treaty of Nowhere]\n"
    )
    root = make_course({"course.yaml": "title: T\n", "glossary.yaml": glossary})
    assert [d.message for d in load_course(root).diagnostics if d.path == "glossary.yaml"] == [
        "'Security Council' says see 'Treaty of Nowhere', but the glossary has no entry "
        "'Treaty of Nowhere'"
    ]
    root = make_course({"glossary.yaml": glossary})  # builtin_glossary: false
    assert [d.col for d in load_course(root).diagnostics if d.path == "glossary.yaml"] == [9, 15]


def test_an_entry_with_errors_is_not_checked_for_references(make_course: MakeCourse) -> None:
    root = make_course({"glossary.yaml": "- term: UNSC\n  see: [UN Charta]\n"})
    code, _, err = check(root)
    assert code == 1
    assert "UN Charta" not in err and "glossary.yaml:1:3: error: missing required key" in err


def test_the_sample_course_has_no_broken_references() -> None:
    course = load_course(REPO)
    assert not [d for d in course.diagnostics if "says see" in d.message]
