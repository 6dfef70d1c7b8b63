"""`coursegen preview` in a real browser (headless Chromium, tests/browser.py): a saved edit
shows in the open page without a reload and without moving what the reader was looking at; a
broken lesson shows its problems over the page, and they go when it is fixed; the PDF link
follows the page.

The server runs on a copy of the sample course; the tests edit the copy's files the ways an
editor saves them (in place, or a new file renamed over the old one) and wait, with a limit,
for the page to change."""

from __future__ import annotations

import io
import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from selenium.common.exceptions import JavascriptException
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from coursegen.preview import PreviewServer

from conftest import copy_sample_course

pytestmark = [pytest.mark.browser, pytest.mark.render]

REPO = Path(__file__).resolve().parent.parent
LESSON = "01-reset-crisis-of-trust"
LESSON_FILE = f"lessons/{LESSON}.yaml"
ARTICLE_FILE = "articles/lavrov-2009-newsweek.md"
HANDOUT = f"{LESSON}/handout.html"
FIRST_QUESTION = 'What does Lavrov mean by the "London spirit"'
WAIT = 5.0  # seconds a page may take to show a save (a limit to wait, not a measure)
PDF_WAIT = 15.0  # the same for a PDF, rendered in the background
# Excerpt B's passage (¶1 … "a crisis of trust developed between us"): the paragraph the reader
# has scrolled to the top of the window.
ANCHOR = "main section.excerpt:nth-of-type(2) p.passage"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A copy of the repository's sample course."""
    return copy_sample_course(tmp_path / "course")


@pytest.fixture
def server(course: Path) -> Iterator[PreviewServer]:
    with PreviewServer(course) as running:
        yield running


def save(path: Path, text: str, atomically: bool = False) -> None:
    """Save as an editor does: in place, or (atomically) a new file renamed over the old."""
    if atomically:
        fresh = path.with_name(f".{path.name}.tmp")
        fresh.write_text(text, encoding="utf-8")
        os.replace(fresh, path)
    else:
        path.write_text(text, encoding="utf-8")


def edit(path: Path, old: str, new: str, atomically: bool = False) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    save(path, text.replace(old, new, 1), atomically)


def version(chromium: WebDriver) -> int:
    return int(chromium.execute_script("return document.documentElement.dataset.version"))


def wait_for(
    chromium: WebDriver, what: str, test: Callable[[WebDriver], object], limit: float = WAIT
) -> None:
    WebDriverWait(chromium, limit, poll_frequency=0.02).until(test, f"waited {limit} s for {what}")


def wait_for_version_above(chromium: WebDriver, before: int) -> int:
    wait_for(chromium, f"data-version above {before}", lambda d: version(d) > before)
    return version(chromium)


def text_of(chromium: WebDriver, selector: str) -> str:
    return str(
        chromium.execute_script(
            "var e = document.querySelector(arguments[0]); return e ? e.textContent : null",
            selector,
        )
        or ""
    )


def page_text(chromium: WebDriver) -> str:
    return " ".join(text_of(chromium, "main").split())


def anchor_top(chromium: WebDriver) -> float:
    return float(
        chromium.execute_script(
            "return document.querySelector(arguments[0]).getBoundingClientRect().top", ANCHOR
        )
    )


def problems(chromium: WebDriver) -> dict[str, object]:
    """The overlay: whether it is hidden, each problem's text and hints."""
    return dict(
        chromium.execute_script(
            """
            var box = document.getElementById("coursegen-problems");
            if (!box) return {present: false};
            return {
              present: true,
              hidden: box.hidden,
              items: Array.from(box.querySelectorAll("li")).map(function (li) {
                var copy = li.cloneNode(true);
                copy.querySelectorAll(".hint").forEach(function (h) { h.remove(); });
                return {text: copy.textContent.trim(),
                        hints: Array.from(li.querySelectorAll("p.hint")).map(function (p) {
                          return p.textContent.trim(); })};
              })
            };
            """
        )
    )


def open_page(chromium: WebDriver, server: PreviewServer, page: str) -> int:
    """Open a page of the preview; its version."""
    chromium.get(server.url + page)
    wait_for(
        chromium, "the page", lambda d: d.execute_script("return document.readyState") == "complete"
    )
    assert problems(chromium) == {"present": True, "hidden": True, "items": []}
    chromium.execute_script("window.__marker = 1")
    return version(chromium)


