"""Pagination checker for coursegen's PDFs: finds what a page break should have kept together.

    .venv/bin/python -m tests.pagecheck output/*/*.pdf    # prints `file: page N: what`, exit 1

It reads the PDF the way the tag tree lays it out: every structure element (P, H1–H6, LBody…),
with the position of each line of its marked content (the baseline of each text object, through
the page's transformation matrices), and the answer areas of the question sheet (the rectangles
painted with the ruled-lines pattern). No text is matched against a label, so it works in any
course language. It reports:

- a paragraph split with fewer than 2 lines at the foot of a page (orphan) or at the top of the
  next (widow); a ¶ number on another page than its paragraph's first line;
- a heading (an excerpt's "Excerpt B", a section heading, a question's heading) or an excerpt's
  note at the foot of a page, with what follows it overleaf;
- an excerpt's source line at the top of a page, its excerpt ending on the page before;
- a question sheet's question whose first answer line is overleaf, or whose answer space is split
  across pages although the whole block would fit on one;
- a glossary entry (a section of a heading and paragraphs only) split across pages;
- a page, not the last, less than 15% filled (what follows it was kept together and moved on);
- a line of a paragraph, not its last, much shorter than the others (justified: stretched).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import IndirectObject

try:
    from pdftagtext import _decode, _raw, _to_unicode, operations
except ImportError:  # run as `python -m tests.pagecheck`
    from tests.pdftagtext import _decode, _raw, _to_unicode, operations

HEADINGS = {"H1", "H2", "H3", "H4", "H5", "H6"}
BLOCKS = HEADINGS | {"P", "LBody", "Lbl", "Caption", "TD", "TH"}
ANSWER_LINE = 8.5 / 25.4 * 72  # one ruled line of the question sheet (style.css), in points
NEAR_EMPTY = 0.15  # a page filled less than this, not the last, is reported
LOOSE = 0.6  # a line of a paragraph shorter than this share of its usual line is stretched
SAME_LINE = 2.0  # baselines closer than this (points) are one line


@dataclass
class Run:
    """The text of one marked-content sequence, where it is drawn (points from the page top)."""

    text: str
    x: float
    y: float  # baseline
    size: float


@dataclass
class Node:
    role: str
    kids: list[Node | tuple[int, int]] = field(default_factory=list)  # elements, (page, MCID)

    def marks(self) -> Iterator[tuple[int, int]]:
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.marks()
            else:
                yield kid

    def walk(self) -> Iterator[Node]:
        yield self
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.walk()

    def elements(self) -> list[Node]:
        return [kid for kid in self.kids if isinstance(kid, Node)]


@dataclass
class Line:
    page: int  # from 0
    y: float
    text: str


@dataclass
class Layout:
    runs: dict[tuple[int, int], Run]  # (page, MCID) → its text and position
    answers: list[list[tuple[float, float]]]  # per page: answer areas as (top, bottom)
    heights: list[float]
    root: Node

    def lines(self, node: Node) -> list[Line]:
        """The element's lines in order: runs on one baseline of one page joined."""
        lines: list[Line] = []
        for mark in node.marks():
            run = self.runs.get(mark)
            if run is None or not run.text.strip():
                continue
            page = mark[0]
            if lines and lines[-1].page == page and abs(lines[-1].y - run.y) < SAME_LINE:
                lines[-1].text += run.text
            else:
                lines.append(Line(page, run.y, run.text))
        return lines


def read_layout(path: Path) -> Layout:
    reader = PdfReader(path)
    page_numbers = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    runs: dict[tuple[int, int], Run] = {}
    answers: list[list[tuple[float, float]]] = []
    heights: list[float] = []
    for number, page in enumerate(reader.pages):
        height = float(page.mediabox.height)
        heights.append(height)
        answers.append(_read_page(reader, page, number, height, runs))
    tree = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    root = Node("StructTreeRoot")
    for kid in _array(tree["/K"]):
        root.kids.append(_node(kid.get_object(), None, page_numbers))
    return Layout(runs, answers, heights, root)


