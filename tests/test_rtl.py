"""Right-to-left scripts (issue 11 item 3): passages in Arabic or Hebrew inside a left-to-right
course (tests/courses/multilingual, lesson 02), and a whole course in Arabic with a Hebrew and an
English article in it (tests/courses/arabic).

What is checked is direction and alignment, never the words of the labels: in the PDF from the
glyph positions poppler reads (`pdftotext -bbox`), in the DOCX from its WordprocessingML, and in
the DOCX as LibreOffice lays it out.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from coursegen import open_course
from coursegen.content.scripts import direction, is_rtl
from coursegen.documents import planned_documents
from coursegen.render.html import HtmlRenderer, dir_attribute

from conftest import REPO, shared_course_build
from pdfcheck import libreoffice_to_pdf, pdf_text

ARABIC_COURSE = REPO / "tests" / "courses" / "arabic"
MULTILINGUAL = REPO / "tests" / "courses" / "multilingual"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
TOLERANCE = 1.0  # points: glyph boxes of one aligned edge differ by less than this
PITCH = 10.5 * 1.45  # points from one line of a passage to the next (style.css)


# The direction of a language ------------------------------------------------------------------


@pytest.mark.parametrize(
    "language", ["ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug", "ar-EG", "az-Arab"]
)
def test_right_to_left_languages(language: str) -> None:
    assert is_rtl(language) and direction(language) == "rtl"


@pytest.mark.parametrize("language", ["en", "fr", "ru", "zh-Hant", "hi", "ku-Latn", "", None])
def test_left_to_right_languages(language: str | None) -> None:
    assert not is_rtl(language) and direction(language) == "ltr"


def test_dir_attribute_only_where_the_direction_changes() -> None:
    assert dir_attribute("ar") == ' dir="rtl"'
    assert dir_attribute("ar", "en") == ' dir="rtl"'
    assert dir_attribute("he", "ar") == ""
    assert dir_attribute("en", "ar") == ' dir="ltr"'
    assert dir_attribute("ru", "en") == ""
    assert dir_attribute(None, "ar") == ""


# The HTML -------------------------------------------------------------------------------------


def rendered(root: Path) -> dict[str, str]:
    """Every page of a course as the built-in templates render it, by stem."""
    course = open_course(root)
    assert course.errors == []
    renderer = HtmlRenderer(root / "templates", dt.datetime(2000, 1, 1))
    planned = planned_documents(course, list(course.lesson_files), whole_course=True)
    return {p.stem: renderer.render(p.document) for p in planned}


def test_html_of_an_arabic_course_is_right_to_left() -> None:
    pages = rendered(ARABIC_COURSE)
    for stem, html in pages.items():
        assert '<html lang="ar" dir="rtl">' in html, stem
    handout = pages["01-trust/handout"]
    # Passages in the course's direction carry none of their own; the English one is ltr.
    assert '<div class="passages" lang="ar">' in handout
    assert '<div class="passages" lang="he">' in handout
    assert '<div class="passages" lang="en" dir="ltr">' in handout
    # ¶ numbers are left to right beside right-to-left text, not in the English passage.
    assert handout.count('<span class="pnum" dir="ltr">¶') == 5
    english = handout.split('<div class="passages" lang="en" dir="ltr">')[1].split("</div>")[0]
    assert '<span class="pnum">¶1</span>' in english
    assert '<li lang="en" dir="ltr">Compare an English text' in handout
    assert '<span lang="en" dir="ltr">How does the English text' in handout
    assert (
        '<span class="url" lang="en" dir="ltr">https://example.org/verification</span>' in handout
    )
    instructor = pages["01-trust/questions-instructor"]
    assert '<p class="question" lang="en" dir="ltr">How does' in instructor
    glossary = pages["glossary"]
    assert '<span class="term-name" lang="en" dir="ltr">START</span>' in glossary


def test_html_of_right_to_left_excerpts_in_an_english_course() -> None:
    handout = rendered(MULTILINGUAL)["02-scripts/handout"]
    assert '<html lang="en">' in handout
    assert '<div class="passages" lang="ar" dir="rtl">' in handout
    assert '<div class="passages" lang="he" dir="rtl">' in handout
    assert '<div class="passages" lang="el">' in handout
    assert handout.count('<span class="pnum" dir="ltr">') == 2


# Building -------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def arabic_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/courses/arabic, copied and built in both formats once for the session: its output
    folder (read-only)."""
    return shared_course_build(tmp_path_factory, "arabic-build", ARABIC_COURSE)[0]


