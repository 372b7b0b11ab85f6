"""The site in a real browser: Thai glyphs from the self-hosted font, the language switch."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from browser import allow_only, launch, serve


@pytest.fixture(scope="module")
def browser_page(built_site):
    with serve(built_site) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        outside = allow_only(page, base, [])
        yield page, base, outside
        browser.close()


def test_criteria_page_renders_thai_with_sarabun_and_switches_language(browser_page, tmp_path):
    page, base, outside = browser_page
    page.goto(f"{base}/2566/service/innovation/")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("ประเภทนวัตกรรมบริการ")
    assert page.evaluate("document.documentElement.lang") == "th"
    # The Thai text is drawn with the site's own Sarabun, not a fallback font.
    assert page.evaluate("document.fonts.check('16px Sarabun', 'การวิเคราะห์ปัญหา')")
    loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any("Sarabun" in family for family in loaded), loaded
    table = page.locator("table.lr-rubric")
    assert table.is_visible()
    assert table.locator("tfoot").inner_text().split()[-1] == "100"
    page.screenshot(path=str(tmp_path / "th.png"), full_page=True)

    # The language switcher leads to the same page in English, and back.
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang='en']").click()
    page.wait_for_url(f"{base}/en/2566/service/innovation/")
    assert page.locator("h1").inner_text().startswith("Service Innovation")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang='th']").click()
    page.wait_for_url(f"{base}/2566/service/innovation/")
    assert outside == []
