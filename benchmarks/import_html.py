"""Saved web pages: how much of each page's article text `coursegen import` finds, against
trafilatura alone on the same pages, and how long it takes.

Score: token-level bag-of-words precision, recall and F1 against the page's ground truth, as in
the ScrapingHub article-extraction-benchmark (words lower-cased; a word counts as many times as
it occurs in both). Pages: every tests/data/html/*.html with a <page>.truth.json beside it
(generated pages, written for the tests), and every tests/data/html/real/*.html likewise (real
saved pages, openly licensed, with a ground truth made from the page: real/README.md); each
set has its own mean. The real pages in HELD_OUT were added after the importer's rules were
written and were not looked at while writing them: their mean is the untuned measure (none
now); ONCE_HELD_OUT were, until their untuned measure was recorded in real/README.md, and were
tuned on since: their own mean.
Trafilatura alone is `trafilatura.extract(bytes, favor_precision=True)` (its own decoding, its
defaults otherwise). Times are the median of 5 warm runs, excluding interpreter start.

Run: .venv/bin/python -m benchmarks.import_html
"""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from functools import partial
from pathlib import Path

from benchmarks.common import REPO, median_time

PAGES = REPO / "tests" / "data" / "html"
RUNS = 5
# real pages held out from the importer's tuning (real/README.md, "Held-out pages"): none now
HELD_OUT: tuple[str, ...] = ()
# held out until their untuned measure was recorded (real/README.md), then tuned on: their own
# mean, to compare with that measure
ONCE_HELD_OUT = (
    "real/firefox-nightly-blog.html",
    "real/perriault-blog.html",
    "real/wikipedia-3.html",
)


def tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.casefold()))


def scores(found: str, truth: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the words `found` against the words of `truth`."""
    got, want = tokens(found), tokens(truth)
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def ours(data: bytes) -> str:
    from coursegen.importers.html import extract

    return "\n".join(block.text for block in extract(data).blocks)


def trafilatura_alone(data: bytes) -> str:
    import trafilatura

    return trafilatura.extract(data, favor_precision=True) or ""


def pages(folder: Path = PAGES) -> list[tuple[str, bytes, str]]:
    """The folder's pages with a ground truth: name, bytes, and the truth's text."""
    out: list[tuple[str, bytes, str]] = []
    for truth in sorted(folder.glob("*.truth.json")):
        page = truth.with_name(truth.name.removesuffix(".truth.json") + ".html")
        blocks = json.loads(truth.read_text(encoding="utf-8"))
        name = page.relative_to(PAGES).as_posix()
        out.append((name, page.read_bytes(), "\n".join(b["text"] for b in blocks)))
    return out


def _row(name: str, data: bytes, truth: str) -> tuple[str, float, float, float]:
    """One page's table line, our F1, trafilatura's F1, and our time."""
    ours(data), trafilatura_alone(data)  # warm: imports, caches
    mine = scores(ours(data), truth)
    theirs = scores(trafilatura_alone(data), truth)
    mine_time = median_time(partial(ours, data), RUNS)
    their_time = median_time(partial(trafilatura_alone, data), RUNS)
    line = (
        f"| {name} | {' / '.join(f'{x:.3f}' for x in mine)} "
        f"| {' / '.join(f'{x:.3f}' for x in theirs)} | {mine_time:.3f} | {their_time:.3f} |"
    )
    return line, mine[2], theirs[2], mine_time


def run() -> list[str]:
    """The results as markdown table lines: F1 ours vs trafilatura's, and time per page; a mean
    for the real pages tuned on, one for those once held out, one for the held-out real pages
    (when there are any) and one for the generated."""
    lines = [
        "| page | coursegen P / R / F1 | trafilatura P / R / F1 | coursegen s | trafilatura s |",
        "|---|---|---|---|---|",
    ]
    real = pages(PAGES / "real")
    groups = (
        ("real", [page for page in real if page[0] not in HELD_OUT + ONCE_HELD_OUT]),
        ("once held-out real (tuned since)", [page for page in real if page[0] in ONCE_HELD_OUT]),
        ("held-out real", [page for page in real if page[0] in HELD_OUT]),
        ("generated", pages(PAGES)),
    )
    for label, group in groups:
        ours_f1: list[float] = []
        theirs_f1: list[float] = []
        ours_times: list[float] = []
        for name, data, truth in group:
            line, mine, theirs, mine_time = _row(name, data, truth)
            lines.append(line)
            ours_f1.append(mine)
            theirs_f1.append(theirs)
            ours_times.append(mine_time)
        if ours_f1:
            lines.append(
                f"| **mean of {len(ours_f1)} {label} pages** | F1 {statistics.mean(ours_f1):.3f} "
                f"| F1 {statistics.mean(theirs_f1):.3f} | max {max(ours_times):.3f} | |"
            )
    return lines


if __name__ == "__main__":
    for line in run():
        print(line)
