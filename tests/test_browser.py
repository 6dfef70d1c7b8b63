"""The headless Chromium fixture itself, on a tiny page served from 127.0.0.1: it runs the
page's script, keeps a global variable between calls, scrolls, and reaches nothing else."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from browser import WINDOW

pytestmark = [pytest.mark.browser, pytest.mark.render]

PAGE = b"""<!doctype html>
<html lang="en" data-version="1"><head><meta charset="utf-8"><title>Smoke</title></head>
<body><p id="first">Hello</p><div style="height: 5000px"></div><p id="far">Far down</p><div style="height: 5000px"></div>
<script>document.getElementById("first").textContent = "Hello from script";</script>
</body></html>
"""


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        body = PAGE if self.path == "/" else b"no"
        self.send_response(200 if self.path == "/" else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def tiny_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_chromium_opens_a_local_page_and_runs_its_script(
    chromium: WebDriver, tiny_site: str
) -> None:
    chromium.get(tiny_site)
    assert chromium.title == "Smoke"
    assert chromium.find_element(By.ID, "first").text == "Hello from script"
    assert chromium.execute_script("return document.documentElement.dataset.version") == "1"
    assert chromium.execute_script("return navigator.webdriver") is True
    assert chromium.execute_script("return window.innerWidth") == WINDOW[0]


def test_a_global_variable_and_the_scroll_position_stay_until_a_reload(
    chromium: WebDriver, tiny_site: str
) -> None:
    chromium.get(tiny_site)
    chromium.execute_script("window.__marker = 1")
    chromium.execute_script("document.getElementById('far').scrollIntoView()")
    top = chromium.execute_script(
        "return document.getElementById('far').getBoundingClientRect().top"
    )
    assert abs(top) <= 1
    assert chromium.execute_script("return window.__marker") == 1
    chromium.refresh()
    assert chromium.execute_script("return window.__marker === undefined") is True


def test_chromium_reaches_nothing_beyond_127_0_0_1(chromium: WebDriver, tiny_site: str) -> None:
    chromium.get(tiny_site)
    outcome = chromium.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        Promise.all(["http://example.com/", "http://93.184.215.14/"].map(
            (url) => fetch(url, {mode: "no-cors"}).then(() => "reached " + url, () => "refused")
        )).then(done);
        """
    )
    assert outcome == ["refused", "refused"]
    local = chromium.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        fetch(arguments[0]).then((r) => done(r.status), (e) => done(String(e)));
        """,
        tiny_site + "missing",
    )
    assert local == 404
    WebDriverWait(chromium, 5).until(lambda driver: driver.title == "Smoke")


def test_a_missing_chromium_fails_saying_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import browser

    monkeypatch.setattr(browser, "_find", lambda name, *usual: None)
    with pytest.raises(
        pytest.fail.Exception,
        match=r"chromium and chromedriver not found; install Debian's chromium and chromium-driver: `bash scripts/setup --dev`",
    ):
        browser.chromium_paths()
