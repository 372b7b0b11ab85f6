"""Self-assessment and cost-value calculators: what they ask for, and how they judge it.

The rules exist once as data (the branch's scoring rules and bands, the rubric's
points, the facilitation type's formula). ``spec`` turns them into a small JSON-able
description that the page embeds for its script (``overrides/assets/js/assess.js``), and
``evaluate`` / ``evaluate_cost`` apply it here the same way the script does in the
browser. Tests run one table of cases through both and compare.

Arithmetic here is exact (fractions); the script uses floating point with a small
tolerance at the thresholds and the same half-up rounding for what is shown.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from ..content.models import AwardType, Branch, Calculation

TOTAL = "_total"
REQUESTED = "_requested"
RESULT_MEASURES = ("related-results", "other-results")
PERCENT_MAX = 100


def _num(value: Any) -> int | float:
    """A Decimal from the YAML as a JSON number (0.5 stays 0.5, 50 becomes 50)."""
    d = Decimal(str(value))
    return int(d) if d == d.to_integral_value() else float(d)


def _applies(record: Any, type_id: str) -> bool:
    return not record.applies_to or type_id in record.applies_to


def spec(key: str, branch: Branch, item: AwardType) -> dict | None:
    """What the self-assessment of a type asks and checks; ``None`` when the data give nothing to compute."""
    rules = [r for r in branch.scoring.rules if r.measure is not None and _applies(r, item.id)]
    bands = [b for b in branch.scoring.bands if _applies(b, item.id)]
    measures = {r.measure for r in rules}
    data: dict[str, Any] = {"key": key}
    if item.rubric is not None:
        dims = []
        for dim in item.rubric.dimensions:
            if all(q.points is not None for q in dim.questions):
                items = [{"id": f"{dim.id}_q{n}", "max": q.points} for n, q in enumerate(dim.questions, start=1)]
            else:
                items = [{"id": dim.id, "max": dim.points}]
            dims.append({"id": dim.id, "max": dim.points, "items": items})
        data.update(mode="rubric", dimensions=dims, total={"max": item.rubric.total, "entered": False},
                    bonus=[{"id": f"_bonus_{b.id}", "max": b.points} for b in item.rubric.bonus])
    elif (rules or bands) and branch.categories and branch.scoring.full_marks is not None:
        # No rubric of its own (PMQA): categories are entered as percentages, the total in points.
        needs_categories = measures & {"each-dimension", "requested-dimension"}
        dims = [{"id": c.id, "max": PERCENT_MAX, "items": [{"id": c.id, "max": PERCENT_MAX}]} for c in branch.categories] if needs_categories else []
        data.update(mode="categories", dimensions=dims, total={"max": branch.scoring.full_marks, "entered": True}, bonus=[])
    else:
        return None
    data["results"] = [{"id": f"_{m}", "max": PERCENT_MAX} for m in RESULT_MEASURES if m in measures]
    excluded = {r.results_category for r in rules if r.results_category}
    data["requested"] = [d["id"] for d in data["dimensions"] if d["id"] not in excluded] if "requested-dimension" in measures else None
    data["rules"] = [
        {"id": r.id, "measure": r.measure, "comparison": r.comparison, "value": _num(r.value), "unit": r.unit} for r in rules
    ]
    data["bands"] = [{"id": b.id, "min": b.min, "max": b.max} for b in bands]
    return data


def inputs(data: dict) -> list[dict]:
    """Every number the form asks for, with its bounds."""
    found = [i for d in data["dimensions"] for i in d["items"]]
    if data["total"]["entered"]:
        found.append({"id": TOTAL, "max": data["total"]["max"]})
    return found + data["results"] + data["bonus"]


_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def _parse(value: Any) -> Fraction | None:
    """A typed number as the page reads it: Thai digits (๐–๙) are digits, thousands commas are
    allowed; anything else that is not a plain decimal is not a number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().translate(_THAI_DIGITS)
    if _GROUPED.match(text):
        text = text.replace(",", "")
    if not _PLAIN.match(text):
        raise ValueError
    try:
        return Fraction(Decimal(text))
    except (InvalidOperation, ValueError):
        raise ValueError from None


def _compare(measured: Fraction, comparison: str, threshold: Fraction) -> bool:
    return measured >= threshold if comparison == ">=" else measured > threshold


def round_half_up(value: Fraction, places: int) -> Decimal:
    scale = 10**places
    whole = (value * scale + Fraction(1, 2)).__floor__() if value >= 0 else -((-value * scale + Fraction(1, 2)).__floor__())
    return Decimal(whole) / scale if places else Decimal(whole)


def show_number(value: Fraction | Decimal | int, places: int = 2) -> str:
    """At most ``places`` decimals, trailing zeros dropped, thousands separated: 1234.5 → "1,234.5"."""
    text = f"{round_half_up(Fraction(value), places):,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def show_percent(value: Fraction) -> str:
    return f"{round_half_up(value, 1):.1f}%"


def _read_answers(fields: list[dict], answers: dict[str, Any], optional: Any = lambda field_id: False) -> tuple[dict[str, Fraction], list[str], list[str]]:
    """Each field's answer as a number: (values, ids left empty, ids that are not a number,
    below 0 or above the field's ``max``). An empty ``optional`` field counts as 0."""
    values: dict[str, Fraction] = {}
    missing: list[str] = []
    invalid: list[str] = []
    for field in fields:
        try:
            value = _parse(answers.get(field["id"]))
        except ValueError:
            invalid.append(field["id"])
            continue
        if value is None:
            if not optional(field["id"]):
                missing.append(field["id"])
                continue
            value = Fraction(0)
        if value < 0 or (field.get("max") is not None and value > field["max"]):
            invalid.append(field["id"])
        else:
            values[field["id"]] = value
    return values, missing, invalid


