"""Joined PDF blocks sorted before they become the article: the title and a dateline taken from
the top of page 1, figure captions and paragraph numbers ('¶3') left out, footnote reference
markers counted.

The title is the block (or the consecutive blocks) on page 1 set in the largest type, when it
comes first (after at most two short one-line blocks, a dateline say) and is a heading or
clearly larger than the body text. A lone date before it, or first on page 1, is the date.
A caption is a tagged Caption element, or a block next to a tagged Figure (or next to such a
caption) that reads like one: 'Figure 1. …', 'Table 2: …', 'Source: …', 'Notes: …'.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .boilerplate import parse_date
from .pdflayout import Para

TITLE_RATIO = 1.3  # a title that is not a heading is set this much larger than the body text
_MAX_BEFORE_TITLE = 2  # short blocks a title may come after (a dateline, a series name)
_SHORT = 8  # words in such a block
_DATELINE_WORDS = 6  # words in a dateline: 'April 10, 2026', 'Updated 3 May 2024'
_CAPTION = re.compile(
    r"^(?:(?:figure|fig\.|table|chart|map|exhibit|graph|illustration)\s+[A-Z]?[0-9]+"
    r"(?:[.\-–][0-9]+)*[.:]?(?:\s|$)|(?:sources?|notes?)\s*:)",
    re.IGNORECASE,
)

Blocks = list[tuple[str, Para]]


@dataclass
class Front:
    """What the top of page 1 gave: the title's text and blocks, the dateline's."""

    title: str | None = None
    title_size: float = 0.0
    body_size: float = 0.0
    title_heading: bool = False
    dateline: str | None = None
    date: str | None = None
    title_blocks: set[int] = field(default_factory=set)  # ids of the title's blocks
    dateline_block: int | None = None  # id of the dateline's


def size_of(para: Para) -> float:
    """The type size of a block: its largest line's usual glyph size."""
    return max(line.size for line in para.lines)


def body_size(blocks: Blocks) -> float:
    """The size most of the text is set in (counted in characters)."""
    sizes: Counter[float] = Counter()
    for _, para in blocks:
        for line in para.lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def lone_date(text: str, para: Para) -> str | None:
    """YYYY-MM-DD when the block is one short line that is a date ('April 10, 2026')."""
    if len(para.lines) != 1 or len(text.split()) > _DATELINE_WORDS:
        return None
    return parse_date(text)


def front_of(blocks: Blocks) -> Front:
    """The title and dateline at the top of page 1, if it has them."""
    front = Front(body_size=body_size(blocks))
    first = [index for index, (_, para) in enumerate(blocks) if para.page == 1]
    if not first or first[0] != 0:
        return front
    largest = max(size_of(blocks[index][1]) for index in first)
    start = next(index for index in first if size_of(blocks[index][1]) == largest)
    before = blocks[:start]
    title_like = blocks[start][1].heading or largest >= TITLE_RATIO * front.body_size
    if (
        title_like
        and len(before) <= _MAX_BEFORE_TITLE
        and all(len(para.lines) == 1 and len(text.split()) <= _SHORT for text, para in before)
    ):
        end = start
        while end < len(blocks) and end in first and size_of(blocks[end][1]) == largest:
            end += 1
        front.title = " ".join(text for text, _ in blocks[start:end])
        front.title_size = largest
        front.title_heading = blocks[start][1].heading
        front.title_blocks = {id(para) for _, para in blocks[start:end]}
    else:
        before = blocks[:1]
    for text, para in before:
        date = lone_date(text, para)
        if date is not None:
            front.dateline, front.date, front.dateline_block = text, date, id(para)
            break
    return front


def captions(blocks: Blocks) -> set[int]:
    """The ids of the blocks that are figure or table captions (tagged PDFs only: the
    structure says where the figures are)."""
    found = {
        id(para)
        for text, para in blocks
        if para.role == "Caption" or (para.near_figure and _CAPTION.match(text))
    }
    changed = True
    while changed:  # a 'Source:' line after a caption after a figure
        changed = False
        for index, (text, para) in enumerate(blocks):
            if id(para) in found or not para.role or not _CAPTION.match(text):
                continue
            neighbours = blocks[max(index - 1, 0) : index] + blocks[index + 1 : index + 2]
            if any(id(other) in found for _, other in neighbours):
                found.add(id(para))
                changed = True
    return found


_LABEL = re.compile(r"^¶\s?[0-9]{1,4}[a-z]?\s+(?=\S)")


def paragraph_label(text: str, para: Para) -> str | None:
    """A paragraph number set before the paragraph ('¶12 There is…', hanging in the margin as
    coursegen's handouts set it): the label, when the block starts with one that stands apart
    (the block is one line, or its first line starts left of the others)."""
    match = _LABEL.match(text)
    if match is None or para.heading:
        return None
    first, rest = para.lines[0], para.lines[1:]
    if rest and not first.x0 < min(line.x0 for line in rest) - 0.5 * first.size:
        return None
    return match.group(0).strip()


def unlabelled(blocks: Blocks) -> tuple[Blocks, list[str]]:
    """The blocks without their paragraph numbers; and each number left out, with its page."""
    out: Blocks = []
    labels: list[str] = []
    for text, para in blocks:
        label = paragraph_label(text, para)
        if label is not None:
            text = _LABEL.sub("", text, count=1)
            labels.append(f"page {para.page}: {label} before {text[:40]!r}")
        out.append((text, para))
    return out, labels


def footnote_markers(blocks: Blocks) -> list[str]:
    """Each footnote reference marker left out of a block's text, with its page and word."""
    return [
        f"page {line.page}: {marker}"
        for _, para in blocks
        for line in para.lines
        for marker in line.extra.get("markers", [])
    ]
