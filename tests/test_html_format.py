"""`--format html`: each document as a standalone, accessible web page from the same templates
as the PDF: valid HTML5, its language set, real headings and lists, every foreign part marked
with its language and direction, self-contained, byte-reproducible; `check --a11y` checks the
pages' language of parts as it checks the PDF and the DOCX."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest
from click.testing import CliRunner

from coursegen import open_course
from coursegen.a11y import check_accessibility
from coursegen.a11y.findings import LANGUAGE_OF_PARTS
from coursegen.a11y.html import check_html
from coursegen.cli import main
from coursegen.documents.lesson import lesson_documents
from coursegen.render.html import HtmlRenderer

from conftest import MULTILINGUAL, MakeCourse, snapshot

PAGES = ("handout", "questions", "questions-instructor", "glossary")
TITLES = {
    "handout.html": "Handout",
    "questions.html": "Discussion questions",
    "questions-instructor.html": "Discussion questions — instructor edition",
    "glossary.html": "Glossary",
}
LESSONS = ("01-russian", "02-scripts", "03-chinese")


def build_html(root: Path, out: str = "output") -> Path:
    result = CliRunner().invoke(
        main, ["build", "--course", str(root), "--format", "html", "--out", str(root / out)]
    )
    assert result.exit_code == 0, result.output
    return root / out


@pytest.fixture(scope="module")
def multilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("html") / "course"
    shutil.copytree(MULTILINGUAL, root)
    build_html(root)
    return root


def parse(path: Path) -> ET.Element:
    """The page through a strict HTML5 parser: any parse error raises."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    root: ET.Element = parser.parse(path.read_bytes())
    return root


def text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def language_of(element: ET.Element, parents: dict[ET.Element, ET.Element]) -> tuple[str, str]:
    """The lang and dir in force at `element` (its own or its nearest ancestor's)."""
    lang = direction = None
    node: ET.Element | None = element
    while node is not None and (lang is None or direction is None):
        lang = lang or node.get("lang")
        direction = direction or node.get("dir")
        node = parents.get(node)
    return lang or "", direction or "ltr"


def find_text(root: ET.Element, words: str) -> ET.Element:
    """The innermost element whose text holds `words`."""
    found = [e for e in root.iter() if words in text(e)]
    assert found, f"no element holds {words!r}"
    return min(reversed(found), key=lambda e: len(text(e)))  # the deepest of the shortest


def test_every_page_is_built_and_is_strict_html5_in_its_language(multilingual: Path) -> None:
    built = sorted(snapshot(multilingual / "output"))
    expected = [f"{lesson}/{page}.html" for lesson in LESSONS for page in PAGES]
    assert [name for name in built if name.endswith(".html")] == sorted(
        [*expected, "glossary.html"]
    )
    for name in expected:
        root = parse(multilingual / "output" / name)
        assert root.get("lang") == "en"
        title = root.find("head/title")
        assert title is not None and text(title).endswith(" — " + TITLES[name.split("/")[1]])
        # self-contained: no scripts, nothing loaded from elsewhere
        assert root.find(".//script") is None
        assert root.find(".//link") is None
        assert all(e.get("src", "data:").startswith("data:") for e in root.iter())


def test_headings_are_real_and_in_order_without_skipped_levels(multilingual: Path) -> None:
    for lesson in LESSONS:
        for page in PAGES:
            root = parse(multilingual / "output" / lesson / f"{page}.html")
            levels = [int(e.tag[1]) for e in root.iter() if e.tag in {"h1", "h2", "h3", "h4", "h5"}]
            assert levels[0] == 1 and levels.count(1) == 1, (lesson, page, levels)
            assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (lesson, page, levels)
    instructor = parse(multilingual / "output/01-russian/questions-instructor.html")
    questions = [text(h) for h in instructor.iter("h3")]
    assert [h.split(" · ")[0] for h in questions] == ["Question 1", "Question 2", "Question 3"]


def test_questions_and_objectives_are_lists(multilingual: Path) -> None:
    sheet = parse(multilingual / "output/01-russian/questions.html")
    items = sheet.findall(".//ol/li")
    assert len(items) == 3
    assert "Почему доверие строят годами?" in text(items[1])
    handout = parse(multilingual / "output/01-russian/handout.html")
    objectives = handout.findall(".//section[@class='objectives']/ul/li")
    assert [text(li) for li in objectives] == [
        "Explain what a confidence-building measure is.",
        "Объяснить, что такое кризис доверия.",
    ]
    assert len(handout.findall(".//ol[@class='question-list']/li")) == 3


