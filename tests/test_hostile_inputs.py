"""Course folders made to hurt: links out of the course, named pipes, huge files, file names
that would write outside the output folder or collide, YAML that nests, repeats or overflows.

Each builds a hostile course in tmp_path and asserts the exact message, that `check` does not
crash or hang, that nothing on disk changed, and (for links) that nothing outside the course
folder was opened.
"""

from __future__ import annotations

import builtins
import io
import os
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from coursegen import BuildOptions, build, open_course
from coursegen.cli import main
from coursegen.render import REGISTRY

from conftest import MakeCourse

OUTSIDE_HINT = (
    "    hint: copy the file into the course folder instead of linking to it; "
    "coursegen reads only the files inside the course folder\n"
)
LESSON_NAME_HINT = (
    "    hint: rename it with letters, digits, '-', '_' or '.' only, e.g. 05-reset.yaml\n"
)
HIDDEN_HINT = "    hint: if it is meant to be used, rename it to start with a letter or digit\n"
ALIAS_HINT = "    hint: remove the YAML aliases (*name) that repeat large parts of the file\n"
LESSON = "title: A test lesson\nreadings:\n  - article: test-article\n"


def check(root: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--course", str(root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr, result.stdout.strip()


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    """Every entry under `folder` with its size and mtime, links not followed, nothing read."""
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        found[path.relative_to(folder).as_posix()] = (info.st_size, info.st_mtime_ns)
    return found


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every path this process opens (builtins.open, io.open, os.open), resolved."""
    paths: list[str] = []

    def spy(real: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(file: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(file, str | bytes | os.PathLike):
                paths.append(os.path.realpath(os.fsdecode(file)))
            return real(file, *args, **kwargs)

        return wrapper

    monkeypatch.setattr(builtins, "open", spy(builtins.open))
    monkeypatch.setattr(io, "open", spy(io.open))
    monkeypatch.setattr(os, "open", spy(os.open))
    yield paths


# -- links out of the course ------------------------------------------------------------------


@pytest.mark.parametrize(
    "rel",
    ["lessons/l.yaml", "articles/test-article.md", "course.yaml", "glossary.yaml"],
)
def test_a_link_out_of_the_course_is_refused_and_never_read(
    make_course: MakeCourse, tmp_path: Path, opened: list[str], rel: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("title: SECRET\n", encoding="utf-8")
    root = make_course({})
    (root / rel).unlink()
    (root / rel).symlink_to(secret)
    before = listing(tmp_path)
    opened.clear()
    code, err, _ = check(root)
    assert code == 1
    shown = f"{rel}:1:1: error: '{rel}' is a link to a file outside the course folder\n"
    assert shown + OUTSIDE_HINT in err
    assert "SECRET" not in err
    assert not [p for p in opened if p.startswith(str(outside))]
    assert listing(tmp_path) == before


def test_a_folder_of_lessons_linked_out_of_the_course_is_refused(
    make_course: MakeCourse, tmp_path: Path, opened: list[str]
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.yaml").write_text(LESSON, encoding="utf-8")
    root = make_course({})
    (root / "lessons/l.yaml").unlink()
    (root / "lessons").rmdir()
    (root / "lessons").symlink_to(outside)
    opened.clear()
    code, err, _ = check(root)
    assert (code, err) == (
        1,
        "lessons/x.yaml:1:1: error: 'lessons/x.yaml' is a link to a file outside the course folder\n"
        + OUTSIDE_HINT,
    )
    assert not [p for p in opened if p.startswith(str(outside))]


def test_a_link_inside_the_course_is_read(make_course: MakeCourse) -> None:
    root = make_course({"lessons/l.yaml": "title: T\nreadings:\n  - article: copy\n"})
    (root / "articles/copy.md").symlink_to(root / "articles/test-article.md")
    assert check(root)[:2] == (0, "")


def test_a_link_that_leads_nowhere_is_reported(make_course: MakeCourse) -> None:
    root = make_course({})
    (root / "lessons/gone.yaml").symlink_to(root / "lessons/missing.yaml")
    assert check(root)[:2] == (
        1,
        "lessons/gone.yaml:1:1: error: 'lessons/gone.yaml' is a link to a file that does not exist\n"
        "    hint: replace the link with the file itself, or remove it\n",
    )


# -- special files ----------------------------------------------------------------------------


def test_named_pipes_are_refused_without_blocking(make_course: MakeCourse) -> None:
    root = make_course({})
    os.mkfifo(root / "articles/pipe.md")
    os.mkfifo(root / "lessons/pipe.yaml")
    os.unlink(root / "course.yaml")
    os.mkfifo(root / "course.yaml")
    before = listing(root)
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from coursegen.cli import main; main()",
            "check",
            "--course",
            str(root),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    hint = "    hint: replace it with an ordinary text file, or remove it\n"
    assert run.returncode == 1
    assert run.stderr == (
        "articles/pipe.md:1:1: error: 'articles/pipe.md' is a named pipe, not a file coursegen can read\n"
        + hint
        + "course.yaml:1:1: error: 'course.yaml' is a named pipe, not a file coursegen can read\n"
        + hint
        + "lessons/pipe.yaml:1:1: error: 'lessons/pipe.yaml' is a named pipe, not a file coursegen can read\n"
        + hint
    )
    assert listing(root) == before


# -- sizes ------------------------------------------------------------------------------------

ARTICLE_HINT = (
    "    hint: split the article into two files in articles/, each with its own front matter, "
    "or keep only the part your lessons use\n"
)


@pytest.mark.parametrize(
    ("size", "shown"),
    [(8 * 10**9, "8.0 GB"), (20 * 10**6, "20.0 MB"), (2 * 10**6 + 1, "2.0 MB")],
)
def test_an_article_over_the_size_limit_is_refused_before_it_is_read(
    make_course: MakeCourse, tmp_path: Path, size: int, shown: str
) -> None:
    root = make_course({})
    with open(root / "articles/test-article.md", "r+b") as stream:
        stream.truncate(size)  # sparse: no disk used, and reading it would take minutes
    before = listing(tmp_path)
    started = time.perf_counter()
    code, err, _ = check(root)
    assert time.perf_counter() - started < 10
    assert (code, err) == (
        1,
        f"articles/test-article.md:1:1: error: 'articles/test-article.md' is too large: "
        f"{shown}, more than the limit of 2.0 MB\n"
        + ARTICLE_HINT
        + "lessons/l.yaml:3:14: error: article 'test-article' could not be read\n"
        "    hint: fix the problems reported for articles/test-article.md\n",
    )
    assert listing(tmp_path) == before


def test_an_eight_gigabyte_article_behind_a_link_is_not_read(
    make_course: MakeCourse, tmp_path: Path
) -> None:
    root = make_course({})
    huge = root / "big.md"
    with open(huge, "wb") as stream:
        stream.truncate(8 * 10**9)
    (root / "articles/big.md").symlink_to(huge)
    code, err, _ = check(root)
    assert (code, err) == (
        1,
        "articles/big.md:1:1: error: 'articles/big.md' is too large: 8.0 GB, "
        "more than the limit of 2.0 MB\n" + ARTICLE_HINT,
    )


def test_yaml_files_over_their_size_limit_are_refused(make_course: MakeCourse) -> None:
    root = make_course(
        {
            "lessons/l.yaml": LESSON + "summary: " + "x" * 1_000_000 + "\n",
            "course.yaml": "title: " + "x" * 1_000_000 + "\n",
            "glossary.yaml": "- term: A\n  definition: " + "x" * 5_000_000 + "\n",
        }
    )
    assert check(root)[:2] == (
        1,
        "course.yaml:1:1: error: 'course.yaml' is too large: 1.0 MB, more than the limit of 1.0 MB\n"
        "    hint: course.yaml holds a few settings only: remove everything else from it\n"
        "glossary.yaml:1:1: error: 'glossary.yaml' is too large: 5.0 MB, more than the limit of 5.0 MB\n"
        "    hint: keep in glossary.yaml the entries your lessons use; the built-in bank has the common terms\n"
        "lessons/l.yaml:1:1: error: 'lessons/l.yaml' is too large: 1.0 MB, more than the limit of 1.0 MB\n"
        "    hint: a lesson file needs only a few thousand characters: split it into several lessons, "
        "and keep long texts in articles/\n",
    )


def test_a_glossary_of_twenty_thousand_entries_is_read(make_course: MakeCourse) -> None:
    entries = "".join(
        f"- term: Term number {i}\n  definition: The meaning of term number {i}.\n"
        for i in range(20_000)
    )
    root = make_course({"glossary.yaml": entries})
    code, err, out = check(root)
    assert code == 0 and "error" not in err
    assert out == "checked 1 lesson, 1 article, 20000 glossary entries: 2 warnings"


def test_check_is_linear_in_the_paragraphs_of_an_article(make_course: MakeCourse) -> None:
    """Each paragraph with an acronym of its own: the unknown-term check was quadratic (8,000
    paragraphs took 4.6 s, 100,000 about 770 s). benchmarks/check.py measures the ratio."""
    letters = "ABCDEFGHJKMNOPQRSTUWYZ"  # no roman numerals
    body = "\n\n".join(
        f"{letters[i % 22]}{letters[i // 22 % 22]}{letters[i // 484 % 22]}Q met {i}."
        for i in range(30_000)
    )
    root = make_course({"articles/test-article.md": f"---\ntitle: Long\n---\n\n{body}\n"})
    course = open_course(root)  # quadratic, this took minutes; speed is measured in benchmarks/
    assert len(course.articles["test-article"].paragraphs) == 30_000
    assert not course.errors


# -- lesson and article names -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["...yaml", "..yaml", ".hidden.yaml", ".coursegen-manifest.json.yaml"]
)
def test_hidden_lesson_files_are_not_lessons(make_course: MakeCourse, name: str) -> None:
    root = make_course({f"lessons/{name}": LESSON})
    code, err, out = check(root)
    assert (code, err) == (
        0,
        f"lessons/{name}:1:1: warning: '{name}' is a hidden file (its name starts with '.'): "
        "it is not read as a lesson\n" + HIDDEN_HINT,
    )
    assert out == "checked 1 lesson, 1 article, 4 glossary entries: 1 warning"
    assert list(open_course(root).lesson_files) == ["l"]


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("glossary.yaml", "the build writes the course's own files under this name"),
        ("Glossary.PDF.yaml", "the build writes the course's own files under this name"),
        ("a:b.yaml", "its name has a character that cannot be used in a folder name"),
        ("a\\b.yaml", "its name has a character that cannot be used in a folder name"),
        ("a\x1b[2Jb.yaml", "its name has a character that cannot be used in a folder name"),
        ("CON.yaml", "Windows reserves its name for a device"),
        ("x .yaml", "its name begins or ends with a space, or ends with '.'"),
        ("x..yaml", "its name begins or ends with a space, or ends with '.'"),
    ],
)
def test_lesson_names_that_cannot_name_an_output_folder_are_refused(
    make_course: MakeCourse, name: str, problem: str
) -> None:
    root = make_course({f"lessons/{name}": LESSON})
    before = listing(root)
    code, err, _ = check(root)
    shown = name.replace("\x1b", "\\x1b")
    assert (code, err) == (
        1,
        f"lessons/{shown}:1:1: error: '{shown}' cannot be used as a lesson: {problem}\n"
        + LESSON_NAME_HINT,
    )
    assert list(open_course(root).lesson_files) == ["l"]
    assert listing(root) == before


@pytest.mark.parametrize(
    "names",
    [
        ("x.yaml", "x.yml"),
        ("X.yaml", "x.yaml"),
        (unicodedata.normalize("NFD", "café.yaml"), unicodedata.normalize("NFC", "café.yaml")),
    ],
)
def test_two_files_for_one_lesson_are_refused(
    make_course: MakeCourse, names: tuple[str, str]
) -> None:
    root = make_course({f"lessons/{name}": LESSON for name in names})
    first, second = sorted(names)
    code, err, out = check(root)
    assert (code, err) == (
        1,
        f"lessons/{first}:1:1: error: 'lessons/{first}', 'lessons/{second}' are one lesson: "
        "their names differ only in capitals, accents or the ending\n"
        "    hint: keep one file per lesson: rename or remove the others\n",
    )
    assert out == "checked 2 lessons, 1 article, 4 glossary entries: 1 error"
    course = open_course(root)
    assert first[: first.rindex(".")] not in course.lessons


def test_a_hostile_lesson_name_builds_nothing_outside_the_output_folder(
    make_course: MakeCourse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`...yaml` once had the id '..': its documents went to the parent of output/."""
    root = make_course({"lessons/...yaml": LESSON, "lessons/..yaml": LESSON})
    (tmp_path / "handout.txt").write_text("mine", encoding="utf-8")
    monkeypatch.setitem(REGISTRY, "txt", "toyformat:ToyFormat")
    before = listing(tmp_path)
    report = build(open_course(root), None, BuildOptions(out_dir=root / "output", formats=("txt",)))
    assert report.ok, report
    after = listing(tmp_path)
    new = sorted(set(after) - set(before))
    assert all(path.startswith("course/output") for path in new), new
    assert {p for p in new if p.endswith(".txt")} == {
        "course/output/glossary.txt",
        *(
            f"course/output/l/{n}.txt"
            for n in ("handout", "questions", "questions-instructor", "glossary")
        ),
    }
    assert (tmp_path / "handout.txt").read_text(encoding="utf-8") == "mine"


def test_hidden_article_files_are_skipped_with_a_warning(make_course: MakeCourse) -> None:
    root = make_course({"articles/..md": "---\ntitle: T\n---\n\nText.\n"})
    assert check(root)[:2] == (
        0,
        "articles/..md:1:1: warning: '..md' is a hidden file (its name starts with '.'): "
        "it is not read as an article\n" + HIDDEN_HINT,
    )


# -- YAML limits ------------------------------------------------------------------------------

DEPTH = (
    "    hint: a course file needs only a few levels of indentation or brackets: "
    "check that each [ and { is closed\n"
)


@pytest.mark.parametrize("depth", [101, 600, 100_000])
def test_deep_nesting_is_a_message_not_a_crash(make_course: MakeCourse, depth: int) -> None:
    root = make_course({"lessons/l.yaml": LESSON + "objectives: " + "[" * depth + "]" * depth})
    assert check(root)[:2] == (
        1,
        "lessons/l.yaml:4:112: error: the YAML is nested more than 100 levels deep here\n" + DEPTH,
    )


def test_deep_indentation_is_a_message_not_a_crash(make_course: MakeCourse) -> None:
    text = "".join(f"{' ' * i}k{i}:\n" for i in range(150)) + " " * 150 + "x\n"
    root = make_course({"lessons/l.yaml": text})
    assert check(root)[:2] == (
        1,
        "lessons/l.yaml:101:101: error: the YAML is nested more than 100 levels deep here\n"
        + DEPTH,
    )


@pytest.mark.parametrize("digits", [101, 4_300, 5_000])
def test_huge_numbers_are_a_message(make_course: MakeCourse, digits: int) -> None:
    root = make_course({"lessons/l.yaml": LESSON + "week: " + "9" * digits + "\n"})
    assert check(root)[:2] == (
        1,
        f"lessons/l.yaml:4:7: error: a number with {digits:,} digits is far too long\n"
        "    hint: write a small number, or put the value in quotes if it is text\n",
    )


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ('!!int "abc"', "a whole number"),
        ("!!bool maybe", "true or false"),
        ("!!float x", "a number"),
    ],
)
def test_a_tag_that_does_not_fit_its_value_is_a_message(
    make_course: MakeCourse, value: str, kind: str
) -> None:
    root = make_course({"lessons/l.yaml": LESSON + f"week: {value}\n"})
    shown = value.split(" ", 1)[1].strip('"')
    assert check(root)[:2] == (
        1,
        f"lessons/l.yaml:4:7: error: '{shown}' cannot be read as {kind}\n"
        "    hint: remove the YAML tag (such as !!int) in front of it, or correct the value\n",
    )


