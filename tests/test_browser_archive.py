"""The archive pages in Debian's Chromium: the winners filters (on the real content and on a
small synthetic archive of several years, where the list must be loaded across years), the
plain list without JavaScript, and timelines re-marked against the reader's today."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.content.archive import Archive
from generator.content.catalog import load_catalog
from generator.content.timeline import mark
from generator.pages.labels import labels
from tools.synthetic import write_project

from browser import allow_only, serve
from conftest import REPO, lertrat
from htmltext import norm

WORDS = labels()


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory) -> tuple[Path, Archive]:
    """Four programme years of made-up winners (~30 a year), built with lertrat build."""
    root = tmp_path_factory.mktemp("synthetic") / "project"
    write_project(root, 4, per_year=30, template=REPO)
    run = lertrat(root, "build")
    assert run.code == 0, run.output
    return root / "site", Archive(load_catalog(root))


class Visit:
    """A browser tab on a served site that records requests and refuses any other host."""

    def __init__(self, browser, base: str, javascript: bool = True):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.base, self.requests, self.outside = base, [], []

        allow_only(self.page, base, self.outside, self.requests.append)

    def open(self, path: str):
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def rows(self) -> list[list[str]]:
        return self.page.eval_on_selector_all("#lr-winners-list tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.innerText))")

    def close(self):
        self.context.close()


def _title(archive: Archive, award, lang: str) -> str:
    w = award.winner
    return norm(getattr(w.title, lang) if w.title else getattr(archive.agencies[w.agency].name, lang))


def _expected(archive: Archive, lang: str, **chosen) -> list[str]:
    def keep(award) -> bool:
        w = award.winner
        return ((not chosen.get("year") or str(award.year) == chosen["year"]) and (not chosen.get("branch") or w.branch == chosen["branch"])
                and (not chosen.get("type") or f"{w.branch}/{w.type}" == chosen["type"])
                and (not chosen.get("level") or f"{w.branch}/{w.level}" == chosen["level"])
                and (not chosen.get("agency") or chosen["agency"] in award.agencies))
    return [_title(archive, a, lang) for a in archive.awards if keep(a)]


def _choose(page, **values) -> None:
    for name, value in values.items():
        page.select_option(f"#lr-filter select[name={name}]", value)


def _shown(visit: Visit) -> list[str]:
    visit.page.wait_for_function("() => !document.querySelector('.lr-filter__count').textContent.includes('…')")
    return [norm(row[1]) for row in visit.rows()]


def test_filters_work_across_years_and_load_the_list_only_when_used(synthetic_site, chromium):
    site, archive = synthetic_site
    years = sorted(archive.by_year, reverse=True)
    assert len(years) == 4
    with serve(site) as base:
        visit = Visit(chromium, base)
        page = visit.open("/winners/")
        assert page.locator("#lr-filter").is_visible()
        assert not page.locator("[data-lr-nojs]").is_visible()
        assert [norm(r[1]) for r in visit.rows()] == _expected(archive, "th", year=str(years[0]))
        assert not [u for u in visit.requests if "showcase-" in u], "the list is loaded before anyone filters"
        total = len(archive.awards)
        assert page.locator(".lr-filter__count").inner_text() == WORDS["filter_shown"]["th"].format(shown=len(archive.by_year[years[0]]), total=f"{total:,}")

        _choose(page, year="")
        assert _shown(visit) == _expected(archive, "th")
        assert [u for u in visit.requests if u.endswith("showcase-th.json")]
        _choose(page, branch="participation")
        expected = _expected(archive, "th", branch="participation")
        assert 0 < len(expected) < total and _shown(visit) == expected
        busy = max({a for award in archive.awards for a in award.agencies}, key=lambda a: len(archive.records[a].awards))
        _choose(page, branch="", agency=busy)
        expected = _expected(archive, "th", agency=busy)
        assert len({a.year for a in archive.records[busy].awards}) > 1 and _shown(visit) == expected
        assert page.locator(".lr-filter__count").inner_text() == WORDS["filter_shown"]["th"].format(shown=len(expected), total=f"{total:,}")
        # Every row the script writes is the same as a row the build writes: the work links to its agency page.
        first = page.locator("#lr-winners-list tbody tr").first
        first.locator("td").nth(1).locator("a").click()
        page.wait_for_load_state()
        assert "/agencies/" in page.url and "#" in page.url
        page.go_back()
        page.wait_for_load_state("networkidle")

        level = next(f"{a.winner.branch}/{a.winner.level}" for a in archive.awards if a.winner.level)
        page = visit.open(f"/winners/?year=&level={level}")
        expected = _expected(archive, "th", level=level)
        assert 0 < len(expected) < total and _shown(visit) == expected
        page.click("#lr-filter button[type=reset]")
        assert _shown(visit) == _expected(archive, "th")
        assert visit.outside == []
        visit.close()


def test_filters_in_english_by_type_narrow_the_branches_offered(synthetic_site, chromium):
    site, archive = synthetic_site
    with serve(site) as base:
        visit = Visit(chromium, base)
        page = visit.open("/en/winners/")
        kind = next(f"{a.winner.branch}/{a.winner.type}" for a in archive.awards if a.winner.branch == "service")
        _choose(page, year="", type=kind)
        expected = _expected(archive, "en", type=kind)
        assert 0 < len(expected) < len(archive.awards) and _shown(visit) == expected
        assert [u for u in visit.requests if u.endswith("showcase-en.json")]
        # a service type cannot go with the PMQA branch: PMQA is no longer offered
        assert page.locator("#lr-filter select[name=branch] option[value=pmqa]").is_disabled()
        assert page.locator("#lr-filter select[name=branch] option[value=service]").is_enabled()
        # an address asking for both keeps the branch and drops the type
        page = visit.open(f"/en/winners/?year=&branch=pmqa&type={kind}")
        expected = _expected(archive, "en", branch="pmqa")
        assert expected and _shown(visit) == expected
        assert page.locator("#lr-filter select[name=type]").input_value() == ""
        assert visit.outside == []
        visit.close()


@pytest.mark.parametrize("which", ["real", "synthetic"])
def test_without_javascript_every_winner_is_listed_on_the_plain_pages(which, built_site, synthetic_site, chromium):
    site, archive = (built_site, Archive(load_catalog(REPO))) if which == "real" else synthetic_site
    with serve(site) as base:
        visit = Visit(chromium, base, javascript=False)
        page = visit.open("/winners/")
        assert not page.locator("#lr-filter").is_visible()
        assert page.locator("[data-lr-nojs]").is_visible()
        newest = max(archive.by_year)
        assert [norm(r[1]) for r in visit.rows()] == [_title(archive, a, "th") for a in archive.by_year[newest]]
        listed = []
        for year in sorted(archive.by_year):
            page = visit.open(f"/winners/{year}/")
            cells = page.eval_on_selector_all(f"#lr-winners-{year} tbody tr", "rows => rows.map(r => r.cells[0].innerText)")
            listed += [(year, norm(c)) for c in cells]
        assert listed == [(a.year, _title(archive, a, "th")) for year in sorted(archive.by_year) for a in archive.by_year[year]]
        assert len(listed) == len(archive.awards)
        assert visit.outside == []
        visit.close()


@pytest.mark.parametrize("lang, today_text", [("th", "10 พฤษภาคม 2566"), ("en", "10 May 2023")])
def test_timeline_is_marked_again_against_the_readers_today(built_site, chromium, lang, today_text):
    milestones = next(y for y in load_catalog(REPO).years if y.year == 2566).model.milestones
    expected = mark(milestones, dt.date(2023, 5, 10))
    with serve(built_site) as base:
        visit = Visit(chromium, base)
        visit.page.clock.set_fixed_time(dt.datetime(2023, 5, 10, 9, 0))
        page = visit.open(("/en" if lang == "en" else "") + "/2566/timeline/")
        classes = page.eval_on_selector_all("ol[data-lr-timeline] > li", "items => items.map(li => li.className.split('lr-ms--')[1])")
        assert classes == expected
        badges = page.eval_on_selector_all("ol[data-lr-timeline] > li .lr-ms__status", "els => els.map(e => e.textContent)")
        assert badges == ["" if s == "upcoming" else WORDS[f"ms_{s}"][lang] for s in expected]
        note = page.locator("[data-lr-note]").inner_text()
        assert note == WORDS["marked_today"][lang].format(date=today_text)
        box = page.locator("[data-lr-next]").inner_text()
        for milestone, status in zip(milestones, expected, strict=True):
            assert (norm(getattr(milestone.title, lang)) in norm(box)) == (status in ("current", "next")), milestone.id
        assert visit.outside == []
        visit.close()
