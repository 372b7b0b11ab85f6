"""``make bench``, archive scale: the real content beside a synthetic 20-year archive.

OPDC gives ~250 awards a year, so the archive will hold thousands of winners. This builds
the real content and a synthetic archive (``tools.synthetic``) with ``lertrat build`` in a
process of its own, timed in parts (``tools.bench``: the generator, MkDocs per language, the
downloads, the search index), and prints for each: the parts, pages, output size, what the
heaviest page and the winners page weigh gzipped, and the search index per language; then
the whole build for a quarter, half and all of the years (5, 10, 20), to show it grows linearly with the number of winners.

Figures are printed, never asserted: the machine is shared and timings are noisy, so CPU
seconds are printed beside wall-clock seconds.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator import project_root
from generator.content.catalog import load_catalog
from generator.pages.files import showcase_file
from generator.pages.labels import LANGS
from generator.site.search import INDEX

from .bench import timed_build
from .synthetic import write_project


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
    }
    return figures


def measure(root: Path, work: Path) -> dict[str, Any]:
    """One whole build of ``root``, timed in parts, and what it made."""
    built = timed_build(root, work / "site")
    figures = site_figures(work / "site")
    shutil.rmtree(work / "site", ignore_errors=True)
    catalog = load_catalog(root)
    return {**built, **figures, "counts": (len(catalog.years), sum(len(w.model.winners) for w in catalog.winners), len(catalog.agencies))}


def _kib(n: float) -> str:
    return f"{n / 1024:,.1f} KiB"


def report(columns: dict[str, dict[str, Any]]) -> None:
    names = list(columns)
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, cell: Callable[[dict[str, Any]], str]) -> None:
        rows.append((label, [cell(columns[n]) for n in names]))

    row("programme years / winners / agencies", lambda c: " / ".join(f"{x:,}" for x in c["counts"]))
    row("whole build (lertrat build)", lambda c: f"{c['wall']:.1f} s (cpu {c['cpu']:.1f})")
    for part in columns[names[0]]["parts"]:
        row(f"  {part}", lambda c, p=part: "{:.2f} s (cpu {:.2f})".format(*c["parts"][p]))
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
    width = max(len(label) for label, _ in rows)
    widths = [max(len(n), *(len(cells[i]) for _, cells in rows)) for i, n in enumerate(names)]
    print(f"{'':{width}}  " + "  ".join(f"{n:>{w}}" for n, w in zip(names, widths, strict=True)))
    for label, cells in rows:
        print(f"{label:{width}}  " + "  ".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True)))
    print("(each build starts in a fresh process with an empty content/, as make site on a fresh clone does; the generator"
          " runs once, before MkDocs, whose hook writes the downloads and the search index after the pages. Wall-clock"
          " seconds depend on what else the machine runs; CPU seconds less so.)")


def scaling(template: Path, work: Path, sizes: tuple[int, ...], known: dict[int, dict[str, Any]]) -> None:
    """Whole builds of growing archives: beyond the fixed costs (the real criteria, the
    theme), each added winner should cost the same."""
    print("\nwhole build by archive size (lertrat build in a fresh process)")
    print(f"{'years':>5}  {'winners':>7}  {'pages':>6}  {'wall':>7}  {'cpu':>7}  {'cpu ms per added winner':>23}")
    previous: tuple[int, float] | None = None
    for years in sizes:
        if years in known:
            figures = known[years]
        else:
            root = work / f"archive-{years}"
            write_project(root, years, template=template)
            figures = measure(root, work / f"archive-{years}-build")
            shutil.rmtree(root, ignore_errors=True)
        winners = figures["counts"][1]
        added = f"{1000 * (figures['cpu'] - previous[1]) / (winners - previous[0]):.2f}" if previous else "-"
        print(f"{years:>5}  {winners:>7,}  {figures['pages']:>6,}  {figures['wall']:>6.1f}s  {figures['cpu']:>6.1f}s  {added:>23}")
        previous = (winners, figures["cpu"])


def main(argv: list[str] | None = None) -> int:
    years = int((argv or sys.argv[1:] or ["20"])[0])
    template = project_root()
    with tempfile.TemporaryDirectory(prefix="lertrat-bench-") as tmp:
        work = Path(tmp)
        print(f"Archive scale: the real content and a synthetic archive of {years} programme years (~250 winners a year)\n")
        real = work / "real"
        from tests.conftest import copy_project

        copy_project(real)
        synthetic = work / "synthetic"
        started = time.perf_counter()
        write_project(synthetic, years, template=template)
        made = time.perf_counter() - started
        columns = {
            "real content": measure(real, work / "real-build"),
            f"synthetic, {years} years": measure(synthetic, work / "synthetic-build"),
        }
        report(columns)
        print(f"(writing the synthetic archive took {made:.1f} s; it is not part of any build)")
        scaling(template, work, tuple(sorted({max(1, years // 4), max(1, years // 2), years})), {years: columns[f"synthetic, {years} years"]})
    return 0


if __name__ == "__main__":
    sys.exit(main())
