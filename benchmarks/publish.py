"""Publishing speed: the course reader of a 24-lesson course, against the way it is done by hand.

In each run, on a course of 24 lessons (the sample lessons, repeated):
1. `coursegen publish --format pdf`: cold (the reader, the reading list, the course glossary);
   a no-op publish; a publish after rewording one lesson's question (the reader alone is
   remade: the reading list and the glossary do not change);
2. the baseline, the usual way to make a reader from per-lesson files: `coursegen build
   --format pdf` of the 24 handouts, then pypdf merging them into one file (which, measured,
   loses the structure tree, the language and the links: a reader that is not accessible).

Target (issue 14): the 24-lesson reader in ≤ 12 s on the 2-core machine. The ratio to the
baseline is taken within each run; the machine may be busy.

Run: .venv/bin/python -m benchmarks.publish --runs 3
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from benchmarks.build import reword, timed
from benchmarks.common import WORK, git_revision, make_course, write_results

COURSEGEN = str(Path(sys.executable).parent / "coursegen")
LESSONS = 24


def publish(root: Path, *args: str) -> float:
    return timed([COURSEGEN, "publish", "--course", str(root), "--format", "pdf", *args])[0]


def baseline(root: Path) -> tuple[float, bool]:
    """Seconds to build the handouts and merge them; whether the merged file kept its tags."""
    started = time.perf_counter()
    timed([COURSEGEN, "build", "--course", str(root), "--format", "pdf", "--out", str(root / "b")])
    writer = PdfWriter()
    for handout in sorted((root / "b").glob("*/handout.pdf")):
        writer.append(str(handout))
    merged = root / "merged.pdf"
    writer.write(str(merged))
    elapsed = time.perf_counter() - started
    catalog = PdfReader(merged).trailer["/Root"]
    return elapsed, "/StructTreeRoot" in catalog and "/Lang" in catalog


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    cold, noop, edit, base, ratios = [], [], [], [], []
    tagged = True
    for run in range(runs):
        root = make_course(WORK / "publish-course", LESSONS)
        cold.append(publish(root))
        noop.append(publish(root))
        reword(sorted((root / "lessons").glob("*.yaml"))[0], f"edit {run}")
        edit.append(publish(root))
        seconds, kept = baseline(root)
        base.append(seconds)
        tagged = tagged and kept
        ratios.append(cold[-1] / seconds)
        shutil.rmtree(root)

    def row(name: str, values: list[float]) -> str:
        return f"| {name} | {statistics.median(values):.2f} s | {min(values):.2f}–{max(values):.2f} s |"

    text = "\n".join(
        [
            f"A course of {LESSONS} lessons, {runs} runs, revision {git_revision()}.",
            "",
            "| measure | median | range |",
            "|---|---|---|",
            row("publish, cold (reader + reading list + glossary, PDF)", cold),
            row("publish, nothing changed", noop),
            row("publish after rewording one question (the reader alone)", edit),
            row("baseline: build 24 handout PDFs, merge them with pypdf", base),
            "",
            f"Cold publish / baseline: {statistics.median(ratios):.2f}× (median of the runs' "
            f"ratios). Target: the reader in ≤ 12 s: "
            f"{'met' if statistics.median(cold) <= 12 else 'not met'}. The merged baseline "
            f"{'kept' if tagged else 'lost'} its structure tree and language.",
        ]
    )
    print(text)
    write_results("Publishing", text, "python -m benchmarks.publish --runs 3")


if __name__ == "__main__":
    main()
