"""`coursegen import FILE.pdf`: PDFs with a text layer into articles. Tagged PDFs are read
through their structure tree, others by their layout (running heads and page numbers removed,
two columns in order, paragraphs by gaps, indents and short last lines, headings by font);
line-end hyphens resolved; scanned, encrypted and damaged PDFs refused with nothing written.

The fixtures and their ground truth are in tests/data/pdf (provenance: its README.md)."""

from __future__ import annotations

import contextlib
import functools
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from coursegen.cli import main
from coursegen.content.course import load_course
from coursegen.errors import CoursegenError
from coursegen.importers.extraction import Block, Extraction, Found
from coursegen.importers.pdf import extract, junk_title, layout_pass, pdf_date, read
from coursegen.importers.pdflines import Char, lines_of

from conftest import REPO, MakeCourse, snapshot

DATA = REPO / "tests" / "data" / "pdf"
GENERATED = [
    "one-column",
    "two-columns",
    "indent-only",
    "tagged-weasyprint",
    "tagged-libreoffice",
    "untagged-libreoffice",
]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def truth(name: str) -> list[tuple[str, bool]]:
    blocks = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    return [(block["text"], block["heading"]) for block in blocks]


@functools.cache
def extracted(name: str) -> Extraction:
    """What tests/data/pdf/<name>.pdf gives, extracted once per test process: the tests that
    share it only read it, never change it."""
    return extract((DATA / f"{name}.pdf").read_bytes())


def blocks_of(name: str) -> list[tuple[str, bool]]:
    return [(block.text, block.heading) for block in extracted(name).blocks]


@pytest.mark.parametrize("name", GENERATED)
def test_every_block_is_the_ground_truth(name: str) -> None:
    """Every paragraph and heading exactly as written, in order: no running head, no page
    number, no word left divided, no paragraph cut at a page or column break."""
    assert blocks_of(name) == truth(name)


@pytest.mark.parametrize("name", GENERATED)
def test_no_furniture_in_any_paragraph(name: str) -> None:
    for text, _ in blocks_of(name):
        assert "General Debate," not in text and "Page " not in text
        assert "‐" not in text  # U+2010: WeasyPrint's hyphen of line division
        assert not text[-3:].strip().isdigit()


def test_paths_and_counts_in_the_facts() -> None:
    facts = {name: extracted(name).facts for name in GENERATED}
    assert facts["two-columns"] == [
        "2 pages",
        "not tagged: read by its layout (columns, gaps, indents, font sizes)",
        "two columns on 2 pages of 2",
        "14 paragraphs and 2 headings found",
        "page furniture removed: 4 lines",
        "line-end hyphens: 46 joined, 0 kept",
        "characters repaired: 0 in 0 lines",
    ]
    assert facts["tagged-weasyprint"][1] == "tagged: read through its structure tree"
    assert facts["tagged-libreoffice"][1:3] == [
        "tagged: read through its structure tree",
        "10 paragraphs and 1 heading found",
    ]
    assert facts["untagged-libreoffice"] == [
        "2 pages",
        "not tagged: read by its layout (columns, gaps, indents, font sizes)",
        "two columns on 1 page of 2",
        "12 paragraphs and 2 headings found",
        "page furniture removed: 4 lines",
        "line-end hyphens: 0 joined, 1 kept",
        "characters repaired: 0 in 0 lines",
    ]
    assert facts["indent-only"][2:4] == [
        "14 paragraphs and 1 heading found",
        "page furniture removed: 6 lines",
    ]


def test_words_hyphenated_at_line_ends() -> None:
    one = dict(blocks_of("one-column"))
    text = " ".join(one)
    # divided by WeasyPrint's hyphenation (drawn U+2010): joined
    assert "as national leaders spoke" in text and "Global problems can be mastered" in text
    # a word's own hyphen at a line end (drawn '-'): kept
    assert "epoch-making" in text and "Al-Qaida" in text
    found = extracted("tagged-libreoffice")
    hyphens = next(s for s in found.sections if s.title == "Line-end hyphens")
    assert hyphens.lines == (
        "page 2: Counter- + Terrorism -> Counter-Terrorism ('Terrorism' starts with a capital "
        "or a digit)",
    )


