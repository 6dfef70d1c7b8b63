"""The preview's web server: the course's pages, their PDFs and a stream of updates, on the
loopback interface only.

Only these addresses exist: `/` (the index), `/<lesson>/<document>.html|.pdf`,
`/glossary.html|.pdf` and `/events` (server-sent events). Nothing is served from the disk: a
page is made from the course's content, so no path can lead out of the course folder, and no
folder is ever listed. A page may run the preview's script only (`policy`: a course template's
own <script> is blocked) and reach nothing but this server. A request whose Host is not this server's own address is refused (a web
page elsewhere cannot reach the preview by renaming a host to 127.0.0.1).
"""

from __future__ import annotations

import queue
import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from .session import Session, State

LOOPBACK = "127.0.0.1"
_PAGE = re.compile(r"/(?:(?P<lesson>[^/]+)/)?(?P<name>[a-z-]+)\.(?P<kind>html|pdf)")
KEEP_ALIVE = 15.0  # seconds between comments on an idle event stream


def policy(nonce: str) -> str:
    """What a page may do: run the preview's own script (its nonce) and nothing else, load
    nothing but inline styles and data: images (template images are inlined), talk to this
    server only. A course template's <script>, or a link to another site's resource, does
    nothing in the preview."""
    return (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:; connect-src 'self'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    )


class PreviewHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, session: Session, port: int) -> None:
        self.session = session
        self.streams: list[queue.Queue[str | None]] = []
        self.streams_lock = threading.Lock()
        super().__init__((LOOPBACK, port), Handler)
        session.listeners.append(self.broadcast)

    @property
    def hosts(self) -> set[str]:
        port = self.server_address[1]
        return {f"{LOOPBACK}:{port}", f"localhost:{port}"}

    def broadcast(self, state: State) -> None:
        message = state.json()
        with self.streams_lock:
            for stream in self.streams:
                stream.put(message)

    def close_streams(self) -> None:
        with self.streams_lock:
            for stream in self.streams:
                stream.put(None)


class Handler(BaseHTTPRequestHandler):
    server: PreviewHTTPServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the terminal is the user's
        pass

    def do_GET(self) -> None:
        if self.headers.get("Host", "") not in self.server.hosts:
            self._send(HTTPStatus.FORBIDDEN, b"not this server's address", "text/plain")
            return
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        session = self.server.session
        if path == "/":
            index = session.index().encode("utf-8")
            policy_header = {"Content-Security-Policy": policy(session.nonce)}
            self._send(HTTPStatus.OK, index, "text/html; charset=utf-8", policy_header)
            return
        if path == "/events":
            page = parse_qs(parts.query).get("page", [""])[0]
            if session.page(page) is not None:
                session.pdfs.wanted(page)  # a browser shows it: keep its PDF made
            self._events()
            return
        match = _PAGE.fullmatch(path)
        if match is None:
            self._not_found()
            return
        page = f"{match['lesson']}/{match['name']}" if match["lesson"] else match["name"]
        if match["kind"] == "html":
            found = session.page(page)
            if found is None:
                self._not_found()
                return
            html, version = found
            self._send(
                HTTPStatus.OK,
                html.encode("utf-8"),
                "text/html; charset=utf-8",
                {
                    "X-Coursegen-Version": str(version),
                    "Content-Security-Policy": policy(session.nonce),
                },
            )
            return
        if session.page(page) is None:
            self._not_found()
            return
        pdf = session.pdfs.get(page)
        if pdf is None:
            why = session.pdfs.unavailable or "the PDF is not ready yet; try again"
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, why.encode("utf-8"), "text/plain")
            return
        name = page.replace("/", "-") + ".pdf"
        self._send(
            HTTPStatus.OK,
            pdf.data,
            "application/pdf",
            {
                "X-Coursegen-Version": str(pdf.version),
                "Content-Disposition": f'inline; filename="{name}"',
            },
        )

    def _events(self) -> None:
        stream: queue.Queue[str | None] = queue.Queue()
        with self.server.streams_lock:
            self.server.streams.append(stream)
        try:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            stream.put(self.server.session.state().json())  # where things stand now
            while True:
                try:
                    message = stream.get(timeout=KEEP_ALIVE)
                except queue.Empty:
                    self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
                    continue
                if message is None:
                    return
                self.wfile.write(f"data: {message}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return
        finally:
            with self.server.streams_lock:
                self.server.streams.remove(stream)
            self.close_connection = True

    def _not_found(self) -> None:
        self._send(HTTPStatus.NOT_FOUND, b"no such page", "text/plain")

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        content_type: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
