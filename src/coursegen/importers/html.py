"""A saved web page into an article: its main text (trafilatura), its metadata, and every
block of the page that was not kept, for the review report.

The bytes are decoded here, not by trafilatura: valid UTF-8 is read as UTF-8 whatever the page
declares, a declared ISO-8859-1 or US-ASCII is read as Windows-1252 (as browsers do, WHATWG
Encoding), else the declared charset when it decodes, else what charset-normalizer detects. The
page is parsed once with lxml, which never reaches the network nor loads a DTD or an external
entity; trafilatura and htmldate work on that tree, so nothing is fetched.

Each kept block's origin is the page element it comes from ('<p> on line 57'), found by
matching its text against the page's own text blocks; the blocks matched by none are the ones
the instructor reviews as dropped.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import html as lxml_html  # type: ignore[import-untyped]
from lxml.etree import LxmlError  # type: ignore[import-untyped]

from ..errors import CoursegenError
from .cleaning import differences, repair_line
from .extraction import Block, Extraction, Found, Section, plural

_Element = Any  # an lxml element (lxml has no type hints)

# --- decoding ----------------------------------------------------------------------------

_DECLARED = (
    re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([-\w.:]+)", re.IGNORECASE),
    re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([-\w.:]+)", re.IGNORECASE),
)
# Declared as these, a page is read as Windows-1252: what browsers do (WHATWG Encoding).
_READ_AS_1252 = {"iso8859-1", "ascii", "cp1252"}
# Single-byte Latin code pages a detector confuses with Windows-1252 on short texts.
_LATIN_NEIGHBOURS = {"cp1250", "iso8859-2", "iso8859-15", "cp1257", "iso8859-4", "iso8859-13"}
_NAMES = {
    "utf-8": "UTF-8",
    "cp1252": "Windows-1252",
    "iso8859-1": "ISO-8859-1",
    "ascii": "US-ASCII",
}


def declared_charset(data: bytes) -> str | None:
    """The charset the page declares (meta charset, http-equiv, XML declaration), as written."""
    head = data[:4096]
    for pattern in _DECLARED:
        match = pattern.search(head)
        if match:
            return match.group(1).decode("ascii", "replace")
    return None


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _display(name: str) -> str:
    """A charset's usual name: 'ISO-8859-7', 'Windows-1251', 'Shift_JIS' as written."""
    codec = _codec(name)
    if codec is None:
        return name
    if codec in _NAMES:
        return _NAMES[codec]
    if re.fullmatch(r"iso8859-[0-9]+", codec):
        return "ISO-" + codec[3:].upper()
    if re.fullmatch(r"cp12[0-9]{2}", codec):
        return "Windows-" + codec[2:]
    return name


def windows_1252(data: bytes) -> str:
    """Windows-1252 as browsers decode it: the five bytes it leaves undefined are C1 controls."""
    return "".join(
        chunk.decode("cp1252") if chunk[:1] not in _UNDEFINED_1252 else chunk.decode("latin-1")
        for chunk in re.split(rb"([\x81\x8d\x8f\x90\x9d])", data)
        if chunk
    )


