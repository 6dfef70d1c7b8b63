"""A course folder from someone else cannot run code through its templates or print files from
outside its templates/ folder (issue: sharing courses safely)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from coursegen import open_course
from coursegen.cli import main
from coursegen.documents import planned_documents
from coursegen.render.html import HtmlRenderer, TemplateProblem

from conftest import MakeCourse

STAMP = dt.datetime(2000, 1, 1)
ESCAPE = "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}"


def handout_html(root: Path) -> str:
    course = open_course(root)
    planned = planned_documents(course, ["l"], whole_course=False)[0]
    return HtmlRenderer(root / "templates", STAMP).render(planned.document)


@pytest.fixture
def no_processes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import coursegen.render.weasy  # noqa: F401  (loading Pango may look for libraries: before the patch)

    spawned: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        spawned.append(repr(args))
        raise AssertionError("a template tried to start a process")

    monkeypatch.setattr(os, "popen", refuse)
    monkeypatch.setattr(os, "system", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    return spawned


def test_a_template_cannot_run_code(
    make_course: MakeCourse, no_processes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_course({"templates/handout.html": ESCAPE})
    monkeypatch.chdir(root)
    result = CliRunner().invoke(
        main, ["build", "--course", str(root), "l", "--format", "pdf", "-j", "1"]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "error: l/handout.pdf: could not be rendered: templates/handout.html:1: "
        "access to attribute '__init__' of 'type' object is unsafe.\n"
    )
    assert no_processes == []
    assert not (root / "MARKER").exists() and not Path("MARKER").exists()
    assert not (root / "output/l/handout.pdf").exists()


def test_a_template_cannot_loop_without_end(make_course: MakeCourse) -> None:
    root = make_course({"templates/handout.html": "{% for i in range(10**12) %}x{% endfor %}"})
    with pytest.raises(TemplateProblem, match=r"^templates/handout\.html:1: Range too big"):
        handout_html(root)


def test_a_template_symlinked_outside_the_course_is_not_read(
    make_course: MakeCourse, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    root = make_course({"templates/x": ""})
    (root / "templates/x").unlink()
    (root / "templates/secret.html").symlink_to(secret)
    (root / "templates/handout.html").write_text('{% include "secret.html" %}', encoding="utf-8")
    with pytest.raises(TemplateProblem, match=r"secret\.html") as refused:
        handout_html(root)
    assert "TOP SECRET" not in str(refused.value)
    (root / "templates/handout.html").write_text(
        '{% include "../../secret.txt" %}', encoding="utf-8"
    )
    with pytest.raises(TemplateProblem, match=r"secret\.txt"):
        handout_html(root)


def test_custom_css_is_css_not_a_template(make_course: MakeCourse) -> None:
    root = make_course({"templates/custom.css": "/* {{ 7*7 }} */ h1 { color: red }</style><p>"})
    html = handout_html(root)
    assert "/* {{ 7*7 }} */ h1 { color: red }<\\/style><p>" in html
    assert "49" not in html
