"""The text layer: what copy-paste, search and screen readers get from the marked content.

Three things WeasyPrint 70 leaves out, added where it lays out lines and draws text:

- A hyphen that automatic hyphenation inserts is drawn (`hyphenate-character`) but is not part
  of the word: the line's last text gets an ActualText with the hyphen as U+00AD (soft hyphen),
  as ISO 32000-1 §14.8.2.2.3 asks, so "imperat-" + "ives" reads as one word.
- A line that ends at a space has no space in the text: its last text gets an ActualText with
  the space, so "Dmitry" + "Medvedev" does not read as "DmitryMedvedev".
- Margin boxes (running header, "Page N of M") are drawn as Pagination artifacts
  (ISO 14289-1 §7.8), with no MCID: pdftags.py leaves them out of the structure tree.

Why each line ends is known during layout: it is kept on the text box (`LINE_END`; the line
breaker copies boxes with their attributes). The ActualText goes on a Span structure element
around the line's last text (pdftags.py), not into the content stream: poppler and other text
extractors that read the page, not the tags, then still see the drawn hyphen-minus at the line
end and join the word themselves, as they cannot with a soft hyphen there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pydyf
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder

LINE_END = "_coursegen_line_end"  # on a TextBox that ends a line: HYPHEN or SPACE
ARTIFACT = "_coursegen_artifact"  # on a box drawn in a margin box: "Header", "Footer" or ""
HYPHEN, SPACE = "hyphen", "space"
SOFT_HYPHEN = "\u00ad"

Box = Any  # WeasyPrint's boxes and streams are untyped: Any stays at this edge


def line_end(box: Box, skip: int | None, resume: int | None, new_box: Box) -> str | None:
    """Why the line that `new_box` (cut from `box` at byte `skip`) ends with it ended: HYPHEN
    (the layout added a hyphen), SPACE (it broke at a space or a preserved newline), or None
    (the text did not break here, or broke after a real hyphen or dash)."""
    if resume is None:
        return None
    consumed = box.text.encode()[skip or 0 : resume].decode()
    hyphen = new_box.style["hyphenate_character"]
    if hyphen and new_box.text.endswith(hyphen) and not consumed.rstrip().endswith(hyphen):
        return HYPHEN
    return SPACE if consumed[-1:].isspace() else None


def actual_text(box: Box) -> str | None:
    """The text that stands for the glyphs of a text box that ends a line, if not the glyphs."""
    end = getattr(box, LINE_END, None)
    if end == HYPHEN:
        text: str = box.text
        hyphen: str = box.style["hyphenate_character"]
        if hyphen and text.endswith(hyphen):
            text = text[: -len(hyphen)]
        return text if text.endswith(SOFT_HYPHEN) else text + SOFT_HYPHEN
    if end == SPACE:
        return f"{box.text} "
    return None


def wrap_split_text_box(split: Callable[..., Any]) -> Callable[..., Any]:
    """weasyprint.layout.inline.split_text_box, noting on each box it cuts why its line ends."""

    def split_text_box(context: Any, box: Box, available_width: Any, skip: Any, *args: Any,
                       **kwargs: Any) -> Any:  # fmt: skip
        new_box, resume, preserved_line_break = split(
            context, box, available_width, skip, *args, **kwargs
        )
        if new_box is not None:  # always set: the box may be a copy of one that ended a line
            setattr(new_box, LINE_END, line_end(box, skip, resume, new_box))
        return new_box, resume, preserved_line_break

    return split_text_box


def wrap_remove_last_whitespace(remove: Callable[[Any, Box], None]) -> Callable[[Any, Box], None]:
    """weasyprint.layout.inline.remove_last_whitespace, noting a line that ended at a space
    between two boxes ("…the <b>reset</b>| and…"), where no text box was cut."""

    def remove_last_whitespace(context: Any, line: Box) -> None:
        last = line
        while isinstance(last, (boxes.LineBox, boxes.InlineBox)) and last.children:
            last = last.children[-1]
        before = last.text if isinstance(last, boxes.TextBox) else None
        remove(context, line)
        if before is not None and last.text != before and getattr(last, LINE_END, None) is None:
            setattr(last, LINE_END, SPACE)

    return remove_last_whitespace


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
def marked(stream: Any, box: Box, tag: str) -> Iterator[None]:
    """Replaces weasyprint's Stream.marked: a text or image box drawn as marked content with an
    MCID, or, in a margin box, as a Pagination artifact with none."""
    if stream._tags is None:  # an untagged PDF
        yield
        return
    kind = getattr(box, ARTIFACT, None)
    if kind is not None:
        properties = pydyf.Dictionary({"Type": "/Pagination"})
        if kind:
            properties["Subtype"] = f"/{kind}"
        stream.begin_marked_content("Artifact", properties)
    else:
        if box in stream._tags:
            raise AssertionError(f"{box} drawn twice")
        mcid = len(stream._tags)
        stream._tags[box] = {"tag": tag, "mcid": mcid}
        stream.begin_marked_content(tag, pydyf.Dictionary({"MCID": mcid}))
    try:
        yield
    finally:
        stream.end_marked_content()