Word = tuple[float, float, float, float, str]  # xMin, yMin, xMax, yMax, text (visual order)


def words(pdf: Path, page: int = 1) -> list[Word]:
    """The words poppler finds on a page, with their boxes in points (y downwards)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pattern = r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<'
    return [
        (float(a), float(b), float(c), float(d), t) for a, b, c, d, t in re.findall(pattern, out)
    ]


def lines(found: list[Word]) -> list[list[Word]]:
    """Words in lines (by the middle of their boxes), top to bottom, each left to right; lone
    combining marks (a shadda poppler reads as a word of its own) left out."""
    rows: list[list[Word]] = []
    for word in sorted(found, key=lambda w: (w[1] + w[3]) / 2):
        if len(word[4]) == 1 and not word[4].isalnum() and word[4] not in "…¶":
            continue
        middle = (word[1] + word[3]) / 2
        if rows and abs((rows[-1][0][1] + rows[-1][0][3]) / 2 - middle) < 4:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row) for row in rows]


def paragraph_lines(pdf: Path, first_words: str, page: int = 1) -> list[list[Word]]:
    """The lines of the paragraph whose ¶ number's line holds `first_words` (logical order),
    up to the next ¶ number or a line that does not end where the paragraph's lines end."""
    rows = lines(words(pdf, page))
    for index, row in enumerate(rows):
        text = " ".join(w[4][::-1] for w in reversed(row) if "¶" not in w[4])
        if any("¶" in w[4] for w in row) and text.startswith(first_words):
            result = [row]
            edge = max(w[2] for w in text_of(row))
            for following in rows[index + 1 :]:
                right = max(w[2] for w in following)
                below = middle(following) - middle(result[-1])  # more: the source line
                if (
                    any("¶" in w[4] for w in following)
                    or below > PITCH + 2
                    or abs(right - edge) > 3
                ):
                    break
                result.append(following)
            return result
    raise AssertionError(f"no paragraph starting {first_words!r} on page {page} of {pdf}")


def middle(row: list[Word]) -> float:
    return sum((w[1] + w[3]) / 2 for w in row) / len(row)


def text_of(row: list[Word]) -> list[Word]:
    """A line's words without its ¶ number ("¶2", or LibreOffice's "2" and "¶" at the right)."""
    words = [w for w in row if "¶" not in w[4]]
    numbers = [w for w in row if "¶" in w[4]]
    if numbers:
        words = [w for w in words if not (w[4].isdigit() and w[0] > numbers[0][0] - 12)]
    return words


def assert_right_to_left(
    paragraph: list[list[Word]], first_word: str, short_last_line: bool = False
) -> None:
    """Every line ends at one right edge (aligned right, justified or not), and a short last
    line is short on the left; the ¶ number is in the margin right of that edge; the first word
    in reading order is the rightmost of the first line."""
    assert len(paragraph) >= 2, paragraph
    rights = [max(w[2] for w in text_of(row)) for row in paragraph]
    edge = rights[0]
    assert all(abs(right - edge) < TOLERANCE for right in rights), rights
    lefts = [min(w[0] for w in text_of(row)) for row in paragraph]
    assert not short_last_line or lefts[-1] > min(lefts) + 100, lefts
    number = next(w for w in paragraph[0] if "¶" in w[4])
    assert number[0] > edge + 3, (number, edge)  # in the right margin, apart from the text
    first = max(text_of(paragraph[0]), key=lambda w: w[2])
    assert first[4][::-1] == first_word, first  # poppler gives right-to-left words reversed


@pytest.mark.render
def test_pdf_arabic_course_paragraphs_run_right_to_left(arabic_build: Path) -> None:
    handout = arabic_build / "01-trust" / "handout.pdf"
    assert_right_to_left(paragraph_lines(handout, "في عام"), "في", short_last_line=True)
    assert_right_to_left(paragraph_lines(handout, "ولا تعني"), "ولا")
    assert_right_to_left(paragraph_lines(handout, "מדינות"), "מדינות")


@pytest.mark.render
def test_pdf_the_excerpt_ellipses_are_at_the_start_and_end_of_the_arabic_text(
    arabic_build: Path,
) -> None:
    paragraph = paragraph_lines(arabic_build / "01-trust" / "handout.pdf", "… فالدولة")
    first, last = text_of(paragraph[0]), text_of(paragraph[-1])
    assert max(first, key=lambda w: w[2])[4] == "…"  # the start: rightmost on the first line
    assert min(last, key=lambda w: w[0])[4] == "…"  # the end: leftmost on the last line


