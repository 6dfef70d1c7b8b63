"""What `coursegen preview` shows, kept up to date: the course's documents as pages, their
problems, and the PDF of each page someone is looking at.

refresh   reload the course (every problem collected, nothing raised), plan every document as
          `build` does, and compare each one's digest (its content and the templates) with the
          last: only the pages whose digest changed get a new version
page      a document's HTML as the PDF is laid out from (print stylesheet, template images
          inlined), rendered when first asked for at its version, with the preview's own script
pdf       rendered in one background thread with a renderer kept warm (WeasyPrint loaded once),
          for the pages open in a browser (they listen to the events) and those asked for,
          again whenever their version changes

A lesson with errors keeps its last good pages (and their version): the problems show over them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import queue
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from importlib import resources
from pathlib import Path
from urllib.parse import quote

import jinja2

from ..builder import content_digest, fingerprint, source_timestamp
from ..content.course import load_course
from ..content.lessons import Lesson
from ..documents import LESSON_DOCUMENTS, Compose, planned_documents
from ..documents.lesson import lesson_documents
from ..documents.model import Document
from ..errors import Diagnostic, sorted_diagnostics
from ..render import FormatUnavailable, get_format
from ..render.checks import check_templates
from ..render.html import TemplateProblem
from ..render.htmlpage import HtmlPageRenderer
from ..source.schema import CourseSettings
from ..workspace import course_root


@dataclass
class Page:
    path: str  # "01-reset/handout" or "glossary": the address without its suffix
    document: Document
    content: bytes  # the document's content digest (builder.content_digest)
    digest: bytes  # of the content and the templates
    version: int
    html: str | None = None  # rendered at `version`, on first request


@dataclass
class Pdf:
    version: int  # of the page it was made from
    data: bytes


@dataclass
class State:
    """What a browser needs after a refresh: the pages that changed and every problem."""

    version: int
    changed: list[str]
    problems: list[dict[str, str]]
    pdfs: dict[str, int] = field(default_factory=dict)  # page → version of its ready PDF
    versions: dict[str, int] = field(default_factory=dict)  # page → its current version

    def json(self) -> str:
        return json.dumps(
            {
                "version": self.version,
                "changed": self.changed,
                "problems": self.problems,
                "pdfs": self.pdfs,
                "versions": self.versions,
            },
            ensure_ascii=False,
            sort_keys=True,
        )


def _asset(name: str) -> str:
    return (resources.files("coursegen") / "preview" / name).read_text(encoding="utf-8")


class Session:
    """The course at `course_dir`, as pages. Thread-safe: the watcher refreshes it while the
    server reads it."""

    def __init__(self, course_dir: Path) -> None:
        self.root = course_root(course_dir)
        self.timestamp = source_timestamp()
        self.lock = threading.RLock()
        self.pages: dict[str, Page] = {}
        self.problems: list[Diagnostic] = []
        self.version = 0
        self.lessons: list[str] = []  # ids, in the course's order
        self.titles: dict[str, str] = {}  # lesson id → title
        self._templates = b""
        self._renderer: HtmlPageRenderer | None = None
        self._template_problems: list[Diagnostic] = []
        self._made: dict[tuple[str, Lesson], dict[str, Document]] = {}
        self._assets = (_asset("preview.css"), _asset("preview.js"))
        self.pdfs = PdfMaker(self)
        # Only the preview's own script may run in its pages: a course's templates may come from
        # someone else, and a <script> of theirs must not run here (see server.py, CSP).
        self.nonce = secrets.token_urlsafe(16)
        self.listeners: list[Callable[[State], None]] = []

    # -- keeping up with the files ---------------------------------------------------------

    def refresh(self) -> State:
        """Load the course again; new versions for the pages whose content changed."""
        with self.lock:
            changed = self._refresh()
            state = self.state(changed)
        for listener in list(self.listeners):
            listener(state)
        self.pdfs.changed(changed)
        return state

    def _refresh(self) -> list[str]:
        try:
            course = load_course(self.root)
            templates = fingerprint(get_format("pdf"), self.root, self.timestamp)
            if templates != self._templates:  # checked again only when they change
                self._template_problems = check_templates(self.root)
        except Exception as exc:  # the folder went away, say: the preview lives on and says so
            self.problems = [Diagnostic(".", 1, 1, f"the course cannot be read: {exc}")]
            return []
        self.problems = sorted_diagnostics([*course.diagnostics, *self._template_problems])
        if templates != self._templates:
            self._templates = templates
            self._renderer = None
        sound = [
            i for i in course.lesson_files if i in course.lessons and not course.problems_for(i)
        ]
        self.lessons = list(course.lesson_files)
        self.titles = {i: course.lessons[i].title for i in course.lessons}
        whole = len(sound) == len(course.lesson_files)
        changed = []
        for planned in planned_documents(course, sound, whole, self._compose(course.settings)):
            page = self.pages.get(planned.stem)
            if page is not None and page.document is planned.document:
                content = page.content  # the lesson's documents kept, their digests with them
            else:
                content = content_digest(planned.document)
            digest = hashlib.sha256(templates + content).digest()
            if page is not None and page.digest == digest:
                page.document, page.content = planned.document, content
                continue
            self.version += 1
            self.pages[planned.stem] = Page(
                planned.stem, planned.document, content, digest, self.version
            )
            changed.append(planned.stem)
        for gone in [p for p in self.pages if p.split("/")[0] not in {*self.lessons, "glossary"}]:
            del self.pages[gone]  # a lesson file deleted or renamed
        return changed

    def _compose(self, settings: CourseSettings) -> Compose:
        """lesson_documents, remembering the last refresh's: a lesson whose resolved content and
        settings are what they were keeps its documents (the same objects, so their digests are
        not computed again). Composing and digesting is most of a refresh of a long course
        (measured: 80 of 170 ms for 24 lessons)."""
        key = settings.model_dump_json()
        previous, self._made = self._made, {}

        def compose(settings: CourseSettings, lesson: Lesson) -> dict[str, Document]:
            documents = previous.get((key, lesson)) or lesson_documents(settings, lesson)
            self._made[(key, lesson)] = documents
            return documents

        return compose

    def state(self, changed: list[str] | None = None) -> State:
        with self.lock:
            problems = [
                {
                    "where": f"{d.path}:{d.line}:{d.col}",
                    "severity": str(d.severity),
                    "message": d.message,
                    "hint": d.hint or "",
                }
                for d in self.problems
            ]
            versions = {path: page.version for path, page in self.pages.items()}
            return State(self.version, changed or [], problems, self.pdfs.versions(), versions)

    # -- pages -----------------------------------------------------------------------------

    def page(self, path: str) -> tuple[str, int] | None:
        """The HTML of page `path` and its version; None when there is no such page."""
        with self.lock:
            page = self.pages.get(path)
            if page is None:
                return None
            if page.html is None:
                if self._renderer is None:
                    self._renderer = HtmlPageRenderer(self.root, self.timestamp, medium="print")
                try:
                    html = self._renderer.page(page.document)
                except (TemplateProblem, jinja2.TemplateError) as exc:  # said in the page
                    html = _TEMPLATE_PROBLEM.format(problem=escape(str(exc)))
                page.html = self._with_preview(html, page)
            return page.html, page.version

    def _with_preview(self, html: str, page: Page) -> str:
        css, script = self._assets
        config = json.dumps({"page": page.path}).replace("</", "<\\/")
        head = (
            f'<style id="coursegen-preview-style">{css}</style>'
            f'<script id="coursegen-preview-script" nonce="{self.nonce}">'
            f"window.coursegenPreview = {config};\n{script}</script>"
        )
        tools = (
            '<nav id="coursegen-toolbar" aria-label="Preview">'
            '<a href="/">All documents</a> '
            f'<a id="coursegen-pdf" href="/{page.path}.pdf" data-version="0" download>PDF</a>'
            "</nav>"
            '<div id="coursegen-problems" role="alert" hidden></div>'
        )
        # the first <html> and </head> whatever a course template writes around them (<HTML>,
        # no attributes, no head at all)
        html = _HTML_TAG.sub(f'<html data-version="{page.version}"', html, count=1)
        if _HEAD_END.search(html):
            html = _HEAD_END.sub(lambda _: head + "</head>", html, count=1)
        else:
            html = head + html
        return _after_body(html, tools)

    def index(self) -> str:
        with self.lock:
            items = []
            for lesson in self.lessons:
                links = " · ".join(
                    f'<a href="/{escape(quote(lesson))}/{name}.html">{name}</a>'
                    for name in LESSON_DOCUMENTS
                    if f"{lesson}/{name}" in self.pages
                )
                title = escape(self.titles.get(lesson, lesson))
                items.append(f"<li><strong>{title}</strong> ({escape(lesson)}): {links}</li>")
            if "glossary" in self.pages:
                items.append('<li><a href="/glossary.html">Course glossary</a></li>')
        return (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            "<title>coursegen preview</title></head><body><main><h1>coursegen preview</h1>"
            f"<ul>{''.join(items)}</ul></main></body></html>"
        )


class PdfMaker:
    """One thread that renders the PDFs of open pages with a renderer kept warm."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.open: set[str] = set()
        self.ready: dict[str, Pdf] = {}
        self.jobs: queue.Queue[str | None] = queue.Queue()
        self.done = threading.Condition()
        self.thread: threading.Thread | None = None
        self.unavailable: str | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="coursegen-pdf", daemon=True)
        self.thread.start()

    def close(self) -> None:
        """Stop at once: the PDFs waiting are dropped (nothing is written anywhere), and one
        being made is left to its daemon thread."""
        with contextlib.suppress(queue.Empty):
            while True:
                self.jobs.get_nowait()
        self.jobs.put(None)
        if self.thread is not None:
            self.thread.join(timeout=0.2)

    def wanted(self, path: str) -> None:
        """Page `path` is being looked at: make its PDF, now and after every change."""
        if path not in self.open:
            self.open.add(path)
            self.jobs.put(path)

    def changed(self, paths: list[str]) -> None:
        for path in paths:
            if path in self.open:
                self.jobs.put(path)

    def versions(self) -> dict[str, int]:
        with self.done:
            return {path: pdf.version for path, pdf in self.ready.items()}

    def get(self, path: str, timeout: float = 30) -> Pdf | None:
        """The newest PDF of `path`, waiting (up to `timeout`) for one of its current version."""
        self.wanted(path)
        with self.done:
            self.done.wait_for(lambda: self._current(path) or self.unavailable is not None, timeout)
            return self.ready.get(path)

    def _current(self, path: str) -> bool:
        pdf = self.ready.get(path)
        with self.session.lock:
            page = self.session.pages.get(path)
        return pdf is not None and page is not None and pdf.version >= page.version

    def _run(self) -> None:
        renderer = None
        templates = b""
        while True:
            path = self.jobs.get()
            if path is None:
                return
            with self.session.lock:
                page = self.session.pages.get(path)
                root, stamp, current = (
                    self.session.root,
                    self.session.timestamp,
                    self.session._templates,
                )
            if page is None or self._current(path):
                continue
            try:
                if renderer is None or templates != current:
                    renderer = get_format("pdf").renderer(root, stamp)
                    templates = current
                data = renderer.render(page.document)
            except FormatUnavailable as exc:
                with self.done:
                    self.unavailable = str(exc)
                    self.done.notify_all()
                continue
            except Exception:  # a template mistake: the page says it; the PDF waits for a fix
                continue
            with self.done:
                self.ready[path] = Pdf(page.version, bytes(data))
                self.done.notify_all()
            state = self.session.state()
            for listener in list(self.session.listeners):
                listener(state)


_HTML_TAG = re.compile(r"<html(?=[\s>])", re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_TEMPLATE_PROBLEM = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>coursegen</title></head>'
    "<body><main><h1>This page cannot be shown</h1><p>{problem}</p></main></body></html>"
)


def _after_body(html: str, insert: str) -> str:
    """`insert` right after the <body> tag (at the end when there is none)."""
    found = _BODY_TAG.search(html)
    if found is None:
        return html + insert
    return html[: found.end()] + insert + html[found.end() :]
