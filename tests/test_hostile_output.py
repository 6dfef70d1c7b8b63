"""A hostile output folder, a full disk, concurrent builds and interrupts (issue 9).

Each test builds a course in tmp_path (with the stub formats of test_incremental, but for the
process tests, which run real PDF builds) and checks the exact message and that nothing
outside the expected files changed.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import coursegen.builder
import coursegen.output
import coursegen.render
from coursegen.builder import BuildOptions, build
from coursegen.cli import main
from coursegen.content.course import load_course

from conftest import ARTICLE, LESSON, MakeCourse

STUBS = {"text": "stubformat:TextFormat", "json": "stubformat:JsonFormat"}
NAMES = ("handout", "questions", "questions-instructor", "glossary")
OUTPUTS = {f"l/{n}.{f}" for n in NAMES for f in ("txt", "json")} | {"glossary.txt", "glossary.json"}
MANIFEST = ".coursegen-manifest.json"


@pytest.fixture
def course(make_course: MakeCourse, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(coursegen.render, "REGISTRY", dict(STUBS))
    return make_course({})


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["build", "-j", "1", *args])
    assert "Traceback" not in result.output, result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.stdout, result.stderr


def reason(err: str) -> str:
    """A usage error without click's usage reminder."""
    usage, _, error = err.partition("\n\n")
    assert usage.startswith("Usage: ")
    return error


def tree(folder: Path) -> dict[str, object]:
    """Every entry under `folder`, without following links: bytes, link target or kind."""
    found: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        mode = path.lstat().st_mode
        rel = path.relative_to(folder).as_posix()
        if stat.S_ISLNK(mode):
            found[rel] = ("link", os.readlink(path))
        elif stat.S_ISREG(mode):
            found[rel] = (path.read_bytes(), stat.S_IMODE(mode))
        else:
            found[rel] = stat.S_IFMT(mode)
    return found


def outputs(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }


def build_stubs(root: Path, **options: object) -> object:
    return build(load_course(root), None, BuildOptions(out_dir=root / "output", **options))  # type: ignore[arg-type]


# 1. The output folder itself


def test_a_course_whose_output_folder_is_a_link_is_refused(course: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine")
    (course / "output").symlink_to(elsewhere)
    before = tree(tmp_path)
    code, out, err = invoke("--course", str(course))
    assert code == 2 and out == ""
    assert reason(err) == (
        f"Error: '{course}/output' cannot be the output folder: {course}/output is a link to "
        f"{elsewhere}, and coursegen does not write through links in a course folder\n"
        "    hint: delete the link, or choose another folder with --out\n"
    )
    assert tree(tmp_path) == before


def test_a_link_on_the_way_to_an_output_folder_inside_the_course_is_refused(
    course: Path, tmp_path: Path
) -> None:
    (tmp_path / "elsewhere").mkdir()
    (course / "docs").symlink_to(tmp_path / "elsewhere")
    before = tree(tmp_path)
    code, _, err = invoke("--course", str(course), "--out", str(course / "docs/handouts"))
    assert code == 2
    assert (
        f"Error: '{course}/docs/handouts' cannot be the output folder: {course}/docs is a link"
        in err
    )
    assert tree(tmp_path) == before


def test_an_output_folder_chosen_outside_the_course_may_be_a_link(
    course: Path, tmp_path: Path
) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "handouts").symlink_to(tmp_path / "real")
    code, _, err = invoke("--course", str(course), "--out", str(tmp_path / "handouts"))
    assert (code, err) == (0, "")
    assert outputs(tmp_path / "real") == OUTPUTS


@pytest.mark.parametrize(
    ("out", "why", "hint"),
    [
        ("/", "it holds the course folder", "leave out --out"),
        (".", "it is the course folder", "leave out --out"),
        ("..", "it holds the course folder", "leave out --out"),
        ("templates", "it is inside the course's templates/ folder", "leave out --out"),
        ("lessons", "it is inside the course's lessons/ folder", "leave out --out"),
        ("articles/new", "it is inside the course's articles/ folder", "leave out --out"),
        ("course.yaml", "it is a file, not a folder", "name a folder"),
    ],
)
def test_output_folders_that_would_overwrite_the_course_are_refused(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, out: str, why: str, hint: str
) -> None:
    (course / "templates").mkdir()
    monkeypatch.chdir(course)
    before = tree(tmp_path)
    code, _, err = invoke("--out", out)
    shown = os.path.abspath(out)
    hints = {
        "leave out --out": "leave out --out to write to output/ in the course folder, "
        "or name another folder",
        "name a folder": "name a folder (coursegen makes it when it does not exist)",
    }
    assert code == 2
    expected = f"Error: '{shown}' cannot be the output folder: {why}\n    hint: {hints[hint]}\n"
    assert reason(err) == expected
    assert tree(tmp_path) == before


