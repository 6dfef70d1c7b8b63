"""`coursegen build`: plan the outputs, skip what is up to date, render in workers, write atomically.

plan      every document of the selected lessons (and the course) × every chosen format,
          each with a digest of all it is made from
skip      outputs whose digest and bytes match the build record
render    through the format registry: PDFs in worker processes, which can be started early
          (prepare_workers), the cheap formats in this process meanwhile
write     atomically, keeping aside files changed by hand, recording each in the manifest
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import pickle
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .content.course import COURSE_FILE, GLOSSARY_FILE, LESSONS_FOLDER, Course
from .content.library import ARTICLES_FOLDER
from .documents import LESSON_DOCUMENTS, planned_documents
from .documents.model import Document
from .errors import CoursegenError, Diagnostic
from .output import MANIFEST, Manifest, keep_aside, write_atomic
from .render import Format, FormatUnavailable, Renderer, format_names, get_format

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.queues import Queue

DEFAULT_EPOCH = 946684800  # 2000-01-01T00:00:00Z: the date written into every output by default


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
    workers: Workers | None = None,
) -> BuildReport:
    """Build the outputs of the lessons named (None: the whole course) that are not up to date.

    `workers`, from prepare_workers(), are render workers started earlier; without them, workers
    are started here when there are several PDFs to render.
    """
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
        _write_results(pending, course, options, manifest, report, notify, workers)
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
    workers: Workers | None,
) -> None:
    out = options.out_dir
    timestamp = source_timestamp()
    for job, result in _render_all(pending, course.root, timestamp, options.jobs, workers):
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

# Where each file is rendered follows from rough costs, in seconds of one core (2-core machine,
# 2026): importing WeasyPrint takes ~0.5 s, once per build (Workers), a worker's first layout
# ~0.2 s, a PDF ~0.25 s; a DOCX takes ~0.04 s, and python-docx loads in ~0.15 s.
#
# PDF is rendered by workers, when there are workers; the other formats are rendered in this
# process meanwhile.
POOL_FORMATS = frozenset({"pdf"})
# With no workers started yet, up to this many PDFs are rendered in this process: workers would
# import WeasyPrint just as this process does, so they save nothing for one file.
INLINE_JOBS = 1
# A build gets one worker per this many PDFs (up to -j): each extra worker costs its first
# layout, which two PDFs on another core more than repay.
PDFS_PER_WORKER = 2
# A build of the cheap formats only uses workers when it has more files than this.
INLINE_CHEAP_JOBS = 24


class _Renderers:
    """Each format's renderer, made on first use in this process; a format that cannot load is
    remembered, so its every job fails at once with the same message."""

    def __init__(self, root: Path, timestamp: dt.datetime) -> None:
        self.root = root
        self.timestamp = timestamp
        self.loaded: dict[str, Renderer | FormatUnavailable] = {}

    def load(self, name: str) -> Renderer | FormatUnavailable:
        renderer = self.loaded.get(name)
        if renderer is None:
            try:
                renderer = get_format(name).renderer(self.root, self.timestamp)
            except FormatUnavailable as exc:
                renderer = exc
            self.loaded[name] = renderer
        return renderer

    def render(self, job: Job) -> bytes:
        renderer = self.load(job.format)
        if isinstance(renderer, FormatUnavailable):
            raise renderer
        return renderer.render(job.document)

    def result(self, job: Job) -> bytes | Exception:
        try:
            return self.render(job)
        except Exception as exc:  # a template error must not stop the other documents
            return exc


_in_worker: _Renderers | None = None


def _init_worker(root: Path, timestamp: dt.datetime, formats: tuple[str, ...]) -> None:
    """Load the renderers of a process; a worker forked from the host finds them loaded."""
    global _in_worker
    if _in_worker is None or (_in_worker.root, _in_worker.timestamp) != (root, timestamp):
        _in_worker = _Renderers(root, timestamp)
    for name in formats:  # load the libraries now, not in the first job
        _in_worker.load(name)


def _render_in_worker(job: Job) -> bytes:
    assert _in_worker is not None
    return _in_worker.render(job)


def _host(
    jobs: Queue[list[Job] | None],
    results: Connection,
    build_end: Connection,
    root: Path,
    timestamp: dt.datetime,
    formats: tuple[str, ...],
    count: int,
) -> None:
    """The workers' parent: loads the renderers once, then renders each batch of jobs on up to
    `count` workers forked from it (by itself, for one job or one worker), sending back
    (index, bytes or error).

    It ends when told to, or when the build's process has ended (sending then fails)."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    build_end.close()  # the build holds the only reading end: sending fails once it is gone
    _init_worker(root, timestamp, formats)
    assert _in_worker is not None
    renderers = _in_worker
    pool: ProcessPoolExecutor | None = None
    try:
        while (batch := _next_batch(jobs)) is not None:
            if pool is None and min(count, len(batch)) == 1:
                for index, job in enumerate(batch):
                    _send(results, index, renderers.result(job))
                continue
            if pool is None:  # forked now, the workers share all that is loaded
                pool = ProcessPoolExecutor(
                    min(count, len(batch)),
                    initializer=_init_worker,
                    initargs=(root, timestamp, formats),
                )
            futures = {pool.submit(_render_in_worker, job): i for i, job in enumerate(batch)}
            for future in as_completed(futures):
                try:
                    outcome: bytes | Exception = future.result()
                except Exception as exc:
                    outcome = exc
                _send(results, futures[future], outcome)
    except BrokenPipeError:  # the build has ended: drop what is left
        pass
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _next_batch(jobs: Queue[list[Job] | None]) -> list[Job] | None:
    """The next batch of jobs; None when told to stop, or when the build's process is gone."""
    import multiprocessing
    import queue

    build = multiprocessing.parent_process()
    while True:
        try:
            return jobs.get(timeout=0.5)
        except queue.Empty:
            if build is not None and not build.is_alive():
                return None


