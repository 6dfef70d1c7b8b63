"""The PDF's structure tree and text layer (issue 10, items 1-2): what render/pdftags.py and
render/pdftext.py make of small HTML documents, and of the sample course."""

from __future__ import annotations

import logging
import re
import subprocess
import time
from pathlib import Path

import page
import pytest

from pdftagtext import Element, TaggedPdf, read_tagged

from conftest import REPO

pytestmark = pytest.mark.render

WORDS = (
    "International organisations negotiate imperatives and agreements; Dmitry Medvedev met "
    "his counterparts to discuss nonproliferation, deterrence and the reconfiguration of "
    "strategic partnerships between superpowers."
)


def render(tmp_path: Path, body: str, css: str = "", lang: str = "en") -> Path:
    from coursegen.render.weasy import html_to_pdf

    html = f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Test</title>
<style>
@page {{ size: A6; margin: 14mm 10mm;
  @top-left {{ content: "Running head"; font-size: 7pt }}
  @bottom-center {{ content: "Page " counter(page) " of " counter(pages); font-size: 7pt }} }}
html {{ font: 10pt/1.4 "Noto Serif", serif; hyphens: auto; }}
{css}
</style></head><body>{body}</body></html>"""
    path = tmp_path / "test.pdf"
    path.write_bytes(html_to_pdf(html, tmp_path, []))
    return path


def words(text: str) -> list[str]:
    """Words as a reader takes them: a soft hyphen is invisible, punctuation is not a word."""
    return re.findall(r"\w+", text.replace("\u00ad", ""))


def failures(path: Path) -> list[str]:
    report = page.validate_pdf(str(path), profile="ua1")
    found = [f"{f.rule_id}: {f.message}" for f in report.failures]
    assert report.is_compliant == (not found)
    return found


def list_rule_breaches(tagged: TaggedPdf) -> list[str]:
    """PDF/UA-1's list rules: L holds L, LI, Caption; LI only in L, holding only Lbl and LBody."""
    breaches: list[str] = []

    def walk(element: Element, parent: Element | None) -> None:
        kids = [kid.role for kid in element.kids if isinstance(kid, Element)]
        if element.role == "L" and set(kids) - {"L", "LI", "Caption"}:
            breaches.append(f"L holds {kids}")
        if element.role == "LI":
            if set(kids) - {"Lbl", "LBody"} or len(kids) != len(element.kids):
                breaches.append(f"LI holds {kids} ({len(element.kids)} kids)")
            if parent is None or parent.role != "L":
                breaches.append(f"LI in {parent.role if parent else None}")
        for kid in element.kids:
            if isinstance(kid, Element):
                walk(kid, element)

    walk(tagged.root, None)
    return breaches


def pages_of(element: Element) -> set[int]:
    return {number for each in element.walk() for number in each.pages}


def test_a_paragraph_and_a_list_across_pages_are_one_element_each(tmp_path: Path) -> None:
    paragraph = " ".join(f"word{i}" for i in range(160))
    items = "".join(
        f"<li><p>Question {i} about arms control and trust.</p><p>Cites ¶{i}.</p></li>"
        for i in range(14)
    )
    path = render(tmp_path, f"<h1>Title</h1><p>{paragraph}</p><ol>{items}</ol>")
    assert failures(path) == []
    tagged = read_tagged(path)
    elements = tagged.root.walk()

    [p] = [e for e in elements if e.role == "P" and "word0" in e.text()]
    assert words(p.text()) == paragraph.split()
    assert len(pages_of(p)) >= 2

    [the_list] = [e for e in elements if e.role == "L"]
    assert len(pages_of(the_list)) >= 2
    assert [kid.role for kid in the_list.kids if isinstance(kid, Element)] == ["LI"] * 14
    assert list_rule_breaches(tagged) == []


def test_margin_boxes_are_pagination_artifacts_outside_the_tree(tmp_path: Path) -> None:
    path = render(tmp_path, f"<h1>Title</h1>{f'<p>{WORDS}</p>' * 12}")
    tagged = read_tagged(path)
    pages = len({number for number, _ in tagged.marked})
    assert pages >= 2
    pagination = [(kind, text) for kind, text in tagged.artifacts if kind != "-"]
    assert pagination == [
        item
        for number in range(1, pages + 1)
        for item in (("/Header", "Running head"), ("/Footer", f"Page {number} of {pages}"))
    ]
    assert "Running head" not in tagged.text() and "Page 1" not in tagged.text()
    assert not any("Running" in text or "Page" in text for text in tagged.marked.values())
    assert set(tagged.parent_tree) == set(tagged.marked)  # every MCID, and only those
    assert failures(path) == []


