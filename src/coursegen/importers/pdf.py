"""PDFs with a text layer into paragraphs and headings, with pdfminer.six.

A tagged PDF (MarkInfo /Marked true and a StructTreeRoot) is read through its structure tree
(pdftagged.py); any other, or one whose tree is empty or covers too little of its text, through
the layout pass (pdflayout.py). Either way the lines of each block are joined here: a line-end
hyphen is resolved with the document's own words (cleaning.Vocabulary), a table row's cells are
joined with ' | '. Then (pdfblocks.py) figure captions are left out, and the title and a
dateline at the top of page 1 go to the front matter; all of it is listed in the report. Metadata comes from the
document information dictionary, else the XMP packet, and the catalog's /Lang.

Refused, with a CoursegenError that says why: PDFs with pages of images and no text (scans),
PDFs that need a password, and files pdfminer cannot read. At most MAX_PAGES pages are read.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree

from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException
from pdfminer.utils import decode_text

from ..errors import CoursegenError
from .boilerplate import parse_date
from .cleaning import LINE_END_HYPHEN, WORD, Vocabulary, differences
from .extraction import Block, Extraction, Found, Section, plural
from .pdfblocks import Blocks, captions, footnote_markers, front_of, unlabelled
from .pdflayout import Para, Removed, paragraphs
from .pdflines import Char, CharDevice, Line, PageChars, lines_of
from .pdftagged import Walker, join_split

MAX_PAGES = 500
_COVERAGE = 0.5  # a structure tree reaching less of the text than this is not used
_JUNK_TITLE = re.compile(
    r"^(?:microsoft (?:word|powerpoint|excel) - .*|untitled.*|document\d*|.*\.(?:docx?|odt|rtf"
    r"|pdf|tex|indd|pages|txt|html?|qxd|ps|dvi))$",
    re.IGNORECASE,
)
_HINT_SCANNED = (
    "run OCR on it first (e.g. ocrmypdf), or copy the text and paste it with 'coursegen import -'"
)


@dataclass(frozen=True)
class Hyphen:
    page: int
    first: str
    second: str
    result: str
    why: str
    kept: bool  # the hyphen stays: a word's own


@dataclass(frozen=True)
class Repair:
    page: int
    before: str
    after: str
    changed: int


@dataclass
class Document:
    """What was read from the file: pages of glyphs, the catalog and the info dictionary."""

    pages: list[PageChars]
    page_ids: dict[int, int]  # page object id -> page number
    catalog: dict[str, Any]
    info: dict[str, Any]
    xmp: bytes | None
    total_pages: int


@dataclass
class Joined:
    """A block's text and what joining its lines took."""

    hyphens: list[Hyphen] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)


def _damaged(detail: str) -> CoursegenError:
    return CoursegenError(
        f"the PDF cannot be read: {detail}",
        "open it in a PDF reader and save or print it to a new PDF, or copy the text and paste "
        "it with 'coursegen import -'",
    )


def read(data: bytes) -> Document:
    """Every page's glyphs (up to MAX_PAGES), or a CoursegenError for a PDF that cannot be
    opened: encrypted with a password, or damaged."""
    if not data.lstrip()[:1024].find(b"%PDF-") >= 0:
        raise _damaged("it does not start like a PDF (no '%PDF-' header)")
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise CoursegenError(
            "the PDF is encrypted: it needs a password to be opened",
            "open it with its password in a PDF reader and save a copy without one, or copy "
            "the text and paste it with 'coursegen import -'",
        ) from None
    except Exception:  # pdfminer fails on broken files in many ways: none is a traceback
        raise _damaged("it is damaged or incomplete") from None
    # permission flags (is_extractable) are a request to readers, not a lock: not checked
    resources = PDFResourceManager(caching=True)
    device = CharDevice(resources)
    interpreter = PDFPageInterpreter(resources, device)
    pages: list[PageChars] = []
    page_ids: dict[int, int] = {}
    total = 0
    try:
        for page in PDFPage.create_pages(document):
            total += 1
            if total > MAX_PAGES:
                continue
            if isinstance(page.pageid, int):
                page_ids[page.pageid] = total
            interpreter.process_page(page)
            pages.append(device.page)
        catalog = resolve1(document.catalog) or {}
        info = document.info[-1] if document.info else {}
        xmp = _xmp(catalog)
    except Exception:  # pdfminer fails on broken files in many ways: none is a traceback
        raise _damaged("it is damaged or incomplete") from None
    if total == 0:
        raise _damaged("it has no pages")
    return Document(pages, page_ids, catalog if isinstance(catalog, dict) else {}, info, xmp, total)


