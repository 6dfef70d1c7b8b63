"""The DOCX package around the body: the parts kept from a reference, metadata, language, header
and footer, fixed zip dates."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from typing import Any

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ... import __version__
from ...documents.model import Document
from . import ooxml
from .ooxml import language_attributes
from .styles import named_style

# What a DOCX keeps of its reference document (by the last word of each relationship type, so
# that the "strict" spelling of Office's relationship types matches too). Everything else a
# reference carries (images and text of its body, comments, custom XML, a thumbnail, embedded
# objects, links to outside templates) is left out of every output.
# The core properties are not kept either: set_metadata writes every one of them into a new part
# (a reference's own, or python-docx's template's, would leave their other fields behind, and
# LibreOffice relates its part with a type python-docx does not know, so that the package would
# get a second docProps/core.xml).
PACKAGE_PARTS = frozenset({"officeDocument", "extended-properties"})
# Not kept: stylesWithEffects (a copy of the styles for Word 2010 only, stale as soon as a style
# changes) and webSettings (options for saving as a web page).
DOCUMENT_PARTS = frozenset(
    {
        "styles",
        "numbering",
        "settings",
        "theme",
        "fontTable",
        "header",
        "footer",
        "footnotes",
        "endnotes",
    }
)
# Settings that make Word fetch or merge from another file when a student opens the document,
# and leftovers of the document the package was saved from: spelling and grammar marked as
# already checked (so Word would not check the new text), a request to save a thumbnail, the
# editing-session ids of its revisions, and its document ids (every output would share them).
DROPPED_SETTINGS = (
    "w:attachedTemplate",
    "w:mailMerge",
    "w:proofState",
    "w:savePreviewPicture",
    "w:rsids",
    "w14:docId",
    "{http://schemas.microsoft.com/office/word/2012/wordml}docId",
)
# CT_Settings' children from w:compat on, in order (ISO/IEC 29500-1 §17.15.1.78).
SETTINGS_ORDER = (
    "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
    "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures",
    "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol",
    "w:listSeparator",
)  # fmt: skip
WORD = "http://schemas.microsoft.com/office/word"
APPLICATION = f"coursegen/{__version__}"


def keep_style_parts(word: WordDocument) -> None:
    """Drop the parts of a package, emptied of its body, that coursegen does not use, and what
    the document it was saved from left in them (settings, application)."""
    package = word.part.package
    _keep_rels(package.rels, PACKAGE_PARTS)
    _keep_rels(word.part.rels, DOCUMENT_PARTS)
    for child in list(word.element):
        if child.tag != qn("w:body"):  # a page background may show one of the dropped images
            word.element.remove(child)
    settings_part = word.part._settings_part
    _clean_settings(settings_part.element)
    _keep_rels(settings_part.rels, frozenset())
    _set_application(word)


def _clean_settings(settings: Any) -> None:
    for tag in DROPPED_SETTINGS:
        for element in settings.findall(tag if tag.startswith("{") else qn(tag)):
            settings.remove(element)
    theme_language = settings.find(qn("w:themeFontLang"))
    if theme_language is not None:  # the template's Japanese (set_language sets the document's)
        for script in ("w:eastAsia", "w:bidi"):
            theme_language.attrib.pop(qn(script), None)
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:  # required (§17.15.1.95)
        zoom.set(qn("w:percent"), "100")
    # Word 2013 and later, not the compatibility mode of Word 2010 (14) of python-docx's template.
    compat = ooxml.child(settings, "w:compat", SETTINGS_ORDER)
    mode = next(
        (
            s
            for s in compat.findall(qn("w:compatSetting"))
            if s.get(qn("w:name")) == "compatibilityMode"
        ),
        None,
    )
    if mode is None:
        mode = OxmlElement("w:compatSetting")
        compat.append(mode)  # compatSetting is the last of CT_Compat's children
        mode.set(qn("w:name"), "compatibilityMode")
        mode.set(qn("w:uri"), WORD)
    mode.set(qn("w:val"), "15")


def _set_application(word: WordDocument) -> None:
    """docProps/app.xml says only that coursegen made the file (not the statistics, template and
    application of the document the package was saved from)."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = word.part.package
    blob = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'extended-properties"><Application>{APPLICATION}</Application></Properties>'
    ).encode()
    for rel in package.rels.values():
        if not rel.is_external and rel.reltype == RELATIONSHIP_TYPE.EXTENDED_PROPERTIES:
            rel.target_part._blob = blob
            return
    part = Part(PackURI("/docProps/app.xml"), CONTENT_TYPE.OFC_EXTENDED_PROPERTIES, blob, package)
    package.relate_to(part, RELATIONSHIP_TYPE.EXTENDED_PROPERTIES)


