"""Winners and agencies as a reader meets them: filters that narrow each other (no empty
combination can be chosen), the filters before the list on a phone, a selection said to be
one with the number awarded, no count the data cannot support, and the way from a type's
criteria page to its past winners."""

from __future__ import annotations

import re

import pytest

from generator.content.archive import Archive
from generator.content.catalog import load_catalog
from generator.pages.labels import labels
from generator.pages.text import number

from browser import allow_only, serve
from conftest import REPO
from htmltext import norm, read
from sitelinks import page_path

CATALOG = load_catalog(REPO)
ARCHIVE = Archive(CATALOG)
WORDS = labels()
PREFIX = {"th": "", "en": "en/"}
STATS = {s.year: s.awards for y in CATALOG.years for s in y.model.statistics}
SELECTIONS = [y for y, awards in ARCHIVE.by_year.items() if isinstance(STATS.get(y), int) and STATS[y] > len(awards)]


def year_label(year: int, lang: str) -> str:
    return WORDS["year_th"][lang].format(be=year, ce=year - 543)


@pytest.fixture(scope="module")
def browser_site(built_site, chromium):
    with serve(built_site) as base:
        outside: list[str] = []
        phone = chromium.new_context(viewport={"width": 390, "height": 844})
        allow_only(phone, base, outside)
        yield phone, base
        phone.close()
        assert not outside, outside


def settled(page) -> None:
    page.wait_for_function("() => { const s = document.querySelector('.lr-filter__count').textContent; return s && !s.includes('…'); }")


def offered(page, name: str) -> list[str]:
    return page.eval_on_selector_all(f"#lr-filter select[name={name}] option", "os => os.filter(o => o.value && !o.disabled).map(o => o.value)")


@pytest.mark.parametrize("lang", ["th", "en"])
def test_choosing_a_branch_offers_only_its_types_and_levels(browser_site, lang):
    context, base = browser_site
    page = context.new_page()
    page.goto(f"{base}/{PREFIX[lang]}winners/")
    page.select_option("#lr-filter select[name=year]", "")
    settled(page)
    branches = sorted({a.winner.branch for a in ARCHIVE.awards})
    assert len(branches) > 1
    for branch in branches:
        page.select_option("#lr-filter select[name=branch]", branch)
        settled(page)
        won = [a.winner for a in ARCHIVE.awards if a.winner.branch == branch]
        assert sorted(offered(page, "type")) == sorted({f"{w.branch}/{w.type}" for w in won if w.type})
        assert sorted(offered(page, "level")) == sorted({f"{w.branch}/{w.level}" for w in won if w.level})
        # the options of other branches are not shown at all
        hidden = page.eval_on_selector_all("#lr-filter select[name=type] option", "os => os.filter(o => o.value && o.hidden).map(o => o.value)")
        assert all(not v.startswith(branch + "/") for v in hidden) and hidden
    page.close()


def test_every_option_offered_shows_at_least_one_work(browser_site):
    """Whatever is chosen, each option still on offer leads to a non-empty list."""
    context, base = browser_site
    page = context.new_page()
    page.goto(f"{base}/winners/")
    page.select_option("#lr-filter select[name=year]", "")
    settled(page)
    page.select_option("#lr-filter select[name=branch]", "service")
    settled(page)
    for name in ("type", "level", "agency"):
        for value in offered(page, name):
            page.select_option(f"#lr-filter select[name={name}]", value)
            settled(page)
            assert page.locator("#lr-winners-list tbody tr").count() > 0, (name, value)
            assert page.locator(".lr-filter__count").inner_text() != WORDS["filter_none"]["th"]
        page.select_option(f"#lr-filter select[name={name}]", "")
        settled(page)
    page.close()


def test_a_type_chosen_leaves_only_its_branch_and_a_conflicting_address_is_resolved(browser_site):
    context, base = browser_site
    page = context.new_page()
    kind = next(f"{a.winner.branch}/{a.winner.type}" for a in ARCHIVE.awards if a.winner.branch == "service" and a.winner.type)
    page.goto(f"{base}/winners/")
    page.select_option("#lr-filter select[name=year]", "")
    settled(page)
    page.select_option("#lr-filter select[name=type]", kind)
    settled(page)
    assert offered(page, "branch") == ["service"]
    # an address that asks for a combination with no work keeps the branch and drops the type
    page.goto(f"{base}/winners/?year=&branch=pmqa&type={kind}")
    settled(page)
    assert page.locator("#lr-filter select[name=type]").input_value() == ""
    assert page.locator("#lr-winners-list tbody tr").count() == sum(1 for a in ARCHIVE.awards if a.winner.branch == "pmqa") > 0
    page.close()


