"""The layout pass, for PDFs without a usable structure tree: lines with their positions and
sizes into paragraphs and headings.

Page furniture goes first (lines repeated at the same height on several pages, digits aside,
and page numbers at the top or foot of a page); each page's remaining lines are put in reading
order (one column, or two when a gutter no line crosses divides the page, full-width lines
keeping their place); then a paragraph starts at a vertical gap larger than the line spacing,
at an indented first line, at a change to or from a heading's font (larger, or bold), or where
the new line's first word would have fitted at the end of the line before it. Across a column
or page break a paragraph goes on unless that last test says it ended.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from .pdflines import Line

PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—]?\s*[0-9]{1,4}\s*[-–—]?(?:\s*(?:/|of)\s*[0-9]{1,4})?$", re.IGNORECASE
)
_DIGITS = re.compile(r"[0-9]+")
_END = tuple(".!?…:;")
_CLOSERS = "\"'”’»)]"
HEADING_RATIO = 1.15  # a heading's font is this much larger than the body's, or bold
EDGE_LINES = 2  # furniture is among the first or last lines of a page


@dataclass(frozen=True)
class Removed:
    page: int
    text: str
    why: str


@dataclass
class Para:
    """A paragraph or heading being built: its lines, in reading order."""

    lines: list[Line]
    heading: bool
    role: str = ""  # a tagged PDF's structure type: 'P', 'Caption', 'TR'…
    near_figure: bool = False  # a tagged block next to a Figure element, its sibling
    cells: list[list[Line]] = field(default_factory=list)  # a table row's cells, in order

    @property
    def page(self) -> int:
        return self.lines[0].page


@dataclass
class Layout:
    paras: list[Para] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    columns: dict[int, int] = field(default_factory=dict)  # page -> 1 or 2
    body_size: float = 0.0


def ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip(_CLOSERS).endswith(_END)


def starts_lower(text: str) -> bool:
    stripped = text.lstrip("\"'“‘«([ ")
    return bool(stripped) and stripped[0].islower()


def _edge(lines: list[Line]) -> set[int]:
    """The ids of the top and bottom EDGE_LINES lines of a page, by height."""
    ordered = sorted(lines, key=lambda line: -line.y1)
    return {id(line) for line in ordered[:EDGE_LINES] + ordered[-EDGE_LINES:]}


def remove_furniture(pages: dict[int, list[Line]], removed: list[Removed]) -> None:
    """Running heads and feet (the same text, digits aside, at the same height on at least two
    pages and half of them) and page numbers, among the lines at a page's top or foot."""
    count = len(pages)
    edges = {page: _edge(lines) for page, lines in pages.items()}
    seen: Counter[tuple[str, int]] = Counter()
    for page, lines in pages.items():
        keys = {(_DIGITS.sub("#", line.text), round(line.y0 / 4)) for line in lines
                if id(line) in edges[page]}  # fmt: skip
        seen.update(keys)
    repeated = {key for key, n in seen.items() if n >= 2 and n * 2 >= count}
    for page, lines in pages.items():
        kept: list[Line] = []
        for line in lines:
            key = (_DIGITS.sub("#", line.text), round(line.y0 / 4))
            if id(line) in edges[page] and PAGE_NUMBER.match(line.text):
                removed.append(Removed(page, line.text, "a page number"))
            elif id(line) in edges[page] and key in repeated:
                why = f"a running head or foot, at the same height on {seen[key]} pages"
                removed.append(Removed(page, line.text, why))
            else:
                kept.append(line)
        pages[page] = kept


def _gutter(lines: list[Line]) -> float | None:
    """The x of a gutter between two columns: in the middle half of the text's width, the
    place fewest lines cross (at most a fifth of them, the full-width ones), with at least three
    lines wholly on each side; None for one column."""
    if len(lines) < 6:
        return None
    left, right = min(line.x0 for line in lines), max(line.x1 for line in lines)
    best: tuple[int, float] | None = None
    x = left + (right - left) / 4
    while x <= right - (right - left) / 4:
        crossing = sum(line.x0 < x < line.x1 for line in lines)
        if best is None or crossing < best[0]:
            best = (crossing, x)
        x += 2.0
    if best is None or best[0] * 5 > len(lines):
        return None
    gutter = best[1]
    on_left = sum(line.x1 <= gutter for line in lines)
    on_right = sum(line.x0 >= gutter for line in lines)
    return gutter if on_left >= 3 and on_right >= 3 else None


def reading_order(lines: list[Line], gutter: float | None) -> list[Line]:
    """Top to bottom; with two columns, each band between full-width lines is read left
    column then right column."""
    ordered = sorted(lines, key=lambda line: (-line.y1, line.x0))
    if gutter is None:
        for line in ordered:
            line.extra["column"] = 0
        return ordered
    out: list[Line] = []
    band: list[Line] = []

    def flush() -> None:
        for column in (0, 1):
            part = [line for line in band if (line.x1 <= gutter) == (column == 0)]
            for line in part:
                line.extra["column"] = column
            out.extend(part)
        band.clear()

    for line in ordered:
        if line.x0 < gutter < line.x1:
            flush()
            line.extra["column"] = 0
            out.append(line)
        else:
            band.append(line)
    flush()
    return out


def _mode(values: list[float], default: float) -> float:
    rounded = [round(v * 2) / 2 for v in values]
    return Counter(rounded).most_common(1)[0][0] if rounded else default


