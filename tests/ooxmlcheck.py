"""Validate a .docx against the ISO/IEC 29500-4:2016 transitional schemas (tests/ooxml-schemas).

Every XML part is validated against the schema of its root element's namespace: the OPC parts
([Content_Types].xml, the .rels, the core properties) against ECMA-376 Part 2's, the rest against
Part 4's (WordprocessingML, DrawingML for the theme, extended properties). Markup compatibility
(ECMA-376 Part 3) is applied first as Word applies it: the elements and attributes of a namespace
that `mc:Ignorable` names and the schemas do not know are dropped, and `mc:AlternateContent` is
replaced by its `mc:Fallback`. A part in a namespace with no schema is an error too.

`errors(path)` lists problems as `part: line: message`; an empty list means the file is valid.
"""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "ooxml-schemas"
ISO = SCHEMAS / "ISO-IEC29500-4_2016"
OPC = SCHEMAS / "ecma" / "fouth-edition"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# The schema to validate a part with, by its root element's namespace.
BY_NAMESPACE = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": ISO / "wml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": ISO / "dml-main.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": ISO
    / "shared-documentPropertiesExtended.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties": ISO
    / "shared-documentPropertiesCustom.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/customXml": ISO
    / "shared-customXmlDataProperties.xsd",
    "http://schemas.openxmlformats.org/package/2006/content-types": OPC / "opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": OPC / "opc-relationships.xsd",
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": OPC
    / "opc-coreProperties.xsd",
}
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
# opc-coreProperties.xsd imports the Dublin Core schemas from dublincore.org; offline, those
# addresses resolve to the stand-ins in ooxml-schemas/dublin-core-standin (see its README).
DUBLIN_CORE = "http://dublincore.org/schemas/xmls/qdc/2003/04/02/"


class _OfflineDublinCore(etree.Resolver):
    def resolve(self, system_url: str, public_id: str, context: object) -> object:
        if system_url.startswith(DUBLIN_CORE):
            local = SCHEMAS / "dublin-core-standin" / system_url[len(DUBLIN_CORE) :]
            return self.resolve_filename(str(local), context)
        return None


@cache
def _schema(path: Path) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_OfflineDublinCore())
    return etree.XMLSchema(etree.parse(str(path), parser))


@cache
def understood() -> frozenset[str]:
    """The namespaces the schemas define (a consumer that knows them need not ignore them)."""
    namespaces = {MC, "http://www.w3.org/XML/1998/namespace"}
    for xsd in SCHEMAS.rglob("*.xsd"):
        target = etree.parse(str(xsd)).getroot().get("targetNamespace")
        if target:
            namespaces.add(target)
    return frozenset(namespaces)


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def apply_markup_compatibility(root: etree._Element) -> list[str]:
    """Preprocess `root` in place as a consumer that understands only the schemas' namespaces;
    returns the violations of ECMA-376 Part 3 found (a MustUnderstand namespace not understood)."""
    problems: list[str] = []
    ignorable: set[str] = set()
    # XPath (in C) finds the few elements that matter; walking every element in Python was
    # most of the validation's time.
    marked = "descendant-or-self::*[@mc:Ignorable or @mc:MustUnderstand]"
    for element in root.xpath(marked, namespaces={"mc": MC}):
        for prefix in (element.get(f"{{{MC}}}Ignorable") or "").split():
            if (uri := element.nsmap.get(prefix)) is not None:
                ignorable.add(uri)
        for prefix in (element.get(f"{{{MC}}}MustUnderstand") or "").split():
            uri = element.nsmap.get(prefix)
            if uri not in understood():
                problems.append(f"{element.sourceline}: mc:MustUnderstand names {uri}")
    ignored = ignorable - understood()
    for alternate in list(root.iter(f"{{{MC}}}AlternateContent")):
        fallback = alternate.find(f"{{{MC}}}Fallback")
        for content in list(fallback) if fallback is not None else []:
            alternate.addprevious(content)
        parent = alternate.getparent()
        if parent is not None:
            parent.remove(alternate)
    for namespace in sorted(ignored):
        for element in root.xpath("descendant-or-self::*[namespace-uri() = $ns]", ns=namespace):
            if (parent := element.getparent()) is not None:
                parent.remove(element)
    for namespace in sorted(ignored | {MC}):
        with_attributes = "descendant-or-self::*[@*[namespace-uri() = $ns]]"
        for element in root.xpath(with_attributes, ns=namespace):
            for name in list(element.attrib):
                if _namespace(name) == namespace:
                    del element.attrib[name]
    return problems


def part_errors(name: str, data: bytes) -> list[str]:
    try:
        root = etree.fromstring(data, etree.XMLParser(no_network=True, resolve_entities=False))
    except etree.XMLSyntaxError as exc:
        return [f"{name}: {exc.lineno}: not well-formed XML: {exc.msg}"]
    namespace = _namespace(root.tag)
    if namespace not in BY_NAMESPACE:
        return [f"{name}: {root.sourceline}: no schema for the root element {root.tag}"]
    problems = [f"{name}: {problem}" for problem in apply_markup_compatibility(root)]
    schema = _schema(BY_NAMESPACE[namespace])
    if not schema.validate(root.getroottree()):
        problems += [f"{name}: {error.line}: {error.message}" for error in schema.error_log]
    return problems


def is_xml_part(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def errors(path: Path | str) -> list[str]:
    """Every schema error in the .docx at `path`, as `part: line: message`."""
    problems: list[str] = []
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        problems += [
            f"{name}: 0: more than one part of this name"
            for name in sorted({name for name in names if names.count(name) > 1})
        ]
        for name in dict.fromkeys(names):
            if is_xml_part(name):
                problems += part_errors(name, package.read(name))
    return problems


def application(path: Path | str) -> str:
    """docProps/app.xml's Application ('' when the file is not a readable package or says none)."""
    try:
        with zipfile.ZipFile(path) as package:
            root = etree.fromstring(package.read("docProps/app.xml"))
    except (KeyError, OSError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return ""
    found = root.find(f"{{{EXTENDED}}}Application")
    return (found.text or "") if found is not None else ""
