"""Characters of a PDF page with their positions, fonts and marked-content ids, and the lines
they make: what both PDF passes (the structure tree, the layout) start from.

pdfminer.six interprets each page's content stream; `CharDevice` keeps every glyph drawn as a
`Char` (no layout analysis: ours is in pdflayout.py), with the MCID of the marked-content
sequence it was drawn in and whether it was drawn as an artifact (running heads of tagged PDFs).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.layout import LTChar
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage

from .cleaning import repair_line

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Char:
    """One glyph: its text, box (PDF units, y upwards), size, font and marked content."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float
    bold: bool
    mcid: int | None = None
    artifact: bool = False


@dataclass
class Line:
    """Characters on one baseline, in drawing order, with their text and box."""

    page: int  # from 1
    chars: list[Char]
    text: str = ""
    raw: str = ""  # before repair_line
    x0: float = 0.0
    x1: float = 0.0
    y0: float = 0.0  # the lowest glyph bottom: the baseline, near enough
    y1: float = 0.0
    size: float = 0.0  # the most common glyph size
    bold: bool = False  # most of its glyphs are bold
    first_word_width: float = 0.0  # to tell whether it would have fitted on the line above
    space_width: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass
class PageChars:
    number: int  # from 1
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    images: int = 0


class CharDevice(PDFLayoutAnalyzer):
    """A pdfminer device that records each glyph as a `Char`, with the innermost MCID and
    whether an Artifact sequence encloses it; paths are ignored, images only counted."""

    def __init__(self, resources: PDFResourceManager) -> None:
        super().__init__(resources, pageno=1, laparams=None)
        self.page: PageChars = PageChars(0, 0.0, 0.0)
        self.tags: list[tuple[str, int | None]] = []

    def begin_page(self, page: PDFPage, ctm: Any) -> None:
        super().begin_page(page, ctm)
        self.page = PageChars(self.pageno, self.cur_item.width, self.cur_item.height)
        self.tags = []

    def end_page(self, page: PDFPage) -> None:
        self.pageno += 1

    def begin_tag(self, tag: Any, props: Any = None) -> None:
        mcid = props.get("MCID") if isinstance(props, dict) else None
        self.tags.append((str(getattr(tag, "name", "")), mcid if isinstance(mcid, int) else None))

    def end_tag(self) -> None:
        if self.tags:
            self.tags.pop()

    def do_tag(self, tag: Any, props: Any = None) -> None:
        return None

    def paint_path(self, *args: Any, **kwargs: Any) -> None:
        return None

    def render_image(self, name: str, stream: Any) -> None:
        self.page.images += 1

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        advance: float = super().render_char(*args, **kwargs)
        item = self.cur_item._objs.pop()  # the LTChar just added: we keep our own record
        if not isinstance(item, LTChar):
            return advance
        mcid = next((m for _, m in reversed(self.tags) if m is not None), None)
        artifact = any(name == "Artifact" for name, _ in self.tags)
        self.page.chars.append(
            Char(
                item.get_text(), item.x0, item.x1, item.y0, item.y1, round(item.size, 1),
                bool(_BOLD.search(item.fontname)), mcid, artifact,
            )
        )  # fmt: skip
        return advance


def _same_line(last: Char, char: Char) -> bool:
    """`char` continues the line `last` is on: the same baseline, not back to the left, not
    across a gap as wide as a column gutter; or a smaller glyph raised or lowered next to
    the one before (a superscript, '119th'), or the glyph that comes back from it."""
    size = max(min(last.size, char.size), 1.0)
    if (
        abs(last.y0 - char.y0) < 0.5 * size
        and char.x0 > last.x0 - 0.5 * size
        and char.x0 - last.x1 < 2.5 * size
    ):
        return True
    return _shifted_neighbour(last, char)


def _shifted_neighbour(last: Char, char: Char) -> bool:
    """One of the two glyphs is a smaller one set off the other's baseline (up or down by less
    than the larger's size) and they nearly touch: a superscript or subscript and its word."""
    big, small = (last, char) if last.size >= char.size else (char, last)
    return (
        small.size < 0.85 * big.size
        and abs(small.y0 - big.y0) < 0.75 * big.size
        and -0.2 * big.size < char.x0 - last.x1 < 0.5 * big.size
    )


