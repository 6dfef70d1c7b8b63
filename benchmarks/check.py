"""Is `coursegen check` linear in the size of a course? Loads a course whose article has 10,000
short paragraphs and one whose article has 100,000, side by side in the same run: ten times the
paragraphs should take about ten times as long (a quadratic step would make it a hundred).

Each paragraph names an acronym of its own, so the unknown-term warnings, the term matcher and
the paragraph numbering all see every paragraph. Run: .venv/bin/python -m benchmarks.check
"""

from __future__ import annotations

import shutil
import string
from pathlib import Path

from benchmarks.common import WORK, median_time, write_results
from coursegen.content.course import load_course
from coursegen.content.glossary import builtin_entries
from coursegen.source.files import MAX_ARTICLE_BYTES


def acronym(number: int) -> str:
    return "".join(string.ascii_uppercase[(number // 26**k) % 26] for k in range(4))


def make_course(folder: Path, paragraphs: int) -> Path:
    """One lesson that shows the whole of one article of `paragraphs` short paragraphs."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "articles").mkdir(parents=True)
    (folder / "lessons").mkdir()
    body = "\n\n".join(f"{acronym(i)} met {i}." for i in range(paragraphs))
    article = folder / "articles" / "long.md"
    article.write_text(f"---\ntitle: A long article\n---\n\n{body}\n", encoding="utf-8")
    assert article.stat().st_size <= MAX_ARTICLE_BYTES, "the article must be within the limit"
    (folder / "lessons" / "l.yaml").write_text(
        "title: The whole article\nreadings:\n  - article: long\n", encoding="utf-8"
    )
    return folder


def main() -> None:
    builtin_entries()  # the bank is read once per process; time what a course adds
    sizes = (10_000, 100_000)
    roots = {n: make_course(WORK / f"check-{n}", n) for n in sizes}
    for n, root in roots.items():
        course = load_course(root)
        assert not course.errors and len(course.articles["long"].paragraphs) == n
        assert len(course.diagnostics) > n * 0.9  # an unknown-term warning in most paragraphs
    times = {n: median_time(lambda root=root: load_course(root), 3) for n, root in roots.items()}
    small, large = (times[n] for n in sizes)
    table = (
        "| article | median of 3 |\n|---|---|\n"
        f"| 10,000 paragraphs ({(roots[10_000] / 'articles/long.md').stat().st_size:,} bytes) "
        f"| {small:.2f} s |\n"
        f"| 100,000 paragraphs ({(roots[100_000] / 'articles/long.md').stat().st_size:,} bytes) "
        f"| {large:.2f} s |\n"
        f"| ratio (linear ≈ 10×, quadratic ≈ 100×) | {large / small:.1f}× |\n"
    )
    print(table)
    write_results(
        "Checking a long article (load_course)", table, ".venv/bin/python -m benchmarks.check"
    )


if __name__ == "__main__":
    main()
