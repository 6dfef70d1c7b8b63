"""`coursegen publish --format imscc`: an IMS Common Cartridge 1.1 that an LMS imports: one
module per lesson in the course's order, the handout and glossaries as the HTML pages, each
discussion question as a discussion topic holding its question and the excerpts it cites; valid
against the CC 1.1 schemas (tests/data/imscc/: the manifest against the CC profile of IMS CP 1.2,
each topic against the discussion-topic schema); the same bytes every time."""

from __future__ import annotations

import io
import shutil
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import html5lib
import pytest
from lxml import etree  # type: ignore[import-untyped]

from coursegen import BuildOptions, build, open_course
from coursegen.builder import source_timestamp
from coursegen.documents import published_documents
from coursegen.render.htmlpage import HtmlPageRenderer

from conftest import MULTILINGUAL, REPO

SCHEMAS = REPO / "tests/data/imscc"
# The manifest schema imports the W3C xml.xsd by the bare name "xml.xsd"; the repository's copy
# is the one vendored with the OOXML schemas.
XML_XSD = REPO / "tests/ooxml-schemas/ISO-IEC29500-4_2016/xml.xsd"
MANIFEST_IMPORTS = {"xml.xsd": XML_XSD} | {
    name: SCHEMAS / name
    for name in (
        "ccv1p1_imscp_v1p2_v1p0.xsd",
        "ccv1p1_imsccauth_v1p1.xsd",
        "ccv1p1_lommanifest_v1p0.xsd",
        "ccv1p1_lomresource_v1p0.xsd",
    )
}
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
LOM = "{http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest}"
DT = "{http://www.imsglobal.org/xsd/imsccv1p1/imsdt_v1p1}"


def publish(root: Path, out: str = "output") -> bytes:
    report = build(
        open_course(root),
        None,
        BuildOptions(out_dir=root / out, publish=True, formats=("imscc",)),
    )
    assert report.ok, report
    assert report.built == ["course.imscc"]
    return (root / out / "course.imscc").read_bytes()


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("imscc") / "course"
    shutil.copytree(MULTILINGUAL, root)
    return root


@pytest.fixture(scope="module")
def cartridge(course: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(publish(course)))


def manifest(cartridge: zipfile.ZipFile) -> ET.Element:
    return ET.fromstring(cartridge.read("imsmanifest.xml"))


def resources(cartridge: zipfile.ZipFile) -> dict[str, ET.Element]:
    return {r.get("identifier", ""): r for r in manifest(cartridge).iter(f"{CP}resource")}


def test_one_module_per_lesson_in_order_then_the_course_glossary(
    cartridge: zipfile.ZipFile,
) -> None:
    root = manifest(cartridge)
    assert root.findtext(f"{CP}metadata/{CP}schemaversion") == "1.1.0"
    general = root.find(f"{CP}metadata/{LOM}lom/{LOM}general")
    assert general is not None
    assert general.findtext(f"{LOM}title/{LOM}string") == "Trust between states"
    assert general.findtext(f"{LOM}language") == "en"
    top = root.find(f"{CP}organizations/{CP}organization/{CP}item")
    assert top is not None
    modules = top.findall(f"{CP}item")
    assert [m.findtext(f"{CP}title") for m in modules] == [
        "Trust in two languages (Week 1)",
        "Peace and cooperation in four scripts",
        "Cooperation in Chinese",
        "Course glossary",
    ]
    first = [i.findtext(f"{CP}title") for i in modules[0].findall(f"{CP}item")]
    assert first == [
        "Handout",
        "Trust in two languages: Question 1",
        "Trust in two languages: Question 2",
        "Trust in two languages: Question 3",
        "Glossary",
    ]
    # every item points at a resource; identifiers come from lesson ids and question numbers
    found = resources(cartridge)
    refs = [i.get("identifierref") for i in top.iter(f"{CP}item") if i.get("identifierref")]
    assert all(ref in found for ref in refs) and len(refs) == len(found)
    assert "T_01-russian_q2" in found and "R_01-russian_handout" in found


def test_one_discussion_topic_per_question(course: Path, cartridge: zipfile.ZipFile) -> None:
    loaded = open_course(course)
    questions = sum(len(lesson.questions) for lesson in loaded.lessons.values())
    topics = [r for r in resources(cartridge).values() if r.get("type") == "imsdt_xmlv1p1"]
    assert len(topics) == questions == 5
    for topic in topics:
        files = topic.findall(f"{CP}file")
        assert len(files) == 1 and topic.get("href") is None
        assert ET.fromstring(cartridge.read(files[0].get("href", ""))).tag == f"{DT}topic"


def topic_html(cartridge: zipfile.ZipFile, name: str) -> tuple[str, ET.Element]:
    topic = ET.fromstring(cartridge.read(name))
    text = topic.find(f"{DT}text")
    assert text is not None and text.get("texttype") == "text/html"
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    fragment: ET.Element = parser.parseFragment(text.text or "")
    return topic.findtext(f"{DT}title") or "", fragment


