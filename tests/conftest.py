"""Shared fixtures: a throw-away copy of the project, the lertrat command, a built site."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LERTRAT = Path(sys.executable).with_name("lertrat")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, built once with ``lertrat build`` (mkdocs --strict)."""
    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    run = lertrat(root, "build")
    assert run.code == 0, run.output
    return root / "site"
