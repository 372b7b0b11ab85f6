"""``make bench``: how long the waits are, and how big the output is, for the real content.

* the whole build (``lertrat build``, as ``make site`` runs it) and its parts: the generator
  (load + validate, render, write), MkDocs for each language, the downloads, the Thai
  search index;
* the preview (``lertrat serve``): a real server process, one Thai text saved again and
  again, the page polled until it shows the change; the median, the builds each save
  started, and a mistake saved then corrected;
* what compiling the templates costs, which ``CompiledTemplates`` (``generator/pages/render.py``)
  spares every preview build after the first;
* the search index beside Pagefind: bytes fetched by the first results, recall, indexing time
  (``tools/bench_search.py``).

Figures are printed, never asserted: the machine is shared and timings are noisy, so CPU
seconds are printed beside wall-clock seconds. ``python -m tools.bench --parts ROOT SITE``
is the timed build on its own (``tools/bench_archive.py`` runs it on the synthetic archive).
"""

from __future__ import annotations

import functools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

EDITS = 5
"""Saves of the preview measured (the median is printed)."""


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --- the whole build and its parts ---------------------------------------------------------


def _timed_build(root: Path, site: Path) -> dict[str, Any]:
    """``lertrat build`` in this process with timers around its parts; seconds, wall and CPU."""
    parts: dict[str, list[float]] = {}

    def timed(module: Any, name: str, label: str) -> None:
        original = getattr(module, name)

        @functools.wraps(original)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), _cpu()
            try:
                return original(*args, **kwargs)
            finally:
                spent = parts.setdefault(label, [0.0, 0.0])
                spent[0] += time.perf_counter() - wall
                spent[1] += _cpu() - cpu

        setattr(module, name, wrapper)

    wall, cpu = time.perf_counter(), _cpu()
    import jinja2
    import mkdocs.commands.build
    import mkdocs_static_i18n.plugin

    import generator
    import generator.pages.render
    import generator.pages.writer
    import generator.site.downloads
    import generator.site.search
    from generator import cli

    # Each stage where generator.generate() finds it: the pages stage is imported when used.
    timed(generator, "load_catalog", "generator: load + validate")
    timed(generator.pages.render, "render_site", "generator: render")
    timed(generator.pages.writer, "write_pages", "generator: write pages")
    timed(mkdocs.commands.build, "build", "MkDocs (all languages)")
    timed(mkdocs_static_i18n.plugin, "build", "MkDocs, other languages")  # the plugin builds them inside the first build
    timed(generator.site.downloads, "site_files", "downloads (.ics, open data)")  # before the hook imports them
    timed(generator.site.search, "write_search_index", "search index")
    compiled = {"generator": [0.0, 0.0], "Material": [0.0, 0.0]}
    compile_template = jinja2.Environment.compile

    def compile_timed(self, source, name=None, filename=None, *args, **kwargs):
        wall, cpu = time.perf_counter(), _cpu()
        try:
            return compile_template(self, source, name, filename, *args, **kwargs)
        finally:
            spent = compiled["generator" if filename and "generator" in Path(filename).parts else "Material"]
            spent[0] += time.perf_counter() - wall
            spent[1] += _cpu() - cpu

    jinja2.Environment.compile = compile_timed
    code = cli.main(["--root", str(root), "build", "--site-dir", str(site)])
    if code != 0:
        raise SystemExit(f"lertrat build failed in {root}")
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    whole = parts.pop("MkDocs (all languages)")
    others = parts.pop("MkDocs, other languages")
    after = [parts.get(k, [0.0, 0.0]) for k in ("downloads (.ics, open data)", "search index")]
    first = [whole[i] - others[i] - sum(a[i] for a in after) for i in (0, 1)]
    ordered = {k: parts[k] for k in ("generator: load + validate", "generator: render", "generator: write pages")}
    ordered |= {"MkDocs, th (default language)": first, "MkDocs, en (built inside the th build)": others}
    ordered |= {k: v for k, v in parts.items() if k not in ordered}
    ordered["start-up, checks, swapping site/ in"] = [wall - sum(v[0] for v in ordered.values()), cpu - sum(v[1] for v in ordered.values())]
    pages = sum(1 for _ in site.rglob("index.html"))
    return {"wall": wall, "cpu": cpu, "parts": ordered, "pages": pages, "compiled": compiled}


