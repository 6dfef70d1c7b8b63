"""Tagged PDFs read through their structure tree: the author's paragraphs and headings, in the
author's order, with the characters of each element found by (page, MCID).

P and the like are paragraphs, H and H1–H6 headings, a list item's body a paragraph; a table
row (TR) one block of cells; grouping elements (Document, Sect, Div, L…) are walked through;
Artifacts and block figures are left out, a Caption inside a Figure kept as a Caption block (the
caller leaves captions out), and a block next to a Figure marked so (its caption, often a P). An element's /ActualText replaces its content; an inline figure or formula with no
text is its /Alt. Producers that cut a paragraph at each page (WeasyPrint) leave two P
elements: they are joined when the first one's last line is full, as a paragraph's last line
seldom is, or when it ends mid-sentence and the next starts in lower case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text

from .pdflayout import Para, ends_sentence, starts_lower
from .pdflines import Char, Line, lines_of

HEADINGS = {"H", "H1", "H2", "H3", "H4", "H5", "H6", "Title"}
BLOCKS = {"P", "LBody", "TD", "TH", "Caption", "Note", "Code", "BlockQuote", "Quote"} | HEADINGS
SKIPPED = {"Artifact", "Figure", "Formula", "Form", "Lbl"}
ROW_GROUPS = {"THead", "TBody", "TFoot"}
CELLS = {"TD", "TH"}
_BULLETS = set("•◦▪▫‣⁃–—-*·●○■□")
_MAX_DEPTH = 100
_MAX_ELEMENTS = 200_000


@dataclass
class Tree:
    """What the walk found: blocks of lines, and what it left out."""

    paras: list[Para] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)  # alt texts of figures left out
    elements: int = 0
    used: set[tuple[int, int]] = field(default_factory=set)  # (page, MCID) read


def _name(value: Any) -> str:
    value = resolve1(value)
    if isinstance(value, PSLiteral):
        return str(value.name)
    return value.decode("latin-1") if isinstance(value, bytes) else str(value or "")


def _text(value: Any) -> str | None:
    value = resolve1(value)
    if isinstance(value, bytes):
        return decode_text(value)
    return value if isinstance(value, str) else None


class Walker:
    def __init__(
        self,
        root: dict[str, Any],
        pages: dict[int, int],
        chars: dict[tuple[int, int], list[Char]],
    ) -> None:
        self.pages = pages  # page object id -> page number
        self.chars = chars  # (page, MCID) -> its glyphs in drawing order
        role_map = resolve1(root.get("RoleMap")) or {}
        self.roles = (
            {str(k): _name(v) for k, v in role_map.items()} if isinstance(role_map, dict) else {}
        )
        self.tree = Tree()
        self.seen: set[int] = set()

    def role(self, element: dict[str, Any]) -> str:
        role = _name(element.get("S"))
        for _ in range(10):  # a RoleMap may map to a type that is itself mapped
            if role in self.roles and self.roles[role] != role:
                role = self.roles[role]
            else:
                break
        return role

    def page_of(self, element: dict[str, Any], page: int | None) -> int | None:
        ref = element.get("Pg")
        if ref is not None and getattr(ref, "objid", None) in self.pages:
            return self.pages[ref.objid]
        return page

    def _has_body(self, element: dict[str, Any]) -> bool:
        """A list item made of Lbl and LBody (walked through), not of content of its own."""
        return any(
            self.role(kid) in {"LBody", "Lbl"}
            for kid in map(resolve1, self.kids(element))
            if isinstance(kid, dict)
        )

    def kids(self, element: dict[str, Any]) -> list[Any]:
        kids = resolve1(element.get("K"))
        return kids if isinstance(kids, list) else [] if kids is None else [kids]

    def walk(self, element: Any, page: int | None, depth: int) -> None:
        """Blocks from a grouping element or a block."""
        ref = getattr(element, "objid", None)
        element = resolve1(element)
        if not isinstance(element, dict) or depth > _MAX_DEPTH:
            return
        if ref is not None:
            if ref in self.seen:
                return
            self.seen.add(ref)
        self.tree.elements += 1
        if self.tree.elements > _MAX_ELEMENTS:
            return
        role = self.role(element)
        page = self.page_of(element, page)
        if role in SKIPPED:
            alt = _text(element.get("Alt"))
            if role in {"Figure", "Formula"} and alt:
                self.tree.figures.append(alt)
            if role == "Figure":
                self._captions_in(element, page, depth)
            return
        if role == "Table":
            self._table(element, page, depth)
            return
        if role in BLOCKS or (role == "LI" and not self._has_body(element)):
            self._block(element, role, page, depth)
            return
        self._walk_kids(element, page, depth)

    def _block(self, element: dict[str, Any], role: str, page: int | None, depth: int) -> None:
        """One paragraph or heading from an element's glyphs; a Caption also when the
        producer's own type is 'caption' mapped to P (as LibreOffice does)."""
        lines = self._lines(self.content(element, page, depth))
        if _name(element.get("S")).casefold() == "caption":
            role = "Caption"
        if lines:
            self.tree.paras.append(Para(lines, role in HEADINGS, role))

    def _figure_like(self, element: dict[str, Any]) -> bool:
        """A Figure or a Table, or a block holding only a Figure (LibreOffice puts a picture
        in a P of its own): what a caption is next to."""
        if self.role(element) in {"Figure", "Table"}:
            return True
        kids = [resolve1(kid) for kid in self.kids(element)]
        return bool(kids) and all(
            isinstance(kid, dict) and self.role(kid) == "Figure" for kid in kids
        )

    def _lines(self, chars: list[tuple[int, Char]]) -> list[Line]:
        lines: list[Line] = []
        for number, group in _by_page(chars):
            lines += lines_of(number, group)
        return lines

    def _walk_kids(self, element: dict[str, Any], page: int | None, depth: int) -> None:
        """The kids of a grouping element in order; the blocks next to a Figure kid (the one
        before it, the one after it) marked near_figure."""
        figure_before = False
        previous: list[Para] = []
        for kid in self.kids(element):
            start = len(self.tree.paras)
            resolved = resolve1(kid)
            is_figure = isinstance(resolved, dict) and self._figure_like(resolved)
            self.walk(kid, page, depth + 1)
            added = self.tree.paras[start:]
            if is_figure:
                if previous:
                    previous[-1].near_figure = True
                figure_before = True
                previous = []
                continue
            if added:
                if figure_before:
                    added[0].near_figure = True
                figure_before = False
            previous = added

    def _fresh_kids(self, element: dict[str, Any], depth: int) -> list[dict[str, Any]]:
        """An element's kids that are elements not met before (a tree may loop)."""
        out: list[dict[str, Any]] = []
        if depth >= _MAX_DEPTH:
            return out
        for kid in self.kids(element):
            ref = getattr(kid, "objid", None)
            kid = resolve1(kid)
            if not isinstance(kid, dict) or (ref is not None and ref in self.seen):
                continue
            if ref is not None:
                self.seen.add(ref)
            out.append(kid)
        return out

    def _captions_in(self, figure: dict[str, Any], page: int | None, depth: int) -> None:
        """The Caption elements inside a Figure, as Caption blocks."""
        for kid in self._fresh_kids(figure, depth):
            if self.role(kid) == "Caption":
                self._block(kid, "Caption", self.page_of(kid, page), depth + 1)

    def _table(self, table: dict[str, Any], page: int | None, depth: int) -> None:
        """A table's rows, each one block of its cells (TH, TD) in order; its Caption a
        Caption block."""
        for kid in self._fresh_kids(table, depth):
            role = self.role(kid)
            kid_page = self.page_of(kid, page)
            if role in ROW_GROUPS:
                self._table(kid, kid_page, depth + 1)
            elif role == "TR":
                self._row(kid, kid_page, depth + 1)
            elif role == "Caption":
                self._block(kid, "Caption", kid_page, depth + 1)

    def _row(self, row: dict[str, Any], page: int | None, depth: int) -> None:
        cells: list[list[Line]] = []
        for kid in self._fresh_kids(row, depth):
            if self.role(kid) in CELLS:
                lines = self._lines(self.content(kid, self.page_of(kid, page), depth + 1))
                if lines:
                    cells.append(lines)
        if cells:
            every = [line for cell in cells for line in cell]
            self.tree.paras.append(Para(every, False, "TR", cells=cells))

    def content(
        self, element: dict[str, Any], page: int | None, depth: int
    ) -> list[tuple[int, Char]]:
        """The glyphs of an element's subtree in structure order, with their page; ActualText
        and the Alt of an inline figure as glyphs placed after the one before."""
        out: list[tuple[int, Char]] = []
        actual = _text(element.get("ActualText"))
        if actual is not None:
            inner = self._content_kids(element, page, depth)
            anchor = inner[0] if inner else (out[-1] if out else None)
            out.append(_placed(actual, anchor, page, inner))
            return out
        out += self._content_kids(element, page, depth)
        if not out and self.role(element) in {"Figure", "Formula"}:
            alt = _text(element.get("Alt"))
            if alt:
                out.append(_placed(alt, None, page))
        return out

    def _left_out(self, kid: dict[str, Any], page: int | None, depth: int) -> bool:
        """Inside a block, an Artifact, or a list label that is only a bullet."""
        role = self.role(kid)
        if role == "Artifact":
            return True
        return role == "Lbl" and _is_bullet(self.content(kid, page, depth + 1))

    def _content_kids(
        self, element: dict[str, Any], page: int | None, depth: int
    ) -> list[tuple[int, Char]]:
        out: list[tuple[int, Char]] = []
        for kid in self.kids(element):
            if isinstance(kid, int):
                if page is not None:
                    self.tree.used.add((page, kid))
                    out += [(page, c) for c in self.chars.get((page, kid), [])]
                continue
            ref = getattr(kid, "objid", None)
            kid = resolve1(kid)
            if not isinstance(kid, dict) or depth > _MAX_DEPTH:
                continue
            if ref is not None:
                if ref in self.seen:
                    continue
                self.seen.add(ref)
            kind = _name(kid.get("Type"))
            if kind == "MCR":
                mcr_page = self.page_of(kid, page)
                mcid = resolve1(kid.get("MCID"))
                if mcr_page is not None and isinstance(mcid, int):
                    self.tree.used.add((mcr_page, mcid))
                    out += [(mcr_page, c) for c in self.chars.get((mcr_page, mcid), [])]
            elif kind == "OBJR" or self._left_out(kid, page, depth):
                continue
            else:
                out += self.content(kid, self.page_of(kid, page), depth + 1)
        return out


