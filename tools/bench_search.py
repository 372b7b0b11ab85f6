"""``make bench``, search: the site's search beside Pagefind on the same built site.

For each language: the bytes a reader fetches before the first results of the first query
(gzipped, as a web server sends them: for this site the index, the worker and the small
script that waits for the reader; for Pagefind its script, WebAssembly, metadata, index
chunks and the fragments of the first five results), recall on the query set
(tools/search_queries.yaml, ground truth read from the pages in Chromium, see
tools/search_eval.py), false hits on Thai whole-word queries, and how long indexing takes.

Pagefind (``pagefind[extended]``, the Thai-aware build) runs as its own post-build step on
a copy of the site, told to index what this site's index holds: the article, without
``<noscript>``, permalinks and what is marked ``data-search-exclude``. Figures are printed,
never asserted: the machine is shared and timings are noisy.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generator import project_root
from generator.site.search import INDEX, write_search_index

from .search_eval import WHOLE, Query, Score, SearchBox, load_queries, segmented_variants, site_pages, truth, visible_texts

sys.path.insert(0, str(project_root() / "tests"))
from browser import launch, serve  # noqa: E402  (the browser tests' helpers: Debian's Chromium, a local server)

FIRST = {"th": "นวัตกรรม", "en": "innovation"}
"""The first query of each language, for the bytes fetched by the first results."""
SHOWN = 5
"""Pagefind's interface shows five results at first and fetches a fragment for each."""
OURS = ("assets/js/search.js", "assets/js/search-worker.js")

PAGEFIND_JS = """async ([url, query, all, shown]) => {
  const pagefind = await import(url);
  await pagefind.init();
  const found = await pagefind.search(query);
  const data = await Promise.all((all ? found.results : found.results.slice(0, shown)).map(result => result.data()));
  return data.map(d => d.url);
}"""


def _served(data: bytes) -> int:
    """Bytes on the wire with gzip (Pagefind's index files are gzipped already)."""
    return min(len(data), len(gzip.compress(data, 9)))


def _kib(n: float) -> str:
    return f"{n / 1024:.1f} KiB"


def pagefind(site: Path, work: Path) -> tuple[Path, float]:
    """A copy of the site with Pagefind's index instead of this site's; (copy, seconds)."""
    copy = work / "pagefind-site"
    shutil.copytree(site, copy)
    for lang_dir in (copy, copy / "en"):
        shutil.rmtree(lang_dir / INDEX.parent, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(copy), "--glob", "**/index.html", "--silent",
               "--root-selector", "article.md-content__inner", "--exclude-selectors", "noscript",
               "--exclude-selectors", ".headerlink", "--exclude-selectors", "[data-search-exclude]"]
    began = time.perf_counter()
    subprocess.run(command, check=True)
    return copy, time.perf_counter() - began


def first_bytes(context, base: str, start: str, act: Callable, counts: Callable[[str], bool]) -> tuple[int, list[str]]:
    """Bytes of the search files (``counts``) a fresh page fetches, from loading the page
    until ``act`` has its first results."""
    fetched: dict[str, int] = {}

    def record(response) -> None:
        url = response.url[len(base) + 1:].split("?")[0]
        if counts(url):
            try:
                fetched[url] = _served(response.body())
            except Exception:  # a response without a body (a redirect) holds no bytes
                pass

    page = context.new_page()
    page.on("response", record)
    page.goto(f"{base}/{start}", wait_until="networkidle")
    act(page)
    page.wait_for_load_state("networkidle")
    page.close()
    return sum(fetched.values()), sorted(fetched)


def recall(queries: list[Query], texts: dict[str, str], search: Callable[[str], list[str]]) -> tuple[Score, int]:
    score, false_hits = Score(), 0
    for q in queries:
        expected = truth(q, texts)
        results = search(q.text)
        score.add(results, expected)
        if q.lang == "th" and q.kind in WHOLE:
            false_hits += len(set(results) - expected)
    return score, false_hits


def index_times(site: Path) -> list[tuple[float, float]]:
    """Wall and CPU seconds to write the index: a first run in this process, then a second."""
    times = []
    for _ in range(2):
        wall, cpu = time.perf_counter(), time.process_time()
        write_search_index(site)
        times.append((time.perf_counter() - wall, time.process_time() - cpu))
    return times


