"""Shared fixtures: small course folders in tmp_path, and the sample course built once."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from pypdf import PdfReader

from coursegen.render.weasyload import load_weasyprint

import ooxmlcheck
from pdfcheck import validate

# WeasyPrint loaded as coursegen loads it (render/weasyload.py: without running gcc), before a
# test module imports a part of it: each test process saves the 0.2 s that gcc takes.
load_weasyprint()

pytest_plugins = ["browser"]  # the `chromium` fixture (tests/browser.py)

REPO = Path(__file__).resolve().parent.parent
MULTILINGUAL = REPO / "tests" / "courses" / "multilingual"

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


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "invalid_pdf: the test writes PDFs that break PDF/UA-1 on purpose (doctored copies), "
        "so they are not validated after it",
    )
    config.addinivalue_line(
        "markers",
        "invalid_docx: the test writes DOCX files that break the OOXML schemas on purpose, so "
        "they are not validated after it",
    )


# Every PDF that coursegen writes during the tests is checked against PDF/UA-1's machine rules
# (page-validation) after the test that wrote it, whichever fixture wrote it: the test's
# tmp_path, every folder that appeared in the session's base temp since the last test ended
# (tmp_path_factory.mktemp, in a test or in a fixture of any scope: a module or session fixture
# is set up before this one, so a snapshot taken here would already hold its folder), the
# folders a fixture registers with `check_pdfs_in` (sample_build, outside the base temp under
# xdist), and files in those that changed since they were checked. Only coursegen's PDFs
# (Creator "coursegen"; LibreOffice's conversions are not ours), and not one changed after its
# build (the manifest's hash differs: a doctored copy that a test makes to see a check fail),
# nor one in the tmp_path of a test marked invalid_pdf.
_checked: dict[Path, int] = {}  # PDF -> st_mtime_ns when it was seen
_passed: set[str] = set()  # SHA-256 of files that passed (also in <session>/passed/, for every
# worker): a copy of one is not checked again
_fixture_folders: set[Path] = set()  # checked again after every test, for new or changed PDFs
_known: set[Path] = set()  # the base temp's entries when the last test ended


def _session_folder(factory: pytest.TempPathFactory) -> Path:
    """The session's temporary folder, shared by all xdist workers (each has a subfolder)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _passed_before(digest: str, factory: pytest.TempPathFactory) -> bool:
    """True for the bytes of a file that passed in this session, in this worker or another."""
    return digest in _passed or (_session_folder(factory) / "passed" / digest).is_file()


def _pass(digest: str, factory: pytest.TempPathFactory) -> None:
    _passed.add(digest)
    folder = _session_folder(factory) / "passed"
    folder.mkdir(exist_ok=True)
    (folder / digest).touch()


def check_pdfs_in(folder: Path) -> None:
    """Have the PDFs under `folder` checked after every test from now on (a folder outside the
    session's base temp that a fixture builds into)."""
    _fixture_folders.add(folder)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _coursegen_pdfs(
    folders: set[Path], factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, str]]:
    for folder in sorted(folders):
        for path in sorted(folder.rglob("*.pdf")):
            try:
                stamp = path.stat().st_mtime_ns
            except OSError:
                continue
            if _checked.get(path) == stamp or not path.is_file():
                continue
            _checked[path] = stamp
            digest = _digest(path)
            if _passed_before(digest, factory):  # the same bytes as a PDF that passed (a copy)
                continue
            try:
                creator = (PdfReader(path).metadata or {}).get("/Creator")
            except Exception:  # not a PDF a test should have made valid: its test says so
                continue
            if creator == "coursegen" and not _edited_after_build(path, digest):
                yield path, digest


def _edited_after_build(path: Path, digest: str) -> bool:
    """True for a PDF that a build wrote and something changed since (a test's doctored copy):
    the output folder's manifest has the file with another hash."""
    for folder in path.parents:
        manifest = folder / ".coursegen-manifest.json"
        if manifest.is_file():
            entry = (
                json.loads(manifest.read_text())
                .get("files", {})
                .get(path.relative_to(folder).as_posix())
            )
            return entry is not None and entry.get("output") != digest
    return False


@pytest.fixture(autouse=True)
def _every_pdf_passes_pdfua(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    yield
    base = tmp_path_factory.getbasetemp()
    own = request.node.funcargs.get("tmp_path")
    now = {entry for entry in base.iterdir() if not entry.is_symlink()}  # not '<name>current'
    new = now - _known
    _known.update(now)
    _fixture_folders.update(folder for folder in new if folder != own)
    folders = set(_fixture_folders)
    if own is not None:
        if request.node.get_closest_marker("invalid_pdf"):
            for _ in _coursegen_pdfs({own}, tmp_path_factory):
                pass  # seen, not checked: the test doctored them on purpose
        else:
            folders.add(own)
    failures = []
    for path, digest in _coursegen_pdfs(folders, tmp_path_factory):
        found = validate(path)
        failures += [f"{path}: {failure}" for failure in found]
        if not found:
            _pass(digest, tmp_path_factory)
    if failures:
        pytest.fail(
            "PDFs that fail PDF/UA-1 (page-validation, profile ua1):\n" + "\n".join(failures)
        )


# Every DOCX that coursegen writes during the tests validates against the ISO/IEC 29500-4
# transitional schemas (tests/ooxmlcheck.py), checked after the test that wrote it, found as the
# PDF hook above finds PDFs: the test's tmp_path, every folder that appeared in the base temp
# since the last test ended, the folders registered with `check_pdfs_in`, and files in those
# that changed since they were checked. Only coursegen's DOCX (docProps/app.xml's Application
# "coursegen/<version>"; a reference.docx a test makes, or LibreOffice's, is not ours), not one
# changed after its build (a doctored copy), nor one in the tmp_path of a test marked
# invalid_docx.
_checked_docx: dict[Path, int] = {}
_known_docx: set[Path] = set()


def _coursegen_docx(
    folders: set[Path], factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, str]]:
    for folder in sorted(folders):
        for path in sorted(folder.rglob("*.docx")):
            try:
                stamp = path.stat().st_mtime_ns
            except OSError:
                continue
            if _checked_docx.get(path) == stamp or not path.is_file():
                continue
            _checked_docx[path] = stamp
            digest = _digest(path)
            if _passed_before(digest, factory):  # the same bytes as a DOCX that passed (a copy)
                continue
            ours = ooxmlcheck.application(path).startswith("coursegen/")
            if ours and not _edited_after_build(path, digest):
                yield path, digest


