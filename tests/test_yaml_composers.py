"""libyaml and the pure-Python parser give the loader the same values and positions, and a
broken file is reported in the same words whichever is installed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.content import yaml_loader
from generator.content.yaml_loader import LoadedFile, _Parser, _read, load_yaml

from conftest import REPO

pytestmark = pytest.mark.skipif(yaml_loader._FastParser is None, reason="PyYAML was built without libyaml")


def _both(text: str) -> tuple:
    out = LoadedFile(Path("x.yaml"), None)
    problems: list = []
    out.data = _read(text, yaml_loader._FastParser, out, problems)
    fast = (out.data, out.value_marks, out.key_marks, [str(p) for p in problems])
    out = LoadedFile(Path("x.yaml"), None)
    problems = []
    out.data = _read(text, _Parser, out, problems)
    return fast, (out.data, out.value_marks, out.key_marks, [str(p) for p in problems])


def _plain(value):
    """PyYAML's BaseLoader without type guessing, but with ``key:`` (nothing after it) as None, as ours reads it."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return None if value in ("", "~", "null") else value


@pytest.mark.parametrize("path", sorted(p.relative_to(REPO).as_posix() for p in (REPO / "rubrics").rglob("*.yaml")))
def test_both_parsers_read_every_content_file_the_same(path):
    text = (REPO / path).read_text(encoding="utf-8")
    fast, slow = _both(text)
    assert fast == slow
    assert fast[3] == []
    # the values are those PyYAML's own composer gives
    assert fast[0] == _plain(yaml.load(text, Loader=yaml.BaseLoader))
    # every value has its position, and the positions are where the values are
    lines = text.splitlines()
    assert len(fast[1]) > len(fast[2]) > 0
    for key, (line, col) in fast[2].items():
        assert lines[line - 1][col - 1:].startswith(str(key[-1])), (key, line, col)


def test_empty_and_null_values_and_thai_columns_are_the_same():
    text = "a:\nb: ~\nc: ''\nd: {th: ไทยไทย, en: English}\ne:\n  - |\n    x\n"
    fast, slow = _both(text)
    assert fast == slow
    assert fast[0]["a"] is None and fast[0]["b"] is None and fast[0]["c"] == ""
    assert fast[1][("d", "en")] == (4, 21)  # column counted in characters, not UTF-8 bytes


def test_duplicate_and_complex_keys_are_reported_the_same():
    text = "a: 1\n? [x, y]\n: 2\na: 3\nb:\n  - {c: 1, c: 2}\n"
    fast, slow = _both(text)
    assert fast == slow
    assert fast[0] == {"a": "1", "b": [{"c": "1"}]}
    assert fast[3] == [
        "x.yaml:2:3: (file): a key must be a plain word; found a list or mapping used as a key",
        "x.yaml:4:1: a: duplicate key 'a' (first given on line 1); expected each key once — remove one of them",
        "x.yaml:6:12: b[0].c: duplicate key 'c' (first given on line 6); expected each key once — remove one of them",
    ]


def test_a_broken_file_is_reported_in_pure_python_words(tmp_path, monkeypatch):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nname: {th: ก, en: a\nother: 1\n", encoding="utf-8")
    _, fast = load_yaml(broken, Path("broken.yaml"))
    monkeypatch.setattr(yaml_loader, "_FastParser", None)
    _, slow = load_yaml(broken, Path("broken.yaml"))
    assert [str(p) for p in fast] == [str(p) for p in slow] and fast
    with pytest.raises(yaml.YAMLError):
        _read(broken.read_text(encoding="utf-8"), yaml.CBaseLoader, LoadedFile(Path("x"), None), [])
