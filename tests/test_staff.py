"""The staff workflow around the content: a clean checkout stays clean, `make clean` works on
a fresh clone, the `lertrat` command explains itself, the tests keep their temporary files
to themselves, and the staff guide explains drafts. (Drafts themselves: test_drafts.py;
stopping `lertrat serve`: test_serve.py.)"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import tomllib
from pathlib import Path

import pytest

from generator.cli import COMMANDS
from generator.pages.generated import _is_generated as is_generated

from browser import launch, serve
from conftest import LERTRAT, REPO, TEST_TMP, lertrat


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def tracked() -> list[str]:
    return git(REPO, "ls-files", "-z").split("\0")[:-1]


@pytest.fixture
def fresh_clone(tmp_path: Path) -> Path:
    """What a clone of this checkout gives, as it is now: the files under version control
    (and new ones that are not ignored), committed in a repository of their own."""
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    clone = tmp_path / "clone"
    names = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")[:-1]
    for name in names:
        if (REPO / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, clone / name)
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "clone"]):
        subprocess.run(["git", "-C", str(clone), *args], check=True, capture_output=True, env={**os.environ, **env}, timeout=120)
    return clone


# --- clean checkouts ---------------------------------------------------------------------


def test_no_tracked_file_is_a_generated_one():
    """A generated file starts with the banner (after its front matter, if any). The golden
    copies of rendered pages are the exception, kept on purpose (test_golden.py)."""
    generated = [name for name in tracked() if not name.startswith("tests/golden/") and (REPO / name).is_file() and is_generated(REPO / name)]
    assert generated == []
    assert not {"content/changes.md", "content/changes.en.md", "content/editing/notes.md", "content/editing/notes.en.md"} & set(tracked())


def status(clone: Path, *extra: str) -> list[str]:
    return git(clone, "status", "--porcelain", "--untracked-files=all", *extra).splitlines()


def test_make_clean_works_on_a_fresh_clone_and_after_a_build(fresh_clone):
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    # A fresh clone: no .venv yet, nothing to remove.
    run = subprocess.run([make, "-C", str(fresh_clone), "clean"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "removed 0 generated page(s) from content/" in run.stdout
    assert status(fresh_clone, "--ignored") == []
    # A build, and what the tests leave: every file they write is ignored by git...
    build = lertrat(fresh_clone, "build")
    assert build.code == 0, build.output
    (fresh_clone / ".pytest-tmp/run").mkdir(parents=True)
    (fresh_clone / ".pytest-tmp/run/left.txt").write_text("", encoding="utf-8")
    (fresh_clone / "tests/output").mkdir()
    (fresh_clone / "tests/output/shot.png").write_bytes(b"png")
    (fresh_clone / ".venv").mkdir()
    (fresh_clone / ".venv/kept").write_text("", encoding="utf-8")
    assert status(fresh_clone) == []
    ignored = {line[3:].split("/")[0] for line in status(fresh_clone, "--ignored")}
    assert {"site", "content", ".pytest-tmp", "tests", ".venv"} <= ignored
    # ...and `make clean` removes exactly what the README says, keeping .venv/ (and node_modules/).
    run = subprocess.run([make, "-C", str(fresh_clone), "clean"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"removed [1-9]\d* generated page\(s\) from content/", run.stdout)
    assert status(fresh_clone, "--ignored") == ["!! .venv/kept"]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    said = readme.split("`make clean` removes ", 1)[1].split("; `make lock`", 1)[0]
    for item in ("`site/`", "`.site-new-*`", "generated pages", "`.pytest-tmp/`", "`tests/output/`", "`.pytest_cache/`", "keeping `.venv/`"):
        assert item in said, item


# --- the command -------------------------------------------------------------------------


def run_lertrat(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LERTRAT), *args], capture_output=True, text=True, cwd=cwd, timeout=120,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_lertrat_version():
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    run = run_lertrat("--version", cwd=REPO)
    assert run.returncode == 0 and run.stdout == f"lertrat {version}\n"


def test_lertrat_alone_lists_the_commands():
    run = run_lertrat(cwd=REPO)
    assert run.returncode == 0, run.stderr
    listed = re.findall(r"^    (\S+)", run.stdout, re.M)
    assert listed == list(COMMANDS)
    for name, (summary, _, _) in COMMANDS.items():
        assert " ".join(summary.split()[:4]) in " ".join(run.stdout.split()), name
    assert "Run `lertrat COMMAND --help`" in run.stdout


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_help_has_a_paragraph_and_an_example(name):
    run = run_lertrat(name, "--help", cwd=REPO)
    assert run.returncode == 0, run.stderr
    blocks = run.stdout.split("\n\n")
    assert blocks[0].startswith(f"usage: lertrat {name}")
    paragraph = " ".join(blocks[1].split())
    assert paragraph == " ".join(COMMANDS[name][1].split()) and len(paragraph) > 120
    assert run.stdout.rstrip().endswith(f"example:\n  {COMMANDS[name][2]}")
    assert COMMANDS[name][2].startswith(f"lertrat {name}")


OUTSIDE = ["check", "build", "serve", "clean", "schema", "new-year 2567"]


@pytest.mark.parametrize("command", OUTSIDE)
def test_outside_a_project_every_command_says_where_it_looked(command, tmp_path):
    """Run from a folder with no project in it or above it (the file system's root), and with
    --root naming a folder that is not one: the folder, and how to name the right one."""
    run = run_lertrat(*command.split(), cwd=Path("/"))
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr == (
        "/:1:1: (folder): found no lertrat project in / or any folder above it (a project folder holds mkdocs.yml and rubrics/); "
        "expected a project folder: run lertrat from the project folder, or name it with --root DIR (e.g. lertrat --root ~/lertrat check)\n"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    run = run_lertrat("--root", str(elsewhere), *command.split(), cwd=REPO)
    assert run.returncode == 1
    assert run.stderr == (
        f"{elsewhere}:1:1: (folder): found no rubrics/ in {elsewhere} (the folder given with --root); "
        "expected a project folder: give --root the project folder, the one that holds mkdocs.yml and rubrics/\n"
    )
    assert sorted(p.name for p in elsewhere.iterdir()) == ["mkdocs.yml"]  # nothing written


@pytest.mark.parametrize("command", ["build", "serve", "clean"])
def test_commands_that_run_mkdocs_need_its_configuration(command, tmp_path):
    """`check` and `new-year` read rubrics/ only; the commands that build or clean the site
    need mkdocs.yml as well, and say so."""
    (tmp_path / "rubrics").mkdir()
    run = run_lertrat("--root", str(tmp_path), command, cwd=REPO)
    assert run.returncode == 1
    assert run.stderr == (
        f"{tmp_path}:1:1: (folder): found no mkdocs.yml in {tmp_path} (the folder given with --root); "
        "expected a project folder: give --root the project folder, the one that holds mkdocs.yml and rubrics/\n"
    )


def test_commands_that_need_no_project_work_anywhere(tmp_path):
    run = run_lertrat("schema", "--stdout", cwd=Path("/"))
    assert run.returncode == 0 and run.stdout.startswith("{")
    run = run_lertrat("search-index", str(tmp_path), cwd=Path("/"))
    assert run.returncode == 1
    assert run.stderr == f"lertrat search-index: {tmp_path} holds no built page (no index.html); nothing was written\n"


# --- the tests' own temporary files --------------------------------------------------------


def test_the_tests_keep_their_temporary_files_in_the_tree(tmp_path):
    assert tmp_path.is_relative_to(TEST_TMP / "run")
    assert Path(tempfile.gettempdir()) == TEST_TMP / "tmp"
    assert os.environ["TMPDIR"] == str(TEST_TMP / "tmp")
    ignored = subprocess.run(["git", "-C", str(REPO), "check-ignore", "-q", str(TEST_TMP)], timeout=60)
    assert ignored.returncode == 0, ".pytest-tmp/ is ignored by git"


def test_chromium_leaves_nothing_in_home(tmp_path, monkeypatch):
    from playwright.sync_api import sync_playwright

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    # A temporary folder of its own: the other workers' browsers use the run's one meanwhile.
    # (a short path: Chromium refuses a socket path over 107 characters)
    temporary = Path(tempfile.mkdtemp(prefix="alone-"))
    monkeypatch.setenv("TMPDIR", str(temporary))  # Playwright's driver, and the browser it starts
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))  # this process (tests/browser.py)
    (tmp_path / "site").mkdir()
    (tmp_path / "site/index.html").write_text("<!doctype html><title>x</title><p>x", encoding="utf-8")
    with sync_playwright() as p, serve(tmp_path / "site") as base:
        browser = launch(p)
        page = browser.new_page()
        page.goto(base + "/")
        assert page.title() == "x"
        browser.close()
    assert list(home.iterdir()) == []
    assert list(temporary.iterdir()) == []
    temporary.rmdir()


# --- the staff guide -----------------------------------------------------------------------


@pytest.mark.parametrize("page", ["content/editing.md", "content/editing.en.md"])
def test_the_staff_guide_explains_drafts(page):
    text = (REPO / page).read_text(encoding="utf-8")
    heading = "## ฉบับร่าง: เตรียมข้อมูลปีใหม่" if page.endswith("editing.md") else "## Drafts: preparing a new programme year"
    assert heading in text
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    for needed in ("lertrat new-year", "draft: true", "make serve", "make check", "draft: false", "TODO"):
        assert needed in section, (page, needed)
    # The messages quoted are those lertrat prints.
    assert "2567 is a draft: not published; 88 TODO values left." in section
