"""`lertrat schema` and the committed schema/ files editors use."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from conftest import REPO, lertrat


def test_schema_command_writes_the_committed_files(tmp_path, project):
    run = lertrat(project, "schema", "--out", str(tmp_path / "out"))
    assert run.code == 0, run.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(p.name for p in (REPO / "schema").glob("*.schema.json"))
    assert {"award-type.schema.json", "branch.schema.json", "year.schema.json", "winners.schema.json"} <= set(written)
    for name in written:
        fresh = (tmp_path / "out" / name).read_text(encoding="utf-8")
        assert fresh == (REPO / "schema" / name).read_text(encoding="utf-8"), f"schema/{name} is out of date: run `make schema`"


def test_schema_rejects_unknown_keys_and_names_the_text_pairs():
    schema = json.loads((REPO / "schema" / "award-type.schema.json").read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) >= {"id", "name", "status", "definition", "source"}
    text = schema["$defs"]["Text"]
    assert text["required"] == ["th", "en"] and text["additionalProperties"] is False


def schema_kind(path: Path) -> str:
    """Which schema a file under rubrics/ follows, from the folder layout (see catalog.py).
    A file in a place the layout does not know fails the test, rather than getting a guess."""
    parts = path.relative_to(REPO / "rubrics").parts
    if parts == ("agencies.yaml",):
        return "agencies"
    if parts == ("documents.yaml",):
        return "documents"
    if len(parts) == 2 and parts[0] == "winners":
        return "unpsa" if parts[1] == "unpsa.yaml" else "winners"
    if len(parts) == 2 and parts[0].isdigit() and parts[1] in ("year.yaml", "finder.yaml", "readiness-form.yaml"):
        return parts[1].removesuffix(".yaml")
    if len(parts) == 3 and parts[0].isdigit():
        return "branch" if parts[2] == "branch.yaml" else "award-type"
    raise AssertionError(f"{path}: no schema is known for a file in this place; add its kind to schema_kind()")


class Yaml12Loader(yaml.SafeLoader):
    """YAML as editors read it (1.2 core schema): dates stay text, `yes`/`no` are words."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern), list(first))


def yaml_files() -> list[Path]:
    return sorted((REPO / "rubrics").rglob("*.yaml"))


def test_every_yaml_file_points_editors_at_its_schema():
    assert len(yaml_files()) > 30
    for path in yaml_files():
        first = path.read_text(encoding="utf-8").partition("\n")[0]
        depth = len(path.relative_to(REPO).parts) - 1
        schema = f"{'../' * depth}schema/{schema_kind(path)}.schema.json"
        assert first == f"# yaml-language-server: $schema={schema}", path
        assert (path.parent / schema).resolve().is_file(), schema


def test_the_schemas_accept_every_real_file():
    """What an editor's YAML extension would flag in today's files: nothing."""
    validators = {}
    for path in yaml_files():
        kind = schema_kind(path)
        if kind not in validators:
            schema = json.loads((REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
            validators[kind] = Draft202012Validator(schema)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in validators[kind].iter_errors(data)]
        assert errors == [], f"{path.relative_to(REPO)}: {errors[:5]}"
    assert set(validators) == {"year", "branch", "award-type", "agencies", "winners", "unpsa", "finder", "readiness-form", "documents"}


def test_the_schema_flags_what_lertrat_rejects():
    """The editor's schema and lertrat agree on typical mistakes."""
    schema = json.loads((REPO / "schema" / "award-type.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    good = yaml.load((REPO / "rubrics/2566/service/innovation.yaml").read_text(encoding="utf-8"), Loader=Yaml12Loader)
    assert list(validator.iter_errors(good)) == []
    for change in ({"colour": "red"}, {"id": "Not A Slug"}, {"status": "old"}, {"name": {"th": "ไทย"}}, {"order": "first"}):
        assert list(validator.iter_errors({**good, **change})), change
