"""`coursegen publish`: the course reader and the reading list, as PDF and DOCX.

The reader is read back as a reader would use it: its contents page against the pages where the
lessons really start, its bookmarks, its printed page numbers against the viewer's page labels,
the DOCX's contents as LibreOffice lays them out. (Every PDF and DOCX a test writes is also
validated, PDF/UA-1 and ISO/IEC 29500, by the hooks in conftest.py.)
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from pypdf import PdfReader

from coursegen import open_course
from coursegen.builder import BuildOptions, build, source_timestamp
from coursegen.cli import main
from coursegen.content.course import load_course
from coursegen.documents import planned_documents, published_documents
from coursegen.render import get_format

from conftest import REPO, copy_sample_course, shared_build
from pdfcheck import docx_text, libreoffice_to_pdf, pdf_text, squash

pytestmark = pytest.mark.render

EVERY_FORMAT_BUT_PDF = ("docx", "imscc", "moodle", "anki")
KEPT = (".docx", ".imscc", ".xml", ".apkg")  # what they write


def _publish(root: Path, *formats: str) -> Any:
    report = build(
        load_course(root),
        None,
        BuildOptions(out_dir=root / "output", formats=formats, jobs=2, publish=True),
    )
    assert report.ok, report
    return report


def _publish_sample(folder: Path) -> None:
    copy_sample_course(folder / "course")
    report = _publish(folder / "course")  # every format publish makes
    (folder / "built.json").write_text(json.dumps(report.built))


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample course, published (every format) once for the session: its output folder."""
    return shared_build(tmp_path_factory, "sample-publish", _publish_sample) / "course" / "output"


@pytest.fixture(scope="session")
def published_built(published: Path) -> list[str]:
    """The files that the publish of `published` reported built."""
    built: list[str] = json.loads((published.parent.parent / "built.json").read_text())
    return built


def lessons_in_order() -> list[tuple[str, str, int]]:
    """(title, "Week N", excerpt count) of each sample lesson, in the order of the course."""
    course = open_course(REPO)
    lessons = sorted(course.lessons.values(), key=lambda lesson: lesson.week or 0)
    return [(lesson.title, f"Week {lesson.week}", len(lesson.excerpts)) for lesson in lessons]


def page_texts(pdf: Path) -> list[str]:
    """Each page's text, squashed (pdfcheck.squash: no white space, lower case)."""
    return [squash(text) for text in _pages(pdf)]


def page_lines(pdf: Path) -> list[list[str]]:
    """Each page's lines, their white space made single spaces."""
    return [[" ".join(line.split()) for line in text.splitlines()] for text in _pages(pdf)]


def _pages(pdf: Path) -> list[str]:
    """Each page's text as poppler's pdftotext reads it (pdfcheck.pdf_text, in reading order),
    read with one run for the whole file: it ends every page with a form feed."""
    *pages, after = pdf_text(pdf).split("\f")
    assert after.strip() == "" and len(pages) == len(PdfReader(pdf).pages), pdf
    return pages


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """(level, title, page number) of every bookmark, in order."""
    reader = PdfReader(pdf)
    found: list[tuple[int, str, int]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 1)
    return found


def contents_entries(lines: list[str], titles: list[str]) -> dict[str, int]:
    """The page number the contents page (its lines) gives for each title: the number that
    ends the line with the title, after the dotted leader."""
    entries = {}
    for title in titles:
        line = next((line for line in lines if title in line), None)
        assert line is not None, (title, lines)
        match = re.search(re.escape(title) + r"[ .…]*(\d+)$", line)
        assert match, (title, line)
        entries[title] = int(match.group(1))
    return entries


def starts(pages: list[str], title: str, after: int) -> int:
    """The number of the first page after page `after` on which `title` is printed."""
    return next(
        number
        for number, text in enumerate(pages, start=1)
        if number > after and squash(title) in text
    )


def test_the_reader_contents_give_the_pages_where_the_lessons_start(published: Path) -> None:
    pdf = published / "course-reader.pdf"
    pages, lines = page_texts(pdf), page_lines(pdf)
    titles = [title for title, _, _ in lessons_in_order()] + ["Course glossary"]
    assert "Contents" in lines[1]  # the page after the cover
    listed = contents_entries(lines[1], titles)
    for title, page in listed.items():  # each part starts on the page the contents give
        assert page == starts(pages, title, after=2), title
    assert sorted(listed.values()) == list(listed.values())  # in the order of the course
    assert len(set(listed.values())) == len(listed)


def test_the_reader_has_a_bookmark_for_every_lesson_and_excerpt(published: Path) -> None:
    marks = outline(published / "course-reader.pdf")
    expected: list[tuple[int, str]] = [(1, "Contents")]
    for title, _, excerpts in lessons_in_order():
        expected.append((1, title))
        expected += [(2, f"Excerpt {chr(ord('A') + i)}") for i in range(excerpts)]
    expected.append((1, "Course glossary"))
    assert [(level, title) for level, title, _ in marks] == expected
    pages = page_texts(published / "course-reader.pdf")
    for _, title, page in marks:  # each bookmark opens the page its heading is on
        assert squash(title) in pages[page - 1], (title, page)