def line_of(page: int, chars: list[Char]) -> Line:
    """A Line from its characters: text with a space where glyphs are apart (PDFs often draw
    no space glyphs), footnote reference markers left out (kept in extra["markers"]), and its
    box."""
    raw, markers = _text_of(chars)
    visible = [c for c in chars if c.text.strip()] or chars
    sizes = Counter(c.size for c in visible)
    first = _first_word(visible)
    spaces = [c.x1 - c.x0 for c in chars if c.text == " " and c.x1 > c.x0]
    size = sizes.most_common(1)[0][0] if sizes else 0.0
    line = Line(
        page, chars, repair_line(raw), raw,
        min(c.x0 for c in visible), max(c.x1 for c in visible),
        min(c.y0 for c in visible), max(c.y1 for c in visible),
        size, sum(c.bold for c in visible) * 2 > len(visible),
        first[-1].x1 - first[0].x0 if first else 0.0,
        spaces[0] if spaces else 0.25 * size,
    )  # fmt: skip
    if markers:
        line.extra["markers"] = markers
    return line


def _text_of(chars: list[Char]) -> tuple[str, list[str]]:
    """The glyphs' text, a space where two are a word gap apart (none before a superscript
    that touches its word: '119th'), without footnote reference markers; and the markers,
    each as 'word⁽12⁾' with the word it followed."""
    parts: list[str] = []
    markers: list[str] = []
    previous: Char | None = None
    for index, run in _runs(chars):
        if run and _footnote_mark(run, "".join(parts), previous):
            word = "".join(parts).rstrip().rsplit(" ", 1)[-1]
            markers.append(f"{word}⁽{''.join(c.text for c in run)}⁾")
            previous = run[-1]
            continue
        for char in run or [chars[index]]:
            if char.text.isspace() or not char.text:
                if parts and parts[-1] != " ":
                    parts.append(" ")
            else:
                if (
                    previous is not None
                    and not previous.text.isspace()
                    and char.x0 - previous.x1 > _word_gap(previous, char)
                    and parts[-1:] != [" "]
                ):
                    parts.append(" ")
                parts.append(char.text)
            previous = char
    return _SPACES.sub(" ", "".join(parts)).strip(), markers


def _word_gap(previous: Char, char: Char) -> float:
    """The least gap between two glyphs that is a space: 0.15 of the larger one's size (a
    superscript touching its word, '119th', is less than that from it)."""
    return 0.15 * max(char.size, previous.size, 1.0)


def _runs(chars: list[Char]) -> list[tuple[int, list[Char]]]:
    """The glyphs one by one (index, []), except a run of glyphs raised above the glyph
    before them, smaller (a superscript), given together: (index of its first, the run)."""
    out: list[tuple[int, list[Char]]] = []
    base: Char | None = None
    index = 0
    while index < len(chars):
        char = chars[index]
        if base is not None and char.text.strip() and _superscript(base, char):
            end = index
            while end < len(chars) and chars[end].text.strip() and _superscript(base, chars[end]):
                end += 1
            out.append((index, chars[index:end]))
            index = end
            continue
        if char.text.strip():
            base = char
        out.append((index, []))
        index += 1
    return out


_MARK = re.compile(r"[0-9]{1,3}(?:[,\-–][0-9]{1,3})*")
_UNIT = re.compile(r"(?:^|[\s0-9])[a-z]{1,2}$")  # 'km²', '10 m²': an exponent, not a marker


def _footnote_mark(run: list[Char], before: str, previous: Char | None) -> bool:
    """A superscript run is a footnote reference: digits ('12', '3,4') touching a word of
    letters or its closing punctuation ('treaty.12'), not after a digit (an exponent, 10⁶), a
    unit of one or two lower-case letters (km²) or a word gap."""
    text = "".join(c.text for c in run)
    if not _MARK.fullmatch(text) or previous is None or previous.text.isspace():
        return False
    if run[0].x0 - previous.x1 > 0.15 * max(previous.size, 1.0):
        return False
    last = before.rstrip()
    if not last or len(before) != len(last) or _UNIT.search(last):
        return False
    closing = last[-1] in ".,;:)”’\"'" and len(last) > 1 and last[-2].isalpha()
    return last[-1].isalpha() or closing


def _superscript(previous: Char, char: Char) -> bool:
    """A smaller glyph raised above the one before ('119th'): part of the same word."""
    return char.size < 0.85 * previous.size and char.y0 > previous.y0 + 0.2 * previous.size


def _first_word(chars: list[Char]) -> list[Char]:
    word: list[Char] = []
    for char in chars:
        if word and (char.text.isspace() or char.x0 - word[-1].x1 > 0.15 * char.size):
            break
        if not char.text.isspace():
            word.append(char)
    return word


def lines_of(page: int, chars: list[Char]) -> list[Line]:
    """Characters in drawing order cut into lines where the baseline changes."""
    lines: list[Line] = []
    current: list[Char] = []
    for char in chars:
        if current and not _same_line(current[-1], char):
            lines.append(line_of(page, current))
            current = []
        if char.text.isspace() and not current:
            continue
        current.append(char)
    if current:
        lines.append(line_of(page, current))
    return [line for line in lines if line.text]
