"""``make bench``, archive scale: the real content beside a synthetic 20-year archive.

OPDC gives ~250 awards a year, so the archive will hold thousands of winners. This block
builds the real content and a synthetic archive (``tools.synthetic``) the way
``lertrat build`` does (the generator, then MkDocs with the catalog handed to its hook) and prints, for each: the generator step (load + validate, render,
write, downloads) and its share of the whole build, pages, output size, what the heaviest
page and the winners page weigh gzipped, and the search index per language; then the
generator step for 5, 10 and 20 years, to show it grows with the number of winners.

Figures are printed, never asserted: the machine is shared and timings are noisy, so CPU
seconds are printed beside wall-clock seconds.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import DOCS_DIR, project_root
from generator.content.catalog import load_catalog
from generator.content.timeline import catalog_build_date
from generator.pages.files import showcase_file
from generator.pages.labels import LANGS
from generator.pages.render import render_site
from generator.pages.writer import write_pages
from generator.site.downloads import site_files
from generator.site.search import INDEX, write_search_index

from .synthetic import write_project, write_rubrics


def _cpu() -> float:
    """CPU seconds of this process and of the children it has waited for (MkDocs runs as one)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


@dataclass
class Timer:
    """Wall-clock and CPU seconds (this process and its children), per named step."""

    steps: dict[str, tuple[float, float]] = field(default_factory=dict)

    def run(self, name: str, step: Callable[[], Any]) -> Any:
        wall, cpu = time.perf_counter(), _cpu()
        result = step()
        self.steps[name] = (time.perf_counter() - wall, _cpu() - cpu)
        return result

    def total(self) -> tuple[float, float]:
        return sum(w for w, _ in self.steps.values()), sum(c for _, c in self.steps.values())


def generator_step(root: Path) -> tuple[Timer, Any]:
    """What lertrat does before MkDocs runs (load + validate, render, write), and the
    downloads, which the MkDocs hook writes after the pages (timed here on their own)."""
    timer = Timer()
    catalog = timer.run("load + validate", lambda: load_catalog(root))
    when = catalog_build_date(root, catalog)
    pages = timer.run("render", lambda: render_site(catalog, when))
    timer.run("write pages", lambda: write_pages(root / DOCS_DIR, pages))
    timer.run("downloads (.ics, open data)", lambda: site_files(catalog, when))
    return timer, catalog


