"""Made the PDF fixtures of tests/test_import_pdf.py once; the tests read the committed files.

Each fixture is a UN General Debate statement (CC0, see README.md) laid out as real documents
are: one column with a running head, page numbers and automatic hyphenation; two columns;
paragraphs told apart by first-line indents only; tagged PDFs from WeasyPrint (PDF/UA-1) and
from LibreOffice (a DOCX exported with "UseTaggedPDF"). Beside each PDF, <name>.json holds its
ground truth: the blocks, in order, as {"text": ..., "heading": bool}, the title left out.

Run from the repository root: .venv/bin/python tests/data/pdf/make_fixtures.py
(needs WeasyPrint, python-docx, Pillow, pikepdf and soffice on PATH).
"""

from __future__ import annotations

import html
import io
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "ungdc-dev"
sys.path.insert(0, str(REPO / "src"))

from coursegen.importers.text import import_text  # noqa: E402

CREATED = "2024-03-01T10:00:00Z"


def paragraphs(name: str, count: int) -> list[str]:
    """The first `count` paragraphs of a corpus speech, reflowed by the plain-text importer,
    without the record's leftover document numbers ('09-52592 46'), and with the paragraphs
    its page breaks cut mid-sentence joined again."""
    found = import_text((CORPUS / f"{name}.txt").read_bytes())
    kept: list[str] = []
    for text in found.paragraphs:
        if re.fullmatch(r"[0-9 \-]+", text):
            continue
        if kept and text[:1].islower() and not kept[-1].endswith((".", "!", "?", ":", ";")):
            kept[-1] += " " + text  # a paragraph the record's page break cut in two
        else:
            kept.append(text)
    return [text for text in kept if len(text) > 60][:count]


def blocks(name: str, count: int, headings: dict[int, str]) -> list[dict[str, object]]:
    """Paragraphs with headings inserted before the given paragraph indexes."""
    out: list[dict[str, object]] = []
    for index, text in enumerate(paragraphs(name, count)):
        if index in headings:
            out.append({"text": headings[index], "heading": True})
        out.append({"text": text, "heading": False})
    return out


def page_html(title: str, doc_title: str, body: list[dict[str, object]], css: str) -> str:
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(doc_title)}</title>",
        "<meta name='author' content='United Nations General Assembly'>",
        f"<meta name='dcterms.created' content='{CREATED}'>",
        f"<meta name='dcterms.modified' content='{CREATED}'>",
        f"<style>{css}</style></head><body>",
        f"<h1>{html.escape(title)}</h1><div class='body'>",
    ]
    for block in body:
        tag = "h2" if block["heading"] else "p"
        parts.append(f"<{tag}>{html.escape(str(block['text']))}</{tag}>")
    parts.append("</div></body></html>")
    return "".join(parts)


BASE = """
body { font-family: 'DejaVu Serif', serif; font-size: 10pt; line-height: 1.35; }
h1 { font-size: 16pt; margin: 0 0 12pt; }
h2 { font-size: 12pt; font-weight: bold; margin: 10pt 0 4pt; }
p { margin: 0 0 6pt; text-align: justify; hyphens: auto; }
"""


def weasy(path: Path, source: str, **options: object) -> None:
    from weasyprint import HTML

    HTML(string=source).write_pdf(path, **options)


def one_column() -> None:
    body = blocks("GBR_64_2009", 14, {5: "Sharing the burden", 10: "A new settlement"})
    css = (
        BASE
        + """
    @page { size: A5; margin: 22mm 16mm 20mm;
      @top-center { content: "United Kingdom, General Debate, 64th session"; font-size: 8pt; }
      @bottom-center { content: counter(page); font-size: 8pt; } }
    """
    )
    # a title as word processors leave it: the first line of page 1 is the real one
    source = page_html("Statement by the United Kingdom", "Microsoft Word - gbr.docx", body, css)
    weasy(HERE / "one-column.pdf", source)
    write_truth("one-column", body)


def two_columns() -> None:
    body = blocks("CAN_64_2009", 14, {4: "Climate change", 9: "Afghanistan and Haiti"})
    css = (
        BASE
        + """
    @page { size: A4; margin: 20mm 18mm;
      @top-center { content: "Canada — Statement in the General Debate, 2009"; font-size: 8pt; }
      @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; } }
    .body { columns: 2; column-gap: 8mm; }
    """
    )
    source = page_html("Statement by Canada", "Statement by Canada", body, css)
    weasy(HERE / "two-columns.pdf", source)
    write_truth("two-columns", body)


def indent_only() -> None:
    body = blocks("FRA_66_2011", 14, {6: "The Arab spring"})
    css = (
        BASE
        + """
    @page { size: A5; margin: 20mm 15mm;
      @top-left { content: "France"; font-size: 8pt; }
      @top-right { content: counter(page); font-size: 8pt; } }
    p { margin: 0; }
    p + p { text-indent: 1.5em; }
    h2 { margin: 8pt 0 2pt; }
    """
    )
    source = page_html("Statement by France", "Statement by France", body, css)
    weasy(HERE / "indent-only.pdf", source)
    write_truth("indent-only", body)


def tagged_weasyprint() -> None:
    body = blocks("DEU_69_2014", 12, {6: "Ebola and the crises of this year"})
    css = (
        BASE
        + """
    @page { size: A5; margin: 20mm 15mm;
      @top-center { content: "Germany, General Debate, 69th session"; font-size: 8pt; }
      @bottom-center { content: counter(page); font-size: 8pt; } }
    """
    )
    source = page_html("Statement by Germany", "Statement by Germany", body, css)
    weasy(HERE / "tagged-weasyprint.pdf", source, pdf_variant="pdf/ua-1")
    write_truth("tagged-weasyprint", body)