def scroll_anchor_to_top(chromium: WebDriver) -> float:
    chromium.execute_script(
        "document.querySelector(arguments[0]).scrollIntoView({block: 'start'})", ANCHOR
    )
    top = anchor_top(chromium)
    assert abs(top) <= 2, f"the page cannot scroll {ANCHOR} to the top of the window ({top})"
    assert chromium.execute_script("return window.scrollY") > 100
    return top


def still_the_same_page(chromium: WebDriver) -> None:
    """No navigation, no reload: the variable the test set in the page is still there."""
    assert chromium.execute_script("return window.__marker") == 1


@pytest.mark.parametrize("atomically", [False, True], ids=["in-place", "atomic"])
def test_a_saved_edit_shows_in_place_keeping_the_paragraph_at_the_top(
    chromium: WebDriver, server: PreviewServer, course: Path, atomically: bool
) -> None:
    before = open_page(chromium, server, HANDOUT)
    assert FIRST_QUESTION.replace('"', "") in page_text(chromium).replace('"', "")
    top = scroll_anchor_to_top(chromium)
    anchored = text_of(chromium, ANCHOR)
    lesson = course / LESSON_FILE
    # Reword the first question, and lengthen the summary above the paragraph in view (what
    # is above it grows: the page must scroll to keep it where it was).
    text = lesson.read_text(encoding="utf-8")
    text = text.replace(
        "What does Lavrov mean by the", "Reworded in the browser test: what does Lavrov mean by the"
    )
    text = text.replace(
        "  Georgia.\n",
        "  Georgia. "
        + "A sentence added above the paragraph in view to move it down. " * 12
        + "\n",
        1,
    )
    save(lesson, text, atomically)
    after = wait_for_version_above(chromium, before)
    assert after > before
    shown = page_text(chromium)
    assert "Reworded in the browser test: what does Lavrov mean by the" in shown
    assert "A sentence added above the paragraph in view to move it down." in shown
    still_the_same_page(chromium)
    assert text_of(chromium, ANCHOR) == anchored
    assert abs(anchor_top(chromium) - top) <= 3, (top, anchor_top(chromium))


def test_two_saves_20_ms_apart_give_one_update(
    chromium: WebDriver, server: PreviewServer, course: Path
) -> None:
    before = open_page(chromium, server, HANDOUT)
    chromium.execute_script(
        """
        window.__versions = [];
        new MutationObserver(function () {
          window.__versions.push(document.documentElement.dataset.version);
        }).observe(document.documentElement, {attributes: true, attributeFilter: ["data-version"]});
        """
    )
    lesson = course / LESSON_FILE
    edit(
        lesson, "What does Lavrov mean by", "First save: what does Lavrov mean by", atomically=True
    )
    time.sleep(0.02)
    edit(lesson, "First save: what", "Second save: what")  # in place
    wait_for(chromium, "the second save", lambda d: "Second save: what" in page_text(d))
    time.sleep(1.5)  # time for a second update, were there one
    changes = chromium.execute_script("return window.__versions")
    assert changes == [str(version(chromium))], f"the page changed {len(changes)} times: {changes}"
    assert version(chromium) > before
    assert "First save" not in page_text(chromium)
    still_the_same_page(chromium)


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        # a bad indent: `week` under the title's value
        ("\nweek: 5\n", "\n  week: 5\n"),
        # an unclosed quote
        (
            'title: "Resetting US–Russia relations (2009): the crisis of trust"\n',
            'title: "Resetting US–Russia relations (2009): the crisis of trust\n',
        ),
    ],
    ids=["bad-indent", "unclosed-quote"],
)
def test_a_broken_lesson_shows_its_problem_over_the_page_until_it_is_fixed(
    chromium: WebDriver, server: PreviewServer, course: Path, broken: str, fixed: str
) -> None:
    before = open_page(chromium, server, HANDOUT)
    lesson = course / LESSON_FILE
    good = lesson.read_text(encoding="utf-8")
    edit(lesson, broken, fixed)
    wait_for(chromium, "the problems overlay", lambda d: problems(d)["hidden"] is False)
    overlay = problems(chromium)
    items = overlay["items"]
    assert isinstance(items, list) and items, overlay
    ours = [item for item in items if item["text"].startswith(f"{LESSON_FILE}:")]
    assert ours, f"no problem starts with {LESSON_FILE}: in {items}"
    assert all(re.match(rf"{re.escape(LESSON_FILE)}:\d+:\d+: ", item["text"]) for item in ours)
    assert all(item["hints"] and all(item["hints"]) for item in ours), ours
    assert FIRST_QUESTION.replace('"', "") in page_text(chromium).replace('"', "")  # still shown
    still_the_same_page(chromium)
    # Fixed, with a reworded question: the overlay goes and the new content shows.
    save(
        lesson,
        good.replace("What does Lavrov mean by", "Fixed and reworded: what does Lavrov mean by"),
    )
    wait_for(chromium, "the overlay to go", lambda d: problems(d)["hidden"] is True)
    wait_for(chromium, "the fixed lesson", lambda d: "Fixed and reworded" in page_text(d))
    assert version(chromium) > before
    assert problems(chromium)["items"] == []
    still_the_same_page(chromium)