def _is_heading(line: Line, body_size: float, body_bold: bool) -> bool:
    return len(line.text) <= 200 and (
        line.size >= body_size * HEADING_RATIO or (line.bold and not body_bold)
    )


@dataclass
class Geometry:
    """Per column of each page: where its lines start and end."""

    left: dict[tuple[int, int], float]
    right: dict[tuple[int, int], float]
    pitch: float  # the usual distance between baselines of body lines
    justified: set[tuple[int, int]] = field(default_factory=set)  # columns set justified


def _geometry(order: list[Line], body_size: float) -> Geometry:
    columns: dict[tuple[int, int], list[Line]] = {}
    for line in order:
        if abs(line.size - body_size) < 0.5:
            columns.setdefault((line.page, line.extra["column"]), []).append(line)
    left = {key: _mode([line.x0 for line in lines], lines[0].x0) for key, lines in columns.items()}
    right = {key: max(line.x1 for line in lines) for key, lines in columns.items()}
    steps = [
        previous.y0 - line.y0
        for previous, line in itertools.pairwise(order)
        if previous.page == line.page
        and previous.extra["column"] == line.extra["column"]
        and abs(previous.size - body_size) < 0.5
        and abs(line.size - body_size) < 0.5
        and 0 < previous.y0 - line.y0 < 3 * body_size
    ]
    justified = {
        key
        for key, lines in columns.items()
        if len(lines) >= 4 and sum(line.x1 >= right[key] - 1.0 for line in lines) * 2 > len(lines)
    }
    return Geometry(left, right, _mode(steps, body_size * 1.2), justified)


def _indented(line: Line, geometry: Geometry) -> bool:
    key = (line.page, line.extra["column"])
    left = geometry.left.get(key, line.x0)
    return 0.5 * line.size < line.x0 - left < 8 * line.size


def _ended(previous: Line, line: Line, geometry: Geometry) -> bool:
    """`previous` ended its paragraph: the first word of `line` would have fitted at its end
    (a paragraph's line is broken only where the next word does not fit), or, in justified
    text, it ends a sentence short of the right edge (only a last line is not stretched)."""
    if previous.text.endswith(("-", "‐", "\u00ad")):
        return False
    key = (previous.page, previous.extra["column"])
    right = geometry.right.get(key, previous.x1)
    room = right - previous.x1 - previous.space_width
    if 0 < line.first_word_width < room - 0.5:
        return True
    short = previous.x1 < right - max(2.0, 0.3 * previous.size)
    return key in geometry.justified and short and ends_sentence(previous.text)


def _same_column(previous: Line, line: Line) -> bool:
    return (
        previous.page == line.page
        and previous.extra["column"] == line.extra["column"]
        and line.y1 < previous.y1
    )


def _breaks(previous: Line, line: Line, geometry: Geometry, uses_indents: bool) -> bool:
    """A new paragraph starts at `line` (both lines body text)."""
    if _same_column(previous, line):
        if previous.y0 - line.y0 > geometry.pitch * 1.25:
            return True
        if _indented(line, geometry):
            return True
        return _ended(previous, line, geometry) and not starts_lower(line.text)
    # a column or page break: the paragraph goes on unless it visibly ended
    if not ends_sentence(previous.text) and starts_lower(line.text):
        return False
    if uses_indents:
        return _indented(line, geometry)
    return _ended(previous, line, geometry)


def paragraphs(pages: dict[int, list[Line]]) -> Layout:
    """The layout pass over every page's lines (furniture not yet removed)."""
    layout = Layout()
    remove_furniture(pages, layout.removed)
    order: list[Line] = []
    for page in sorted(pages):
        gutter = _gutter(pages[page])
        layout.columns[page] = 1 if gutter is None else 2
        order += reading_order(pages[page], gutter)
    if not order:
        return layout
    sizes: Counter[float] = Counter()
    bolds: Counter[bool] = Counter()
    for line in order:
        sizes[line.size] += len(line.text)
        bolds[line.bold] += len(line.text)
    body_size = sizes.most_common(1)[0][0]
    body_bold = bolds.most_common(1)[0][0]
    layout.body_size = body_size
    geometry = _geometry(order, body_size)
    indents = sum(
        _same_column(p, n) and _indented(n, geometry) and p.y0 - n.y0 <= geometry.pitch * 1.25
        for p, n in itertools.pairwise(order)
    )
    gaps = sum(
        _same_column(p, n) and p.y0 - n.y0 > geometry.pitch * 1.25
        for p, n in itertools.pairwise(order)
    )
    uses_indents = indents >= 2 and indents >= gaps
    current: Para | None = None
    for line in order:
        heading = _is_heading(line, body_size, body_bold)
        if current is not None and current.heading == heading:
            previous = current.lines[-1]
            if heading:
                same = (
                    _same_column(previous, line)
                    and previous.size == line.size
                    and previous.y0 - line.y0 < line.size * 1.6
                )
                if same:
                    current.lines.append(line)
                    continue
            elif not _breaks(previous, line, geometry, uses_indents):
                current.lines.append(line)
                continue
        current = Para([line], heading)
        layout.paras.append(current)
    return layout


def median_size(lines: list[Line]) -> float:
    return statistics.median(line.size for line in lines) if lines else 0.0
