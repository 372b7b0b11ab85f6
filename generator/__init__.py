"""lertrat: the Public Sector Excellence Awards (รางวัลเลิศรัฐ) site generator.

The pipeline, one folder per stage, data flowing one way (see README "How the generator works"):

    content/   rubrics/**/*.yaml → load (positions kept) → validate → the catalog
    pages/     the catalog → Markdown pages in both languages → written into content/ (the docs dir)
    site/      MkDocs builds the pages (the hook); post-build steps on the built folder
               (Thai search index, downloads, page fixes)
    authoring/ tools for editors: the new-year scaffold
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .content.catalog import load_catalog
from .content.drafts import Draft, drafts, published
from .content.entries import Catalog
from .content.timeline import catalog_build_date

if TYPE_CHECKING:
    from .pages.writer import WriteResult

__all__ = ["Catalog", "generate", "load_catalog", "project_root"]

DOCS_DIR = "content"


def project_root(start: Path | None = None) -> Path:
    """The folder holding mkdocs.yml and rubrics/, searched upwards from ``start``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "rubrics").is_dir():
            return folder
    return here


def generate(root: Path) -> tuple[Catalog, WriteResult, list[Draft]]:
    """Validate everything, then write the pages of the published site (nothing is written
    on error): the catalog without its drafts, which are returned apart to be named."""
    # The pages stage is imported when it is used: `lertrat check` never renders a page.
    from .pages.render import render_site
    from .pages.writer import write_pages

    everything = load_catalog(root)
    catalog = published(everything)
    pages = render_site(catalog, catalog_build_date(root, catalog))
    return catalog, write_pages(root / DOCS_DIR, pages), drafts(everything)