def test_an_edited_article_paragraph_updates_the_handout(
    chromium: WebDriver, server: PreviewServer, course: Path
) -> None:
    before = open_page(chromium, server, HANDOUT)
    assert "Our political relationship became too adversarial." in page_text(chromium)
    edit(
        course / ARTICLE_FILE,
        "Our political relationship became too adversarial.",
        "Our political relationship became far too adversarial.",
        atomically=True,
    )
    wait_for_version_above(chromium, before)
    assert "Our political relationship became far too adversarial." in page_text(chromium)
    still_the_same_page(chromium)


def pdf_version(chromium: WebDriver) -> int:
    try:
        value = chromium.execute_script(
            "return document.getElementById('coursegen-pdf').getAttribute('data-version')"
        )
    except JavascriptException as error:
        raise AssertionError("the page has no #coursegen-pdf link") from error
    return int(value)


def fetch_pdf(url: str) -> tuple[int, bytes] | None:
    """The PDF's version (X-Coursegen-Version) and bytes, or None while it is not ready."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.headers["X-Coursegen-Version"]), response.read()
    except urllib.error.HTTPError as error:
        if error.code == 503:  # not rendered yet
            return None
        raise


def pdf_text(data: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split()
    )


def test_the_pdf_link_follows_a_save_and_the_pdf_has_the_new_words(
    chromium: WebDriver, server: PreviewServer, course: Path
) -> None:
    before = open_page(chromium, server, HANDOUT)
    href = chromium.execute_script("return document.getElementById('coursegen-pdf').href")
    assert href == server.url + HANDOUT.replace(".html", ".pdf")
    wait_for(chromium, "the first PDF", lambda d: pdf_version(d) >= before, PDF_WAIT)
    first = pdf_version(chromium)
    edit(
        course / LESSON_FILE,
        "What does Lavrov mean by",
        "Pomegranate question: what does Lavrov mean by",
    )
    after = wait_for_version_above(chromium, before)
    wait_for(chromium, "the PDF link's new version", lambda d: pdf_version(d) >= after, PDF_WAIT)
    assert pdf_version(chromium) != first
    still_the_same_page(chromium)
    deadline = time.monotonic() + PDF_WAIT
    fetched = fetch_pdf(href)
    while (fetched is None or fetched[0] < after) and time.monotonic() < deadline:
        time.sleep(0.1)
        fetched = fetch_pdf(href)
    assert fetched is not None, f"{href} was never ready"
    served, data = fetched
    assert served >= after
    assert data.startswith(b"%PDF-")
    assert "Pomegranate question" in pdf_text(data)


def test_a_script_in_a_course_template_does_not_run_in_the_preview(
    chromium: WebDriver, course: Path
) -> None:
    """A course folder from someone else cannot run code in the instructor's browser: the
    preview's pages run its own script only (Content-Security-Policy with a nonce)."""
    (course / "templates").mkdir()
    (course / "templates" / "handout.html").write_text(
        '{% extends "builtin/handout.html" %}{% block heading %}'
        "<script>window.__template_ran = 1</script>{{ super() }}{% endblock %}",
        encoding="utf-8",
    )
    with PreviewServer(course) as running:
        before = open_page(chromium, running, f"{LESSON}/handout.html")
        assert chromium.execute_script("return window.__template_ran === undefined")
        assert "<script>window.__template_ran = 1</script>" in chromium.page_source
        edit(course / "lessons" / f"{LESSON}.yaml", "London spirit", "spirit of London")
        wait_for_version_above(chromium, before)  # the preview's own script still works
        assert chromium.execute_script("return window.__template_ran === undefined")
        still_the_same_page(chromium)
