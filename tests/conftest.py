"""Shared fixtures: small course folders in tmp_path, and the sample course built once."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

ARTICLE = """\
---
title: A test article
author: A. Writer
publication: The Test Times
date: 2009-07-06
---

The first paragraph mentions START, a "crisis of trust"
and the G-20 summit.

The second paragraph: the "P5+1" effort and the "Quartet".

## A section

The third paragraph, about Russia. And Russia again, and Russia once more.
"""

COURSE = "title: Test course\nbuiltin_glossary: false\n"

GLOSSARY = """\
- term: START
  expansion: Strategic Arms Reduction Treaty
  definition: A 1991 US–Soviet treaty.
- term: P5+1
  definition: The five permanent UNSC members plus Germany.
- term: Quartet
  case_sensitive: true
  definition: The UN, EU, US and Russia, working on the Middle East since 2002.
- term: G20
  aliases: [G-20]
  definition: A forum of major economies.
"""

LESSON = """\
title: A test lesson
readings:
  - article: test-article
"""

MakeCourse = Callable[[Mapping[str, str | bytes]], Path]


@pytest.fixture
def make_course(tmp_path: Path) -> MakeCourse:
    """A sound course (one article, lesson, glossary), then the files given (path -> text or bytes)."""

    def make(files: Mapping[str, str | bytes]) -> Path:
        root = tmp_path / "course"
        defaults: dict[str, str | bytes] = {
            "course.yaml": COURSE,
            "glossary.yaml": GLOSSARY,
            "articles/test-article.md": ARTICLE,
            "lessons/l.yaml": LESSON,
        }
        for rel, content in {**defaults, **files}.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the sample course instead of comparing with it",
    )


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample course, copied and built (both formats) once for the whole test
    session: under xdist the first worker to get here builds it, the others wait and reuse it."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the session's folder, shared by all workers; each has a subfolder
    folder = base / "sample-build"
    done = base / "sample-build.done"
    with open(base / "sample-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not done.is_file():
            _build_sample(folder)
            done.touch()
    return folder / "course" / "output"


def _build_sample(folder: Path) -> None:
    from coursegen.builder import BuildOptions, build
    from coursegen.content.course import load_course

    shutil.rmtree(folder, ignore_errors=True)  # left half-built by a worker that failed
    root = folder / "course"
    root.mkdir(parents=True)
    for name in ("course.yaml", "glossary.yaml", "articles", "lessons", "templates"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.is_file():
            shutil.copy2(source, root / name)
    course = load_course(root)
    report = build(course, None, BuildOptions(out_dir=root / "output", jobs=2))
    assert report.ok, report