def test_a_default_output_that_is_a_file_is_refused(course: Path) -> None:
    (course / "output").write_text("not a folder")
    code, _, err = invoke("--course", str(course))
    assert code == 2
    assert (
        f"Error: '{course}/output' cannot be the output folder: it is a file, not a folder" in err
    )
    assert (course / "output").read_text() == "not a folder"


# The manifest and the journal


@pytest.mark.parametrize("kind", ["link to /dev/zero", "link to a file", "fifo", "folder"])
def test_a_manifest_that_is_not_a_regular_file_is_never_read_nor_replaced(
    course: Path, tmp_path: Path, kind: str
) -> None:
    out = course / "output"
    out.mkdir()
    manifest = out / MANIFEST
    (tmp_path / "mine.json").write_text("{}")
    if kind == "link to /dev/zero":
        manifest.symlink_to("/dev/zero")
    elif kind == "link to a file":
        manifest.symlink_to(tmp_path / "mine.json")
    elif kind == "fifo":
        os.mkfifo(manifest)
    else:
        manifest.mkdir()
    before = tree(tmp_path)
    code, _, err = invoke("--course", str(course))
    assert code == 2
    assert err.endswith(
        f"Error: {manifest} is not a regular file; coursegen keeps its own records there\n"
        "    hint: move it out of the output folder, or choose another folder with --out\n"
    )
    after = tree(tmp_path)
    after.pop("course/output/.coursegen-lock")
    assert after == before


@pytest.mark.parametrize(
    "content",
    [b"[]", b'{"files": "x"}', b'{"files": {"l/handout.txt": 3}}', b"[" * 100000, b"\xff\xfe"],
)
def test_a_damaged_manifest_is_ignored_with_a_warning(course: Path, content: bytes) -> None:
    (course / "output").mkdir()
    (course / "output" / MANIFEST).write_bytes(content)
    code, _, err = invoke("--course", str(course))
    assert code == 0
    assert err == (
        f"warning: {MANIFEST} in the output folder is not a build record coursegen can read; "
        "it is ignored and every file is built again\n"
    )
    assert outputs(course / "output") == OUTPUTS
    code, _, err = invoke("--course", str(course))
    assert (code, err) == (0, "")


def test_a_huge_manifest_is_not_read(course: Path) -> None:
    (course / "output").mkdir()
    with open(course / "output" / MANIFEST, "wb") as stream:
        stream.truncate(64 * 2**20)  # sparse: 64 MB of zeros
    code, _, err = invoke("--course", str(course))
    assert code == 0
    assert err == (
        f"warning: {MANIFEST} in the output folder is larger than 8 MB; "
        "it is ignored and every file is built again\n"
    )
    assert (course / "output" / MANIFEST).stat().st_size < 10000


# The outputs


@pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero", "link outside", "folder"])
def test_an_output_that_is_not_a_regular_file_is_kept_aside_unopened(
    course: Path, tmp_path: Path, kind: str
) -> None:
    out = course / "output"
    (out / "l").mkdir(parents=True)
    handout = out / "l/handout.txt"
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    if kind == "fifo":
        os.mkfifo(handout)
    elif kind == "link to /dev/zero":
        handout.symlink_to("/dev/zero")
    elif kind == "link outside":
        handout.symlink_to(outside)
    else:
        handout.mkdir()
    code, _, err = invoke("--course", str(course))
    assert code == 0
    assert err == (
        "note: l/handout.txt had been changed by hand; your copy is kept as l/handout.edited.txt\n"
    )
    assert stat.S_ISREG(handout.lstat().st_mode)
    kept = (out / "l/handout.edited.txt").lstat().st_mode
    assert (
        stat.S_IFMT(kept)
        == {
            "fifo": stat.S_IFIFO,
            "link to /dev/zero": stat.S_IFLNK,
            "link outside": stat.S_IFLNK,
            "folder": stat.S_IFDIR,
        }[kind]
    )
    assert outside.read_text() == "keep me"


