"""The calculators' rules in Python: the shared case table, bounds and thresholds from the YAML."""

from __future__ import annotations

import pytest

from generator.pages import assess

from assesscases import CASES, catalog, cost_outcome, entries, outcome, spec


@pytest.mark.parametrize("case", CASES["self_assessment"], ids=lambda c: c["name"])
def test_self_assessment_case(case):
    found = outcome(case)
    for key, expected in case["expect"].items():
        if key == "percents":
            for dim, shown in expected.items():
                assert found["percents"].get(dim) == shown, (dim, found["percents"])
        else:
            assert found[key] == expected, (key, found)
    if "failed" not in case["expect"] and found["passed"] is not False:
        assert found["failed"] == {}


@pytest.mark.parametrize("case", CASES["cost_value"], ids=lambda c: c["name"])
def test_cost_value_case(case):
    found = cost_outcome(case)
    for key, expected in case["expect"].items():
        assert found[key] == expected, (key, found)


def test_the_case_table_covers_every_rule_band_and_type_with_a_calculator():
    """Each computable rule fails in some case and passes in another; each band is reached."""
    failed, passed_types, bands = set(), set(), set()  # rule ids, type keys, band ids
    for case in CASES["self_assessment"]:
        found = outcome(case)
        failed |= set(found["failed"])
        if found["passed"]:
            passed_types.add(case["type"])
        bands.add(found["band"])
    rules, with_calculator = set(), set()
    for year in catalog().years:
        for branch in year.branches:
            for item in branch.types:
                key = f"{year.year}/{branch.model.id}/{item.model.id}"
                data = assess.spec(key, branch.model, item.model)
                if data is not None:
                    with_calculator.add(key)
                    rules |= {r["id"] for r in data["rules"]}
                    bands_here = {b["id"] for b in data["bands"]}
                    assert bands_here <= bands, f"{key}: bands {bands_here - bands} reached by no case"
    assert rules <= failed, f"rules that no case makes fail: {rules - failed}"
    assert {k for k in with_calculator if spec(k)["rules"]} <= passed_types, "every type with rules needs a passing case"
    assert None in bands


def test_inputs_are_bounded_by_the_yaml():
    for year in catalog().years:
        for branch in year.branches:
            for item in branch.types:
                key = f"{year.year}/{branch.model.id}/{item.model.id}"
                data = assess.spec(key, branch.model, item.model)
                if data is None:
                    continue
                bounds = {f["id"]: f["max"] for f in assess.inputs(data)}
                rubric = item.model.rubric
                if rubric is not None:
                    assert data["total"] == {"max": rubric.total, "entered": False}
                    for dim in rubric.dimensions:
                        if all(q.points is not None for q in dim.questions):
                            assert [bounds[f"{dim.id}_q{n}"] for n in range(1, len(dim.questions) + 1)] == [q.points for q in dim.questions]
                        else:
                            assert bounds[dim.id] == dim.points
                    for bonus in rubric.bonus:
                        assert bounds[f"_bonus_{bonus.id}"] == bonus.points
                else:
                    assert bounds[assess.TOTAL] == branch.model.scoring.full_marks
                yaml_rules = {r.id: r for r in branch.model.scoring.rules}
                for rule in data["rules"]:
                    source = yaml_rules[rule["id"]]
                    assert (rule["measure"], rule["comparison"], str(rule["value"]), rule["unit"]) == (source.measure, source.comparison, str(source.value), source.unit)


def test_types_without_anything_to_compute_get_no_calculator():
    for key in ("2566/participation/poverty-eradication", "2562/service/innovation"):
        branch, item = entries(key)
        assert assess.spec(key, branch.model, item.model) is None


def test_cost_value_constants_come_from_the_yaml():
    _, item = entries("2566/service/facilitation")
    data = assess.cost_spec("x", item.model.calculation)
    assert data["formula"] == item.model.calculation.formula
    assert {i["id"]: i["rate"] for i in data["inputs"]} == {i.id: (float(i.rate) if i.rate is not None and i.rate % 1 else (int(i.rate) if i.rate is not None else None)) for i in item.model.calculation.inputs}


@pytest.mark.parametrize(("formula", "values", "expected"), [
    ("(A + B + C) * D", {"A": 1, "B": 2, "C": 3, "D": 4}, 24),
    ("A + B * C", {"A": 1, "B": 2, "C": 3}, 7),
    ("-A + (B - C) * 2", {"A": 1, "B": 5, "C": 3}, 3),
])
def test_formula_parser(formula, values, expected):
    from fractions import Fraction

    assert assess.calculate(formula, {k: Fraction(v) for k, v in values.items()}) == expected