@pytest.mark.render
def test_pdf_the_page_is_mirrored_and_the_english_passage_is_not(arabic_build: Path) -> None:
    handout = arabic_build / "01-trust" / "handout.pdf"
    page = words(handout, 2)
    width = 595.276  # A4 (course.yaml says paper: a4)
    header = lines(page)[0]  # the running header: top right, in the wider margin
    right = max(w[2] for w in header)
    assert abs(width - right - 24 * 72 / 25.4) < TOLERANCE
    paragraph = next(row for row in lines(page) if any(w[4] == "Verification" for w in row))
    number = next(w for w in paragraph if w[4] == "¶1")
    assert number[2] < min(w[0] for w in text_of(paragraph))  # ¶ on the left of English text
    assert min(text_of(paragraph), key=lambda w: w[0])[4] == "Verification"


@pytest.mark.render
def test_pdf_arabic_and_hebrew_excerpts_in_an_english_course(multilingual_build: Path) -> None:
    page = words(multilingual_build / "02-scripts" / "handout.pdf")
    rows = lines(page)
    greek = next(row for row in rows if any(w[4] == "Η" for w in row))
    arabic = next(row for row in rows if any("ةيسامولبدلا" in w[4] for w in row))
    hebrew = next(row for row in rows if any("ףותיש" in w[4] for w in row))
    text_edge = max(w[2] for w in text_of(greek))  # the English page's right edge
    for row, first in ((arabic, "الدبلوماسية"), (hebrew, "שיתוף")):
        number = next(w for w in row if "¶" in w[4])
        text = text_of(row)
        assert number[4] == "¶1"  # left to right, one word apart from the text
        assert number[0] > max(w[2] for w in text) + 3  # in the right margin
        assert number[2] <= text_edge + TOLERANCE
        assert max(text, key=lambda w: w[2])[4][::-1] == first


@pytest.mark.render
def test_pdf_paragraph_numbers_read_as_units(arabic_build: Path) -> None:
    handout = arabic_build / "01-trust" / "handout.pdf"
    numbers = [w[4] for page in (1, 2) for w in words(handout, page) if "¶" in w[4]]
    assert numbers[:6] == ["¶1", "¶2", "¶3", "¶1", "¶2", "¶1"], numbers
    raw = pdf_text(handout, raw=True).splitlines()
    assert [line for line in raw if line.startswith("¶")][:5] == ["¶1", "¶2", "¶3", "¶1", "¶2"]


# The DOCX -------------------------------------------------------------------------------------


