"""Turn loaded YAML into models, and check the rules that span records and files.

Every check appends to one list of problems; nothing stops at the first one, so a
person fixing the content sees everything that is wrong in one run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from pydantic import ValidationError

from .errors import Problem
from .models import (
    BE_YEAR_MAX,
    BE_YEAR_MIN,
    CE_OFFSET,
    TODO,
    AgencyList,
    AwardType,
    Branch,
    Calculation,
    Finder,
    Milestone,
    Model,
    ProgrammeYear,
    Rubric,
)
from .yaml_loader import LoadedFile, Path_, _dotted

M = TypeVar("M", bound=Model)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping (key: value)"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _expected_fields(model: type[Model]) -> str:
    return ", ".join(model.model_fields)


def _model_at(model: type[Model], loc: Sequence[str | int]) -> type[Model] | None:
    """The model class that owns the mapping at ``loc`` (used to list the allowed keys)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, Model)) or part not in current.model_fields:
            return None
        current = _unwrap(current.model_fields[part].annotation)
    return current if isinstance(current, type) and issubclass(current, Model) else None


def _unwrap(annotation: Any) -> Any:
    """Find the model class inside ``list[X]``, ``X | None`` and ``Annotated[...]``."""
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _unwrap(arg)
        if found is not None:
            return found
    return None


