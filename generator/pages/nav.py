"""Navigation order and section titles, as plain data for the MkDocs hook.

MkDocs builds the sidebar from folders: sorted by name and titled with the folder name
("2566", "Service"). The catalog knows the real order and the names in each language.
"""

from __future__ import annotations

from ..content.entries import Catalog
from .labels import labels
from .paths import Paths


def nav_hints(catalog: Catalog) -> tuple[dict[str, int], dict[str, dict[str, str]]]:
    """(sort position per Thai page path, section title per folder and language)."""
    order: dict[str, int] = {Paths.home(): 0}
    titles: dict[str, dict[str, str]] = {}
    for y_index, year in enumerate(catalog.years, start=1):
        order[Paths.year(year.year)] = y_index
        order[Paths.timeline(year.year)] = 100  # after the branches (orders 1-99)
        titles[str(year.year)] = year.model.name.model_dump()
        order[Paths.finder(year.year)] = 50  # after the branches
        order[Paths.readiness_form(year.year)] = 51
        order[Paths.apply(year.year)] = 52
        for branch in year.branches:
            b = branch.model
            order[Paths.branch(year.year, b.id)] = b.order
            order[Paths.branch_print(year.year, b.id)] = 999  # after the branch's types
            titles[f"{year.year}/{b.id}"] = b.name.model_dump()
            for item in branch.types:
                order[Paths.award_type(year.year, b.id, item.model.id)] = item.model.order
                titles[f"{year.year}/{b.id}/{item.model.id}"] = item.model.name.model_dump()
    words = labels()
    order[Paths.winners_index()] = 100
    titles["winners"] = words["winners"]
    order[Paths.agencies()] = 101
    order[Paths.changes()] = 99
    titles["agencies"] = words["agencies"]
    titles["editing"] = words["staff_guide"]  # the folder of the staff pages (breadcrumbs of /editing/notes/)
    for index, entry in enumerate(catalog.winners, start=1):
        order[Paths.winners_year(entry.year)] = index
    order[Paths.unpsa()] = 1000
    order[Paths.data()] = 102
    return order, titles


# Hand-written pages every page's footer links (overrides/partials/copyright.html): the
# staff editing guide, the website policy and the site map are not what a reader navigates.
FOOTER_PAGES = ("editing.md", "policy.md", "sitemap.md", "contact.md")


def nav_hidden(catalog: Catalog) -> set[str]:
    """Pages kept out of the sidebar: one per agency (hundreds), which the agencies page links;
    the staff page of editors' notes, which the staff guide links; and the footer's pages."""
    return {Paths.agency(a.id) for a in catalog.agencies} | {Paths.editor_notes()} | set(FOOTER_PAGES)
