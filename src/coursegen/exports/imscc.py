"""IMS Common Cartridge 1.1 (`.imscc`), which Canvas, Moodle, Blackboard and Brightspace import:
made by `coursegen publish` from the course package (documents/publish.py `package`), written as
output/course.imscc.

What the cartridge holds is what students may see, since an LMS shows imported content to the
class (CC 1.1 has no instructor-only web content that the four import alike):

- one module (an organization item) per lesson, in the course's order, titled with the lesson
  title and its week and date;
- in it, the lesson's handout as a web page (the `--format html` page, self-contained), each of
  its discussion questions as a discussion topic (imsdt_xmlv1p1) whose text is the question, its
  reference (Excerpt B, ¶2–3) and the excerpts it cites in full with their sources, and the
  lesson's glossary as a web page;
- the course glossary as a web page, the last item.

The instructor edition is left out: its Bloom levels, timings and notes are for the instructor,
who has them in the PDF. The student question sheet is left out too: its questions are the
discussion topics, and its ruled space to write in is for paper.

Identifiers are made from the content's own ids (the lesson id, the question's number), never
random; the zip's entries are sorted and carry the build's fixed date and fixed permissions, so
the same course gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..render.htmlpage import HtmlPageRenderer
from ..render.pdf import PdfFormat
from .archive import fixed_zip

if TYPE_CHECKING:  # a format module stays cheap to import (see render/__init__.py)
    from ..documents.model import Document, ExcerptView, QuestionView

CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
DT = "http://www.imsglobal.org/xsd/imsccv1p1/imsdt_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATIONS = (
    f"{CP} http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd "
    f"{LOM} http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd"
)
TOPIC_LOCATION = f"{DT} http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imsdt_v1p1.xsd"
WEB_CONTENT = "webcontent"
DISCUSSION = "imsdt_xmlv1p1"
_NOT_IN_ID = re.compile(r"[^A-Za-z0-9_.-]")


class ImsccFormat:
    name = "imscc"
    suffix = ".imscc"
    kinds = frozenset({"course-package"})
    default_for = frozenset({"publish"})

    def inputs(self, root: Path) -> Iterable[tuple[str, Path]]:
        """The PDF's: the web pages are rendered from the same templates."""
        return PdfFormat().inputs(root)

    def renderer(self, root: Path, timestamp: dt.datetime) -> ImsccRenderer:
        return ImsccRenderer(root, timestamp)


@dataclass(frozen=True)
class _Resource:
    identifier: str
    kind: str  # WEB_CONTENT or DISCUSSION
    href: str
    title: str


class ImsccRenderer:
    def __init__(self, root: Path, timestamp: dt.datetime) -> None:
        self.pages = HtmlPageRenderer(root, timestamp)
        self.timestamp = timestamp

    def render(self, document: Document) -> bytes:
        files: dict[str, bytes] = {}
        modules: list[tuple[str, str, list[_Resource]]] = []
        lessons: dict[str, list[Document]] = {}
        course_glossary: list[Document] = []
        for part in document.parts:
            if part.meta.lesson is None:
                course_glossary.append(part)
            else:
                lessons.setdefault(part.meta.lesson, []).append(part)
        for lesson, parts in lessons.items():
            items = self._lesson(lesson, {part.meta.name: part for part in parts}, files)
            first = parts[0]
            title = f"{first.heading} ({first.meta_line})" if first.meta_line else first.heading
            modules.append((f"L_{_id(lesson)}", title, items))
        extra = [self._page(glossary, "", files) for glossary in course_glossary]
        files["imsmanifest.xml"] = _manifest(document, modules, extra)
        return fixed_zip(sorted(files.items()), self.timestamp)

    def _lesson(
        self, lesson: str, documents: dict[str, Document], files: dict[str, bytes]
    ) -> list[_Resource]:
        items = []
        first = next(iter(documents.values()))
        heading, language, labels = first.heading, first.language, first.meta.labels_language
        if "handout" in documents:
            items.append(self._page(documents["handout"], f"{lesson}/", files))
        student = documents.get("questions")
        instructor = documents.get("questions-instructor")
        cited = {q.number: q for q in instructor.questions} if instructor else {}
        for question in student.questions if student else ():
            planned = cited.get(question.number)
            name = planned.heading if planned and planned.heading else str(question.number)
            resource = _Resource(
                f"T_{_id(lesson)}_q{question.number}",
                DISCUSSION,
                f"{lesson}/question-{question.number}.xml",
                f"{heading}: {name}",
            )
            excerpts = planned.excerpts if planned else ()
            files[resource.href] = _topic(resource.title, question, excerpts, language, labels)
            items.append(resource)
        if "glossary" in documents:
            items.append(self._page(documents["glossary"], f"{lesson}/", files))
        return items

    def _page(self, document: Document, folder: str, files: dict[str, bytes]) -> _Resource:
        href = f"{folder}{document.meta.name}.html"
        files[href] = self.pages.render(document)
        identifier = f"R_{_id(folder.rstrip('/') or 'course')}_{_id(document.meta.name)}"
        return _Resource(identifier, WEB_CONTENT, href, document.subtitle)