def test_the_reader_prints_the_page_numbers_the_viewer_shows(published: Path) -> None:
    reader = PdfReader(published / "course-reader.pdf")
    labels = reader.page_labels
    lines = page_lines(published / "course-reader.pdf")
    total = len(lines)
    assert not any(line.startswith("Page ") for line in lines[0])  # the cover has no number
    for index, page in enumerate(lines[1:], start=1):
        assert f"Page {labels[index]} of {total}" in page, (index, page[-3:])


def test_the_reader_has_the_cover_every_handout_and_the_glossary(published: Path) -> None:
    pages = page_texts(published / "course-reader.pdf")
    cover = pages[0]
    for words in ("Russia and the West after the Cold War", "Course reader", "Spring 2027"):
        assert squash(words) in cover
    text = " ".join(pages)
    course = open_course(REPO)
    for lesson in course.lessons.values():
        assert squash(lesson.summary or "")[:80] in text
        for question in lesson.questions:
            assert squash(question.text)[:60] in text
    assert squash("Course glossary") in text and "newstart" in text


def test_the_reader_docx_has_each_lesson_under_a_heading_with_a_linked_contents_entry(
    published: Path,
) -> None:
    word = docx.Document(str(published / "course-reader.docx"))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    titles = [title for title, _, _ in lessons_in_order()]
    assert headings == ["Contents", *titles, "Course glossary"]
    bookmarks = {
        b.get(qn("w:name")): b.getparent() for b in word.element.body.iter(qn("w:bookmarkStart"))
    }
    entries = [p for p in word.paragraphs if p.style.name == "toc 1"]
    assert [p.text.rstrip("\t") for p in entries] == [*titles, "Course glossary"]
    for entry in entries:
        link = entry._p.find(qn("w:hyperlink"))
        anchor = link.get(qn("w:anchor"))
        target = bookmarks[anchor]  # the entry links to the heading of its part…
        assert "".join(t.text or "" for t in target.iter(qn("w:t"))) == entry.text.rstrip("\t")
        code = "".join(t.text for t in link.iter(qn("w:instrText")))
        assert code.split() == ["PAGEREF", anchor, "\\h"]  # …and gives that heading's page


def test_each_handouts_questions_are_numbered_from_one_in_the_reader_docx(
    published: Path,
) -> None:
    word = docx.Document(str(published / "course-reader.docx"))
    numbering: list[str] = []
    for paragraph in word.paragraphs:
        if paragraph.style.name == "List Number":
            num = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
            assert num is not None
            numbering.append(num.get(qn("w:val")))
    lists = list(dict.fromkeys(numbering))
    assert len(lists) == len(lessons_in_order())  # one list per lesson, each starting at 1
    overrides = {
        n.get(qn("w:numId")): n.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        for n in word.part.numbering_part.element.findall(qn("w:num"))
    }
    assert all(overrides[n] is not None and overrides[n].get(qn("w:val")) == "1" for n in lists)


def test_libreoffice_lays_out_the_reader_docx_with_its_contents_pages_right(
    published: Path, tmp_path: Path
) -> None:
    result = libreoffice_to_pdf([published / "course-reader.docx"], tmp_path, tmp_path / "profile")
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "course-reader.pdf"
    pages, lines = page_texts(pdf), page_lines(pdf)
    titles = [title for title, _, _ in lessons_in_order()] + ["Course glossary"]
    listed = contents_entries(lines[1], titles)
    for title, page in listed.items():
        assert page == starts(pages, title, after=2), title


def test_the_reading_list_cites_each_lessons_articles_under_its_week(published: Path) -> None:
    text = squash(" ".join(page_texts(published / "reading-list.pdf")))
    course = open_course(REPO)
    positions = []
    for lesson in sorted(course.lessons.values(), key=lambda lesson: lesson.week or 0):
        heading = f"Week {lesson.week}: {lesson.title}"
        assert squash(heading) in text
        positions.append(text.index(squash(heading)))
        after = text[positions[-1] :]
        for article in {e.article.title for e in lesson.excerpts}:
            assert squash(article) in after
    assert positions == sorted(positions)
    words = docx_text(published / "reading-list.docx")
    assert "Week 5: Resetting US–Russia relations" in words
    assert "The Independent (first published in Newsweek), 6 July 2009." in words


def test_publishing_twice_gives_the_same_bytes_and_an_edit_remakes_what_shows_it(
    published: Path, published_built: list[str], tmp_path: Path
) -> None:
    # the first publish, of every format publish makes: the `published` fixture's
    assert sorted(published_built) == [
        "course-reader.docx",
        "course-reader.pdf",
        "course.imscc",
        "course.moodle.xml",
        "glossary.apkg",
        "glossary.docx",
        "glossary.moodle.xml",
        "glossary.pdf",
        "reading-list.docx",
        "reading-list.pdf",
    ]
    # the same bytes again, from another copy of the course (PDFs: tests/test_build_rules.py
    # builds them twice already)
    first = {p.name: p.read_bytes() for p in published.iterdir() if p.suffix in KEPT}
    root = tmp_path / "course"
    copy_sample_course(root)
    _publish(root, *EVERY_FORMAT_BUT_PDF)
    second = {p.name: p.read_bytes() for p in (root / "output").iterdir() if p.suffix in KEPT}
    assert first.keys() == second.keys() and first == second
    lesson = root / "lessons" / "01-reset-crisis-of-trust.yaml"
    text = lesson.read_text(encoding="utf-8")
    assert "London spirit" in text
    lesson.write_text(text.replace("London spirit", "spirit of London", 1), "utf-8")
    report = _publish(root, *EVERY_FORMAT_BUT_PDF)
    # the question is in the reader and in the exports that hold questions; not in the reading
    # list, the glossaries or the deck
    assert sorted(report.built) == ["course-reader.docx", "course.imscc", "course.moodle.xml"]