def mkdocs_build(root: Path, site: Path, catalog: Any, timer: Timer) -> tuple[float, float]:
    """MkDocs (strict) in a process of its own: (wall seconds, CPU seconds). Its hook
    generates the pages again (about the generator step's time), which lertrat build avoids."""
    with contextlib.ExitStack():
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                              cwd=root, capture_output=True, text=True, env=env)
        wall = time.perf_counter() - wall
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {root}:\n{done.stdout}{done.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


BUILDS = ("first build", "rebuild")


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def search_index(site: Path) -> dict[str, tuple[int, int, int]]:
    """Bytes, gzipped bytes and pages of each language's search index file, as the site serves
    it (``search/search_index.json`` for Thai, ``en/search/search_index.json`` for English):
    what a reader fetches on opening search, with the scripts of ``SEARCH_CODE``."""
    result = {}
    for path in sorted(site.rglob(str(INDEX))):
        first = path.relative_to(site).parts[0]
        lang = first if first in LANGS else LANGS[0]
        data = path.read_bytes()
        result[lang] = (len(data), _gz(data), sum(1 for d in json.loads(data)["docs"] if "#" not in d["location"]))
    return result


SEARCH_CODE = ("assets/js/search.js", "assets/js/search-worker.js")


def search_step(site: Path) -> tuple[float, float]:
    """Wall and CPU seconds ``lertrat search-index`` takes on the built site (the hook ran it
    already; it reads the pages and writes the same files again)."""
    wall, cpu = time.perf_counter(), time.process_time()
    write_search_index(site)
    return time.perf_counter() - wall, time.process_time() - cpu


def site_figures(site: Path) -> dict[str, Any]:
    pages = [p for p in site.rglob("*.html")]
    heaviest = max(pages, key=lambda p: _gz(p.read_bytes()) if p.stat().st_size > 20_000 else 0)
    winners = site / "winners" / "index.html"
    figures = {
        "pages": len(pages),
        "size": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "heaviest": (heaviest.relative_to(site).as_posix(), heaviest.stat().st_size, _gz(heaviest.read_bytes())),
        "winners": (winners.stat().st_size, _gz(winners.read_bytes())) if winners.is_file() else None,
        "showcase": {lang: _gz((site / showcase_file(lang)).read_bytes()) for lang in LANGS if (site / showcase_file(lang)).is_file()},
        "search": search_index(site),
        "search code": sum(_gz((site / f).read_bytes()) for f in SEARCH_CODE),
        "search step": search_step(site),
    }
    return figures


def measure(root: Path, work: Path) -> dict[str, Any]:
    """A first build (empty cache, empty content/: a fresh clone), then a rebuild of the
    same content (what a person editing the site or ``lertrat serve`` does), then MkDocs."""
    first, _ = generator_step(root)
    again, catalog = generator_step(root)
    mkdocs = mkdocs_build(root, work / "site", catalog, again)
    figures = site_figures(work / "site")
    shutil.rmtree(work / "site", ignore_errors=True)
    return {
        "timers": {"first build": first, "rebuild": again}, "mkdocs": mkdocs, **figures,
        "counts": (len(catalog.years), sum(len(w.model.winners) for w in catalog.winners), len(catalog.agencies)),
    }


def _whole(c: dict[str, Any], build: str) -> tuple[float, float]:
    """lertrat build = the generator step before MkDocs + MkDocs (whose hook writes the downloads)."""
    before = [v for k, v in c["timers"][build].steps.items() if not k.startswith("downloads")]
    return sum(w for w, _ in before) + c["mkdocs"][0], sum(u for _, u in before) + c["mkdocs"][1]


def _kib(n: float) -> str:
    return f"{n / 1024:,.1f} KiB"


def report(columns: dict[str, dict[str, Any]]) -> None:
    names = list(columns)
    rows: list[tuple[str, list[str]]] = []
    first = columns[names[0]]

    def row(label: str, cell: Callable[[dict[str, Any]], str]) -> None:
        rows.append((label, [cell(columns[n]) for n in names]))

    row("programme years / winners / agencies", lambda c: " / ".join(f"{x:,}" for x in c["counts"]))
    for step in first["timers"]["first build"].steps:
        row(f"generator: {step}, first build / rebuild",
            lambda c, s=step: " / ".join(f"{t.steps[s][0]:.2f} s" for t in c["timers"].values()))
    for build in BUILDS:
        row(f"generator step, {build}", lambda c, b=build: "{:.2f} s (cpu {:.2f})".format(*c["timers"][b].total()))
    row("MkDocs build (its hook writes the downloads)", lambda c: "{:.1f} s (cpu {:.1f})".format(*c["mkdocs"]))
    for build in BUILDS:
        row(f"whole build, {build} (generator, then MkDocs)", lambda c, b=build: "{:.1f} s (cpu {:.1f})".format(*_whole(c, b)))
    for build in BUILDS:
        row(f"generator share of the whole build, {build}",
            lambda c, b=build: f"{100 * c['timers'][b].total()[0] / _whole(c, b)[0]:.1f}% (cpu {100 * c['timers'][b].total()[1] / _whole(c, b)[1]:.1f}%)")
    row("pages built (HTML files)", lambda c: f"{c['pages']:,}")
    row("total output size", lambda c: f"{c['size'] / 1024 / 1024:,.1f} MiB")
    row("heaviest page, gzip", lambda c: f"{_kib(c['heaviest'][2])} ({c['heaviest'][0]}, {_kib(c['heaviest'][1])})")
    row("winners page /winners/, gzip", lambda c: f"{_kib(c['winners'][1])} ({_kib(c['winners'][0])})" if c["winners"] else "-")
    for lang in LANGS:
        row(f"winners filter list ({lang}, loaded on use), gzip", lambda c, x=lang: _kib(c["showcase"][x]) if x in c["showcase"] else "-")
    for lang in LANGS:
        row(f"search index {lang}", lambda c, x=lang: f"{_kib(c['search'][x][0])} ({_kib(c['search'][x][1])} gzip)")
    for lang in LANGS:
        row(f"search {lang}: fetched on opening search, gzip (per page)",
            lambda c, x=lang: f"{_kib(c['search'][x][1] + c['search code'])} ({c['search'][x][1] / c['search'][x][2] / 1024:.2f} KiB)")
    row("search index step (lertrat search-index)", lambda c: "{:.2f} s (cpu {:.2f})".format(*c["search step"]))
    width = max(len(label) for label, _ in rows)
    widths = [max(len(n), *(len(cells[i]) for _, cells in rows)) for i, n in enumerate(names)]
    print(f"{'':{width}}  " + "  ".join(f"{n:>{w}}" for n, w in zip(names, widths, strict=True)))
    for label, cells in rows:
        print(f"{label:{width}}  " + "  ".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True)))
    print("(as in lertrat build, the generator runs once: its catalog is handed to the MkDocs hook, which writes the"
          " downloads after the pages; the share counts the downloads and the hand-over as generator time. A first"
          " build starts with no .cache/lertrat/ and an empty content/, as a fresh clone does; a rebuild reuses the"
          " cached YAML readings and compiled templates and rewrites only changed pages. Wall-clock seconds depend on"
          " what else the machine runs; CPU seconds less so.)")