@pytest.mark.parametrize("lang", ["th", "en"])
def test_on_a_phone_the_filters_come_before_the_list_and_the_cards(browser_site, lang):
    context, base = browser_site
    page = context.new_page()
    page.goto(f"{base}/{PREFIX[lang]}winners/")
    form = page.locator("#lr-filter").bounding_box()
    table = page.locator("#lr-winners-list").bounding_box()
    assert form["y"] + form["height"] <= table["y"]
    cards = page.locator(".lr-cards")
    if cards.count():
        assert table["y"] < cards.first.bounding_box()["y"]
    page.close()


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_year_that_holds_a_selection_says_so_with_the_number_awarded(built_site, lang):
    assert SELECTIONS, "the real content has a year with only a selection of its winners (2565)"
    for year in SELECTIONS:
        said = norm(WORDS["winners_selection"][lang].replace("{year}", year_label(year, lang))
                    .replace("{shown}", number(len(ARCHIVE.by_year[year]))).replace("{total}", number(STATS[year])))
        for path in (f"{PREFIX[lang]}winners/{year}/", f"{PREFIX[lang]}winners/"):
            text, _ = read(page_path(built_site, path).read_text(encoding="utf-8"))
            assert said in text, path
        # and the list without JavaScript no longer claims to hold every work of that year
        index, _ = read(page_path(built_site, f"{PREFIX[lang]}winners/").read_text(encoding="utf-8"))
        every = WORDS["nojs_list"][lang].replace("{year}", year_label(year, lang)).replace("{n}", str(len(ARCHIVE.by_year[year])))
        assert norm(every) not in index


@pytest.mark.parametrize("lang", ["th", "en"])
def test_no_agency_listed_among_the_most_awarded_shows_zero(built_site, lang):
    page = page_path(built_site, f"{PREFIX[lang]}agencies/").read_text(encoding="utf-8")
    listed = [r for r in ARCHIVE.records.values() if r.top_listings and not r.count]
    assert listed, "the real content lists agencies among the most-awarded without a number"
    _, rows = read(page)
    for record in listed:
        row = next(r for r in rows if r.startswith(norm(getattr(record.agency.name, lang))))
        assert not re.search(r"\b0$", row)
        assert row.endswith(WORDS["awards_top_listed"][lang])
        agency, _ = read(page_path(built_site, f"{PREFIX[lang]}agencies/{record.agency.id}/").read_text(encoding="utf-8"))
        assert WORDS["top_listed"][lang].split("{")[0].strip() in agency


TYPES_WITH_WINNERS = [
    (y, b, t) for y in CATALOG.years for b in y.branches for t in b.types
    if any(a.winner.branch == b.model.id and a.winner.type == t.model.id for a in ARCHIVE.awards)
]


@pytest.mark.parametrize("lang", ["th", "en"])
def test_criteria_pages_link_to_past_winners_how_to_apply_and_the_calendar(built_site, lang):
    assert TYPES_WITH_WINNERS
    for year in CATALOG.years:
        for branch in year.branches:
            for item in branch.types:
                page = page_path(built_site, f"{PREFIX[lang]}{year.year}/{branch.model.id}/{item.model.id}/").read_text(encoding="utf-8")
                block = re.search(r'<ul class="lr-type-links".*?</ul>', page, re.S)
                links = {norm(read(text)[0]): href for href, text in re.findall(r'<a href="([^"]+)">(.*?)</a>', block.group(0))} if block else {}
                has_winners = (year, branch, item) in TYPES_WITH_WINNERS
                assert (WORDS["type_past_winners"][lang] in links) == has_winners
                if any(b.model.application for b in year.branches):
                    assert links[WORDS["apply_title"][lang].replace("{year}", year_label(year.year, lang))] == "../../apply/"
                if year.model.milestones or year.model.history:
                    assert links[norm(WORDS["timeline_title"][lang].replace("{year}", getattr(year.model.name, lang)))] == "../../timeline/"


def test_the_past_winners_link_opens_the_list_of_that_type(browser_site):
    context, base = browser_site
    year, branch, item = TYPES_WITH_WINNERS[0]
    page = context.new_page()
    page.goto(f"{base}/en/{year.year}/{branch.model.id}/{item.model.id}/")
    page.get_by_role("link", name=WORDS["type_past_winners"]["en"]).click()
    page.wait_for_load_state()
    settled(page)
    expected = [a for a in ARCHIVE.awards if a.winner.branch == branch.model.id and a.winner.type == item.model.id]
    assert page.locator("#lr-winners-list tbody tr").count() == len(expected)
    assert page.locator("#lr-filter select[name=type]").input_value() == f"{branch.model.id}/{item.model.id}"
    page.close()


def test_the_language_switch_keeps_the_filters(browser_site):
    context, base = browser_site
    page = context.new_page()
    page.goto(f"{base}/winners/")
    page.select_option("#lr-filter select[name=year]", "")
    settled(page)
    page.select_option("#lr-filter select[name=branch]", "pmqa")
    settled(page)
    switch = page.locator("a.md-select__link[hreflang=en]")
    assert "branch=pmqa" in switch.get_attribute("href")
    page.goto(page.evaluate("(h) => new URL(h, location.href).href", switch.get_attribute("href")))
    settled(page)
    assert page.locator("#lr-filter select[name=branch]").input_value() == "pmqa"
    assert page.locator("#lr-winners-list tbody tr").count() == sum(1 for a in ARCHIVE.awards if a.winner.branch == "pmqa")
    page.close()
