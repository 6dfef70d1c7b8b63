"""Build speed and memory: coursegen against a pandoc pipeline and the WeasyPrint floor, one run.

A course of 24 lessons (the sample lessons, repeated) is built by:
1. coursegen: cold (-j N), no-op rebuild, rebuild after editing one lesson (rewording a
   question: its handout and question sheets), rebuild after retitling it (which also changes
   the course glossary, which lists lesson titles), cold -j 1, cold -j 2;
2. the baseline, the way instructors do it today: per document, pandoc writes the DOCX, and
   pandoc's HTML through the `weasyprint` command writes the PDF — the same documents, the
   same text, the same parallelism;
3. the floor: WeasyPrint's layout-and-write time for coursegen's own HTML, in one process.

Run: bash benchmarks/run   (or .venv/bin/python -m benchmarks.build --runs 3)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

from benchmarks.common import WORK, git_revision, make_course, write_results
from coursegen.builder import BuildOptions, plan
from coursegen.content.course import load_course
from coursegen.documents.model import Document

COURSEGEN = [sys.executable, "-m", "coursegen.cli"]


def tree_rss(root_pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (via /proc children)."""
    total, stack = 0, [root_pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm") as statm:
                total += int(statm.read().split()[1]) * page
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    stack += [int(c) for c in children.read().split()]
        except (OSError, ValueError):
            continue
    return total


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall time and peak memory of the whole process tree (sampled every 50 ms)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(
            f"failed: {' '.join(command)}\n{process.stderr.read().decode() if process.stderr else ''}"
        )
    return elapsed, peak


def coursegen_build(root: Path, *args: str) -> tuple[float, int]:
    return timed([*COURSEGEN, "build", "--course", str(root), *args])


def markdown(document: Document) -> str:
    """The same text as coursegen's document, as pandoc Markdown."""
    lines = [
        f'---\ntitle: "{document.title}"\nlang: {document.language}\n---\n',
        f"{document.course.label}\n",
        f"# {document.lesson_title or document.course.title}\n",
        f"*{document.subtitle}*\n",
    ]
    if document.summary:
        lines.append(f"*{document.summary}*\n")
    if document.objectives:
        lines.append("## Learning objectives\n")
        lines += [f"- {o}" for o in document.objectives] + [""]
    for excerpt in document.excerpts:
        lines.append(f"## {excerpt.label}\n")
        if excerpt.note:
            lines.append(f"*{excerpt.note}*\n")
        for passage in excerpt.passages:
            text = "".join(f"**{s.text}**" if s.term else s.text for s in passage.spans)
            lines.append(
                f"¶{passage.number} {'… ' if passage.starts_mid else ''}{text}{' …' if passage.ends_mid else ''}\n"
            )
        lines.append(f"Source: {excerpt.citation}\n")
    for question in document.questions:
        lines.append(f"{question.number}. {question.text} ({question.cites})\n")
        if question.notes:
            lines.append(f"   *Notes:* {question.notes}\n")
        for excerpt in question.excerpts:
            lines += [f"   > ¶{p.number} {p.text}\n" for p in excerpt.passages]
    for term in document.terms:
        lines.append(
            f"**{term.term}**{f' ({term.expansion})' if term.expansion else ''}\n: {term.definition} {term.where}\n"
        )
    return "\n".join(lines)


def baseline(root: Path, workers: int) -> tuple[float, int]:
    """pandoc for DOCX; pandoc HTML → the weasyprint command for PDF; N documents at a time."""
    import pypandoc

    pandoc = pypandoc.get_pandoc_path()
    weasyprint = str(Path(sys.executable).parent / "weasyprint")
    jobs, _ = plan(
        load_course(root), None, BuildOptions(out_dir=root / "baseline", formats=("pdf",))
    )
    out = root / "baseline"
    shutil.rmtree(out, ignore_errors=True)
    sources = []
    for job in jobs:
        source = out / job.rel.replace(".pdf", ".md")
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(markdown(job.document), encoding="utf-8")
        sources.append(source)
    peak = 0
    stop = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss(os.getpid()))
            time.sleep(0.05)

    def one(source: Path) -> None:
        docx, html, pdf = (source.with_suffix(s) for s in (".docx", ".html", ".pdf"))
        subprocess.run([pandoc, str(source), "-o", str(docx)], check=True)
        subprocess.run([pandoc, str(source), "-s", "-o", str(html)], check=True)
        subprocess.run([weasyprint, str(html), str(pdf)], check=True, stderr=subprocess.DEVNULL)

    watcher = threading.Thread(target=watch)
    watcher.start()
    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, sources))
    elapsed = time.perf_counter() - started
    stop.set()
    watcher.join()
    return elapsed, peak


