"""Rendering: each format's renderer loaded once per process, and processes that render PDFs.

A build hands its jobs to render_all(), which renders the cheap formats in the calling process
and PDFs on Workers: a host process that imports WeasyPrint once (started early, while the course
loads, by builder.prepare_workers) and forks up to -j workers that share what it loaded.

The host and its workers ignore Ctrl-C (SIGINT): the build stops them (close(abort=True)), and
on Linux each dies at once with its parent (PR_SET_PDEATHSIG), so that killing the build, even
with SIGKILL, leaves no process behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import pickle
import signal
import sys
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .render import FormatUnavailable, Renderer, WarmsUp, get_format

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.queues import Queue

    from .documents.model import Document


@dataclass(frozen=True)
class Job:
    rel: str  # output path relative to the output folder
    format: str
    document: Document
    inputs: str  # digest of all that the output is made from


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


def _die_with_parent() -> None:
    """In the host and each worker: ignore Ctrl-C (the build stops us), and die when the
    process that started us does (Linux; elsewhere the host notices within half a second)."""
    import multiprocessing

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:
        os._exit(1)  # the parent died before we asked to die with it


_PR_SET_PDEATHSIG = 1


def _init_worker(
    root: Path, timestamp: dt.datetime, formats: tuple[str, ...], warm: bool = False
) -> None:
    """Load the renderers of a process; a worker forked from the host finds them loaded. With
    `warm` (the host, when it will fork workers) each also pays its first-layout cost now, once,
    for all the workers."""
    global _in_worker
    _die_with_parent()
    if _in_worker is None or (_in_worker.root, _in_worker.timestamp) != (root, timestamp):
        _in_worker = _Renderers(root, timestamp)
    for name in formats:  # load the libraries now, not in the first job
        renderer = _in_worker.load(name)
        if warm and isinstance(renderer, WarmsUp):
            renderer.warm_up()


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
    _init_worker(root, timestamp, formats, warm=count > 1)
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
        # Ctrl-C waits until the host ignores it (_die_with_parent): it never sees a traceback.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self._host.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
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

    def close(self, abort: bool = False) -> None:
        """Stop the processes: when never given jobs or on `abort` (Ctrl-C, an error), at once
        (the workers die with the host); else once the jobs sent are done."""
        if self._closed:
            return
        self._closed = True
        if self.used and not abort:
            self._jobs.put(None)
            self._host.join()
        else:
            self._host.terminate()
            self._host.join()
            self._jobs.cancel_join_thread()
        self._jobs.close()
        self._jobs.join_thread()
        self._results.close()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc_info: object) -> None:
        self.close(abort=kind is not None)


def render_all(
    jobs: list[Job],
    root: Path,
    timestamp: dt.datetime,
    workers: int,
    started: Workers | None = None,
) -> Generator[tuple[Job, bytes | Exception], None, None]:
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
        return here, pooled, worker_count(len(pooled), workers)
    if len(jobs) > INLINE_CHEAP_JOBS and not pooled:
        return [], by_path, min(workers, len(jobs))
    return by_path, [], 0


def worker_count(pdfs: int, jobs: int) -> int:
    return max(1, min(jobs, -(-pdfs // PDFS_PER_WORKER)))


def _formats(jobs: list[Job]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(j.format for j in jobs))
