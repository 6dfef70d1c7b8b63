"""Golden HTML: every page of the sample course, as the templates render it, is committed in
tests/golden/<lesson>/<document>.html (and glossary.html); a change to what a page says or how
it is marked up shows here as a diff. Fast: Jinja2 only, no PDF or DOCX.

After an intended change, refresh the snapshots and review them with `git diff tests/golden`:

    .venv/bin/pytest tests/test_golden.py --update-golden
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import pytest

from coursegen import open_course
from coursegen.documents import PlannedDocument, planned_documents
from coursegen.render import TEMPLATES_FOLDER
from coursegen.render.html import HtmlRenderer

from conftest import REPO

GOLDEN = Path(__file__).resolve().parent / "golden"
REFRESH = ".venv/bin/pytest tests/test_golden.py --update-golden"
STAMP = dt.datetime(2000, 1, 1)  # the builder's default date, whatever SOURCE_DATE_EPOCH says
MAX_DIFF_LINES = 300

SAMPLE = open_course(REPO)
PLANNED = planned_documents(SAMPLE, list(SAMPLE.lesson_files), whole_course=True)


@pytest.fixture(scope="module")
def renderer() -> HtmlRenderer:
    return HtmlRenderer(REPO / TEMPLATES_FOLDER, STAMP)


@pytest.fixture
def update(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def golden_path(planned: PlannedDocument) -> Path:
    return GOLDEN / f"{planned.stem}.html"


def test_the_sample_course_has_pages_to_compare() -> None:
    assert SAMPLE.errors == []
    assert len(PLANNED) == 4 * len(SAMPLE.lessons) + 1 and len(SAMPLE.lessons) >= 3


@pytest.mark.parametrize("planned", PLANNED, ids=[p.stem for p in PLANNED])
def test_the_page_matches_its_golden_html(
    planned: PlannedDocument, renderer: HtmlRenderer, update: bool
) -> None:
    path = golden_path(planned)
    rendered = renderer.render(planned.document)
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rendered.encode("utf-8"))
        return
    shown = path.relative_to(REPO).as_posix()
    if not path.is_file():
        pytest.fail(f"{shown} does not exist; write it with:\n    {REFRESH}", pytrace=False)
    expected = path.read_bytes().decode("utf-8")
    if rendered != expected:
        diff = list(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                rendered.splitlines(keepends=True),
                fromfile=f"{shown} (committed)",
                tofile=f"{shown} (rendered now)",
            )
        )
        if len(diff) > MAX_DIFF_LINES:
            left = len(diff) - MAX_DIFF_LINES
            diff = [*diff[:MAX_DIFF_LINES], f"... and {left} more lines of diff\n"]
        pytest.fail(
            f"{shown} is not what the templates render now:\n\n{''.join(diff)}\n"
            f"If the change is intended, refresh the snapshots with\n    {REFRESH}\n"
            "and review them with `git diff tests/golden` before committing.",
            pytrace=False,
        )


def test_every_golden_file_belongs_to_a_page(update: bool) -> None:
    expected = {golden_path(p) for p in PLANNED}
    stale = sorted(p for p in GOLDEN.rglob("*") if p.is_file() and p not in expected)
    if update:
        for path in stale:
            path.unlink()
        for folder in sorted(GOLDEN.rglob("*"), reverse=True):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        return
    assert not stale, (
        f"snapshots of pages the sample course no longer has: "
        f"{[p.relative_to(REPO).as_posix() for p in stale]}; remove them with\n    {REFRESH}"
    )