def floor(root: Path) -> float:
    """WeasyPrint layout and PDF writing of coursegen's own HTML, one process, nothing else."""
    from coursegen.builder import _Renderer
    from coursegen.render.pdf import html_to_pdf

    jobs, _ = plan(load_course(root), None, BuildOptions(out_dir=root / "floor", formats=("pdf",)))
    renderer = _Renderer(root)
    pages = [renderer.html.render(job.document, renderer.timestamp) for job in jobs]
    html_to_pdf(pages[0], root, [root])  # warm up: fonts, caches
    started = time.perf_counter()
    for html in pages:
        html_to_pdf(html, root, [root])
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lessons", type=int, default=24)
    args = parser.parse_args()
    workers = os.cpu_count() or 1
    root = make_course(WORK / "build-24", lessons=args.lessons)
    output = root / "output"
    results: dict[str, list[float]] = {}
    memory: dict[str, int] = {}

    def record(name: str, result: tuple[float, int]) -> None:
        results.setdefault(name, []).append(result[0])
        memory[name] = max(memory.get(name, 0), result[1])
        print(f"  {name}: {result[0]:.2f} s, {result[1] / 2**20:.0f} MB", flush=True)

    lesson = sorted((root / "lessons").glob("*.yaml"))[args.lessons // 2]
    for run in range(args.runs):
        print(f"run {run + 1} of {args.runs}", flush=True)
        shutil.rmtree(output, ignore_errors=True)
        record(f"coursegen cold, -j {workers}", coursegen_build(root, "-j", str(workers)))
        record("coursegen no-op rebuild", coursegen_build(root, "-j", str(workers)))
        data = yaml.safe_load(lesson.read_text(encoding="utf-8"))
        data["questions"][0]["question"] = f"(Reworded {run}) {data['questions'][0]['question']}"
        lesson.write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        record("coursegen after editing one lesson", coursegen_build(root, "-j", str(workers)))
        data["title"] = f"Retitled {run}: {data['title']}"
        lesson.write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        record("coursegen after retitling one lesson", coursegen_build(root, "-j", str(workers)))
        for jobs in (1, 2):
            shutil.rmtree(output, ignore_errors=True)
            record(f"coursegen cold, -j {jobs}", coursegen_build(root, "-j", str(jobs)))
        record(
            f"baseline: pandoc + weasyprint command, {workers} at a time", baseline(root, workers)
        )
        results.setdefault("floor: WeasyPrint layout + write, 1 process", []).append(floor(root))
    medians = {name: statistics.median(times) for name, times in results.items()}
    files = sum(1 for p in output.rglob("*") if p.suffix in (".pdf", ".docx"))
    cold = medians[f"coursegen cold, -j {workers}"]
    base = medians[f"baseline: pandoc + weasyprint command, {workers} at a time"]
    floor_time = medians["floor: WeasyPrint layout + write, 1 process"]
    rows = "\n".join(
        f"| {name} | {seconds:.2f} s | {memory[name] / 2**20:.0f} MB |"
        if name in memory
        else f"| {name} | {seconds:.2f} s | — |"
        for name, seconds in medians.items()
    )
    checks = [
        (
            "cold build ≥ 4× faster than the baseline",
            base / cold,
            f"{base / cold:.1f}×",
            base / cold >= 4,
        ),
        (
            f"cold build within 1.3× of floor ÷ {workers} workers",
            cold / (floor_time / workers),
            f"{cold / (floor_time / workers):.2f}×",
            cold / (floor_time / workers) <= 1.3,
        ),
        (
            "no-op rebuild < 3% of cold",
            medians["coursegen no-op rebuild"] / cold,
            f"{100 * medians['coursegen no-op rebuild'] / cold:.1f}%",
            medians["coursegen no-op rebuild"] / cold < 0.03,
        ),
        (
            "one edited lesson < 10% of cold",
            medians["coursegen after editing one lesson"] / cold,
            f"{100 * medians['coursegen after editing one lesson'] / cold:.1f}%",
            medians["coursegen after editing one lesson"] / cold < 0.10,
        ),
        (
            "-j 2 ≥ 1.6× faster than -j 1",
            medians["coursegen cold, -j 1"] / medians["coursegen cold, -j 2"],
            f"{medians['coursegen cold, -j 1'] / medians['coursegen cold, -j 2']:.2f}×",
            medians["coursegen cold, -j 1"] / medians["coursegen cold, -j 2"] >= 1.6,
        ),
        (
            "peak memory < 500 MB",
            max(memory.values()),
            f"{max(memory[n] for n in memory if n.startswith('coursegen')) / 2**20:.0f} MB",
            max(memory[n] for n in memory if n.startswith("coursegen")) < 500 * 2**20,
        ),
    ]
    table = (
        f"{args.lessons} lessons, {files} files (PDF and DOCX); medians of {args.runs} runs; "
        f"peak memory is the whole process tree (coursegen and its workers), sampled every 50 ms. "
        f"Revision {git_revision()}.\n\n"
        "| what | median wall time | peak memory |\n|---|---|---|\n" + rows + "\n\n"
        "| target | measured | met |\n|---|---|---|\n"
        + "\n".join(
            f"| {name} | {shown} | {'yes' if ok else 'no'} |" for name, _, shown, ok in checks
        )
    )
    print(table)
    write_results(
        "Building a course",
        table,
        f"python -m benchmarks.build --runs {args.runs} --lessons {args.lessons}",
    )


if __name__ == "__main__":
    main()
