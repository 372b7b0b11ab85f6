"""Shared fixtures: a throw-away copy of the project, the lertrat command, a built site.

The suite runs in parallel (pytest-xdist, ``-n`` in pyproject.toml; ``--dist loadfile``
keeps each test file in one worker, so a file's module fixtures are made once). Sites that
several files read are built once per run, whichever worker asks first: :func:`shared`.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LERTRAT = Path(sys.executable).with_name("lertrat")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


TEST_TMP = REPO / ".pytest-tmp"  # git-ignored; `make clean` removes it


@pytest.hookimpl(tryfirst=True)  # before pytest's own tmp_path plugin reads --basetemp
def pytest_configure(config: pytest.Config) -> None:
    """Every temporary file of a run stays in ``.pytest-tmp/`` inside the tree, emptied at the
    start of each run: pytest's folders in ``run/`` (``--basetemp``; pytest-xdist gives each
    worker ``run/popen-gwN``), and everything else (``lertrat serve``'s folder, Playwright's
    browser profiles, Chromium's home: tests/browser.py) in ``tmp/``, as ``TMPDIR``. Nothing
    grows in /tmp or $HOME from run to run. One run at a time per checkout."""
    worker = hasattr(config, "workerinput")
    if not worker:
        if config.option.basetemp is None:
            shutil.rmtree(TEST_TMP, ignore_errors=True)
            config.option.basetemp = str(TEST_TMP / "run")
        (TEST_TMP / "tmp").mkdir(parents=True, exist_ok=True)
        os.environ["TMPDIR"] = str(TEST_TMP / "tmp")  # the workers inherit it
    tempfile.tempdir = None  # Python's own temporary folder is read again from TMPDIR


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def lertrat(root: Path, *args: str) -> Run:
    """Run the installed ``lertrat`` command the way a person would."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([str(LERTRAT), "--root", str(root), *args], capture_output=True, text=True, env=env, timeout=300)
    return Run(done.returncode, done.stdout, done.stderr)


def file_digests(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by its path, with the SHA-256 of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def folder_digest(folder: Path) -> str:
    """One hash of the names of everything under ``folder`` (empty folders too) and the bytes of its files."""
    hashed = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        hashed.update(path.relative_to(folder).as_posix().encode() + b"\0")
        if path.is_file():
            hashed.update(path.read_bytes())
    return hashed.hexdigest()


def copy_project(dest: Path) -> Path:
    """A copy of the project with only what is under version control in content/."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("rubrics", "overrides", "generator"):
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "content").mkdir()
    for page in (REPO / "content").glob("*.md"):
        if "by lertrat" not in page.read_text(encoding="utf-8").partition("\n")[0]:
            shutil.copy2(page, dest / "content" / page.name)
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of this whole run, shared by its workers (each worker's own
    ``basetemp`` is inside it); a run without workers has only its own."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def _locked(path: Path):
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shared(tmp_path_factory: pytest.TempPathFactory, name: str, make) -> Path:
    """``make(folder)`` once per run for all workers: the first to ask makes it, the others
    wait and reuse it. The folder is read-only by convention: tests copy what they change."""
    folder = run_folder(tmp_path_factory) / f"shared-{name}"
    with _locked(folder.with_suffix(".lock")):
        done = folder / ".made"
        if not done.is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def _build_real_content(folder: Path) -> None:
    root = copy_project(folder / "project")
    run = lertrat(root, "build")
    assert run.code == 0, run.output


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, built once per run with ``lertrat build`` (mkdocs --strict).
    Tests read it; one that changes the project works on a copy (:func:`copy_built`)."""
    return shared(tmp_path_factory, "built", _build_real_content) / "project" / "site"


def copy_built(built_site: Path, dest: Path) -> Path:
    """A copy of the built project (its ``site/`` and generated ``content/`` too). The site's
    files are hard links, not copies: a build replaces ``site/`` as a whole folder (it never
    writes into the old one), so the shared site cannot change, and a test that checks that
    it did not still sees any change."""
    top = str(built_site.parent)
    shutil.copytree(top, dest, ignore=lambda folder, names: ["site"] if folder == top else [])
    shutil.copytree(built_site, dest / "site", copy_function=os.link)
    return dest


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium (Debian's, see tests/browser.py) for the tests of a module."""
    from playwright.sync_api import sync_playwright

    from browser import launch

    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()