def report(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    (cold, cold_cpu), (warm, warm_cpu) = index_times(site)
    queries = load_queries()
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="lertrat-pagefind-") as tmp:
        copy, pagefind_time = pagefind(site, Path(tmp))
        with serve(site) as base, serve(copy) as pf_base, sync_playwright() as p:
            chromium = launch(p)
            context = chromium.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            texts = visible_texts(page, base, site_pages(site))
            for lang in ("th", "en"):
                start = "" if lang == "th" else "en/"
                ours, _ = first_bytes(context, base, start, lambda pg, q=FIRST[lang]: SearchBox(pg, base).search(q),
                                      lambda url: url in OURS or url.endswith(str(INDEX)))
                theirs, _ = first_bytes(context, pf_base, start, lambda pg, q=FIRST[lang]: pg.evaluate(PAGEFIND_JS, [f"{pf_base}/pagefind/pagefind.js", q, False, SHOWN]),
                                        lambda url: url.startswith("pagefind/"))
                rows.append((f"{lang}: fetched by the first results of {FIRST[lang]!r}", f"{_kib(ours)} gzip", f"{_kib(theirs)} gzip"))
            for lang in ("th", "en"):
                mine = [q for q in queries if q.lang == lang]
                start = "" if lang == "th" else "en/"
                page.goto(f"{base}/{start}", wait_until="networkidle")
                if lang == "th":
                    mine += segmented_variants(page, mine)
                box = SearchBox(page, base)
                our_score, our_false = recall(mine, texts, box.search)
                pf_page = context.new_page()
                pf_page.goto(f"{pf_base}/{start}", wait_until="networkidle")

                def theirs(query: str, pf_page=pf_page) -> list[str]:
                    urls = pf_page.evaluate(PAGEFIND_JS, [f"{pf_base}/pagefind/pagefind.js", query, True, SHOWN])
                    return [u.lstrip("/").split("#")[0] for u in urls]

                pf_score, pf_false = recall(mine, texts, theirs)
                pf_page.close()
                rows.append((f"{lang}: recall, {our_score.queries} queries", f"{our_score.recall:.1%} ({our_score.found}/{our_score.expected})",
                             f"{pf_score.recall:.1%} ({pf_score.found}/{pf_score.expected})"))
                if lang == "th":
                    rows.append(("th: pages found that do not show a whole-word query", str(our_false), str(pf_false)))
            chromium.close()
        pf_files = [f for f in (copy / "pagefind").rglob("*") if f.is_file()]
        pf_total = sum(f.stat().st_size for f in pf_files)
    index_files = sorted(site.rglob(str(INDEX)))
    index_total = sum(f.stat().st_size for f in index_files) + sum((site / f).stat().st_size for f in OURS)
    rows.append(("search files in the site", f"{_kib(index_total)} in {len(index_files) + len(OURS)} files", f"{_kib(pf_total)} in {len(pf_files)} files"))
    rows.append(("indexing (post-build step)", f"{cold:.2f} s (cpu {cold_cpu:.2f}), again {warm:.2f} s (cpu {warm_cpu:.2f})",
                 f"{pagefind_time:.2f} s"))
    print("\nsearch: this site beside Pagefind on the same pages (nothing is fetched before the reader opens search)")
    width = max(len(r[0]) for r in rows)
    second = max(len(r[1]) for r in rows + [("", "this site", "")])
    print(f"  {'':{width}}  {'this site':>{second}}  Pagefind (extended)")
    for label, a, b in rows:
        print(f"  {label:{width}}  {a:>{second}}  {b}")
    for path in index_files:
        data = path.read_bytes()
        print(f"  {str(path.relative_to(site)):{width}}  {_kib(len(data)):>{second}}  ({_kib(len(gzip.compress(data, 9)))} gzip)")
    print("  (indexing reads the built pages; no segmentation, so nothing is cached and a rebuild costs the same)")


if __name__ == "__main__":
    report(Path(sys.argv[1]) if len(sys.argv) > 1 else project_root() / "site")
