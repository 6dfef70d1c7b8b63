"""`coursegen preview`: the course's documents in the browser, updated in place on every save.

    with PreviewServer(Path("~/teaching/ir214")) as server:
        print(server.url)       # http://127.0.0.1:PORT/
        ...                     # serves until the block ends

session.py keeps the pages (and the PDFs of open pages) up to date; server.py serves them on
the loopback interface; the watcher here refreshes the session when a file of the course
changes (watchfiles: one notification for a burst of saves).
"""

from __future__ import annotations

import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from ..content.course import COURSE_FILE, GLOSSARY_FILE, LESSONS_FOLDER
from ..content.library import ARTICLES_FOLDER
from ..render import TEMPLATES_FOLDER
from .server import LOOPBACK, PreviewHTTPServer
from .session import Session

__all__ = ["PreviewServer"]

# What the course's documents are made from: a change anywhere else (output/, an editor's
# backup file elsewhere) is not looked at.
WATCHED = (LESSONS_FOLDER, ARTICLES_FOLDER, TEMPLATES_FOLDER, COURSE_FILE, GLOSSARY_FILE)
# watchfiles: wait this long after a change for more (ms), but never longer than DEBOUNCE: a
# burst of saves (an editor's write and rename, a save-all) gives one refresh.
STEP = 10
DEBOUNCE = 400


class PreviewServer:
    def __init__(self, course_dir: Path, port: int = 0) -> None:
        self.session = Session(course_dir)
        self.port = port
        self._http: PreviewHTTPServer | None = None
        self._threads: list[threading.Thread] = []
        self._stop = threading.Event()
        self._notify: Any = None

    @property
    def url(self) -> str:
        assert self._http is not None, "start() the server first"
        return f"http://{LOOPBACK}:{self._http.server_address[1]}/"

    def start(self) -> None:
        """Watch the course, load it, listen (OSError when the port is taken), and serve and
        watch in background threads. The watch is set up first, so that no save made while the
        course loads is missed."""
        from watchfiles._rust_notify import RustNotify  # the watcher itself, to know it is set up

        self._notify = RustNotify([str(self.session.root)], False, False, 50, True, True)
        self.session.refresh()
        self._http = PreviewHTTPServer(self.session, self.port)
        self.session.pdfs.start()
        for target, name in ((self._serve, "serve"), (self._watch, "watch")):
            thread = threading.Thread(target=target, name=f"coursegen-{name}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def close(self) -> None:
        self._stop.set()
        if self._http is not None:
            self._http.close_streams()
            self._http.shutdown()
            self._http.server_close()
        self.session.pdfs.close()
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> PreviewServer:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _serve(self) -> None:
        assert self._http is not None
        self._http.serve_forever(poll_interval=0.05)  # close() waits for one poll at most

    def _watch(self) -> None:
        """Refresh the session after each burst of changes to what the documents are made of."""
        root = self.session.root
        while not self._stop.is_set():
            changes = self._notify.watch(DEBOUNCE, STEP, 100, self._stop)
            if isinstance(changes, str):  # 'timeout', 'stop' or 'signal'
                continue
            if any(_relevant(root, path) for _, path in changes):
                self.session.refresh()
        self._notify.close()


def _relevant(root: Path, path: str) -> bool:
    """A change to a file the documents are made of (not output/, not a hidden file)."""
    try:
        parts = Path(path).relative_to(root).parts
    except ValueError:
        return False
    return bool(parts) and parts[0] in WATCHED and not parts[-1].startswith(".")
