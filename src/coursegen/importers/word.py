"""Word files (.docx) into paragraphs and section headings, with the file's own metadata.

The body is read in order with python-docx: paragraphs in the Title style give the title,
Heading 1–6 give section headings, every other paragraph with text (list items, and the
paragraphs in table cells, in reading order) is a paragraph. Line breaks inside a paragraph
become spaces, characters are repaired as for every source (cleaning.py). Footnotes are left
out and counted in the report.

The core properties (title, creator, created date, language) are read from docProps/core.xml
directly: python-docx does not find them in files LibreOffice writes (their relationship type
is spelt '…/officedocument/…'), and then reports a made-up title 'Word Document' and today's
date as the modified date.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from ..errors import CoursegenError
from .cleaning import repair_line
from .extraction import Block, Extraction, Found, Section, plural

MAX_UNCOMPRESSED = 200_000_000  # bytes, all parts together: a guard against zip bombs
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {
    "w": _W,
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "r": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_HEADING = re.compile(r"^heading ([1-6])$", re.IGNORECASE)
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_SPACES = re.compile(r"\s+")
_HINT = (
    "open it in Word or LibreOffice and save it again as .docx, or copy its text into a .txt file"
)


def _refuse(why: str) -> CoursegenError:
    return CoursegenError(f"not a Word file that can be read: {why}", _HINT)


def _archive(data: bytes) -> zipfile.ZipFile:
    """The package, checked: a ZIP with a main document, not too large once uncompressed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse("it is not a ZIP package (damaged, or another kind of file)") from None
    if "word/document.xml" not in names:
        raise _refuse("it has no word/document.xml (is it a Word file?)")
    if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED:
        raise _refuse(f"its parts would take more than {MAX_UNCOMPRESSED // 1_000_000} MB")
    return archive


def _xml(archive: zipfile.ZipFile, name: str) -> Any:
    """A part's XML root, parsed without DTDs, entities or network; None when absent."""
    try:
        data = archive.read(name)
    except KeyError:
        return None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _refuse(f"its part {name} is damaged") from None
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise _refuse(f"its part {name} declares a DTD")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise _refuse(f"its part {name} is not well-formed XML") from None


def _core_part(archive: zipfile.ZipFile) -> str:
    """Where the core properties are: the package relationship whose type ends with
    '/metadata/core-properties' (whatever the case of 'officeDocument' in it)."""
    rels = _xml(archive, "_rels/.rels")
    if rels is not None:
        for rel in rels.iterfind("r:Relationship", _NS):
            if rel.get("Type", "").lower().endswith("/metadata/core-properties"):
                return str(rel.get("Target", "")).lstrip("/")
    return "docProps/core.xml"


def _text_of(root: Any, path: str) -> str:
    node = root.find(path, _NS)
    return _SPACES.sub(" ", repair_line(node.text or "")).strip() if node is not None else ""


def core_meta(archive: zipfile.ZipFile) -> dict[str, Found]:
    """Title, author, date and language from the file's core properties."""
    part = _core_part(archive)
    root = _xml(archive, part)
    if root is None:
        return {}
    found: dict[str, Found] = {}
    for key, path, name in (
        ("title", "dc:title", "dc:title"),
        ("author", "dc:creator", "dc:creator"),
        ("language", "dc:language", "dc:language"),
    ):
        value = _text_of(root, path)
        if value:
            found[key] = Found(value, f"the file's properties, {name} in {part}")
    for name in ("created", "modified"):
        match = _DATE.match(_text_of(root, f"dcterms:{name}"))
        if match:
            found["date"] = Found(match[0], f"the file's properties, dcterms:{name} in {part}")
            break
    return found


def default_language(archive: zipfile.ZipFile) -> Found | None:
    """The document's default language: w:docDefaults' w:lang in word/styles.xml."""
    styles = _xml(archive, "word/styles.xml")
    if styles is None:
        return None
    lang = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", _NS)
    value = lang.get(f"{{{_W}}}val") if lang is not None else None
    return (
        Found(value, "the document's default language, w:lang in word/styles.xml")
        if value
        else None
    )


def _paragraphs(document: Any) -> Iterator[tuple[Any, bool]]:
    """The body's paragraphs in reading order, and whether each is in a table."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item, False
        elif isinstance(item, Table):
            seen: set[int] = set()
            for row in item.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is repeated across its span
                        continue
                    seen.add(id(cell._tc))
                    yield from ((p, True) for p in cell.paragraphs)


def _clean(text: str) -> str:
    return _SPACES.sub(" ", repair_line(text.replace("\n", " "))).strip()


def extract(data: bytes) -> Extraction:
    """A Word file's paragraphs and headings, its metadata, and every decision for the report."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    archive = _archive(data)
    meta = core_meta(archive)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError):
        raise _refuse("python-docx cannot open its main document") from None
    result = Extraction("Word file")
    title: Found | None = None
    in_tables, lists, empty = [], 0, 0
    for number, (paragraph, in_table) in enumerate(_paragraphs(document), 1):
        text = _clean(paragraph.text)
        if not text:
            empty += 1
            continue
        style = paragraph.style.name if paragraph.style is not None else ""
        where = f"paragraph {number}"
        if style == "Title" and title is None and not result.blocks:
            title = Found(text, f"the paragraph in the Title style, {where}")
            continue
        heading = bool(_HEADING.match(style))
        result.blocks.append(Block(text, where, heading=heading))
        if in_table:
            in_tables.append(where)
        if (paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None) or "List" in style:
            lists += 1
    if title is not None:
        meta["title"] = title
    if "language" not in meta and (language := default_language(archive)):
        meta["language"] = language
    result.meta = meta
    footnotes = len(document.element.body.findall(f".//{{{_W}}}footnoteReference"))
    paragraphs = len(result.paragraphs)
    result.facts = [
        f"{plural(paragraphs, 'paragraph')} and {plural(len(result.blocks) - paragraphs, 'heading')} "
        f"found ({lists} list items, {len(in_tables)} from tables), "
        f"{plural(empty, 'empty paragraph')} skipped",
        f"footnotes left out: {footnotes}",
    ]
    result.sections = [
        Section("Paragraphs from tables (read row by row)", tuple(in_tables)),
    ]
    return result
