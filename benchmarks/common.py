"""Shared helpers for the benchmarks: generated courses, timing, and the results file."""

from __future__ import annotations

import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "benchmarks" / "work"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import os

    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def make_course(folder: Path, lessons: int, copies_of_articles: int = 1) -> Path:
    """A course of `lessons` lessons cycling through the sample lessons (and article copies)."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "lessons").mkdir(parents=True)
    (folder / "articles").mkdir()
    shutil.copy2(REPO / "course.yaml", folder / "course.yaml")
    shutil.copy2(REPO / "glossary.yaml", folder / "glossary.yaml")
    articles = sorted((REPO / "articles").glob("*.md"))
    for copy in range(copies_of_articles):
        for article in articles:
            name = article.stem if copy == 0 else f"{article.stem}-{copy}"
            shutil.copy2(article, folder / "articles" / f"{name}.md")
    samples = sorted((REPO / "lessons").glob("*.yaml"))
    for number in range(lessons):
        source = samples[number % len(samples)]
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        data["title"] = f"{data['title']} ({number + 1})"
        data["week"] = number + 1
        copy = (number // len(samples)) % copies_of_articles
        if copy:
            for reading in data["readings"]:
                reading["article"] = f"{reading['article']}-{copy}"
        (folder / "lessons" / f"{number + 1:02d}-{source.stem[3:]}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return folder


def write_results(section: str, text: str, command: str) -> None:
    """Replace one section of benchmarks/RESULTS.md, keeping the others."""
    path = REPO / "benchmarks" / "RESULTS.md"
    sections: dict[str, str] = {}
    if path.exists():
        current = None
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
            if line.startswith("## "):
                current = line[3:].strip()
                sections[current] = ""
            elif current:
                sections[current] += line
    sections[section] = f"\n{text.strip()}\n\nMachine: {machine()}.  \nCommand: `{command}`\n\n"
    body = "# Benchmark results\n\nWritten by the scripts in benchmarks/; each section by its own script.\n\n"
    body += "".join(f"## {name}\n{content}" for name, content in sorted(sections.items()))
    path.write_text(body, encoding="utf-8")


def _git(*args: str) -> str | None:
    """What a git command prints, or None when git is missing or fails."""
    try:
        return subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def git_revision() -> str:
    return _git("rev-parse", "--short", "HEAD") or "unknown"


def git_dirty() -> bool:
    """True when src/ or the benchmarks (this file of results aside) have uncommitted changes."""
    return bool(_git("status", "--porcelain", "--", "src", "benchmarks", ":!*RESULTS.md"))


PYTHON = sys.executable