_UNDEFINED_1252 = {b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"}


def decode_page(data: bytes) -> tuple[str, str]:
    """The page's text, and how it was read (a fact for the summary)."""
    declared = declared_charset(data)
    said = f"the page declares {_display(declared)}" if declared else "the page declares none"
    for bom, codec, name in (
        (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
        (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), f"read as {name} (from its byte-order mark; {said})"
            except UnicodeDecodeError:
                break
    declared_codec = _codec(declared) if declared else None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if declared_codec in (None, "utf-8") or data.isascii():
            return text, f"read as UTF-8 ({said})" if declared else "read as UTF-8"
        return text, f"read as UTF-8 ({said}, but its bytes are valid UTF-8)"
    if declared_codec in _READ_AS_1252:
        why = "as the page declares" if declared_codec == "cp1252" else said
        return windows_1252(data), f"read as Windows-1252 ({why})"
    if declared_codec and declared_codec != "utf-8":
        try:
            decoded = data.decode(declared_codec)
            return decoded, f"read as {_display(declared_codec)} (as declared)"
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and _codec(best.encoding) not in (None, "utf-8"):
        codec = str(_codec(best.encoding))
        if codec in _READ_AS_1252 or codec in _LATIN_NEIGHBOURS:
            # the detector cannot tell these apart on a little text; browsers in the West
            # default to Windows-1252
            return windows_1252(data), f"read as Windows-1252 (detected from its bytes; {said})"
        try:
            return data.decode(
                codec
            ), f"read as {_display(codec)} (detected from its bytes; {said})"
        except UnicodeDecodeError:
            pass
    return windows_1252(data), f"read as Windows-1252 (nothing else decodes it; {said})"


# --- the page's own text blocks ------------------------------------------------------------

# Elements that start a new block of text on the page (the rest are inline).
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_SKIPPED = frozenset(
    ["script", "style", "noscript", "template", "head", "title", "select", "option", "svg"]
)
_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # ASCII white space only: no-break spaces are kept


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" ")


@dataclass(frozen=True)
class PageBlock:
    """One block of visible text on the page, and where it is."""

    tag: str
    line: int
    text: str
    links_only: bool  # all its text is inside links: navigation
    element: _Element = field(default=None, compare=False, repr=False)

    @property
    def origin(self) -> str:
        return f"<{self.tag}> on line {self.line}"


def _tag(element: _Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _own_text(element: _Element, in_link: bool, out: list[tuple[str, bool]]) -> None:
    """The text of `element` that is not inside a nested block, with whether it is in a link."""
    if element.text:
        out.append((element.text, in_link))
    for child in element:
        tag = _tag(child)
        if tag and tag not in _BLOCK_TAGS and tag not in _SKIPPED:
            _own_text(child, in_link or tag == "a", out)
        if child.tail:
            out.append((child.tail, in_link))


def page_blocks(root: _Element) -> list[PageBlock]:
    """The page body's blocks of visible text, in document order."""
    body = root.find(".//body")
    blocks: list[PageBlock] = []

    def visit(element: _Element) -> None:
        tag = _tag(element)
        if not tag or tag in _SKIPPED:
            return
        if tag in _BLOCK_TAGS:
            pieces: list[tuple[str, bool]] = []
            _own_text(element, False, pieces)
            text = _squash("".join(piece for piece, _ in pieces))
            if any(c.isalnum() for c in text):
                linked = _squash("".join(piece for piece, link in pieces if not link))
                blocks.append(PageBlock(tag, element.sourceline or 0, text, not linked, element))
        for child in element:
            if _tag(child) in _BLOCK_TAGS or _has_block(child):
                visit(child)

    visit(body if body is not None else root)
    return blocks


def _has_block(element: _Element) -> bool:
    return any(_tag(e) in _BLOCK_TAGS for e in element.iterdescendants())


# --- apparatus: footnote markers, edit links, contents, infoboxes, reference lists ----------

# A footnote or inline-template marker: '[12]', '[a]', '[note 3]', '[citation needed]'.
_MARKER = re.compile(r"\[[^\[\]]{1,40}\]")
# A heading's own link: '[edit]', '[edit source]' (wikis), '#', '¶', '§' (permalink anchors).
_HEADING_LINK = re.compile(r"\[\s*edit( source)?\s*\]|[#¶§🔗]", re.IGNORECASE)
# Class names (whole or as a part: 'infobox vcard', 'navbox-inner') of what is not the text.
_APPARATUS_CLASSES = (
    ("toc", "a table of contents"),
    ("infobox", "an infobox"),
    ("navbox", "a navigation box"),
    ("ambox", "a maintenance notice"),
    ("hatnote", "a hatnote"),
    ("reflist", "a reference list"),
    ("references", "a reference list"),
    ("footnotes", "a footnote list"),
)


def _remove(element: _Element) -> None:
    """Take the element out of the tree, keeping the text after it."""
    if element.getparent() is not None:
        element.drop_tree()


def _apparatus_kind(element: _Element) -> str | None:
    """What apparatus element is ('a table of contents'…), from its id and class, or None."""
    if (element.get("id") or "").lower() == "toc":
        return "a table of contents"
    names = (element.get("class") or "").lower().split()
    for part, kind in _APPARATUS_CLASSES:
        if any(
            name == part or name.startswith(part + "-") or name.endswith("-" + part)
            for name in names
        ):
            return kind
    return None


def remove_apparatus(root: _Element) -> list[str]:
    """Take out of the page what surrounds an article's text but is not part of it: tables of
    contents, infoboxes, navigation boxes, hatnotes, reference and footnote lists (by their
    id or class), footnote markers ('[12]', '[citation needed]' in a <sup>, or a <sup> only
    linking to a note), and headings' own links ('[edit]', '#', '¶'). Returns what was taken
    out, for the report."""
    removed: list[str] = []
    markers = 0
    links = 0
    for element in list(root.iter()):
        tag = _tag(element)
        if not tag or tag in ("html", "body", "head") or element.getparent() is None:
            continue
        kind = _apparatus_kind(element)
        if kind is not None:
            text = _squash("".join(element.itertext()))
            removed.append(f"<{tag}> on line {element.sourceline or 0}: {_short(text)!r} ({kind})")
            _remove(element)
        elif tag == "sup" and _is_marker(element):
            markers += 1
            _remove(element)
        elif tag in _ALL_HEADINGS:
            for child in list(element.iterdescendants()):
                text = _squash("".join(child.itertext()))
                if (
                    child.getparent() is not None
                    and text
                    and _HEADING_LINK.fullmatch(text)
                    and (
                        _tag(child) != "a"
                        or (child.get("href") or "").startswith("#")
                        or "edit" in text.lower()
                    )
                ):
                    links += 1
                    _remove(child)
    if markers:
        removed.append(f"{plural(markers, 'footnote marker')} ('[12]', '[citation needed]')")
    if links:
        removed.append(f"{plural(links, 'heading link')} ('[edit]', '#')")
    return removed


# A page locator written after a citation marker: ':p. 7', ':pp. 12–14', ': 234', ':iv'.
_PAGE_LOCATOR = re.compile(
    r":\s*(?:pp?\.|pages?|§+)?\s*[0-9ivxlc]+(?:\s*[-–—]\s*[0-9ivxlc]+)?"
    r"(?:\s*,\s*[0-9ivxlc]+(?:\s*[-–—]\s*[0-9ivxlc]+)?)*",
    re.IGNORECASE,
)


def _is_marker(sup: _Element) -> bool:
    """A superscript that only marks a note: '[12]', '[citation needed]', a superscript of
    class 'reference' (a citation, with its page locator ':p. 7' if any), a page locator, or
    a link to '#…' whose text is a number or a letter or two, or a link to '#cite…'."""
    text = _squash("".join(sup.itertext()))
    if _MARKER.fullmatch(text) or _PAGE_LOCATOR.fullmatch(text):
        return True
    if "reference" in (sup.get("class") or "").lower().split() and len(text) <= 40:
        return True
    links = sup.findall(".//a")
    if len(links) != 1 or not (links[0].get("href") or "").startswith("#"):
        return False
    if re.fullmatch(r"\d{1,3}|[a-z]{1,2}|[ivx]{1,5}", text):
        return True
    # a link to a citation ('#cite_note-3') followed by its page locator: '3:p. 7'
    linked = _squash("".join(links[0].itertext()))
    rest = _squash(text.replace(linked, "", 1))
    return (links[0].get("href") or "").lower().startswith("#cite") and (
        not rest or _PAGE_LOCATOR.fullmatch(rest) is not None
    )


_ALL_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])


# --- formulas ----------------------------------------------------------------------------

_TEX_WRAPPER = re.compile(r"^\{\\(?:displaystyle|textstyle)\s*(.*)\}$", re.DOTALL)


def _math_text(math: _Element) -> str:
    """The symbols a MathML formula shows, each token apart ('A = A H' for A = A^H), without
    its TeX <annotation> (what a reader sees, not the markup that made it)."""
    parts: list[str] = []

    def walk(element: _Element) -> None:
        if _tag(element).split("}")[-1] in ("annotation", "annotation-xml"):
            return
        parts.append(element.text or "")
        for child in element:
            walk(child)
            parts.append(child.tail or "")

    walk(math)
    return " ".join(p.strip() for p in parts if p.strip())


def _has_class_part(element: _Element, part: str) -> bool:
    return part in (element.get("class") or "").lower()


def formulas_as_text(root: _Element) -> int:
    """Write each formula as the symbols it shows, so that its sentence stays whole: a MathML
    <math> (with the element wrapping it and its fallback image: classes naming 'math') becomes
    its text; a formula image alone (an <img> of class '…math…' or '…tex…') its alt text, a TeX
    '{\\displaystyle …}' wrapper left out. A displayed formula (<math display="block">, or a
    block wrapper) becomes a paragraph of its own. Returns how many formulas were written."""
    count = 0
    for math in list(root.iter("math", "{http://www.w3.org/1998/Math/MathML}math")):
        if math.getparent() is None:
            continue
        text = _math_text(math)
        wrapper = math
        while (
            wrapper.getparent() is not None
            and _has_class_part(wrapper.getparent(), "math")
            and _tag(wrapper.getparent()) not in ("p", "li", "dd", "td", "body")
        ):
            wrapper = wrapper.getparent()
        if not text:
            image = (
                next((i for i in wrapper.iter("img") if i.get("alt")), None)
                if wrapper is not math
                else None
            )
            text = _image_formula(image) if image is not None else ""
        displayed = (math.get("display") or "").lower() == "block" or _tag(wrapper) == "div"
        _replace_with_text(wrapper, text, displayed)
        count += 1
    for image in list(root.iter("img")):
        classes = (image.get("class") or "").lower()
        if image.getparent() is not None and ("math" in classes or "tex" in classes.split()):
            text = _image_formula(image)
            if text:
                _replace_with_text(image, text, "display" in classes)
                count += 1
    return count


_FORMULA = "data-coursegen-formula"  # marks the element a formula was written into


def _image_formula(image: _Element) -> str:
    alt = (image.get("alt") or "").strip()
    match = _TEX_WRAPPER.match(alt)
    return _squash(match.group(1) if match else alt)


def _replace_with_text(element: _Element, text: str, block: bool) -> None:
    """Put `text` where `element` was: a <p> of its own when `block` and not inside a
    paragraph, else inline (in a <span>)."""
    parent = element.getparent()
    if parent is None:
        return
    inline = not block or any(
        _tag(a) in ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6") for a in element.iterancestors()
    )
    new = lxml_html.Element("span" if inline else "p")
    new.set(_FORMULA, "")
    new.text = text
    new.tail = element.tail
    parent.replace(element, new)


# The end matter of an article: these sections, to the next section of the text, are left out.
_END_MATTER = re.compile(
    r"(see also|notes|references|notes and references|citations|sources|bibliography|"
    r"footnotes|works cited|further reading|external links)",
    re.IGNORECASE,
)


def is_end_matter(heading: str) -> bool:
    """A heading of the article's end matter: 'See also', 'References', 'External links'…"""
    return _END_MATTER.fullmatch(heading.strip(" :")) is not None


# --- the main text ------------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A block of trafilatura's main text."""

    text: str
    heading: bool


def _text(element: _Element) -> str:
    """An element's text, a line break (<lb/>) a space: 'Severely<lb/>restricted' is two words."""
    pieces = [element.text or ""]
    for child in element:
        pieces.append(" " if _tag(child) == "lb" else _text(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _pieces(element: _Element) -> Iterator[Piece]:
    """trafilatura's XML body as blocks: <head> a heading; <p>, <item>, <quote>, <code> a
    paragraph each; a table row one paragraph, its cells joined with ' | '."""
    for child in element:
        tag = _tag(child)
        if tag == "head":
            yield Piece(_squash(_text(child)), True)
        elif tag == "row":
            cells = [_squash(_text(cell)) for cell in child]
            yield Piece(" | ".join(cell for cell in cells if cell), False)
        elif tag == "item" and any(_tag(grandchild) == "list" for grandchild in child):
            # a list item holding a list: its own text first, then each nested item apart
            # (joined, 'in AU and NZ' and 'New signup…' would make 'NZNew')
            own = [child.text or ""]
            for grandchild in child:
                if _tag(grandchild) != "list":
                    own.append(" " if _tag(grandchild) == "lb" else _text(grandchild))
                own.append(grandchild.tail or "")
            yield Piece(_squash("".join(own)), False)
            for grandchild in child:
                if _tag(grandchild) == "list":
                    yield from _pieces(grandchild)
        elif tag in ("list", "table", "div", "quote") and any(
            _tag(grandchild) in ("p", "item", "row", "head", "list", "quote")
            for grandchild in child
        ):
            yield from _pieces(child)
        elif tag in ("p", "item", "quote", "code", "list", "table"):
            yield Piece(_squash(_text(child)), False)


def _main_text(root: _Element) -> tuple[list[Piece], Any]:
    import trafilatura
    from trafilatura.settings import Document

    document = trafilatura.bare_extraction(
        root,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=True,
        deduplicate=False,
    )
    if not isinstance(document, Document) or document.body is None:
        return [], None
    return [p for p in _pieces(document.body) if any(c.isalnum() for c in p.text)], document


# --- boilerplate trafilatura keeps ---------------------------------------------------------

_SHORT = 300  # characters: only blocks shorter than this can be boilerplate
_BOILERPLATE = (
    (re.compile(r"^(share( this( page| article| post)?)?|share on \w+|tweet( this)?|email this"
                r"( article| page)?|print( this)?)\b[^.]{0,40}$", re.IGNORECASE),
     "a share button"),
    (re.compile(r"^(read more|continue reading|more on this story|see also|related( stories| "
                r"articles| content)?)\b", re.IGNORECASE), "a 'read more' link"),
    (re.compile(r"\b(sign up|subscribe)\b.{0,80}\b(newsletter|email|briefing|updates|posts)\b"
                r"|\bnewsletter\b.{0,40}\bsign up\b", re.IGNORECASE), "a sign-up prompt"),
    (re.compile(r"\b(donate (now|today|here)|(make|a small|a) donation (keeps|helps)|please "
                r"(consider )?(supporting|donating|support)|support (us|our (work|journalism|"
                r"reporting)|independent journalism|the blog|this (blog|site)))\b",
                re.IGNORECASE), "a donation plea"),
    (re.compile(r"\bcookies?\b.{0,120}\b(accept|consent|agree|we use|improve)\b|\bwe use "
                r"(some )?(essential )?cookies\b", re.IGNORECASE), "a cookie notice"),
    (re.compile(r"^(posted|published|written)\b.{0,100}\bby\s[\w .,'’-]{1,60}$"
                r"|^.{0,60}\b(19|20)[0-9]{2}\b.{0,30}\bby\s+(?-i:[A-Z])[\w .,'’-]{0,50}$",
                re.IGNORECASE), "a byline"),
    (re.compile(r"^((submit|leave|post|add|write)( a| your)? comments?\b|[0-9]+ comments?$"
                r"|comments? (are )?closed\b)", re.IGNORECASE), "a comment prompt"),
    (re.compile(r"^(this (website|site|blog|page|work)|all (content|documents|text)|(the )?"
                r"content|except (where|as) otherwise noted)\b.{0,120}\blicen[cs]ed under\b"
                r"|\ball rights reserved\b|^(©|copyright\b)", re.IGNORECASE),
     "a licence or copyright notice"),
)  # fmt: skip


def boilerplate(text: str) -> str | None:
    """Why a short block is boilerplate (a share button, a donation plea…), or None."""
    if len(text) >= _SHORT:
        return None
    for pattern, why in _BOILERPLATE:
        if pattern.search(text):
            return why
    return None


def _same(a: str, b: str) -> bool:
    """The same words, ignoring case and punctuation (a title and a heading repeating it)."""
    return re.findall(r"\w+", a.casefold()) == re.findall(r"\w+", b.casefold())


# --- matching kept blocks to the page ------------------------------------------------------


_NBSPS = re.compile("[\u00a0\u202f\u2007]")


def _key(text: str) -> str:
    """A block's text for matching: trafilatura makes no-break spaces plain spaces."""
    return _squash(_NBSPS.sub(" ", text))


def _matches(piece: str, block: str) -> bool:
    piece, block = _key(piece), _key(block)
    if piece == block:
        return True
    if min(len(piece), len(block)) < 20:
        return False
    return piece in block or block in piece


def _locate(pieces: list[Piece], blocks: list[PageBlock]) -> list[int | None]:
    """For each piece of the main text, the index of the page block it comes from (None when
    none matches): searched forward from the last match, then from the start."""
    found: list[int | None] = []
    start = 0
    for piece in pieces:
        index = next(
            (i for i in range(start, len(blocks)) if _matches(piece.text, blocks[i].text)),
            None,
        )
        if index is None:
            index = next((i for i in range(0, start) if _matches(piece.text, blocks[i].text)), None)
        found.append(index)
        if index is not None:
            start = index + 1
    return found


def _short(text: str) -> str:
    return f"{text[:60]}{'…' if len(text) > 60 else ''}"


# --- metadata -----------------------------------------------------------------------------

_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|·|::|»)\s+")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _meta_content(root: _Element, attribute: str, name: str) -> str | None:
    for element in root.iter("meta"):
        if (element.get(attribute) or "").strip().lower() == name.lower():
            content = _squash(element.get("content") or "")
            if content:
                return content
    return None


_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$|^\s*<!--|-->\s*$")


def _json_ld(root: _Element) -> list[dict[str, Any]]:
    """The page's JSON-LD objects (with @graph flattened); broken JSON is ignored."""
    objects: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        source = _CDATA.sub("", script.text or "")  # '<![CDATA[ {…} ]]>' (MediaWiki)
        try:
            data = json.loads(source)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        for item in stack:
            if isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    objects += [g for g in graph if isinstance(g, dict)]
    return objects


def _ld_name(value: Any) -> str | None:
    if isinstance(value, list):
        names = [_ld_name(v) for v in value]
        return ", ".join(n for n in names if n) or None
    if isinstance(value, dict):
        value = value.get("name")
    return _squash(value) if isinstance(value, str) and value.strip() else None


def _site_names(root: _Element, ld: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The site's name, with where it was found."""
    names: list[tuple[str, str]] = []
    for attribute, name in (
        ("property", "og:site_name"),
        ("name", "application-name"),
        ("name", "DC.publisher"),
    ):
        value = _meta_content(root, attribute, name)
        if value:
            names.append((value, f"meta {attribute}={name}"))
    for item in ld:
        publisher = _ld_name(item.get("publisher"))
        if publisher:
            names.append((publisher, "the page's JSON-LD (publisher)"))
    return names


def _without_site(title: str, sites: list[str]) -> tuple[str, str | None]:
    """The title without a site name before or after it (' | Site', ' - Site', ' — Site'),
    and the part removed."""
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title, None
    known = {site.casefold() for site in sites}
    separators = _SEPARATORS.findall(title)
    if parts[-1].casefold() in known:
        return title[: len(title) - len(parts[-1]) - len(separators[-1])], parts[-1]
    if parts[0].casefold() in known:
        return title[len(parts[0]) + len(separators[0]) :], parts[0]
    return title, None


def _article_headings(root: _Element) -> list[str]:
    """The texts of headings that name an article: an <h2> (or <h3>) inside an <article>, or
    a heading marked itemprop=name or headline."""
    texts: list[str] = []
    for element in root.iter("h2", "h3"):
        if (
            (element.get("itemprop") or "") in ("name", "headline")
            or any(_tag(a) == "article" for a in element.iterancestors())
            or element.find(".//*[@itemprop='name']") is not None
            or element.find(".//*[@itemprop='headline']") is not None
        ):
            text = _squash("".join(element.itertext()))
            if text:
                texts.append(text)
    return texts


def _seen(root: _Element, name: str) -> bool:
    """The name is written in the page's body (a site's or author's name in a byline or a
    footer)."""
    body = root.find(".//body")
    if body is None:
        return False
    return _key(name).casefold() in _key(" ".join(body.itertext())).casefold()


def _title(root: _Element, sites: list[str], h1s: list[str]) -> tuple[Found | None, str | None]:
    """The title and where it was found, and the site name its suffix gave; `h1s` the page's
    <h1> texts (a site's logo can be the first, the article's title a later one)."""
    article_headings = _article_headings(root)
    candidates: list[tuple[str, str]] = []
    og = _meta_content(root, "property", "og:title")
    if og:
        candidates.append((og, "meta property=og:title"))
    element = root.find(".//title")
    if element is not None and element.text and element.text.strip():
        candidates.append((_squash(element.text), "the page's <title>"))
    for text, where in candidates:
        title, suffix = _without_site(text, sites)
        if suffix is None and (h1s or article_headings) and text not in h1s:
            # a heading shows which part is the title: 'Title - Site' with Site unknown; the
            # whole suffix goes ('Title | Code | Nicolas Perriault'). An article's own <h2>
            # counts when the suffix's last part, the site's name, is seen on the page.
            parts = _SEPARATORS.split(text)
            if len(parts) > 1 and (
                any(_same(parts[0], h1) for h1 in h1s)
                or (
                    any(_same(parts[0], heading) for heading in article_headings)
                    and _seen(root, parts[-1])
                )
            ):
                suffix = text[len(parts[0]) :].strip(" |-–—·:»")
                title = parts[0]
        if suffix is not None:
            return Found(repair_line(title), f"{where}, without {suffix!r}"), suffix
        return Found(repair_line(title), where), None
    if h1s:
        return Found(repair_line(h1s[0]), "the page's <h1>"), None
    return None, None


def _without_address(name: str) -> str:
    """A name without the web or mail address written after it in brackets:
    'Bradley M. Kuhn (http://ebb.org/bkuhn/)' -> 'Bradley M. Kuhn'."""
    bare = re.sub(r"\s*[(<\[]\s*(?:https?://|mailto:|[^\s()<>\[\]]+@)[^()<>\[\]]*[)>\]]", "", name)
    return bare.strip() or name


def _date_where(root: _Element, ld: list[dict[str, Any]], date: str) -> str:
    """Where the date htmldate chose is written in the page's markup, when it is."""
    places: list[tuple[str, str | None]] = [
        (f"meta {a}={n}", _meta_content(root, a, n))
        for a, n in (
            ("property", "article:published_time"),
            ("name", "govuk:first-published-at"),
            ("name", "DC.date"),
            ("name", "dcterms.created"),
            ("name", "date"),
            ("name", "citation_publication_date"),
            ("itemprop", "datePublished"),
        )
    ]
    places += [("the page's JSON-LD (datePublished)", i.get("datePublished")) for i in ld]
    places += [
        (f"<time datetime> on line {t.sourceline}", t.get("datetime")) for t in root.iter("time")
    ]
    for where, value in places:
        if isinstance(value, str) and value.strip().startswith(date):
            return f"htmldate: {where}"
    return "htmldate: from the page's text"


# Engines of wikis: a wiki page is its last revision, cited by the date of its last edit.
_WIKI_ENGINES = re.compile(
    r"^(mediawiki|dokuwiki|moinmoin|tiddlywiki|xwiki|pmwiki|foswiki|twiki|wiki\.js|"
    r"confluence|bookstack|wikidot)\b",
    re.IGNORECASE,
)
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_DAY_MONTH_YEAR = re.compile(
    r"\b(?:(\d{1,2})\s+([a-z]+)|([a-z]+)\s+(\d{1,2}),?)\s+((?:19|20)\d{2})\b", re.IGNORECASE
)
_LAST_EDITED = re.compile(r"\blast (?:edited|modified|changed|updated)\b(?: on)?", re.IGNORECASE)


def _iso(found: str | None) -> str | None:
    """'2020-02-24T20:33:46Z' -> '2020-02-24'; '24 February 2020', 'February 24, 2020' too."""
    if not isinstance(found, str):
        return None
    if _DATE.match(found.strip()):
        return found.strip()[:10]
    match = _DAY_MONTH_YEAR.search(found)
    if match is None:
        return None
    day, month = (match.group(1), match.group(2)) if match.group(1) else (
        match.group(4), match.group(3))  # fmt: skip
    if month.lower() not in _MONTHS or not 1 <= int(day) <= 31:
        return None
    return f"{match.group(5)}-{_MONTHS.index(month.lower()) + 1:02d}-{int(day):02d}"


def _wiki_date(root: _Element, ld: list[dict[str, Any]]) -> Found | None:
    """A wiki page's date (its generator names a wiki engine, as MediaWiki's pages do): the
    date of its last edit, the revision imported, from its JSON-LD (dateModified), meta
    article:modified_time, or its 'This page was last edited on …' line."""
    generator = _meta_content(root, "name", "generator") or ""
    if not _WIKI_ENGINES.match(generator):
        return None
    why = f"a wiki page ({generator}): the date of its last edit"
    for item in ld:
        date = _iso(item.get("dateModified"))
        if date:
            return Found(date, f"the page's JSON-LD (dateModified); {why}")
    for attribute, name in (("property", "article:modified_time"), ("property", "og:updated_time")):
        date = _iso(_meta_content(root, attribute, name))
        if date:
            return Found(date, f"meta {attribute}={name}; {why}")
    body = root.find(".//body")
    if body is None or not _LAST_EDITED.search(" ".join(body.itertext())):
        return None
    candidates = ("li", "div", "p", "span", "footer")
    for element in body.iter(*candidates):
        text = _squash("".join(element.itertext()))
        match = _LAST_EDITED.search(text)
        if match is None or any(
            _LAST_EDITED.search("".join(inner.itertext()))
            for inner in element.iterdescendants(*candidates)
        ):
            continue  # not here, or said by an element inside it
        date = _iso(text[match.start() :])
        if date:
            return Found(date, f"<{_tag(element)}> on line {element.sourceline}: {why}")
    return None


def _published(root: _Element, ld: list[dict[str, Any]]) -> Found | None:
    """The publication date the page's metadata states (meta tags, JSON-LD), if any."""
    for attribute, name in (
        ("property", "article:published_time"),
        ("name", "DC.date"),
        ("name", "dcterms.created"),
        ("name", "date"),
        ("name", "citation_publication_date"),
        ("itemprop", "datePublished"),
    ):
        date = _iso(_meta_content(root, attribute, name))
        if date:
            return Found(date, f"meta {attribute}={name}")
    for item in ld:
        date = _iso(item.get("datePublished"))
        if date:
            return Found(date, "the page's JSON-LD (datePublished)")
    return None


def _language(root: _Element) -> Found | None:
    html_element = root if _tag(root) == "html" else root.find(".//html")
    lang = html_element.get("lang") if html_element is not None else None
    where = "the page's <html lang>"
    if not lang:
        lang = _meta_content(root, "http-equiv", "content-language")
        where = "meta http-equiv=content-language"
    if not lang:
        lang = _meta_content(root, "property", "og:locale")
        where = "meta property=og:locale"
    if not lang:
        return None
    return Found(lang.strip().split(",")[0].strip().replace("_", "-"), where)


def _metadata(root: _Element, document: Any, h1s: list[str]) -> tuple[dict[str, Found], str | None]:
    """The page's metadata, each value with where it was found; and the site suffix removed
    from the title."""
    ld = _json_ld(root)
    sites = _site_names(root, ld)
    meta: dict[str, Found] = {}
    title, suffix = _title(root, [name for name, _ in sites], h1s)
    if title is None and document is not None and document.title:
        title = Found(repair_line(document.title), "trafilatura (the page's headings)")
    if title is not None:
        meta["title"] = title
    author = _meta_content(root, "name", "author")
    if author:
        author = _without_address(author)
        meta["author"] = Found(repair_line(author), "meta name=author")
    else:
        for item in ld:
            name = _ld_name(item.get("author"))
            if name:
                meta["author"] = Found(repair_line(name), "the page's JSON-LD (author)")
                break
        else:
            if document is not None and document.author:
                meta["author"] = Found(repair_line(document.author), "the byline (trafilatura)")
    declared = [(name, where) for name, where in sites if where.startswith("meta ")]
    if declared:
        meta["publication"] = Found(repair_line(declared[0][0]), declared[0][1])
    elif suffix:
        # 'Code | Nicolas Perriault': the site's name is the last part
        site = _SEPARATORS.split(suffix)[-1]
        meta["publication"] = Found(repair_line(site), "the site name in the page's title")
    elif sites:
        meta["publication"] = Found(repair_line(sites[0][0]), sites[0][1])
    date = document.date if document is not None else None
    if isinstance(date, str) and _DATE.match(date):
        meta["date"] = Found(date[:10], _date_where(root, ld, date[:10]))
    own = _wiki_date(root, ld)
    if own is None and (
        "date" not in meta or meta["date"].where == "htmldate: from the page's text"
    ):
        # htmldate read it in the text (a date in a sentence): the page's own dated
        # metadata, when it has some, says better when it was published
        own = _published(root, ld)
        if own is not None and "date" in meta:
            own = Found(own.value, f"{own.where}, not {meta['date'].value} read in the text")
    if own is not None:
        meta["date"] = own
    for element in root.iter("link"):
        if "canonical" in (element.get("rel") or "").lower().split():
            href = (element.get("href") or "").strip()
            if href.startswith(("http://", "https://")):
                meta["url"] = Found(href, "link rel=canonical")
                break
    if "url" not in meta:
        og_url = _meta_content(root, "property", "og:url")
        if og_url and og_url.startswith(("http://", "https://")):
            meta["url"] = Found(og_url, "meta property=og:url")
    language = _language(root)
    if language is not None:
        meta["language"] = language
    return meta, suffix


# --- the extraction -----------------------------------------------------------------------


_HEADINGS = frozenset(["h2", "h3", "h4", "h5", "h6"])


# Where a block with only links is navigation even inside the article's element.
_NAVIGATION_TAGS = frozenset(["nav", "menu", "header", "footer", "aside", "form"])
_NAVIGATION_CLASSES = re.compile(
    r"nav|menu|breadcrumb|share|social|related|pagination|pager|tags?$|categor|widget|sidebar"
    r"|caption|byline|author|meta$|post-meta|entry-meta",
    re.IGNORECASE,
)


def _in_navigation(element: _Element, container: _Element) -> bool:
    """The element is in a part of the article's element that is not its text: a <nav>,
    <menu>, <header>, <footer>, <aside> or <form>, role=navigation, or an element whose class
    names navigation, sharing, related links, tags, a caption or a byline."""
    for ancestor in [element, *element.iterancestors()]:
        if ancestor is container:
            return False
        if _tag(ancestor) in _NAVIGATION_TAGS or (ancestor.get("role") or "") == "navigation":
            return True
        names = (ancestor.get("class") or "").split()
        if any(_NAVIGATION_CLASSES.search(name) for name in names):
            return True
    return False


def _formula_only(element: _Element) -> bool:
    """The block is a formula that formulas_as_text wrote (a displayed formula)."""
    parts = [e for e in element.iterdescendants() if _tag(e)]
    return (
        element.get(_FORMULA) is not None
        or (not (element.text or "").strip()
            and len(parts) == 1 and parts[0].get(_FORMULA) is not None
            and not (parts[0].tail or "").strip())
    )  # fmt: skip


def _restorable(page: PageBlock, container: _Element | None, inside: set[_Element]) -> bool:
    """A page block trafilatura left out that is the article's own when it lies between two
    kept blocks: a section heading (<h2>…<h6>; one that is only a link too, inside the
    article's element), and inside the article's element, a block that is only links (a list
    item 'Bug 1677080 – …'), a displayed formula, or a sentence introducing what follows
    ('Additional facts … include:'), none in its navigation."""
    if (len(page.text) >= 150 and page.tag in _HEADINGS) or boilerplate(page.text) is not None:
        return False
    in_article = container is not None and page.element in inside
    if in_article and _in_navigation(page.element, container):
        return False
    if page.tag in _HEADINGS:
        return not page.links_only or in_article
    return (
        in_article
        and page.tag in ("p", "li", "dd", "div")
        and (
            (page.links_only and len(page.text) < _SHORT)
            or _formula_only(page.element)
            or _LEAD_IN.fullmatch(page.text) is not None
        )
    )


# A paragraph of a sentence introducing the next block: 'Additional facts … include:'.
_LEAD_IN = re.compile(r"[^.:!?]*\w+\s+\w+\s+\w+[^.:!?]*:", re.DOTALL)


def _restore_between(
    result: Extraction,
    placed: list[int | None],
    blocks: list[PageBlock],
    container: _Element | None,
) -> list[str]:
    """Put back the page's blocks that lie between two kept blocks, that trafilatura left out
    and that are the article's own (_restorable). Returns what was restored."""
    inside = set(container.iter()) if container is not None else set()
    restored: list[str] = []
    out: list[Block] = []
    previous: int | None = None
    for block, index in zip(list(result.blocks), placed, strict=True):
        if index is not None and previous is not None and index > previous + 1:
            for between in range(previous + 1, index):
                page = blocks[between]
                if _restorable(page, container, inside):
                    text = repair_line(page.text)
                    heading = page.tag in _HEADINGS
                    out.append(Block(text, page.origin, heading=heading))
                    restored.append(f"{page.origin}: {_short(text)!r}")
        out.append(block)
        if index is not None:
            previous = index
    if restored:
        by_origin = {page.origin: i for i, page in enumerate(blocks)}
        placed[:] = [by_origin.get(block.origin) for block in out]
        result.blocks = out
    return restored


def _keep_links_only(
    blocks: list[Block],
    placed: list[int | None],
    page: list[PageBlock],
    links_only: set[int],
    container: _Element | None,
) -> set[int]:
    """Of the kept blocks (their positions) that are only links, those that are navigation:
    outside the article's element, in its navigation (_in_navigation), or not between two
    kept blocks of the article that are not only links. Inside the article, among its kept
    paragraphs, a link-only list item or heading is the article's own."""
    if not links_only:
        return set()
    if container is None:
        return set(links_only)
    inside = set(container.iter())
    text_positions = [
        i
        for i, index in enumerate(placed)
        if i not in links_only and index is not None and page[index].element in inside
    ]
    navigation: set[int] = set()
    for position in links_only:
        index = placed[position]
        element = page[index].element if index is not None else None
        if (
            element is None
            or element not in inside
            or _in_navigation(element, container)
            or not any(i < position for i in text_positions)
            or not any(i > position for i in text_positions)
        ):
            navigation.add(position)
    return navigation


_CONTAINER_SHARE = 0.9  # of the kept text: what the article's own element holds


def _container(elements: list[_Element], sizes: list[int]) -> _Element | None:
    """The innermost element of the page holding nearly all the kept text (its share at least
    _CONTAINER_SHARE): the article's own element."""
    total = sum(sizes)
    held: dict[_Element, int] = {}
    depth: dict[_Element, int] = {}
    for element, size in zip(elements, sizes, strict=True):
        ancestors = [element, *element.iterancestors()]
        for level, ancestor in enumerate(reversed(ancestors)):
            held[ancestor] = held.get(ancestor, 0) + size
            depth[ancestor] = level
    enough = [e for e, size in held.items() if size >= _CONTAINER_SHARE * total]
    return max(enough, key=lambda e: depth[e]) if enough else None


def article_element(
    blocks: list[Block], placed: list[int | None], page: list[PageBlock], leave: set[int]
) -> _Element | None:
    """The article's own element: the innermost holding nearly all the kept text (the blocks
    at the positions in `leave` not counted), unless that is the whole page."""
    known = [
        (i, page[index].element)
        for i, index in enumerate(placed)
        if index is not None and i not in leave
    ]
    if len(known) < 3:
        return None
    container = _container([e for _, e in known], [len(blocks[i].text) for i, _ in known])
    if container is None or _tag(container) in ("html", "body"):
        return None
    return container


def after_the_article(
    blocks: list[Block], placed: list[int | None], page: list[PageBlock], container: _Element | None
) -> set[int]:
    """The kept blocks (their positions) that come after the article's own element and lie
    outside it: a site's footer, disclaimer or signature that the extractor took in."""
    if container is None:
        return set()
    known = [(i, page[index].element) for i, index in enumerate(placed) if index is not None]
    inside = set(container.iter())
    last = max((e.sourceline or 0) for i, e in known if e in inside)
    return {i for i, e in known if e not in inside and (e.sourceline or 0) > last}


def parse(text: str) -> _Element:
    """The page as an lxml tree: no network, no DTD, no entity from outside the page."""
    parser = lxml_html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        collect_ids=False,
        default_doctype=False,
    )
    root = lxml_html.document_fromstring(
        text.encode("utf-8", "surrogatepass").replace(b"\x00", b""), parser=parser
    )
    return root


def _h1s(root: _Element) -> list[str]:
    """The texts of the page's <h1> headings, in order."""
    texts = (_squash("".join(element.itertext())) for element in root.iter("h1"))
    return [text for text in texts if text]


def extract(data: bytes) -> Extraction:
    """A saved web page's main text, metadata, and every block of the page not kept."""
    text, read_as = decode_page(data)
    try:
        root = parse(text)
    except (ValueError, TypeError, LxmlError) as exc:  # an empty or unreadable document
        raise CoursegenError(
            f"no web page to read: {exc}", "check that the file is the saved page"
        ) from None
    taken_out = remove_apparatus(root)
    formulas = formulas_as_text(root)
    if formulas:
        taken_out.append(
            f"{plural(formulas, 'formula')}' TeX and images: each written as the symbols it "
            "shows (its MathML's text, or its image's alt text)"
        )
    blocks = page_blocks(root)
    pieces, document = _main_text(root)
    meta, _ = _metadata(root, document, _h1s(root))
    where = _locate(pieces, blocks)
    result = Extraction("web page", meta=meta)
    dropped: dict[int, str] = {}  # page block -> why it was dropped after extraction
    unplaced: list[str] = []
    placed: list[int | None] = []  # the page block of each kept block
    links_only: set[int] = set()  # positions of kept blocks that are only links
    repairs: list[str] = []
    repaired = 0
    title = meta["title"].value if "title" in meta else None
    end_matter: str | None = None  # the end-matter heading the pieces are under
    for number, (piece, index) in enumerate(zip(pieces, where, strict=True), 1):
        origin = blocks[index].origin if index is not None else f"main-text block {number}"
        why = None
        if piece.heading:
            end_matter = piece.text if is_end_matter(piece.text) else None
        if end_matter is not None:
            why = f"end matter: {end_matter!r}"
        elif not result.blocks and title is not None and _same(piece.text, title):
            why = "repeats the title"
        elif index is not None and blocks[index].links_only and len(piece.text) < _SHORT:
            links_only.add(len(result.blocks))  # navigation unless inside the article
        else:
            why = boilerplate(piece.text)
        if why is not None:
            if index is not None:
                dropped[index] = why
            else:
                unplaced.append(f"{origin}: {_short(piece.text)!r} ({why})")
            continue
        raw = piece.text
        if index is not None and _key(blocks[index].text) == _key(raw):
            raw = blocks[index].text  # the page's own spacing: its no-break spaces
        fixed = repair_line(raw)
        if fixed != raw:
            changed = differences(raw, fixed)
            repaired += changed
            repairs.append(f"{origin}: {raw!r}\n       -> {fixed!r}")
        if fixed:
            result.blocks.append(Block(fixed, origin, piece.heading))
            placed.append(index)
    container = article_element(result.blocks, placed, blocks, links_only)
    navigation = _keep_links_only(result.blocks, placed, blocks, links_only, container)
    after = after_the_article(result.blocks, placed, blocks, container)
    for position in sorted(after | navigation, reverse=True):
        index = placed[position]
        if index is not None:
            dropped[index] = (
                "only links (navigation)"
                if position in navigation
                else "after the article, outside its element"
            )
        del result.blocks[position], placed[position]
    restored = _restore_between(result, placed, blocks, container)
    kept_text = [block.text for block in result.blocks]
    kept_indexes = {i for i in placed if i is not None}
    not_kept: list[str] = []
    for index, block in enumerate(blocks):
        if index in kept_indexes:
            continue
        if index not in dropped and any(block.text in kept for kept in kept_text):
            continue  # its text is inside a kept block (a <div> around a <p>…)
        reason = dropped.get(index, "not in the main text")
        not_kept.append(f"{block.origin}: {_short(block.text)!r} ({reason})")
    if not result.paragraphs:
        raise CoursegenError(
            "no article text found in the web page (trafilatura found no main text among "
            f"its {plural(len(blocks), 'text block')}: navigation, links or boilerplate)",
            "open the page in a browser, copy the article's text, and paste it into "
            "'coursegen import -' (or save it as a .txt file and import that)",
        )
    headings = len(result.blocks) - len(result.paragraphs)
    result.facts = [
        read_as,
        f"main text (trafilatura): {plural(len(result.paragraphs), 'paragraph')}, "
        f"{plural(headings, 'heading')}; "
        f"{len(not_kept) + len(unplaced)} of the page's text blocks dropped as boilerplate "
        "(listed in the report)",
        f"characters repaired: {repaired} in {plural(len(repairs), 'block')}",
    ]
    result.sections = [
        Section("Blocks dropped as boilerplate", tuple(not_kept + unplaced)),
        Section("Blocks restored", tuple(restored)),
        Section("Characters repaired", tuple(repairs)),
        Section("Taken out before extraction", tuple(taken_out)),
    ]
    return result
