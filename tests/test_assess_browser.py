"""The calculators in a real browser: the shared case table typed into the pages in both
languages and compared with the Python results; answers kept, cleared, exported, printed
on one A4 page, still working offline; without JavaScript the criteria stay readable."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from fractions import Fraction

import pytest
from playwright.sync_api import sync_playwright

from generator.pages import assess
from generator.pages.labels import labels

from assesscases import CASES, catalog, cost_outcome, entries, outcome, spec
from browser import allow_only, launch, serve

WORDS = labels()
PREFIX = {"th": "", "en": "/en"}
VERDICT = {"pass": "assess_pass", "fail": "assess_fail", "none": "assess_none", "incomplete": "assess_incomplete", "invalid": "assess_invalid"}


@pytest.fixture(scope="module")
def browser(built_site):
    with serve(built_site) as base, sync_playwright() as p:
        chromium = launch(p)
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        outside = allow_only(context, base, [])
        errors: list[str] = []
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        yield page, base, outside, errors
        assert outside == [], outside
        chromium.close()


def url(base: str, lang: str, key: str) -> str:
    return f"{base}{PREFIX[lang]}/{key}/self-assessment/"


def fill(page, answers: dict) -> None:
    page.click("[data-action=clear]")
    for name, value in answers.items():
        selector = f"[name='{name}']"
        if name == "_requested":
            page.select_option(selector, str(value))
        else:
            page.fill(selector, str(value))


def open_page(page, base: str, lang: str, key: str) -> None:
    target = url(base, lang, key)
    if page.url != target:
        page.goto(target)
    page.wait_for_selector("#lr-assess-actions:not([hidden])")


# What the page shows, read in one go (one call to the browser instead of one per element).
_SHOWN_JS = """() => {
  const one = s => document.querySelector(s), all = s => [...document.querySelectorAll(s)];
  const text = s => one(s) ? one(s).innerText : null;
  const visible = el => !!el && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0
    && getComputedStyle(el).visibility !== 'hidden';
  const band = one('[data-out=band]'), weakest = one('[data-out=weakest]');
  return {
    status: one('#lr-assess-result') ? one('#lr-assess-result').getAttribute('data-status') : null,
    verdict: text('[data-out=verdict]'),
    failed: all('[data-out=reasons] li[data-rule]').map(li => [li.getAttribute('data-rule'), li.getAttribute('data-item')]),
    invalid: all('[data-out=reasons] li:not([data-rule])').map(li => li.getAttribute('data-item')),
    percents: all("output[data-out^='percent:']").filter(o => o.innerText).map(o => [o.getAttribute('data-out').split(':').slice(1).join(':'), o.innerText]),
    total: text("[data-out='score:_total']"),
    with_bonus: text('[data-out=total-with-bonus]'),
    band: band ? band.getAttribute('data-band') || null : null,
    band_text: band ? band.innerText : null,
    weakest: visible(weakest) ? weakest.getAttribute('data-weakest') || '' : '',
  };
}"""


def shown(page) -> dict:
    """What the page shows, in the form of ``assesscases.outcome``."""
    got = page.evaluate(_SHOWN_JS)
    failed: dict[str, list] = {}
    for rule, item in got["failed"]:
        failed.setdefault(rule, []).append(item or None)
    return got | {"failed": failed, "percents": dict(got["percents"]), "weakest": got["weakest"].split()}


@pytest.mark.parametrize("lang", ["th", "en"])
def test_self_assessment_cases_match_python(browser, lang):
    page, base, _, errors = browser
    for case in CASES["self_assessment"]:
        expected = outcome(case)
        data = spec(case["type"])
        open_page(page, base, lang, case["type"])
        fill(page, case["answers"])
        got = shown(page)
        where = f"{case['name']} ({lang})"
        assert got["status"] == expected["status"], where
        assert got["verdict"] == WORDS[VERDICT[expected["status"]]][lang], where
        assert got["failed"] == expected["failed"], where
        assert got["invalid"] == expected["invalid"], where
        assert got["weakest"] == expected["weakest"], where
        assert got["percents"] == (expected["percents"] if data["mode"] == "rubric" else {}), where
        if data["mode"] == "rubric":
            assert got["total"] == (expected["total"] or ""), where
        if data["bonus"]:
            with_bonus = assess.show_number(Fraction(expected["total"].replace(",", "")) + Fraction(expected["bonus"])) if expected["total"] else ""
            assert got["with_bonus"] == with_bonus, where
        if data["bands"]:
            assert got["band"] == expected["band"], where
            branch, _ = entries(case["type"])
            names = {b.id: getattr(b.name, lang) for b in branch.model.scoring.bands}
            assert got["band_text"] == (names[expected["band"]] if expected["band"] else WORDS["assess_no_band"][lang]), where
    assert errors == []


@pytest.mark.parametrize("lang", ["th", "en"])
def test_cost_value_cases_match_python(browser, lang):
    page, base, _, errors = browser
    for case in CASES["cost_value"]:
        expected = cost_outcome(case)
        open_page(page, base, lang, case["type"])
        fill(page, case["answers"])
        where = f"{case['name']} ({lang})"
        assert page.get_attribute("#lr-cost-result", "data-status") == ("done" if expected["complete"] else "incomplete"), where
        if expected["complete"]:
            assert page.inner_text("[data-out=cost-total]") == expected["total"], where
            assert page.inner_text("[data-out=cost-working]").endswith("= " + expected["working"]), where
        else:
            assert page.inner_text("[data-out=cost-total]") == "", where
            invalid = page.eval_on_selector_all("#lr-cost input[aria-invalid=true]", "els => els.map(e => e.name)")
            assert invalid == expected["invalid"], where
    assert errors == []


def test_answers_are_kept_shared_by_both_languages_and_cleared(browser):
    page, base, _, _ = browser
    case = CASES["self_assessment"][0]
    open_page(page, base, "th", case["type"])
    fill(page, case["answers"])
    assert page.evaluate("k => localStorage.getItem(k)", "lertrat:self-assessment:" + case["type"]) is not None
    page.reload()
    page.wait_for_selector("#lr-assess-actions:not([hidden])")
    for name, value in case["answers"].items():
        assert page.input_value(f"[name='{name}']") == str(value)
    assert page.get_attribute("#lr-assess-result", "data-status") == outcome(case)["status"]
    page.goto(url(base, "en", case["type"]))
    page.wait_for_selector("#lr-assess-actions:not([hidden])")
    assert page.input_value(f"[name='{next(iter(case['answers']))}']") == str(next(iter(case["answers"].values())))
    page.click("[data-action=clear]")
    assert page.get_attribute("#lr-assess-result", "data-status") == "incomplete"
    page.reload()
    page.wait_for_selector("#lr-assess-actions:not([hidden])")
    assert all(page.input_value(f"[name='{name}']") == "" for name in case["answers"])
    assert page.evaluate("k => localStorage.getItem(k)", "lertrat:self-assessment:" + case["type"]) is None


def test_export_csv_and_json(browser, tmp_path):
    page, base, _, _ = browser
    case = next(c for c in CASES["self_assessment"] if c["type"] == "2566/pmqa/per-category" and outcome(c)["status"] == "fail")
    expected = outcome(case)
    open_page(page, base, "th", case["type"])
    fill(page, case["answers"])
    with page.expect_download() as download:
        page.click("[data-action=json]")
    saved = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert download.value.suggested_filename == "2566-pmqa-per-category-th.json"
    assert saved["answers"]["lr-assess"]["category-1"] == str(case["answers"]["category-1"])
    assert saved["assessment"]["passed"] is False
    assert sorted(saved["assessment"]["failed"]) == sorted(expected["failed"])
    with page.expect_download() as download:
        page.click("[data-action=csv]")
    text = open(download.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [WORDS[w]["th"] for w in ("assess_item", "assess_score", "assess_max", "assess_percent")]
    assert [WORDS["assess_result"]["th"], WORDS["assess_fail"]["th"], "", ""] in rows
    branch, _ = entries(case["type"])
    category = branch.model.categories[0]
    assert [f"{category.name.th} {category.text.th}", str(case["answers"]["category-1"]), "100%", ""] in rows
    reasons = [r[1] for r in rows if r[0] == ""]
    assert len(reasons) == sum(len(v) for v in expected["failed"].values())

    cost = CASES["cost_value"][0]
    open_page(page, base, "en", cost["type"])
    fill(page, cost["answers"])
    with page.expect_download() as download:
        page.click("[data-action=csv]")
    rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8-sig").read())))
    assert any(r[1] == cost_outcome(cost)["total"] and r[3] == cost_outcome(cost)["working"] for r in rows)


def _pages():
    for year in catalog().years:
        for branch in year.branches:
            for item in branch.types:
                key = f"{year.year}/{branch.model.id}/{item.model.id}"
                if assess.spec(key, branch.model, item.model) is not None or item.model.calculation is not None:
                    yield key


def _longest_fill(key: str) -> dict:
    """The answers that make the longest result: the case with the most reasons, else full marks."""
    cases = [c for c in CASES["self_assessment"] if c["type"] == key]
    if cases:
        best = max(cases, key=lambda c: sum(map(len, outcome(c)["failed"].values())) + len(outcome(c)["invalid"]))
        answers = dict(best["answers"])
    else:
        data = spec(key)
        answers = {f["id"]: f["max"] for f in assess.inputs(data)} if data else {}
    cost = next((c for c in CASES["cost_value"] if c["type"] == key and cost_outcome(c)["complete"]), None)
    return answers | (cost["answers"] if cost else {})


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_filled_self_assessment_prints_on_one_a4_page(browser, tmp_path, lang):
    page, base, _, _ = browser
    checked = 0
    for key in _pages():
        open_page(page, base, lang, key)
        fill(page, _longest_fill(key))
        page.emulate_media(media="print")
        assert not page.is_visible("#lr-assess-actions")
        pdf = tmp_path / f"{key.replace('/', '-')}-{lang}.pdf"
        page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True, print_background=True)
        page.emulate_media(media="screen")
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        assert pages == 1, f"{key} ({lang}) prints on {pages} pages"
        size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
        assert (round(float(size.group(1))), round(float(size.group(2)))) == (595, 842)  # A4 in points
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        verdict = page.inner_text("[data-out=verdict]") if page.query_selector("[data-out=verdict]") else page.inner_text("[data-out=cost-total]")
        assert " ".join(verdict.split()[:2]) in " ".join(text.split()), f"{key} ({lang}): the result is not in the print"
        checked += 1
    assert checked >= 10


def test_keeps_working_offline_once_loaded(browser):
    page, base, outside, _ = browser
    case = next(c for c in CASES["self_assessment"] if c["type"] == "2566/pmqa/pmqa-4-0" and outcome(c)["band"])
    open_page(page, base, "en", case["type"])
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.context.set_offline(True)
    try:
        fill(page, case["answers"])
        assert page.get_attribute("[data-out=band]", "data-band") == outcome(case)["band"]
        with page.expect_download() as download:
            page.click("[data-action=json]")
        assert json.loads(open(download.value.path(), encoding="utf-8").read())["assessment"]["band"] == outcome(case)["band"]
    finally:
        page.context.set_offline(False)
    assert [r for r in requests if not r.startswith("blob:")] == []


def test_without_javascript_the_criteria_and_a_note_are_shown(browser):
    page, base, _, _ = browser
    context = page.context.browser.new_context(java_script_enabled=False)
    try:
        plain = context.new_page()
        branch, _ = entries("2566/pmqa/outstanding")
        for lang in ("th", "en"):
            plain.goto(url(base, lang, "2566/pmqa/outstanding"))
            assert plain.is_visible(".lr-noscript")
            assert plain.inner_text(".lr-noscript") == WORDS["assess_needs_js"][lang]
            body = " ".join(plain.inner_text("article").split())
            rules = [r for r in branch.model.scoring.rules if "outstanding" in r.applies_to]
            assert rules
            for rule in rules:
                assert " ".join(getattr(rule.text, lang).split()) in body
            assert not plain.is_visible("#lr-assess-actions")
            # the total's full marks are shown beside its field
            assert plain.inner_text("tr[data-row='_total'] td:nth-child(3)") == str(branch.model.scoring.full_marks)
    finally:
        context.close()