def _array(value: Any) -> list[Any]:
    value = value.get_object() if isinstance(value, IndirectObject) else value
    return list(value) if isinstance(value, list) else [value]


def _node(obj: Any, page: int | None, pages: dict[int, int]) -> Node:
    node = Node(str(obj["/S"])[1:])
    if "/Pg" in obj:
        page = pages[obj.raw_get("/Pg").idnum]
    for kid in _array(obj.get("/K", [])):
        if isinstance(kid, int):
            assert page is not None
            node.kids.append((page, kid))
            continue
        kid = kid.get_object()
        if kid.get("/Type") == "/MCR":
            kid_page = pages[kid.raw_get("/Pg").idnum] if "/Pg" in kid else page
            assert kid_page is not None
            node.kids.append((kid_page, int(kid["/MCID"])))
        elif kid.get("/Type") != "/OBJR":
            node.kids.append(_node(kid, page, pages))
    return node


Matrix = tuple[float, float, float, float, float, float]


def _times(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t,
            e * q + f * s + u)  # fmt: skip


def _read_page(
    reader: PdfReader, page: Any, number: int, height: float, runs: dict[tuple[int, int], Run]
) -> list[tuple[float, float]]:
    """Collect the page's marked text with positions into `runs`; return its answer areas."""
    fonts = page["/Resources"].get("/Font", {})
    maps: dict[str, dict[int, str]] = {}
    font: dict[int, str] = {}
    size = 0.0
    ctm: Matrix = (1, 0, 0, 1, 0, 0)
    pattern = False  # the fill colour is a pattern (the answer area's ruled lines)
    saved: list[tuple[Matrix, bool]] = []
    text_matrix: Matrix = (1, 0, 0, 1, 0, 0)
    marks: list[int | None] = []
    rects: list[tuple[float, float, float, float]] = []
    answers: list[tuple[float, float]] = []
    for operands, operator in operations(page):
        if operator == b"q":
            saved.append((ctm, pattern))
        elif operator == b"Q":
            ctm, pattern = saved.pop()
        elif operator == b"cm":
            ctm = _times(tuple(float(x) for x in operands), ctm)  # type: ignore[arg-type]
        elif operator == b"cs":
            pattern = str(operands[0]) == "/Pattern"
        elif operator in (b"rg", b"g", b"k"):
            pattern = False
        elif operator == b"re":
            rects.append(tuple(float(x) for x in operands))  # type: ignore[arg-type]
        elif operator in (b"f", b"f*", b"F"):
            if pattern:
                for x, y, _, h in rects:
                    ys = [_times((1, 0, 0, 1, x, y + dy), ctm)[5] for dy in (0, h)]
                    answers.append((height - max(ys), height - min(ys)))
            rects = []
        elif operator in (b"n", b"S", b"B", b"b", b"W", b"W*"):
            rects = [] if operator != b"W" and operator != b"W*" else rects
        elif operator in (b"BDC", b"BMC"):
            properties = operands[1] if operator == b"BDC" else {}
            marks.append(int(properties["/MCID"]) if "/MCID" in properties else None)
        elif operator == b"EMC":
            marks.pop()
        elif operator == b"BT":
            text_matrix = (1, 0, 0, 1, 0, 0)
        elif operator == b"Tm":
            text_matrix = tuple(float(x) for x in operands)  # type: ignore[assignment]
        elif operator == b"Td":
            tx, ty = (float(x) for x in operands)
            text_matrix = _times((1, 0, 0, 1, tx, ty), text_matrix)
        elif operator == b"Tf":
            name = str(operands[0])
            if name not in maps:
                maps[name] = _to_unicode(fonts[name].get_object())
            font, size = maps[name], float(operands[1])
        elif operator in (b"Tj", b"TJ"):
            mcid = next((m for m in reversed(marks) if m is not None), None)
            if mcid is None:
                continue
            parts = operands[0] if operator == b"TJ" else [operands[0]]
            text = "".join(_decode(_raw(p), font) for p in parts if isinstance(p, (bytes, str)))
            where = _times(text_matrix, ctm)
            scale = abs(where[3]) or 1.0
            run = runs.get((number, mcid))
            if run is None:
                runs[number, mcid] = Run(text, where[4], height - where[5], size * scale)
            else:
                run.text += text
    return sorted(answers)