def test_a_course_with_a_broken_lesson_is_not_published(tmp_path: Path) -> None:
    root = tmp_path / "course"
    copy_sample_course(root)
    lesson = root / "lessons" / "02-replacing-start.yaml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("title:", "titel:", 1), "utf-8")
    result = CliRunner().invoke(main, ["publish", "--course", str(root), "--format", "pdf"])
    assert result.exit_code == 1
    assert (
        "error: the course was not published: every lesson must be free of errors (fix the "
        "problems above, then run 'coursegen publish' again)"
    ) in result.output
    assert "built 0 files, 1 lesson failed" in result.output
    assert not (root / "output").exists()


def test_check_a11y_checks_the_published_reader_and_says_when_to_publish_again(
    sample_build: Path, published: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "course"
    shutil.copytree(sample_build.parent, copy)  # the built sample course…
    for name in ("course-reader.pdf", "course-reader.docx", "reading-list.pdf"):
        shutil.copy2(published / name, copy / "output" / name)  # …with its reader published
    records = json.loads((published / ".coursegen-manifest.json").read_text())
    manifest = copy / "output" / ".coursegen-manifest.json"
    merged = json.loads(manifest.read_text())
    for name in ("course-reader.pdf", "course-reader.docx", "reading-list.pdf"):
        merged["files"][name] = records["files"][name]
    manifest.write_text(json.dumps(merged))
    result = CliRunner().invoke(main, ["check", "--a11y", "--course", str(copy)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].endswith("output/: no failures")
    lesson = copy / "lessons/02-replacing-start.yaml"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("week: 6", "week: 7", 1), encoding="utf-8")
    lines = CliRunner().invoke(main, ["check", "--a11y", "--course", str(copy)]).output.splitlines()
    assert (
        "output/course-reader.pdf: out of date: its sources changed since it was built; "
        "run 'coursegen publish' first"
    ) in lines, lines
    assert not any(line.startswith("output/reading-list.docx") for line in lines)  # not made


def test_the_reading_list_in_a_citation_style_is_in_the_styles_order_with_its_italics(
    tmp_path: Path,
) -> None:
    root = tmp_path / "course"
    copy_sample_course(root)
    with (root / "course.yaml").open("a", encoding="utf-8") as settings:
        settings.write("citation_style: apa\n")
    listing = next(
        p.document for p in published_documents(open_course(root)) if p.stem == "reading-list"
    )
    week6 = next(group for group in listing.readings if group.heading.startswith("Week 6:"))
    # the lesson reads the wire report first; APA lists Lavrov before "Russia, US improve ties"
    assert [reading.article for reading in week6.readings] == [
        "lavrov-2009-newsweek",
        "lavrov-2009-start-wire",
    ]
    entry = week6.readings[0]
    assert entry.text.startswith("Lavrov, S. (2009, July 6). Sergey Lavrov: Now is the time")
    assert [span.text for span in entry.spans if span.italic] == [
        "The Independent (First Published in Newsweek)"
    ]
    (tmp_path / "reading-list.docx").write_bytes(
        get_format("docx").renderer(root, source_timestamp()).render(listing)
    )
    word = docx.Document(str(tmp_path / "reading-list.docx"))
    paragraph = next(p for p in word.paragraphs if p.text.startswith("Lavrov, S. (2009"))
    assert [run.text for run in paragraph.runs if run.italic] == [
        "The Independent (First Published in Newsweek)"
    ]


def test_publish_writes_the_same_course_glossary_as_build(tmp_path: Path) -> None:
    """Both write output/glossary.*: with lessons whose files are not in the order of their
    weeks, the reader follows the weeks and the glossary is still the build's."""
    root = copy_sample_course(tmp_path / "course")
    for lesson, week in (("01-reset-crisis-of-trust", 9), ("04-where-interests-align", 4)):
        path = root / "lessons" / f"{lesson}.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^week: \d+$", f"week: {week}", text, count=1), "utf-8")
    course = open_course(root)
    built = next(
        p for p in planned_documents(course, list(course.lessons), True) if p.stem == "glossary"
    )
    published = {p.stem: p.document for p in published_documents(course)}
    assert published["glossary"] == built.document
    parts = [part.heading for part in published["course-reader"].parts]
    assert parts[0].startswith("Where interests align?")  # week 4 first
    assert parts[-2].startswith("Resetting US–Russia relations")  # week 9 last
