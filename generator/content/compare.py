"""What changed between consecutive programme years in the data, computed from the YAML.

Two uses share one comparison: the generated "what changed" page, and the check that a
type's NEW / unchanged / revised badge (as the source marks it, relative to the year
before) agrees with the data when that year before is in the data too.

Types are matched by id within a branch, or through ``previous_id`` when a type was
renamed. Only what the data holds is compared: a rubric or a rule that one year's
sources do not give is reported as "not in the data", never as removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .entries import BranchEntry, TypeEntry, YearEntry
from .errors import Problem
from .models import TODO, AwardType, Branch, Text
from .yaml_loader import _dotted

CONDITION_LISTS = ("criteria", "eligibility", "conditions")
# The Thai sources sometimes write "ประเภทรางวัล" / "ประเภท" (award type) before a type's name and
# sometimes not; that is not a change of name.
_TH_PREFIXES = ("ประเภทรางวัล", "ประเภท")


def _words(text: str) -> str:
    return " ".join(text.split())


def _same_text(a: Text | None, b: Text | None) -> bool:
    if a is None or b is None:
        return a is b
    return _words(a.th) == _words(b.th) and _words(a.en) == _words(b.en)


def without_type_prefix(name: str) -> str:
    """A type's name without a leading "ประเภทรางวัล" / "ประเภท" (the readiness form numbers
    its types "ประเภทที่ 1 …", so it shows the name without the word)."""
    name = _words(name)
    for prefix in _TH_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):].strip()
    return name


def _bare_name(name: Text) -> tuple[str, str]:
    return without_type_prefix(name.th), _words(name.en)


@dataclass(frozen=True)
class PointsChange:
    """A dimension whose points differ, or that only one year has."""

    id: str
    name: Text
    old: int | None
    new: int | None


@dataclass(frozen=True)
class ConditionChange:
    """A condition (criterion, eligibility point or condition) only in one year, or worded differently."""

    list: str  # criteria | eligibility | conditions
    id: str
    old: Text | None
    new: Text | None


@dataclass(frozen=True)
class ThresholdChange:
    """A pass rule or score band that differs between the years."""

    kind: str  # rule | band
    id: str
    old: Any  # Rule / ScoreBand or None
    new: Any


@dataclass
class TypeDiff:
    old: TypeEntry | None
    new: TypeEntry | None
    renamed: bool = False  # the id changed (previous_id)
    name_changed: bool = False
    total: tuple[int, int] | None = None
    points: list[PointsChange] = field(default_factory=list)
    rubric_only_in: str | None = None  # "old" | "new": one year's data has no rubric
    conditions: list[ConditionChange] = field(default_factory=list)
    thresholds: list[ThresholdChange] = field(default_factory=list)
    calculation_changed: bool = False

    @property
    def changed(self) -> bool:
        return bool(
            self.renamed or self.name_changed or self.total or self.points or self.rubric_only_in
            or self.conditions or self.thresholds or self.calculation_changed
        )

    def reasons(self) -> list[str]:
        """Short English reasons, for warnings shown to editors."""
        found = []
        if self.renamed or self.name_changed:
            found.append("its name or id changed")
        if self.total or self.points:
            found.append("dimension points changed (" + ", ".join(f"{p.id}: {p.old} → {p.new}" for p in self.points) + ")" if self.points else "the rubric total changed")
        if self.rubric_only_in:
            found.append("only one of the years has a rubric")
        if self.conditions:
            found.append("conditions differ (" + ", ".join(f"{c.list}.{c.id}" for c in self.conditions) + ")")
        if self.thresholds:
            found.append("thresholds differ (" + ", ".join(t.id for t in self.thresholds) + ")")
        if self.calculation_changed:
            found.append("the calculation changed")
        return found


@dataclass
class BranchDiff:
    id: str
    old: BranchEntry | None
    new: BranchEntry | None
    added: list[TypeEntry] = field(default_factory=list)
    removed: list[TypeEntry] = field(default_factory=list)
    matched: list[TypeDiff] = field(default_factory=list)
    thresholds: list[ThresholdChange] = field(default_factory=list)
    rules_only_in: str | None = None  # "old" | "new": one year's data has no computable rules or bands

    @property
    def name(self) -> Text:
        return (self.new or self.old).model.name


@dataclass
class YearDiff:
    old: YearEntry
    new: YearEntry
    branches: list[BranchDiff]

    @property
    def consecutive(self) -> bool:
        return self.new.year - self.old.year == 1


def _dimension_changes(old: AwardType, new: AwardType, diff: TypeDiff) -> None:
    if old.rubric is None and new.rubric is None:
        return
    if old.rubric is None or new.rubric is None:
        diff.rubric_only_in = "old" if new.rubric is None else "new"
        return
    if old.rubric.total != new.rubric.total:
        diff.total = (old.rubric.total, new.rubric.total)
    before = {d.id: d for d in old.rubric.dimensions}
    after = {d.id: d for d in new.rubric.dimensions}
    for dim in new.rubric.dimensions:
        was = before.get(dim.id)
        if was is None or was.points != dim.points:
            diff.points.append(PointsChange(dim.id, dim.name, was.points if was else None, dim.points))
    for dim in old.rubric.dimensions:
        if dim.id not in after:
            diff.points.append(PointsChange(dim.id, dim.name, dim.points, None))


def _condition_changes(old: AwardType, new: AwardType, diff: TypeDiff) -> None:
    for key in CONDITION_LISTS:
        before = {c.id: c for c in getattr(old, key)}
        after = {c.id: c for c in getattr(new, key)}
        for item in getattr(new, key):
            was = before.get(item.id)
            if was is None or not _same_text(was.text, item.text):
                diff.conditions.append(ConditionChange(key, item.id, was.text if was else None, item.text))
        for item in getattr(old, key):
            if item.id not in after:
                diff.conditions.append(ConditionChange(key, item.id, item.text, None))


def _threshold_key(record: Any) -> tuple:
    if hasattr(record, "measure"):
        return (record.measure, record.comparison, record.value, record.unit, record.results_category)
    return (record.min, record.max)


def _computable(branch: Branch) -> list[tuple[str, Any]]:
    return [("rule", r) for r in branch.scoring.rules if r.measure is not None] + [("band", b) for b in branch.scoring.bands]


def _threshold_changes(old: Branch, new: Branch, type_ids: tuple[str, str] | None = None) -> list[ThresholdChange]:
    """Rules and bands that differ, by id; for one type when ``type_ids`` (old id, new id) is given."""

    def relevant(records: list[tuple[str, Any]], type_id: str | None) -> dict[tuple[str, str], Any]:
        return {(kind, r.id): r for kind, r in records if type_id is None or not r.applies_to or type_id in r.applies_to}

    before = relevant(_computable(old), type_ids[0] if type_ids else None)
    after = relevant(_computable(new), type_ids[1] if type_ids else None)
    found = []
    for key, record in after.items():
        was = before.get(key)
        if was is None or _threshold_key(was) != _threshold_key(record):
            found.append(ThresholdChange(key[0], key[1], was, record))
    for key, record in before.items():
        if key not in after:
            found.append(ThresholdChange(key[0], key[1], record, None))
    return found


def _calculation_changed(old: AwardType, new: AwardType) -> bool:
    a, b = old.calculation, new.calculation
    if a is None or b is None:
        return (a is None) != (b is None)
    return a.formula != b.formula or [(i.id, i.rate) for i in a.inputs] != [(i.id, i.rate) for i in b.inputs]


def compare_types(old: TypeEntry, new: TypeEntry, old_branch: Branch, new_branch: Branch) -> TypeDiff:
    diff = TypeDiff(old, new)
    diff.renamed = old.model.id != new.model.id
    diff.name_changed = _bare_name(old.model.name) != _bare_name(new.model.name)
    _dimension_changes(old.model, new.model, diff)
    _condition_changes(old.model, new.model, diff)
    if _computable(old_branch) and _computable(new_branch):
        diff.thresholds = _threshold_changes(old_branch, new_branch, (old.model.id, new.model.id))
    diff.calculation_changed = _calculation_changed(old.model, new.model)
    return diff


def _match(old: BranchEntry, new: BranchEntry) -> tuple[list[tuple[TypeEntry, TypeEntry]], list[TypeEntry], list[TypeEntry]]:
    """(matched pairs, added, removed): by previous_id where given, else by id."""
    old_by_id = {t.model.id: t for t in old.types}
    claimed = {t.model.previous_id for t in new.types if t.model.previous_id}
    pairs, added = [], []
    for entry in new.types:
        key = entry.model.previous_id or (entry.model.id if entry.model.id not in claimed else None)
        if key in old_by_id:
            pairs.append((old_by_id[key], entry))
        else:
            added.append(entry)
    used = {o.model.id for o, _ in pairs}
    removed = [t for t in old.types if t.model.id not in used]
    return pairs, added, removed


def compare_branches(branch_id: str, old: BranchEntry | None, new: BranchEntry | None) -> BranchDiff:
    diff = BranchDiff(branch_id, old, new)
    if old is None or new is None:
        return diff
    pairs, diff.added, diff.removed = _match(old, new)
    diff.matched = [compare_types(a, b, old.model, new.model) for a, b in pairs]
    old_rules, new_rules = _computable(old.model), _computable(new.model)
    if old_rules and new_rules:
        diff.thresholds = _threshold_changes(old.model, new.model)
    elif old_rules or new_rules:
        diff.rules_only_in = "old" if old_rules else "new"
    return diff


def compare_years(old: YearEntry, new: YearEntry) -> YearDiff:
    before = {b.model.id: b for b in old.branches}
    after = {b.model.id: b for b in new.branches}
    ids = [b.model.id for b in new.branches] + [b.model.id for b in old.branches if b.model.id not in after]
    return YearDiff(old, new, [compare_branches(i, before.get(i), after.get(i)) for i in ids])


def consecutive_pairs(years: tuple[YearEntry, ...]) -> list[YearDiff]:
    """Each programme year in the data compared with the one before it in the data, newest first."""
    ordered = sorted(years, key=lambda y: y.year)
    return [compare_years(a, b) for a, b in zip(ordered, ordered[1:], strict=False)][::-1]


def _report(entry: Any, loc: tuple, message: str, warning: bool = False) -> Problem:
    return Problem(entry.loaded.location(loc), _dotted(loc), message, warning=warning)


def _check_previous_ids(years: tuple[YearEntry, ...]) -> list[Problem]:
    problems = []
    ordered = sorted(years, key=lambda y: y.year)
    for index, year in enumerate(ordered):
        earlier = ordered[index - 1] if index else None
        for branch in year.branches:
            old_branch = next((b for b in earlier.branches if b.model.id == branch.model.id), None) if earlier else None
            seen: dict[str, str] = {}
            for entry in branch.types:
                previous = entry.model.previous_id
                if previous is None:
                    continue
                if earlier is None:
                    problems.append(_report(entry, ("previous_id",), f"found '{previous}', but there is no programme year before {year.year} in the data; remove previous_id"))
                elif old_branch is None:
                    problems.append(_report(entry, ("previous_id",), f"found '{previous}', but {earlier.year} in the data has no branch '{branch.model.id}'; remove previous_id"))
                elif previous == entry.model.id:
                    problems.append(_report(entry, ("previous_id",), f"found '{previous}', the same as this type's id; expected previous_id only when the id changed — remove it"))
                elif previous not in {t.model.id for t in old_branch.types}:
                    known = ", ".join(t.model.id for t in old_branch.types) or "(none)"
                    problems.append(_report(entry, ("previous_id",), f"found '{previous}', which is not an award type of '{branch.model.id}' in {earlier.year}; expected one of: {known}"))
                elif previous in seen:
                    problems.append(_report(entry, ("previous_id",), f"found '{previous}', which type '{seen[previous]}' also names as its previous id; expected each earlier type to continue as one type"))
                else:
                    seen[previous] = entry.model.id
    return problems


def badge_for(diff: TypeDiff | None) -> str:
    """The status the data supports: new without a counterpart, revised when anything compared differs."""
    if diff is None:
        return "new"
    return "revised" if diff.changed else "unchanged"


def _check_badges(years: tuple[YearEntry, ...]) -> list[Problem]:
    problems = []
    for pair in consecutive_pairs(years):
        if not pair.consecutive:
            continue  # the badge is relative to the year before, which is not in the data
        for branch in pair.branches:
            if branch.old is None or branch.new is None:
                continue
            diffs = {d.new.model.id: d for d in branch.matched}
            for entry in branch.new.types:
                status = entry.model.status
                if status in (TODO, "unmarked"):  # nothing to contradict
                    continue
                diff = diffs.get(entry.model.id)
                expected = badge_for(diff)
                if status == expected:
                    continue
                if diff is None:
                    why = f"{pair.old.year} in the data has no type '{entry.model.previous_id or entry.model.id}' in this branch"
                elif diff.changed:
                    why = "compared with " + str(pair.old.year) + ", " + "; ".join(diff.reasons())
                else:
                    why = f"the data of {pair.old.year} and {pair.new.year} show no difference in name, points, conditions or thresholds"
                message = f"the status is '{status}', but the data say '{expected}': {why}; check the status or the data"
                problems.append(_report(entry, ("status",), message, warning=True))
    return problems


def check_years(years: tuple[YearEntry, ...]) -> list[Problem]:
    """previous_id references (errors), then status badges against the data (warnings)."""
    problems = _check_previous_ids(years)
    if not problems:
        problems += _check_badges(years)
    return problems
