"""``lertrat serve`` as an editor uses it: a real server process on the real content, a file
saved, the served page read back (and watched in Chromium, reloaded by live reload).

Timeouts are generous (the machine is shared); how fast a save shows is measured by
``make bench``, never asserted here.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tools.preview import Edit, page_text, start, wait_serving

from browser import launch
from conftest import copy_project, lertrat

TYPE = "rubrics/2566/service/innovation.yaml"
TYPE_PAGE = "2566/service/innovation/"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("serve") / "project")
    server = wait_serving(start(root, root.parent / "tmp"))
    yield root, server
    server.stop()


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def test_a_saved_edit_shows_after_exactly_one_build(served):
    root, server = served
    edit = Edit(root / TYPE)
    before = len(server.builds())
    detected = sum("Detected file changes" in line for line in server.lines())
    try:
        edit.save("การพัฒนาการให้บริการ ด้วย", "การพัฒนาการให้บริการ ครั้งที่แก้ไข ด้วย")
        server.wait(TYPE_PAGE, lambda status, body: status == 200 and "ครั้งที่แก้ไข" in page_text(body))
        time.sleep(4)  # several polls of the watcher: a build started by the build's own writes would show by now
        builds = server.builds()[before:]
        assert len(builds) == 1 and builds[0].startswith("Rebuilt "), builds
        assert sum("Detected file changes" in line for line in server.lines()) == detected + 1  # MkDocs' own count
        _, english = server.get("en/" + TYPE_PAGE)
        assert "Developing service delivery" in page_text(english)  # the other language is served too
    finally:
        edit.restore()
        server.wait(TYPE_PAGE, lambda status, body: status == 200 and "ครั้งที่แก้ไข" not in page_text(body))


def test_a_mistake_is_shown_on_the_open_page_until_the_next_good_save(served, tmp_path):
    """The page open in the browser reloads by itself to show the problem, in the words of
    ``lertrat check``, and reloads again to the corrected page once the mistake is fixed."""
    root, server = served
    edit = Edit(root / TYPE)
    broken = copy_project(tmp_path / "broken")
    Edit(broken / TYPE).save("  total: 100\n", "  total: 101\n")
    expected = lertrat(broken, "check")
    assert expected.code == 1
    problem = expected.stderr.strip().splitlines()[0]
    assert problem.startswith(f"{TYPE}:") and "expected them to add up to the rubric total 101" in problem
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            page.goto(server.url + "en/" + TYPE_PAGE)
            assert page.locator("h1").first.inner_text().startswith("Service Innovation")
            before = len(server.builds())
            try:
                edit.save("  total: 100\n", "  total: 101\n")
                shown = page.locator("#lertrat-problems")
                shown.wait_for(timeout=300_000)  # no reload by the test: live reload brings it
                assert problem in shown.inner_text()
                assert page.locator("html").get_attribute("lang") == "en"
                assert page.locator("h1").inner_text() == "The preview was not rebuilt because the content has a problem"
                assert any(problem in line for line in server.lines())  # and in the terminal
            finally:
                edit.restore()
            page.locator("h1", has_text="Service Innovation").wait_for(timeout=300_000)
            assert page.locator("#lertrat-problems").count() == 0
        finally:
            browser.close()
    # Put back as it was, the content gives the pages of the last good build: nothing to render
    # again. (A busy machine may see one save as two changes: every build after the refusal says so.)
    builds = server.builds()[before:]
    refused = [i for i, line in enumerate(builds) if line.startswith("Not rebuilt")]
    assert refused, builds
    assert builds[refused[-1] + 1 :] and all(line == "No page changed." for line in builds[refused[-1] + 1 :]), builds


@pytest.mark.parametrize(("signum", "when"), [(signal.SIGTERM, "serving"), (signal.SIGINT, "building")], ids=["SIGTERM-serving", "SIGINT-building"])
def test_a_stop_signal_ends_serve_and_removes_its_temporary_folder(signum, when, tmp_path):
    """Stopped while it serves (SIGTERM, as a service manager stops it) or in the middle of
    its first build (Ctrl-C): no process and no temporary folder is left."""
    root = copy_project(tmp_path / "project")
    tmp = tmp_path / "tmp"
    server = start(root, tmp)
    if when == "serving":
        wait_serving(server)
    else:  # the pages are generated: MkDocs is building
        deadline = time.monotonic() + 600
        while not (root / "content/.generated.json").is_file() and time.monotonic() < deadline and server.process.poll() is None:
            time.sleep(0.05)
        assert server.builds() == []
    assert [p.name.startswith("lertrat-serve-") for p in tmp.iterdir()] == [True]
    children = _children(server.process.pid)
    code = server.stop(signum, timeout=120)
    assert code == 0, server.lines()
    assert list(tmp.iterdir()) == []
    assert "Stopped; the preview's temporary folder is removed." in server.lines()
    for child in children:  # MkDocs runs inside lertrat: nothing of it may outlive the server
        with pytest.raises(ProcessLookupError):
            os.kill(child, 0)
    if server.url:
        with pytest.raises(OSError):  # nothing listens any more
            server.get("")