def test_list_items_hold_only_a_label_and_a_body(tmp_path: Path) -> None:
    body = """<ol class="question-sheet">
      <li><p>What is a crisis of trust?</p><p class="cites">¶2</p><div class="answer"></div></li>
      <li>Plain text item <b>with bold</b>
        <ul><li>A nested item</li></ul></li>
      <li style="list-style: none"><p>No bullet</p></li>
    </ol>
    <dl><dt>START</dt><dd>A 1991 treaty.</dd><dt>NPT</dt><dt>Non-Proliferation Treaty</dt>
      <dd>Signed in 1968.</dd><div><dt>G20</dt><dd>A forum.</dd></div></dl>
    <p>After the lists.</p>"""
    path = render(tmp_path, body)
    assert failures(path) == []
    tagged = read_tagged(path)
    assert list_rule_breaches(tagged) == []
    lists = [e for e in tagged.root.walk() if e.role == "L"]
    definitions = lists[-1]
    items = [
        [(kid.role, kid.text().strip()) for kid in item.kids if isinstance(kid, Element)]
        for item in definitions.kids
        if isinstance(item, Element)
    ]
    assert items == [
        [("Lbl", "START"), ("LBody", "A 1991 treaty.")],
        [("Lbl", "NPT"), ("Lbl", "Non-Proliferation Treaty"), ("LBody", "Signed in 1968.")],
        [("Lbl", "G20"), ("LBody", "A forum.")],
    ]
    first = lists[0].kids[0]
    assert isinstance(first, Element)
    assert [k.role for k in first.kids if isinstance(k, Element)] == ["Lbl", "LBody"]
    assert words(first.text()) == ["1", "What", "is", "a", "crisis", "of", "trust", "2"]


@pytest.mark.parametrize("hyphen", ["", 'hyphenate-character: "-";'])
def test_tag_text_has_every_word_whole(tmp_path: Path, hyphen: str) -> None:
    css = f"p {{ width: 22mm; text-align: justify; {hyphen} }}"
    path = render(tmp_path, f"<p>{WORDS}</p><p>{WORDS} <b>Bold</b> <i>italic</i> end.</p>", css)
    assert failures(path) == []
    text = read_tagged(path).text()
    assert "\u00ad" in text, "no line was hyphenated: the test proves nothing"
    assert "\u2010" not in text
    assert words(text) == words(WORDS) + words(WORDS) + ["Bold", "italic", "end"]


def test_pdftotext_has_every_word_whole_with_a_hyphen_minus(tmp_path: Path) -> None:
    """poppler joins a word broken by a hyphen-minus at a line's end (not one broken by U+2010):
    the stylesheet should set `hyphenate-character: "-"`. Within a page, that is."""
    css = 'p { width: 30mm; hyphenate-character: "-"; }'
    path = render(tmp_path, f"<p>{WORDS}</p>", css)
    assert "\u00ad" in read_tagged(path).text()
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    lines = [line for line in text.splitlines() if line not in ("Running head", "Page 1 of 1")]
    assert words("\n".join(lines)) == words(WORDS)


def page_ends(path: Path) -> list[str]:
    """The last line of the body text on each page but the last, as pdftotext reads it."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    ends = []
    for page_text in text.split("\f")[:-2]:  # the last page, and what follows its form feed
        body = [line for line in page_text.splitlines() if line.strip()
                and line != "Running head" and not line.startswith("Page ")]  # fmt: skip
        ends.append(body[-1])
    return ends


def test_no_word_is_hyphenated_across_a_page_break(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """poppler joins a hyphenated word within a page only, and good typesetting does not break
    a word at a page's foot either: such a word is kept whole and the pages laid out again."""
    from coursegen.render import pdftext

    css = 'p { width: 28mm; hyphenate-character: "-"; text-align: justify; }'
    body = "".join(f"<p>{WORDS}</p>" for _ in range(6))
    ends = page_ends(render(tmp_path, body, css))
    assert len(ends) >= 3 and not [end for end in ends if end.endswith("-")], ends
    monkeypatch.setattr(pdftext, "hyphenated_at_page_foot", lambda pages: set())
    unchecked = page_ends(render(tmp_path, body, css))
    assert [end for end in unchecked if end.endswith("-")], "the test proves nothing"


