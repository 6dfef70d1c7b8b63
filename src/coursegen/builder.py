"""`coursegen build`: plan the outputs, skip what is up to date, render in workers, write atomically.

plan      every document of the selected lessons (and the course) × every chosen format,
          each with a digest of all it is made from
skip      outputs whose digest and bytes match the build record
render    through the format registry, in this process or in a pool of workers
write     atomically, keeping aside files changed by hand, recording each in the manifest
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .content.course import Course
from .documents import planned_documents
from .documents.model import Document
from .errors import CoursegenError, Diagnostic
from .output import Manifest, keep_aside, write_atomic
from .render import Format, FormatUnavailable, Renderer, format_names, get_format

DEFAULT_EPOCH = 946684800  # 2000-01-01T00:00:00Z: the date written into every output by default
# Up to this many outputs are rendered in this process: starting workers (each importing
# WeasyPrint) costs more than it saves for the few files an edit rebuilds.
INLINE_JOBS = 2


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path
    formats: tuple[str, ...] = ()  # empty: every registered format
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
    kept_aside: list[tuple[str, str]] = field(default_factory=list)  # (output, old copy)
    errors: list[str] = field(default_factory=list)  # rendering failures, one line each
    unavailable: dict[str, str] = field(default_factory=dict)  # format -> why it cannot be made
    not_built: list[str] = field(default_factory=list)  # outputs of unavailable formats
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed_lessons and not self.errors and not self.unavailable


Progress = Callable[[str, str], None]  # (event, output path): "built", "up-to-date", "failed"


def source_timestamp() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set, else a fixed date: the same inputs give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime.fromtimestamp(DEFAULT_EPOCH, dt.UTC).replace(tzinfo=None)
    try:
        seconds = int(epoch)
        stamp = dt.datetime.fromtimestamp(seconds, dt.UTC).replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        raise CoursegenError(
            f"SOURCE_DATE_EPOCH is '{epoch}', not a number of seconds since 1970",
            hint="unset it, or set it to a whole number such as 1700000000",
        ) from None
    if not dt.datetime(1980, 1, 1) <= stamp < dt.datetime(2108, 1, 1):
        raise CoursegenError(
            f"SOURCE_DATE_EPOCH is '{epoch}', a date ({stamp.year}) that a DOCX cannot record",
            hint="use a date between 1980 and 2107, e.g. 1700000000",
        )
    return stamp


def selected_formats(options: BuildOptions) -> tuple[str, ...]:
    return tuple(dict.fromkeys(options.formats)) or format_names()


def plan(
    course: Course, lesson_ids: Sequence[str] | None, options: BuildOptions
) -> tuple[list[Job], BuildReport]:
    """Every output to produce, with the digest of its inputs; lessons with errors are left out."""
    report = BuildReport()
    whole_course = lesson_ids is None
    selected = list(course.lesson_files) if lesson_ids is None else list(dict.fromkeys(lesson_ids))
    sound = []
    for lesson_id in selected:
        problems = course.problems_for(lesson_id)
        if problems or lesson_id not in course.lessons:
            report.failed_lessons[lesson_id] = problems
        else:
            sound.append(lesson_id)
    timestamp = source_timestamp()
    formats = [get_format(name) for name in selected_formats(options)]
    fingerprints = {f.name: fingerprint(f, course.root, timestamp) for f in formats}
    whole = whole_course and not report.failed_lessons
    jobs = []
    for planned in planned_documents(course, sound, whole):
        content = content_digest(planned.document)
        for fmt in formats:
            inputs = hashlib.sha256(fingerprints[fmt.name] + content).hexdigest()
            jobs.append(Job(planned.stem + fmt.suffix, fmt.name, planned.document, inputs))
    return jobs, report


def content_digest(document: Document) -> bytes:
    """A document's content stands for the lesson, articles, glossaries and course.yaml it is
    made from: an input change that does not change what a document says rebuilds nothing."""
    canonical = json.dumps(dataclasses.asdict(document), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).digest()


def fingerprint(fmt: Format, root: Path, timestamp: dt.datetime) -> bytes:
    """What a format's renderer reads besides the document: every file it may load, coursegen's
    version and the fixed date."""
    h = hashlib.sha256(f"{__version__}|{timestamp.isoformat()}|{fmt.name}".encode())
    for name, path in fmt.inputs(root):
        h.update(name.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
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
    timestamp = source_timestamp()
    for job, result in _render_all(pending, course.root, timestamp, options.jobs):
        if isinstance(result, FormatUnavailable):
            report.unavailable.setdefault(job.format, str(result))
            report.not_built.append(job.rel)
            notify("failed", job.rel)
            continue
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


class _Renderers:
    """Each format's renderer, made on first use in this process; a format that cannot load is
    remembered, so its every job fails at once with the same message."""

    def __init__(self, root: Path, timestamp: dt.datetime) -> None:
        self.root = root
        self.timestamp = timestamp
        self.loaded: dict[str, Renderer | FormatUnavailable] = {}

    def render(self, job: Job) -> bytes:
        renderer = self.loaded.get(job.format)
        if renderer is None:
            try:
                renderer = get_format(job.format).renderer(self.root, self.timestamp)
            except FormatUnavailable as exc:
                renderer = exc
            self.loaded[job.format] = renderer
        if isinstance(renderer, FormatUnavailable):
            raise renderer
        return renderer.render(job.document)


_in_worker: _Renderers | None = None


def _init_worker(root: Path, timestamp: dt.datetime, formats: tuple[str, ...]) -> None:
    global _in_worker
    _in_worker = _Renderers(root, timestamp)
    for name in formats:  # load the libraries now, not in the first job
        try:
            _in_worker.loaded[name] = get_format(name).renderer(root, timestamp)
        except FormatUnavailable as exc:
            _in_worker.loaded[name] = exc


def _render_in_worker(job: Job) -> bytes:
    assert _in_worker is not None
    return _in_worker.render(job)


def _render_all(
    jobs: list[Job], root: Path, timestamp: dt.datetime, workers: int
) -> Iterator[tuple[Job, bytes | Exception]]:
    if not jobs:
        return
    # PDFs take far longer than DOCX: start them first so the workers finish together.
    ordered = sorted(jobs, key=lambda j: (j.format != "pdf", j.rel))
    if workers <= 1 or len(jobs) <= INLINE_JOBS:
        renderers = _Renderers(root, timestamp)
        for job in ordered:
            try:
                yield job, renderers.render(job)
            except Exception as exc:  # a template error must not stop the other documents
                yield job, exc
        return
    formats = tuple(dict.fromkeys(j.format for j in ordered))
    with ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)),
        initializer=_init_worker,
        initargs=(root, timestamp, formats),
    ) as pool:
        futures: dict[Future[bytes], Job] = {pool.submit(_render_in_worker, j): j for j in ordered}
        for future in as_completed(futures):
            job = futures[future]
            try:
                yield job, future.result()
            except Exception as exc:
                yield job, exc
