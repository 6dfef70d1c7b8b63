"""`check` flags noisy articles (content/noise.py); the exact messages are in test_check_errors.py.
Here: what is not noise (clean Markdown, French spacing, a lone '<'), acronyms inside HTML tags,
files in articles/ that are not read, and the one detector that `check --a11y` shares."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursegen.a11y import sources
from coursegen.content import noise
from coursegen.content.course import load_course
from coursegen.content.noise import article_noise

from conftest import REPO, MakeCourse

H = "---\ntitle: A test article\n---\n\n"
SHARED = REPO.parent / "shared"


def noise_in(text: str) -> list[str]:
    return [d.message for d in article_noise(text.split("\n"), 0, "articles/a.md")]


def clean_articles() -> list[Path]:
    """The sample course's articles, the test courses' and the seed articles already clean."""
    found = sorted((REPO / "articles").glob("*.md"))
    found += sorted((REPO / "tests" / "courses").glob("*/articles/*.md"))
    found += sorted((SHARED / "seeds").glob("*.txt")) if SHARED.is_dir() else []
    return found


@pytest.mark.parametrize("path", clean_articles(), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_clean_articles_have_no_noise(path: Path) -> None:
    assert noise_in(path.read_text(encoding="utf-8")) == []


def test_the_sample_course_has_no_problems() -> None:
    assert load_course(REPO).diagnostics == []


def test_prose_with_a_lone_angle_bracket_or_an_autolink_is_not_markup() -> None:
    assert noise_in("When a < b and c > d, AT&T said so.\n\nSee <https://example.org>.") == []


def test_french_spacing_is_not_noise() -> None:
    text = "Il a dit\u00a0: «\u00a0oui\u00a0»\u00a0! Et 10\u00a0000\u202f? " * 40
    assert noise_in(text) == []


def test_markdown_wrapped_at_72_is_not_hard_wrapped() -> None:
    line = "the ministers met in Geneva and talked about the treaty for many hours"
    paragraphs = ["\n".join(f"{line} {p}.{i}" for i in range(8)) + "." for p in range(6)]
    assert noise_in("\n\n".join(paragraphs)) == []


def test_a_number_between_sentences_is_not_a_page_number() -> None:
    assert noise_in("The talks ended.\n\n2009\n\nThey began again.") == []


def test_no_acronyms_are_looked_for_inside_html_tags(make_course: MakeCourse) -> None:
    page = (
        '<BODY BGCOLOR="#FFFFFF" ALINK="#FF0000" VLINK="#800080">\n'
        "<TABLE><TR><TD>The IRQZ met.</TD></TR></TABLE>\n"
    )
    root = make_course({"articles/test-article.md": H + page})
    messages = [d.message for d in load_course(root).diagnostics]
    assert messages == [
        "the article contains HTML markup (7 tags or entities such as "
        '\'<BODY BGCOLOR="#FFFFFF" ALINK="#FF0000"…\'), which the documents would print as it is',
        "'IRQZ' (¶1) looks like a glossary term, but the glossary has no entry for it",
    ]


def test_files_in_articles_that_are_not_read(make_course: MakeCourse) -> None:
    root = make_course(
        {
            "articles/speech.txt": "A speech.\n",
            "articles/record.pdf": "%PDF-1.7\n",
            "articles/.DS_Store": "x",
            "articles/.draft.md": H + "Text.\n",
        }
    )
    (root / "articles" / "images").mkdir()
    found = [(d.path, d.message) for d in load_course(root).diagnostics]
    assert found == [
        (
            "articles/.draft.md",
            "'.draft.md' is a hidden file (its name starts with '.'): it is not read as an article",
        ),
        (
            "articles/record.pdf",
            "'record.pdf' is not used: only Markdown files (.md) in articles/ are articles",
        ),
        (
            "articles/speech.txt",
            "'speech.txt' is not used: only Markdown files (.md) in articles/ are articles",
        ),
    ]


def test_check_a11y_uses_the_same_detector() -> None:
    assert sources._CONTROLS is noise.CONTROLS
    assert sources.is_bad is noise.is_mojibake
    assert [f.line for f in sources.check_text("a.md", "ok\nstep\u00e2\u0080\u0090by\n")] == [2]


UN_RECORD = REPO / "tests" / "data" / "ungdc" / "AUS_60_2005.txt"  # provenance: its README.md


def test_a_un_record_pasted_as_text() -> None:
    """Australia's 2005 General Debate statement, as text from the UN's PDF record (UN General
    Debate corpus, CC0): hard-wrapped at ~50 characters, with page numbers."""
    found = article_noise(UN_RECORD.read_text(encoding="utf-8").split("\n"), 0, "a.md")
    assert [d.message.split(":")[0] for d in found] == [
        "the text looks hard-wrapped",
        "a line with only the number '5' is inside a sentence (2 such lines)",
    ]
