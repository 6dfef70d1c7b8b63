"""A headless Chromium for the tests, driven by Selenium through Debian's chromedriver.

`chromium` (session-scoped): one browser per test process (per xdist worker), reused by every
test that asks; each test opens its own pages. Debian's `chromium` and `chromium-driver`
(installed by `scripts/setup --dev`) are required: without them the tests that ask fail with a
message saying what to install, they are never skipped.

Nothing is downloaded: the driver is given to Selenium by path (Selenium Manager never runs;
SE_OFFLINE too, in case it did), and the browser reaches nothing beyond 127.0.0.1 — every other
host name resolves to nothing, and every other address goes to a proxy on a closed port.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

WINDOW = (1280, 900)  # the window's size in CSS pixels, the same on every machine

SETUP = "install Debian's chromium and chromium-driver: `bash scripts/setup --dev`"


def _find(name: str, *usual: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    return next((path for path in usual if Path(path).is_file()), None)


def chromium_paths() -> tuple[str, str]:
    """The Chromium and chromedriver executables; pytest.fail saying what is missing."""
    browser = _find("chromium", "/usr/bin/chromium", "/usr/lib/chromium/chromium")
    driver = _find("chromedriver", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
    missing = [name for name, path in (("chromium", browser), ("chromedriver", driver)) if not path]
    if missing or browser is None or driver is None:
        pytest.fail(f"headless Chromium: {' and '.join(missing)} not found; {SETUP}", pytrace=False)
    return browser, driver


def chromium_options() -> list[str]:
    """Chromium's command-line flags: headless, at a fixed size, offline but for 127.0.0.1."""
    return [
        "--headless=new",
        "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
        "--disable-dev-shm-usage",  # containers have a small /dev/shm
        "--disable-gpu",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        "--force-device-scale-factor=1",
        "--hide-scrollbars",
        # No network but the loopback interface: names other than 127.0.0.1 resolve to nothing,
        # and every address but the loopback (which Chromium never proxies) goes to a closed port.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--proxy-server=http://127.0.0.1:9",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-extensions",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        "--metrics-recording-only",
        "--disable-features=Translate,OptimizationHints,MediaRouter",
    ]


def start_chromium() -> WebDriver:
    """A new headless Chromium (the caller quits it); pytest.fail when it cannot start."""
    browser, driver = chromium_paths()
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager, were it ever asked, stays offline
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail(f"headless Chromium: selenium is not installed; {SETUP}", pytrace=False)
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in chromium_options():
        options.add_argument(flag)
    options.page_load_strategy = "normal"
    try:
        chrome = webdriver.Chrome(options=options, service=Service(executable_path=driver))
    except WebDriverException as error:
        pytest.fail(
            f"headless Chromium did not start ({browser}, {driver}): {error.msg}", pytrace=False
        )
    chrome.set_page_load_timeout(30)
    chrome.set_script_timeout(30)
    return chrome


@pytest.fixture(scope="session")
def chromium() -> Iterator[WebDriver]:
    """One headless Chromium for this test process."""
    chrome = start_chromium()
    try:
        yield chrome
    finally:
        chrome.quit()
