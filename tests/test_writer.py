"""Writing generated pages: only what changed, stale pages removed, hand-written pages safe."""

from __future__ import annotations

import pytest

from generator.pages.render import Page
from generator.pages.writer import HandWrittenFileError, clean, write_pages

BANNER = "<!-- generated from rubrics/x.yaml by lertrat — edit that file, not this one -->\n"


def page(path: str, body: str) -> Page:
    return Page(path, "rubrics/x.yaml", BANNER + body)


def test_unchanged_files_are_not_rewritten(tmp_path):
    first = write_pages(tmp_path, [page("a/index.md", "# A\n"), page("a/index.en.md", "# A\n")])
    assert sorted(first.written) == ["a/index.en.md", "a/index.md"]
    stamp = (tmp_path / "a/index.md").stat().st_mtime_ns
    second = write_pages(tmp_path, [page("a/index.md", "# A\n"), page("a/index.en.md", "# A (changed)\n")])
    assert second.written == ["a/index.en.md"] and second.unchanged == 1
    assert (tmp_path / "a/index.md").stat().st_mtime_ns == stamp


def test_stale_pages_and_empty_folders_are_removed(tmp_path):
    write_pages(tmp_path, [page("2566/x/gone.md", "# Gone\n"), page("index.md", "# Home\n")])
    result = write_pages(tmp_path, [page("index.md", "# Home\n")])
    assert result.removed == ["2566/x/gone.md"]
    assert not (tmp_path / "2566").exists()


def test_hand_written_page_is_never_overwritten(tmp_path):
    (tmp_path / "index.md").write_text("# Written by hand\n", encoding="utf-8")
    with pytest.raises(HandWrittenFileError, match="index.md"):
        write_pages(tmp_path, [page("index.md", "# Home\n")])
    assert (tmp_path / "index.md").read_text(encoding="utf-8") == "# Written by hand\n"


def test_clean_removes_only_generated_pages(tmp_path):
    (tmp_path / "about.md").write_text("# About\n", encoding="utf-8")
    write_pages(tmp_path, [page("2566/index.md", "# 2566\n")])
    assert clean(tmp_path) == ["2566/index.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["about.md"]
