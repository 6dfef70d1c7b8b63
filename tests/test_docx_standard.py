"""DOCX by the standard (issue 11 item 1): every part validates against the ISO/IEC 29500-4
transitional schemas (the conftest hook checks every DOCX the suite builds; here the checker
itself is tested), nothing is left of python-docx's template, everything is styled through named
styles, and a reference.docx saved from a blank LibreOffice document builds every document."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from coursegen import __version__
from coursegen.cli import main
from coursegen.render.docx.builtin import WORD_STYLES
from coursegen.render.docx.styles import CHARACTER_STYLES, PARAGRAPH_STYLES

import ooxmlcheck
from conftest import REPO, MakeCourse

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
QUESTIONS = """\
title: A test lesson
readings:
  - article: test-article
questions:
  - question: What does the first paragraph mention?
    excerpts: [A]
    notes: Look for START.
"""


def test_the_schemas_are_unchanged_copies() -> None:
    sums = (ooxmlcheck.SCHEMAS / "SHA256SUMS").read_text().splitlines()
    assert len(sums) == 32
    for line in sums:
        digest, name = line.split(maxsplit=1)
        data = (ooxmlcheck.SCHEMAS / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, name


def test_the_checker_reports_python_docx_templates_errors() -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    errors = ooxmlcheck.errors(buffer)
    assert any(
        re.fullmatch(r"word/settings\.xml: \d+: .*zoom.*percent.* is required.*", error)
        for error in errors
    ), errors


def test_the_checker_applies_markup_compatibility_as_word_does() -> None:
    def settings(inner: str) -> bytes:
        return (
            '<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
            f'mc:Ignorable="w14">{inner}</w:settings>'
        ).encode()

    ignorable = '<w:zoom w:percent="100" w14:x="1"/><w14:docId w14:val="1"/>'
    assert ooxmlcheck.part_errors("word/settings.xml", settings(ignorable)) == []
    fallback = (
        '<mc:AlternateContent><mc:Choice Requires="w14"><w14:anything/></mc:Choice>'
        '<mc:Fallback><w:zoom w:percent="90"/></mc:Fallback></mc:AlternateContent>'
    )
    assert ooxmlcheck.part_errors("word/settings.xml", settings(fallback)) == []
    invalid = settings(
        "<mc:AlternateContent><mc:Fallback><w:zoom/></mc:Fallback></mc:AlternateContent>"
    )
    assert [e.split(": ")[:2] for e in ooxmlcheck.part_errors("s.xml", invalid)] == [["s.xml", "1"]]


def build(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--course", str(root), "--format", "docx"])
    return result.exit_code, result.output


@pytest.mark.render
def test_nothing_is_left_of_the_template(make_course: MakeCourse) -> None:
    root = make_course({"lessons/l.yaml": QUESTIONS})
    assert build(root)[0] == 0
    for path in sorted((root / "output").rglob("*.docx")):
        with zipfile.ZipFile(path) as package:
            names = sorted(package.namelist())
            app = package.read("docProps/app.xml").decode()
            settings = package.read("word/settings.xml").decode()
            styles = package.read("word/styles.xml").decode()
            body = {
                n: package.read(n).decode()
                for n in names
                if re.match(r"word/(document|header\d|footer\d)\.xml", n)
            }
        assert names == [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/app.xml",
            "docProps/core.xml",
            "word/_rels/document.xml.rels",
            "word/document.xml",
            "word/fontTable.xml",
            "word/footer1.xml",
            "word/footer2.xml",
            "word/header1.xml",
            "word/numbering.xml",
            "word/settings.xml",
            "word/styles.xml",
            "word/theme/theme1.xml",
        ], path
        assert re.search(r"<Properties [^>]*><Application>(.*)</Application></Properties>", app)
        assert f"<Application>coursegen/{__version__}</Application>" in app
        for leftover in ("proofState", "rsids", "savePreviewPicture", "docId", "Macintosh"):
            assert leftover not in settings + app, leftover
        assert re.search(r'w:name="compatibilityMode" [^>]*w:val="15"', settings)
        assert re.search(r'<w:zoom [^>]*w:percent="100"', settings)
        assert not re.search(r"w:(ascii|hAnsi|eastAsia|cs)Theme=|w:cstheme=", styles)
        for name, xml in body.items():
            # Every look comes from a named style: a run says only its style and its language
            # (and direction: right-to-left text), a paragraph its style (and direction and
            # keeping with the next, which are pagination, not looks).
            for props in re.findall(r"<w:rPr>(.*?)</w:rPr>", xml):
                assert set(re.findall(r"<w:(\w+)", props)) <= {"rStyle", "lang", "rtl", "cs"}, (
                    name,
                    props,
                )
            for props in re.findall(r"<w:pPr>(.*?)</w:pPr>", xml):
                assert set(re.findall(r"<w:(\w+)", props)) <= {
                    "pStyle",
                    "bidi",
                    "keepNext",
                    "keepLines",
                }, (name, props)


@pytest.fixture(scope="module")
def blank_libreoffice(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A .docx saved by LibreOffice from an empty document: no Title, Heading, List, Header or
    Footer style, no numbering, no theme, and its core properties related by a type of its own."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (Debian's libreoffice-writer-nogui) is needed; .ci/run installs it"
    folder = tmp_path_factory.mktemp("blank-libreoffice")
    (folder / "blank.txt").write_text("")
    result = subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{folder}/profile",
            "--convert-to",
            "docx",
            "--outdir",
            str(folder),
            str(folder / "blank.txt"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return (folder / "blank.docx").read_bytes()


@pytest.mark.render
def test_a_blank_libreoffice_reference_builds_every_docx(
    blank_libreoffice: bytes, tmp_path: Path
) -> None:
    lacking = {s.name for s in docx.Document(io.BytesIO(blank_libreoffice)).styles}
    assert not {"Title", "Heading 1", "List Number", "Header"} & lacking
    root = tmp_path / "course"
    root.mkdir()
    for name in ("course.yaml", "glossary.yaml", "articles", "lessons"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(REPO / name, root / name)
    (root / "templates").mkdir()
    (root / "templates/reference.docx").write_bytes(blank_libreoffice)

    code, output = build(root)

    assert code == 0, output
    assert "warning" not in output.casefold(), output
    documents = sorted((root / "output").rglob("*.docx"))
    assert len(documents) == 4 * 4 + 1
    wanted = set(WORD_STYLES) | set(PARAGRAPH_STYLES) | set(CHARACTER_STYLES)
    for path in documents:
        assert ooxmlcheck.errors(path) == [], path
        word = docx.Document(str(path))
        assert wanted <= {s.name for s in word.styles}, path
        list_number = word.styles["List Number"].element
        number = list_number.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
        with zipfile.ZipFile(path) as package:
            numbering = package.read("word/numbering.xml").decode()
        assert f'w:numId="{number}"' in numbering
