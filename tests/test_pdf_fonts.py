"""Fonts and scripts in the PDF (render/pdffonts.py, the ActualText of shaped text in
render/pdftext.py): every glyph maps to text, Devanagari, Arabic and Hebrew words read whole and
in order from the page (pdftotext) and from the tags, and a character no font has is a build
warning naming the file, the character and the fix."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import page
import pytest
from pypdf import PdfReader

from pdftagtext import _to_unicode, read_tagged

from conftest import REPO
from pdfcheck import BIDI_CONTROLS, pdf_text

pytestmark = pytest.mark.render

MULTILINGUAL = REPO / "tests" / "courses" / "multilingual"
HINDI = "अंतरराष्ट्रीय सहयोग के लिए आपसी विश्वास ज़रूरी है देश बातचीत से मतभेद सुलझाते हैं"
ARABIC = "الدبلوماسية هي فن الحوار بين الدول وهي تساعد على حل الخلافات بالطرق السلمية السلام"
HEBREW = "שיתוף פעולה בין מדינות דורש אמון הדדי הסכמים בינלאומיים נבנים לאט ובזהירות"


def render(tmp_path: Path, body: str, font: str) -> Path:
    from coursegen.render.weasy import html_to_pdf

    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>T</title>
<style>@page {{ size: A5 }} html {{ font: 11pt/1.4 {font}; }}</style></head><body>{body}
</body></html>"""
    path = tmp_path / "test.pdf"
    path.write_bytes(html_to_pdf(html, tmp_path, []))
    return path


def words(text: str) -> list[str]:
    return re.sub(BIDI_CONTROLS, "", text).split()


def failures(path: Path) -> list[str]:
    return [
        f"{f.rule_id}: {f.message}" for f in page.validate_pdf(str(path), profile="ua1").failures
    ]


def test_devanagari_validates_and_reads_whole(tmp_path: Path) -> None:
    path = render(tmp_path, f'<p lang="hi">{HINDI}</p>', '"Noto Sans Devanagari"')
    assert failures(path) == []
    fonts = [f.get_object() for f in PdfReader(path).pages[0]["/Resources"]["/Font"].values()]
    mapped = {text for font in fonts for text in _to_unicode(font).values()}
    assert "" not in mapped
    assert "\u2060" in mapped  # the glyphs after the first of a cluster: a word joiner
    assert words(pdf_text(path)) == HINDI.split()
    assert words(read_tagged(path).text()) == HINDI.split()


@pytest.mark.parametrize(
    "font",
    [
        '"Noto Naskh Arabic", "Noto Serif Hebrew"',
        '"DejaVu Sans"',  # lam-alef is one glyph for two characters: "السلام" read "السالم"
    ],
)
def test_arabic_and_hebrew_read_whole_and_in_order(tmp_path: Path, font: str) -> None:
    body = f'<p lang="ar" dir="rtl">{ARABIC}</p><p lang="he" dir="rtl">{HEBREW}</p>'
    path = render(tmp_path, body, font)
    assert failures(path) == []
    expected = ARABIC.split() + HEBREW.split()
    assert words(pdf_text(path)) == expected
    assert words(read_tagged(path).text()) == expected


def test_the_multilingual_courses_scripts_read_whole_from_the_tags(
    multilingual_build: Path, multilingual_build_warnings: list[str]
) -> None:
    assert multilingual_build_warnings == []  # the build was ok (the fixture checks it)
    root = multilingual_build.parent
    handout = root / "output" / "02-scripts" / "handout.pdf"
    text = read_tagged(handout).text()
    for name in ("diplomacy-ar", "cooperation-he", "cooperation-hi"):
        source = (root / "articles" / f"{name}.md").read_text(encoding="utf-8").split("---")[-1]
        assert " ".join(source.split()) in " ".join(text.split()), name


@pytest.mark.invalid_pdf  # a .notdef glyph: PDF/UA-1 fails, as it should
def test_a_character_no_font_has_is_a_build_warning(tmp_path: Path) -> None:
    from coursegen.builder import BuildOptions, build
    from coursegen.content.course import load_course

    root = tmp_path / "course"
    shutil.copytree(MULTILINGUAL, root)
    article = root / "articles" / "trust-en.md"
    article.write_text(article.read_text(encoding="utf-8").replace(" ", " \ue000 ", 1))
    # the lesson that quotes the article (its four documents, both formats), not the course
    report = build(load_course(root), ["01-russian"], BuildOptions(out_dir=root / "output", jobs=2))
    assert report.ok, report
    message = (
        "no installed font has '\ue000' (U+E000); it prints as an empty box — it is a "
        "private-use character: add a font that has it to templates/ and use it in the stylesheet"
    )
    warned = [line.split(": ", 1) for line in report.warnings]
    assert warned and {text for _, text in warned} == {message}, report.warnings
    assert {name for name, _ in warned} >= {"01-russian/handout.pdf"}
    assert all(name.endswith(".pdf") for name, _ in warned)


def test_glyph_warnings_name_the_fix() -> None:
    from coursegen.render.pdffonts import glyph_warnings

    assert glyph_warnings(["各"]) == [
        "no installed font has '各' (U+5404); it prints as an empty box — install a font for "
        "that script (on Debian/Ubuntu: fonts-noto-cjk)"
    ]
    assert glyph_warnings(["各", "国", "\x99"]) == [
        "no installed font has 2 characters ('各' (U+5404), '国' (U+56FD)); they print as empty "
        "boxes — install a font for that script (on Debian/Ubuntu: fonts-noto-cjk)",
        "no installed font has '\x99' (U+0099); it prints as an empty box — it is a control "
        "character, likely from a file decoded twice: correct the source text",
    ]
