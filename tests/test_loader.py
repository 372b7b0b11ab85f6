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


# --- What the content never needs is refused before it can cost anything ------------------

from generator.content import yaml_loader  # noqa: E402
from generator.content.models import MAX_TEXT  # noqa: E402
from generator.content.schema import schemas  # noqa: E402
from generator.content.yaml_loader import MAX_DEPTH, MAX_FILE_BYTES  # noqa: E402

from conftest import REPO  # noqa: E402

ALIASES = "YAML anchors and aliases (&name, *name) are not used in these files; write the value out — expected it in full wherever it is used"


def messages(tmp_path, text):
    loaded, problems = load(tmp_path, text)
    return [str(p) for p in problems]


def test_crlf_line_ends_are_read_as_if_absent(tmp_path):
    text = "id: a\nname:\n  th: ก\n  en: |\n    two\n    lines\nlist: [a,\n  b]\n"
    plain, _ = load(tmp_path, text)
    crlf, problems = load(tmp_path, "\ufeff" + text.replace("\n", "\r\n"))
    assert problems == []
    assert crlf.data == plain.data == {"id": "a", "name": {"th": "ก", "en": "two\nlines\n"}, "list": ["a", "b"]}
    assert crlf.value_marks == plain.value_marks and crlf.key_marks == plain.key_marks


def test_utf16_and_utf32_are_named(tmp_path):
    wide = "the file is saved as {} text; expected UTF-8 — save it again with the encoding UTF-8"
    texts = ("id: a\nname: ไทย\n", "# yaml-language-server: $schema=x.json\nname: ไทยไทยไทยไทยไทยไทยไทยไทยไทยไทยไทยไทยไทยไทยไทย\n")
    for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
        for text in texts:
            assert messages(tmp_path, text.encode(encoding)) == [f"x.yaml:1:1: (file): {wide.format(encoding[:6].upper())}"], encoding


def test_control_characters_are_refused_with_their_position(tmp_path):
    assert messages(tmp_path, "id: a\nname: ab\x00c\x00\n") == [
        "x.yaml:2:9: (file): found the invisible character U+0000 (NUL), and 1 more after it in this file; expected only text, spaces, tabs and line breaks — delete it"
    ]
    assert messages(tmp_path, "id: a\r\nname: x\ry\n") == [
        "x.yaml:2:8: (file): found the invisible character U+000D (a carriage return without a line feed); expected only text, spaces, tabs and line breaks — delete it"
    ]
    for char, name in (("\x1b", "escape"), ("\x7f", "delete"), ("\x85", "next line"), ("\u2028", "line separator"), ("\x01", "a control character")):
        assert messages(tmp_path, f"id: ไทย{char}\n") == [
            f"x.yaml:1:8: (file): found the invisible character U+{ord(char):04X} ({name}); expected only text, spaces, tabs and line breaks — delete it"
        ]


def test_tabs_inside_text_are_fine(tmp_path):
    loaded, problems = load(tmp_path, "id: a\tb\n")
    assert problems == [] and loaded.data == {"id": "a\tb"}


def test_the_file_size_limit(tmp_path):
    at_limit = "id: a\nx: " + "a" * (MAX_FILE_BYTES - len("id: a\nx: \n")) + "\n"
    loaded, problems = load(tmp_path, at_limit)
    assert len(at_limit.encode()) == MAX_FILE_BYTES
    assert loaded is None  # one value of almost 1 MB is over the text limit, but the size was accepted
    assert "expected at most 5000" in str(problems[0])
    assert messages(tmp_path, at_limit + " ") == [
        f"x.yaml:1:1: (file): the file is {MAX_FILE_BYTES + 1:,} bytes; expected at most {MAX_FILE_BYTES:,} bytes, far more than any content file needs — check that this is the file you meant"
    ]


def test_the_text_limit_counts_characters(tmp_path):
    loaded, problems = load(tmp_path, f"id: a\nname: {'ก' * MAX_TEXT}\n")
    assert problems == [] and len(loaded.data["name"]) == MAX_TEXT
    assert messages(tmp_path, f"id: a\nlist:\n  - '{'ก' * (MAX_TEXT + 1)}'\n") == [f"x.yaml:3:5: list[0]: found a text of {MAX_TEXT + 1} characters, expected at most {MAX_TEXT}"]
    assert messages(tmp_path, f"id: a\n? {'k' * (MAX_TEXT + 1)}\n: x\n") == [f"x.yaml:2:3: (file): found a key of {MAX_TEXT + 1} characters, expected at most {MAX_TEXT}"]