def check(path: Path) -> list[str]:
    """Every pagination problem in one PDF, as 'file: page N: what'."""
    return [f"{path}: page {page + 1}: {what}" for page, what in problems(read_layout(path))]


def problems(layout: Layout) -> list[tuple[int, str]]:
    """Every pagination problem in a laid-out document, as (page from 0, what), by page."""
    found: list[tuple[int, str]] = []
    leaves = [n for n in layout.root.walk() if n.role in BLOCKS and _leaf(n)]
    lines = {id(n): layout.lines(n) for n in leaves}
    leaves = [n for n in leaves if lines[id(n)]]
    order = {id(n): i for i, n in enumerate(leaves)}

    def after(node: Node) -> list[Line]:
        """The lines of the first block after `node` (or after its last leaf)."""
        last = max(order[id(n)] for n in node.walk() if id(n) in order)
        return lines[id(leaves[last + 1])] if last + 1 < len(leaves) else []

    def quote(node: Node, width: int = 40) -> str:
        text = " ".join(line.text for line in lines.get(id(node), layout.lines(node)))
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"

    for node in leaves:
        own = lines[id(node)]
        pages = [line.page for line in own]
        if node.role not in HEADINGS and pages[0] != pages[-1]:
            first, last = pages.count(pages[0]), pages.count(pages[-1])
            if first < 2:
                found.append((pages[0], f"first line of a paragraph alone at the foot "
                                        f"({quote(node)})"))  # fmt: skip
            if last < 2:
                found.append((pages[-1], f"last line of a paragraph alone at the top "
                                         f"({quote(node)})"))  # fmt: skip
        found.extend(_number_alone(layout, node))
        if node.role in HEADINGS:
            following = after(node)
            if following and following[0].page > pages[-1]:
                found.append((pages[-1], f"heading at the foot with what follows overleaf "
                                         f"({quote(node)})"))  # fmt: skip
        elif node.role == "P" and len(own) > 2:
            found.extend(_loose_lines(own))
    for node in layout.root.walk():
        kids = node.elements()
        if node.role != "Sect" or not kids or kids[0].role not in HEADINGS:
            continue
        if len(kids) >= 3 and kids[-2].role == "Div" and kids[-1].role == "P":  # an excerpt
            body = [line for n in kids[-2].walk() if id(n) in lines for line in lines[id(n)]]
            source = lines.get(id(kids[-1]), [])
            if len(kids) == 4 and kids[1].role == "P" and body:
                note = lines.get(id(kids[1]), [])
                if note and body[0].page > note[-1].page:
                    found.append((note[-1].page, f"excerpt note at the foot, its passages "
                                                 f"overleaf ({quote(kids[1])})"))  # fmt: skip
            if body and source and source[0].page > body[-1].page:
                found.append((source[0].page, f"source line at the top, its excerpt ends "
                                              f"on page {body[-1].page + 1}"))  # fmt: skip
        elif all(kid.role == "P" for kid in kids[1:]):  # a glossary entry
            pages = {line.page for n in node.walk() if id(n) in lines for line in lines[id(n)]}
            if len(pages) > 1:
                found.append((min(pages), f"glossary entry split across pages "
                                          f"({quote(kids[0])})"))  # fmt: skip
    found.extend(_answer_areas(layout, lines, leaves))
    found.extend(_near_empty(layout, lines, leaves))
    return sorted(found)


def _number_alone(layout: Layout, node: Node) -> list[tuple[int, str]]:
    """A ¶ number (a run of its own, first in its paragraph) on another page than its text."""
    marks = [m for m in node.marks() if m in layout.runs and layout.runs[m].text.strip()]
    if len(marks) < 2 or marks[0][0] == marks[1][0]:
        return []
    label = layout.runs[marks[0]].text.strip()
    if not label.startswith("¶") or len(label.split()) > 1:
        return []
    return [(marks[0][0], f"{label} at the foot, its paragraph overleaf")]


