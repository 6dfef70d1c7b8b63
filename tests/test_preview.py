"""`coursegen preview` over plain HTTP: pages, versions, problems, the event stream, the PDF, and
what it refuses to serve. (tests/test_preview_browser.py drives a real browser.)"""

from __future__ import annotations

import http.client
import io
import json
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from coursegen.preview import PreviewServer
from coursegen.preview.session import Session

from conftest import copy_sample_course

LESSON = "01-reset-crisis-of-trust"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return copy_sample_course(tmp_path / "course")


@pytest.fixture
def server(course: Path) -> Iterator[PreviewServer]:
    with PreviewServer(course) as running:
        yield running


def get(url: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_session_gives_new_versions_only_to_the_pages_that_changed(course: Path) -> None:
    session = Session(course)
    first = session.refresh()
    assert f"{LESSON}/handout" in first.changed and "glossary" in first.changed
    assert session.refresh().changed == []  # nothing changed, nothing new
    edit(course / "lessons" / f"{LESSON}.yaml", "London spirit", "spirit of London")
    changed = session.refresh().changed
    # the question is on the handout, the question sheets; not on any glossary
    assert sorted(changed) == [
        f"{LESSON}/handout",
        f"{LESSON}/questions",
        f"{LESSON}/questions-instructor",
    ]
    html, version = session.page(f"{LESSON}/handout") or ("", 0)
    assert "spirit of London" in html and f'data-version="{version}"' in html


def test_a_broken_lesson_is_a_problem_over_its_last_good_page_until_fixed(course: Path) -> None:
    session = Session(course)
    session.refresh()
    lesson = course / "lessons" / f"{LESSON}.yaml"
    good = lesson.read_text(encoding="utf-8")
    lesson.write_text(good.replace("title:", "title: [unclosed", 1), encoding="utf-8")
    state = session.refresh()
    assert state.changed == []
    assert state.problems == [
        {
            "where": f"lessons/{LESSON}.yaml:2:5",
            "severity": "error",
            "message": "YAML syntax error: did not find expected ',' or ']'",
            "hint": "",
        }
    ]
    assert session.page(f"{LESSON}/handout") is not None  # the last good page stays
    lesson.write_text(good, encoding="utf-8")
    assert session.refresh().problems == []


def test_the_server_serves_pages_and_nothing_of_the_disk(server: PreviewServer) -> None:
    status, _, index = get(server.url)
    assert status == 200 and f'href="/{LESSON}/handout.html"'.encode() in index
    status, headers, page = get(f"{server.url}{LESSON}/handout.html")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert b'id="coursegen-problems"' in page and b"EventSource" in page
    for path in (
        "../course.yaml",
        "%2e%2e/course.yaml",
        "..%2fcourse.yaml",
        "course.yaml",
        "articles/",
        "lessons/",
        f"lessons/{LESSON}.yaml",
        "/etc/passwd",
        f"{LESSON}/../glossary.html",
        f"{LESSON}/nonsense.html",
        "no-such-lesson/handout.html",
    ):
        status, _, body = get(server.url + path)
        assert status == 404, path
        assert b"title:" not in body and b"root:" not in body


def test_a_request_for_another_host_is_refused(server: PreviewServer) -> None:
    """A page on another site that renames its host to 127.0.0.1 (DNS rebinding) gets nothing."""
    status, _, body = get(f"{server.url}{LESSON}/handout.html", host="attacker.example")
    assert status == 403 and b"Lavrov" not in body


def test_the_server_listens_on_the_loopback_interface_only(server: PreviewServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    assert server._http is not None and server._http.server_address[0] == "127.0.0.1"


def read_event(stream: http.client.HTTPResponse) -> dict[str, object]:
    while True:
        line = stream.readline()
        assert line, "the event stream closed"
        if line.startswith(b"data: "):
            event: dict[str, object] = json.loads(line[6:])
            return event


def test_a_save_is_announced_on_the_event_stream(server: PreviewServer, course: Path) -> None:
    connection = http.client.HTTPConnection(server.url[7:-1], timeout=30)
    connection.request("GET", "/events")
    stream = connection.getresponse()
    assert stream.headers["Content-Type"] == "text/event-stream"
    now = read_event(stream)
    assert now["problems"] == []
    edit(course / "lessons" / f"{LESSON}.yaml", "London spirit", "spirit of London")
    event = read_event(stream)
    while not event["changed"]:  # a PDF made meanwhile is announced too
        event = read_event(stream)
    assert f"{LESSON}/handout" in event["changed"]  # type: ignore[operator]
    connection.close()


@pytest.mark.render
def test_the_pdf_of_an_open_page_follows_its_edits(server: PreviewServer, course: Path) -> None:
    _, headers, _ = get(f"{server.url}{LESSON}/handout.html")
    edit(course / "lessons" / f"{LESSON}.yaml", "London spirit", "spirit of Londinium")
    deadline = time.monotonic() + 30
    while True:  # until the server has seen the save
        _, headers, page = get(f"{server.url}{LESSON}/handout.html")
        if b"spirit of Londinium" in page or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    status, pdf_headers, pdf = get(f"{server.url}{LESSON}/handout.pdf")
    assert status == 200 and pdf_headers["Content-Type"] == "application/pdf"
    assert pdf_headers["X-Coursegen-Version"] == headers["X-Coursegen-Version"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "spirit of Londinium" in " ".join(text.split())


def test_a_template_with_a_mistake_is_said_in_the_page_and_the_problems(course: Path) -> None:
    session = Session(course)
    session.refresh()
    (course / "templates").mkdir()
    broken = '{% extends "builtin/handout.html" %}{% block heading %}{{ doc.nope }}{% endblock %}'
    (course / "templates" / "handout.html").write_text(broken, encoding="utf-8")
    state = session.refresh()
    assert f"{LESSON}/handout" in state.changed  # the templates are part of every page
    html, _ = session.page(f"{LESSON}/handout") or ("", 0)
    assert "This page cannot be shown" in html and "templates/handout.html:1:" in html
    assert "nope" in html
    (course / "templates" / "handout.html").unlink()
    state = session.refresh()
    html, _ = session.page(f"{LESSON}/handout") or ("", 0)
    assert "Lavrov" in html and "This page cannot be shown" not in html


def test_a_port_in_use_is_said_plainly(course: Path) -> None:
    from click.testing import CliRunner

    from coursegen.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["preview", "--course", str(course), "--port", str(port)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: cannot serve on port {port} (Address already in use); choose another with "
        "--port, e.g. --port 0 for any free one\n"
    )


def test_a_course_template_of_its_own_shape_still_gets_the_preview(course: Path) -> None:
    """A template that replaces the page whole (no attributes on <HTML>, upper case) still has
    the version, the script and the problems overlay."""
    (course / "templates").mkdir()
    (course / "templates" / "handout.html").write_text(
        "<!DOCTYPE html><HTML><HEAD><TITLE>{{ doc.heading }}</TITLE></HEAD>"
        "<BODY><main><p>{{ doc.heading }}</p></main></BODY></HTML>",
        encoding="utf-8",
    )
    session = Session(course)
    session.refresh()
    html, version = session.page(f"{LESSON}/handout") or ("", 0)
    assert html.startswith(f'<!DOCTYPE html><html data-version="{version}">')
    assert html.index('id="coursegen-preview-script"') < html.index("</head><BODY>")
    assert html.index("<BODY>") < html.index('id="coursegen-problems"') < html.index("<main>")
    assert "Resetting US–Russia relations" in html
