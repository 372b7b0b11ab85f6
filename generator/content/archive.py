"""The awards archive as the pages and downloads read it: one pass over the winners files.

Winners refer to agencies, branches, types and levels by id. Pages need the other
direction too (everything an agency won, the filter values of the showcase), for
thousands of winners and hundreds of agencies, so the lookups are built once here
instead of scanning every winners file for every agency.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from .entries import Catalog
from .models import Agency, Honour, ModelProject, Text, TopAgencies, UnpsaAward, Winner


@dataclass(frozen=True)
class Award:
    """A winning work with the programme year it belongs to."""

    year: int
    winner: Winner
    source_file: str

    @property
    def agencies(self) -> tuple[str, ...]:
        return (self.winner.agency, *self.winner.partners)


@dataclass
class AgencyRecord:
    """Everything one agency received, newest first."""

    agency: Agency
    awards: list[Award] = field(default_factory=list)
    honours: list[tuple[int, Honour]] = field(default_factory=list)
    unpsa: list[UnpsaAward] = field(default_factory=list)
    top_listings: list[TopAgencies] = field(default_factory=list)
    model_projects: list[tuple[int, Text, ModelProject]] = field(default_factory=list)
    children: list[Agency] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Awards received (works, honour awards, UNPSA); listings and model projects are not awards."""
        return len(self.awards) + len(self.honours) + len(self.unpsa)


class Archive:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.agencies = {a.id: a for a in catalog.agencies}
        self.awards: list[Award] = [
            Award(entry.year, w, entry.source_file) for entry in catalog.winners for w in entry.model.winners
        ]
        self.by_year: dict[int, list[Award]] = defaultdict(list)
        for award in self.awards:
            self.by_year[award.year].append(award)
        self.records: dict[str, AgencyRecord] = {a.id: AgencyRecord(a) for a in catalog.agencies}
        for award in self.awards:
            for agency_id in award.agencies:
                self.records[agency_id].awards.append(award)
        for entry in catalog.winners:
            w = entry.model
            for honour in w.honours:
                self.records[honour.agency].honours.append((w.year, honour))
            for top in w.top_agencies:
                for agency_id in top.agencies:
                    self.records[agency_id].top_listings.append(top)
            for area in w.model_areas:
                for project in area.projects:
                    for agency_id in project.agencies:
                        self.records[agency_id].model_projects.append((w.year, area.name, project))
        if catalog.unpsa:
            for prize in sorted(catalog.unpsa.awards, key=lambda a: -a.year):
                self.records[prize.agency].unpsa.append(prize)
        for agency in catalog.agencies:
            if agency.parent:
                self.records[agency.parent].children.append(agency)
        self._names = _Names(catalog)

    def ministry(self, agency_id: str) -> Agency | None:
        """The top of an agency's chain of parents (usually a ministry), if it has a parent."""
        agency = self.agencies[agency_id]
        seen = {agency.id}
        while agency.parent and agency.parent not in seen:
            seen.add(agency.parent)
            agency = self.agencies[agency.parent]
        return agency if agency.id != agency_id else None

    def branch_name(self, branch: str, year: int) -> Text | None:
        return self._names.get("branch", branch, None, year)

    def type_name(self, branch: str, type_id: str, year: int) -> Text | None:
        return self._names.get("type", branch, type_id, year)

    def level_name(self, branch: str, level: str, year: int) -> Text | None:
        return self._names.get("level", branch, level, year)

    def award_parts(self, award: Award, lang: str) -> list[str]:
        """Branch · type · level of a work, in ``lang`` (ids where no name is known)."""
        w = award.winner
        parts = [self.branch_name(w.branch, award.year)]
        if w.type:
            parts.append(self.type_name(w.branch, w.type, award.year))
        if w.level:
            parts.append(self.level_name(w.branch, w.level, award.year))
        return [getattr(p, lang) for p in parts if p is not None]

    def facets(self) -> dict[str, list]:
        """Filter values of the showcase, as they occur in the data (newest year first)."""
        years = sorted({a.year for a in self.awards}, reverse=True)
        branches: dict[str, None] = {}
        types: dict[tuple[str, str], None] = {}
        levels: dict[tuple[str, str], None] = {}
        agencies: dict[str, None] = {}
        for award in sorted(self.awards, key=lambda a: -a.year):
            w = award.winner
            branches.setdefault(w.branch)
            if w.type:
                types.setdefault((w.branch, w.type))
            if w.level:
                levels.setdefault((w.branch, w.level))
            for agency_id in award.agencies:
                agencies.setdefault(agency_id)
        newest = years[0] if years else 0
        return {
            "years": years,
            "branches": [(b, self.branch_name(b, newest)) for b in branches],
            "types": [(b, t, self.type_name(b, t, newest)) for b, t in types],
            "levels": [(b, lv, self.level_name(b, lv, newest)) for b, lv in levels],
            "agencies": [self.agencies[a] for a in agencies],
        }


class _Names:
    """Names of branches, types and levels by id, taken from the programme year closest to
    the winner's year (a winners year may have no rubrics of its own)."""

    def __init__(self, catalog: Catalog):
        self.by_year: dict[int, dict[tuple[str, str, str | None], Text]] = defaultdict(dict)
        for year in catalog.years:
            names = self.by_year[year.year]
            for branch in year.branches:
                b = branch.model
                names[("branch", b.id, None)] = b.name
                for item in branch.types:
                    names[("type", b.id, item.model.id)] = item.model.name
                for level in [*b.levels, *b.scoring.bands]:
                    names.setdefault(("level", b.id, level.id), level.name)
        self.get = cache(self._get)

    def _get(self, kind: str, branch: str, item: str | None, year: int) -> Text | None:
        for candidate in sorted(self.by_year, key=lambda y: (abs(y - year), -y)):
            found = self.by_year[candidate].get((kind, branch, item))
            if found is not None:
                return found
        return None
