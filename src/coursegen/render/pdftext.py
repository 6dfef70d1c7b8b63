"""The text layer: what copy-paste, search and screen readers get from the marked content.

Three things WeasyPrint 70 leaves out, added where it lays out lines and draws text:

- A hyphen that automatic hyphenation inserts is drawn (`hyphenate-character`) but is not part
  of the word: the line's last text gets an ActualText with the hyphen as U+00AD (soft hyphen),
  as ISO 32000-1 §14.8.2.2.3 asks, so "imperat-" + "ives" reads as one word.
- A line that ends at a space has no space in the text: the line's last text (or the next
  line's first, where the space was cut from its start) gets an ActualText with the space, so
  "Dmitry" + "Medvedev" does not read as "DmitryMedvedev".
- Text whose glyphs do not spell it in order — right-to-left scripts, drawn in visual order,
  and scripts that shape with marks (Devanagari conjuncts and vowel signs, which WeasyPrint's
  one-glyph-one-cluster ToUnicode mapping cannot say) — gets its source text as ActualText,
  both on the marked content (for poppler and other readers of the page) and on a Span
  structure element (for readers of the tags).
- Margin boxes (running header, "Page N of M") are drawn as Pagination artifacts
  (ISO 14289-1 §7.8), with no MCID: pdftags.py leaves them out of the structure tree.

Why each line ends is known during layout: it is kept on the text box (`LINE_END`,
`LINE_START`; the line breaker copies boxes with their attributes). The ActualText goes on a Span structure element
around the line's last text (pdftags.py), not into the content stream: poppler and other text
extractors that read the page, not the tags, then still see the drawn hyphen-minus at the line
end and join the word themselves, as they cannot with a soft hyphen there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pydyf
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder

LINE_END = "_coursegen_line_end"  # on a TextBox that ends a line: HYPHEN or SPACE
LINE_START = "_coursegen_line_start"  # on a TextBox that starts a line after a space: SPACE
ARTIFACT = "_coursegen_artifact"  # on a box drawn in a margin box: "Header", "Footer" or ""
HYPHEN, SPACE = "hyphen", "space"
SOFT_HYPHEN = "\u00ad"

Box = Any  # WeasyPrint's boxes and streams are untyped: Any stays at this edge


def right_to_left(text: str) -> bool:
    """Whether `text` has right-to-left letters (drawn in visual order)."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text if ord(c) >= 0x590)


def shaped(text: str) -> bool:
    """Whether the glyphs drawn for `text` may not map back to it in order: it is right-to-left
    or has combining marks (drawn in clusters of several glyphs: Devanagari vowel signs)."""
    marks = any(unicodedata.category(c) in ("Mn", "Mc") for c in text if ord(c) >= 0x300)
    return marks or right_to_left(text)


def actual_text(box: Box) -> str | None:
    """The text that stands for the glyphs of a text box, if they do not say it all: the space
    its line broke at, the layout's hyphen as a soft hyphen, a space drawn as no glyph, the
    source text of shaped text."""
    text: str = box.text
    if text and text.isspace():
        return " "  # a box of only a space, between two inline elements: drawn as no glyph
    start, end = getattr(box, LINE_START, None), getattr(box, LINE_END, None)
    if start is None and end is None:
        return text if shaped(text) else None
    if end == HYPHEN:
        hyphen: str = box.style["hyphenate_character"]
        text = text.removesuffix(hyphen) if hyphen else text
        text = text if text.endswith(SOFT_HYPHEN) else text + SOFT_HYPHEN
    elif end == SPACE:
        text += " "
    return " " + text if start == SPACE else text


def wrap_split_text_box(split: Callable[..., Any]) -> Callable[..., Any]:
    """weasyprint.layout.inline.split_text_box, noting on each piece of text it cuts whether the
    layout ended its line with a hyphen, and whether it starts a line after a space."""

    def split_text_box(context: Any, box: Box, available_width: Any, skip: Any, *args: Any,
                       **kwargs: Any) -> Any:  # fmt: skip
        new_box, resume, preserved_line_break = split(
            context, box, available_width, skip, *args, **kwargs
        )
        if new_box is not None:  # always set both: the box may be a copy of one that had them
            source = box.text.encode()
            before = source[: skip or 0].decode()
            setattr(new_box, LINE_START, SPACE if before[-1:].isspace() else None)
            cut = source[skip or 0 : resume].decode() if resume is not None else None
            hyphen = new_box.style["hyphenate_character"]
            hyphenated = (
                cut is not None
                and bool(hyphen)
                and new_box.text.endswith(hyphen)
                and not cut.rstrip().endswith(hyphen)
            )
            setattr(new_box, LINE_END, HYPHEN if hyphenated else None)
        return new_box, resume, preserved_line_break

    return split_text_box


