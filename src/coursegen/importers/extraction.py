"""What an importer finds in a source: the article's blocks, its metadata and where each value
came from, and every decision taken, for the review report.

Each source kind has a module (text.py, html.py, pdf.py, docx.py) with one function
`extract(data: bytes) -> Extraction`; nothing in them writes or prints. `import_article`
(in __init__) turns an Extraction into articles/<id>.md and imports/<id>.report.txt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The front-matter keys an importer may find, in the order they are written.
META_KEYS = ("title", "author", "publication", "date", "url", "language")


@dataclass(frozen=True)
class Block:
    """A paragraph, or a section heading (written '## …' in the article)."""

    text: str
    origin: str  # where it starts in the source: 'line 12', 'page 3', 'paragraph 7'
    heading: bool = False


@dataclass(frozen=True)
class Found:
    """A metadata value and where it was found ('the page's <title>', 'line 3')."""

    value: str
    where: str


@dataclass(frozen=True)
class Section:
    """One list of decisions in the review report: 'Line-end hyphens', 'Blocks dropped'…"""

    title: str
    lines: tuple[str, ...]


@dataclass
class Extraction:
    kind: str  # 'plain text', 'web page', 'PDF', 'Word file'
    blocks: list[Block] = field(default_factory=list)
    meta: dict[str, Found] = field(default_factory=dict)  # keys from META_KEYS
    facts: list[str] = field(default_factory=list)  # summary lines: encoding, counts…
    sections: list[Section] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Block]:
        return [block for block in self.blocks if not block.heading]


def plural(count: int, word: str, plural_form: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural_form or word + 's'}"
