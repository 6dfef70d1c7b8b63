"""`coursegen build`: plan the outputs, skip what is up to date, render in workers, write atomically.

plan      every document of the selected lessons (and the course) × every chosen format that
          renders its kind, each with a digest of all it is made from; `publish` plans the
          documents of the whole course instead (reader, reading list, the exports' package)
skip      outputs whose digest and bytes match the build record
render    through the format registry (workers.py): PDFs in worker processes, which can be
          started early (prepare_workers), the cheap formats in this process meanwhile
write     atomically, keeping aside files changed by hand, recording each in the manifest, into
          an output folder checked first (outfolder.py) and locked for the build
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import CoursegenError, Diagnostic
from .folders import ARTICLES_FOLDER, COURSE_FILE, GLOSSARY_FILE, LESSON_DOCUMENTS, LESSONS_FOLDER
from .outfolder import locked, output_folder, real_folders, remove_parts, write_error
from .output import MANIFEST, Manifest, write_atomic
from .render import Format, FormatUnavailable, default_formats, get_format
from .workers import PDFS_PER_WORKER, POOL_FORMATS, Job, Workers, render_all, worker_count

if TYPE_CHECKING:  # the content and documents layers load when a build plans (see plan()):
    # the command starts the render workers first (prepare_workers), so that they load
    # WeasyPrint while this process loads the rest
    from .content.course import Course
    from .documents.model import Document

DEFAULT_EPOCH = 946684800  # 2000-01-01T00:00:00Z: the date written into every output by default


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path
    formats: tuple[str, ...] = ()  # empty: every registered format
    force: bool = False
    jobs: int = 1
    publish: bool = False  # coursegen publish: the course reader, reading list and exports


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    failed_lessons: dict[str, list[Diagnostic]] = field(default_factory=dict)
    kept_aside: list[tuple[str, str]] = field(default_factory=list)  # (output, old copy)
    errors: list[str] = field(default_factory=list)  # rendering failures, one line each
    unavailable: dict[str, str] = field(default_factory=dict)  # format -> why it cannot be made
    warnings: list[str] = field(default_factory=list)  # about the output folder, one line each
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
    command = "publish" if options.publish else "build"
    return tuple(dict.fromkeys(options.formats)) or default_formats(command)


def plan(
    course: Course, lesson_ids: Sequence[str] | None, options: BuildOptions
) -> tuple[list[Job], BuildReport]:
    """Every output to produce, with the digest of its inputs; lessons with errors are left out
    (publishing, which is of the whole course, then plans nothing)."""
    from .documents import planned_documents, published_documents

    report = BuildReport()
    whole_course = lesson_ids is None or options.publish
    named = list(dict.fromkeys(lesson_ids or ()))
    selected = list(course.lesson_files) if whole_course else named
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
    if not options.publish:
        documents = planned_documents(course, sound, whole)
    else:
        documents = published_documents(course) if whole and sound else []
    jobs = []
    for planned in documents:
        content = content_digest(planned.document)
        for fmt in formats:
            if planned.document.kind not in fmt.kinds:
                continue
            inputs = hashlib.sha256(fingerprints[fmt.name] + content).hexdigest()
            jobs.append(Job(planned.stem + fmt.suffix, fmt.name, planned.document, inputs))
    return jobs, report


def content_digest(document: Document) -> bytes:
    """A document's content stands for the lesson, articles, glossaries and course.yaml it is
    made from: an input change that does not change what a document says rebuilds nothing."""
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, default=_fields)
    return hashlib.sha256(canonical.encode("utf-8")).digest()


def _fields(value: object) -> dict[str, object]:
    """A dataclass of the model as its fields, for json.dumps: the text dataclasses.asdict gives,
    without asdict's deep copy (a third of a no-op build's time)."""
    names = _FIELD_NAMES.get(type(value))
    if names is None:
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            raise TypeError(f"{type(value).__name__} is not part of the document model")
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in dataclasses.fields(value))
    return {name: getattr(value, name) for name in names}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # each model class's fields, in order


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
    waiting: Callable[[], None] | None = None,
) -> BuildReport:
    """Build the outputs of the lessons named (None: the whole course) that are not up to date.

    `workers`, from prepare_workers(), are render workers started earlier; without them, workers
    are started here when there are several PDFs to render. The output folder is checked first
    (CoursegenError when it is no place to write); when another build holds it, this one calls
    `waiting` and waits for it. When every lesson named has errors, nothing is written.
    A file that cannot be written raises OutputError; the files written before it stay.
    """
    started = time.perf_counter()
    out = output_folder(options.out_dir, course.root)
    jobs, report = plan(course, lesson_ids, options)
    notify = progress or (lambda event, rel: None)
    for lesson_id in report.failed_lessons:
        notify("failed", course.lesson_files.get(lesson_id, lesson_id))
    if report.failed_lessons and not jobs:
        report.seconds = time.perf_counter() - started
        return report
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(out, exc) from None
    with locked(out, waiting or (lambda: None)):
        remove_parts({out} | {(out / job.rel).parent for job in jobs})
        manifest = Manifest(out)
        report.warnings.extend(manifest.warnings)
        pending = []
        for job in jobs:
            if not options.force and manifest.is_current(job.rel, job.inputs):
                report.up_to_date.append(job.rel)
                notify("up-to-date", job.rel)
            else:
                pending.append(job)
        try:
            _write_results(pending, course, out, options, manifest, report, notify, workers)
        except BaseException:
            with contextlib.suppress(CoursegenError):  # the journal has it all anyway
                manifest.save()
            raise
        finally:
            manifest.close()
        manifest.save()
    report.seconds = time.perf_counter() - started
    return report


def _write_results(
    pending: list[Job],
    course: Course,
    out: Path,
    options: BuildOptions,
    manifest: Manifest,
    report: BuildReport,
    notify: Progress,
    workers: Workers | None,
) -> None:
    timestamp = source_timestamp()
    checked: set[Path] = set()  # folders of the output folder known to be real
    results = render_all(pending, course.root, timestamp, options.jobs, workers)
    with contextlib.closing(results):  # on any error, the workers stop at once
        for job, result in results:
            if isinstance(result, FormatUnavailable):
                report.unavailable.setdefault(job.format, str(result))
                report.not_built.append(job.rel)
                notify("failed", job.rel)
                continue
            if isinstance(result, Exception):
                report.errors.append(f"{job.rel}: could not be rendered: {result}")
                notify("failed", job.rel)
                continue
            target = real_folders(out, job.rel, checked)
            moved = manifest.make_way(job.rel, job.inputs, result)
            if moved is not None:
                report.kept_aside.append((job.rel, moved.relative_to(out).as_posix()))
            write_atomic(target, result)
            manifest.record(job.rel, job.inputs, result)
            report.built.append(job.rel)
            report.warnings.extend(f"{job.rel}: {w}" for w in getattr(result, "warnings", ()))
            notify("built", job.rel)


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
            workers = Workers(root, timestamp, formats, worker_count(count, options.jobs))
    try:
        yield workers
    except BaseException:
        if workers is not None:
            workers.close(abort=True)  # Ctrl-C, an error: stop rendering at once
        raise
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


def _files(folder: Path) -> list[Path]:
    return [folder, *folder.rglob("*")] if folder.is_dir() else []


def _newer(path: Path, than: float) -> bool:
    try:
        return path.stat().st_mtime > than
    except OSError:
        return False