@pytest.fixture(autouse=True)
def _every_docx_validates(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    yield
    base = tmp_path_factory.getbasetemp()
    own = request.node.funcargs.get("tmp_path")
    now = {entry for entry in base.iterdir() if not entry.is_symlink()}
    new = now - _known_docx
    _known_docx.update(now)
    folders = _fixture_folders | {folder for folder in new if folder != own}
    if own is not None:
        if request.node.get_closest_marker("invalid_docx"):
            for _ in _coursegen_docx({own}, tmp_path_factory):
                pass  # seen, not checked: the test broke them on purpose
        else:
            folders.add(own)
    failures = []
    for path, digest in _coursegen_docx(folders, tmp_path_factory):
        found = ooxmlcheck.errors(path)
        failures += [f"{path}: {error}" for error in found]
        if not found:
            _pass(digest, tmp_path_factory)
    if failures:
        pytest.fail(
            "DOCX files that fail the ISO/IEC 29500-4 transitional schemas:\n" + "\n".join(failures)
        )


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the sample course instead of comparing with it",
    )


def shared_build(
    tmp_path_factory: pytest.TempPathFactory, name: str, build_into: Callable[[Path], None]
) -> Path:
    """`build_into(folder)` run once for the whole test session: under xdist the first worker to
    get here builds, the others wait and reuse it (read-only: a test that changes it copies it).
    The worker that built it has its PDFs and DOCX files validated after the test that asked."""
    base = _session_folder(tmp_path_factory)
    folder = base / name
    done = base / f"{name}.done"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not done.is_file():
            shutil.rmtree(folder, ignore_errors=True)  # left half-built by a worker that failed
            folder.mkdir(parents=True)
            build_into(folder)
            done.touch()
            check_pdfs_in(folder)  # by the worker that built it, after the test that asked
    return folder


def _build_course(root: Path) -> list[str]:
    """Build the course at `root` in both formats into root/output; its warnings."""
    from coursegen.builder import BuildOptions, build
    from coursegen.content.course import load_course

    report = build(load_course(root), None, BuildOptions(out_dir=root / "output", jobs=2))
    assert report.ok, report
    return report.warnings


def shared_course_build(
    tmp_path_factory: pytest.TempPathFactory, name: str, source: Path
) -> tuple[Path, list[str]]:
    """The test course at `source`, copied and built in both formats once for the whole test
    session (see `shared_build`): its output folder and the build's warnings."""

    def build_into(folder: Path) -> None:
        shutil.copytree(source, folder / "course")
        warnings = _build_course(folder / "course")
        (folder / "warnings.json").write_text(json.dumps(warnings))

    folder = shared_build(tmp_path_factory, name, build_into)
    return folder / "course" / "output", json.loads((folder / "warnings.json").read_text())


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample course, copied and built (both formats) once for the whole test
    session: under xdist the first worker to get here builds it, the others wait and reuse it."""
    return shared_build(tmp_path_factory, "sample-build", _build_sample) / "course" / "output"


@pytest.fixture(scope="session")
def multilingual_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The multilingual course (tests/courses/multilingual: Russian, Greek, Arabic, Hebrew,
    Hindi and Chinese), copied and built in both formats once for the session: its output
    folder (read-only)."""
    return shared_course_build(tmp_path_factory, "multilingual-build", MULTILINGUAL)[0]


@pytest.fixture(scope="session")
def multilingual_build_warnings(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The warnings of `multilingual_build`'s build."""
    return shared_course_build(tmp_path_factory, "multilingual-build", MULTILINGUAL)[1]


SAMPLE_FILES = ("course.yaml", "glossary.yaml", "excerpts.lock", "articles", "lessons")


def copy_sample_course(root: Path) -> Path:
    """A copy of the repository's sample course (its sources, no templates, no output) at
    `root`, which must not exist yet."""
    root.mkdir(parents=True)
    for name in SAMPLE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    return root


def _build_sample(folder: Path) -> None:
    root = folder / "course"
    root.mkdir(parents=True)
    for name in ("course.yaml", "glossary.yaml", "articles", "lessons", "templates"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.is_file():
            shutil.copy2(source, root / name)
    _build_course(root)
