"""Load every file under ``rubrics/``, validate it, and hand back one catalog.

The folder layout is part of the format:

    rubrics/<year>/year.yaml               a programme year (Buddhist Era, e.g. 2566)
    rubrics/<year>/<branch>/branch.yaml    a branch of that year
    rubrics/<year>/<branch>/<type>.yaml    an award type of that branch
    rubrics/<year>/finder.yaml             the year's "which award type fits" decision tree
    rubrics/<year>/readiness-form.yaml     a printable self-assessment form (uses the finder)

Nothing is returned unless every file is valid: problems are collected across all
files and raised together as one ``ContentError``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from . import drafts, placeholders
from .citations import Sifter
from .compare import check_years
from .entries import BranchEntry, Catalog, FileEntry, TypeEntry, WinnersEntry, YearEntry
from .errors import ContentError, Location, Problem
from .models import (
    BE_YEAR_MAX,
    BE_YEAR_MIN,
    SLUG_PATTERN,
    Agency,
    AgencyList,
    AwardType,
    Branch,
    Document,
    DocumentList,
    Finder,
    ProgrammeYear,
    ReadinessForm,
    UnpsaList,
    WinnersYear,
)
from .validate import Checker, check_finder, parse
from .yaml_loader import LoadedFile, load_yaml

_SLUG = re.compile(SLUG_PATTERN)


def _shown(path: Path, root: Path) -> Path:
    try:
        return path.relative_to(root)
    except ValueError:
        return path


def load_catalog(root: Path) -> Catalog:
    """Load and validate ``root/rubrics``; raise ``ContentError`` listing every problem."""
    rubrics = root / "rubrics"
    problems: list[Problem] = []
    todos: dict[str, list[Problem]] = {}  # placeholders by file: warnings in a draft, problems elsewhere (drafts.judge)
    if not rubrics.is_dir():
        raise ContentError([Problem(Location(Path("rubrics"), 1, 1), "(folder)", "the folder 'rubrics/' does not exist; expected the award data there")])

    def load(path: Path) -> LoadedFile | None:
        loaded, found = load_yaml(path, _shown(path, root))
        problems.extend(found)
        if loaded is not None and not found and (left := placeholders.find(loaded)):
            todos[loaded.path.as_posix()] = left
        return loaded if not found else None

    def misplaced(path: Path, why: str) -> None:
        problems.append(Problem(Location(_shown(path, root), 1, 1), "(file)", why))

    years: list[YearEntry] = []
    for path in sorted(rubrics.rglob("*")):
        if path.is_file() and path.suffix == ".yml":
            misplaced(path, "the file ends in '.yml'; expected '.yaml' (files with another ending are not read)")
    agencies: list[Agency] = []
    agency_list: AgencyList | None = None
    agencies_file = rubrics / "agencies.yaml"
    agencies_loaded = load(agencies_file) if agencies_file.is_file() else None
    if agencies_loaded is not None:
        agency_list = parse(agencies_loaded, AgencyList, problems)
        if agency_list is not None:
            agencies = list(agency_list.agencies)
            Checker(agencies_loaded, problems).agencies(agency_list)
    documents_file = rubrics / "documents.yaml"
    documents_loaded = load(documents_file) if documents_file.is_file() else None
    document_list = parse(documents_loaded, DocumentList, problems) if documents_loaded is not None else None
    if document_list is not None:
        Checker(documents_loaded, problems).unique_ids(document_list.documents, ("documents",), "document")
    for stray in sorted(rubrics.glob("*.yaml")):
        if stray.name not in ("agencies.yaml", "documents.yaml"):
            misplaced(stray, f"'{stray.name}' is in the wrong folder; expected in rubrics/ only agencies.yaml, documents.yaml, one folder per programme year (e.g. rubrics/2566/) and winners/")
    winners: list[WinnersEntry] = []
    unpsa: tuple[UnpsaList, LoadedFile] | None = None
    winners_dir = rubrics / "winners"
    if winners_dir.is_dir():
        for path in sorted(winners_dir.rglob("*.yaml")):
            if path.parent != winners_dir:
                misplaced(path, f"'{_shown(path, root).as_posix()}' is in the wrong folder; expected winners files directly in rubrics/winners/")
                continue
            loaded_w = load(path)
            if loaded_w is None:
                continue
            if path.stem == "unpsa":
                parsed = parse(loaded_w, UnpsaList, problems)
                if parsed is not None:
                    unpsa = (parsed, loaded_w)
            elif path.stem.isdigit() and len(path.stem) == 4:
                parsed_w = parse(loaded_w, WinnersYear, problems)
                if parsed_w is not None:
                    if parsed_w.year != int(path.stem):
                        Checker(loaded_w, problems).report(("year",), f"found {parsed_w.year}, expected {path.stem} (the file name without .yaml)")
                    winners.append(WinnersEntry(parsed_w, _shown(path, root).as_posix(), loaded_w))
            else:
                misplaced(path, f"'{path.name}' is not a winners file; expected <year>.yaml (Buddhist Era, e.g. 2565.yaml) or unpsa.yaml")
    all_branches: list[BranchEntry] = []  # also those of a year whose year.yaml is invalid
    for year_dir in sorted(p for p in rubrics.iterdir() if p.is_dir() and p.name != "winners"):
        if not (year_dir.name.isdigit() and len(year_dir.name) == 4):
            misplaced(year_dir / "year.yaml", f"the folder 'rubrics/{year_dir.name}/' is not a programme year; expected a Buddhist Era year such as 'rubrics/2566/'")
            continue
        folder_year = int(year_dir.name)
        if not BE_YEAR_MIN <= folder_year <= BE_YEAR_MAX:
            hint = f" (did you mean {folder_year + 543}?)" if 1997 <= folder_year <= 2157 else ""
            misplaced(year_dir / "year.yaml", f"found the folder 'rubrics/{year_dir.name}/', expected a Buddhist Era year from {BE_YEAR_MIN} to {BE_YEAR_MAX}{hint}; programme years are named in BE (2566 = 2023 CE)")
            continue
        for stray in sorted(year_dir.glob("*.yaml")):
            if stray.name not in YEAR_FILES:
                misplaced(stray, f"'{stray.name}' is in the wrong folder; expected in a year folder only year.yaml, finder.yaml, readiness-form.yaml and one folder per branch (award types go in rubrics/{year_dir.name}/<branch>/)")
        year_file = year_dir / "year.yaml"
        if not year_file.is_file():
            misplaced(year_file, "the programme year has no year.yaml; expected one with 'year' and 'name'")
            continue
        loaded = load(year_file)
        year = parse(loaded, ProgrammeYear, problems) if loaded else None
        if year is not None:
            Checker(loaded, problems).programme_year(year, folder_year)
        elif loaded is not None:
            Checker(loaded, problems).programme_year_parts(loaded.data)
        branches: list[BranchEntry] = []
        for branch_dir in sorted(p for p in year_dir.iterdir() if p.is_dir()):
            entry = _load_branch(branch_dir, root, load, misplaced, problems)
            if entry is not None:
                branches.append(entry)
        _unique_order(branches, problems)
        all_branches.extend(branches)
        if year is not None:
            branch_ids = sorted(b.model.id for b in branches)
            for index, milestone in enumerate(year.milestones):
                if milestone.branch is not None and milestone.branch not in branch_ids:
                    Checker(loaded, problems).report(("milestones", index, "branch"), f"found '{milestone.branch}', which is not a branch of {folder_year}; expected one of: {', '.join(branch_ids) or '(none: rubrics/' + str(folder_year) + '/ has no branch folders)'}")
            finder, form = _load_finder_and_form(year_dir, root, load, folder_year, branches, problems)
            years.append(YearEntry(year, _shown(year_file, root).as_posix(), loaded, tuple(sorted(branches, key=lambda b: b.model.order)), finder, form))
    _check_references(all_branches, agencies, agencies_loaded, winners, unpsa, problems)
    ordered = tuple(sorted(years, key=lambda y: -y.year))
    # Citations checked and editors' notes taken out of every record (see citations.py).
    documents: tuple[Document, ...] = ()
    if documents_file.is_file() and document_list is None:
        sifter = Sifter({}, [])  # the register is broken (reported above): check nothing against it
    else:
        sifter = Sifter({d.id: d for d in document_list.documents} if document_list else None, problems)
    if document_list is not None:
        document_list = sifter.sift(document_list, documents_loaded, _shown(documents_file, root).as_posix())
        documents = tuple(document_list.documents)
    if agency_list is not None:
        agencies = list(sifter.sift(agency_list, agencies_loaded, _shown(agencies_file, root).as_posix()).agencies)

    def sift(entry):
        return replace(entry, model=sifter.sift(entry.model, entry.loaded, entry.source_file)) if entry is not None else None

    ordered = tuple(
        replace(sift(y), branches=tuple(replace(sift(b), types=tuple(sift(t) for t in b.types)) for b in y.branches), finder=sift(y.finder), form=sift(y.form))
        for y in ordered
    )
    winners = [sift(w) for w in winners]
    if unpsa is not None:
        unpsa = (sifter.sift(unpsa[0], unpsa[1], _shown(winners_dir / "unpsa.yaml", root).as_posix()), unpsa[1])
    problems.extend(drafts.judge(todos, ordered, winners))
    if not any(not p.warning for p in problems):
        problems.extend(check_years(ordered))
    if any(not p.warning for p in problems):
        raise ContentError(problems)
    return Catalog(
        ordered,
        tuple(agencies),
        tuple(sorted(winners, key=lambda w: -w.year)),
        unpsa[0] if unpsa else None,
        tuple(sorted(problems, key=Problem.sort_key)),
        root,
        documents,
        tuple(sifter.editor_notes),
    )


YEAR_FILES = ("year.yaml", "finder.yaml", "readiness-form.yaml")


def _load_finder_and_form(year_dir, root, load, year, branches, problems) -> tuple[FileEntry | None, FileEntry | None]:
    """The year's finder (a decision tree over its award types) and readiness form."""
    finder = form = None
    path = year_dir / "finder.yaml"
    if path.is_file() and (loaded := load(path)) is not None and (model := parse(loaded, Finder, problems)) is not None:
        types = {f"{b.model.id}/{t.model.id}": {c.id for c in (*t.model.eligibility, *t.model.conditions, *t.model.criteria)} | ({"definition"} if t.model.definition else set())
                 for b in branches for t in b.types}
        general = {b.model.id: {c.id for c in b.model.eligibility} for b in branches}
        on_disk = {f"{d.name}/{f.stem}" for d in year_dir.iterdir() if d.is_dir() for f in d.glob("*.yaml") if f.name != "branch.yaml"}
        broken = (on_disk - set(types)) | ({d.name for d in year_dir.iterdir() if d.is_dir()} - set(general))
        check_finder(Checker(loaded, problems), model, year, types, general, broken)
        finder = FileEntry(model, _shown(path, root).as_posix(), loaded)
    path = year_dir / "readiness-form.yaml"
    if path.is_file() and (loaded := load(path)) is not None and (model := parse(loaded, ReadinessForm, problems)) is not None:
        checker = Checker(loaded, problems)
        branch_ids = sorted(b.model.id for b in branches)
        if model.branch not in branch_ids:
            checker.report(("branch",), f"found '{model.branch}', which is not a branch of {year}; expected one of: {', '.join(branch_ids)}")
        if not (year_dir / "finder.yaml").is_file():
            checker.report(("part1",), f"Part 1 of the form is the year's finder, but rubrics/{year}/finder.yaml does not exist; expected that file")
        form = FileEntry(model, _shown(path, root).as_posix(), loaded)
    return finder, form