def words(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def test_a_topic_holds_its_question_and_the_excerpt_it_cites(
    cartridge: zipfile.ZipFile,
) -> None:
    title, html = topic_html(cartridge, "01-russian/question-2.xml")
    assert title == "Trust in two languages: Question 2"
    text = words(html)
    assert "Почему доверие строят годами?" in text
    assert "Excerpt B, ¶1–2" in text
    assert "¶1 Доверие между государствами не возникает само собой." in text
    assert "Так рождается кризис доверия." in text
    assert "Тестовый журнал" in text
    # in their languages: the course's around, the Russian question and excerpt marked
    container = html.find("div")
    assert container is not None and container.get("lang") == "en"
    assert container.find("p").get("lang") == "ru"  # type: ignore[union-attr]
    assert container.find("blockquote").get("lang") == "ru"  # type: ignore[union-attr]
    # nothing of the instructor edition: no notes, no Bloom level or timing
    assert "годами»" not in text and "Analyze" not in text and "min" not in text.split()
    _, english = topic_html(cartridge, "01-russian/question-1.xml")
    assert "What changes what each side expects?" in words(english)
    assert "A confidence-building measure, kept year after year, slowly changes" in words(english)
    assert "Source: A. Writer, “Trust is built slowly”, The Test Review, 1 March 2026." in words(
        english
    )


def test_web_content_is_the_html_pages(course: Path, cartridge: zipfile.ZipFile) -> None:
    pages = {
        r.get("href"): r for r in resources(cartridge).values() if r.get("type") == "webcontent"
    }
    assert sorted(pages) == sorted(
        [f"{lesson}/{page}.html" for lesson in ("01-russian", "02-scripts", "03-chinese")
         for page in ("handout", "glossary")] + ["glossary.html"]
    )  # fmt: skip
    assert not any("instructor" in name or "questions" in name for name in cartridge.namelist())
    renderer = HtmlPageRenderer(course, source_timestamp())
    published = {p.stem: p.document for p in published_documents(open_course(course))}
    handout = next(d for d in published["course"].parts if d.meta.lesson == "01-russian")
    assert cartridge.read("01-russian/handout.html") == renderer.render(handout)
    assert cartridge.read("glossary.html") == renderer.render(published["glossary"])


def test_two_publishes_give_identical_bytes(course: Path, cartridge: zipfile.ZipFile) -> None:
    again = publish(course, "again")
    assert again == (course / "output/course.imscc").read_bytes()
    for info in zipfile.ZipFile(io.BytesIO(again)).infolist():
        assert info.date_time == source_timestamp().timetuple()[:6]
        assert info.external_attr >> 16 == 0o100644
    assert cartridge.namelist() == sorted(cartridge.namelist())


def test_every_topic_validates_against_the_cc_1_1_discussion_topic_schema(
    cartridge: zipfile.ZipFile,
) -> None:
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "ccv1p1_imsdt_v1p1.xsd")))
    topics = [name for name in cartridge.namelist() if "/question-" in name]
    assert len(topics) == 5
    for name in topics:
        document = etree.fromstring(cartridge.read(name))
        assert schema.validate(document), f"{name}: {schema.error_log}"
    # and the schema does catch a topic without its text
    broken = etree.fromstring(cartridge.read(topics[0]))
    broken.remove(broken.find(f"{DT}text"))
    assert not schema.validate(broken)


class _LocalSchemas(etree.Resolver):
    """Every schemaLocation the manifest schema and its imports name, by its file name, to the
    local copy; anything else is refused rather than looked for elsewhere."""

    def resolve(self, system_url: str, public_id: str, context: object) -> object:
        name = system_url.rsplit("/", 1)[-1]
        if name not in MANIFEST_IMPORTS:
            raise AssertionError(f"the manifest schema asks for an unknown file: {system_url}")
        return self.resolve_filename(str(MANIFEST_IMPORTS[name]), context)


@cache
def manifest_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "ccv1p1_imscp_v1p2_v1p0.xsd"), parser))


def test_the_manifest_validates_against_the_cc_1_1_manifest_schema(
    cartridge: zipfile.ZipFile,
) -> None:
    schema = manifest_schema()
    document = etree.fromstring(cartridge.read("imsmanifest.xml"))
    assert schema.validate(document), str(schema.error_log)


def _structure_not_rooted(manifest: etree._Element) -> None:
    manifest.find(f"{CP}organizations/{CP}organization").set("structure", "hierarchical")


def _module_without_title(manifest: etree._Element) -> None:
    module = manifest.find(f"{CP}organizations/{CP}organization/{CP}item/{CP}item")
    module.remove(module.find(f"{CP}title"))


def _unknown_resource_type(manifest: etree._Element) -> None:
    manifest.find(f"{CP}resources/{CP}resource").set("type", "imsdt_xmlv1p0")


def _lom_without_its_namespace(manifest: etree._Element) -> None:
    lom = manifest.find(f"{CP}metadata/{LOM}lom")
    lom.tag = f"{CP}lom"


@pytest.mark.parametrize(
    ("doctor", "complaint"),
    [
        (_structure_not_rooted, "does not match the fixed value constraint 'rooted-hierarchy'"),
        (_module_without_title, f"Expected is ( {CP}title )"),
        (_unknown_resource_type, "The value 'imsdt_xmlv1p0' is not an element of the set"),
        (_lom_without_its_namespace, f"Expected is ( {LOM}lom )"),
    ],
)
def test_the_manifest_schema_rejects_a_manifest_the_cc_1_1_profile_forbids(
    cartridge: zipfile.ZipFile, doctor: Callable[[etree._Element], None], complaint: str
) -> None:
    schema = manifest_schema()
    document = etree.fromstring(cartridge.read("imsmanifest.xml"))
    doctor(document)
    assert not schema.validate(document)
    assert complaint in str(schema.error_log), schema.error_log