def test_a_lesson_folder_that_links_out_of_the_output_folder_is_refused(
    course: Path, tmp_path: Path
) -> None:
    (tmp_path / "elsewhere").mkdir()
    (course / "output").mkdir()
    (course / "output/l").symlink_to(tmp_path / "elsewhere")
    code, _, err = invoke("--course", str(course))
    assert code == 2
    assert err.endswith(
        f"Error: {course}/output/l is a link; coursegen writes only into real folders inside "
        "the output folder\n    hint: move it out of the output folder, then build again\n"
    )
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_an_unreadable_edited_output_is_kept_aside(
    course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke("--course", str(course))[0] == 0
    handout = course / "output/l/handout.txt"
    handout.write_text("my edits")
    real = coursegen.output.open_regular

    def unreadable(path: Path) -> int | None:
        if path == handout:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(path)

    monkeypatch.setattr(coursegen.output, "open_regular", unreadable)
    (course / "course.yaml").write_text("title: Test course, revised\nbuiltin_glossary: false\n")
    code, _, err = invoke("--course", str(course))
    assert code == 0
    assert err == (
        "note: l/handout.txt had been changed by hand; your copy is kept as l/handout.edited.txt\n"
    )
    assert (course / "output/l/handout.edited.txt").read_text() == "my edits"


def test_outputs_follow_the_umask(course: Path) -> None:
    old = os.umask(0o027)
    try:
        assert invoke("--course", str(course))[0] == 0
    finally:
        os.umask(old)
    modes = {stat.S_IMODE(p.stat().st_mode) for p in (course / "output").rglob("*") if p.is_file()}
    assert modes == {0o640}


# Full disk, read-only folder


def test_a_full_disk_gives_one_error_and_leaves_earlier_outputs_intact(
    course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke("--course", str(course))[0] == 0
    before = tree(course / "output")
    (course / "course.yaml").write_text("title: Test course, revised\nbuiltin_glossary: false\n")
    real_fsync = os.fsync
    calls = []

    def full(fd: int) -> None:
        calls.append(fd)
        if len(calls) > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(coursegen.output.os, "fsync", full)
    code, out, err = invoke("--course", str(course))
    assert code == 1
    assert err == (
        f"error: {course}/output/l/glossary.json: could not be written: No space left on device\n"
        "    hint: free some space on that disk, or choose another folder with --out; "
        "then build again\n"
    )
    after = tree(course / "output")
    assert not [name for name in after if name.endswith(".part")]
    changed = {name for name in before if after.get(name) != before[name]}
    assert changed == {"glossary.json", "glossary.txt"}  # written whole; the manifest as it was
    monkeypatch.setattr(coursegen.output.os, "fsync", real_fsync)
    code, out, err = invoke("--course", str(course))
    assert (code, err) == (0, "")  # the two written are known to be coursegen's, not yours
    assert out.startswith("     built  l/glossary.json\n") and "built 8 files, 2 up to date" in out


def test_a_read_only_output_folder_gives_one_error(
    course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke("--course", str(course))[0] == 0
    before = tree(course / "output")
    (course / "course.yaml").write_text("title: Test course, revised\nbuiltin_glossary: false\n")

    def read_only(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(coursegen.output.tempfile, "mkstemp", read_only)
    code, _, err = invoke("--course", str(course))
    assert code == 1
    assert err == (
        f"error: {course}/output/glossary.json: could not be written: Read-only file system\n"
        f"    hint: check that you may write in {course}/output, or choose another folder "
        "with --out\n"
    )
    assert tree(course / "output") == before  # not even the journal of what it was to write


# Builds that write nothing, stale files, killed builds


def test_a_build_whose_lessons_all_have_errors_writes_nothing(make_course: MakeCourse) -> None:
    root = make_course({"lessons/l.yaml": "title: A lesson\nreadings:\n  - article: nosuch\n"})
    code, _, err = invoke("--course", str(root))
    assert code == 1 and "error:" in err
    assert not (root / "output").exists()


def test_a_build_whose_lessons_all_have_errors_leaves_the_output_folder_alone(
    course: Path,
) -> None:
    assert invoke("--course", str(course))[0] == 0
    before = tree(course / "output")
    (course / "lessons/l.yaml").write_text("title: A lesson\nreadings:\n  - article: nosuch\n")
    assert invoke("--course", str(course))[0] == 1
    assert tree(course / "output") == before


def test_stale_part_files_of_coursegen_are_removed_and_no_others(course: Path) -> None:
    out = course / "output"
    (out / "l").mkdir(parents=True)
    ours = [out / "l/.handout.txt.a1b2c3_d.part", out / f".{MANIFEST}.zzzzzzzz.part"]
    theirs = [out / "l/notes.part", out / "l/.x.part", out / "l/.handout.txt.TOOLONG99.part"]
    for path in ours + theirs:
        path.write_text("x")
    assert invoke("--course", str(course))[0] == 0
    assert [p.exists() for p in ours + theirs] == [False, False, True, True, True]


def test_a_build_killed_before_saving_its_record_causes_no_false_hand_edits(
    course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_stubs(course)
    (course / "course.yaml").write_text("title: Revised once\nbuiltin_glossary: false\n")
    real = coursegen.builder.write_atomic
    written: list[Path] = []

    def killed_on_fourth(path: Path, data: bytes) -> None:
        if len(written) == 3:
            raise SystemExit("killed")  # as kill -9: no record saved
        real(path, data)
        written.append(path)

    monkeypatch.setattr(coursegen.builder, "write_atomic", killed_on_fourth)
    monkeypatch.setattr(coursegen.output.Manifest, "save", lambda self: None)
    with pytest.raises(SystemExit):
        build_stubs(course)
    monkeypatch.undo()
    monkeypatch.setattr(coursegen.render, "REGISTRY", dict(STUBS))
    (course / "course.yaml").write_text("title: Revised twice\nbuiltin_glossary: false\n")
    report = build_stubs(course)
    assert report.kept_aside == []  # type: ignore[attr-defined]
    assert set(report.built) == OUTPUTS  # type: ignore[attr-defined]
    assert not (course / "output/.coursegen-journal").exists()


def test_the_manifest_lists_only_files_that_exist(course: Path) -> None:
    build_stubs(course)
    (course / "output/l/handout.txt").unlink()
    build_stubs(course, formats=("json",))
    files = json.loads((course / "output" / MANIFEST).read_text())["files"]
    assert set(files) == OUTPUTS - {"l/handout.txt"}


# Two builds at once


def test_a_second_build_of_one_folder_waits_for_the_first(course: Path) -> None:
    out = course / "output"
    out.mkdir()
    result: list[tuple[int, str, str]] = []
    with open(out / ".coursegen-lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a first build would
        second = threading.Thread(target=lambda: result.append(invoke("--course", str(course))))
        second.start()
        time.sleep(1.0)
        assert second.is_alive() and outputs(out) == set()
    second.join(30)
    code, _, err = result[0]
    assert (code, err) == (0, "waiting for another coursegen build of this folder…\n")
    assert outputs(out) == OUTPUTS


# Interrupts: real builds in a process of their own


def descendants(pid: int) -> set[int]:
    found: set[int] = set()
    todo = [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def start_build(make_course: MakeCourse) -> tuple[subprocess.Popen[str], Path, set[int]]:
    """A real PDF build on 2 workers of 8 lessons of 300 paragraphs, once its workers run."""
    paragraphs = "".join(
        f"\nParagraph {n}: START, the G-20 and Russia. " * 8 + "\n" for n in range(300)
    )
    lessons = {f"lessons/l{n}.yaml": LESSON for n in range(8)}
    root = make_course({"articles/test-article.md": ARTICLE + paragraphs, **lessons})
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "coursegen"), "build", "-j", "2", "--format", "pdf"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    deadline = time.monotonic() + 60
    seen: set[int] = set()
    while time.monotonic() < deadline and process.poll() is None:
        seen |= descendants(process.pid)
        if len(seen) >= 3:  # the render host and two workers
            return process, root, seen
        time.sleep(0.01)
    process.kill()
    pytest.fail(f"the workers never started: {process.communicate()}")


@pytest.mark.render
def test_ctrl_c_stops_the_build_at_once_with_one_line(make_course: MakeCourse) -> None:
    process, root, children = start_build(make_course)
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: the whole foreground group
    _, err = process.communicate(timeout=10)
    assert process.returncode == 130
    assert re.fullmatch(
        r"interrupted: \d+ files? (was|were) built, the rest were not; "
        r"run the build again to finish\n",
        err,
    ), err
    deadline = time.monotonic() + 5
    while any(map(alive, children)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in children if alive(pid)]
    assert not list((root / "output").rglob("*.part"))


@pytest.mark.render
@pytest.mark.parametrize("also_host", [False, True], ids=["the build", "the build and its host"])
def test_killing_the_build_leaves_no_process_behind(
    make_course: MakeCourse, also_host: bool
) -> None:
    process, _, children = start_build(make_course)
    host = {
        int(pid)
        for pid in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    }
    process.kill()
    if also_host:  # as an out-of-memory kill might: the workers must not wait forever
        for pid in host:
            os.kill(pid, signal.SIGKILL)
    process.communicate(timeout=10)
    deadline = time.monotonic() + 2
    while any(map(alive, children)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in children if alive(pid)]
