"""What the self-assessment page shows: form rows with their labels, and the JSON for its script.

The rows and the JSON are built from the same spec (``assess.spec``), so the form a
reader sees without JavaScript and the numbers the script checks cannot drift apart.
"""

from __future__ import annotations

import json
from typing import Any

from ..content.models import AwardType, Branch
from . import assess


def _tr(pair: Any, lang: str) -> str:
    return " ".join(getattr(pair, lang).split())


def question_numbers(rubric: Any) -> list[list[int | None]]:
    """The number of each question as the source numbers them: one count across the
    dimensions, skipping questions the source leaves unnumbered. The criteria page and the
    self-assessment both use it, so the two cannot number an item differently."""
    count, numbers = 0, []
    for dim in rubric.dimensions:
        row = []
        for q in dim.questions:
            if q.numbered:
                count += 1
            row.append(count if q.numbered else None)
        numbers.append(row)
    return numbers


def has_page(key: str, branch: Branch, item: AwardType) -> bool:
    return assess.spec(key, branch, item) is not None or item.calculation is not None


def rows(data: dict, branch: Branch, item: AwardType, lang: str, words: dict[str, str]) -> list[dict]:
    """The form, top to bottom: dimension rows, question rows, then total, results, requested, bonus."""
    found: list[dict] = []
    if data["mode"] == "rubric":
        dims = {d.id: d for d in item.rubric.dimensions}
        numbers = dict(zip((d.id for d in item.rubric.dimensions), question_numbers(item.rubric), strict=True))
        for number, dim in enumerate(data["dimensions"], start=1):
            model = dims[dim["id"]]
            label = f"{words['dimension']} {number} {_tr(model.name, lang)}"
            if len(dim["items"]) == 1 and dim["items"][0]["id"] == dim["id"]:
                found.append({"kind": "dimension", "id": dim["id"], "label": label, "max": dim["max"], "input": dim["id"]})
                continue
            found.append({"kind": "dimension", "id": dim["id"], "label": label, "max": dim["max"], "input": None})
            for n, field, question in zip(numbers[dim["id"]], dim["items"], model.questions, strict=True):
                shown = f"{n} " if n is not None else ""
                found.append({"kind": "question", "id": field["id"], "label": f"{shown}{_tr(question.text, lang)}", "max": field["max"], "input": field["id"]})
    else:
        categories = {c.id: c for c in branch.categories}
        for dim in data["dimensions"]:
            c = categories[dim["id"]]
            found.append({"kind": "category", "id": dim["id"], "label": f"{_tr(c.name, lang)} {_tr(c.text, lang)}", "max": dim["max"], "input": dim["id"]})
    total_label = words["assess_total"]
    found.append({"kind": "total", "id": assess.TOTAL, "label": total_label, "max": data["total"]["max"], "input": assess.TOTAL if data["total"]["entered"] else None})
    rules = {r.id: r for r in branch.scoring.rules}
    for field in data["results"]:
        measure = field["id"][1:]
        rule = next(r for r in rules.values() if r.measure == measure and assess._applies(r, item.id))
        category = next(c for c in branch.categories if c.id == rule.results_category)
        label = words[f"assess_{measure}"].replace("{category}", _tr(category.name, lang))
        found.append({"kind": "results", "id": field["id"], "label": label, "max": field["max"], "input": field["id"]})
    for field, bonus in zip(data["bonus"], item.rubric.bonus if item.rubric else [], strict=True):
        shown = f"{bonus.number} " if bonus.number else ""
        found.append({"kind": "bonus", "id": field["id"], "label": f"{shown}{words['bonus']}: {_tr(bonus.text, lang)}", "max": field["max"], "input": field["id"]})
    return found


def requested_options(data: dict, branch: Branch, lang: str) -> list[tuple[str, str]]:
    names = {c.id: f"{_tr(c.name, lang)} {_tr(c.text, lang)}" for c in branch.categories}
    return [(i, names.get(i, i)) for i in data["requested"] or []]


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element (no "</script>", no HTML-sensitive characters)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_WORDS = (
    "assess_pass", "assess_fail", "assess_none", "assess_incomplete", "assess_invalid", "assess_range", "assess_measured",
    "assess_no_band", "assess_total", "assess_total_with_bonus", "assess_result", "assess_item", "assess_score", "assess_max",
    "assess_percent", "assess_requested", "assess_weakest", "cost_value_incomplete",
)


def page_json(data: dict | None, cost: dict | None, branch: Branch, item: AwardType, lang: str, words: dict[str, str]) -> str:
    """Everything the page's script needs, names in the page's language."""
    payload: dict[str, Any] = {"lang": lang, "title": _tr(item.name, lang), "words": {w: words[w] for w in _WORDS}}
    if data is not None:
        form = rows(data, branch, item, lang, words)
        payload["assess"] = data
        payload["names"] = {
            "rows": {r["id"]: r["label"] for r in form},
            "rules": {r.id: _tr(r.text, lang) for r in branch.scoring.rules},
            "bands": {b.id: _tr(b.name, lang) for b in branch.scoring.bands},
        }
    if cost is not None:
        calc = item.calculation
        payload["cost"] = cost
        payload["cost_names"] = {
            "inputs": {i.id: {"label": _tr(i.label, lang), "unit": _tr(i.unit, lang), "rate_unit": _tr(i.rate_unit, lang) if i.rate_unit else ""} for i in calc.inputs},
            "result": _tr(calc.result, lang),
            "result_unit": _tr(calc.result_unit, lang) if calc.result_unit else "",
        }
    return script_json(payload)
