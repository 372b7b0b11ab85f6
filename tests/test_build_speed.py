"""What makes a large archive build faster must never change what is built or hide a mistake:
the cache in .cache/lertrat/ (parsed YAML, compiled templates) and the work done in a forked
child (generator/parallel.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import REPO, file_digests, lertrat

YAML_CACHE = Path(".cache/lertrat/yaml")
JINJA_CACHE = Path(".cache/lertrat/jinja")


def _yaml_files(root: Path) -> int:
    return sum(1 for _ in (root / "rubrics").rglob("*.yaml"))


def test_a_cached_build_an_uncached_build_and_a_serial_build_are_the_same_site(project, tmp_path, monkeypatch):
    first = lertrat(project, "build", "--site-dir", str(tmp_path / "first"))
    assert first.code == 0, first.output
    assert len(list((project / YAML_CACHE).iterdir())) == _yaml_files(project)  # every file read once, kept
    assert any((project / JINJA_CACHE).iterdir())
    again = lertrat(project, "build", "--site-dir", str(tmp_path / "again"))  # from the cache
    assert again.code == 0, again.output
    monkeypatch.setenv("LERTRAT_NO_CACHE", "1")
    monkeypatch.setenv("LERTRAT_SERIAL", "1")
    plain = lertrat(project, "build", "--site-dir", str(tmp_path / "plain"))  # no cache, no second process
    assert plain.code == 0, plain.output
    site = file_digests(tmp_path / "first")
    assert len(site) > 200
    assert file_digests(tmp_path / "again") == site
    assert file_digests(tmp_path / "plain") == site


def test_an_edit_after_a_cached_build_is_read_and_a_mistake_is_still_reported(project, tmp_path):
    assert lertrat(project, "check").code == 0
    source = project / "rubrics/2566/year.yaml"
    cached = {p.name for p in (project / YAML_CACHE).iterdir()}
    text = source.read_text(encoding="utf-8")
    old = "Public Sector Excellence Awards 2023"
    assert old in text
    source.write_text(text.replace(old, "Public Sector Excellence Awards 2023 (edited)"), encoding="utf-8")
    built = lertrat(project, "build", "--site-dir", str(tmp_path / "site"))
    assert built.code == 0, built.output
    assert "Public Sector Excellence Awards 2023 (edited)" in (tmp_path / "site/en/2566/index.html").read_text(encoding="utf-8")
    now = {p.name for p in (project / YAML_CACHE).iterdir()}
    assert len(now) == _yaml_files(project) and len(now - cached) == 1  # the old reading was replaced, not kept
    lines = text.splitlines()
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith("year:"))
    lines[number - 1] = "year: two thousand"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    check = lertrat(project, "check")
    assert check.code == 1
    assert f"rubrics/2566/year.yaml:{number}:7: year:" in check.stderr, check.stderr
    assert "Traceback" not in check.output


def test_a_damaged_cache_is_ignored(project, tmp_path):
    assert lertrat(project, "build", "--site-dir", str(tmp_path / "first")).code == 0
    for entry in (project / YAML_CACHE).iterdir():
        entry.write_bytes(b"\x00 not what was written")
    for entry in (project / JINJA_CACHE).iterdir():
        entry.write_bytes(b"garbage")
    built = lertrat(project, "build", "--site-dir", str(tmp_path / "site"))
    assert built.code == 0, built.output
    assert "Traceback" not in built.output
    assert file_digests(tmp_path / "site") == file_digests(tmp_path / "first")


def test_lertrat_clean_removes_the_cache(project):
    assert lertrat(project, "check").code == 0
    assert (project / ".cache/lertrat").is_dir()
    cleaned = lertrat(project, "clean")
    assert cleaned.code == 0, cleaned.output
    assert "removed the cache .cache/lertrat/" in cleaned.stdout
    assert not (project / ".cache/lertrat").exists()


def _python(script: str) -> subprocess.CompletedProcess:
    """Run in a fresh interpreter: the test process itself may have threads, where forking is not done."""
    env = {k: v for k, v in os.environ.items() if k != "LERTRAT_SERIAL"}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)], cwd=REPO, capture_output=True, text=True, env=env, timeout=120)


def test_the_second_piece_of_work_runs_in_another_process_and_a_failed_child_changes_nothing():
    done = _python("""
        import os
        from generator import parallel
        assert parallel.can_fork(), "expected forking to be possible on this Linux machine"
        here, there = parallel.both(os.getpid, os.getpid)
        assert here == os.getpid() and there != here, (here, there)
        me = os.getpid()
        # the child dies: its piece is done again here
        print(parallel.both(lambda: "a", lambda: "b" if os.getpid() == me else os._exit(3)))
        try:  # an error in the second piece shows up here, as it would without a child
            parallel.both(lambda: 1, lambda: 1 / 0)
        except ZeroDivisionError:
            print("raised")
        os.environ["LERTRAT_SERIAL"] = "1"
        print(parallel.can_fork())
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["('a', 'b')", "raised", "False"]


def test_pages_rendered_in_two_processes_equal_pages_rendered_in_one():
    done = _python("""
        import os
        from pathlib import Path
        from generator import parallel
        from generator.catalog import load_catalog
        from generator.render import render_site
        catalog = load_catalog(Path("."))
        assert parallel.can_fork()
        forked = render_site(catalog)
        os.environ["LERTRAT_SERIAL"] = "1"
        serial = render_site(catalog)
        as_text = lambda pages: sorted((p.path, p.source, p.content) for p in pages)
        assert as_text(forked) == as_text(serial), "different pages"
        assert len({p.path for p in forked}) == len(forked)
        print(len(forked))
    """)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 200
