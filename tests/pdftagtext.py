"""Reading a tagged PDF the way assistive technology does: the structure tree in order, each
element's ActualText where it has one, else the text of the marked content it refers to.

The text of each marked-content sequence is decoded from the page's content stream with the
font's ToUnicode map (WeasyPrint writes Type0 fonts with two-byte codes and a bfchar map).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
from pypdf import PdfReader
from pypdf.generic import IndirectObject

# Structure types after which a reader ends a line (the rest run on: Span, Link, Lbl…).
BLOCKS = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "P", "H1", "H2", "H3",
    "H4", "H5", "H6", "L", "LI", "LBody", "Table", "TR", "TH", "TD", "Figure",
}  # fmt: skip


@dataclass
class Element:
    role: str
    lang: str | None = None
    actual_text: str | None = None
    pages: set[int] = field(default_factory=set)  # pages of its own marked content
    kids: list[Element | str] = field(default_factory=list)  # elements and marked-content text

    def text(self) -> str:
        if self.actual_text is not None:
            return self.actual_text
        inner = "".join(kid if isinstance(kid, str) else kid.text() for kid in self.kids)
        return inner + "\n" if self.role in BLOCKS else inner

    def walk(self) -> list[Element]:
        found = [self]
        for kid in self.kids:
            if isinstance(kid, Element):
                found.extend(kid.walk())
        return found


@dataclass
class TaggedPdf:
    root: Element
    marked: dict[tuple[int, int], str]  # (page, MCID) → text
    artifacts: list[tuple[str | None, str]]  # (Pagination subtype or None, text) per artifact
    parent_tree: dict[tuple[int, int], Any]  # (page, MCID) → the element's object

    def text(self) -> str:
        return self.root.text()


def read_tagged(path: Path) -> TaggedPdf:
    reader = PdfReader(path)
    page_numbers = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    marked: dict[tuple[int, int], str] = {}
    artifacts: list[tuple[str | None, str]] = []
    for number, page in enumerate(reader.pages):
        _read_page(reader, page, number, marked, artifacts)
    tree = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    root = Element("StructTreeRoot")
    for kid in _array(tree["/K"]):
        root.kids.append(_element(kid.get_object(), None, page_numbers, marked))
    parent_tree: dict[tuple[int, int], Any] = {}
    nums = _array(tree["/ParentTree"].get_object()["/Nums"])
    for key, value in zip(nums[::2], nums[1::2], strict=True):
        if int(key) < len(reader.pages):
            for mcid, element in enumerate(value.get_object()):
                parent_tree[int(key), mcid] = element.get_object()
    return TaggedPdf(root, marked, artifacts, parent_tree)


def _array(value: Any) -> list[Any]:
    value = value.get_object() if isinstance(value, IndirectObject) else value
    return list(value) if isinstance(value, list) else [value]


def _element(obj: Any, page: int | None, pages: dict[int, int], marked: dict[Any, str]) -> Element:
    element = Element(str(obj["/S"])[1:], lang=_string(obj.get("/Lang")))
    element.actual_text = _string(obj.get("/ActualText"))
    if "/Pg" in obj:
        page = pages[obj.raw_get("/Pg").idnum]
    for kid in _array(obj.get("/K", [])):
        if isinstance(kid, int):
            assert page is not None
            element.pages.add(page)
            element.kids.append(marked.get((page, kid), ""))
            continue
        kid = kid.get_object()
        if kid.get("/Type") == "/MCR":
            kid_page = pages[kid.raw_get("/Pg").idnum] if "/Pg" in kid else page
            assert kid_page is not None
            element.pages.add(kid_page)
            element.kids.append(marked.get((kid_page, int(kid["/MCID"])), ""))
        elif kid.get("/Type") == "/OBJR":
            continue
        else:
            element.kids.append(_element(kid, page, pages, marked))
    return element


def _string(value: Any) -> str | None:
    return None if value is None else str(value)


def _read_page(
    reader: PdfReader,
    page: Any,
    number: int,
    marked: dict[tuple[int, int], str],
    artifacts: list[tuple[str | None, str]],
) -> None:
    fonts = page["/Resources"].get("/Font", {})
    maps: dict[str, dict[int, str]] = {}
    stack: list[tuple[str, Any]] = []  # ("mcid", n) or ("artifact", subtype) or ("other", None)
    font: dict[int, str] = {}
    texts: dict[int, list[str]] = {}
    for operands, operator in operations(page):
        if operator in (b"BDC", b"BMC"):
            tag = str(operands[0])
            properties = operands[1] if operator == b"BDC" else {}
            if tag == "/Artifact":
                stack.append(("artifact", _string(properties.get("/Subtype"))))
                artifacts.append((_string(properties.get("/Subtype")), ""))
                if properties.get("/Type") != "/Pagination":
                    stack[-1] = ("artifact", "-")
                    artifacts[-1] = ("-", "")
            elif "/MCID" in properties:
                stack.append(("mcid", int(properties["/MCID"])))
                texts.setdefault(int(properties["/MCID"]), [])
            else:
                stack.append(("other", None))
        elif operator == b"EMC":
            stack.pop()
        elif operator == b"Tf":
            name = str(operands[0])
            if name not in maps:
                maps[name] = _to_unicode(fonts[name].get_object())
            font = maps[name]
        elif operator in (b"Tj", b"TJ"):
            parts = operands[0] if operator == b"TJ" else [operands[0]]
            text = "".join(_decode(_raw(p), font) for p in parts if isinstance(p, (bytes, str)))
            owner = next((entry for entry in reversed(stack) if entry[0] != "other"), None)
            if owner is None:
                raise AssertionError(f"page {number + 1}: text outside marked content: {text!r}")
            if owner[0] == "mcid":
                texts[owner[1]].append(text)
            else:
                artifacts[-1] = (artifacts[-1][0], artifacts[-1][1] + text)
    for mcid, parts in texts.items():
        marked[number, mcid] = "".join(parts)


_scratch: list[pikepdf.Pdf] = []  # a PDF to hold the streams parsed


def operations(page: Any) -> list[tuple[list[Any], bytes]]:
    """The operators of a pypdf page's content stream, with their operands as pypdf gives them
    (numbers; names as "/Name" strings; strings as bytes; arrays as lists; dictionaries as dicts),
    parsed by pikepdf (qpdf, in C++: pypdf's parser, in Python, took most of a page's time)."""
    if not _scratch:
        _scratch.append(pikepdf.new())
    stream = pikepdf.Stream(_scratch[0], page.get_contents().get_data())
    return [
        ([_plain(operand) for operand in instruction.operands], str(instruction.operator).encode())
        for instruction in pikepdf.parse_content_stream(stream)
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, pikepdf.Name):
        return str(value)
    if isinstance(value, pikepdf.String):
        return bytes(value)
    if isinstance(value, pikepdf.Array):
        return [_plain(item) for item in value]
    if isinstance(value, pikepdf.Dictionary):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def _to_unicode(font: Any) -> dict[int, str]:
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    mapping: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            mapping[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, start in re.findall(
            r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
        ):
            for offset in range(int(high, 16) - int(low, 16) + 1):
                mapping[int(low, 16) + offset] = chr(int(start, 16) + offset)
    return mapping


def _raw(string: Any) -> bytes:
    """The bytes of a string operand (pypdf decodes some of them to text)."""
    return bytes(getattr(string, "original_bytes", string))


def _decode(data: bytes, font: dict[int, str]) -> str:
    codes = [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2)]
    return "".join(font.get(code, "\ufffd") for code in codes)
