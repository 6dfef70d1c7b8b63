"""Moodle XML: the published course's questions as a question bank and its glossary as a glossary
import, read back as Moodle reads them (the XML, then the HTML inside each text field)."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml

from coursegen.builder import BuildOptions, build
from coursegen.content.course import load_course

from conftest import REPO, MakeCourse

SAMPLE = ("course.yaml", "glossary.yaml", "articles", "lessons")


def _publish(root: Path) -> Path:
    options = BuildOptions(out_dir=root / "output", publish=True, formats=("moodle",))
    report = build(load_course(root), None, options)
    assert report.ok, report
    assert sorted(report.built) == ["course.moodle.xml", "glossary.moodle.xml"]
    return root / "output"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("moodle") / "course"
    root.mkdir()
    for name in SAMPLE:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name)
        else:
            shutil.copy2(REPO / name, root / name)
    return _publish(root)


def _words(html: str) -> str:
    """The text a reader sees in an HTML field, whitespace folded."""
    return " ".join(lxml.html.fragment_fromstring(html, create_parent="div").text_content().split())


def _fold(text: str) -> str:
    return " ".join(text.split())


def _field(question: ET.Element, tag: str) -> str:
    element = question.find(f"{tag}/text")
    assert element is not None, tag
    return element.text or ""


def _bank(output: Path) -> list[tuple[str, list[ET.Element]]]:
    """Each category path with the essay questions under it, in file order."""
    quiz = ET.parse(output / "course.moodle.xml").getroot()
    assert quiz.tag == "quiz"
    bank: list[tuple[str, list[ET.Element]]] = []
    for question in quiz.findall("question"):
        if question.get("type") == "category":
            bank.append((_field(question, "category"), []))
        else:
            assert question.get("type") == "essay"
            bank[-1][1].append(question)
    return bank


def _lessons() -> list[dict[str, Any]]:
    lessons = [yaml.safe_load(p.read_text("utf-8")) for p in sorted(REPO.glob("lessons/*.yaml"))]
    return sorted(lessons, key=lambda lesson: lesson["week"])


def test_every_discussion_question_is_an_essay_under_its_lesson(sample: Path) -> None:
    bank = _bank(sample)
    lessons = _lessons()
    course = "Russia and the West after the Cold War"
    assert [path for path, _ in bank] == [
        f"$course$/top/{course}/Week {lesson['week']}: {lesson['title']}" for lesson in lessons
    ]
    for (_, essays), lesson in zip(bank, lessons, strict=True):
        assert len(essays) == len(lesson["questions"])
        for number, (essay, spec) in enumerate(zip(essays, lesson["questions"], strict=True), 1):
            assert _field(essay, "name").startswith(f"Question {number}: ")
            assert essay.find("questiontext").get("format") == "html"  # type: ignore[union-attr]
            asked = _words(_field(essay, "questiontext"))
            assert _fold(spec["question"]) in asked
            for excerpt in spec["excerpts"]:  # the passages it cites, to answer from
                assert f"Excerpt {excerpt}" in asked
            assert "¶" in asked and "Source:" in asked
            grader = _words(_field(essay, "graderinfo"))
            level = spec["level"].capitalize()
            assert f"Question {number} · {level} · {spec['minutes']} min" in grader
            assert _fold(spec["notes"]) in grader
            assert essay.findtext("responseformat") == "editor"
            assert essay.findtext("responserequired") == "1"


def test_grader_information_cites_the_paragraphs(sample: Path) -> None:
    essays = dict(_bank(sample))
    replacing = next(e for path, e in essays.items() if "Replacing START" in path)
    grader = _words(_field(replacing[0], "graderinfo"))  # cites excerpt A: paragraphs 5-7
    assert "Excerpt A, ¶5–7" in grader


def _glossary(output: Path) -> dict[str, ET.Element]:
    root = ET.parse(output / "glossary.moodle.xml").getroot()
    assert root.tag == "GLOSSARY"
    entries = root.findall("INFO/ENTRIES/ENTRY")
    concepts = [entry.findtext("CONCEPT") or "" for entry in entries]
    assert len(set(concepts)) == len(concepts)
    return dict(zip(concepts, entries, strict=True))


def _aliases(entry: ET.Element) -> list[str]:
    return [alias.findtext("NAME") or "" for alias in entry.findall("ALIASES/ALIAS")]


def test_the_glossary_imports_every_course_term_with_its_aliases(sample: Path) -> None:
    entries = _glossary(sample)
    course = load_course(sample.parent)
    lessons = course.lessons.values()
    terms = {use.entry.term for lesson in lessons for use in lesson.glossary}
    assert set(entries) == terms
    own = {e["term"]: e for e in yaml.safe_load((REPO / "glossary.yaml").read_text("utf-8"))}
    for term in terms & set(own):
        entry, spec = entries[term], own[term]
        assert entry.findtext("FORMAT") == "1"  # HTML
        assert _fold(spec["definition"]) in _words(entry.findtext("DEFINITION") or "")
        expected = set(spec.get("aliases", [])) | (
            {spec["expansion"]} if "expansion" in spec else set()
        )
        assert expected <= set(_aliases(entry)), term
    assert set(_aliases(entries["START"])) == {"START I", "Strategic Arms Reduction Treaty"}


def test_acronyms_link_only_as_written(sample: Path) -> None:
    """Moodle's auto-linking must not turn the verb 'start' into a link to START."""
    entries = _glossary(sample)
    for acronym in ("START", "NATO", "G20", "P5+1", "New START", "Quartet"):
        assert entries[acronym].findtext("CASESENSITIVE") == "1", acronym
        assert entries[acronym].findtext("FULLMATCH") == "1", acronym
    for concept in ("reset", "missile defense", "indivisible security"):
        assert entries[concept].findtext("CASESENSITIVE") == "0", concept
        assert entries[concept].findtext("FULLMATCH") == "1", concept  # not inside 'preset'
        assert entries[concept].findtext("USEDYNALINK") == "1"