def _is_bullet(chars: list[tuple[int, Char]]) -> bool:
    text = "".join(c.text for _, c in chars).strip()
    return not text or all(ch in _BULLETS for ch in text)


def _placed(
    text: str,
    anchor: tuple[int, Char] | None,
    page: int | None,
    replaced: list[tuple[int, Char]] | None = None,
) -> tuple[int, Char]:
    """A replacement text as one glyph where the content it replaces starts, as wide as that
    content on the anchor's line (so the glyph after it is not taken to be a word away)."""
    if anchor is None:
        return (page or 0, Char(text, 0.0, 0.0, 0.0, 0.0, 0.0, False))
    number, char = anchor
    same_line = [
        c.x1
        for n, c in replaced or []
        if n == number and abs(c.y0 - char.y0) < 0.5 * max(char.size, 1.0) and c.x1 >= char.x0
    ]
    x1 = max(same_line, default=char.x0)
    return (number, Char(text, char.x0, x1, char.y0, char.y1, char.size, char.bold))


def _by_page(chars: list[tuple[int, Char]]) -> list[tuple[int, list[Char]]]:
    groups: list[tuple[int, list[Char]]] = []
    for number, char in chars:
        if not groups or groups[-1][0] != number:
            groups.append((number, []))
        groups[-1][1].append(char)
    return groups


def _column_right(line: Line, lines: list[Line]) -> float:
    """The right edge of the column `line` is in: the furthest any line of its page that
    starts near it reaches."""
    near = [other.x1 for other in lines if other.page == line.page and abs(other.x0 - line.x0) < 20]
    return max(near, default=line.x1)


def _prose(para: Para) -> bool:
    """A paragraph of running text: not a heading, a caption or a table row."""
    return not para.heading and para.role not in {"Caption", "TR"}


def join_split(paras: list[Para]) -> tuple[list[Para], int]:
    """Paragraphs cut at a page break by the producer joined again; and how many."""
    every = [line for para in paras for line in para.lines]
    out: list[Para] = []
    joined = 0
    for para in paras:
        if out and _prose(para) and _prose(out[-1]):
            last, first = out[-1].lines[-1], para.lines[0]
            if last.page < first.page:
                room = _column_right(last, every) - last.x1 - last.space_width
                full = first.first_word_width >= room - 0.5
                if full or (not ends_sentence(last.text) and starts_lower(first.text)):
                    out[-1].lines.extend(para.lines)
                    joined += 1
                    continue
        out.append(para)
    return out, joined
