"""The YAML loader: positions kept, no guessing of types, clear one-line errors."""

from __future__ import annotations

from pathlib import Path

from generator.content.yaml_loader import load_yaml


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "x.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_yaml(path, Path("x.yaml"))


def test_values_stay_as_written(tmp_path):
    loaded, problems = load(tmp_path, "date: 2566-11-15\nflag: no\ncode: 010\npoints: 10\nempty:\n")
    assert problems == []
    assert loaded.data == {"date": "2566-11-15", "flag": "no", "code": "010", "points": "10", "empty": None}


def test_positions_of_keys_and_values(tmp_path):
    loaded, _ = load(tmp_path, "a:\n  b:\n    - x\n    - y: 1\n")
    assert loaded.location(("a", "b", 1, "y")).line == 4
    assert loaded.location(("a", "b", 1, "y")).col == 10
    assert loaded.location(("a", "b", 1, "y"), key=True).col == 7
    assert loaded.location(("a", "b", 1, "missing")).line == 4  # falls back to the parent


def test_duplicate_key(tmp_path):
    _, problems = load(tmp_path, "id: a\nname: x\nid: b\n")
    assert [str(p) for p in problems] == [
        "x.yaml:3:1: id: duplicate key 'id' (first given on line 1); expected each key once — remove one of them"
    ]


def test_bom_is_accepted(tmp_path):
    loaded, problems = load(tmp_path, "\ufeffid: a\n".encode())
    assert problems == [] and loaded.data == {"id": "a"}


def test_not_utf8(tmp_path):
    _, problems = load(tmp_path, b"id: a\nname: " + "ไทย".encode("cp874") + b"\n")
    assert [str(p) for p in problems] == [
        "x.yaml:2:7: (file): the file is not valid UTF-8 text (byte 0xe4 at this position); expected the file to be saved as UTF-8"
    ]


def test_empty_and_comment_only(tmp_path):
    for text in ("", "\n  \n", "# only a comment\n"):
        _, problems = load(tmp_path, text)
        assert [str(p) for p in problems] == ["x.yaml:1:1: (file): the file is empty; expected a YAML mapping (for example 'id: ...')"]


def test_tab_indentation(tmp_path):
    _, problems = load(tmp_path, "a:\n\tb: 1\n")
    assert [str(p) for p in problems] == [
        "x.yaml:2:1: (file): a tab character is used for indentation; expected spaces only (YAML does not allow tabs)"
    ]


def test_syntax_error_is_one_line(tmp_path):
    _, problems = load(tmp_path, "a: [1, 2\nb: 3\n")
    assert len(problems) == 1
    text = str(problems[0])
    assert text.startswith("x.yaml:") and "not valid YAML" in text and "\n" not in text


def test_top_level_list(tmp_path):
    _, problems = load(tmp_path, "- a\n- b\n")
    assert [str(p) for p in problems] == ["x.yaml:1:1: (file): the file holds a list; expected a mapping of fields (key: value)"]