def scaling(template: Path, work: Path, sizes: tuple[int, ...]) -> None:
    """The generator step for growing archives: with fixed costs (templates, the real
    criteria) aside, each added winner should cost the same. First builds (no cache), with
    the rebuild beside them."""
    print("\ngenerator step by archive size (load + validate, render, write, downloads), first build and rebuild")
    print(f"{'years':>5}  {'winners':>7}  {'wall':>7}  {'cpu':>7}  {'cpu ms per winner':>17}  {'cpu ms per added winner':>23}"
          f"  {'rebuild wall':>12}  {'rebuild cpu':>11}")
    previous: tuple[int, float] | None = None
    for years in sizes:
        root = work / f"archive-{years}"
        root.mkdir(parents=True)
        counts = write_rubrics(root, years, template=template)
        (root / DOCS_DIR).mkdir()
        wall, cpu = generator_step(root)[0].total()
        again = generator_step(root)[0].total()
        added = f"{1000 * (cpu - previous[1]) / (counts['winners'] - previous[0]):.3f}" if previous else "-"
        print(f"{years:>5}  {counts['winners']:>7,}  {wall:>6.2f}s  {cpu:>6.2f}s  {1000 * cpu / counts['winners']:>17.3f}  {added:>23}"
              f"  {again[0]:>11.2f}s  {again[1]:>10.2f}s")
        previous = (counts["winners"], cpu)
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    years = int((argv or sys.argv[1:] or ["20"])[0])
    template = project_root()
    with tempfile.TemporaryDirectory(prefix="lertrat-bench-") as tmp:
        work = Path(tmp)
        print(f"Archive scale: the real content and a synthetic archive of {years} programme years (~250 winners a year)\n")
        synthetic = work / "synthetic"
        started = time.perf_counter()
        write_project(synthetic, years, template=template)
        made = time.perf_counter() - started
        columns = {
            "real content": measure(template, work / "real"),
            f"synthetic, {years} years": measure(synthetic, work / "synthetic-build"),
        }
        report(columns)
        print(f"(writing the synthetic archive took {made:.1f} s; it is not part of any build)")
        scaling(template, work, tuple(sorted({5, 10, years})))
    return 0


if __name__ == "__main__":
    sys.exit(main())
