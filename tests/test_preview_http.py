"""`coursegen preview`'s web server over plain HTTP: its few addresses, and no way from a URL to
a file of the course (or anywhere else) — every such request is a 404 without the file's bytes."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from coursegen.preview import PreviewServer

from conftest import copy_sample_course

REPO = Path(__file__).resolve().parent.parent
LESSON = "01-reset-crisis-of-trust"


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample course, for the module's tests (none of them changes it)."""
    return copy_sample_course(tmp_path_factory.mktemp("preview-http") / "course")


@pytest.fixture(scope="module")
def server(course: Path) -> Iterator[PreviewServer]:
    with PreviewServer(course) as running:
        yield running


def get(server: PreviewServer, target: str) -> tuple[int, bytes]:
    """GET with the request target sent exactly as given (no client-side normalizing)."""
    address = urlsplit(server.url)
    assert address.hostname == "127.0.0.1" and address.port
    connection = http.client.HTTPConnection("127.0.0.1", address.port, timeout=30)
    try:
        connection.putrequest("GET", target, skip_accept_encoding=True)
        connection.putheader("Host", f"127.0.0.1:{address.port}")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_it_listens_on_127_0_0_1_only(server: PreviewServer) -> None:
    assert server.url.startswith("http://127.0.0.1:") and server.url.endswith("/")


@pytest.mark.render  # a page opened is a PDF rendered in the background
def test_the_index_links_every_document_page(server: PreviewServer, course: Path) -> None:
    status, body = get(server, "/")
    assert status == 200
    index = body.decode("utf-8")
    for lesson in sorted(p.stem for p in (course / "lessons").glob("*.yaml")):
        for name in ("handout", "questions", "questions-instructor", "glossary"):
            assert f'href="/{lesson}/{name}.html"' in index
            assert get(server, f"/{lesson}/{name}.html")[0] == 200
    assert get(server, "/glossary.html")[0] == 200


@pytest.mark.render  # a page opened is a PDF rendered in the background
def test_a_page_is_html_with_its_version(server: PreviewServer) -> None:
    status, body = get(server, f"/{LESSON}/handout.html")
    assert status == 200
    assert b'<html data-version="' in body
    assert b'id="coursegen-problems"' in body and b'id="coursegen-pdf"' in body


@pytest.mark.parametrize(
    "target",
    [
        "/no-such-lesson/handout.html",
        f"/{LESSON}/no-such-document.html",
        f"/{LESSON}/handout.docx",
        f"/{LESSON}/",
        f"/{LESSON}",
        "/lessons/",
        "/articles/",
        "/articles",
    ],
)
def test_anything_else_is_404(server: PreviewServer, target: str) -> None:
    assert get(server, target)[0] == 404


SECRETS = [
    "course.yaml",
    "glossary.yaml",
    "excerpts.lock",
    f"lessons/{LESSON}.yaml",
    "articles/lavrov-2009-newsweek.md",
]


def escapes(course: Path, rel: str) -> list[str]:
    """Request targets that try to reach the course file `rel` (or leave the course)."""
    absolute = (course / rel).as_posix()
    return [
        f"/{rel}",
        f"/../{rel}",
        f"/../../{rel}",
        f"/%2e%2e/{rel}",
        f"/%2E%2E/{quote(rel, safe='')}",
        f"/{LESSON}/../{rel}",
        f"/{LESSON}/..%2f{quote(rel, safe='')}",
        f"/.%2e/.%2e/{rel}",
        f"/%2e%2e%2f{quote(rel, safe='')}",
        f"/{quote(rel, safe='')}",
        absolute,
        "/" + absolute,
        quote(absolute, safe=""),
        f"/{LESSON}/handout.html/../../{rel}",
        f"/{rel}%00.html",
        f"/{rel}?.html",
    ]


@pytest.mark.parametrize("rel", SECRETS)
def test_no_url_reaches_a_course_file(server: PreviewServer, course: Path, rel: str) -> None:
    secret = (course / rel).read_bytes()
    sample = secret[:200]
    for target in escapes(course, rel):
        status, body = get(server, target)
        assert status == 404, f"{target}: {status}"
        assert sample not in body and secret not in body, target


def test_no_url_reaches_a_file_outside_the_course(server: PreviewServer) -> None:
    for target in ["/etc/passwd", "//etc/passwd", "/%2fetc%2fpasswd", "/../../../../etc/passwd"]:
        status, body = get(server, target)
        assert status == 404, f"{target}: {status}"
        assert b"root:" not in body, target
