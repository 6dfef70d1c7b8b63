"""Build speed and memory: coursegen against a pandoc pipeline and the WeasyPrint floor, one run.

A course of 24 lessons (the sample lessons, repeated) is built, in each run, by:
1. coursegen: cold (-j N), no-op rebuilds, rebuilds after editing one lesson (rewording a
   question: its handout and question sheets, 3 PDF + 3 DOCX), a rebuild after retitling it
   (which also changes the course glossary, which lists lesson titles), cold -j 1 (and -j 2);
2. the baseline, the way instructors do it today: per document, pandoc writes the DOCX, and
   pandoc's HTML through the `weasyprint` command writes the PDF — the same documents, the
   same text, the same parallelism;
3. the floor: WeasyPrint's layout-and-write time for coursegen's own HTML, in one process.

The machine may be busy: everything is measured in every run, one after the other, and the
targets are checked on ratios taken within each run (their median over the runs, and their
range). --against REV also builds with coursegen at git revision REV (cold, no-op, edit), in the
same runs, alternating which goes first. Python caches compiled modules, as it does by default
on an instructor's machine (a PYTHONDONTWRITEBYTECODE in the environment is dropped).

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
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from benchmarks.common import REPO, WORK, git_dirty, git_revision, make_course, write_results
from coursegen.builder import BuildOptions, plan, source_timestamp
from coursegen.content.course import load_course
from coursegen.documents.model import Document

COURSEGEN = [str(Path(sys.executable).parent / "coursegen")]  # the installed command
CURRENT = "coursegen"
COLD = "cold, -j {}"
NOOP = "no-op rebuild"
EDIT = "after editing one lesson"
RETITLE = "after retitling one lesson"
BASELINE = "baseline: pandoc + weasyprint command, {} at a time"
FLOOR = "floor: WeasyPrint layout + write, 1 process"


def tree_rss(root_pid: int, children_only: bool = False) -> int:
    """Resident memory of a process and all its descendants, in bytes (via /proc children)."""
    total, stack = 0, [root_pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while stack:
        pid = stack.pop()
        try:
            if pid != root_pid or not children_only:
                with open(f"/proc/{pid}/statm") as statm:
                    total += int(statm.read().split()[1]) * page
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    stack += [int(c) for c in children.read().split()]
        except (OSError, ValueError):
            continue
    return total


def watch_memory(pid: int, children_only: bool = False) -> Callable[[], int]:
    """Sample the memory of a process tree every 50 ms until the returned function is called;
    it returns the peak."""
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            own = tree_rss(pid, children_only)
            peak = max(peak, own)
            stop.wait(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()

    def finish() -> int:
        stop.set()
        thread.join()
        return peak

    return finish


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time (to the exit of the process) and peak memory of the whole process tree."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    peak = watch_memory(process.pid)
    _, errors = process.communicate()
    elapsed = time.perf_counter() - started
    peak_bytes = peak()
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{errors}")
    return elapsed, peak_bytes


def coursegen_build(root: Path, *args: str, env: dict[str, str] | None = None) -> tuple[float, int]:
    return timed([*COURSEGEN, "build", "--course", str(root), *args], env)


def markdown(document: Document) -> str:
    """The same text as coursegen's document, as pandoc Markdown."""
    lines = [
        f'---\ntitle: "{document.meta.title}"\nlang: {document.meta.language}\n---\n',
        f"{document.course_line}\n",
        f"# {document.heading}\n",
        f"*{document.subtitle}*\n",
    ]
    if document.meta_line:
        lines.append(f"{document.meta_line}\n")
    if document.summary:
        lines.append(f"*{document.summary}*\n")
    if document.objectives:
        lines.append(f"## {document.objectives_heading}\n")
        lines += [f"- {o}" for o in document.objectives] + [""]
    if document.instructions:
        lines.append(f"*{document.instructions}*\n")
    for excerpt in document.excerpts:
        lines.append(f"## {excerpt.label}\n")
        if excerpt.note:
            lines.append(f"*{excerpt.note}*\n")
        for passage in excerpt.passages:
            if passage.heading:
                lines.append(f"### {passage.heading}\n")
            text = "".join(f"**{s.text}**" if s.term else s.text for s in passage.spans)
            lines.append(
                f"{passage.label} {'… ' if passage.starts_mid else ''}{text}{' …' if passage.ends_mid else ''}\n"
            )
        lines.append(f"{excerpt.source}\n")
    if document.questions_heading:
        lines.append(f"## {document.questions_heading} {document.questions_total or ''}\n")
    for question in document.questions:
        if question.heading:
            lines.append(f"### {question.heading} {question.meta or ''}\n")
        lines.append(f"{question.number}. {question.text} {question.cites or ''}\n")
        if question.notes:
            lines.append(f"   *{question.notes_label}:* {question.notes}\n")
        for excerpt in question.excerpts:
            lines += [f"   > {p.label} {p.text}\n" for p in excerpt.passages]
        lines += ["   ___\n"] * question.answer_lines
    for term in document.terms:
        lines.append(
            f"**{term.term}**{f' {term.expansion}' if term.expansion else ''}\n"
            f": {term.definition} {term.where or ''} {term.see or ''}\n"
        )
    if document.empty:
        lines.append(f"{document.empty}\n")
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

    def one(source: Path) -> None:
        docx, html, pdf = (source.with_suffix(s) for s in (".docx", ".html", ".pdf"))
        subprocess.run([pandoc, str(source), "-o", str(docx)], check=True)
        subprocess.run([pandoc, str(source), "-s", "-o", str(html)], check=True)
        subprocess.run([weasyprint, str(html), str(pdf)], check=True, stderr=subprocess.DEVNULL)

    peak = watch_memory(os.getpid(), children_only=True)
    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, sources))
    return time.perf_counter() - started, peak()


