"""`coursegen build`: plan the outputs, skip what is up to date, render in workers, write atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from . import __version__
from .content.course import Course
from .content.terms import TermUse, lesson_terms
from .documents.lesson import build_documents, course_glossary
from .documents.model import Document
from .errors import Diagnostic
from .output import Manifest, keep_aside, write_atomic

FORMATS = ("pdf", "docx")
TEMPLATE_FOLDER = "templates"
REFERENCE_DOCX = "reference.docx"


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path
    formats: tuple[str, ...] = FORMATS
    force: bool = False
    jobs: int = 1


@dataclass(frozen=True)
class Job:
    rel: str  # output path relative to the output folder
    format: str
    document: Document
    inputs: str  # digest of all that the output is made from


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    failed_lessons: dict[str, list[Diagnostic]] = field(default_factory=dict)
    kept_aside: list[tuple[str, str]] = field(
        default_factory=list
    )  # (output, where the old copy went)
    errors: list[str] = field(default_factory=list)  # rendering failures, one line each
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed_lessons and not self.errors


Progress = Callable[[str, str], None]  # (event, output path): "built", "up-to-date", "failed"


def source_timestamp() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set, else a fixed date: the same inputs give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = int(epoch) if epoch.isdigit() else 946684800  # 2000-01-01T00:00:00Z
    return dt.datetime.fromtimestamp(seconds, dt.UTC).replace(tzinfo=None)


def plan(
    course: Course, lesson_ids: Sequence[str] | None, options: BuildOptions
) -> tuple[list[Job], BuildReport]:
    """Every output to produce, with the digest of its inputs; lessons with errors are left out."""
    report = BuildReport()
    whole_course = lesson_ids is None
    selected = list(course.lesson_files) if lesson_ids is None else list(lesson_ids)
    sound: list[tuple[str, list[TermUse]]] = []
    for lesson_id in selected:
        problems = course.problems_for(lesson_id)
        lesson = course.lessons.get(lesson_id)
        if problems or lesson is None:
            report.failed_lessons[lesson_id] = problems
            continue
        sound.append((lesson_id, lesson_terms(lesson, course.glossary)))
    fingerprints = {fmt: _format_fingerprint(course.root, fmt) for fmt in options.formats}
    jobs: list[Job] = []
    for lesson_id, uses in sound:
        documents = build_documents(course.settings, course.lessons[lesson_id], uses)
        for name, document in documents.items():
            jobs += _jobs(f"{lesson_id}/{name}", document, fingerprints)
    if whole_course and sound and not report.failed_lessons:
        glossary = course_glossary(course.settings, [(course.lessons[i], u) for i, u in sound])
        jobs += _jobs("glossary", glossary, fingerprints)
    return jobs, report


def _jobs(stem: str, document: Document, fingerprints: dict[str, bytes]) -> list[Job]:
    """A document's content stands for the lesson, articles, glossaries and course.yaml it is
    made from: an input change that does not change what a document says rebuilds nothing."""
    content = repr(document).encode("utf-8")  # canonical for frozen dataclasses; pickle is not
    return [
        Job(f"{stem}.{fmt}", fmt, document, hashlib.sha256(key + content).hexdigest())
        for fmt, key in fingerprints.items()
    ]


def _format_fingerprint(root: Path, fmt: str) -> bytes:
    """What a format's renderer reads besides the document: coursegen's version and the fixed
    date, plus the HTML templates (course and built-in) for PDF, or reference.docx for DOCX."""
    h = hashlib.sha256(f"{__version__}|{source_timestamp().isoformat()}|{fmt}".encode())
    own = root / TEMPLATE_FOLDER
    if fmt == "docx":
        reference = own / REFERENCE_DOCX
        h.update(reference.read_bytes() if reference.is_file() else b"")
        return h.digest()
    if own.is_dir():
        for path in sorted(own.rglob("*")):
            if path.is_file() and path.name != REFERENCE_DOCX:
                h.update(path.relative_to(own).as_posix().encode() + b"\0" + path.read_bytes())
    builtin = resources.files("coursegen") / "templates"
    for item in sorted(builtin.iterdir(), key=lambda p: p.name):
        if item.is_file():
            h.update(item.name.encode() + b"\0" + item.read_bytes())
    return h.digest()


def build(
    course: Course,
    lesson_ids: Sequence[str] | None,
    options: BuildOptions,
    progress: Progress | None = None,
) -> BuildReport:
    started = time.perf_counter()
    jobs, report = plan(course, lesson_ids, options)
    notify = progress or (lambda event, rel: None)
    for lesson_id in report.failed_lessons:
        notify("failed", course.lesson_files.get(lesson_id, lesson_id))
    options.out_dir.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(options.out_dir)
    pending = []
    for job in jobs:
        if not options.force and manifest.is_current(job.rel, job.inputs):
            report.up_to_date.append(job.rel)
            notify("up-to-date", job.rel)
        else:
            pending.append(job)
    try:
        _write_results(pending, course, options, manifest, report, notify)
    finally:
        manifest.save()
    report.seconds = time.perf_counter() - started
    return report


def _write_results(
    pending: list[Job],
    course: Course,
    options: BuildOptions,
    manifest: Manifest,
    report: BuildReport,
    notify: Progress,
) -> None:
    out = options.out_dir
    for job, result in _render_all(pending, course.root, options.jobs):
        if isinstance(result, Exception):
            report.errors.append(f"{job.rel}: could not be rendered: {result}")
            notify("failed", job.rel)
            continue
        target = out / job.rel
        if target.exists() and not manifest.is_ours(job.rel) and target.read_bytes() != result:
            moved = keep_aside(target)
            report.kept_aside.append((job.rel, moved.relative_to(out).as_posix()))
        write_atomic(target, result)
        manifest.record(job.rel, job.inputs, result)
        report.built.append(job.rel)
        notify("built", job.rel)


# --- rendering, in this process or in workers ------------------------------------------------

_renderer: _Renderer | None = None


class _Renderer:
    """Holds the template environment and WeasyPrint, loaded once per process."""

    def __init__(self, root: Path) -> None:
        from .render.docx import DocxRenderer
        from .render.html import HtmlRenderer

        self.root = root
        templates = root / TEMPLATE_FOLDER
        self.html = HtmlRenderer(templates)
        self.docx = DocxRenderer(templates / REFERENCE_DOCX)
        self.package = Path(str(resources.files("coursegen") / "templates"))
        self.timestamp = source_timestamp()
        from .render import pdf  # noqa: F401  (imports WeasyPrint now, not in the first job)

    def render(self, job: Job) -> bytes:
        if job.format == "docx":
            return self.docx.render(job.document, self.timestamp)
        from .render.pdf import html_to_pdf

        html = self.html.render(job.document, self.timestamp)
        return html_to_pdf(html, self.root, [self.root, self.package])


def _init_worker(root: Path) -> None:
    global _renderer
    _renderer = _Renderer(root)


def _render_in_worker(job: Job) -> bytes:
    assert _renderer is not None
    return _renderer.render(job)


def _render_all(
    jobs: list[Job], root: Path, workers: int
) -> Iterator[tuple[Job, bytes | Exception]]:
    if not jobs:
        return
    # PDFs take far longer than DOCX: start them first so the workers finish together.
    ordered = sorted(jobs, key=lambda j: (j.format != "pdf", j.rel))
    if workers <= 1 or len(jobs) == 1:
        renderer = _Renderer(root)
        for job in ordered:
            try:
                yield job, renderer.render(job)
            except Exception as exc:  # a template error must not stop the other documents
                yield job, exc
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(root,)
    ) as pool:
        futures: dict[Future[bytes], Job] = {pool.submit(_render_in_worker, j): j for j in ordered}
        for future in as_completed(futures):
            job = futures[future]
            try:
                yield job, future.result()
            except Exception as exc:
                yield job, exc