def _xmp(catalog: Any) -> bytes | None:
    stream = resolve1(catalog.get("Metadata")) if isinstance(catalog, dict) else None
    try:
        data = stream.get_data() if stream is not None else None
    except (PSException, ValueError, TypeError):
        return None
    return data if isinstance(data, bytes) and len(data) < 1_000_000 else None


def _refuse_without_text(document: Document) -> None:
    """A PDF of images (a scan) or of nothing at all has no text to import."""
    if any(c.text.strip() for page in document.pages for c in page.chars):
        return
    imaged = sum(page.images > 0 for page in document.pages)
    if imaged:
        raise CoursegenError(
            "the PDF has no text layer: it looks scanned "
            f"({plural(imaged, 'page')} of images, no text)",
            _HINT_SCANNED,
        )
    raise CoursegenError(
        f"the PDF has no text: its {plural(len(document.pages), 'page')} draw no characters",
        _HINT_SCANNED,
    )


# --- metadata -------------------------------------------------------------------------------


def _info_text(info: dict[str, Any], key: str) -> str | None:
    value = resolve1(info.get(key))
    if isinstance(value, bytes):
        text = decode_text(value)
    elif isinstance(value, str):
        text = value
    else:
        return None
    text = " ".join(text.replace("\x00", "").split())
    return text or None


def pdf_date(value: str | None) -> str | None:
    """YYYY-MM-DD from a PDF date (D:20240301100000Z) or an XMP one (2024-03-01T…)."""
    if not value:
        return None
    match = re.match(r"^(?:D:)?(\d{4})-?(\d{2})-?(\d{2})", value.strip())
    if not match:
        return None
    year, month, day = match.groups()
    if not ("01" <= month <= "12" and "01" <= day <= "31"):
        return None
    return f"{year}-{month}-{day}"


_XMP_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


def _xmp_values(data: bytes | None) -> dict[str, str]:
    """dc:title, dc:creator and xmp:CreateDate from an XMP packet (no entities, no network:
    ElementTree fetches nothing)."""
    if not data or b"<!ENTITY" in data:
        return {}
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return {}
    out: dict[str, str] = {}
    for key, path in (("title", "dc:title"), ("author", "dc:creator")):
        for element in root.iter(f"{{{_XMP_NS['dc']}}}{path.split(':')[1]}"):
            texts = [
                " ".join((li.text or "").split()) for li in element.iter(f"{{{_XMP_NS['rdf']}}}li")
            ]
            texts = [t for t in texts if t]
            if texts:
                out[key] = ", ".join(texts)
                break
    for element in root.iter(f"{{{_XMP_NS['xmp']}}}CreateDate"):
        if element.text:
            out["date"] = element.text.strip()
    for description in root.iter(f"{{{_XMP_NS['rdf']}}}Description"):
        created = description.get(f"{{{_XMP_NS['xmp']}}}CreateDate")
        if created and "date" not in out:
            out["date"] = created
    return out


def junk_title(title: str) -> bool:
    """A title a program left: a file name, 'Microsoft Word - x.docx', 'Untitled'."""
    return bool(_JUNK_TITLE.match(title.strip())) or not any(c.isalpha() for c in title)


