"""The library API that scripts, the preview and importers use without the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import coursegen
from coursegen.cli import main

from conftest import MakeCourse, snapshot


def test_open_course_collects_problems_and_raises_only_for_no_course(
    make_course: MakeCourse, tmp_path: Path
) -> None:
    root = make_course({"lessons/bad.yaml": "title: Bad\n"})
    course = coursegen.open_course(root)
    assert [d.message for d in course.errors] == ["missing required key 'readings'"]
    assert sorted(course.lessons) == ["l"]
    with pytest.raises(coursegen.CoursegenError, match="is not a course folder"):
        coursegen.open_course(tmp_path)
    with pytest.raises(coursegen.CoursegenError, match="does not exist"):
        coursegen.open_course(tmp_path / "nowhere")


def test_a_lesson_carries_its_glossary_resolved_at_load(make_course: MakeCourse) -> None:
    lesson = coursegen.open_course(make_course({})).lessons["l"]
    assert [(u.entry.term, u.places()) for u in lesson.glossary] == [
        ("G20", "A ¶1"),
        ("P5+1", "A ¶2"),
        ("Quartet", "A ¶2"),
        ("START", "A ¶1"),
    ]


def test_naming_a_lesson_twice_selects_it_once(make_course: MakeCourse) -> None:
    course = coursegen.open_course(make_course({}))
    assert coursegen.select_lessons(course, ["l", "lessons/l.yaml", Path("l")]) == ["l"]
    assert coursegen.select_lessons(course, []) is None
    with pytest.raises(coursegen.CoursegenError, match=r"no lesson 'x' in .*lessons"):
        coursegen.select_lessons(course, ["x"])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "yesterday",
            "Error: SOURCE_DATE_EPOCH is 'yesterday', not a number of seconds since 1970\n"
            "    hint: unset it, or set it to a whole number such as 1700000000\n",
        ),
        (
            "99999999999999",
            "Error: SOURCE_DATE_EPOCH is '99999999999999', not a number of seconds since 1970\n"
            "    hint: unset it, or set it to a whole number such as 1700000000\n",
        ),
        (
            "0",
            "Error: SOURCE_DATE_EPOCH is '0', a date (1970) that a DOCX cannot record\n"
            "    hint: use a date between 1980 and 2107, e.g. 1700000000\n",
        ),
    ],
)
def test_an_invalid_source_date_epoch_stops_the_build_before_writing(
    make_course: MakeCourse, monkeypatch: pytest.MonkeyPatch, value: str, message: str
) -> None:
    root = make_course({})
    before = snapshot(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = CliRunner().invoke(main, ["build", "--course", str(root), "-j", "1"])
    assert result.exit_code == 2
    assert result.stderr.endswith(message)
    assert "Traceback" not in result.output
    assert snapshot(root) == before