def test_one_column_through_the_command(make_course: MakeCourse) -> None:
    """The document information's title is a word processor's file name: the largest heading on
    page 1 is the title instead; author, date and language from the PDF; `check` is silent."""
    root = make_course({})
    code, out, err = run("import", str(DATA / "one-column.pdf"), "--course", str(root))
    assert (code, err) == (0, "")
    assert out == (
        "wrote articles/statement-by-the-united-kingdom.md, and its review report "
        "imports/statement-by-the-united-kingdom.report.txt\n"
        "  3 pages\n"
        "  not tagged: read by its layout (columns, gaps, indents, font sizes)\n"
        "  14 paragraphs and 2 headings found\n"
        "  page furniture removed: 6 lines\n"
        "  line-end hyphens: 9 joined, 2 kept\n"
        "  characters repaired: 0 in 0 lines\n"
        "  the document information's Title 'Microsoft Word - gbr.docx' looks made by a "
        "program: not used\n"
        "  title: 'Statement by the United Kingdom' (the largest heading on page 1)\n"
        "  author: 'United Nations General Assembly' (the PDF's document information (Author))\n"
        "  date: '2024-03-01' (the PDF's document information (CreationDate))\n"
        "  language: 'en' (the PDF's catalog /Lang; check it)\n"
        "review the article and the report before teaching from it\n"
    )
    article = (root / "articles" / "statement-by-the-united-kingdom.md").read_text()
    expected = "\n\n".join(f"## {t}" if heading else t for t, heading in truth("one-column"))
    assert article == (
        "---\ntitle: Statement by the United Kingdom\nauthor: United Nations General Assembly\n"
        f"date: 2024-03-01\nlanguage: en\n---\n\n{expected}\n"
    )
    report = (root / "imports" / "statement-by-the-united-kingdom.report.txt").read_text()
    assert (
        "  ¶5 page 1: So I think that today we can draw strength from the unpreced…\n"
        "  heading, page 2: Sharing the burden\n"
    ) in report
    assert (
        "Page furniture removed:\n"
        "  pages 1–3: 'United Kingdom, General Debate, 64th session' (a running head or foot, "
        "at the same height on 3 pages; 3 times)\n"
        "  pages 1–3: page numbers (a page number; 3 times)\n"
    ) in report
    assert (
        "  page 1: na‐ + tional -> national (a hyphen of line division (the PDF draws those "
        "apart))\n"
    ) in report
    assert (
        "  page 2: epoch- + making -> epoch-making (a word's own hyphen (the PDF draws "
        "line-division ones as ‐))\n"
    ) in report
    assert "Characters repaired: none\n" in report
    course = load_course(root)
    assert [
        d.message for d in course.diagnostics if d.path.startswith("articles/statement-by")
    ] == []


@pytest.mark.parametrize(
    ("name", "article_id", "title"),
    [
        ("two-columns", "statement-by-canada", "Statement by Canada"),
        ("tagged-weasyprint", "statement-by-germany", "Statement by Germany"),
        ("tagged-libreoffice", "statement-by-spain", "Statement by Spain"),
        ("untagged-libreoffice", "statement-by-australia", "Statement by Australia"),
    ],
)
def test_imported_articles_pass_check(
    make_course: MakeCourse, name: str, article_id: str, title: str
) -> None:
    """The title from the document information, the heading that repeats it left out."""
    root = make_course({})
    code, out, err = run("import", str(DATA / f"{name}.pdf"), "--course", str(root))
    assert (code, err) == (0, "")
    assert f"  title: '{title}' (the PDF's document information (Title))\n" in out
    rel = f"articles/{article_id}.md"
    course = load_course(root)
    assert [d.message for d in course.diagnostics if d.path == rel] == []
    body = (root / rel).read_text().split("---\n", 2)[2].strip()
    assert body == "\n\n".join(f"## {t}" if heading else t for t, heading in truth(name))


def refused(make_course: MakeCourse, source: Path) -> str:
    """The error printed, without the file's name that begins it; nothing written."""
    root = make_course({})
    before = snapshot(root)
    code, out, err = run("import", str(source), "--course", str(root))
    assert (code, out) == (2, "")
    assert snapshot(root) == before
    assert err.startswith(f"Error: {source}: ")
    return "Error: " + err.removeprefix(f"Error: {source}: ")


