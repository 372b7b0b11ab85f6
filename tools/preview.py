"""Drive a real ``lertrat serve`` process as a person does: save a file, watch the page.

Used by ``make bench`` (how long a saved edit takes to show, how many builds a save starts)
and by ``tests/test_serve.py`` (one build per save, problems on the page, clean stop). The
server runs with its own temporary folder (``TMPDIR``), so what it leaves behind can be seen.
"""

from __future__ import annotations

import html
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

LERTRAT = Path(sys.executable).with_name("lertrat")

BUILD_LINE = re.compile(r"^(Built the whole preview|Rebuilt \d+ changed page|No page changed|Not rebuilt)")
"""The one line ``lertrat serve`` prints for every build (generator/site/mkdocs_run.py)."""

SERVING = re.compile(r"Serving on (http://\S+?/)$")


def page_text(markup: str) -> str:
    """What a reader sees of a page's markup: tags dropped, entities and the invisible word
    joints (U+200B) removed, spaces collapsed."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup)).replace("\u200b", "")
    return re.sub(r"\s+", " ", text)


@dataclass
class Served:
    process: subprocess.Popen
    url: str
    log: Path
    tmp: Path

    def lines(self) -> list[str]:
        return self.log.read_text(encoding="utf-8", errors="replace").splitlines()

    def builds(self) -> list[str]:
        """Every build's line so far, in order."""
        return [line for line in self.lines() if BUILD_LINE.match(line)]

    def get(self, path: str) -> tuple[int, str]:
        """(status, body) of a page; an error page is a response too."""
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=120) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def wait(self, path: str, shown: Callable[[int, str], bool], timeout: float = 300, every: float = 0.05) -> float:
        """Seconds until ``shown(status, body)`` holds for the page at ``path``."""
        started = time.perf_counter()
        while True:
            status, body = self.get(path)
            if shown(status, body):
                return time.perf_counter() - started
            if self.process.poll() is not None:
                raise AssertionError(f"lertrat serve exited with {self.process.returncode}:\n" + "\n".join(self.lines()))
            if time.perf_counter() - started > timeout:
                raise AssertionError(f"{path} did not show the change within {timeout} s; server log:\n" + "\n".join(self.lines()))
            time.sleep(every)

    def wait_builds(self, count: int, timeout: float = 300) -> list[str]:
        """The build lines once there are at least ``count``."""
        started = time.perf_counter()
        while len(self.builds()) < count:
            if self.process.poll() is not None or time.perf_counter() - started > timeout:
                raise AssertionError(f"expected {count} builds; server log:\n" + "\n".join(self.lines()))
            time.sleep(0.05)
        return self.builds()

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 120) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"lertrat serve did not stop within {timeout} s of signal {signum}") from None


def start(root: Path, tmp: Path) -> Served:
    """``lertrat serve`` on a free port, its temporary files in ``tmp``; returns at once."""
    tmp.mkdir(parents=True, exist_ok=True)
    log = tmp.parent / f"{tmp.name}.log"
    env = {**os.environ, "TMPDIR": str(tmp), "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen([str(LERTRAT), "--root", str(root), "serve", "--dev-addr", "127.0.0.1:0"],
                                   stdout=out, stderr=subprocess.STDOUT, env=env)
    return Served(process, "", log, tmp)


def wait_serving(served: Served, timeout: float = 600) -> Served:
    """Wait for the first build to finish and the address to be printed."""
    started = time.perf_counter()
    while not served.url:
        found = [m.group(1) for line in served.lines() if (m := SERVING.search(line))]
        if found:
            served.url = found[0]
            break
        if served.process.poll() is not None or time.perf_counter() - started > timeout:
            served.stop(signal.SIGKILL)
            raise AssertionError("lertrat serve did not start; its log:\n" + "\n".join(served.lines()))
        time.sleep(0.1)
    return served


@contextmanager
def serve(root: Path, tmp: Path, timeout: float = 600) -> Iterator[Served]:
    served = start(root, tmp)
    try:
        yield wait_serving(served, timeout)
    finally:
        served.stop()


class Edit:
    """Saves changed copies of one file and puts the original back at the end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.original = path.read_text(encoding="utf-8")

    def save(self, old: str, new: str) -> None:
        assert old in self.original, f"{old!r} is not in {self.path}"
        self.path.write_text(self.original.replace(old, new, 1), encoding="utf-8")

    def restore(self) -> None:
        self.path.write_text(self.original, encoding="utf-8")
