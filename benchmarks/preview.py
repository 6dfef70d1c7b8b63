"""`coursegen preview`: how long after a save the open page, and its PDF, show the edit.

For each course (a copy of the sample course, and the generated 24-lesson course unless
--sample-only), a PreviewServer runs and headless Chromium (Debian's chromium and chromedriver,
driven by Selenium, offline) has one lesson's handout open. Then, N times (20 by default):
1. a MutationObserver in the page logs, at every change of a `data-version` (the page's, on
   <html>, and the PDF link's), the browser's Date.now() — and the page's own
   `window.coursegenSwapped` stamp, set when its swap has finished (scroll kept), where it has
   one;
2. time.time() is taken just before the lesson file is saved (a reworded question; saved in
   place and by rename over the old file, alternately);
3. save → updated page is the swap's Date.now() minus that time; save → refreshed PDF is the
   Date.now() at which the PDF link's data-version reached the new page version (the server
   has the PDF of the edit ready). Both clocks are this machine's wall clock.

The baseline, in the same run, is what an instructor does today after a save: `coursegen build
<lesson> --format pdf` (incremental: the lesson's changed PDFs), timed after every fourth edit
(a warm-up build first, not counted). Ratios are baseline ÷ preview, on medians.

Targets (issue 15), on the 2-core machine: save → updated page median ≤ 150 ms and 95th
percentile ≤ 300 ms; save → refreshed PDF ≤ 1 s (its median; the 95th percentile is shown).

Run: .venv/bin/python -m benchmarks.preview   (or with --edits 20 --sample-only)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.common import REPO, WORK, git_dirty, git_revision, make_course, write_results
from coursegen.preview import PreviewServer

COURSEGEN = str(Path(sys.executable).parent / "coursegen")
PAGE_MEDIAN, PAGE_P95, PDF_LIMIT = 0.150, 0.300, 1.0
WAIT = 30.0  # seconds to wait for a page or a PDF before giving up on the run

WATCH = """
window.__log = [];
var html = document.documentElement;
function note() {
  var link = document.getElementById("coursegen-pdf");
  window.__log.push({t: Date.now(), page: Number(html.getAttribute("data-version")),
                     pdf: link ? Number(link.getAttribute("data-version")) : -1,
                     swapped: window.coursegenSwapped || null});
}
if (window.__observer) window.__observer.disconnect();
window.__observer = new MutationObserver(note);
window.__observer.observe(html, {attributes: true, subtree: true, childList: true,
                                 attributeFilter: ["data-version"]});
"""

# Resolves (at once, or at the first change after this script started) with the first log entry
# whose page version is above arguments[0], then the first whose PDF version reached it.
UNTIL = """
var done = arguments[arguments.length - 1], before = arguments[0], wantPdf = arguments[1];
var limit = Date.now() + arguments[2] * 1000;
function look() {
  var log = window.__log, page = null, pdf = null;
  for (var i = 0; i < log.length; i++) {
    if (!page && log[i].page > before) page = log[i];
    if (page && !pdf && log[i].pdf >= page.page) pdf = log[i];
  }
  if (page && !page.swapped && window.coursegenSwapped) page.swapped = window.coursegenSwapped;
  if (page && (pdf || !wantPdf)) return done({page: page, pdf: pdf});
  if (Date.now() > limit) return done(null);
  setTimeout(look, 1);
}
look();
"""


def start_chromium() -> Any:
    """Headless Chromium through Debian's chromedriver, offline but for 127.0.0.1."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"
    browser = shutil.which("chromium") or "/usr/bin/chromium"
    driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not (Path(browser).is_file() and Path(driver).is_file()):
        raise SystemExit("needs Debian's chromium and chromium-driver: bash scripts/setup --dev")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,900",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--proxy-server=http://127.0.0.1:9",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-extensions",
        "--no-first-run",
    ):
        options.add_argument(flag)
    chrome = webdriver.Chrome(options=options, service=Service(executable_path=driver))
    chrome.set_script_timeout(WAIT + 5)
    return chrome


def reword(path: Path, number: int) -> None:
    """Reword the lesson's first question (a "(Edit N) " before it); saved in place (even
    edits) or as a new file renamed over the old one (odd edits)."""
    text = path.read_text(encoding="utf-8")
    text, found = re.subn(
        r"(- question: (?:>-\n\s*)?)(?:\(Edit \d+\) )?", rf"\g<1>(Edit {number}) ", text, count=1
    )
    assert found, f"no question in {path}"
    if number % 2:
        fresh = path.with_name(f".{path.name}.tmp")
        fresh.write_text(text, encoding="utf-8")
        os.replace(fresh, path)
    else:
        path.write_text(text, encoding="utf-8")


