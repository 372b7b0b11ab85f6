"""The files the site offers besides its pages — calendars (.ics), open data, the winners
filter's list — by name and address. Pages link them (``archive.py``); the site layer makes
their bytes (``generator/site/downloads.py``) after MkDocs has built the pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.entries import Catalog, YearEntry
from ..content.models import Milestone
from ..content.schema import FILES as SCHEMA_FILES
from ..content.timeline import dated

CALENDAR_DIR = "calendar"
DATA_DIR = "data"


@dataclass(frozen=True)
class CalendarFile:
    path: str
    year: YearEntry
    branch: str | None  # None: the whole programme year
    milestones: tuple[Milestone, ...]


def calendar_files(catalog: Catalog) -> list[CalendarFile]:
    """One calendar per programme year with milestones, and one per branch that has
    milestones of its own (it also carries the year-wide ones, which concern every branch).
    A milestone whose date is still ``TODO`` (a draft's, in the preview) is in none."""
    found = []
    for year in catalog.years:
        milestones = tuple(m for m in year.model.milestones if dated(m))
        if not milestones:
            continue
        found.append(CalendarFile(f"{CALENDAR_DIR}/{year.year}.ics", year, None, milestones))
        for branch in year.branches:
            b = branch.model.id
            if any(m.branch == b for m in milestones):
                own = tuple(m for m in milestones if m.branch in (None, b))
                found.append(CalendarFile(f"{CALENDAR_DIR}/{year.year}-{b}.ics", year, b, own))
    return found


# What each JSON Schema describes (the YAML files it applies to).
SCHEMA_FOR = {
    "year.schema.json": "rubrics/<year>/year.yaml",
    "branch.schema.json": "rubrics/<year>/<branch>/branch.yaml",
    "award-type.schema.json": "rubrics/<year>/<branch>/<type>.yaml",
    "agencies.schema.json": "rubrics/agencies.yaml",
    "winners.schema.json": "rubrics/winners/<year>.yaml",
    "unpsa.schema.json": "rubrics/winners/unpsa.yaml",
    "documents.schema.json": "rubrics/documents.yaml",
}


@dataclass(frozen=True)
class DataFile:
    """A download listed on the data page: its path, kind (label key data_file_<kind>) and
    the value its description names (a year, or the YAML files a schema describes)."""

    path: str
    kind: str
    about: str = ""


def open_data_files(catalog: Catalog) -> list[DataFile]:
    """The downloads listed on the data page, in the order shown."""
    files = [DataFile(f"{DATA_DIR}/winners.csv", "csv"), DataFile(f"{DATA_DIR}/winners.json", "json")]
    files += [DataFile(f"{DATA_DIR}/rubrics-{y.year}.json", "rubrics", str(y.year)) for y in catalog.years]
    files += [DataFile(f"{DATA_DIR}/schema/{name}", "schema", SCHEMA_FOR.get(name, name)) for name in SCHEMA_FILES.values()]
    return files


def showcase_file(lang: str) -> str:
    return f"{DATA_DIR}/showcase-{lang}.json"


def calendar_name(cal: CalendarFile, lang: str) -> str:
    year = cal.year.model.name
    if cal.branch is None:
        return getattr(year, lang)
    branch = next(b.model.name for b in cal.year.branches if b.model.id == cal.branch)
    return f"{getattr(year, lang)} — {getattr(branch, lang)}"


# Columns of winners.csv, grouped as the data page describes them (label key csv_<first>).
CSV_COLUMNS: list[tuple[str, ...]] = [
    ("kind",),
    ("year_be", "year_ce"),
    ("id",),
    ("branch", "branch_th", "branch_en"),
    ("type", "type_th", "type_en"),
    ("level", "level_th", "level_en"),
    ("agency", "agency_th", "agency_en"),
    ("parent", "parent_th", "parent_en"),
    ("ministry", "ministry_th", "ministry_en"),
    ("partners",),
    ("title_th", "title_en"),
    ("summary_th", "summary_en"),
    ("figures_th", "figures_en"),
    ("source_document", "source_section"),
]
