"""``make bench``: print how long each stage takes and how big the output is.

Figures are printed, never asserted: the machines are shared and timings are noisy.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator import DOCS_DIR, project_root
from generator.content.catalog import load_catalog
from generator.pages.render import render_site
from generator.pages.writer import write_pages


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> int:
    root = project_root()
    start = time.perf_counter()
    catalog = load_catalog(root)
    loaded = time.perf_counter()
    pages = render_site(catalog)
    rendered = time.perf_counter()
    write_pages(root / DOCS_DIR, pages)
    written = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        began = time.perf_counter()
        command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)]
        subprocess.run(command, cwd=root, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        built = time.perf_counter()
        html = list(site.rglob("*.html"))
        heaviest = max(html, key=lambda p: p.stat().st_size)
        print(f"load + validate   {1000 * (loaded - start):8.1f} ms")
        print(f"render            {1000 * (rendered - loaded):8.1f} ms  ({len(pages)} Markdown pages)")
        print(f"write             {1000 * (written - rendered):8.1f} ms")
        print(f"mkdocs build      {1000 * (built - began):8.1f} ms  (includes the hook regenerating)")
        print(f"HTML pages        {len(html):8d}")
        print(f"output size       {_size(site) / 1024:8.1f} KiB")
        print(f"heaviest page     {heaviest.relative_to(site)}: {heaviest.stat().st_size / 1024:.1f} KiB, "
              f"{len(gzip.compress(heaviest.read_bytes())) / 1024:.1f} KiB gzipped")
        _bench_search(site)
        shutil.rmtree(site, ignore_errors=True)
    return 0


# --- search index (generator/site/search.py) -------------------------------------------------


def _bench_search(site: Path) -> None:
    """Search index size per language, and what segmenting Thai costs at build time.

    The cost is measured by running the same rewrite again on the index as Material wrote
    it (rebuilt from the written indexes by removing the word joints and the runs).
    """
    import json

    from generator.site import search

    files = sorted(site.rglob(str(search.INDEX)))
    indexes = [json.loads(path.read_text(encoding="utf-8")) for path in files]
    print("search index (Thai-aware, one per language)")
    for path, index in zip(files, indexes, strict=True):
        data = path.read_bytes()
        print(f"  {str(path.relative_to(site)):30} {len(data) / 1024:8.1f} KiB, {len(gzip.compress(data)) / 1024:6.1f} KiB gzipped, "
              f"{len(index['docs'])} entries")
    docs = list(search.unsegment(indexes))
    config = {**indexes[0]["config"], "fields": {k: v for k, v in indexes[0]["config"]["fields"].items() if k not in search.RUN_FIELDS.values()}}
    merged = json.dumps({"config": config, "docs": docs}, separators=(",", ":")).encode()  # as Material writes it
    print(f"  {'before (one merged index)':30} {len(merged) / 1024:8.1f} KiB, {len(gzip.compress(merged)) / 1024:6.1f} KiB gzipped")
    began = time.perf_counter()
    words, syllables = search._tokenizers()
    words("ก"), syllables("ก")  # pythainlp loads its dictionaries on first use
    loaded = time.perf_counter()
    search.segment_thai.cache_clear()
    search.split_index({"config": config, "docs": docs}, "th", ["en"])
    done = time.perf_counter()
    print(f"segmentation      {1000 * (done - loaded):8.1f} ms  (+ {1000 * (loaded - began):.0f} ms to import pythainlp and load its dictionary)")


if __name__ == "__main__":
    sys.exit(main())
