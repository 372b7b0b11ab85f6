"""The bad-input corpus (tests/bad_inputs/): every mistake gives a clear message and loses nothing.

Each case copies the built project, lays its small YAML tree over it, and runs
``lertrat check`` and ``lertrat build`` as an editor would.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import copy_built, folder_digest, lertrat

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "tree").is_dir())
# Input made to hurt (issue 17): `lertrat serve` must refuse it as quickly as check and build do.
HOSTILE = {"yaml-billion-laughs", "yaml-anchor-and-alias", "nested-5000-levels", "nested-5000-levels-block", "yaml-python-tag",
           "control-character-in-text", "line-separator-in-text", "utf16-file", "file-too-large"}
PROBLEM = re.compile(r"^(?P<path>rubrics/\S+?):(?P<line>\d+):(?P<col>\d+): (?P<field>\S+): (?P<message>.+)$")


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 30, CASES
    assert HOSTILE <= set(CASES)


@pytest.fixture(scope="module")
def site_before(built_site) -> str:
    """The built site's digest: every case starts from a copy of it."""
    return folder_digest(built_site)


@pytest.mark.parametrize("case", CASES)
def test_bad_input(case, built_site, site_before, tmp_path, request):
    root = copy_built(built_site, tmp_path / "project")
    shutil.copytree(CORPUS / case / "tree", root, dirs_exist_ok=True)
    content_before = folder_digest(root / "content")

    check = lertrat(root, "check")
    expected_file = CORPUS / case / "expected.txt"
    if request.config.getoption("--update-golden"):
        expected_file.write_text(check.stderr, encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8")
    assert check.code == 1, check.output
    assert check.stdout == ""
    assert check.stderr == expected

    lines = expected.splitlines()
    count = len(lines) - 1
    assert count >= 1
    assert lines[-1] == f"{count} problem{'s' if count > 1 else ''} found; nothing was written."
    for line in lines[:-1]:
        match = PROBLEM.match(line)
        assert match, f"not a path:line:col: field: message line: {line}"
        assert int(match["line"]) >= 1 and int(match["col"]) >= 1
        assert "expected" in match["message"], f"the message does not say what was expected: {line}"

    build = lertrat(root, "build")
    assert build.code == 1, build.output
    assert build.stderr == expected
    runs = [check, build]
    if case in HOSTILE:
        serve = lertrat(root, "serve", "--dev-addr", "127.0.0.1:0")
        assert serve.code == 1, serve.output
        assert expected in serve.stderr
        runs.append(serve)
    for run in runs:
        assert "Traceback" not in run.output
    assert folder_digest(root / "site") == site_before, "a failed build changed site/"
    assert folder_digest(root / "content") == content_before, "a failed build wrote pages into content/"
    assert not list(root.glob(".site-*"))


def test_the_staff_guide_quotes_real_messages():
    """content/editing*.md explains error messages with examples: each must be a message
    that lertrat really prints (a case of this corpus), word for word."""
    printed = {line for case in CASES for line in (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines()}
    for page in ("editing.md", "editing.en.md"):
        quoted = [line.strip() for line in (CORPUS.parents[1] / "content" / page).read_text(encoding="utf-8").splitlines() if PROBLEM.match(line.strip())]
        assert len(quoted) >= 6, page
        assert [line for line in quoted if line not in printed] == [], page
