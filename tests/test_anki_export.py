"""The Anki deck of the course glossary, opened as Anki opens it: the .apkg zip, then its
collection.anki2 with sqlite3. What a student cares about: one card per term, and a new version
of the deck updates the cards already studied instead of adding duplicates (same note ids and
guids after a definition is edited)."""

from __future__ import annotations

import html
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from coursegen.builder import BuildOptions, build
from coursegen.content.course import load_course

from conftest import REPO, MakeCourse

SAMPLE = ("course.yaml", "glossary.yaml", "articles", "lessons")
FIELDS = ["Term", "Expansion", "Definition", "See also", "Language"]


def _copy_sample(root: Path) -> Path:
    root.mkdir(parents=True)
    for name in SAMPLE:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name)
        else:
            shutil.copy2(REPO / name, root / name)
    return root


def _publish(root: Path) -> bytes:
    options = BuildOptions(out_dir=root / "output", publish=True, formats=("anki",))
    report = build(load_course(root), None, options)
    assert report.ok, report
    return (root / "output/glossary.apkg").read_bytes()


def _notes(apkg: bytes, folder: Path) -> dict[str, dict[str, object]]:
    """Each note by term: its ids, guid and fields (unescaped), and its cards' ids."""
    with zipfile.ZipFile(io.BytesIO(apkg)) as archive:
        assert archive.namelist() == ["collection.anki2", "media"]
        assert json.loads(archive.read("media")) == {}
        (folder / "collection.anki2").write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(folder / "collection.anki2")
    try:
        (models,) = connection.execute("SELECT models FROM col").fetchone()
        (model,) = json.loads(models).values()
        assert [field["name"] for field in model["flds"]] == FIELDS
        notes: dict[str, dict[str, object]] = {}
        for note_id, guid, fields in connection.execute("SELECT id, guid, flds FROM notes"):
            values = dict(zip(FIELDS, map(html.unescape, fields.split("\x1f")), strict=True))
            cards = [
                c for (c,) in connection.execute("SELECT id FROM cards WHERE nid = ?", (note_id,))
            ]
            notes[values["Term"]] = {"id": note_id, "guid": guid, "cards": cards, **values}
        assert len(notes) == connection.execute("SELECT count(*) FROM notes").fetchone()[0]
        return notes
    finally:
        connection.close()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    root = _copy_sample(tmp_path_factory.mktemp("anki") / "course")
    return root, _publish(root)


def test_one_note_per_course_glossary_term(sample: tuple[Path, bytes], tmp_path: Path) -> None:
    root, apkg = sample
    notes = _notes(apkg, tmp_path)
    course = load_course(root)
    terms = {use.entry.term for lesson in course.lessons.values() for use in lesson.glossary}
    assert set(notes) == terms
    assert all(len(note["cards"]) == 1 for note in notes.values())  # type: ignore[arg-type]
    own = {e["term"]: e for e in yaml.safe_load((REPO / "glossary.yaml").read_text("utf-8"))}
    start = notes["START"]
    assert start["Definition"] == " ".join(own["START"]["definition"].split())
    assert "Strategic Arms Reduction Treaty" in str(start["Expansion"])
    assert "New START" in str(start["See also"])
    assert start["Language"] == "en"
    ids = [note["id"] for note in notes.values()]
    assert len(set(ids)) == len(ids)


def test_editing_a_definition_keeps_every_note(tmp_path: Path) -> None:
    """Anki updates a note it already has (same guid) on import: editing one definition must
    keep every note id, card id and guid, and change only that note's definition."""
    root = _copy_sample(tmp_path / "course")
    before = _notes(_publish(root), tmp_path)
    glossary = root / "glossary.yaml"
    old = "that strictly limited each side's"
    text = glossary.read_text("utf-8")
    assert text.count(old) == 1  # the ABM Treaty's
    glossary.write_text(text.replace(old, "that limited each side's"), encoding="utf-8")
    after = _notes(_publish(root), tmp_path)
    assert set(after) == set(before)
    for term, note in after.items():
        assert (note["id"], note["guid"], note["cards"]) == (
            before[term]["id"],
            before[term]["guid"],
            before[term]["cards"],
        ), term
    assert "that limited each side's" in str(after["ABM Treaty"]["Definition"])
    assert after["ABM Treaty"]["Definition"] != before["ABM Treaty"]["Definition"]
    changed = [t for t in after if after[t]["Definition"] != before[t]["Definition"]]
    assert changed == ["ABM Treaty"]


def test_two_publishes_in_separate_processes_write_the_same_bytes(tmp_path: Path) -> None:
    """Time passes between the two builds, each in its own process; neither leaves a temporary
    file behind (TMPDIR is an empty folder that must stay empty)."""
    root = _copy_sample(tmp_path / "course")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    environment = {**os.environ, "TMPDIR": str(scratch)}
    environment.pop("SOURCE_DATE_EPOCH", None)
    packages = []
    for run in ("first", "second"):
        if packages:
            time.sleep(1.1)  # between the two builds
        out = tmp_path / run
        command = [sys.executable, "-c", "from coursegen.cli import main; main()", "publish"]
        command += ["--course", str(root)]
        command += ["--format", "anki", "--out", str(out)]
        done = subprocess.run(command, env=environment, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        packages.append((out / "glossary.apkg").read_bytes())
        assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
            "glossary.apkg"
        ]
    assert packages[0] == packages[1]
    assert list(scratch.iterdir()) == []


FRENCH_TERM = """\
- term: START
  expansion: Strategic Arms Reduction Treaty
  definition: A 1991 US–Soviet treaty, with <angle brackets> & an ampersand.
- term: P5+1
  language: fr
  definition: Les cinq membres permanents du Conseil de sécurité et l'Allemagne.
"""


def test_a_term_in_another_language_is_marked_on_its_card(
    make_course: MakeCourse, tmp_path: Path
) -> None:
    root = make_course({"glossary.yaml": FRENCH_TERM})
    notes = _notes(_publish(root), tmp_path)
    assert notes["P5+1"]["Language"] == "fr"
    assert notes["START"]["Language"] == "en"
    assert notes["START"]["Definition"] == (
        "A 1991 US–Soviet treaty, with <angle brackets> & an ampersand."
    )
    connection = sqlite3.connect(tmp_path / "collection.anki2")
    (models,) = connection.execute("SELECT models FROM col").fetchone()
    connection.close()
    (template,) = next(iter(json.loads(models).values()))["tmpls"]
    assert 'lang="{{Language}}">{{Term}}' in template["qfmt"]
    assert 'lang="{{Language}}"' in template["afmt"] and "{{Definition}}" in template["afmt"]
