"""Make the Word files tests/test_import_docx.py reads, from Canada's 2009 General Debate
statement (CC0; README.md): `speech.docx` written by python-docx, `speech-libreoffice.docx`
written by LibreOffice from `speech-libreoffice.html`. Run from the repository root:

    .venv/bin/python tests/data/docx/make_fixtures.py ../shared/corpus/ungdc-dev/CAN_64_2009.txt
"""

from __future__ import annotations

import datetime
import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx

from coursegen.importers.text import import_text

HERE = Path(__file__).resolve().parent
TITLE = "Statement by Canada"
AUTHOR = "Lawrence Cannon"


def paragraphs(source: Path) -> list[str]:
    """The statement's first four whole paragraphs (20 words or more, a sentence's start and
    end: not a page's running head nor a paragraph a page break cut), its hard-wrapped lines
    joined by coursegen."""
    found = import_text(source.read_bytes()).paragraphs
    whole = [p for p in found if len(p.split()) >= 20 and p[0].isupper() and p.endswith(".")]
    return whole[:4]


def with_python_docx(texts: list[str]) -> None:
    document = docx.Document()
    document.add_paragraph(TITLE, style="Title")
    document.add_paragraph("")  # an empty paragraph: skipped
    document.add_paragraph("The economy", style="Heading 1")
    first = document.add_paragraph(texts[0].replace("economic", "eco\u00adnomic", 1))
    first.add_run().add_break()  # a line break inside the paragraph: a space
    first.add_run("(Applause)")
    document.add_paragraph(texts[1])
    document.add_paragraph("Protectionism is a common threat", style="List Bullet")
    document.add_paragraph("Recovery needs consultation", style="List Bullet")
    document.add_paragraph("Working together", style="Heading 2")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = texts[2]
    table.cell(0, 1).text = texts[3]
    core = document.core_properties
    core.title, core.author, core.language = TITLE, AUTHOR, "en-CA"
    core.created = datetime.datetime(2009, 9, 26, 10, 0, tzinfo=datetime.UTC)
    core.modified = datetime.datetime(2010, 1, 5, 9, 0, tzinfo=datetime.UTC)
    document.save(str(HERE / "speech.docx"))


def with_libreoffice(texts: list[str]) -> None:
    body = "".join(f"<p>{html.escape(t)}</p>\n" for t in texts[:3])
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{TITLE}</title>"
        f'<meta name="author" content="{AUTHOR}">'
        '<meta name="created" content="2009-09-26T10:00:00">'
        f"</head><body>\n<h1>The economy</h1>\n{body}</body></html>\n"
    )
    (HERE / "speech-libreoffice.html").write_text(page, encoding="utf-8")
    with tempfile.TemporaryDirectory() as out:
        # LibreOffice's "Office Open XML Text" filter (the .docx choice of its Save As dialog
        # that is not "Word 2007–365") names the core properties with a relationship type
        # python-docx does not know
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{out}/profile", "--headless",
             "--convert-to", "docx:Office Open XML Text", "--outdir", out,
             str(HERE / "speech-libreoffice.html")],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        shutil.copyfile(Path(out) / "speech-libreoffice.docx", HERE / "speech-libreoffice.docx")


if __name__ == "__main__":
    texts = paragraphs(Path(sys.argv[1]))
    with_python_docx(texts)
    with_libreoffice(texts)
