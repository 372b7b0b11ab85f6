"""The self-assessment as its reader uses it: Thai digits typed into the score fields count,
the weakest dimension is named, and the printout has lines for the work, the agency and the date."""

from __future__ import annotations

import pytest

from generator.pages.labels import labels

from assesscases import spec
from browser import allow_only, serve

WORDS = labels()
KEY = "2566/participation/open-governance"
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


@pytest.fixture(scope="module")
def page(built_site, chromium):
    with serve(built_site) as base:
        context = chromium.new_context(viewport={"width": 390, "height": 844})
        outside = allow_only(context, base, [])
        page = context.new_page()
        page.base = base
        yield page
        context.close()
        assert not outside, outside


@pytest.mark.parametrize("lang", ["th", "en"])
def test_thai_digits_count_and_the_weakest_dimension_is_named(page, lang):
    page.goto(f"{page.base}{'/en' if lang == 'en' else ''}/{KEY}/self-assessment/")
    page.click("[data-action=clear]")
    dims = spec(KEY)["dimensions"]
    # every dimension at full marks, typed in Thai digits, but the last at a fifth of its marks
    for dim in dims[:-1]:
        page.fill(f"[name='{dim['id']}']", str(dim["max"]).translate(THAI))
    weakest = dims[-1]
    page.fill(f"[name='{weakest['id']}']", str(weakest["max"] // 5).translate(THAI))
    assert page.get_attribute("#lr-assess-result", "data-status") == "fail"
    assert page.inner_text("[data-out='score:_total']") == str(sum(d["max"] for d in dims[:-1]) + weakest["max"] // 5)
    shown = page.locator("[data-out=weakest]")
    assert shown.is_visible()
    label = page.inner_text(f"label[for='lr-in-{weakest['id']}']")
    assert shown.inner_text() == WORDS["assess_weakest"][lang].replace("{name}", label).replace("{percent}", "20.0%")


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_printout_has_lines_for_the_work_the_agency_and_the_date(page, lang):
    page.goto(f"{page.base}{'/en' if lang == 'en' else ''}/{KEY}/self-assessment/")
    page.emulate_media(media="print")
    try:
        fields = page.locator(".lr-assess-fields .lr-blank")
        assert [" ".join(f.inner_text().split()) for f in fields.all()] == [WORDS[k][lang] for k in ("field_work", "field_agency", "assessed_on")]
        assert all(f.locator("input").is_visible() for f in fields.all())
    finally:
        page.emulate_media(media="screen")
