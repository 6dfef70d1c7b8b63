"""PDF import: paragraph-exact rate of coursegen against pdftotext, and time per page.

On every PDF fixture with a ground truth (tests/data/pdf/*.json), a paragraph counts when the
tool gives exactly that text (spaces collapsed) as one of its paragraphs. pdftotext's
paragraphs are its output split at blank lines, each one's lines joined with a space (what a
user pasting its text would get), in its default reading order and with -layout.

Run: .venv/bin/python benchmarks/import_pdf.py
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from pathlib import Path

from pypdf import PdfReader

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data" / "pdf"
RUNS = 3


def _normal(text: str) -> str:
    return " ".join(text.split())


def truth(pdf: Path) -> list[str]:
    blocks = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
    return [_normal(block["text"]) for block in blocks if not block["heading"]]


def exact(expected: list[str], got: list[str]) -> int:
    found = set(got)
    return sum(paragraph in found for paragraph in expected)


def ours(pdf: Path) -> tuple[list[str], float]:
    """coursegen's paragraphs, and the best of RUNS times (seconds)."""
    from coursegen.importers.pdf import extract

    data = pdf.read_bytes()
    times = []
    blocks: list[str] = []
    for _ in range(RUNS):
        started = time.perf_counter()
        found = extract(data)
        times.append(time.perf_counter() - started)
        blocks = [_normal(block.text) for block in found.paragraphs]
    return blocks, min(times)


def pdftotext(pdf: Path, *options: str) -> list[str] | None:
    """pdftotext's text split at blank lines; None when pdftotext is not installed."""
    if shutil.which("pdftotext") is None:
        return None
    text = subprocess.run(
        ["pdftotext", *options, "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True, check=True, text=True,
    ).stdout  # fmt: skip
    return [
        _normal(part) for part in re.split(r"\n\s*\n", text.replace("\f", "\n\n")) if part.strip()
    ]


def _rate(hits: int, total: int) -> str:
    return f"{hits}/{total} ({100 * hits / total:.0f}%)" if total else "–"


def run() -> list[str]:
    """The markdown table: one row per fixture and a total row."""
    lines = [
        "| PDF | pages | paragraphs | coursegen exact | pdftotext exact | pdftotext -layout exact "
        "| coursegen ms/page |",
        "|---|---|---|---|---|---|---|",
    ]
    totals = [0, 0, 0, 0, 0]
    seconds = 0.0
    for pdf in sorted(DATA.glob("*.pdf")):
        if not pdf.with_suffix(".json").exists():
            continue
        expected = truth(pdf)
        pages = len(PdfReader(pdf).pages)
        got, took = ours(pdf)
        plain = pdftotext(pdf) or []
        layout = pdftotext(pdf, "-layout") or []
        hits = [exact(expected, got), exact(expected, plain), exact(expected, layout)]
        for index, value in enumerate([len(expected), *hits, pages]):
            totals[index] += value
        seconds += took
        lines.append(
            f"| {pdf.name} | {pages} | {len(expected)} | {_rate(hits[0], len(expected))} | "
            f"{_rate(hits[1], len(expected))} | {_rate(hits[2], len(expected))} | "
            f"{1000 * took / pages:.0f} |"
        )
    total = totals[0]
    lines.append(
        f"| all | {totals[4]} | {total} | {_rate(totals[1], total)} | {_rate(totals[2], total)} "
        f"| {_rate(totals[3], total)} | {1000 * seconds / max(totals[4], 1):.0f} |"
    )
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