def floor(root: Path) -> float:
    """WeasyPrint layout and PDF writing of coursegen's own HTML, one process, nothing else."""
    from coursegen.render.pdf import PdfRenderer
    from coursegen.render.weasy import html_to_pdf

    jobs, _ = plan(load_course(root), None, BuildOptions(out_dir=root / "floor", formats=("pdf",)))
    renderer = PdfRenderer(root, source_timestamp())
    pages = [renderer.html.render(job.document) for job in jobs]
    html_to_pdf(pages[0], root, renderer.allowed)  # warm up: fonts, caches
    started = time.perf_counter()
    for html in pages:
        html_to_pdf(html, root, renderer.allowed)
    return time.perf_counter() - started


def floor_in_subprocess(root: Path) -> float:
    """floor(), in a fresh process: this one stays free of WeasyPrint (and its memory)."""
    command = [sys.executable, "-m", "benchmarks.build", "--floor-of", str(root)]
    return float(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def source_of(revision: str) -> tuple[str, Path]:
    """coursegen's src/ at a git revision, unpacked under benchmarks/work/ (for PYTHONPATH)."""
    short = subprocess.run(
        ["git", "rev-parse", "--short", revision],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    folder = WORK / f"src-{short}"
    if not (folder / "src").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "archive", short, "src"], cwd=REPO, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return short, folder / "src"


def reword(lesson: Path, label: str) -> None:
    """Edit one lesson the way an instructor does most often: reword its first question."""
    data = yaml.safe_load(lesson.read_text(encoding="utf-8"))
    question = data["questions"][0]["question"].split(") ", 1)[-1]
    data["questions"][0]["question"] = f"({label}) {question}"
    lesson.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def retitle(lesson: Path, label: str) -> None:
    data = yaml.safe_load(lesson.read_text(encoding="utf-8"))
    data["title"] = f"{data['title'].split(': ', 1)[-1]}: {label}"
    lesson.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@dataclass
class Measures:
    """Every sample of every measure, by run, and the peak memory of each."""

    times: dict[str, list[list[float]]] = field(default_factory=dict)
    memory: dict[str, int] = field(default_factory=dict)

    def add(self, run: int, name: str, result: tuple[float, int] | float) -> None:
        seconds, peak = result if isinstance(result, tuple) else (result, 0)
        runs = self.times.setdefault(name, [])
        runs += [[] for _ in range(run + 1 - len(runs))]
        runs[run].append(seconds)
        if peak:
            self.memory[name] = max(self.memory.get(name, 0), peak)
        shown = f", {peak / 2**20:.0f} MB" if peak else ""
        print(f"  {name}: {seconds:.2f} s{shown}", flush=True)

    def median(self, name: str) -> float:
        return statistics.median(t for run in self.times[name] for t in run)

    def ratios(self, top: str, bottom: str, scale: float = 1.0) -> list[float]:
        """top / bottom within each run (each the median of the run's samples)."""
        return [
            statistics.median(a) / statistics.median(b) * scale
            for a, b in zip(self.times[top], self.times[bottom], strict=True)
            if a and b
        ]


@dataclass(frozen=True)
class Target:
    name: str
    ratios: list[float]
    limit: float
    at_most: bool  # the ratio must be at most the limit (else at least)
    unit: str  # "%" or "×"

    def shown(self, value: float) -> str:
        return f"{100 * value:.1f}%" if self.unit == "%" else f"{value:.2f}×"

    @property
    def value(self) -> float:
        return statistics.median(self.ratios)

    @property
    def met(self) -> bool:
        return self.value <= self.limit if self.at_most else self.value >= self.limit

    def row(self) -> str:
        spread = f"{self.shown(min(self.ratios))}–{self.shown(max(self.ratios))}"
        return (
            f"| {self.name} | {self.shown(self.value)} | {spread} | "
            f"{'met' if self.met else 'not met'} |"
        )


@dataclass(frozen=True)
class Variant:
    """One coursegen measured: its name, output folder and environment (None: this one)."""

    name: str
    out: Path
    env: dict[str, str] | None = None

    def build(self, root: Path, jobs: int) -> tuple[float, int]:
        return coursegen_build(root, "--out", str(self.out), "-j", str(jobs), env=self.env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lessons", type=int, default=24)
    parser.add_argument("--edits", type=int, default=3, help="edits and no-op builds per run")
    parser.add_argument("--against", metavar="REV", help="also build with coursegen at REV")
    parser.add_argument("--floor-of", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor_of:
        print(floor(args.floor_of))
        return
    # Every command runs as Python runs on an instructor's machine, caching compiled modules
    # (a pip install compiles them; this machine's PYTHONDONTWRITEBYTECODE=1 would make each
    # `coursegen` compile its ~100 modules again, ~60 ms of every no-op build). The first,
    # cold build of each variant writes the caches before anything is compared.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    workers = os.cpu_count() or 1
    root = make_course(WORK / "build-24", lessons=args.lessons)
    variants = [Variant(CURRENT, root / "output")]
    if args.against:
        short, source = source_of(args.against)
        env = {**os.environ, "PYTHONPATH": str(source)}
        variants.append(Variant(f"coursegen {short}", root / f"output-{short}", env))
    lesson = sorted((root / "lessons").glob("*.yaml"))[args.lessons // 2]
    measures = Measures()
    for run in range(args.runs):
        print(f"run {run + 1} of {args.runs}", flush=True)
        shift = run % len(variants)
        order = variants[shift:] + variants[:shift]  # who goes first alternates
        for variant in order:
            shutil.rmtree(variant.out, ignore_errors=True)
        for variant in order:
            measures.add(
                run, f"{variant.name} {COLD.format(workers)}", variant.build(root, workers)
            )
        for number in range(args.edits):
            for variant in order:
                measures.add(run, f"{variant.name} {NOOP}", variant.build(root, workers))
            reword(lesson, f"Reworded {run}.{number}")
            for variant in order:
                measures.add(run, f"{variant.name} {EDIT}", variant.build(root, workers))
        retitle(lesson, f"Retitled {run}")
        for variant in order:
            measures.add(run, f"{variant.name} {RETITLE}", variant.build(root, workers))
        for jobs in sorted({1, 2} - {workers}):
            shutil.rmtree(variants[0].out, ignore_errors=True)
            measures.add(run, f"{CURRENT} {COLD.format(jobs)}", variants[0].build(root, jobs))
        measures.add(run, BASELINE.format(workers), baseline(root, workers))
        measures.add(run, FLOOR, floor_in_subprocess(root))
    write_report(args, measures, variants, workers)


def write_report(
    args: argparse.Namespace, measures: Measures, variants: list[Variant], workers: int
) -> None:
    current, cold, noop, edit = CURRENT, COLD.format(workers), NOOP, EDIT
    files = sum(1 for p in variants[0].out.rglob("*") if p.suffix in (".pdf", ".docx"))
    base, floor_name = BASELINE.format(workers), FLOOR
    rows = "\n".join(
        f"| {name} | {measures.median(name):.2f} s | "
        + (f"{measures.memory[name] / 2**20:.0f} MB |" if name in measures.memory else "— |")
        for name in measures.times
    )
    j1 = f"{current} cold, -j 1" if workers != 1 else f"{current} {cold}"
    j2 = f"{current} cold, -j 2" if workers != 2 else f"{current} {cold}"
    ours = [n for n in measures.memory if n.startswith(f"{current} ")]
    targets = [
        Target(
            "one edited lesson (3 PDF + 3 DOCX) ≤ 8% of cold",
            measures.ratios(f"{current} {edit}", f"{current} {cold}"),
            0.08,
            True,
            "%",
        ),
        Target(
            "no-op rebuild ≤ 3% of cold",
            measures.ratios(f"{current} {noop}", f"{current} {cold}"),
            0.03,
            True,
            "%",
        ),
        Target(
            f"cold build ≤ 1.3× the floor ÷ {workers} workers",
            measures.ratios(f"{current} {cold}", floor_name, scale=workers),
            1.3,
            True,
            "×",
        ),
        Target(
            "cold build ≥ 4× faster than the baseline",
            measures.ratios(base, f"{current} {cold}"),
            4,
            False,
            "×",
        ),
        Target("-j 2 ≥ 1.6× faster than -j 1", measures.ratios(j1, j2), 1.6, False, "×"),
    ]
    peak = max(measures.memory[n] for n in ours)
    table = (
        f"{args.lessons} lessons, {files} files (PDF and DOCX); {args.runs} runs, each with "
        f"{args.edits} no-op rebuilds and {args.edits} one-lesson edits; medians. Peak memory is "
        "the resident memory of the whole process tree (coursegen and its workers), sampled every "
        "50 ms; pages that forked workers share are counted in each of them. "
        f"Revision {git_revision()}"
        + (" with uncommitted changes" if git_dirty() else "")
        + ".\n\n| what | median wall time | peak memory |\n|---|---|---|\n"
        + rows
        + "\n\nTargets, on ratios taken within each run: their median over the runs, and their "
        "range.\n\n| target | measured | range | met |\n|---|---|---|---|\n"
        + "\n".join(t.row() for t in targets)
        + f"\n| peak memory < 500 MB | {peak / 2**20:.0f} MB | — | "
        + ("met" if peak < 500 * 2**20 else "not met")
        + " |"
    )
    for name in (v.name for v in variants[1:]):
        table += (
            f"\n\n{name} against this revision, ratios within each run (above 1: this revision "
            "is faster):\n\n| build | median | range |\n|---|---|---|\n"
        )
        for what in (cold, noop, edit, RETITLE):
            ratios = measures.ratios(f"{name} {what}", f"{current} {what}")
            table += (
                f"| {what} | {statistics.median(ratios):.2f}× | "
                f"{min(ratios):.2f}×–{max(ratios):.2f}× |\n"
            )
    print(table)
    command = f"python -m benchmarks.build --runs {args.runs} --lessons {args.lessons}"
    command += f" --edits {args.edits}" + (f" --against {args.against}" if args.against else "")
    write_results("Building a course", table, command)


if __name__ == "__main__":
    main()