def _loose_lines(own: list[Line]) -> list[tuple[int, str]]:
    """Lines of a paragraph, not its last, that are much shorter than its others: justified,
    they are stretched across the column (a line broken after one word or a few)."""
    lengths = sorted(len(line.text.strip()) for line in own[:-1])
    usual = lengths[len(lengths) // 2]
    return [
        (line.page, f"a line stretched across the column ({' '.join(line.text.split())!r})")
        for line in own[:-1]
        if len(line.text.strip()) < LOOSE * usual
    ]


def _leaf(node: Node) -> bool:
    return not any(n.role in BLOCKS for n in node.walk() if n is not node)


def _answer_areas(
    layout: Layout, lines: dict[int, list[Line]], leaves: list[Node]
) -> list[tuple[int, str]]:
    """Answer areas: the text-bearing part of a question, then any part overleaf."""
    found: list[tuple[int, str]] = []
    text = [(line.page, line.y) for n in leaves for line in lines[id(n)]]
    body = _body_height(layout, lines, leaves)
    for page, areas in enumerate(layout.answers):
        for top, bottom in areas:
            inside = [y for p, y in text if p == page and top <= y <= bottom]
            if not inside:
                continue
            rest = [
                (t, b) for t, b in (layout.answers[page + 1] if page + 1 < len(layout.answers)
                                    else []) if not any(p == page + 1 and t <= y <= b
                                                        for p, y in text)
            ]  # fmt: skip
            over = rest[0] if rest and rest[0][0] <= min(r[0] for r in rest) else None
            if over is None:
                continue
            if bottom - max(inside) < ANSWER_LINE:
                found.append((page, "a question at the foot, its answer lines overleaf"))
            elif (bottom - top) + (over[1] - over[0]) <= body:
                found.append((page, "a question's answer space split across pages, "
                                    "though it fits on one"))  # fmt: skip
    return found


def _body_height(layout: Layout, lines: dict[int, list[Line]], leaves: list[Node]) -> float:
    """The height from the first line of the first page to the lowest point any page uses."""
    ys = [line.y for n in leaves for line in lines[id(n)]]
    ys += [b for areas in layout.answers for _, b in areas]
    return max(ys) - min(ys) if ys else 0.0


def _near_empty(
    layout: Layout, lines: dict[int, list[Line]], leaves: list[Node]
) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    count = len(layout.heights)
    lowest: list[float | None] = [None] * count
    highest: list[float | None] = [None] * count
    for n in leaves:
        for line in lines[id(n)]:
            low, high = lowest[line.page], highest[line.page]
            lowest[line.page] = line.y if low is None else max(low, line.y)
            highest[line.page] = line.y if high is None else min(high, line.y)
    for page, areas in enumerate(layout.answers):
        for top, bottom in areas:
            low, high = lowest[page], highest[page]
            lowest[page] = bottom if low is None else max(low, bottom)
            highest[page] = top if high is None else min(high, top)
    tops = [y for y in highest if y is not None]
    bottoms = [y for y in lowest if y is not None]
    if not tops:
        return found
    # The body's top is where the highest page starts; its foot, the lowest point any page
    # reaches, or as far from the paper's foot as the top is from its head.
    top = min(tops)
    bottom = max([*bottoms, min(layout.heights) - top])
    for page in range(count - 1):
        low = lowest[page]
        filled = 0.0 if low is None else (low - top) / max(bottom - top, 1.0)
        if filled < NEAR_EMPTY:
            found.append((page, f"nearly empty ({filled:.0%} filled)"))
    return found


def main(argv: list[str]) -> int:
    problems = [problem for name in argv for problem in check(Path(name))]
    for problem in problems:
        print(problem)
    print(f"{len(problems)} pagination problem(s) in {len(argv)} PDF(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