def _id(text: str) -> str:
    """`text` as part of an XML identifier (an NCName once prefixed with a letter)."""
    return _NOT_IN_ID.sub("_", text)


def _manifest(
    package: Document, modules: list[tuple[str, str, list[_Resource]]], extra: list[_Resource]
) -> bytes:
    ET.register_namespace("", CP)
    ET.register_namespace("lomimscc", LOM)
    ET.register_namespace("xsi", XSI)
    manifest = ET.Element(
        f"{{{CP}}}manifest",
        {"identifier": f"coursegen_{_id(package.meta.course.title)[:60]}",
         f"{{{XSI}}}schemaLocation": SCHEMA_LOCATIONS},
    )  # fmt: skip
    metadata = ET.SubElement(manifest, f"{{{CP}}}metadata")
    ET.SubElement(metadata, f"{{{CP}}}schema").text = "IMS Common Cartridge"
    ET.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.1.0"
    general = ET.SubElement(ET.SubElement(metadata, f"{{{LOM}}}lom"), f"{{{LOM}}}general")
    title = ET.SubElement(ET.SubElement(general, f"{{{LOM}}}title"), f"{{{LOM}}}string")
    title.set("language", package.language)
    title.text = package.meta.course.title
    ET.SubElement(general, f"{{{LOM}}}language").text = package.language
    organization = ET.SubElement(
        ET.SubElement(manifest, f"{{{CP}}}organizations"),
        f"{{{CP}}}organization",
        {"identifier": "O_course", "structure": "rooted-hierarchy"},
    )
    root = ET.SubElement(organization, f"{{{CP}}}item", {"identifier": "I_course"})
    resources = ET.SubElement(manifest, f"{{{CP}}}resources")
    every: list[_Resource] = []
    for identifier, module_title, items in modules:
        module = ET.SubElement(root, f"{{{CP}}}item", {"identifier": f"I_{identifier}"})
        ET.SubElement(module, f"{{{CP}}}title").text = module_title
        for resource in items:
            _item(module, resource)
        every += items
    for resource in extra:
        _item(root, resource)
    for resource in [*every, *extra]:
        attributes = {"identifier": resource.identifier, "type": resource.kind}
        if resource.kind == WEB_CONTENT:
            attributes["href"] = resource.href  # a topic's resource has none (CC 1.1 rule 1c)
        element = ET.SubElement(resources, f"{{{CP}}}resource", attributes)
        ET.SubElement(element, f"{{{CP}}}file", {"href": resource.href})
    ET.indent(manifest)
    data: bytes = ET.tostring(manifest, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def _item(parent: ET.Element, resource: _Resource) -> None:
    item = ET.SubElement(
        parent,
        f"{{{CP}}}item",
        {"identifier": f"I_{resource.identifier}", "identifierref": resource.identifier},
    )
    ET.SubElement(item, f"{{{CP}}}title").text = resource.title


def _topic(
    title: str,
    question: QuestionView,
    excerpts: tuple[ExcerptView, ...],
    language: str,
    labels: str | None,
) -> bytes:
    """A discussion topic: its title, and as its text (HTML) the question, its reference and
    the excerpts it cites, each part marked with its language."""
    from .fragments import question_html

    ET.register_namespace("", DT)
    ET.register_namespace("xsi", XSI)
    topic = ET.Element(f"{{{DT}}}topic", {f"{{{XSI}}}schemaLocation": TOPIC_LOCATION})
    ET.SubElement(topic, f"{{{DT}}}title").text = title
    text = ET.SubElement(topic, f"{{{DT}}}text", {"texttype": "text/html"})
    text.text = str(question_html(question, excerpts, language, labels))
    ET.indent(topic)
    data: bytes = ET.tostring(topic, encoding="utf-8", xml_declaration=True)
    return data + b"\n"
