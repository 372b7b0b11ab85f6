"""libyaml and the pure-Python composer give the loader the same values and positions, and a
broken file is reported in the same words whichever is installed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.content import yaml_loader
from generator.content.yaml_loader import LoadedFile, _compose, _Composer, _convert, load_yaml

from conftest import REPO

pytestmark = pytest.mark.skipif(yaml_loader._FastComposer is None, reason="PyYAML was built without libyaml")


def _read(text: str, composer: type) -> tuple:
    out = LoadedFile(Path("x.yaml"), None)
    problems: list = []
    out.data = _convert(_compose(text, composer), (), out, problems)
    return out.data, out.value_marks, out.key_marks, problems


@pytest.mark.parametrize("path", sorted(p.relative_to(REPO).as_posix() for p in (REPO / "rubrics").rglob("*.yaml")))
def test_both_composers_read_every_content_file_the_same(path):
    text = (REPO / path).read_text(encoding="utf-8")
    assert _read(text, yaml_loader._FastComposer) == _read(text, _Composer)


def test_empty_and_null_values_and_thai_columns_are_the_same():
    text = "a:\nb: ~\nc: ''\nd: {th: ไทยไทย, en: English}\ne:\n  - |\n    x\n"
    fast, slow = _read(text, yaml_loader._FastComposer), _read(text, _Composer)
    assert fast == slow
    assert fast[0]["a"] is None and fast[0]["b"] is None and fast[0]["c"] == ""
    assert fast[1][("d", "en")] == (4, 21)  # column counted in characters, not UTF-8 bytes


def test_a_broken_file_is_reported_in_pure_python_words(tmp_path, monkeypatch):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nname: {th: ก, en: a\nother: 1\n", encoding="utf-8")
    _, fast = load_yaml(broken, Path("broken.yaml"))
    monkeypatch.setattr(yaml_loader, "_FastComposer", None)
    _, slow = load_yaml(broken, Path("broken.yaml"))
    assert [str(p) for p in fast] == [str(p) for p in slow] and fast
    with pytest.raises(yaml.YAMLError):
        _compose(broken.read_text(encoding="utf-8"), yaml.CBaseLoader)