HOSTILE_GLOSSARY = """\
- term: START
  expansion: Strategic Arms <Reduction> Treaty
  definition: 'Ends a CDATA section ]]> and opens a tag <b>not bold</b> & "quotes".'
- term: Quartet
  case_sensitive: true
  definition: The UN, EU, US and Russia.
"""

HOSTILE_LESSON = """\
title: Arms / control & <trust>
week: 2
readings:
  - article: test-article
    excerpts:
      - id: A
        paragraphs: 1-2
questions:
  - question: Is <b>this</b> bold, or does "]]>" end it?
    excerpts: [A]
    level: analyze
    minutes: 10
    notes: Watch for <script>alert(1)</script> & ]]> in notes.
"""


def test_special_characters_survive(make_course: MakeCourse) -> None:
    root = make_course({"glossary.yaml": HOSTILE_GLOSSARY, "lessons/l.yaml": HOSTILE_LESSON})
    output = _publish(root)
    ((path, [essay]),) = _bank(output)
    assert path.endswith("/Week 2: Arms // control & <trust>")  # Moodle reads '//' as '/'
    assert 'Is <b>this</b> bold, or does "]]>" end it?' in _words(_field(essay, "questiontext"))
    grader = _words(_field(essay, "graderinfo"))
    assert "Watch for <script>alert(1)</script> & ]]> in notes." in grader
    start = _glossary(output)["START"]
    definition = _words(start.findtext("DEFINITION") or "")
    assert 'Ends a CDATA section ]]> and opens a tag <b>not bold</b> & "quotes".' in definition
    assert "Strategic Arms <Reduction> Treaty" in _aliases(start)


def test_two_publishes_write_the_same_bytes(sample: Path, tmp_path: Path) -> None:
    copy = tmp_path / "course"
    shutil.copytree(sample.parent, copy, ignore=shutil.ignore_patterns("output"))
    again = _publish(copy)
    for name in ("course.moodle.xml", "glossary.moodle.xml"):
        assert (again / name).read_bytes() == (sample / name).read_bytes()
