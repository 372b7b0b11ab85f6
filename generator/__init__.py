"""lertrat: the Public Sector Excellence Awards (รางวัลเลิศรัฐ) site generator.

rubrics/*.yaml → load → validate → catalog → render Markdown → write into content/,
then MkDocs builds the site. See README.md for the layout.
"""

from __future__ import annotations

from pathlib import Path

from .catalog import Catalog, load_catalog
from .render import render_site
from .timeline import catalog_build_date
from .writer import WriteResult, write_pages

__all__ = ["Catalog", "generate", "load_catalog", "project_root"]

DOCS_DIR = "content"


def project_root(start: Path | None = None) -> Path:
    """The folder holding mkdocs.yml and rubrics/, searched upwards from ``start``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "rubrics").is_dir():
            return folder
    return here


def generate(root: Path) -> tuple[Catalog, WriteResult]:
    """Validate everything, then write the generated pages (nothing is written on error)."""
    catalog = load_catalog(root)
    pages = render_site(catalog, catalog_build_date(root, catalog))
    return catalog, write_pages(root / DOCS_DIR, pages)