def _check_references(all_branches, agencies, agencies_loaded, winners, unpsa, problems) -> None:
    """Winners name agencies, branches, types and levels by id: every id must exist."""
    agency_ids = {a.id for a in agencies}
    branches: dict[str, set[str]] = {}
    types: dict[str, set[str]] = {}
    levels: dict[str, set[str]] = {}
    for branch in all_branches:
        b = branch.model
        branches.setdefault(b.id, set())
        types.setdefault(b.id, set()).update(t.model.id for t in branch.types)
        levels.setdefault(b.id, set()).update([lv.id for lv in b.levels] + [band.id for band in b.scoring.bands])

    def agency_ref(checker: Checker, loc: tuple, value: str) -> None:
        if value not in agency_ids:
            hint = "rubrics/agencies.yaml does not exist" if agencies_loaded is None else "add it there or correct the id"
            checker.report(loc, f"found agency '{value}', which is not in rubrics/agencies.yaml; expected the id of an agency listed there ({hint})")

    def known(checker: Checker, loc: tuple, value: str, choices: set[str], what: str) -> None:
        if value not in choices:
            checker.report(loc, f"found '{value}', which is not one of the {what}; expected one of: {', '.join(sorted(choices)) or '(none)'}")

    for entry in winners:
        checker = Checker(entry.loaded, problems)
        w = entry.model
        seen: set[str] = set()
        for i, item in enumerate(w.winners):
            loc = ("winners", i)
            if item.id in seen:
                checker.report(loc + ("id",), f"duplicate winner id '{item.id}'; expected each id once in this file")
            seen.add(item.id)
            agency_ref(checker, loc + ("agency",), item.agency)
            for j, partner in enumerate(item.partners):
                agency_ref(checker, loc + ("partners", j), partner)
            known(checker, loc + ("branch",), item.branch, set(branches), "branches")
            if item.branch in branches:
                if item.type is not None:
                    known(checker, loc + ("type",), item.type, types[item.branch], f"award types of branch '{item.branch}'")
                if item.level is not None:
                    known(checker, loc + ("level",), item.level, levels[item.branch], f"levels of branch '{item.branch}'")
            checker.unique_ids(item.figures, loc + ("figures",), "figure")
        for i, honour in enumerate(w.honours):
            agency_ref(checker, ("honours", i, "agency"), honour.agency)
        for i, top in enumerate(w.top_agencies):
            known(checker, ("top_agencies", i, "branch"), top.branch, set(branches), "branches")
            if top.from_year > top.to_year:
                checker.report(("top_agencies", i, "to_year"), f"the period ends in {top.to_year}, before it starts in {top.from_year}; expected to_year to be at least from_year")
            for j, ref in enumerate(top.agencies):
                agency_ref(checker, ("top_agencies", i, "agencies", j), ref)
        checker.unique_ids(w.model_areas, ("model_areas",), "model area")
        for i, area in enumerate(w.model_areas):
            for j, project in enumerate(area.projects):
                for k, ref in enumerate(project.agencies):
                    agency_ref(checker, ("model_areas", i, "projects", j, "agencies", k), ref)
    if unpsa is not None:
        parsed, loaded = unpsa
        checker = Checker(loaded, problems)
        for i, award in enumerate(parsed.awards):
            agency_ref(checker, ("awards", i, "agency"), award.agency)


