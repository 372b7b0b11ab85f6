"""Checklist ticks stay in the browser, as the self-assessment answers do, until "start again"."""

from __future__ import annotations

import pytest

from generator.pages.labels import labels

from browser import allow_only, serve
from test_applying import TYPES

WORDS = labels()
YEAR, BRANCH, ITEM = next((y, b, t) for y, b, t in TYPES if b.model.eligibility and t.model.conditions)
PAGE = f"{YEAR.year}/{BRANCH.model.id}/{ITEM.model.id}/checklist/"


@pytest.fixture()
def page(built_site, chromium):
    """A fresh browser context per test: its own, empty localStorage."""
    with serve(built_site) as base:
        context = chromium.new_context(viewport={"width": 390, "height": 844})
        outside = allow_only(context, base, [])
        page = context.new_page()
        page.base = base
        yield page
        context.close()
        assert not outside, outside


def ticks(page):
    return page.locator("article input[type=checkbox]")


def test_ticks_and_lines_survive_a_reload_and_the_other_language(page):
    page.goto(f"{page.base}/{PAGE}")
    assert ticks(page).count() >= 3
    ticks(page).nth(0).check()
    ticks(page).nth(2).check()
    page.locator("article input.lr-blank__line").first.fill("ระบบนัดหมายออนไลน์")
    page.reload()
    assert [ticks(page).nth(i).is_checked() for i in range(3)] == [True, False, True]
    assert page.locator("article input.lr-blank__line").first.input_value() == "ระบบนัดหมายออนไลน์"
    # the same checklist in English carries the same ticks
    page.goto(f"{page.base}/en/{PAGE}")
    assert [ticks(page).nth(i).is_checked() for i in range(3)] == [True, False, True]
    # another type's checklist is its own
    other = next(f"{y.year}/{b.model.id}/{t.model.id}/checklist/" for y, b, t in TYPES if t is not ITEM)
    page.goto(f"{page.base}/{other}")
    assert not any(ticks(page).nth(i).is_checked() for i in range(ticks(page).count()))


@pytest.mark.parametrize("lang", ["th", "en"])
def test_start_again_clears_every_tick_for_good(page, lang):
    prefix = "/en" if lang == "en" else ""
    page.goto(f"{page.base}{prefix}/{PAGE}")
    for i in range(ticks(page).count()):
        ticks(page).nth(i).check()
    page.locator("article input.lr-blank__line").first.fill("x")
    reset = page.get_by_role("button", name=WORDS["checklist_reset"][lang])
    assert reset.is_visible()
    assert WORDS["checklist_kept"][lang] in page.locator(".lr-checklist-tools").inner_text()
    reset.click()
    assert not any(ticks(page).nth(i).is_checked() for i in range(ticks(page).count()))
    assert page.locator("article input.lr-blank__line").first.input_value() == ""
    page.reload()
    assert not any(ticks(page).nth(i).is_checked() for i in range(ticks(page).count()))
    # the button and its note are not printed
    page.emulate_media(media="print")
    assert not reset.is_visible()
