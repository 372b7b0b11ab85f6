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

from .bench_search import report as search_report


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
        search_report(site)  # the search index beside Pagefind (tools/bench_search.py)
        shutil.rmtree(site, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
