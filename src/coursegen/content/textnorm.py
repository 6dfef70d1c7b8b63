"""Lenient text comparison: whitespace runs, quote and dash variants count as the same."""

from __future__ import annotations

import re

_SINGLE_QUOTES = "'‘’‚‛′`"
_DOUBLE_QUOTES = '"“”„‟″«»'
_DASHES = "-‐‑‒–—―−﹘﹣－"

_TABLE = str.maketrans(
    {
        **{c: "'" for c in _SINGLE_QUOTES},
        **{c: '"' for c in _DOUBLE_QUOTES},
        **{c: "-" for c in _DASHES},
    }
)
_SPACE_RUN = re.compile(r"\s+")
_IRREGULAR_SPACE = re.compile(r"[^\S ]| {2}")


def fold(text: str) -> str:
    """The comparison form of `text`: one ASCII space per whitespace run, plain quotes and hyphens."""
    return _SPACE_RUN.sub(" ", text.translate(_TABLE))


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """`fold(text)` and, for each of its characters, the index in `text` it comes from.

    The map has one extra entry, len(text), so a folded end offset maps back too.
    """
    translated = text.translate(_TABLE)
    if not _IRREGULAR_SPACE.search(translated):  # the usual case: nothing to squeeze
        return translated, list(range(len(text) + 1))
    out: list[str] = []
    index: list[int] = []
    previous_space = False
    for i, char in enumerate(translated):
        if char.isspace():
            if previous_space:
                continue
            previous_space = True
            out.append(" ")
        else:
            previous_space = False
            out.append(char)
        index.append(i)
    index.append(len(text))
    return "".join(out), index


def original_end(index: list[int], folded_end: int, text: str) -> int:
    """Original offset just after the folded range ending at `folded_end` (exclusive)."""
    if folded_end <= 0:
        return 0
    end = index[folded_end - 1] + 1
    while end < len(text) and text[end - 1].isspace() and text[end].isspace():
        end += 1
    return end