def metadata(document: Document) -> tuple[dict[str, Found], list[str]]:
    """Title, author, date and language from the document information, else the XMP packet,
    and the catalog's /Lang; and notes on values passed over."""
    found: dict[str, Found] = {}
    notes: list[str] = []
    xmp = _xmp_values(document.xmp)
    title = _info_text(document.info, "Title")
    if title and junk_title(title):
        notes.append(
            f"the document information's Title {title!r} looks made by a program: not used"
        )
    elif title:
        found["title"] = Found(title, "the PDF's document information (Title)")
    if "title" not in found and xmp.get("title") and not junk_title(xmp["title"]):
        found["title"] = Found(xmp["title"], "the PDF's XMP metadata (dc:title)")
    author = _info_text(document.info, "Author")
    if author:
        found["author"] = Found(author, "the PDF's document information (Author)")
    elif xmp.get("author"):
        found["author"] = Found(xmp["author"], "the PDF's XMP metadata (dc:creator)")
    date = pdf_date(_info_text(document.info, "CreationDate"))
    if date:
        found["date"] = Found(date, "the PDF's document information (CreationDate)")
    elif pdf_date(xmp.get("date")):
        found["date"] = Found(
            str(pdf_date(xmp.get("date"))), "the PDF's XMP metadata (xmp:CreateDate)"
        )
    lang = document.catalog.get("Lang")
    lang_text = _info_text({"Lang": lang}, "Lang") if lang is not None else None
    if lang_text and re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", lang_text):
        found["language"] = Found(lang_text, "the PDF's catalog /Lang")
    return found, notes


# --- joining lines --------------------------------------------------------------------------


def _division_hyphen(lines: list[Line]) -> str | None:
    """'‐' when the PDF draws the hyphens of its line divisions as U+2010 (as WeasyPrint does):
    a '-' at a line end is then a word's own hyphen."""
    ends = Counter(line.text[-1] for line in lines if line.text[-1:] in ("-", "‐"))
    return "‐" if ends["‐"] else None


def join_lines(para: Para, vocabulary: Vocabulary, division: str | None, joined: Joined) -> str:
    """A block's lines as one text: a space between lines, or a line-end hyphen resolved."""
    text = ""
    for index, line in enumerate(para.lines):
        if line.text != line.raw:
            joined.repairs.append(
                Repair(line.page, line.raw, line.text, differences(line.raw, line.text))
            )
        piece = line.text.strip()
        if not text:
            text = piece
            continue
        stem = LINE_END_HYPHEN.search(text)
        soft = line_ends_soft(para.lines[index - 1])
        if (stem or soft) and piece[:1].isalnum():
            first = text.split()[-1] + ("-" if soft else "")
            word = WORD.match(piece)
            second = word.group(0) if word else piece.split()[0]
            if soft or (division == "‐" and text.endswith("‐")):
                hyphen, why = "", "a hyphen of line division (the PDF draws those apart)"
            elif division == "‐" and text.endswith("-"):
                hyphen, why = "-", "a word's own hyphen (the PDF draws line-division ones as ‐)"
            else:
                hyphen, why = vocabulary.join(first, second)
            head = (text if soft else text[:-1]) + hyphen
            joined.hyphens.append(
                Hyphen(
                    para.lines[index - 1].page,
                    first,
                    second,
                    head.split()[-1] + second,
                    why,
                    hyphen == "-",
                )
            )
            text = head + piece
        elif _ends_with_dash(text) and piece[:1].isalnum():
            text += piece  # 'offense–' + 'defense': a line broken after a dash between words
        else:
            text = f"{text} {piece}"
    return " ".join(text.split())


def _ends_with_dash(text: str) -> bool:
    """The text ends with an en or em dash set close to the word before it ('offense–')."""
    return len(text) > 1 and text[-1] in "–—" and text[-2].isalnum()


def line_ends_soft(line: Line) -> bool:
    """The line ended with a soft hyphen (removed by repair_line): a division for sure."""
    return line.raw.endswith("\u00ad")


# --- the two passes -------------------------------------------------------------------------


def _tagged(document: Document) -> bool:
    mark = resolve1(document.catalog.get("MarkInfo"))
    marked = resolve1(mark.get("Marked")) if isinstance(mark, dict) else None
    return marked is True and resolve1(document.catalog.get("StructTreeRoot")) is not None


def _by_mcid(document: Document) -> dict[tuple[int, int], list[Char]]:
    out: dict[tuple[int, int], list[Char]] = {}
    for page in document.pages:
        for char in page.chars:
            if char.mcid is not None and not char.artifact:
                out.setdefault((page.number, char.mcid), []).append(char)
    return out


