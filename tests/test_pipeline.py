"""The generator reads as its stages: content → pages → site, no import cycles, and a build
that generates the pages once."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import REPO, file_digests, lertrat

PACKAGE = REPO / "generator"
# Which stage may import which: data flows one way (README "How the generator works").
# "generator" is the package root, whose generate() runs content then pages: the site's hook calls it.
ALLOWED = {
    "content": {"content"},
    "pages": {"content", "pages"},
    "site": {"content", "pages", "site", "generator"},
    "authoring": {"content", "authoring"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every generator module ``path`` imports, wherever the import statement is (inside
    functions and ``if TYPE_CHECKING:`` blocks too)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{a.name}" for a in node.names)  # `from . import x` imports module x
    modules = {_module_name(p) for p in PACKAGE.rglob("*.py")}
    return {m for m in found if m in modules and m != name}


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_the_package_has_no_import_cycles():
    graph = _graph()
    assert len(graph) > 25
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(module: str, stack: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if target == "generator":  # the package root: generate() and project_root(), above every stage
                continue
            if state.get(target) == 1:
                cycles.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target, [*stack, target])
        state[module] = 2

    for module in graph:
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_stages_import_in_one_direction_only():
    wrong = []
    for module, targets in _graph().items():
        parts = module.split(".")
        if len(parts) < 3 or parts[1] not in ALLOWED:
            continue
        for target in targets:
            stage = target.split(".")[1] if "." in target else target
            if stage not in ALLOWED[parts[1]]:
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_development_tools_are_not_part_of_the_package():
    names = {p.stem for p in PACKAGE.rglob("*.py")}
    assert not names & {"bench", "bench_archive", "synthetic"}
    assert (REPO / "tools" / "bench.py").is_file() and (REPO / "tools" / "synthetic.py").is_file()


def test_lertrat_build_generates_the_pages_once(project, tmp_path):
    """MkDocs runs in the lertrat process, and its hook reuses the catalog the command has
    just made, for both languages (mkdocs-static-i18n builds the second inside the first)."""
    script = textwrap.dedent(f"""
        import sys
        from generator.pages import render
        calls = []
        original = render.render_site
        def counted(*args, **kwargs):
            calls.append(1)
            return original(*args, **kwargs)
        render.render_site = counted  # whoever renders imports it from there when it renders
        from generator import cli
        code = cli.main(["--root", {str(project)!r}, "build", "--site-dir", {str(tmp_path / "site")!r}])
        print("renders:", len(calls), "code:", code)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "renders: 1 code: 0", done.stdout + done.stderr
    assert (tmp_path / "site/index.html").is_file() and (tmp_path / "site/en/index.html").is_file()


def test_the_benchmark_times_every_part_of_a_build(project, tmp_path):
    """``make bench`` times a build by wrapping each stage where the pipeline calls it: a
    stage that moves must be followed there, or the figures would leave it out (or the bench
    would stop). Each part must have been entered; how long it took is the bench's to print."""
    done = subprocess.run([sys.executable, "-m", "tools.bench", "--parts", str(project), str(tmp_path / "site")], cwd=REPO,
                          capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    parts = {name: wall for name, (wall, _) in figures["parts"].items()}
    for name in ("generator: load + validate", "generator: render", "generator: write pages", "MkDocs, en (built inside the th build)",
                 "downloads (.ics, open data)", "search index"):
        assert parts.get(name, 0) > 0, (name, parts)
    assert figures["pages"] > 200


def test_plain_mkdocs_build_makes_the_same_site_as_lertrat_build(project, tmp_path):
    """Without lertrat, the hook generates the pages itself: the same site, byte for byte."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    built = subprocess.run([str(Path(sys.executable).with_name("lertrat")), "--root", str(project), "build", "--site-dir", str(tmp_path / "a")],
                           capture_output=True, text=True, env=env, timeout=600)
    assert built.returncode == 0, built.stderr
    plain = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "b")],
                           cwd=project, capture_output=True, text=True, env=env, timeout=600)
    assert plain.returncode == 0, plain.stderr
    site = file_digests(tmp_path / "a")
    assert len(site) > 200
    assert file_digests(tmp_path / "b") == site


def test_a_content_problem_stops_lertrat_build_without_a_traceback(project, tmp_path):
    source = project / "rubrics/2566/year.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("\nyear: 2566", "\nyear: two thousand", 1), encoding="utf-8")
    run = lertrat(project, "build", "--site-dir", str(tmp_path / "site"))
    assert run.code == 1
    assert "rubrics/2566/year.yaml:" in run.stderr and "Traceback" not in run.output
    assert not (tmp_path / "site").exists()