@dataclass
class Samples:
    page: list[float] = field(default_factory=list)
    pdf: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def baseline_build(root: Path, lesson: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            COURSEGEN,
            "build",
            "--course",
            str(root),
            str(lesson),
            "--format",
            "pdf",
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


@contextmanager
def handout_open(chrome: Any, root: Path, lesson: Path) -> Iterator[PreviewServer]:
    with PreviewServer(root) as server:
        chrome.get(f"{server.url}{lesson.stem}/handout.html")
        time.sleep(1.0)  # the event stream connects; the watcher settles
        yield server


def measure(chrome: Any, root: Path, lesson: Path, edits: int, every: int) -> Samples:
    samples = Samples()
    out = WORK / f"preview-baseline-{root.name}"
    shutil.rmtree(out, ignore_errors=True)
    baseline_build(root, lesson, out)  # warm-up: the lesson's PDFs exist, as after a first build
    with handout_open(chrome, root, lesson):
        # the first PDF of the open page
        chrome.execute_script(WATCH)
        first = chrome.execute_script("return Number(document.documentElement.dataset.version)")
        for number in range(edits):
            before = chrome.execute_script(
                "return Number(document.documentElement.dataset.version)"
            )
            chrome.execute_script(WATCH)
            saved = time.time()
            reword(lesson, number)
            result = chrome.execute_async_script(UNTIL, before, True, WAIT)
            if result is None:
                raise SystemExit(f"edit {number}: no update within {WAIT} s")
            page, pdf = result["page"], result["pdf"]
            swapped = page["swapped"] if (page["swapped"] or 0) / 1000 >= saved else page["t"]
            samples.page.append(swapped / 1000 - saved)
            samples.pdf.append(pdf["t"] / 1000 - saved)
            shown = chrome.execute_script("return document.querySelector('main').textContent")
            assert f"(Edit {number})" in shown, f"edit {number} is not in the page"
            line = f"  edit {number + 1}: page {samples.page[-1] * 1000:.0f} ms, PDF {samples.pdf[-1] * 1000:.0f} ms"
            if number % every == every - 1:
                samples.baseline.append(baseline_build(root, lesson, out))
                line += f", baseline build {samples.baseline[-1]:.2f} s"
            print(line, flush=True)
            time.sleep(0.5)  # a pause between saves, as when someone edits
        assert first >= 1
    return samples


def report(results: dict[str, tuple[Samples, int]], edits: int, every: int) -> str:
    rows, targets = [], []
    for name, (s, _) in results.items():
        page_median, page_p95 = statistics.median(s.page), p95(s.page)
        pdf_median, pdf_p95 = statistics.median(s.pdf), p95(s.pdf)
        base = statistics.median(s.baseline)
        rows.append(
            f"| {name} | {page_median * 1000:.0f} ms | {page_p95 * 1000:.0f} ms | "
            f"{pdf_median * 1000:.0f} ms | {pdf_p95 * 1000:.0f} ms | {base:.2f} s ({len(s.baseline)}) | "
            f"{base / page_median:.1f}× | {base / pdf_median:.1f}× |"
        )
        for what, value, limit in (
            ("save → updated page, median ≤ 150 ms", page_median, PAGE_MEDIAN),
            ("save → updated page, p95 ≤ 300 ms", page_p95, PAGE_P95),
            ("save → refreshed PDF, median ≤ 1 s", pdf_median, PDF_LIMIT),
        ):
            targets.append(
                f"| {name} | {what} | {value * 1000:.0f} ms | {'met' if value <= limit else 'not met'} |"
            )
    return (
        f"{edits} saves of a reworded question per course (in place and by rename, alternately), "
        "the lesson's handout open in headless Chromium 1280×900; times from just before the "
        "save (Python's time.time()) to the browser's Date.now() when the page had swapped in "
        "the new content (its `coursegenSwapped` stamp), and when the PDF link's data-version "
        "reached the new page's (the PDF of the edit ready on the server). Baseline: `coursegen "
        f"build <lesson> --format pdf` after a save (every {every} edits; count in brackets); "
        "ratios are baseline ÷ preview, on medians. "
        f"Revision {git_revision()}"
        + (" with uncommitted changes" if git_dirty() else "")
        + ".\n\n"
        "| course | page median | page p95 | PDF median | PDF p95 | baseline build (n) | "
        "baseline ÷ page | baseline ÷ PDF |\n|---|---|---|---|---|---|---|---|\n"
        + "\n".join(rows)
        + "\n\nTargets (issue 15, the 2-core machine):\n\n| course | target | measured | met |\n"
        "|---|---|---|---|\n" + "\n".join(targets)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument(
        "--baseline-every", type=int, default=4, help="a baseline build every N edits"
    )
    parser.add_argument("--sample-only", action="store_true", help="not the 24-lesson course")
    args = parser.parse_args()
    courses: list[tuple[str, Path, Path]] = []
    sample = WORK / "preview-sample"
    shutil.rmtree(sample, ignore_errors=True)
    sample.mkdir(parents=True)
    for name in ("course.yaml", "glossary.yaml", "excerpts.lock"):
        shutil.copy2(REPO / name, sample / name)
    for name in ("articles", "lessons"):
        shutil.copytree(REPO / name, sample / name)
    courses.append(
        ("sample course (4 lessons)", sample, sample / "lessons" / "01-reset-crisis-of-trust.yaml")
    )
    if not args.sample_only:
        large = make_course(WORK / "preview-24", lessons=24)
        courses.append(("24-lesson course", large, sorted((large / "lessons").glob("*.yaml"))[12]))
    chrome = start_chromium()
    results: dict[str, tuple[Samples, int]] = {}
    try:
        for name, root, lesson in courses:
            print(name, flush=True)
            results[name] = (
                measure(chrome, root, lesson, args.edits, args.baseline_every),
                args.edits,
            )
    finally:
        chrome.quit()
    text = report(results, args.edits, args.baseline_every)
    print(text)
    command = f"python -m benchmarks.preview --edits {args.edits}"
    command += f" --baseline-every {args.baseline_every}" + (
        " --sample-only" if args.sample_only else ""
    )
    write_results("Preview", text, command)


if __name__ == "__main__":
    main()
