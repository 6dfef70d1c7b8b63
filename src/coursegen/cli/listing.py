"""How `coursegen show` lays out an article: a title line, then `¶N  text` wrapped with a
hanging indent under the text, section headings where they fall, a blank line between."""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..content.articles import Article
from ..content.listing import ShownParagraph, title_line
from .report import terminal_text

PIPE_WIDTH = 100  # columns when stdout is not a terminal (a pipe, a file)
MAX_WIDTH = 100  # a wider terminal still gets lines this long: easier to read
MIN_WIDTH = 30


@dataclass(frozen=True)
class Line:
    text: str  # already escaped (terminal_text)
    heading: bool = False


def is_terminal() -> bool:
    return sys.stdout.isatty()


def output_width(is_terminal: bool, requested: int | None = None) -> int:
    """Columns to wrap at: `requested` if given (0: no wrapping); else the terminal's width
    (at most MAX_WIDTH) in a terminal, PIPE_WIDTH otherwise."""
    if requested is not None:
        return requested
    if not is_terminal:
        return PIPE_WIDTH
    columns = shutil.get_terminal_size((PIPE_WIDTH, 24)).columns
    return max(MIN_WIDTH, min(columns, MAX_WIDTH))


def article_lines(article: Article, shown: Sequence[ShownParagraph], width: int) -> Iterator[Line]:
    """Every line to print; `width` 0 leaves each paragraph on one line."""
    title = terminal_text(title_line(article))
    for line in textwrap.wrap(title, width, break_long_words=False) if width > 0 else [title]:
        yield Line(line)
    label_width = max((len(f"¶{p.paragraph.number}") for p in shown), default=0)
    for item in shown:
        yield Line("")
        if item.heading is not None:
            yield Line(terminal_text(f"## {item.heading}"), heading=True)
            yield Line("")
        label = f"¶{item.paragraph.number}".ljust(label_width) + "  "
        for line in hanging(label, terminal_text(item.paragraph.text), width, room=10):
            yield Line(line)


def hanging(label: str, text: str, width: int, room: int) -> list[str]:
    """`label` then `text`, wrapped at `width` (0: one line) with the lines after the first
    indented under the text; at least `room` columns are left for the text. Words are never
    broken, not even at their hyphens."""
    if width <= 0:
        return [label + text]
    wrapper = textwrap.TextWrapper(
        width=max(width, len(label) + room),
        initial_indent=label,
        subsequent_indent=" " * len(label),
        break_long_words=False,
        break_on_hyphens=False,
    )
    return wrapper.wrap(text) or [label.rstrip()]