def wrap_remove_last_whitespace(remove: Callable[[Any, Box], None]) -> Callable[[Any, Box], None]:
    """weasyprint.layout.inline.remove_last_whitespace, noting a line that ended at a space that
    the next line does not start after ("…about | <b>arms</b>…": the space ends this box)."""

    def remove_last_whitespace(context: Any, line: Box) -> None:
        last = line
        while isinstance(last, (boxes.LineBox, boxes.InlineBox)) and last.children:
            last = last.children[-1]
        before = last.text if isinstance(last, boxes.TextBox) else None
        remove(context, line)
        if before is not None and last.text != before and getattr(last, LINE_END, None) is None:
            setattr(last, LINE_END, SPACE)

    return remove_last_whitespace


def wrap_get_next_linebox(
    get: Callable[..., Any], skip_first_whitespace: Callable[[Box, Any], Any]
) -> Callable[..., Any]:
    """weasyprint.layout.inline.get_next_linebox, noting a line that starts after a space that
    is in neither line: a box of only a space between two lines ("<b>Bold</b> | <i>italic</i>")."""

    def get_next_linebox(context: Any, linebox: Box, position_y: Any, bottom_space: Any,
                         skip_stack: Any, *args: Any, **kwargs: Any) -> Any:  # fmt: skip
        after_space = (  # not the first line, and it skips spaces at its start
            skip_stack is not None and skip_first_whitespace(linebox, skip_stack) != skip_stack
        )
        line, resume_at = get(context, linebox, position_y, bottom_space, skip_stack, *args,
                              **kwargs)  # fmt: skip
        first = line
        while isinstance(first, (boxes.LineBox, boxes.InlineBox)) and first.children:
            first = first.children[0]
        if after_space and isinstance(first, boxes.TextBox):
            setattr(first, LINE_START, SPACE)
        return line, resume_at

    return get_next_linebox


def wrap_draw_page(draw: Callable[[Box, Any], None]) -> Callable[[Box, Any], None]:
    """weasyprint.draw.draw_page, first marking what the page's margin boxes hold as artifacts."""

    def draw_page(page: Box, stream: Any) -> None:
        for child in page.children:
            if isinstance(child, boxes.MarginBox):
                side = child.at_keyword.split("-")[0]
                kind = {"@top": "Header", "@bottom": "Footer"}.get(side, "")
                for box in _descendants(child):
                    setattr(box, ARTIFACT, kind)
        draw(page, stream)

    return draw_page


def _descendants(box: Box) -> Iterator[Box]:
    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


@contextmanager
def marked(self: Any, box: Box, tag: str) -> Iterator[None]:
    """Replaces weasyprint's Stream.marked (`self`: the Stream): a text or image box drawn as
    marked content with an MCID, or, in a margin box, as a Pagination artifact with none."""
    if self._tags is None:  # an untagged PDF
        yield
        return
    kind = getattr(box, ARTIFACT, None)
    if kind is not None:
        properties = pydyf.Dictionary({"Type": "/Pagination"})
        if kind:
            properties["Subtype"] = f"/{kind}"
        self.begin_marked_content("Artifact", properties)
    else:
        if box in self._tags:
            raise AssertionError(f"{box} drawn twice")
        mcid = len(self._tags)
        self._tags[box] = {"tag": tag, "mcid": mcid}
        properties = pydyf.Dictionary({"MCID": mcid})
        text = getattr(box, "text", None)
        if text and shaped(text) and not right_to_left(text):  # as drawn, with a layout hyphen
            properties["ActualText"] = pydyf.String(text)
        self.begin_marked_content(tag, properties)
    try:
        yield
    finally:
        self.end_marked_content()


def hyphenated_at_page_foot(pages: list[Any]) -> set[str]:
    """The words that a page's last line breaks with a layout hyphen ("institu-" | "tions" on
    the next page). Readers join a hyphenated word within a page, not across one, and good
    typesetting does not hyphenate there either: html_to_pdf lays such words out again whole."""
    words: set[str] = set()
    for page in pages:
        body = [c for c in page._page_box.children if not isinstance(c, boxes.MarginBox)]
        lines = [box for c in body for box in _descendants(c) if isinstance(box, boxes.LineBox)]
        last = lines[-1] if lines else None
        texts = [b for b in _descendants(last) if isinstance(b, boxes.TextBox)] if last else []
        if not texts or getattr(texts[-1], LINE_END, None) != HYPHEN:
            continue
        box = texts[-1]
        hyphen: str = box.style["hyphenate_character"]
        cut = box.text.removesuffix(hyphen).split()
        element = box.element
        if not cut or element is None:
            continue
        whole = re.search(rf"(?<!\w){re.escape(cut[-1])}\w+", "".join(element.itertext()))
        if whole:
            words.add(whole.group())
    return words


def keep_whole(html: str, words: set[str]) -> str:
    """`html` with each of `words` in the text (not in tags or entities) kept from hyphenation."""
    pattern = re.compile(
        r"(?<![\w&#])(" + "|".join(re.escape(w) for w in sorted(words)) + r")(?![\w;])"
    )
    parts = re.split(r"(<[^>]*>)", html)
    return "".join(
        part if part.startswith("<") else
        pattern.sub(r'<span style="hyphens: manual">\1</span>', part)
        for part in parts
    )  # fmt: skip
