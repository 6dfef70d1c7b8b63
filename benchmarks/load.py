"""How long `coursegen check` takes to load a course of 50 lessons and 50 articles.

Baseline, in the same run: plain yaml.safe_load of the same files (no positions, no
validation, no excerpt resolution). Run: .venv/bin/python benchmarks/load.py
"""

from __future__ import annotations

from pathlib import Path

import yaml

from benchmarks.common import WORK, make_course, median_time, write_results
from coursegen.content.course import load_course
from coursegen.content.glossary import builtin_entries


def main() -> None:
    root = make_course(WORK / "load-50", lessons=50, copies_of_articles=25)
    assert len(list((root / "articles").glob("*.md"))) == 50
    builtin_entries()  # the bank is read once per process; time what a course adds

    def plain() -> None:
        for path in sorted(Path(root).rglob("*.yaml")):
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for path in sorted((root / "articles").glob("*.md")):
            text = path.read_text(encoding="utf-8")
            yaml.load(text.split("---")[1], Loader=yaml.CSafeLoader)

    course = load_course(root)
    assert not course.errors and len(course.lessons) == 50
    ours = median_time(lambda: load_course(root), 7)
    base = median_time(plain, 7)
    table = (
        "| what | median of 7 |\n|---|---|\n"
        f"| load_course (50 lessons, 50 articles: YAML with positions, validation, excerpts, terms, warnings) | {ours * 1000:.0f} ms |\n"
        f"| baseline: yaml.load (libyaml CSafeLoader) of the same files | {base * 1000:.0f} ms |\n"
        f"| ratio | {ours / base:.1f}× the baseline |\n"
    )
    print(table)
    write_results("Loading a course", table, "python benchmarks/load.py")


if __name__ == "__main__":
    main()
