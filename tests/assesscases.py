"""The shared case table of the calculators, and what the Python side makes of each case.

``outcome`` puts a result in the form a reader sees it (numbers as shown on the page), so
the unit test can check it against the table's expectations and the browser test can
compare the page's JavaScript against it.
"""

from __future__ import annotations

from functools import cache

import yaml

from generator.content.catalog import load_catalog
from generator.pages import assess

from conftest import REPO

CASES = yaml.safe_load((REPO / "tests" / "assessment_cases.yaml").read_text(encoding="utf-8"))


@cache
def catalog():
    return load_catalog(REPO)


def entries(key: str):
    year, branch_id, type_id = key.split("/")
    y = next(y for y in catalog().years if str(y.year) == year)
    branch = next(b for b in y.branches if b.model.id == branch_id)
    return branch, next(t for t in branch.types if t.model.id == type_id)


def spec(key: str) -> dict:
    branch, item = entries(key)
    return assess.spec(key, branch.model, item.model)


def cost_spec(key: str) -> dict:
    _, item = entries(key)
    return assess.cost_spec(key, item.model.calculation)


def status(result: dict) -> str:
    """The page's data-status for a result."""
    if result["invalid"]:
        return "invalid"
    if not result["complete"]:
        return "incomplete"
    if result["passed"] is None:
        return "none"
    return "pass" if result["passed"] else "fail"


def outcome(case: dict) -> dict:
    result = assess.evaluate(spec(case["type"]), case["answers"])
    return {
        "status": status(result),
        "complete": result["complete"],
        "passed": result["passed"],
        "total": assess.show_number(result["total"]) if result["total"] is not None else None,
        "bonus": assess.show_number(result["bonus"]),
        "percents": {d["id"]: assess.show_percent(d["percent"]) for d in result["dimensions"] if d["percent"] is not None},
        "failed": {r["id"]: [f["item"] for f in r["failures"]] for r in result["rules"] if not r["passed"]},
        "invalid": result["invalid"],
        "missing": result["missing"],
        "band": result["band"],
        "weakest": result["weakest"],
    }


def cost_outcome(case: dict) -> dict:
    result = assess.evaluate_cost(cost_spec(case["type"]), case["answers"])
    return {
        "complete": result["complete"],
        "total": assess.show_money(result["total"]) if result["total"] is not None else None,
        "working": result["working"],
        "invalid": result["invalid"],
        "missing": result["missing"],
    }
