"""Glossary matching: 2,000 terms over a 200,000-word text, one pass.

Baseline, in the same run: one Python regular expression alternating all forms, longest
first, with the same word boundaries — the obvious alternative.
Run: .venv/bin/python benchmarks/matching.py
"""

from __future__ import annotations

import random
import re

from benchmarks.common import REPO, median_time, write_results
from coursegen.content.glossary import Entry, Glossary, builtin_entries
from coursegen.content.matcher import TermMatcher


def main() -> None:
    bank = list(builtin_entries())
    rng = random.Random(2009)
    extra = [
        Entry(
            f"{rng.choice('ABCDEFGHKLMNPRSTUVW')}{rng.choice('ABCDEFGHKLMNPRSTUVW')}{i}",
            "Padding.",
            aliases=(f"padding phrase number {i}",),
        )
        for i in range(2000 - len(bank))
    ]
    glossary = Glossary([*bank, *extra])
    forms = [f for e in glossary.entries.values() for f in e.forms]
    paragraphs = [
        p for a in sorted((REPO / "articles").glob("*.md")) for p in a.read_text().split("\n\n")[1:]
    ]
    text = ""
    while len(text.split()) < 200_000:
        text += rng.choice(paragraphs) + "\n\n"
    words = len(text.split())
    ours_matches = glossary.matcher.find(text)
    pattern = re.compile(
        r"(?<![^\W_])(?:"
        + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        + r")(?![^\W_])",
        re.IGNORECASE,
    )
    entries = list(glossary.entries.values())
    # A fresh matcher each time: the index is built and the text scanned (find() remembers texts).
    ours = median_time(lambda: TermMatcher(entries).find(text), 5)
    base = median_time(lambda: pattern.findall(text), 3)
    table = (
        f"{len(glossary)} entries ({len(forms)} forms) over {words:,} words; {len(ours_matches):,} matches.\n\n"
        "| what | median |\n|---|---|\n"
        f"| coursegen: build the TermMatcher index, then one pass (forms filed by first word) | {ours:.2f} s |\n"
        f"| baseline: one regex alternating all forms | {base:.2f} s |\n"
        f"| ratio | {base / ours:.1f}× faster than the baseline |\n"
    )
    print(table)
    write_results("Glossary matching", table, "python benchmarks/matching.py")


if __name__ == "__main__":
    main()
