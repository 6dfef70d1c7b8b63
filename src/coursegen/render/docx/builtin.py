"""Word's own styles that a reference document lacks, copied from coursegen's built-in style sheet.

A reference.docx saved from a blank LibreOffice document has no Title, Heading or List styles; a
document from another program may lack any of them. Each one coursegen uses and the reference
lacks is copied from the built-in package (python-docx's template as `styles.default_look` sets
it), with the styles it is based on that the reference lacks too, and the numbering definition
of a list style. A style the reference has is never changed here, and so a copied style based on
Normal follows the reference's Normal.
"""

from __future__ import annotations

import copy
from typing import Any

from docx.document import Document as WordDocument
from docx.oxml.ns import qn

from .styles import named_style

# The Word styles a coursegen document uses (its own styles are added by styles.ensure_styles).
WORD_STYLES = (
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Heading 4",
    "List Bullet",
    "List Number",
    "Header",
    "Footer",
)
NUMBERING = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
# What a copied style leaves behind: its linked character style (not copied) and its revision id.
DROPPED = ("w:link", "w:rsid")


def add_missing_styles(word: WordDocument, builtin: WordDocument) -> None:
    """Copy into `word` each style of WORD_STYLES it lacks, from `builtin`."""
    for name in WORD_STYLES:
        _ensure(word, builtin, name)


def _ensure(word: WordDocument, builtin: WordDocument, name: str) -> str | None:
    """The style id of `name` in `word`, copied from `builtin` first if `word` lacks it."""
    present = named_style(word, name)
    if present is not None:
        return str(present.style_id)
    source = named_style(builtin, name)
    if source is None:
        return None
    style = copy.deepcopy(source.element)
    for tag in DROPPED:
        for element in style.findall(qn(tag)):
            style.remove(element)
    style.attrib.pop(qn("w:default"), None)
    based = style.find(qn("w:basedOn"))
    if based is not None:
        base = _name_of(builtin, based.get(qn("w:val")))
        base_id = _ensure(word, builtin, base) if base else None
        if base_id is None:
            style.remove(based)
        else:
            based.set(qn("w:val"), base_id)
    following = style.find(qn("w:next"))
    if following is not None:
        present = named_style(word, _name_of(builtin, following.get(qn("w:val"))) or "")
        if present is None:
            style.remove(following)
        else:
            following.set(qn("w:val"), present.style_id)
    style_id = _free_id(word, str(source.style_id))
    style.set(qn("w:styleId"), style_id)
    if name == "Normal" and not _has_default(word):
        style.set(qn("w:default"), "1")
    word.styles.element.append(style)
    _copy_numbering(word, builtin, style)
    return style_id


def _name_of(word: WordDocument, style_id: str | None) -> str | None:
    return next((s.name for s in word.styles if s.style_id == style_id), None)


def _free_id(word: WordDocument, wanted: str) -> str:
    taken = {s.get(qn("w:styleId")) for s in word.styles.element.findall(qn("w:style"))}
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        candidate = f"{wanted}{number}"
    return candidate


def _has_default(word: WordDocument) -> bool:
    return any(
        s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true", "on")
        for s in word.styles.element.findall(qn("w:style"))
    )


def _copy_numbering(word: WordDocument, builtin: WordDocument, style: Any) -> None:
    """Give a copied list style its own copy of the built-in list definition it numbers with."""
    number = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    if number is None:
        return
    source = builtin.part.numbering_part.element
    num = _find(source, "w:num", "w:numId", number.get(qn("w:val")))
    if num is None:
        number.getparent().remove(number)
        return
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = _find(source, "w:abstractNum", "w:abstractNumId", abstract_id)
    target = _numbering(word)
    new_abstract = str(_next_id(target, "w:abstractNum", "w:abstractNumId", 0))
    new_num = str(_next_id(target, "w:num", "w:numId", 1))
    if abstract is not None:
        definition = copy.deepcopy(abstract)
        definition.set(qn("w:abstractNumId"), new_abstract)
        for paragraph_style in definition.iter(qn("w:pStyle")):
            paragraph_style.set(qn("w:val"), style.get(qn("w:styleId")))
        nums = target.findall(qn("w:num"))
        if nums:
            nums[0].addprevious(definition)
        else:
            _append(target, definition)
    instance = copy.deepcopy(num)
    instance.set(qn("w:numId"), new_num)
    instance.find(qn("w:abstractNumId")).set(qn("w:val"), new_abstract)
    _append(target, instance)
    number.set(qn("w:val"), new_num)


def _find(parent: Any, tag: str, attribute: str, value: str | None) -> Any:
    return next((e for e in parent.findall(qn(tag)) if e.get(qn(attribute)) == value), None)


def _next_id(parent: Any, tag: str, attribute: str, first: int) -> int:
    ids = [
        int(e.get(qn(attribute)))
        for e in parent.findall(qn(tag))
        if e.get(qn(attribute), "").isdigit()
    ]
    return max(ids, default=first - 1) + 1


def _append(numbering: Any, element: Any) -> None:
    """Append before w:numIdMacAtCleanup, the last of CT_Numbering's children."""
    last = numbering.find(qn("w:numIdMacAtCleanup"))
    if last is None:
        numbering.append(element)
    else:
        last.addprevious(element)


def _numbering(word: WordDocument) -> Any:
    """The document's numbering definitions, a new empty part if it has none."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.parts.numbering import NumberingPart

    document = word.part
    for rel in document.rels.values():
        if not rel.is_external and rel.reltype == RELATIONSHIP_TYPE.NUMBERING:
            return rel.target_part.element
    part = NumberingPart(
        PackURI("/word/numbering.xml"),
        NUMBERING,
        parse_xml(f"<w:numbering {nsdecls('w')}/>"),
        document.package,
    )
    document.relate_to(part, RELATIONSHIP_TYPE.NUMBERING)
    return part.element
