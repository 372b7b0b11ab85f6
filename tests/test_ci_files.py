"""The publishing pipelines are valid and do what the README says.

check-jsonschema validates them against the GitHub Actions and GitLab CI schemas it ships
(vendored in the package: nothing is downloaded).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

CHECK = Path(sys.executable).with_name("check-jsonschema")
FILES = {
    ".github/workflows/publish.yml": "vendor.github-workflows",
    ".gitlab-ci.yml": "vendor.gitlab-ci",
}


def check(path: Path, schema: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECK), "--builtin-schema", schema, str(path)], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("name", sorted(FILES))
def test_pipeline_file_is_valid(name):
    done = check(REPO / name, FILES[name])
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_schema_check_catches_a_broken_pipeline(name, tmp_path):
    data = yaml.safe_load((REPO / name).read_text(encoding="utf-8"))
    job = next(k for k, v in data.items() if isinstance(v, dict) and "script" in v) if name == ".gitlab-ci.yml" else None
    if job:
        data[job]["script"] = {"not": "a list"}
    else:
        data["jobs"]["build"]["steps"][0] = {"uses": "actions/checkout@v4", "with": "not a mapping"}
    broken = tmp_path / Path(name).name
    broken.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    done = check(broken, FILES[name])
    assert done.returncode == 1, done.stdout + done.stderr


def _load(name: str) -> dict:
    # PyYAML reads a bare `on:` key as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load((REPO / name).read_text(encoding="utf-8"))
    return {("on" if key is True else key): value for key, value in data.items()}


def test_github_workflow_tests_builds_and_deploys_main_and_previews_pull_requests():
    workflow = _load(".github/workflows/publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"] and "pull_request" in workflow["on"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = [step.get("run", "") for step in build["steps"]]
    uses = {step.get("uses", "").split("@")[0]: step for step in build["steps"] if "uses" in step}
    assert any("bash .ci/run" in r for r in runs)  # installs what the tests need, then make test
    assert sum("make site" in r for r in runs) == 2
    assert "LERTRAT_SITE_URL" in next(s for s in build["steps"] if "make site" in s.get("run", "") and s.get("env"))["env"]
    assert uses["actions/upload-artifact"]["if"] == "github.event_name == 'pull_request'"
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site/"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"} and deploy["needs"] == "build"
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]


def test_gitlab_pipeline_tests_then_publishes_pages():
    pipeline = _load(".gitlab-ci.yml")
    assert pipeline["test"]["script"] == ["bash .ci/run"]
    pages = pipeline["pages"]
    assert pages["stage"] == "deploy" and pages["artifacts"]["paths"] == ["public"]
    assert any("make site" in line and "LERTRAT_SITE_URL" in line for line in pages["script"])
    assert "site/" in pipeline["preview"]["artifacts"]["paths"]


def test_both_pipelines_run_on_debian_where_ci_run_installs_chromium_and_npm():
    """.ci/run installs Chromium, Node.js and npm with apt-get: the images must be Debian."""
    ci_run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install" in ci_run and "chromium" in ci_run and "npm" in ci_run
    github = _load(".github/workflows/publish.yml")["jobs"]["build"]["container"]
    gitlab = _load(".gitlab-ci.yml")["image"]
    assert github == gitlab and "bookworm" in github