def _load_branch(branch_dir, root, load, misplaced, problems) -> BranchEntry | None:
    if not _SLUG.match(branch_dir.name):
        misplaced(branch_dir / "branch.yaml", f"the folder name '{branch_dir.name}' is not a valid id; expected lowercase letters a-z, digits and hyphens")
        return None
    for sub in sorted(p for p in branch_dir.iterdir() if p.is_dir()):
        for stray in sorted(sub.rglob("*.yaml")):
            misplaced(stray, f"'{_shown(stray, root).as_posix()}' is in the wrong folder; expected award types directly in '{_shown(branch_dir, root).as_posix()}/'")
    branch_file = branch_dir / "branch.yaml"
    if not branch_file.is_file():
        misplaced(branch_file, "the branch folder has no branch.yaml; expected one describing the branch")
        return None
    loaded = load(branch_file)
    branch = parse(loaded, Branch, problems) if loaded else None
    types: list[TypeEntry] = []
    for type_file in sorted(branch_dir.glob("*.yaml")):
        if type_file.name == "branch.yaml":
            continue
        loaded_type = load(type_file)
        item = parse(loaded_type, AwardType, problems) if loaded_type else None
        if item is None:
            if loaded_type is not None:
                Checker(loaded_type, problems).award_type_parts(loaded_type.data)
            continue
        checker = Checker(loaded_type, problems)
        if item.id != type_file.stem:
            checker.report(("id",), f"found '{item.id}', expected '{type_file.stem}' (the file name without .yaml)")
        checker.award_type(item)
        types.append(TypeEntry(item, _shown(type_file, root).as_posix(), loaded_type))
    _unique_order(types, problems)
    if branch is None:
        return None
    checker = Checker(loaded, problems)
    if branch.id != branch_dir.name:
        checker.report(("id",), f"found '{branch.id}', expected '{branch_dir.name}' (the name of the folder this file is in)")
    checker.branch(branch, [f.stem for f in sorted(branch_dir.glob("*.yaml")) if f.name != "branch.yaml"])
    return BranchEntry(branch, _shown(branch_file, root).as_posix(), loaded, tuple(sorted(types, key=lambda t: t.model.order)))


def _unique_order(entries: list[TypeEntry] | list[BranchEntry], problems: list[Problem]) -> None:
    seen: dict[int, str] = {}
    for entry in entries:
        order = entry.model.order
        if order in seen:
            Checker(entry.loaded, problems).report(("order",), f"found order {order}, which {seen[order]} also uses; expected a different number for each item of the same list")
        else:
            seen[order] = entry.source_file