def _send(results: Connection, index: int, outcome: bytes | Exception) -> None:
    try:
        results.send((index, outcome))
    except (pickle.PicklingError, TypeError, AttributeError):
        if not isinstance(outcome, Exception):
            raise
        # An error that cannot be pickled travels as its message.
        results.send((index, RuntimeError(f"{type(outcome).__name__}: {outcome}")))


class Workers:
    """Processes that render: a host loads the renderers (imports WeasyPrint, half a second of
    CPU) once, then forks up to `count` workers, which share what it loaded. Made early
    (prepare_workers), the host loads while this process reads the course."""

    def __init__(
        self, root: Path, timestamp: dt.datetime, formats: tuple[str, ...], count: int
    ) -> None:
        import multiprocessing

        context = multiprocessing.get_context()
        self.root = root
        self.timestamp = timestamp
        self.count = count
        self.used = False
        self._closed = False
        self._jobs: Queue[list[Job] | None] = context.Queue()
        self._results, theirs = context.Pipe(duplex=False)
        self._host = context.Process(
            target=_host,
            args=(self._jobs, theirs, self._results, root, timestamp, formats, count),
            name="coursegen-render-host",
        )
        self._host.start()
        theirs.close()
        self._pending: dict[int, Job] = {}

    def start(self, jobs: list[Job]) -> None:
        """Send jobs to render (without waiting); results() gives them back as they finish."""
        self.used = True
        self._pending = dict(enumerate(jobs))
        self._jobs.put(jobs)

    def results(self, wait_all: bool) -> Iterator[tuple[Job, bytes | Exception]]:
        """The jobs done so far, or (wait_all) every one, as they finish."""
        from multiprocessing.connection import wait

        while self._pending:
            ready = wait([self._results, self._host.sentinel], None if wait_all else 0)
            if not ready:
                return
            if self._results in ready:
                try:
                    index, outcome = self._results.recv()
                except EOFError:
                    pass
                else:
                    yield self._pending.pop(index), outcome
                    continue
            # The host has ended before every result came back.
            lost = RuntimeError(f"the rendering process ended (exit code {self._host.exitcode})")
            for job in self._pending.values():
                yield job, lost
            self._pending.clear()

    def close(self) -> None:
        """Stop the processes: when never given jobs, at once (they may still be importing
        WeasyPrint); else once the jobs sent are done."""
        if self._closed:
            return
        self._closed = True
        if self.used:
            self._jobs.put(None)
            self._host.join()
        else:
            self._host.terminate()
            self._host.join()
        self._jobs.close()
        self._jobs.join_thread()
        self._results.close()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


