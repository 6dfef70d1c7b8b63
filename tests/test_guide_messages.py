"""The user guide quotes only messages that coursegen prints.

Every diagnostic in a code block of docs/user-guide.md (a line `file:line:col: error|warning: …`
and the `    hint: …` line after it, if any) must appear word for word, with the same hint or
the same lack of one, among the expected outputs of tests/test_check_errors.py. When the guide
names a file that the test course also has (lessons/l.yaml, articles/test-article.md, …), the
line and column must match too; an example from another course (lessons/05-reset.yaml) is
compared from `error:` or `warning:` on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from test_check_errors import CASES

from conftest import REPO

GUIDE = REPO / "docs" / "user-guide.md"
_DIAGNOSTIC = re.compile(r"^(?P<path>\S+):\d+:\d+: (?P<rest>(?:error|warning): .*)$")
_HINT = "    hint: "


@dataclass(frozen=True)
class Quoted:
    """One diagnostic as printed: its first line and its hint line (None when there is none)."""

    line: str
    hint: str | None

    @property
    def path(self) -> str:
        return self._match().group("path")

    @property
    def without_place(self) -> tuple[str, str | None]:
        return self._match().group("rest"), self.hint

    def _match(self) -> re.Match[str]:
        match = _DIAGNOSTIC.match(self.line)
        assert match is not None
        return match


def diagnostics_in(lines: list[str]) -> list[tuple[int, Quoted]]:
    """Each diagnostic in `lines`, with the number of its first line."""
    found = []
    for index, line in enumerate(lines):
        if _DIAGNOSTIC.match(line):
            following = lines[index + 1] if index + 1 < len(lines) else ""
            hint = following if following.startswith(_HINT) else None
            found.append((index + 1, Quoted(line, hint)))
    return found


def guide_diagnostics() -> list[tuple[int, Quoted]]:
    """The diagnostics quoted inside ``` code blocks of the guide."""
    lines = GUIDE.read_text(encoding="utf-8").split("\n")
    in_block = [False] * len(lines)
    inside = False
    for index, line in enumerate(lines):
        if line.lstrip().startswith("```"):
            inside = not inside
        else:
            in_block[index] = inside
    return [(number, quoted) for number, quoted in diagnostics_in(lines) if in_block[number - 1]]


CATALOGUE = [quoted for case in CASES for _, quoted in diagnostics_in(case[2].split("\n"))]
TESTED = {(q.line, q.hint) for q in CATALOGUE}
TESTED_WITHOUT_PLACE = {q.without_place for q in CATALOGUE}
TEST_PATHS = {q.path for q in CATALOGUE}
QUOTED = guide_diagnostics()


def test_the_guide_quotes_many_messages() -> None:
    """Guards the extraction itself: section 12 alone quotes dozens of messages."""
    assert len(QUOTED) >= 40
    assert sum(quoted.hint is not None for _, quoted in QUOTED) >= 30


def test_a_changed_hint_or_place_is_not_in_the_catalogue() -> None:
    line = "lessons/l.yaml:3:1: error: tab character in indentation"
    hint = "    hint: YAML indents with spaces only: replace the tab with spaces"
    assert (line, hint) in TESTED
    assert (line, "    hint: use spaces") not in TESTED
    assert (line, None) not in TESTED
    assert (line.replace(":3:1:", ":4:1:"), hint) not in TESTED


@pytest.mark.parametrize(
    "quoted", [q for _, q in QUOTED], ids=[f"user-guide.md:{n}" for n, _ in QUOTED]
)
def test_the_guide_quotes_a_tested_message(quoted: Quoted) -> None:
    shown = quoted.line + (f"\n{quoted.hint}" if quoted.hint else " (no hint)")
    if quoted.path in TEST_PATHS:
        found = (quoted.line, quoted.hint) in TESTED
    else:
        found = quoted.without_place in TESTED_WITHOUT_PLACE
    assert found, (
        f"docs/user-guide.md quotes a message that no case in tests/test_check_errors.py "
        f"expects, word for word:\n{shown}"
    )