def test_a_long_text_repeated_by_aliases_is_stopped_at_the_alias(make_course: MakeCourse) -> None:
    """100 KB aliased 20,000 times once passed check and ran the build out of memory."""
    aliases = ", ".join(["*t"] * 20_000)
    text = LESSON + f"summary: &t {'x' * 100_000}\nobjectives: [{aliases}]\n"
    root = make_course({"lessons/l.yaml": text})
    started = time.perf_counter()
    assert check(root)[:2] == (
        1,
        "lessons/l.yaml:5:54: error: file expands to more than 1,000,000 characters of text\n"
        + ALIAS_HINT,
    )
    assert time.perf_counter() - started < 10


def test_an_alias_to_nothing_is_a_message(make_course: MakeCourse) -> None:
    root = make_course({"lessons/l.yaml": LESSON + "summary: *nothing\n"})
    assert check(root)[:2] == (
        1,
        "lessons/l.yaml:4:10: error: YAML syntax error: found undefined alias 'nothing'\n"
        "    hint: define the anchor (&name) before the alias (*name), or remove it\n",
    )


def test_a_second_yaml_document_is_a_message(make_course: MakeCourse) -> None:
    root = make_course({"lessons/l.yaml": LESSON + "---\ntitle: Another\n"})
    assert check(root)[:2] == (
        1,
        "lessons/l.yaml:4:1: error: the file holds a second YAML document\n"
        "    hint: a line '---' starts a new document: remove it\n",
    )


def test_aliases_keep_working_within_the_limits(make_course: MakeCourse) -> None:
    text = LESSON + "objectives: [&o Explain the reset., *o]\n"
    root = make_course({"lessons/l.yaml": text})
    assert check(root)[:2] == (0, "")
    assert open_course(root).lessons["l"].objectives == ("Explain the reset.",) * 2


# -- values that only look right ---------------------------------------------------------------


def test_true_is_not_a_week_and_spaces_are_not_a_title(make_course: MakeCourse) -> None:
    root = make_course(
        {
            "lessons/l.yaml": 'title: "   "\nweek: true\nreadings:\n  - article: test-article\n'
            "questions:\n  - question: Why?\n    minutes: false\n",
            "glossary.yaml": "- term: ' '\n  definition: A term of spaces.\n",
        }
    )
    assert check(root)[:2] == (
        1,
        "glossary.yaml:1:9: error: 'term' must not be empty\n"
        "lessons/l.yaml:1:8: error: 'title' must not be empty\n"
        "lessons/l.yaml:2:7: error: 'week' must be a whole number, not 'true'\n"
        "lessons/l.yaml:7:14: error: 'minutes' must be a whole number, not 'false'\n",
    )
