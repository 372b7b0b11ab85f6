"""A fresh machine installs exactly what was tested: requirements.lock, with hashes.

`make site` and `make test` make .venv from the lock alone (``pip install --require-hashes``)
and install lertrat itself without dependencies, so the environment these tests run in must
be the lock, version for version, with nothing more.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib import metadata

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from conftest import REPO

LOCK = REPO / "requirements.lock"
ENTRY = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+)(?: ; (?P<marker>[^\\]+?))? \\$")


def locked() -> dict[str, list[tuple[str, str | None, list[str]]]]:
    """name → [(version, marker, hashes)]; a package may be locked twice for different Pythons."""
    entries: dict[str, list] = {}
    current = None
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if (match := ENTRY.match(line)) is not None:
            current = (match["version"], match["marker"], [])
            entries.setdefault(canonicalize_name(match["name"]), []).append(current)
        elif line.strip().startswith("--hash=sha256:") and current is not None:
            current[2].append(line.strip().removeprefix("--hash=sha256:").rstrip(" \\"))
        elif line.strip() and not line.lstrip().startswith("#"):
            raise AssertionError(f"an unexpected line in requirements.lock: {line!r}")
    return entries


def for_this_python() -> dict[str, str]:
    """The version the lock gives each package on this interpreter and platform."""
    chosen = {}
    for name, options in locked().items():
        for version, marker, _ in options:
            if marker is None or Marker(marker).evaluate():
                assert name not in chosen, f"{name} is locked twice for this Python"
                chosen[name] = version
    return chosen


def test_every_locked_package_has_hashes():
    entries = locked()
    assert len(entries) > 40
    for name, options in entries.items():
        for version, _, hashes in options:
            assert hashes and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), f"{name}=={version} has no sha256 hash"


def test_the_environment_is_exactly_the_lock():
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    project = canonicalize_name("lertrat")
    assert project in installed, "lertrat is not installed in this environment"
    del installed[project]
    expected = for_this_python()
    assert {n: v for n, v in installed.items() if expected.get(n) != v} == {}, "installed, but not at the lock's version (run make site)"
    assert {n: v for n, v in expected.items() if n not in installed} == {}, "in the lock, but not installed (run make site)"


def test_the_lock_satisfies_pyproject():
    """Whoever changes a dependency in pyproject.toml must run `make lock` too."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]
    entries = locked()
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in entries, f"{requirement} is not in requirements.lock"
        for version, _, _ in entries[name]:
            assert requirement.specifier.contains(version, prereleases=True), f"{requirement}: the lock has {version}"
    assert project["requires-python"] == ">=3.11"
    material = Version(entries["mkdocs-material"][0][0])
    assert material >= Version("9.8.2"), "Material 9.8.2 fixes a path traversal"
    assert all(Version(v) < Version("2") for v, _, _ in entries["mkdocs"])
    build = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    for requirement in map(Requirement, build):
        assert any(requirement.specifier.contains(v) for v, _, _ in entries[canonicalize_name(requirement.name)]), requirement


def test_make_installs_from_the_lock_only():
    """The venv is made from the lock with hashes required; lertrat itself adds nothing."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    installs = [line.strip() for line in makefile.splitlines() if "pip install" in line and "uv==" not in line]
    assert installs == [
        "$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)",
        "$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .",
    ]
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    assert "pip install" not in ci and "make test" in ci


def test_material_banner_is_silenced_the_documented_way():
    """Material prints an end-of-life banner when MkDocs runs as `mkdocs`, unless
    NO_MKDOCS_2_WARNING is set (the banner itself says so). lertrat sets it before MkDocs
    starts; the banner shows without it, so this test would see it."""
    program = "import sys; sys.argv[0] = 'mkdocs'; import material.templates"
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    loud = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True)
    assert "To disable this warning, set NO_MKDOCS_2_WARNING=1." in loud.stderr
    quiet = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env={**env, "NO_MKDOCS_2_WARNING": "1"}, check=True)
    assert quiet.stderr == ""
    through_lertrat = "import sys; sys.argv[0] = 'mkdocs'; import generator.site.mkdocs_run; import material.templates"
    quiet = subprocess.run([sys.executable, "-c", through_lertrat], capture_output=True, text=True, env=env, check=True)
    assert quiet.stderr == ""