def test_each_element_keeps_its_language(tmp_path: Path) -> None:
    body = """<p>English text.</p>
    <blockquote lang="ru"><p>Россия и США должны <span lang="en">Excerpt A</span> вместе.</p>
    <p>Вторая часть.</p></blockquote>
    <ol><li lang="ru">Вопрос о доверии</li><li>An English question</li></ol>"""
    path = render(tmp_path, body)
    assert failures(path) == []
    tagged = read_tagged(path)
    languages = {
        (e.role, " ".join(words(e.text())[:3])): e.lang for e in tagged.root.walk() if e.lang
    }
    assert languages == {
        ("BlockQuote", "Россия и США"): "ru",
        ("Span", "Excerpt A"): "en",
        ("LI", "1 Вопрос о"): "ru",
    }


def test_same_bytes_without_harfbuzz_subset_at_any_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """fontTools, WeasyPrint's subsetter when libharfbuzz-subset0 is missing, writes the time
    into each font unless SOURCE_DATE_EPOCH is set: html_to_pdf sets it for the write."""
    import weasyprint.pdf.fonts

    from coursegen.render.weasy import html_to_pdf

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    html = f'<html lang="en"><head><title>T</title></head><body><p>{WORDS}</p></body></html>'
    outputs = []
    for now in (1_000_000_000.0, 1_900_000_000.0):
        monkeypatch.setattr(time, "time", lambda now=now: now)
        with caplog.at_level(logging.WARNING, logger="weasyprint"):
            outputs.append(html_to_pdf(html, tmp_path, [], epoch=1_700_000_000))
    assert "Using fontTools instead of HarfBuzz-Subset" in caplog.text
    assert outputs[0] == outputs[1]
    assert "SOURCE_DATE_EPOCH" not in __import__("os").environ


def source_vocabulary() -> set[str]:
    """Every word the sample course's documents can print: its files, labels, built-in terms."""
    files = [REPO / "course.yaml", REPO / "glossary.yaml"]
    files += [*(REPO / "articles").glob("*.md"), *(REPO / "lessons").glob("*.yaml")]
    files += [*(REPO / "src/coursegen/data/glossary").glob("*.yaml")]
    files += [REPO / "src/coursegen/data/labels/en.yaml"]
    text = " ".join(path.read_text(encoding="utf-8") for path in files)
    return {word.casefold() for word in words(text)}


def test_sample_course_pdfs_read_right(sample_build: Path) -> None:
    vocabulary = source_vocabulary()
    pdfs = sorted(sample_build.rglob("*.pdf"))
    assert len(pdfs) >= 17
    for path in pdfs:
        name = path.relative_to(sample_build).as_posix()
        assert failures(path) == [], name
        tagged = read_tagged(path)
        assert list_rule_breaches(tagged) == [], name
        assert set(tagged.parent_tree) == set(tagged.marked), name
        assert any(kind == "/Footer" for kind, _ in tagged.artifacts), name
        unknown = {w for w in words(tagged.text()) if w.casefold() not in vocabulary}
        assert {w for w in unknown if not w.isdigit()} == set(), name


def test_another_weasyprint_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tagger replaces WeasyPrint 70's internals; a version where they differ must not load
    (PdfFormat then reports PDF as unavailable) rather than write a wrong PDF."""
    import weasyprint.pdf
    import weasyprint.pdf.tags
    from weasyprint.layout import inline

    from coursegen.render import weasy

    monkeypatch.setattr(weasyprint.pdf, "add_tags", weasyprint.pdf.tags.add_tags)  # not installed
    monkeypatch.setattr(inline, "split_text_box", lambda context, box, width: None)
    with pytest.raises(ImportError, match=r"split_text_box\(context, box, width\)"):
        weasy._install_tagger()