def _keep_rels(rels: dict[str, Any], kept: frozenset[str]) -> None:
    for rid, rel in list(rels.items()):
        if rel.is_external or rel.reltype.rsplit("/", 1)[-1] not in kept:
            del rels[rid]


def set_metadata(word: WordDocument, document: Document, timestamp: dt.datetime) -> None:
    meta = document.meta
    props = word.core_properties
    props.title = meta.title
    props.subject = document.subtitle
    props.author = meta.author or ""
    props.last_modified_by = meta.author or ""
    props.language = meta.language
    props.keywords = meta.keywords
    props.comments = "Generated by coursegen"
    props.created = props.modified = timestamp
    props.last_printed = timestamp
    props.revision = 1
    props.category = meta.kind


def set_language(word: WordDocument, language: str) -> None:
    """The document's language: the default of every run (docDefaults), of Normal (which a
    reference document may set to its own), and the language Word picks theme fonts for."""
    styles = word.styles.element
    defaults = ooxml.child(styles, "w:docDefaults", ("w:docDefaults", "w:latentStyles", "w:style"))
    run_defaults = ooxml.child(defaults, "w:rPrDefault", ("w:rPrDefault", "w:pPrDefault"))
    ooxml.set_language(ooxml.child(run_defaults, "w:rPr", ("w:rPr",)), language)
    normal = named_style(word, "Normal")
    if normal is not None:
        ooxml.set_language(normal.element.get_or_add_rPr(), language)
    theme = word.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        language_attributes(theme, language)


def set_header_footer(word: WordDocument, document: Document) -> None:
    """The running header on every page but the first; 'Page N of M' as fields on every page."""
    section = word.sections[0]
    section.different_first_page_header_footer = True
    header = (
        section.header.paragraphs[0]
        if section.header.paragraphs
        else section.header.add_paragraph()
    )
    header.text = document.meta.running_header
    if (style := named_style(word, "Header")) is not None:
        header.style = style
    for footer in (section.footer, section.first_page_footer):
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        paragraph.text = ""
        if (style := named_style(word, "Footer")) is not None:
            paragraph.style = style
        for index, part in enumerate(document.meta.page_label.parts):
            if document.meta.page_label.literal(index):
                if part:
                    run = paragraph.add_run(part)
                    if (words := document.meta.labels_language) is not None:
                        ooxml.run_language(run._r, words)
            else:
                _field(paragraph, "PAGE" if part == "page" else "NUMPAGES", "1")


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def normalise_zip(data: bytes, timestamp: dt.datetime) -> bytes:
    """Set one fixed date on every entry of the package, so equal inputs give equal bytes.

    The dates are patched in place in the local and central headers: nothing is recompressed.
    """
    year, month, day, hour, minute, second = max(timestamp, dt.datetime(1980, 1, 1)).timetuple()[:6]
    stamp = struct.pack(
        "<HH",
        (hour << 11) | (minute << 5) | (second // 2),
        ((year - 1980) << 9) | (month << 5) | day,
    )
    patched = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for info in package.infolist():
            patched[info.header_offset + 10 : info.header_offset + 14] = stamp
        offset = package.start_dir
    while patched[offset : offset + 4] == b"PK\x01\x02":
        patched[offset + 12 : offset + 16] = stamp
        names, extra, comment = struct.unpack("<HHH", patched[offset + 28 : offset + 34])
        offset += 46 + names + extra + comment
    return bytes(patched)