def part(docx: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(docx) as package:
        return etree.fromstring(package.read(name))


def style(styles: etree._Element, style_id: str) -> etree._Element:
    found = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
    assert found is not None, style_id
    return found


def on(element: etree._Element | None, path: str) -> bool:
    """Whether the toggle at `path` under `element` is there and not switched off."""
    found = None if element is None else element.find(path, NS)
    return found is not None and found.get(f"{W}val") not in ("0", "false", "off")


def paragraphs_with(body: etree._Element, text: str) -> list[etree._Element]:
    return [p for p in body.iter(f"{W}p") if text in "".join(p.itertext())]


@pytest.mark.render
def test_docx_arabic_course_styles_are_right_to_left(arabic_build: Path) -> None:
    handout = arabic_build / "01-trust" / "handout.docx"
    styles = part(handout, "word/styles.xml")
    defaults = styles.find("w:docDefaults", NS)
    assert on(defaults, "w:pPrDefault/w:pPr/w:bidi")
    assert on(defaults, "w:rPrDefault/w:rPr/w:rtl")
    normal = style(styles, "Normal")
    assert on(normal, "w:pPr/w:bidi") and on(normal, "w:rPr/w:rtl")
    assert normal.find("w:rPr/w:rFonts", NS).get(f"{W}cs") == "Noto Naskh Arabic"
    for heading in ("Title", "Heading1"):
        fonts = style(styles, heading).find("w:rPr/w:rFonts", NS)
        assert fonts.get(f"{W}cs") == "Noto Sans Arabic", heading
    # No letter-spacing in the title: it breaks the joining of Arabic letters.
    assert style(styles, "Title").find("w:rPr/w:spacing", NS) is None
    # Bold and sizes apply to complex-script text too, in every style and run.
    for document in ("handout", "questions", "questions-instructor"):
        for name in ("word/styles.xml", "word/document.xml"):
            tree = part(arabic_build / "01-trust" / f"{document}.docx", name)
            for rpr in tree.iter(f"{W}rPr"):
                for latin, twin in (("b", "bCs"), ("sz", "szCs")):
                    if rpr.find(f"w:{latin}", NS) is not None:
                        assert rpr.find(f"w:{twin}", NS) is not None, (document, name, latin)


@pytest.mark.render
def test_docx_arabic_course_marks_the_english_parts_left_to_right(arabic_build: Path) -> None:
    body = part(arabic_build / "01-trust" / "handout.docx", "word/document.xml")
    (objective,) = paragraphs_with(body, "Compare an English text")
    bidi = objective.find("w:pPr/w:bidi", NS)
    assert bidi is not None and bidi.get(f"{W}val") == "0"
    for run in objective.iter(f"{W}r"):
        assert run.find("w:rPr/w:rtl", NS).get(f"{W}val") == "0"
    (passage,) = paragraphs_with(body, "Verification does not replace")
    assert passage.find("w:pPr/w:bidi", NS).get(f"{W}val") == "0"
    # Arabic text in the course's language needs nothing of its own: the styles say it.
    (arabic,) = paragraphs_with(body, "في عام 1975")
    assert arabic.find("w:pPr/w:bidi", NS) is None
    assert all(r.find("w:rPr/w:rtl", NS) is None for r in arabic.iter(f"{W}r"))
    # The Hebrew excerpt is right to left like the course, in a Hebrew font.
    (hebrew,) = paragraphs_with(body, "מדינות משתפות")
    runs = [r for r in hebrew.iter(f"{W}r") if "מ" in "".join(r.itertext())]
    assert runs and all(
        r.find("w:rPr/w:rFonts", NS).get(f"{W}cs") == "Noto Serif Hebrew" for r in runs
    )


@pytest.mark.render
def test_docx_right_to_left_excerpts_in_an_english_course(multilingual_build: Path) -> None:
    body = part(multilingual_build / "02-scripts" / "handout.docx", "word/document.xml")
    fonts = {"الدبلوماسية": "Noto Naskh Arabic", "שיתוף פעולה": "Noto Serif Hebrew"}
    for text, font in fonts.items():
        (paragraph,) = [p for p in paragraphs_with(body, text) if "¶" in "".join(p.itertext())]
        assert on(paragraph, "w:pPr/w:bidi"), text
        runs = [r for r in paragraph.iter(f"{W}r") if text[:3] in "".join(r.itertext())]
        assert runs, text
        for run in runs:
            assert on(run, "w:rPr/w:rtl"), text
            assert run.find("w:rPr/w:rFonts", NS).get(f"{W}cs") == font
    (greek,) = paragraphs_with(body, "Η ειρήνη δεν")
    assert greek.find("w:pPr/w:bidi", NS) is None
    styles = part(multilingual_build / "02-scripts" / "handout.docx", "word/styles.xml")
    assert not on(styles.find("w:docDefaults", NS), "w:pPrDefault/w:pPr/w:bidi")
    assert style(styles, "Title").find("w:rPr/w:spacing", NS) is not None  # English: kept


@pytest.mark.render
def test_libreoffice_lays_the_arabic_docx_out_right_to_left(
    arabic_build: Path, tmp_path: Path
) -> None:
    source = tmp_path / "handout.docx"
    source.write_bytes((arabic_build / "01-trust" / "handout.docx").read_bytes())
    result = libreoffice_to_pdf([source], tmp_path, tmp_path / "profile")
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "handout.pdf"
    page = words(pdf)
    rows = lines(page)
    start = next(i for i, row in enumerate(rows) if any(w[4] == "1975" for w in row))
    paragraph = rows[start : start + 3]  # ¶2 of the Arabic article: three lines
    rights = [max(w[2] for w in text_of(row)) for row in paragraph]
    assert all(abs(right - rights[0]) < TOLERANCE for right in rights), rights
    lefts = [min(w[0] for w in text_of(row)) for row in paragraph]
    assert lefts[-1] > lefts[0] + 20, lefts  # the last line ragged on the left
    first = max(text_of(paragraph[0]), key=lambda w: w[2])
    assert first[4][::-1] == "في"
    number = next(w for w in paragraph[0] if "¶" in w[4])
    assert number[0] > rights[0]  # the ¶ number hangs in the right-hand indent


def test_the_arabic_test_course_has_no_problems() -> None:
    assert open_course(ARABIC_COURSE).diagnostics == []