def test_numbered_paragraphs_and_citations_are_words_on_the_page(multilingual: Path) -> None:
    handout = parse(multilingual / "output/01-russian/handout.html")
    page = text(handout)
    assert "¶1" in page and "¶2" in page
    assert "Доверие между государствами не возникает само собой." in page
    assert "Source: A. Writer, “Trust is built slowly”, The Test Review, 1 March 2026." in page
    citation = find_text(handout, "Тестовый журнал")
    assert "И. Автор" in text(parents_of(handout)[citation])


def parents_of(root: ET.Element) -> dict[ET.Element, ET.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def test_a_russian_question_in_an_english_course_is_marked_russian(multilingual: Path) -> None:
    for page in ("questions", "handout", "questions-instructor"):
        root = parse(multilingual / "output/01-russian" / f"{page}.html")
        parents = parents_of(root)
        question = find_text(root, "Почему доверие строят годами?")
        assert language_of(question, parents) == ("ru", "ltr"), page
        english = find_text(root, "What changes what each side expects?")
        assert language_of(english, parents) == ("en", "ltr"), page


def test_an_arabic_excerpt_runs_right_to_left(multilingual: Path) -> None:
    root = parse(multilingual / "output/02-scripts/handout.html")
    parents = parents_of(root)
    passage = find_text(root, "الدبلوماسية هي فن الحوار بين الدول.")
    assert language_of(passage, parents) == ("ar", "rtl")
    # its ¶ number stays left to right, and the page around it too
    number = passage.find("span[@class='pnum']")
    assert number is not None and text(number) == "¶1"
    assert language_of(number, parents)[1] == "ltr"
    assert language_of(find_text(root, "Excerpt B"), parents) == ("en", "ltr")


def test_two_builds_give_identical_bytes(multilingual: Path) -> None:
    again = build_html(multilingual, "again")
    assert snapshot(again) == snapshot(multilingual / "output") | {
        ".coursegen-manifest.json": (again / ".coursegen-manifest.json").read_bytes()
    }
    assert (again / "01-russian/handout.html").read_bytes() == (
        multilingual / "output/01-russian/handout.html"
    ).read_bytes()


def test_the_page_has_the_screen_stylesheet_and_the_pdf_does_not(multilingual: Path) -> None:
    page = (multilingual / "output/01-russian/handout.html").read_text(encoding="utf-8")
    assert "@media screen" in page and "max-width: 42rem" in page
    course = open_course(multilingual)
    document = lesson_documents(course.settings, course.lessons["01-russian"])["handout"]
    assert "@media screen" not in HtmlRenderer(None, dt.datetime(2000, 1, 1)).render(document)


def test_an_image_from_the_templates_folder_is_inlined(make_course: MakeCourse) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'
    handout = (
        '{% extends "builtin/handout.html" %}{% block heading %}'
        '<img src="templates/images/logo.svg" alt="Logo"> {{ super() }}{% endblock %}'
    )
    root = make_course({"templates/handout.html": handout, "templates/images/logo.svg": svg})
    page = parse(build_html(root) / "l/handout.html")
    image = page.find(".//h1/img")
    assert image is not None and image.get("alt") == "Logo"
    assert image.get("src", "").startswith("data:image/svg+xml;base64,")


def test_check_a11y_reports_a_cyrillic_run_without_its_language(multilingual: Path) -> None:
    course = open_course(multilingual)
    findings = check_accessibility(course, multilingual / "output")
    assert [f for f in findings if f.path.endswith(".html")] == []
    doctored = multilingual / "doctored.html"
    source = (multilingual / "output/01-russian/questions.html").read_text(encoding="utf-8")
    assert source.count('<p class="question" lang="ru">') == 2
    doctored.write_text(
        source.replace('<p class="question" lang="ru">', '<p class="question">', 1),
        encoding="utf-8",
    )
    assert [(f.criterion, f.message) for f in check_html(doctored, "doctored.html")] == [
        (
            LANGUAGE_OF_PARTS,
            '4 words in Cyrillic script marked as \'en\' ("Почему", "доверие", "строят", '
            "…); a screen reader reads them with the wrong voice: give the element that holds "
            "them its language (lang)",
        )
    ]