def tree_pass(document: Document) -> tuple[list[Para], list[str], str | None]:
    """Blocks from the structure tree; the alt texts of figures left out; or why the tree was
    not usable (then the layout pass runs)."""
    root = resolve1(document.catalog.get("StructTreeRoot"))
    if not isinstance(root, dict):
        return [], [], "its structure tree is not a dictionary"
    chars = _by_mcid(document)
    walker = Walker(root, document.page_ids, chars)
    try:
        walker.walk(root, None, 0)
    except Exception:  # a broken tree: the layout pass reads the page instead
        return [], [], "its structure tree cannot be read"
    text_chars = sum(
        1 for page in document.pages for c in page.chars if c.text.strip() and not c.artifact
    )
    used = sum(1 for key in walker.tree.used for c in chars.get(key, []) if c.text.strip())
    if not walker.tree.paras:
        return [], [], "its structure tree has no paragraphs or headings"
    if text_chars and used < _COVERAGE * text_chars:
        share = round(100 * used / text_chars)
        return [], [], f"its structure tree reaches only {share}% of its text"
    paras, _ = join_split(walker.tree.paras)
    return paras, walker.tree.figures, None


def layout_pass(document: Document) -> tuple[list[Para], list[Removed], dict[int, int]]:
    pages = {
        page.number: lines_of(page.number, [c for c in page.chars if not c.artifact])
        for page in document.pages
    }
    layout = paragraphs(pages)
    return layout.paras, layout.removed, layout.columns


# --- the extraction -------------------------------------------------------------------------


def _join_block(para: Para, vocabulary: Vocabulary, division: str | None, joined: Joined) -> str:
    """A block's text; a table row's cells each joined, then put together with ' | '."""
    if not para.cells:
        return join_lines(para, vocabulary, division, joined)
    cells = [join_lines(Para(cell, False), vocabulary, division, joined) for cell in para.cells]
    return " | ".join(cell for cell in cells if cell)


def _front(blocks: Blocks, meta: dict[str, Found]) -> tuple[Blocks, list[str]]:
    """The title and dateline at the top of page 1 into `meta` (the title only when the PDF's
    metadata has none; the dateline's date before the metadata's) and out of the blocks (the
    title when it is the one in `meta`); and what was taken, for the report."""
    front = front_of(blocks)
    drop: set[int] = set()
    taken: list[str] = []
    if front.title is not None:
        where = (
            "the largest heading on page 1"
            if front.title_heading
            else f"the largest type on page 1: {front.title_size:g} pt, body text "
            f"{front.body_size:g} pt"
        )
        if "title" not in meta:
            meta["title"] = Found(front.title, where)
        if _same_text(front.title, meta["title"].value):
            drop |= front.title_blocks
            taken.append(f"page 1: the title, {front.title!r}")
    if front.date is not None and front.dateline_block is not None:
        meta["date"] = Found(front.date, _dateline_where(front.dateline or "", meta.get("date")))
        drop.add(front.dateline_block)
        taken.append(f"page 1: the dateline, {front.dateline!r}")
    return [(text, para) for text, para in blocks if id(para) not in drop], taken


def _dateline_where(dateline: str, metadata_date: Found | None) -> str:
    """Where the date came from, and whether the PDF's metadata agreed."""
    where = f"the dateline at the top of page 1, {dateline!r}"
    if metadata_date is None:
        return where
    return where + (
        "; the PDF's metadata says the same"
        if metadata_date.value == parse_date(dateline)
        else f"; preferred to {metadata_date.value} from {metadata_date.where}"
    )