def evaluate(data: dict, answers: dict[str, Any]) -> dict:
    """Apply a spec to answers the way the page does; see ``result`` keys below."""
    values, missing, invalid = _read_answers(inputs(data), answers, optional=lambda field_id: field_id.startswith("_bonus_"))  # bonus points are optional
    requested = answers.get(REQUESTED) or None
    if data["requested"] is not None and requested not in data["requested"]:
        missing.append(REQUESTED)
    dims = []
    for dim in data["dimensions"]:
        known = all(i["id"] in values for i in dim["items"])
        score = sum((values[i["id"]] for i in dim["items"]), Fraction(0)) if known else None
        percent = score * 100 / dim["max"] if known and dim["max"] else None
        dims.append({"id": dim["id"], "score": score, "percent": percent})
    if data["total"]["entered"]:
        total = values.get(TOTAL)
    else:
        total = sum((d["score"] for d in dims), Fraction(0)) if all(d["score"] is not None for d in dims) else None
    bonus = sum((values.get(b["id"], Fraction(0)) for b in data["bonus"]), Fraction(0))
    complete = not missing and not invalid
    rules = []
    if complete:
        by_id = {d["id"]: d for d in dims}
        for rule in data["rules"]:
            threshold = Fraction(Decimal(str(rule["value"])))
            percent = rule["unit"] == "percent"
            checks: list[tuple[str | None, Fraction]] = []
            if rule["measure"] == "each-dimension":
                checks = [(d["id"], d["percent"] if percent else d["score"]) for d in dims]
            elif rule["measure"] == "total":
                checks = [(None, total * 100 / data["total"]["max"] if percent else total)]
            elif rule["measure"] == "requested-dimension":
                chosen = by_id[requested]
                checks = [(requested, chosen["percent"] if percent else chosen["score"])]
            else:  # related-results / other-results: entered as percentages
                checks = [(None, values["_" + rule["measure"]])]
            failures = [{"item": where, "measured": measured} for where, measured in checks if not _compare(measured, rule["comparison"], threshold)]
            rules.append({"id": rule["id"], "passed": not failures, "failures": failures})
    # The weakest dimension: the lowest share of its full marks, once every answer is valid (ties: all of them).
    weakest: list[str] = []
    if len(dims) > 1 and not invalid and all(d["percent"] is not None for d in dims):
        lowest = min(d["percent"] for d in dims)
        weakest = [d["id"] for d in dims if d["percent"] == lowest]
    band = None
    if total is not None:
        band = next((b["id"] for b in data["bands"] if b["min"] <= total <= b["max"]), None)
    return {
        "complete": complete,
        "missing": missing,
        "invalid": invalid,
        "dimensions": dims,
        "total": total,
        "bonus": bonus,
        "rules": rules,
        "passed": all(r["passed"] for r in rules) if complete and rules else None,
        "band": band,
        "requested": requested,
        "weakest": weakest,
    }


# --- The cost-value formula ------------------------------------------------------------


def cost_spec(key: str, calc: Calculation) -> dict:
    return {"key": key, "inputs": [{"id": i.id, "rate": _num(i.rate) if i.rate is not None else None} for i in calc.inputs], "formula": calc.formula}


_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|([A-Z])|(.))")


def _tokens(formula: str) -> list[str]:
    return [m.group(1) or m.group(2) or m.group(3) for m in _TOKEN.finditer(formula) if (m.group(1) or m.group(2) or m.group(3))]


def calculate(formula: str, values: dict[str, Fraction]) -> Fraction:
    """(A + B + C) * D with + - * and parentheses, by recursive descent (the script has the same parser)."""
    tokens = _tokens(formula)
    pos = 0

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str:
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def expr() -> Fraction:
        value = term()
        while peek() in ("+", "-"):
            value = value + term() if take() == "+" else value - term()
        return value

    def term() -> Fraction:
        value = factor()
        while peek() == "*":
            take()
            value *= factor()
        return value

    def factor() -> Fraction:
        token = take()
        if token == "-":
            return -factor()
        if token == "(":
            value = expr()
            take()  # ")"
            return value
        if token.isalpha():
            return values[token]
        return Fraction(Decimal(token))

    return expr()


def evaluate_cost(data: dict, answers: dict[str, Any]) -> dict:
    """Each input converted to baht by its rate, then the formula; with the working shown."""
    entered, missing, invalid = _read_answers(data["inputs"], answers)
    rates = {field["id"]: field["rate"] for field in data["inputs"]}
    values = {key: value * Fraction(Decimal(str(rates[key]))) if rates[key] is not None else value for key, value in entered.items()}
    if missing or invalid:
        return {"complete": False, "missing": missing, "invalid": invalid, "values": values, "total": None, "working": None}
    total = calculate(data["formula"], values)
    working = re.sub(r"[A-Z]", lambda m: show_number(values[m.group(0)]), data["formula"]).replace("*", "×")
    return {"complete": True, "missing": [], "invalid": [], "values": values, "total": total, "working": " ".join(working.split())}


def show_money(value: Fraction) -> str:
    return f"{round_half_up(value, 2):,.2f}"
