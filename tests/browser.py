"""Serve a built site on loopback and drive Debian's Chromium with Playwright.

No browser is downloaded: Chromium comes from the system package (`apt-get install
chromium`, done by .ci/run). Only requests to the local server can succeed: the browser
sends every other host to a proxy that does not exist. Every request is recorded, so tests
can fail on one that was meant for another host.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urldefrag

CHROMIUM = os.environ.get("LERTRAT_CHROMIUM", "/usr/bin/chromium")
# Nothing leaves the machine: every host but loopback goes through a proxy on a closed local
# port, so the request fails at once (Chromium never sends loopback through a proxy).
DEAD_PROXY = "http://127.0.0.1:9"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    f"--proxy-server={DEAD_PROXY}",
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
    """Record what ``target`` (a Playwright page or context) asks for: the URL of every request
    that is not under ``base`` is appended to ``outside``, and ``on_local`` sees each one that
    is. Such a request fails in any case (the dead proxy of :func:`launch`).

    The requests are watched, not intercepted: an intercepted request is never taken from
    the browser's cache and waits for this process to let it through, which made every page
    load three to four times slower."""

    def seen(request) -> None:
        url = request.url
        if url.startswith(base):
            if on_local is not None:
                on_local(url)
        elif not url.startswith(("data:", "blob:")):
            outside.append(url)

    target.on("request", seen)
    return outside


def open_anew(page, url: str, **options):
    """Load ``url`` in ``page`` as a new document, as a reader opening it in a new tab would.
    An address that differs from the page's own only in its #fragment would only scroll the
    page: that one is reached through about:blank, so it is a real load too (any other goes
    straight there, the hop would cost a sixth more). One tab used again loads a page about
    three times faster than a new tab per visit."""
    if urldefrag(page.url).url == urldefrag(url).url:
        page.goto("about:blank")
    return page.goto(url, **options)


def fonts_ready(page) -> None:
    """Wait until the page's web fonts have loaded (or failed): what a print or a
    screenshot needs, without waiting half a second for the network to go quiet."""
    page.evaluate("() => document.fonts.ready.then(() => null)")


# Frames as fast as Chromium can draw them, not sixty a second: for a module whose waits are
# frame by frame (Material shows search results four more per frame pair as the list is
# scrolled). Not for every module: a page with a CSS transition then draws hundreds of frames
# where it drew fifteen, and the finder and checklist tests took twice as long.
UNTHROTTLED_FRAMES = ["--disable-frame-rate-limit", "--disable-gpu-vsync"]


def launch(playwright, extra_args: Sequence[str] = ()):
    """Debian's Chromium, headless, with the project's arguments (no background requests)
    and ``extra_args``.

    Its profile is Playwright's temporary one, and Chromium is given a temporary home as well
    (it writes crash-report settings into ~/.config and ~/.cache even so): nothing lands in
    the real $HOME, and the folder goes when the browser closes. Inside the test run the
    temporary folders are under the run's own (tests/conftest.py)."""
    home = Path(tempfile.mkdtemp(prefix="lertrat-chromium-"))
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache")}
    browser = playwright.chromium.launch(executable_path=chromium_path(), args=[*CHROMIUM_ARGS, *extra_args], env=env)
    browser.on("disconnected", lambda _: shutil.rmtree(home, ignore_errors=True))
    return browser