def extract(data: bytes) -> Extraction:
    """A PDF's paragraphs and headings, with its metadata and every decision taken."""
    document = read(data)
    _refuse_without_text(document)
    result = Extraction("PDF")
    meta, notes = metadata(document)
    facts = [
        f"{plural(document.total_pages, 'page')}"
        + (f", the first {MAX_PAGES} read" if document.total_pages > MAX_PAGES else "")
    ]
    removed: list[Removed] = []
    figures: list[str] = []
    paras: list[Para] = []
    if _tagged(document):
        paras, figures, why_not = tree_pass(document)
        if why_not is None:
            facts.append("tagged: read through its structure tree")
        else:
            facts.append(f"tagged, but {why_not}: read by its layout instead")
    else:
        facts.append("not tagged: read by its layout (columns, gaps, indents, font sizes)")
    columns: dict[int, int] = {}
    if not paras:
        paras, removed, columns = layout_pass(document)
        two = sorted(page for page, n in columns.items() if n == 2)
        if two:
            facts.append(f"two columns on {plural(len(two), 'page')} of {len(columns)}")
    all_lines = [line for para in paras for line in para.lines]
    vocabulary = Vocabulary("\n".join(line.text for line in all_lines))
    division = _division_hyphen(all_lines)
    joined = Joined()
    blocks: Blocks = [(_join_block(para, vocabulary, division, joined), para) for para in paras]
    blocks = [(text, para) for text, para in blocks if text]
    caption_ids = captions(blocks)
    left_out = [f"figure: {alt!r}" for alt in figures] + [
        f"page {para.page}: caption: {text!r}" for text, para in blocks if id(para) in caption_ids
    ]
    blocks = [(text, para) for text, para in blocks if id(para) not in caption_ids]
    blocks, front = _front(blocks, meta)
    blocks, labels = unlabelled(blocks)
    markers = footnote_markers(blocks)
    rows = [para for _, para in blocks if para.cells]
    result.meta = meta
    result.blocks = [Block(text, f"page {para.page}", para.heading) for text, para in blocks]
    headings = sum(block.heading for block in result.blocks)
    kept = sum(h.kept for h in joined.hyphens)
    facts += [
        f"{plural(len(result.blocks) - headings, 'paragraph')} and "
        f"{plural(headings, 'heading')} found",
        f"page furniture removed: {plural(len(removed), 'line')}",
        f"line-end hyphens: {len(joined.hyphens) - kept} joined, {kept} kept",
        f"characters repaired: {sum(r.changed for r in joined.repairs)} in "
        f"{plural(len(joined.repairs), 'line')}",
        *notes,
    ]
    if left_out:
        facts.append(f"figures and captions left out: {len(left_out)} (listed in the report)")
    if rows:
        facts.append(f"tables: {plural(len(rows), 'row')}, a paragraph each, cells joined by ' | '")
    if labels:
        facts.append(f"paragraph numbers left out: {len(labels)} (listed in the report)")
    if markers:
        facts.append(f"footnote markers left out: {len(markers)} (listed in the report)")
    result.facts = facts
    result.sections = [
        Section("Page furniture removed", _furniture_lines(removed)),
        Section(
            "Line-end hyphens",
            tuple(
                f"page {h.page}: {h.first} + {h.second} -> {h.result} ({h.why})"
                for h in joined.hyphens
            ),
        ),
        Section(
            "Characters repaired",
            tuple(f"page {r.page}: {r.before!r}\n       -> {r.after!r}" for r in joined.repairs),
        ),
    ]
    result.sections += [
        Section(title, tuple(lines))
        for title, lines in (
            ("Taken from the top of page 1 (into the front matter)", front),
            ("Left out: figures and captions", left_out),
            ("Tables (a paragraph per row, cells joined by ' | ')", _row_lines(rows)),
            ("Paragraph numbers left out", labels),
            ("Footnote markers left out (word⁽marker⁾)", markers),
        )
        if lines
    ]
    return result


def _row_lines(rows: list[Para]) -> list[str]:
    """Each table's rows counted: 'page 2: 4 rows'."""
    pages: Counter[int] = Counter(para.page for para in rows)
    return [f"page {page}: {plural(count, 'row')}" for page, count in pages.items()]


def _same_text(first: str, second: str) -> bool:
    return " ".join(first.casefold().split()) == " ".join(second.casefold().split())


def _furniture_lines(removed: list[Removed]) -> tuple[str, ...]:
    """Each text removed once, with the pages it was on: 'United Nations' (pages 1-3, 3 times)."""
    groups: dict[tuple[str, str], list[int]] = {}
    for item in removed:
        key = (item.text if item.why != "a page number" else "", item.why)
        groups.setdefault(key, []).append(item.page)
    out = []
    for (text, why), pages in groups.items():
        where = f"page {pages[0]}" if len(pages) == 1 else f"pages {_ranges(pages)}"
        shown = repr(text) if text else "page numbers"
        out.append(f"{where}: {shown} ({why}; {plural(len(pages), 'time')})")
    return tuple(out)


def _ranges(pages: list[int]) -> str:
    parts: list[str] = []
    start = previous = pages[0]
    for page in [*pages[1:], None]:
        if page is not None and page == previous + 1:
            previous = page
            continue
        parts.append(str(start) if start == previous else f"{start}–{previous}")
        if page is not None:
            start = previous = page
    return ", ".join(parts)