def test_anchors_aliases_and_tags_are_refused(tmp_path):
    assert messages(tmp_path, "id: a\nname: &n {th: ก, en: a}\nother: *n\n") == [f"x.yaml:2:7: name: found the anchor '&n'; {ALIASES}"]
    assert messages(tmp_path, "id: a\nlist:\n  - x\n  - *n\n") == [f"x.yaml:4:5: list[1]: found the alias '*n'; {ALIASES}"]
    assert messages(tmp_path, "id: !!python/object:os.system x\n") == [
        "x.yaml:1:5: id: found the tag '!!python/object:os.system'; YAML tags are not used in these files; expected the value alone — remove the tag"
    ]
    assert messages(tmp_path, "id: a\npoints: !!int 10\nx: !local y\n")[0].startswith("x.yaml:2:9: points: found the tag '!!int';")


def test_the_billion_laughs_stop_at_the_first_anchor(tmp_path):
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{chr(97 + i)}: &{chr(97 + i)} [{', '.join(['*' + chr(96 + i)] * 9)}]" for i in range(1, 9)]
    for fast in (True, False):
        if not fast:
            yaml_loader._FastParser, saved = None, yaml_loader._FastParser
        try:
            assert messages(tmp_path, "\n".join(lines) + "\n") == [f"x.yaml:1:4: a: found the anchor '&a'; {ALIASES}"]
        finally:
            if not fast:
                yaml_loader._FastParser = saved


def _nested(levels: int) -> str:
    return "id: a\nx: " + "[" * (levels - 1) + "y" + "]" * (levels - 1) + "\n"


def test_nesting_limit_with_either_parser(tmp_path, monkeypatch):
    too_deep = f"lists and mappings are nested more than {MAX_DEPTH} levels deep here; expected at most {MAX_DEPTH} levels (the deepest the content goes) — check the indentation"
    for parser in (yaml_loader._FastParser, None):
        monkeypatch.setattr(yaml_loader, "_FastParser", parser)
        loaded, problems = load(tmp_path, _nested(MAX_DEPTH))
        assert problems == [] and loaded.data["x"] == [[[[[[[[[["y"]]]]]]]]]]
        for levels in (MAX_DEPTH + 1, 5000, 100_000):  # libyaml gives up at 1000, PyYAML's composer would recurse
            assert messages(tmp_path, _nested(levels)) == [f"x.yaml:2:{MAX_DEPTH + 3}: x{'[0]' * (MAX_DEPTH - 1)}: {too_deep}"]
        block = "id: a\nx:\n" + "  - " * 5000 + "y\n"
        assert messages(tmp_path, block)[0].endswith(too_deep)


def _deepest(schema: dict, defs: dict, seen: frozenset = frozenset()) -> float:
    """How many mappings and lists a document of this JSON Schema can hold inside one another."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return float("inf") if name in seen else _deepest(defs[name], defs, seen | {name})
    depth = max((_deepest(s, defs, seen) for k in ("anyOf", "oneOf", "allOf") for s in schema.get(k, [])), default=0)
    if schema.get("type") == "object" or "properties" in schema:
        inner = [_deepest(s, defs, seen) for s in schema.get("properties", {}).values()]
        if isinstance(schema.get("additionalProperties"), dict):
            inner.append(_deepest(schema["additionalProperties"], defs, seen))
        depth = max(depth, 1 + max(inner, default=0))
    if schema.get("type") == "array" or "items" in schema:
        items = schema.get("items")
        depth = max(depth, 1 + (_deepest(items, defs, seen) if isinstance(items, dict) else 0))
    return depth


def _depth(value) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


def test_the_nesting_limit_is_what_the_models_can_hold():
    """If a model gains a level, the limit must follow (and the other way round)."""
    deepest = {name: _deepest(schema, schema.get("$defs", {})) for name, schema in schemas().items()}
    assert max(deepest.values()) == MAX_DEPTH, deepest
    real = {}
    for path in (REPO / "rubrics").rglob("*.yaml"):
        loaded, problems = load_yaml(path, path.relative_to(REPO))
        assert problems == []
        real[path.relative_to(REPO).as_posix()] = _depth(loaded.data)
    assert max(real.values()) <= MAX_DEPTH
    assert real["rubrics/2566/service/facilitation.yaml"] == MAX_DEPTH  # the deepest real file, named in yaml_loader.py
