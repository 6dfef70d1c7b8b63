"""`coursegen import FILE.docx`: paragraphs and headings in body order (table cells too), the
title from the Title style or the file's properties, author, date and language from the core
properties read from docProps/core.xml (python-docx misses them in LibreOffice's files), and a
clear refusal of a file that is not a Word file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from click.testing import CliRunner

from coursegen.cli import main
from coursegen.content.articles import load_article
from coursegen.content.course import load_course

from conftest import REPO, MakeCourse, snapshot

DATA = REPO / "tests" / "data" / "docx"  # provenance and generator: README.md there


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def imported(root: Path, article_id: str) -> tuple[str, list[tuple[str, str]]]:
    rel = f"articles/{article_id}.md"
    article, problems = load_article(root / rel, rel, root)
    assert article is not None and not [p for p in problems if p.is_error]
    course = load_course(root)
    assert [d.message for d in course.diagnostics if d.path == rel] == []
    text = (root / rel).read_text()
    blocks = [
        ("heading", b[3:]) if b.startswith("## ") else ("paragraph", b[:40])
        for b in text.split("---\n", 2)[2].strip().split("\n\n")
    ]
    return text, blocks


def test_a_python_docx_file(make_course: MakeCourse) -> None:
    root = make_course({})
    code, out, err = run("import", str(DATA / "speech.docx"), "--course", str(root))
    assert (code, err) == (0, "")
    assert out == (
        "wrote articles/statement-by-canada.md, and its review report "
        "imports/statement-by-canada.report.txt\n"
        "  6 paragraphs and 2 headings found (2 list items, 2 from tables), 1 empty paragraph "
        "skipped\n"
        "  footnotes left out: 0\n"
        "  title: 'Statement by Canada' (the paragraph in the Title style, paragraph 1)\n"
        "  author: 'Lawrence Cannon' (the file's properties, dc:creator in docProps/core.xml)\n"
        "  date: '2009-09-26' (the file's properties, dcterms:created in docProps/core.xml)\n"
        "  language: 'en-CA' (the file's properties, dc:language in docProps/core.xml; check it)\n"
        "review the article and the report before teaching from it\n"
    )
    text, blocks = imported(root, "statement-by-canada")
    assert text.startswith(
        "---\ntitle: Statement by Canada\nauthor: Lawrence Cannon\ndate: 2009-09-26\n"
        "language: en-CA\n---\n\n## The economy\n\nThe global economic and financial crisis,"
    )
    assert blocks == [
        ("heading", "The economy"),
        ("paragraph", "The global economic and financial crisis"),
        ("paragraph", "Since the establishment of the United Na"),
        ("paragraph", "Protectionism is a common threat"),
        ("paragraph", "Recovery needs consultation"),
        ("heading", "Working together"),
        ("paragraph", "Our mission in Afghanistan is the most v"),
        ("paragraph", "In the months ahead, Canada will expect "),
    ]
    # the soft hyphen removed, the line break a space
    assert "growth at the top of our priorities" in text
    assert "\u00ad" not in text
    assert "to resist the protectionist urge. (Applause)\n" in text
    report = (root / "imports" / "statement-by-canada.report.txt").read_text()
    assert "  heading, paragraph 3: The economy\n  ¶1 paragraph 4: The global economic" in report
    assert report.endswith(
        "Paragraphs from tables (read row by row):\n  paragraph 9\n  paragraph 10\n"
    )


def test_a_libreoffice_file_whose_properties_python_docx_misses(make_course: MakeCourse) -> None:
    """python-docx reads LibreOffice's core properties as 'Word Document', no author, today:
    the importer reads docProps/core.xml itself."""
    import docx

    misread = docx.Document(str(DATA / "speech-libreoffice.docx")).core_properties
    assert (misread.title, misread.author, misread.created) == ("Word Document", "", None)
    root = make_course({})
    code, out, err = run("import", str(DATA / "speech-libreoffice.docx"), "--course", str(root))
    assert (code, err) == (0, "")
    assert out.splitlines()[1:7] == [
        "  3 paragraphs and 1 heading found (0 list items, 0 from tables), 0 empty paragraphs "
        "skipped",
        "  footnotes left out: 0",
        "  title: 'Statement by Canada' (the file's properties, dc:title in docProps/core.xml)",
        "  author: 'Lawrence Cannon' (the file's properties, dc:creator in docProps/core.xml)",
        "  date: '2009-09-26' (the file's properties, dcterms:created in docProps/core.xml)",
        "  language: 'en-US' (the file's properties, dc:language in docProps/core.xml; check it)",
    ]
    _, blocks = imported(root, "statement-by-canada")
    assert blocks == [
        ("heading", "The economy"),
        ("paragraph", "The global economic and financial crisis"),
        ("paragraph", "Since the establishment of the United Na"),
        ("paragraph", "Our mission in Afghanistan is the most v"),
    ]


def zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_what_is_not_a_word_file_is_refused(make_course: MakeCourse, tmp_path: Path) -> None:
    root = make_course({})
    before = snapshot(root)
    good = (DATA / "speech.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    cases = {
        "text.docx": (b"Just some text.\n", "it is not a ZIP package (damaged, or another kind of file)"),
        "cut.docx": (good[: len(good) // 2], "it is not a ZIP package (damaged, or another kind of file)"),
        "odt.docx": (zipped({"content.xml": b"<x/>"}), "it has no word/document.xml (is it a Word file?)"),
        "dtd.docx": (zipped({**parts, "docProps/core.xml": bomb}), "its part docProps/core.xml declares a DTD"),
    }  # fmt: skip
    for name, (data, why) in cases.items():
        (tmp_path / name).write_bytes(data)
        code, out, err = run("import", str(tmp_path / name), "--course", str(root))
        assert (code, out) == (2, "")
        assert err == (
            f"Error: {tmp_path / name}: not a Word file that can be read: {why}\n"
            "    hint: open it in Word or LibreOffice and save it again as .docx, or copy its "
            "text into a .txt file\n"
        )
    assert snapshot(root) == before