def timed_build(root: Path, site: Path) -> dict[str, Any]:
    """:func:`_timed_build` in a fresh process, as ``make site`` starts one."""
    done = subprocess.run([sys.executable, "-m", "tools.bench", "--parts", str(root), str(site)], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1], env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if done.returncode != 0:
        raise SystemExit(f"the timed build failed:\n{done.stdout}{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def print_build(title: str, figures: dict[str, Any]) -> None:
    print(f"{title}: {figures['wall']:.1f} s ({figures['cpu']:.1f} s CPU), {figures['pages']} pages")
    for name, (wall, cpu) in figures["parts"].items():
        print(f"  {name:40} {wall:6.2f} s  ({cpu:5.2f} s CPU)")
    ours, theirs = figures["compiled"]["generator"], figures["compiled"]["Material"]
    print(f"  (within the above, compiling Jinja templates: the generator's {ours[0]:.2f} s ({ours[1]:.2f} s CPU), Material's"
          f" {theirs[0]:.2f} s ({theirs[1]:.2f} s CPU),"
          f" once per process: CompiledTemplates in generator/pages/render.py keeps them for the other language and,"
          f" in lertrat serve, spares every build after the first {ours[1] + 2 * theirs[1]:.2f} s CPU)")


# --- the preview ---------------------------------------------------------------------------

PREVIEW_FILE = "rubrics/2566/service/innovation.yaml"
PREVIEW_PAGE = "2566/service/innovation/"
PREVIEW_TEXT = "การพัฒนาการให้บริการ ด้วย"  # the start of the type's Thai definition
MARKS = ["หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า", "สิบ"]


def _process_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench_preview(work: Path) -> None:
    from tests.conftest import copy_project
    from tools.preview import Edit, page_text, start, wait_serving


    root = copy_project(work / "preview")
    started = time.perf_counter()
    server = wait_serving(start(root, work / "preview-tmp"))
    try:
        first = time.perf_counter() - started
        print(f"\nPreview (lertrat serve, a real server process): the first build took {first:.1f} s ({server.builds()[0]})")
        edit = Edit(root / PREVIEW_FILE)
        shown, cpu, builds = [], [], []
        for mark in MARKS[:EDITS]:
            before, spent = len(server.builds()), _process_cpu(server.process.pid)
            saved = time.perf_counter()
            edit.save(PREVIEW_TEXT, PREVIEW_TEXT.replace(" ด้วย", f" ครั้งที่{mark} ด้วย"))
            server.wait(PREVIEW_PAGE, lambda status, body, m=mark: status == 200 and f"ครั้งที่{m}" in page_text(body), every=0.02)
            shown.append(time.perf_counter() - saved)
            time.sleep(3)  # long enough for a second build to start, if a save started two
            cpu.append(_process_cpu(server.process.pid) - spent)
            builds.append(len(server.builds()) - before)
        print(f"  one Thai text in {PREVIEW_FILE} saved {EDITS} times; the page {PREVIEW_PAGE} showed it after "
              + ", ".join(f"{s:.2f}" for s in shown) + " s")
        print(f"  median {statistics.median(shown):.2f} s from save to the page showing the change (wall clock);"
              f" server CPU per save {statistics.median(cpu):.2f} s (median)")
        print(f"  builds per save: {', '.join(map(str, builds))}  (the server's lines: {server.builds()[-1]!r})")
        before = len(server.builds())
        saved = time.perf_counter()
        edit.save("  total: 100\n", "  total: 101\n")
        server.wait(PREVIEW_PAGE, lambda status, body: status == 500 and "rubric total 101" in page_text(body), every=0.02)
        broken = time.perf_counter() - saved
        saved = time.perf_counter()
        edit.restore()
        server.wait(PREVIEW_PAGE, lambda status, body: status == 200 and "ครั้งที่" not in page_text(body), every=0.02)
        fixed = time.perf_counter() - saved
        time.sleep(3)
        print(f"  a mistake saved: its message on the page after {broken:.2f} s; corrected, the page back after {fixed:.2f} s"
              f" ({len(server.builds()) - before} builds for the two saves)")
    finally:
        server.stop()


def main(argv: list[str]) -> int:
    if argv[:1] == ["--parts"]:
        print(json.dumps(_timed_build(Path(argv[1]), Path(argv[2]))))
        return 0
    from tests.conftest import copy_project

    from .bench_search import report as search_report

    with tempfile.TemporaryDirectory(prefix="lertrat-bench-") as tmp:
        work = Path(tmp)
        root = copy_project(work / "project")  # the real content as a fresh clone has it (no generated pages yet)
        figures = timed_build(root, work / "site")
        print_build("Whole build (lertrat build, as make site runs it), real content", figures)
        search_report(work / "site")  # the search index beside Pagefind (tools/bench_search.py)
        shutil.rmtree(work / "site", ignore_errors=True)
        bench_preview(work)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
