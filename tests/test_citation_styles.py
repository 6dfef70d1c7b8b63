"""Citations in a named style against pandoc's citeproc: golden strings, italics included.

tests/data/citations/sources.yaml holds one article's front matter for each kind of source an IR
course reads (op-ed, wire report, speech, UN resolution, treaty, government statement, think
tank's report, journal article, book chapter, web page, book, interview). <style>.json is what
`pandoc --citeproc` 3.9 made of them with the same .csl file (generate.py wrote it; pandoc is not
needed here). Each entry must equal pandoc's, run by run, and the bibliography must come out in
pandoc's order.

The four citeproc-py bugs of issue 14 are each exercised (content/citestyle.py works around them):
- initialize="false" ignored: Chicago and MLA print full given names ("Lavrov, Sergey",
  "Oliker, Olga, and Andrey Baklitskiy", "edited by Andrei Tsygankov"): op-ed, report, chapter;
- an empty variable's label: Chicago's "Edition." after a newspaper article with no edition:
  op-ed, wire report;
- punctuation-in-quote: Chicago's and MLA's `“Title.”`: every quoted title;
- the bibliography unsorted: test_bibliography_order gives the sources in file order, which is
  not pandoc's.
and the others found on this input: MLA's page range "5–49" (was "5–9": journal article), MLA's
treaty title printed twice (a substituted macro's variables not suppressed), APA's "(Ed.)" (a
label's title case skipped: chapter), particles ("Gaulle, Charles de" in Chicago; "de" not
capitalised in a title: interview) and typographic apostrophes (report).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from coursegen.content.articles import Article, parse_article
from coursegen.content.citestyle import STYLES, Run, bibliography, format_entry, locale_for

DATA = Path(__file__).parent / "data" / "citations"


def _articles() -> list[Article]:
    found = []
    for source in yaml.safe_load((DATA / "sources.yaml").read_text(encoding="utf-8")):
        text = "---\n" + source["front"] + "---\n\nText.\n"
        article, problems = parse_article(text, source["id"], source["id"] + ".md", [])
        assert article is not None and not problems
        found.append(article)
    return found


ARTICLES = _articles()
KINDS = {s["id"]: s["kind"] for s in yaml.safe_load((DATA / "sources.yaml").read_text("utf-8"))}


def _expected(style: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads((DATA / f"{style}.json").read_text("utf-8"))[
        "entries"
    ]
    return entries


def _runs(runs: tuple[Run, ...]) -> list[list[object]]:
    return [[run.text, run.italic] for run in runs]


def test_the_sources_cover_each_kind_an_ir_course_uses() -> None:
    kinds = set(KINDS.values())
    assert {
        "op-ed", "wire report", "speech", "UN resolution", "treaty", "government statement",
        "think-tank report", "journal article", "book chapter", "web page",
    } <= kinds  # fmt: skip
    for style in STYLES:
        assert {entry["id"] for entry in _expected(style)} == set(KINDS)


@pytest.mark.parametrize("style", list(STYLES))
@pytest.mark.parametrize("article", ARTICLES, ids=[a.id for a in ARTICLES])
def test_entry_equals_pandoc(style: str, article: Article) -> None:
    expected = next(e["runs"] for e in _expected(style) if e["id"] == article.id)
    assert _runs(format_entry(article, style)) == expected


@pytest.mark.parametrize("style", list(STYLES))
def test_bibliography_order_equals_pandoc(style: str) -> None:
    assert [a.id for a, _ in bibliography(ARTICLES, style)] != [a.id for a in ARTICLES]
    got = [(a.id, _runs(runs)) for a, runs in bibliography(ARTICLES, style)]
    assert got == [(e["id"], e["runs"]) for e in _expected(style)]
    # the order does not depend on the order given
    assert bibliography(list(reversed(ARTICLES)), style) == bibliography(ARTICLES, style)


def _text(style: str, article_id: str) -> str:
    article = next(a for a in ARTICLES if a.id == article_id)
    return Run.join(format_entry(article, style))


def test_each_citeproc_py_bug_is_corrected() -> None:
    """The four bugs of issue 14 by name, on the golden sources (also compared in full above)."""
    chicago = _text("chicago-author-date", "lavrov-2009-independent")
    assert chicago.startswith("Lavrov, Sergey. 2009.")  # initialize="false"
    assert "Edition" not in chicago  # no label for an empty variable
    assert "Adversaries.”" in chicago  # punctuation-in-quote
    assert "Lavrov.”" in _text("mla", "afp-2009-hindu")
    assert "Oliker, Olga, and Andrey Baklitskiy" in _text("mla", "oliker-2016-rand")
    assert "pp. 5–49" in _text("mla", "mearsheimer-1994")


def test_locale_follows_the_course_language() -> None:
    assert locale_for("en") == "en-US"
    assert locale_for("en-GB") == "en-GB"
    assert locale_for("fr") == "fr-FR"
    assert locale_for("ru") == "ru-RU"
    assert locale_for("xx") == "en-US"
    article = next(a for a in ARTICLES if a.id == "kissinger-2014-order")
    assert Run.join(format_entry(article, "mla", "fr")) == (
        "Kissinger, Henry. World Order. Penguin Press, 2014."
    )