def test_a_scan_is_refused(make_course: MakeCourse) -> None:
    assert refused(make_course, DATA / "scanned.pdf") == (
        "Error: the PDF has no text layer: it looks scanned (1 page of images, no text)\n"
        "    hint: run OCR on it first (e.g. ocrmypdf), or copy the text and paste it with "
        "'coursegen import -'\n"
    )


def test_an_encrypted_pdf_is_refused(make_course: MakeCourse) -> None:
    assert refused(make_course, DATA / "encrypted.pdf") == (
        "Error: the PDF is encrypted: it needs a password to be opened\n"
        "    hint: open it with its password in a PDF reader and save a copy without one, or "
        "copy the text and paste it with 'coursegen import -'\n"
    )


DAMAGED_HINT = (
    "    hint: open it in a PDF reader and save or print it to a new PDF, or copy the text and "
    "paste it with 'coursegen import -'\n"
)


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"not a PDF at all", "it does not start like a PDF (no '%PDF-' header)"),
        ((DATA / "one-column.pdf").read_bytes()[:300], "it is damaged or incomplete"),
        (b"%PDF-1.7\n" + b"\x00\xff" * 500, "it is damaged or incomplete"),
    ],
)
def test_a_damaged_pdf_is_refused(
    make_course: MakeCourse, tmp_path: Path, content: bytes, why: str
) -> None:
    source = tmp_path / "damaged.pdf"
    source.write_bytes(content)
    assert refused(make_course, source) == f"Error: the PDF cannot be read: {why}\n{DAMAGED_HINT}"


