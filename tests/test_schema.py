"""`lertrat schema` and the committed schema/ files editors use."""

from __future__ import annotations

import json

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


def test_every_yaml_file_points_editors_at_its_schema():
    for path in sorted((REPO / "rubrics").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").partition("\n")[0]
        if path.parent.name == "winners":
            kind = "unpsa" if path.stem == "unpsa" else "winners"
        elif path.name == "agencies.yaml":
            kind = "agencies"
        elif path.name in ("finder.yaml", "readiness-form.yaml"):
            kind = path.stem
        else:
            kind = "year" if path.name == "year.yaml" else "branch" if path.name == "branch.yaml" else "award-type"
        depth = len(path.relative_to(REPO).parts) - 1
        assert first == f"# yaml-language-server: $schema={'../' * depth}schema/{kind}.schema.json", path