def tagged_libreoffice() -> None:
    import docx
    from docx.shared import Pt

    body = blocks("ESP_65_2010", 10, {4: "Development and the Millennium Goals"})
    document = docx.Document()
    document.core_properties.title = "Statement by Spain"
    document.core_properties.author = "United Nations General Assembly"
    document.core_properties.language = "en-US"
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading("Statement by Spain", level=1)
    for block in body:
        if block["heading"]:
            document.add_heading(str(block["text"]), level=2)
        else:
            document.add_paragraph(str(block["text"]))
    section = document.sections[0]
    section.header.paragraphs[0].text = "Spain, General Debate, 65th session"
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "tagged-libreoffice.docx"
        document.save(str(source))
        export = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
             "--convert-to", export, "--outdir", folder, str(source)],
            check=True, capture_output=True,
        )  # fmt: skip
        (HERE / "tagged-libreoffice.pdf").write_bytes(
            (Path(folder) / source.stem).with_suffix(".pdf").read_bytes()
        )
    write_truth("tagged-libreoffice", body)


def export_pdf(document: object, name: str, tagged: bool) -> None:
    """A python-docx document saved and exported by LibreOffice to tests/data/pdf/<name>.pdf,
    tagged (UseTaggedPDF) or not (the plain --convert-to pdf)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"{name}.docx"
        document.save(str(source))  # type: ignore[attr-defined]
        export = (
            'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
            if tagged
            else "pdf"
        )
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
             "--convert-to", export, "--outdir", folder, str(source)],
            check=True, capture_output=True,
        )  # fmt: skip
        (HERE / f"{name}.pdf").write_bytes(source.with_suffix(".pdf").read_bytes())


def untagged_libreoffice() -> None:
    """A DOCX in two columns with a page header, a 'Page N' footer and a superscript ordinal in
    a heading, exported by LibreOffice without tags (plain --convert-to pdf): the layout pass
    on a real producer's output."""
    import docx
    from docx.enum.section import WD_SECTION
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    body = blocks(
        "AUS_60_2005", 12, {4: "Reform of the United Nations", 8: "Towards the 61st session"}
    )
    document = docx.Document()
    document.core_properties.title = "Statement by Australia"
    document.core_properties.author = "United Nations General Assembly"
    document.core_properties.language = "en-GB"
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading("Statement by Australia", level=1)
    columns = document.add_section(WD_SECTION.CONTINUOUS)  # the title spans the page
    cols = OxmlElement("w:cols")
    cols.set(qn("w:num"), "2")
    cols.set(qn("w:space"), "567")
    columns._sectPr.append(cols)
    for block in body:
        text = str(block["text"])
        if not block["heading"]:
            document.add_paragraph(text)
        elif "61st" in text:
            heading = document.add_heading(text.split("61st")[0] + "61", level=2)
            heading.add_run("st").font.superscript = True
            heading.add_run(text.split("61st")[1])
        else:
            document.add_heading(text, level=2)
    for section in document.sections:
        section.header.is_linked_to_previous = section is not document.sections[0]
        section.footer.is_linked_to_previous = section is not document.sections[0]
    first = document.sections[0]
    first.header.paragraphs[0].text = "Australia, General Debate, 60th session"
    footer = first.footer.paragraphs[0]
    footer.add_run("Page ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    footer._p.append(field)
    export_pdf(document, "untagged-libreoffice", tagged=False)
    write_truth("untagged-libreoffice", body)


def tagged_table_figure() -> None:
    """A short tagged LibreOffice PDF with a table (and its caption) and a picture with a
    caption and a 'Source:' line: the rows become paragraphs, the captions are left out."""
    import docx
    from PIL import Image

    document = docx.Document()
    document.core_properties.title = "Requests and figures"
    document.add_heading("Requests and figures", level=1)
    document.add_paragraph(
        "A first paragraph of running text, long enough to be the body of the document and to "
        "set the size of its body text."
    )
    table = document.add_table(rows=3, cols=3)
    rows = [["Year", "Requests", "Granted"], ["2024", "1,200", "1,100"], ["2025", "1,300", "1,150"]]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("Table 1. Requests per year", style="Caption")
    picture = io.BytesIO()
    Image.new("RGB", (200, 100), (200, 0, 0)).save(picture, "PNG")
    document.add_picture(picture)
    document.add_paragraph("Figure 1. A red box", style="Caption")
    document.add_paragraph("Source: made for the test.")
    document.add_paragraph(
        "A last paragraph of running text after the figure, which stays in the body of the article."
    )
    export_pdf(document, "tagged-table-figure", tagged=True)


def scanned() -> None:
    """An image-only page, as a scanner makes: a grey picture of a few lines, no text."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (620, 877), 255)
    draw = ImageDraw.Draw(image)
    for row in range(12):
        draw.text((60, 80 + row * 22), "The General Assembly met at 9 a.m. " * 2, fill=0)
    image.save(HERE / "scanned.pdf", "PDF", resolution=75.0)


def encrypted() -> None:
    """A one-paragraph PDF that needs a password to open."""
    import pikepdf

    pdf = io.BytesIO()
    from weasyprint import HTML

    HTML(string="<html lang='en'><p>A secret paragraph.</p></html>").write_pdf(pdf)
    with pikepdf.open(io.BytesIO(pdf.getvalue())) as document:
        document.save(
            HERE / "encrypted.pdf", encryption=pikepdf.Encryption(user="secret", owner="owner")
        )


def write_truth(name: str, body: list[dict[str, object]]) -> None:
    (HERE / f"{name}.json").write_text(
        json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    one_column()
    two_columns()
    indent_only()
    tagged_weasyprint()
    tagged_libreoffice()
    scanned()
    encrypted()
    tagged_table_figure()
    untagged_libreoffice()