def test_damage_past_the_header_never_raises_anything_else() -> None:
    """Cut or corrupted anywhere, a PDF is read or refused with a CoursegenError."""
    data = (DATA / "two-columns.pdf").read_bytes()
    for cut in range(1000, len(data), len(data) // 12):
        for damaged in (data[:cut], data[:cut] + b"\x00" * 64 + data[cut + 64 :]):
            with contextlib.suppress(CoursegenError):
                extract(damaged)


def test_metadata_helpers() -> None:
    assert pdf_date("D:20240301100000Z") == "2024-03-01"
    assert pdf_date("2009-09-24T10:00:00+02:00") == "2009-09-24"
    assert pdf_date("D:2024") is None and pdf_date("D:20241301") is None
    assert junk_title("Microsoft Word - gbr.docx") and junk_title("speech.pdf")
    assert junk_title("Untitled") and junk_title("12")
    assert not junk_title("Statement by the United Kingdom")


def crs() -> Extraction:
    return extracted("crs-IF13202")


def test_a_real_tagged_report_from_the_congressional_research_service() -> None:
    """CRS In Focus IF13202 (a US government work, public domain; see the README): two
    columns, tagged by Word and iText; read through its tree, headings as the authors made
    them, a hyphen before a digit at a line end kept without a space."""
    found = crs()
    assert found.facts[:3] == [
        "3 pages",
        "tagged: read through its structure tree",
        "16 paragraphs and 7 headings found",
    ]
    assert [block.text for block in found.blocks if block.heading] == [
        "Section 408 Review Process",
        "Statutory Changes Since 2016",
        "Guidance Evolution and Rulemaking",
        "Rulemakings",
        "Effort Toward a Section 408 Rule",
        "NEPA Rule for USACE’s Regulatory Program",
        "Legislative Proposals",
    ]
    text = " ".join(block.text for block in found.blocks)
    assert "Prior to the mid-2000s, the Section 408 permission authority" in text
    assert found.meta["language"].value == "en-US"


def test_crs_ordinal_superscripts_join_their_number() -> None:
    """'119th' is drawn '119' then 'th' 6.5 pt raised 4.2 pt: one word, on one line, in both
    passes (the layout pass used to cut the line there and put 'th' on a line of its own)."""
    paragraphs = [block.text for block in crs().paragraphs]
    assert paragraphs[8].startswith(
        "During the 119th Congress, lawmakers may assess whether to alter the Section 408 "
        "authority (e.g., clarify the scope and use of categorical permissions)."
    )
    assert paragraphs[11].startswith("The 119th Congress is considering whether to alter")
    assert "For example, S. 879 (118th Congress) would have required" in paragraphs[12]
    assert "Other bills in the 118th Congress, H.R. 6708/S. 3433" in paragraphs[12]
    assert not any(re.search(r"[0-9] (?:st|nd|rd|th)\b", text) for text in paragraphs)
    document = read((DATA / "crs-IF13202.pdf").read_bytes())
    layout = [" ".join(line.text for line in para.lines) for para in layout_pass(document)[0]]
    assert "th" not in layout
    assert any(text.startswith("During the 119th Congress, lawmakers") for text in layout)


def test_crs_title_and_dateline_from_page_one() -> None:
    """No title in the document information: the 18 pt lines on page 1 (body 10 pt) are the
    title, the lone date above them the date; neither stays a paragraph."""
    found = crs()
    assert found.meta["title"] == Found(
        "Section 408 Permission to Alter Army Corps Works: Developments and Congressional "
        "Considerations",
        "the largest type on page 1: 18 pt, body text 10 pt",
    )
    assert found.meta["date"] == Found(
        "2026-04-10",
        "the dateline at the top of page 1, 'April 10, 2026'; the PDF's metadata says the same",
    )
    assert found.blocks[0] == Block(
        "Congress has authorized the U.S. Army Corps of Engineers (USACE) to undertake "
        "thousands of public (civil) works projects across the United States. The Secretary of "
        "the Army must grant permission before an entity other than USACE proposes altering a "
        "USACE public “work.” Pursuant to Section 14 of the Rivers and Harbors Act of 1899 (33 "
        "U.S.C. §408), as amended, the Secretary may grant permission if the alteration “will "
        "not be injurious to the public interest and will not impair the usefulness of such "
        "work.” These permissions are known as Section 408 permissions. Alteration examples "
        "include a utility line or pipeline crossing USACE-maintained navigable channels or "
        "USACE-constructed levees, nonfederal installation of hydropower at USACE dams, and "
        "nonfederal sand placement affecting USACE coastal storm damage projects. According to "
        "USACE, on average, the agency receives 1,200 Section 408 requests per year. Roughly 3% "
        "of projects on the federal infrastructure permitting dashboard reference a Section 408 "
        "permission.",
        "page 1",
    )
    sections = {section.title: section.lines for section in found.sections}
    assert sections["Taken from the top of page 1 (into the front matter)"] == (
        "page 1: the title, 'Section 408 Permission to Alter Army Corps Works: Developments "
        "and Congressional Considerations'",
        "page 1: the dateline, 'April 10, 2026'",
    )


def test_crs_figure_caption_and_source_left_out() -> None:
    """The caption (a P before the Figure element) and its 'Source:' line (a P after it) are
    not paragraphs: they are listed in the report."""
    found = crs()
    texts = [block.text for block in found.blocks]
    assert texts[5] == "Statutory Changes Since 2016"
    assert texts[4].startswith("To arrive at a decision, USACE assesses")
    assert "figures and captions left out: 2 (listed in the report)" in found.facts
    sections = {section.title: section.lines for section in found.sections}
    assert sections["Left out: figures and captions"] == (
        "page 1: caption: 'Figure 1. Illustrative Rendering of Proposed Alterations at USACE "
        "Projects Requiring Section 408 Permissions'",
        "page 1: caption: 'Source: Illustration by Congressional Research Service.'",
    )


def test_tagged_table_rows_and_captions() -> None:
    """LibreOffice's tagged export of a DOCX with a table, a picture and captions (style
    'Caption', tagged 'caption' mapped to P): a row per paragraph, cells joined by ' | ';
    the captions and the 'Source:' line after the picture left out and listed."""
    found = extracted("tagged-table-figure")
    assert [block.text for block in found.blocks] == [
        "A first paragraph of running text, long enough to be the body of the document and to "
        "set the size of its body text.",
        "Year | Requests | Granted",
        "2024 | 1,200 | 1,100",
        "2025 | 1,300 | 1,150",
        "A last paragraph of running text after the figure, which stays in the body of the "
        "article.",
    ]
    assert found.facts[-2:] == [
        "figures and captions left out: 3 (listed in the report)",
        "tables: 3 rows, a paragraph each, cells joined by ' | '",
    ]
    sections = {section.title: section.lines for section in found.sections}
    assert sections["Left out: figures and captions"] == (
        "page 1: caption: 'Table 1. Requests per year'",
        "page 1: caption: 'Figure 1. A red box'",
        "page 1: caption: 'Source: made for the test.'",
    )
    assert sections["Tables (a paragraph per row, cells joined by ' | ')"] == ("page 1: 3 rows",)


def glyphs(*runs: tuple[str, bool]) -> list[Char]:
    """Glyphs 5 pt wide at 10 pt on one baseline; a raised run 6.5 pt, 4 pt up; ' ' a gap."""
    chars: list[Char] = []
    x = 0.0
    for text, raised in runs:
        size, y = (6.5, 104.0) if raised else (10.0, 100.0)
        for letter in text:
            if letter == " ":
                x += 2.5
                continue
            chars.append(Char(letter, x, x + size / 2, y, y + size, size, False))
            x += size / 2
    return chars


@pytest.mark.parametrize(
    ("runs", "text", "markers"),
    [
        ((("the treaty.", False), ("12", True), (" It", False)), "the treaty. It", ["treaty.⁽12⁾"]),
        (
            (("Congress", False), ("3,4", True), (" said", False)),
            "Congress said",
            ["Congress⁽3,4⁾"],
        ),
        ((("the 119", False), ("th", True), (" Congress", False)), "the 119th Congress", []),
        ((("10", False), ("6", True), (" people", False)), "106 people", []),
        ((("50 km", False), ("2", True)), "50 km2", []),
        ((("word ", False), ("12", True)), "word 12", []),
    ],
)
def test_superscripts_in_a_line(
    runs: tuple[tuple[str, bool], ...], text: str, markers: list[str]
) -> None:
    """A raised smaller run touching its word is in the same line and word: an ordinal or an
    exponent kept, a footnote reference (digits after a word or its punctuation) left out and
    kept with its word for the report; after a space, or after a unit (km²), it stays."""
    lines = lines_of(1, glyphs(*runs))
    assert [(line.text, line.extra.get("markers", [])) for line in lines] == [(text, markers)]


@pytest.mark.render  # the sample build renders every PDF
def test_coursegen_handouts_give_back_their_excerpts(sample_build: Path) -> None:
    """Each handout of the sample course (WeasyPrint, tagged by coursegen) imported: every
    passage it shows is one paragraph, exactly the article's text ('… ' and ' …' where the
    excerpt starts or ends mid-paragraph, as printed), in order; its '¶N' labels, hanging in
    the margin, left out and listed (the questions' '(Excerpt A, ¶1)' kept); the running head and 'Page N of M' (artifacts) nowhere;
    the section headings as printed. Not compared: the handout's own blocks (course line,
    dateline, summary, objectives, 'Source:' lines, questions), which have no article."""
    course = load_course(sample_build.parent)
    for lesson in course.lessons.values():
        found = extract((sample_build / lesson.id / "handout.pdf").read_bytes())
        passages = [
            ("… " if p.starts_mid else "") + p.text + (" …" if p.ends_mid else "")
            for excerpt in lesson.excerpts
            for p in excerpt.passages
        ]
        paragraphs = [block.text for block in found.paragraphs]
        assert [text for text in paragraphs if text in passages] == passages, lesson.id
        assert not any(re.match(r"¶ ?[0-9]", text) for text in paragraphs), lesson.id
        assert any("(Excerpt A, ¶" in text for text in paragraphs)  # the questions cite them
        assert not any("Page " in text and " of " in text for text in paragraphs), lesson.id
        assert not any(text.startswith("IR 214 · Russia and the West") for text in paragraphs)
        labels = next(s for s in found.sections if s.title == "Paragraph numbers left out")
        assert [line.split(" before ")[0].split(": ")[1] for line in labels.lines] == [
            f"¶{p.number}" for excerpt in lesson.excerpts for p in excerpt.passages
        ], lesson.id
        assert [block.text for block in found.blocks if block.heading] == [
            lesson.title,
            "Learning objectives",
            *(f"Excerpt {excerpt.id}" for excerpt in lesson.excerpts),
            "Questions for discussion",
        ], lesson.id


def test_untagged_libreoffice_superscript_ordinal_in_a_heading() -> None:
    """LibreOffice draws the heading's superscript 'st' smaller and raised: one word, '61st',
    and the heading one line (the layout pass used to cut it there)."""
    headings = [text for text, heading in blocks_of("untagged-libreoffice") if heading]
    assert headings == ["Reform of the United Nations", "Towards the 61st session"]