def _message(err: dict[str, Any], model: type[Model]) -> str:
    """Rewrite a pydantic error in plain words: what was found and what was expected."""
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx", {})
    loc = err["loc"]
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        allowed = f"; expected one of: {_expected_fields(owner)}" if owner else ""
        return f"unknown field '{loc[-1]}'{allowed} — remove it or correct its spelling"
    if kind == "missing":
        owner = _model_at(model, loc[:-1])
        if owner is not None and set(owner.model_fields) == {"th", "en"}:
            language = "English" if loc[-1] == "en" else "Thai"
            return f"the {language} text '{loc[-1]}' is missing; expected both 'th' and 'en'"
        return f"required field '{loc[-1]}' is missing; expected it in this mapping"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"found {_describe(value)}, expected a whole number"
    if kind in ("decimal_parsing", "decimal_type", "float_parsing", "float_type"):
        return f"found {_describe(value)}, expected a number"
    if kind in ("greater_than_equal", "less_than_equal") and ctx.get("ge", ctx.get("le")) in (BE_YEAR_MIN, BE_YEAR_MAX):
        return _be_year_message(value)
    if kind in ("greater_than_equal", "greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        word = "at least" if kind == "greater_than_equal" else "more than"
        return f"found {_describe(value)}, expected a number {word} {bound}"
    if kind in ("less_than_equal", "less_than"):
        bound = ctx.get("le", ctx.get("lt"))
        return f"found {_describe(value)}, expected a number no more than {bound}"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern.startswith("^[a-z0-9]+"):
            return f"found {_describe(value)}, expected an id of lowercase letters a-z, digits and hyphens (for example 'service-innovation')"
        if pattern == "^[A-Z]$":
            return f"found {_describe(value)}, expected a single capital letter (A-Z)"
        if pattern.startswith("^https?"):
            return f"found {_describe(value)}, expected a web address starting with https://"
        return f"found {_describe(value)}, expected text matching {pattern}"
    if kind == "string_too_long":
        return f"found a text of {len(str(value))} characters, expected at most {ctx.get('max_length')}"
    if kind == "string_too_short":
        return "found an empty text, expected some text"
    if kind == "string_type":
        return f"found {_describe(value)}, expected text"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        owner = _model_at(model, loc)
        if owner is not None and set(owner.model_fields) == {"th", "en"}:
            return f"found {_describe(value)}, expected a Thai and English pair {{th: ..., en: ...}}"
        fields = f" with the fields {_expected_fields(owner)}" if owner else ""
        return f"found {_describe(value)}, expected a mapping{fields}"
    if kind == "list_type":
        return f"found {_describe(value)}, expected a list (one item per line starting with '- ')"
    if kind == "too_short":
        return f"found {ctx.get('actual_length', 0)} items, expected at least {ctx.get('min_length')}"
    if kind == "literal_error":
        return f"found {_describe(value)}, expected one of: {ctx.get('expected')}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return f"found {_describe(value)}: {err['msg']}"


def _be_year_message(value: Any) -> str:
    """A year outside the Buddhist Era range is most often a Common Era year written by habit."""
    expected = f"expected a Buddhist Era year from {BE_YEAR_MIN} to {BE_YEAR_MAX}"
    try:
        year = int(value)
    except (TypeError, ValueError):
        return f"found {_describe(value)}, {expected}"
    if BE_YEAR_MIN - CE_OFFSET <= year <= BE_YEAR_MAX - CE_OFFSET:
        return f"found {year}, which looks like a Common Era year; {expected} ({year} CE = {year + CE_OFFSET} BE)"
    return f"found {year}, {expected}"


def parse(loaded: LoadedFile, model: type[M], problems: list[Problem]) -> M | None:
    """Validate a loaded document against a model; report every error at its YAML position."""
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc: Path_ = tuple(err["loc"])
            is_key = err["type"] == "extra_forbidden"
            if err["type"] == "missing":
                where = loaded.location(loc[:-1])
            else:
                where = loaded.location(loc, key=is_key)
            problems.append(Problem(where, _dotted(loc), _message(err, model)))
        return None


def _start_day(milestone: Any) -> str:
    """A sortable first day: a month counts from its 1st, its middle from the 11th, its end from the 21st."""
    if len(milestone.date) == 10:
        return milestone.date
    return milestone.date + {"mid": "-11", "late": "-21"}.get(milestone.part or "", "-01")


class Checker:
    """Cross-record rules for one file, with positions taken from its YAML."""

    def __init__(self, loaded: LoadedFile, problems: list[Problem]):
        self.loaded = loaded
        self.problems = problems

    def report(self, loc: Path_, message: str, *, warning: bool = False) -> None:
        self.problems.append(Problem(self.loaded.location(loc), _dotted(loc), message, warning=warning))

    def unique_ids(self, items: Iterable[Any], loc: Path_, what: str) -> None:
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in seen:
                self.report(loc + (index, "id"), f"duplicate {what} id '{item.id}' (also used by item {seen[item.id]}); expected each id once in this list")
            else:
                seen[item.id] = index

    def rubric(self, rubric: Rubric, loc: Path_) -> None:
        self.unique_ids(rubric.dimensions, loc + ("dimensions",), "dimension")
        self.unique_ids(rubric.bonus, loc + ("bonus",), "bonus")
        total = sum(d.points for d in rubric.dimensions)
        if total != rubric.total:
            parts = " + ".join(str(d.points) for d in rubric.dimensions)
            self.report(loc + ("total",), f"the dimensions' points add up to {total} ({parts}); expected them to add up to the rubric total {rubric.total}")
        for d_index, dim in enumerate(rubric.dimensions):
            dloc = loc + ("dimensions", d_index)
            scored = [q.points for q in dim.questions if q.points is not None]
            if scored and len(scored) != len(dim.questions):
                missing = [i for i, q in enumerate(dim.questions) if q.points is None]
                self.report(dloc + ("questions", missing[0], "points"), f"{len(scored)} of {len(dim.questions)} questions in this dimension have points; expected points on every question or on none")
            elif scored and sum(scored) != dim.points:
                self.report(dloc + ("points",), f"the questions' points add up to {sum(scored)} ({' + '.join(map(str, scored))}); expected them to add up to the dimension's {dim.points} points")
            for q_index, question in enumerate(dim.questions):
                qloc = dloc + ("questions", q_index)
                if question.parts and question.bands:
                    self.report(qloc + ("bands",), "this question has both parts and bands; expected bands inside each part instead")
                if question.parts:
                    if question.points is None:
                        self.report(qloc, "this question has scored parts but no points of its own; expected 'points' equal to the parts' sum")
                    elif sum(p.points for p in question.parts) != question.points:
                        found = sum(p.points for p in question.parts)
                        self.report(qloc + ("points",), f"the parts' points add up to {found}; expected them to add up to the question's {question.points} points")
                for p_index, part in enumerate(question.parts):
                    self._bands(part.bands, part.points, qloc + ("parts", p_index, "bands"))
                if question.bands:
                    ceiling = question.points if question.points is not None else dim.points
                    self._bands(question.bands, ceiling, qloc + ("bands",))

    def _bands(self, bands: Sequence[Any], ceiling: int, loc: Path_) -> None:
        for index, band in enumerate(bands):
            if band.points > ceiling:
                self.report(loc + (index, "points"), f"found {band.points} points for this band, expected no more than the {ceiling} points it belongs to")

    def calculation(self, calc: Calculation, loc: Path_) -> None:
        ids = [i.id for i in calc.inputs]
        for index, inp in enumerate(calc.inputs):
            if ids.index(inp.id) != index:
                self.report(loc + ("inputs", index, "id"), f"duplicate input '{inp.id}'; expected each letter once")
            if (inp.rate is None) != (inp.rate_unit is None):
                self.report(loc + ("inputs", index), "'rate' and 'rate_unit' go together; expected both or neither")
        used = set(re.findall(r"[A-Z]", calc.formula))
        for letter in sorted(used - set(ids)):
            self.report(loc + ("formula",), f"the formula uses '{letter}', which is not one of the inputs ({', '.join(ids)})")
        for letter in sorted(set(ids) - used):
            self.report(loc + ("inputs", ids.index(letter), "id"), f"input '{letter}' is not used in the formula '{calc.formula}'")
        try:
            compile(calc.formula, "<formula>", "eval")
        except SyntaxError:
            self.report(loc + ("formula",), f"found {calc.formula!r}, expected a complete arithmetic formula such as '(A + B) * C'")

    def award_type(self, item: AwardType) -> None:
        for key in ("criteria", "eligibility", "conditions"):
            self.unique_ids(getattr(item, key), (key,), "condition")
        if item.rubric is not None:
            self.rubric(item.rubric, ("rubric",))
        if item.calculation is not None:
            self.calculation(item.calculation, ("calculation",))

    def programme_year(self, item: ProgrammeYear, folder_year: int) -> None:
        if item.year != folder_year:
            self.report(("year",), f"found {item.year}, expected {folder_year} (the name of the folder this file is in)")
        self.unique_ids(item.structure, ("structure",), "term")
        self.unique_ids(item.success_factors, ("success_factors",), "term")
        self.unique_ids(item.figures, ("figures",), "figure")
        for key, records in (("history", item.history), ("statistics", item.statistics)):
            for index in range(1, len(records)):
                if records[index].year <= records[index - 1].year:
                    self.report((key, index, "year"), f"found {records[index].year} after {records[index - 1].year}; expected years in increasing order, each once")
        self.unique_ids(item.milestones, ("milestones",), "milestone")
        for index, milestone in enumerate(item.milestones):
            self.milestone_range(index, milestone)
            if milestone.end is not None and TODO not in (milestone.date, milestone.end) and (len(milestone.end) != len(milestone.date)):
                self.report(("milestones", index, "end"), "the start and end of a range must both be days (YYYY-MM-DD) or both be months (YYYY-MM)")
            if milestone.part is not None and milestone.date != TODO and len(milestone.date) != 7:
                self.report(("milestones", index, "part"), f"'part: {milestone.part}' describes a month; expected date as YYYY-MM")
            self.milestone_in_year(index, milestone, item.year)
            placeholder = TODO in (milestone.date, item.milestones[index - 1].date) if index else True
            if not placeholder and _start_day(milestone) < _start_day(item.milestones[index - 1]):
                self.report(("milestones", index, "date"), f"found {milestone.date} after {item.milestones[index - 1].date}; expected milestones in date order")
        for index, row in enumerate(item.statistics):
            if row.awards > row.applications:
                self.report(("statistics", index, "awards"), f"found {row.awards} awards for {row.applications} applications; expected no more awards than applications")

    def programme_year_parts(self, data: Any) -> None:
        """When year.yaml is invalid as a whole, still check the ranges of its valid milestones."""
        if not isinstance(data, dict) or not isinstance(data.get("milestones"), list):
            return
        for index, raw in enumerate(data["milestones"]):
            try:
                milestone = Milestone.model_validate(raw)
            except ValidationError:
                continue
            self.milestone_range(index, milestone)

    def milestone_in_year(self, index: int, milestone: Milestone, be_year: int) -> None:
        """A programme year's calendar runs from the year before to the year after it (in CE);
        a date outside that is a typo or a year converted twice between BE and CE."""
        ce = be_year - CE_OFFSET
        for key in ("date", "end"):
            value = getattr(milestone, key)
            if value not in (None, TODO) and not ce - 2 <= int(value[:4]) <= ce + 1:
                self.report(("milestones", index, key), f"found {value}, far from programme year {be_year} ({ce} CE); expected a date from {ce - 2} to {ce + 1} (Common Era)")

    def milestone_range(self, index: int, milestone: Milestone) -> None:
        if milestone.end is not None and TODO not in (milestone.date, milestone.end) and milestone.end < milestone.date:
            self.report(("milestones", index, "end"), f"the range ends on {milestone.end}, before it starts on {milestone.date}; expected end to be on or after date")

    def agencies(self, item: AgencyList) -> None:
        self.unique_ids(item.agencies, ("agencies",), "agency")
        ids = {a.id: a for a in item.agencies}
        for index, agency in enumerate(item.agencies):
            if agency.parent is None:
                continue
            if agency.parent not in ids:
                self.report(("agencies", index, "parent"), f"found '{agency.parent}', which is not an agency in this file; expected the id of its ministry or parent agency")
                continue
            seen, current = {agency.id}, agency.parent
            while current is not None and current in ids:
                if current in seen:
                    self.report(("agencies", index, "parent"), f"the parents of '{agency.id}' lead back to itself; expected a chain that ends at a ministry")
                    break
                seen.add(current)
                current = ids[current].parent

    def award_type_parts(self, data: Any) -> None:
        """When the file as a whole is invalid, still check the parts that are valid on their own,
        so that one run reports a wrong sum together with, say, a missing translation."""
        if not isinstance(data, dict):
            return
        for key, model, check in (("rubric", Rubric, self.rubric), ("calculation", Calculation, self.calculation)):
            if isinstance(data.get(key), dict):
                try:
                    part = model.model_validate(data[key])
                except ValidationError:
                    continue  # its own errors are already reported
                check(part, (key,))

    def branch(self, item: Branch, type_ids: Sequence[str]) -> None:
        self.unique_ids(item.eligibility, ("eligibility",), "condition")
        self.unique_ids(item.levels, ("levels",), "level")
        self.unique_ids(item.terms, ("terms",), "term")
        self.unique_ids(item.categories, ("categories",), "category")
        self.unique_ids(item.figures, ("figures",), "figure")
        self.unique_ids(item.tables, ("tables",), "table")
        for t_index, table in enumerate(item.tables):
            for r_index, row in enumerate(table.rows):
                if len(row.values) != len(table.columns):
                    self.report(("tables", t_index, "rows", r_index, "values"), f"found {len(row.values)} values, expected {len(table.columns)} (one per column of the table)")
        scoring = item.scoring
        self.unique_ids(scoring.rules, ("scoring", "rules"), "rule")
        self.unique_ids(scoring.bands, ("scoring", "bands"), "band")
        known = ", ".join(type_ids) or "(none)"
        for key, records in (("rules", scoring.rules), ("bands", scoring.bands)):
            for index, record in enumerate(records):
                for ref_index, ref in enumerate(record.applies_to):
                    if ref not in type_ids:
                        self.report(("scoring", key, index, "applies_to", ref_index), f"found '{ref}', which is not an award type of this branch; expected one of: {known}")
        for index, rule in enumerate(scoring.rules):
            parts = {"measure": rule.measure, "comparison": rule.comparison, "value": rule.value, "unit": rule.unit}
            given = [k for k, v in parts.items() if v is not None]
            if given and len(given) != len(parts):
                missing = ", ".join(k for k in parts if k not in given)
                self.report(("scoring", "rules", index), f"a computable rule needs measure, comparison, value and unit together; found {', '.join(given)} without {missing}")
            if rule.unit == "percent" and rule.value is not None and rule.value > 100:
                self.report(("scoring", "rules", index, "value"), f"found {rule.value} percent, expected a percentage from 0 to 100")
            if rule.unit == "points" and rule.value is not None and scoring.full_marks is not None and rule.value > scoring.full_marks:
                self.report(("scoring", "rules", index, "value"), f"found {rule.value} points, expected no more than the full marks {scoring.full_marks}")
            if rule.results_category is not None:
                categories = [c.id for c in item.categories]
                if rule.measure not in ("related-results", "other-results"):
                    self.report(("scoring", "rules", index, "results_category"), f"found a results category on a rule that measures '{rule.measure}'; expected it only with measure related-results or other-results")
                elif rule.results_category not in categories:
                    self.report(("scoring", "rules", index, "results_category"), f"found '{rule.results_category}', which is not a category of this branch; expected one of: {', '.join(categories) or '(none)'}")
            elif rule.measure in ("related-results", "other-results"):
                self.report(("scoring", "rules", index), f"a rule that measures '{rule.measure}' needs 'results_category', the category whose results it measures")
        for index, band in enumerate(scoring.bands):
            if scoring.full_marks is not None and band.max > scoring.full_marks:
                self.report(("scoring", "bands", index, "max"), f"the band ends at {band.max}, above the full marks {scoring.full_marks}; expected at most {scoring.full_marks}")
            if band.min > band.max:
                self.report(("scoring", "bands", index, "max"), f"the band ends at {band.max}, before it starts at {band.min}; expected max to be at least min")
            for other in scoring.bands[:index]:
                same_types = set(band.applies_to) == set(other.applies_to)
                if same_types and band.min <= other.max and other.min <= band.max:
                    self.report(("scoring", "bands", index, "min"), f"the band {band.min}–{band.max} overlaps band '{other.id}' ({other.min}–{other.max}); expected bands that do not overlap")
        if item.application is not None:
            self.unique_ids(item.application.steps, ("application", "steps"), "step")


def check_finder(checker: Checker, finder: Finder, year: int, types: dict[str, set[str]], branch_conditions: dict[str, set[str]], broken: set[str] = frozenset()) -> None:
    """A finder must be a tree that always ends in an outcome.

    ``types`` maps "<branch>/<type>" to that type's condition ids; ``branch_conditions``
    maps a branch id to its general eligibility ids; ``broken`` holds the "<branch>/<type>"
    and "<branch>" ids whose files have problems of their own (already reported, so
    references to them are not reported again). Every answer must lead somewhere
    that exists, no path may loop, and nothing may be unreachable from the first question.
    """
    questions = {q.id: (i, q) for i, q in enumerate(finder.questions)}
    seen: dict[str, str] = {}
    for key, records in (("questions", finder.questions), ("outcomes", finder.outcomes)):
        for i, record in enumerate(records):
            if record.id in seen:
                checker.report((key, i, "id"), f"duplicate id '{record.id}' (also used by {seen[record.id]}); expected each question and outcome to have its own id")
            else:
                seen[record.id] = f"{key}[{i}]"

    def answers(i: int, q: Any) -> list[tuple[tuple, str]]:
        """(location, next id) of each answer of question number ``i``."""
        if q.choices:
            return [(("questions", i, "choices", j, "next"), c.next) for j, c in enumerate(q.choices)]
        return [(("questions", i, key), getattr(q, key)) for key in ("yes", "no") if getattr(q, key) is not None]

    targets = ", ".join(sorted(seen))
    for i, q in enumerate(finder.questions):
        if q.choices and (q.yes or q.no):
            checker.report(("questions", i, "choices"), "found both yes/no and choices; expected either 'yes' and 'no', or a list of 'choices'")
        elif q.choices and len(q.choices) < 2:
            checker.report(("questions", i, "choices"), f"found {len(q.choices)} choice; expected at least 2")
        elif not q.choices and (q.yes is None or q.no is None):
            missing = "'no'" if q.yes is not None else "'yes'" if q.no is not None else "'yes' and 'no'"
            checker.report(("questions", i), f"the question has no {missing}; expected both 'yes' and 'no' (each the id of a question or an outcome), or 'choices'")
        for loc, target in answers(i, q):
            if target not in seen:
                checker.report(loc, f"found '{target}', which is not a question or outcome of this finder; expected one of: {targets}")
        for j, ref in enumerate(q.tests):
            parts = ref.split("/")
            if parts[0] in broken or "/".join(parts[:2]) in broken:
                continue
            ok = (len(parts) == 3 and f"{parts[0]}/{parts[1]}" in types and parts[2] in types[f"{parts[0]}/{parts[1]}"]) or (
                len(parts) == 2 and parts[0] in branch_conditions and parts[1] in branch_conditions[parts[0]]
            )
            if not ok:
                checker.report(("questions", i, "tests", j), f"found '{ref}', which is not a condition of {year}; expected <branch>/<type>/<condition-id> (or <branch>/<type>/definition, for a type that has one) or <branch>/<condition-id> naming an existing condition")
    # "Yes" is always the answer in favour of a type: a reader who answers yes should never be
    # told straight away that no type fits (rephrase such a question the other way round).
    no_type = {o.id for o in finder.outcomes if o.award_type is None}
    for i, q in enumerate(finder.questions):
        if not q.choices and q.yes in no_type and q.no not in no_type:
            checker.report(("questions", i, "yes"), f"found 'yes' leading to '{q.yes}', an outcome with no award type; expected 'yes' to be the answer in favour of a type (rephrase the question so that its 'no' leads to '{q.yes}')")
    for i, outcome in enumerate(finder.outcomes):
        if outcome.award_type is not None and outcome.award_type not in types and outcome.award_type not in broken and outcome.award_type.split("/")[0] not in broken:
            checker.report(("outcomes", i, "award_type"), f"found '{outcome.award_type}', which is not an award type of {year}; expected one of: {', '.join(sorted(types))}")

    # Walk the tree from the first question: a question met again on the same path is a loop.
    reached: set[str] = set()

    def walk(node: str, path: tuple[str, ...]) -> None:
        if node in path:
            loop = " → ".join((*path[path.index(node):], node))
            checker.report(("questions", questions[path[-1]][0]), f"the answers loop back to question '{node}' ({loop}); expected every path to end in an outcome")
            return
        if node in reached:  # already explored from another answer
            return
        reached.add(node)
        if node in questions:
            i, q = questions[node]
            for _, target in answers(i, q):
                if target in seen:
                    walk(target, (*path, node))

    walk(finder.questions[0].id, ())
    for key, records in (("questions", finder.questions), ("outcomes", finder.outcomes)):
        for i, record in enumerate(records):
            if record.id not in reached:
                what = "question" if key == "questions" else "outcome"
                checker.report((key, i, "id"), f"the {what} '{record.id}' cannot be reached from the first question '{finder.questions[0].id}'; expected every {what} to be the answer of some question")
