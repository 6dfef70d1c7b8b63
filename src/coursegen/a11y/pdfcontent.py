"""What a PDF shows and how it is tagged, read with pikepdf: the text of every text operator
(through each font's ToUnicode map), the glyph ids it draws, the marked content around it, and
the structure element each marked-content sequence belongs to."""

from __future__ import annotations

import array
import functools
import re
import struct
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pikepdf

_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>|\[([^\]]*)\]")
_TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}
_NEW_LINE = {"T*", "'", '"'}
MAX_FORM_DEPTH = 8


@dataclass(frozen=True)
class Font:
    name: str
    two_byte: bool  # a Type0 font with Identity-H/V: each character code is two bytes
    unicode: dict[int, str]  # character code -> text, from ToUnicode
    gid_map: bytes | None  # CIDToGIDMap stream (2 bytes a CID); None when it is Identity
    checks_glyphs: bool  # glyph ids are known (Type0, Identity encoding)
    embedded: bool

    def codes(self, data: bytes) -> Sequence[int]:
        if self.two_byte:
            return struct.unpack(f">{len(data) // 2}H", data[: len(data) // 2 * 2])
        return data  # a byte string is its codes

    def texts(self, codes: Sequence[int]) -> list[str]:
        """The text of each code (`text`, for many codes at once)."""
        get = self.unicode.get
        if self.two_byte:
            return [get(code, "") for code in codes]
        return [found if (found := get(code)) is not None else chr(code) for code in codes]

    @functools.cached_property
    def _notdef(self) -> tuple[frozenset[int], int | None]:
        """The codes drawn with glyph 0 (.notdef) that the map names, and the first code past
        the map's end (every code from it on is glyph 0 too); None: no code past it."""
        if self.gid_map is None:
            return frozenset({0}), None
        glyphs = array.array("H", self.gid_map[: len(self.gid_map) // 2 * 2])
        if sys.byteorder == "little":
            glyphs.byteswap()
        return frozenset(code for code, gid in enumerate(glyphs) if gid == 0), len(glyphs)

    def notdef(self, codes: Sequence[int], texts: list[str]) -> str:
        """The characters of `codes` that are drawn with the .notdef glyph (`glyph` 0)."""
        if not self.checks_glyphs:
            return ""
        zero, end = self._notdef
        return "".join(
            text or "\ufffd"
            for code, text in zip(codes, texts, strict=True)
            if code in zero or (end is not None and code >= end)
        )

    def glyph(self, code: int) -> int | None:
        if not self.checks_glyphs:
            return None
        if self.gid_map is None:
            return code
        at = code * 2
        return (
            int.from_bytes(self.gid_map[at : at + 2], "big") if at + 2 <= len(self.gid_map) else 0
        )

    def text(self, code: int) -> str:
        found = self.unicode.get(code)
        if found is not None:
            return found
        return "" if self.two_byte else chr(code)


@dataclass
class Piece:
    """Text drawn by one text operator, with the marked content around it."""

    page: int  # 0-based
    text: str
    mcid: int | None  # the innermost marked-content id around it
    artifact: bool
    actual_text: bool  # some marked content around it carries /ActualText
    lang: str | None  # the innermost /Lang of the marked content around it
    line: int  # pieces with the same number were drawn on one baseline
    notdef: str = ""  # the characters it draws with the .notdef glyph (glyph id 0)
    font: str = ""


@dataclass(frozen=True)
class Element:
    """The structure element that owns a marked-content sequence."""

    tag: str
    lang: str | None  # its /Lang or its nearest ancestor's, else the document's
    actual_text: bool  # it or an ancestor has /ActualText or /Alt


@dataclass
class _Frame:
    mcid: int | None
    artifact: bool
    actual_text: bool
    lang: str | None


@dataclass
class _State:
    page: int
    pieces: list[Piece] = field(default_factory=list)
    stack: list[_Frame] = field(default_factory=list)
    font: Font | None = None
    line: int = 0
    y: float | None = None


def parse_cmap(data: bytes) -> dict[int, str]:
    """A ToUnicode CMap's bfchar and bfrange entries."""
    result: dict[int, str] = {}
    for block in _BFCHAR.findall(data):
        values = [_hex(m) for m in _HEX.finditer(block)]
        for code, target in zip(values[::2], values[1::2], strict=False):
            if isinstance(code, bytes) and isinstance(target, bytes):
                result[int.from_bytes(code, "big")] = _utf16(target)
    for block in _BFRANGE.findall(data):
        values = [_hex(m) for m in _HEX.finditer(block)]
        for low, high, target in zip(values[::3], values[1::3], values[2::3], strict=False):
            if not isinstance(low, bytes) or not isinstance(high, bytes):
                continue
            first, last = int.from_bytes(low, "big"), int.from_bytes(high, "big")
            if last - first > 0xFFFF:
                continue
            for offset, number in enumerate(range(first, last + 1)):
                if isinstance(target, list):
                    if offset < len(target):
                        result[number] = _utf16(target[offset])
                elif target:
                    start = int.from_bytes(target, "big") + offset
                    result[number] = _utf16(start.to_bytes(len(target), "big"))
    return result


def _hex(match: re.Match[bytes]) -> bytes | list[bytes]:
    if match.group(1) is not None:
        return bytes.fromhex(match.group(1).decode("ascii"))
    return [
        bytes.fromhex(h.decode("ascii")) for h in re.findall(rb"<([0-9A-Fa-f\s]*)>", match.group(2))
    ]


def _utf16(data: bytes) -> str:
    return data.decode("utf-16-be", errors="replace")


def load_font(name: str, obj: pikepdf.Object) -> Font:
    subtype = str(obj.get("/Subtype", ""))
    unicode: dict[int, str] = {}
    to_unicode = obj.get("/ToUnicode")
    if isinstance(to_unicode, pikepdf.Stream):
        unicode = parse_cmap(to_unicode.read_bytes())
    if subtype == "/Type0":
        encoding = str(obj.get("/Encoding", ""))
        identity = encoding in ("/Identity-H", "/Identity-V")
        descendants = obj.get("/DescendantFonts")
        cid_font = (
            descendants[0] if isinstance(descendants, pikepdf.Array) and len(descendants) else None
        )
        gid_map = None
        descriptor = None
        if isinstance(cid_font, pikepdf.Dictionary):
            mapping = cid_font.get("/CIDToGIDMap")
            if isinstance(mapping, pikepdf.Stream):
                gid_map = mapping.read_bytes()
            descriptor = cid_font.get("/FontDescriptor")
        return Font(name, identity, unicode, gid_map, identity, _embedded(descriptor))
    embedded = subtype == "/Type3" or _embedded(obj.get("/FontDescriptor"))
    return Font(name, False, unicode, None, False, embedded)


def _embedded(descriptor: object) -> bool:
    if not isinstance(descriptor, pikepdf.Dictionary):
        return False
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def page_fonts(resources: pikepdf.Object) -> Iterator[tuple[str, pikepdf.Object]]:
    fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
    if isinstance(fonts, pikepdf.Dictionary):
        yield from fonts.items()


def read_pages(pdf: pikepdf.Pdf) -> tuple[list[Piece], list[Font]]:
    """Every piece of text on every page, in content-stream order, and the fonts of the pages."""
    pieces: list[Piece] = []
    cache: dict[tuple[int, int], Font] = {}
    line = 0
    for index, page in enumerate(pdf.pages):
        state = _State(index, line=line + 1)
        _run(page.obj, page.obj.get("/Resources", pikepdf.Dictionary()), state, cache, 0)
        pieces += state.pieces
        line = state.line
    return pieces, list(cache.values())


def _fonts(resources: pikepdf.Object, cache: dict[tuple[int, int], Font]) -> dict[str, Font]:
    fonts: dict[str, Font] = {}
    for name, obj in page_fonts(resources):
        key = obj.objgen if obj.is_indirect else (0, id(obj))
        if key not in cache:
            cache[key] = load_font(name, obj)
        fonts[name] = cache[key]
    return fonts


def _run(
    stream: pikepdf.Object,
    resources: pikepdf.Object,
    state: _State,
    cache: dict[tuple[int, int], Font],
    depth: int,
) -> None:
    fonts = _fonts(resources, cache)
    for instruction in pikepdf.parse_content_stream(stream):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue
        op = str(instruction.operator)
        operands = instruction.operands
        if op in ("BMC", "BDC"):
            state.stack.append(_frame(operands, resources, state.stack))
        elif op == "EMC":
            if state.stack:
                state.stack.pop()
        elif op == "Tf" and operands:
            state.font = fonts.get(str(operands[0]))
        elif op in ("BT", "Tm", "Td", "TD") or op in _NEW_LINE:
            _move(op, operands, state)
        if op in _TEXT_OPERATORS and state.font is not None:
            _show(operands[-1] if operands else None, state)
        elif op == "Do" and operands and depth < MAX_FORM_DEPTH:
            _form(operands[0], resources, state, cache, depth)


def _frame(operands: Any, resources: pikepdf.Object, stack: list[_Frame]) -> _Frame:
    tag = str(operands[0]) if operands else ""
    props: object = operands[1] if len(operands) > 1 else None
    if isinstance(props, pikepdf.Name) and isinstance(resources, pikepdf.Dictionary):
        named = resources.get("/Properties")
        props = named.get(str(props)) if isinstance(named, pikepdf.Dictionary) else None
    outer = stack[-1] if stack else _Frame(None, False, False, None)
    mcid, actual, lang = outer.mcid, outer.actual_text, outer.lang
    if isinstance(props, pikepdf.Dictionary):
        found = props.get("/MCID")
        if isinstance(found, int):
            mcid = int(found)
        actual = actual or "/ActualText" in props
        if "/Lang" in props:
            lang = str(props.Lang)
    return _Frame(mcid, outer.artifact or tag == "/Artifact", actual, lang)


def _move(op: str, operands: Any, state: _State) -> None:
    y: float | None
    if op == "Tm" and len(operands) == 6:
        y = float(operands[5])
    elif op in ("Td", "TD") and len(operands) == 2 and state.y is not None:
        y = state.y + float(operands[1])
    elif op == "BT":
        return
    else:
        y = None
    if y is None or state.y is None or abs(y - state.y) > 0.5:
        state.line += 1
    state.y = y


def _show(operand: object, state: _State) -> None:
    font = state.font
    assert font is not None
    strings: list[bytes] = []
    if isinstance(operand, pikepdf.Array):
        strings = _array_strings(operand)
    elif isinstance(operand, pikepdf.String):
        strings = [bytes(operand)]
    if font.two_byte:  # a string of odd length leaves its last byte out (no whole code)
        strings = [data[: len(data) // 2 * 2] for data in strings]
    codes = font.codes(b"".join(strings))  # a TJ array holds a string a glyph or two: at once
    texts = font.texts(codes)
    frame = state.stack[-1] if state.stack else _Frame(None, False, False, None)
    state.pieces.append(
        Piece(
            state.page,
            "".join(texts),
            frame.mcid,
            frame.artifact,
            frame.actual_text,
            frame.lang,
            state.line,
            font.notdef(codes, texts),
            font.name,
        )
    )


# A TJ array as pikepdf writes it: numbers, hexadecimal strings and empty literal ones.
_HEX_STRING = re.compile(rb"<([0-9A-Fa-f\s]*)>")


def _array_strings(array: pikepdf.Array) -> list[bytes]:
    """The strings of a TJ array. Read from its text when every string in it is hexadecimal
    or empty (WeasyPrint's are; seven times faster than taking the array apart), else item by
    item."""
    written = array.unparse()
    if b"(" not in written.replace(b"()", b""):
        return [bytes.fromhex(found.decode("ascii")) for found in _HEX_STRING.findall(written)]
    return [bytes(item) for item in array if isinstance(item, pikepdf.String)]


def _form(
    name: pikepdf.Object,
    resources: pikepdf.Object,
    state: _State,
    cache: dict[tuple[int, int], Font],
    depth: int,
) -> None:
    xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
    form = xobjects.get(str(name)) if isinstance(xobjects, pikepdf.Dictionary) else None
    if isinstance(form, pikepdf.Stream) and str(form.get("/Subtype", "")) == "/Form":
        _run(form, form.get("/Resources", resources), state, cache, depth + 1)


def structure(pdf: pikepdf.Pdf) -> dict[tuple[int, int], Element]:
    """(page index, MCID) -> the structure element that owns it, for every element reachable
    from the structure tree root."""
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    root = pdf.Root.get("/StructTreeRoot")
    document_lang = _lang(pdf.Root.get("/Lang"))
    owners: dict[tuple[int, int], Element] = {}
    if not isinstance(root, pikepdf.Dictionary):
        return owners
    seen: set[tuple[int, int]] = set()
    todo: list[tuple[object, Element, object]] = [
        (root.get("/K"), Element("", document_lang, False), None)
    ]
    while todo:
        kid, parent, page = todo.pop()
        if isinstance(kid, pikepdf.Array):
            todo.extend((item, parent, page) for item in kid)
        elif isinstance(kid, int) and page is not None:
            owners[(pages.get(_objgen(page), -1), int(kid))] = parent
        elif isinstance(kid, pikepdf.Dictionary):
            if kid.is_indirect:
                if kid.objgen in seen:
                    continue
                seen.add(kid.objgen)
            kind = str(kid.get("/Type", ""))
            here = kid.get("/Pg", page)
            if kind == "/MCR":
                mcid = kid.get("/MCID")
                if isinstance(mcid, int) and here is not None:
                    owners[(pages.get(_objgen(here), -1), int(mcid))] = parent
            elif kind != "/OBJR" and "/S" in kid:
                lang = _lang(kid.get("/Lang")) or parent.lang
                actual = parent.actual_text or "/ActualText" in kid or "/Alt" in kid
                todo.append((kid.get("/K"), Element(str(kid.S)[1:], lang, actual), here))
    return owners


def _objgen(page: object) -> tuple[int, int]:
    return page.objgen if isinstance(page, pikepdf.Object) else (0, 0)


def _lang(value: object) -> str | None:
    if isinstance(value, pikepdf.String):
        text = str(value).strip()
        return text or None
    return None
