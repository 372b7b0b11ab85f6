"""Serve a built site on loopback and drive Debian's Chromium with Playwright.

No browser is downloaded: Chromium comes from the system package (`apt-get install
chromium`, done by .ci/run). Only requests to the local server are allowed through;
any other request is recorded so tests can fail on it.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("LERTRAT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def chromium_path() -> str:
    path = shutil.which(CHROMIUM) or CHROMIUM
    if not Path(path).is_file():
        raise RuntimeError(f"Chromium not found at {CHROMIUM}; install it with `apt-get install chromium` (see .ci/run)")
    return path


def allow_only(target, base: str, outside: list[str], on_local: Callable[[str], object] | None = None) -> list[str]:
    """Let ``target`` (a Playwright page or context) reach only ``base``: every other request
    is aborted and its URL appended to ``outside``; ``on_local`` sees each allowed URL."""

    def route(route) -> None:
        url = route.request.url
        if url.startswith(base):
            if on_local is not None:
                on_local(url)
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    target.route("**/*", route)
    return outside


def launch(playwright):
    """Debian's Chromium, headless, with the project's arguments (no background requests).

    Its profile is Playwright's temporary one, and Chromium is given a temporary home as well
    (it writes crash-report settings into ~/.config and ~/.cache even so): nothing lands in
    the real $HOME, and the folder goes when the browser closes. Inside the test run the
    temporary folders are under the run's own (tests/conftest.py)."""
    home = Path(tempfile.mkdtemp(prefix="lertrat-chromium-"))
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache")}
    browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, env=env)
    browser.on("disconnected", lambda _: shutil.rmtree(home, ignore_errors=True))
    return browser