@contextmanager
def prepare_workers(course_dir: Path, options: BuildOptions) -> Iterator[Workers | None]:
    """Workers for the build about to run, started before the course is loaded so that they
    import WeasyPrint meanwhile; pass them to build(..., workers=...).

    They are started only when the build will likely render PDFs: -j above 1, and the output
    folder's manifest older than a course file (or no manifest, or --force). A no-op build pays
    one stat per course file. The guess only decides when workers start; build() is right either
    way, and kills unused workers at once.
    """
    root = course_dir.resolve()
    count = _likely_pdf_jobs(root, options)
    try:
        timestamp = source_timestamp()
    except CoursegenError:
        count = 0  # build() reports it
    workers = None
    if count:
        formats = tuple(f for f in selected_formats(options) if f in POOL_FORMATS)
        with contextlib.suppress(OSError):  # no process to spare now: build() tries again
            workers = Workers(root, timestamp, formats, _worker_count(count, options.jobs))
    try:
        yield workers
    finally:
        if workers is not None:
            workers.close()


def _likely_pdf_jobs(root: Path, options: BuildOptions) -> int:
    """A guess, from file times, of how many PDFs a build will render (0: probably none)."""
    formats = [f for f in selected_formats(options) if f in POOL_FORMATS]
    if options.jobs <= 1 or not formats or not (root / LESSONS_FOLDER).is_dir():
        return 0
    everything = options.jobs * PDFS_PER_WORKER
    if options.force:
        return everything
    try:
        built = (options.out_dir / MANIFEST).stat().st_mtime
    except OSError:
        return everything  # never built here
    shared = [root / COURSE_FILE, root / GLOSSARY_FILE, *_files(root / ARTICLES_FOLDER)]
    shared += [path for name in formats for _, path in get_format(name).inputs(root)]
    if any(_newer(path, built) for path in shared):
        return everything  # a file every lesson uses
    edited = sum(_newer(path, built) for path in (root / LESSONS_FOLDER).iterdir())
    return edited * len(LESSON_DOCUMENTS) * len(formats)  # at most: an edit rarely changes all


def _worker_count(pdfs: int, jobs: int) -> int:
    return max(1, min(jobs, -(-pdfs // PDFS_PER_WORKER)))


def _files(folder: Path) -> list[Path]:
    return [folder, *folder.rglob("*")] if folder.is_dir() else []


def _newer(path: Path, than: float) -> bool:
    try:
        return path.stat().st_mtime > than
    except OSError:
        return False


def _render_all(
    jobs: list[Job],
    root: Path,
    timestamp: dt.datetime,
    workers: int,
    started: Workers | None = None,
) -> Iterator[tuple[Job, bytes | Exception]]:
    """Every job's bytes or error, in the order they finish.

    PDFs go to workers when there are several (or workers were `started` early); the other
    formats are rendered here meanwhile. -j 1 renders everything here.
    """
    here, pooled, count = _split(jobs, workers, started is not None)
    if started is not None and (
        not pooled
        or (started.root, started.timestamp) != (root, timestamp)
        # Far more PDFs than guessed: fresh workers catch up with the early ones after a few.
        or (started.count < count and len(pooled) > 2 * PDFS_PER_WORKER * started.count)
    ):
        started.close()
        started = None
    renderers = _Renderers(root, timestamp)
    if not pooled:
        for job in here:
            yield job, renderers.result(job)
        return
    with contextlib.ExitStack() as stack:
        team = started or stack.enter_context(Workers(root, timestamp, _formats(pooled), count))
        # The longest documents first, so that the workers finish together.
        team.start(sorted(pooled, key=lambda j: (-len(repr(j.document)), j.rel)))
        for job in here:
            yield job, renderers.result(job)
            yield from team.results(wait_all=False)
        yield from team.results(wait_all=True)


def _split(jobs: list[Job], workers: int, started: bool) -> tuple[list[Job], list[Job], int]:
    """The jobs to render here, those for workers, and how many workers they need."""
    by_path = sorted(jobs, key=lambda j: j.rel)
    if workers <= 1:
        return by_path, [], 0
    pooled = [j for j in by_path if j.format in POOL_FORMATS]
    if len(pooled) > INLINE_JOBS or (pooled and started):
        here = [j for j in by_path if j.format not in POOL_FORMATS]
        return here, pooled, _worker_count(len(pooled), workers)
    if len(jobs) > INLINE_CHEAP_JOBS and not pooled:
        return [], by_path, min(workers, len(jobs))
    return by_path, [], 0


def _formats(jobs: list[Job]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(j.format for j in jobs))
