"""The finder as a reader meets it: the result first with its next steps, the reasons
collapsed after them, a progress line, a result address that opens the result on a cold
load, and "Yes" always the answer in favour of a type."""

from __future__ import annotations

import re

import pytest

from generator.pages.labels import labels

from browser import allow_only, open_anew, serve
from test_applying import FINDERS, _paths, html_of

WORDS = labels()


def prefix(lang: str) -> str:
    return "/en" if lang == "en" else ""


def outcomes():
    for year in FINDERS:
        for outcome in year.finder.model.outcomes:
            for lang in ("th", "en"):
                yield pytest.param(year, outcome, lang, id=f"{year.year}-{outcome.id}-{lang}")


@pytest.fixture(scope="module")
def site(built_site, chromium):
    with serve(built_site) as base:
        outside: list[str] = []
        phone = chromium.new_context(viewport={"width": 390, "height": 844})
        allow_only(phone, base, outside)
        yield phone, base, built_site
        phone.close()
        assert not outside, outside


@pytest.fixture(scope="module")
def tab(site):
    """One tab for the results' addresses: each is opened anew in it."""
    page = site[0].new_page()
    yield page
    page.close()


def visible_step(page):
    return page.locator(".lr-finder__step:not([hidden])")


# What a result on screen shows, read in one call: the steps shown, the progress line, the
# reasons and the next steps, with where each begins (px from the top of the window).
_RESULT_JS = """() => {
  const steps = [...document.querySelectorAll('.lr-finder__step:not([hidden])')];
  const step = steps[0], words = el => el.innerText.split(/\\s+/).filter(Boolean).join(' ');
  const top = sel => { const el = step.querySelector(sel); return el ? el.getBoundingClientRect().top : null; };
  const progress = document.querySelector('.lr-finder__progress');
  const reasons = step ? [...step.querySelectorAll('details.lr-finder__reasons')] : [];
  const links = step ? [...step.querySelectorAll('.lr-finder__next a')] : [];
  return step && {
    count: steps.length, id: step.id, text: words(step),
    progress: words(progress), progressShown: progress.checkVisibility(), progressTop: progress.getBoundingClientRect().top,
    reasons: reasons.length, reasonsShown: reasons.length === 1 && reasons[0].checkVisibility(),
    reasonsOpen: reasons.length === 1 && reasons[0].open,
    questions: step.querySelectorAll('.lr-finder__reasons li > p.lr-finder__q').length,
    next: links.map(a => [words(a), a.getAttribute('href'), new URL(a.getAttribute('href'), location.href).pathname]),
    firstNextBottom: links.length ? links[0].getBoundingClientRect().bottom : null,
    top: {result: top('.lr-finder__result'), next: top('.lr-finder__next'), reasons: top('.lr-finder__reasons')},
  };
}"""


@pytest.mark.parametrize(("year", "outcome", "lang"), list(outcomes()))
def test_a_result_address_opens_the_result_on_a_cold_load(site, tab, year, outcome, lang):
    """Opened from its address, a result shows itself first, then its next steps (for a
    result that is an award type), then the reasons, collapsed."""
    context, base, built = site
    page = tab
    open_anew(page, f"{base}{prefix(lang)}/{year.year}/finder/#finder-{outcome.id}")
    shown = page.evaluate(_RESULT_JS)
    assert shown and shown["count"] == 1
    assert shown["id"] == f"finder-{outcome.id}"
    assert " ".join(getattr(outcome.text, lang).split()) in shown["text"]
    # the progress line says it is a result, and the reader sees it without scrolling
    path = _paths(year.finder.model)[outcome.id]
    assert shown["progress"] == WORDS["finder_progress_done"][lang].replace("{k}", str(len(path)))
    assert shown["progressShown"] and 0 <= shown["progressTop"] < 844
    # the answers that lead there are read back from the page, collapsed
    assert shown["reasons"] == 1 and shown["reasonsShown"] and not shown["reasonsOpen"]
    assert shown["questions"] == len(path)
    if outcome.award_type:
        the_next_steps_come_before_the_reasons(shown, built, year, outcome, lang)
    # back goes up one question without leaving the page
    if path:
        page.locator(".lr-finder__back").click()
        assert visible_step(page).get_attribute("id") == f"finder-{path[-1][0].id}"
        assert page.url.endswith(f"#finder-{path[-1][0].id}")
        assert "/finder/" in page.url


def the_next_steps_come_before_the_reasons(shown: dict, built, year, outcome, lang) -> None:
    branch, type_id = outcome.award_type.split("/")
    hrefs = {text: href for text, href, _ in shown["next"]}
    assert hrefs[WORDS["finder_read_criteria"][lang]] == f"../{branch}/{type_id}/"
    assert hrefs[WORDS["finder_open_checklist"][lang]] == f"../{branch}/{type_id}/checklist/"
    self_assessment = f"{branch}/{type_id}/self-assessment/index.html"
    if (built / str(year.year) / self_assessment).exists():
        assert hrefs[WORDS["finder_self_assess"][lang]] == f"../{branch}/{type_id}/self-assessment/"
    else:
        assert WORDS["finder_self_assess"][lang] not in hrefs
    if (built / str(year.year) / "apply" / "index.html").exists():
        assert hrefs[WORDS["finder_how_to_apply"][lang]] == "../apply/"
    # the next steps come right after the result, the reasons after them
    top = shown["top"]
    assert None not in top.values() and top["result"] < top["next"] < top["reasons"], top
    # on a phone the first next step is on the first screen
    assert shown["firstNextBottom"] <= 844
    # every next step leads to a page of the site
    for _, _, target in shown["next"]:
        assert (built / target.lstrip("/") / "index.html").exists(), target


def test_results_with_a_type_were_checked_for_their_next_steps():
    """The cases above include results with an award type and results without one."""
    kinds = {bool(outcome.award_type) for _, outcome, _ in (case.values for case in outcomes())}
    assert kinds == {True, False}


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("year", FINDERS, ids=[str(y.year) for y in FINDERS])
def test_the_progress_line_counts_the_questions_along_the_way(site, year, lang):
    """Walking to the deepest result, the line reads "question k of at most m", where m never
    grows and the last question says k of k."""
    context, base, built = site
    page = context.new_page()
    page.goto(f"{base}{prefix(lang)}/{year.year}/finder/")
    path = max(_paths(year.finder.model).values(), key=len)
    pattern = re.escape(WORDS["finder_progress"][lang]).replace(r"\{k\}", r"(\d+)").replace(r"\{m\}", r"(\d+)")
    most = None
    for k, (question, answer) in enumerate(path, start=1):
        assert visible_step(page).get_attribute("id") == f"finder-{question.id}"
        text = " ".join(page.locator(".lr-finder__progress").inner_text().split())
        found = re.fullmatch(pattern, text)
        assert found, text
        assert int(found[1]) == k
        assert most is None or int(found[2]) <= most
        most = int(found[2])
        assert page.locator(".lr-finder__progress progress").evaluate("(p) => [p.value, p.max]") == [k - 1, most]
        label = WORDS[f"answer_{answer}"][lang] if isinstance(answer, str) else " ".join(getattr(answer, lang).split())
        visible_step(page).locator(".lr-finder__answer").filter(has_text=re.compile(f"^{re.escape(label)}$")).click()
    assert most == len(path)
    page.close()


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("year", FINDERS, ids=[str(y.year) for y in FINDERS])
def test_yes_is_never_the_answer_against_every_type(built_site, year, lang):
    """In the built page, no "Yes" leads straight to a result with no award type."""
    page = html_of(built_site, f"{year.year}/finder", lang)
    no_type = {o.id for o in year.finder.model.outcomes if not o.award_type}
    yes = re.findall(r'<a class="lr-finder__answer" href="#finder-([^"]+)" data-next="[^"]+">' + re.escape(WORDS["answer_yes"][lang]) + "</a>", page)
    assert len(yes) == sum(1 for q in year.finder.model.questions if not q.choices)
    assert not [target for target in yes if target in no_type]


@pytest.mark.parametrize(("lang", "other"), [("th", "en"), ("en", "th")])
def test_the_language_switch_keeps_the_step(site, lang, other):
    """After walking to a result, the other language opens at that same result."""
    context, base, _ = site
    year = FINDERS[0]
    outcome_id, path = max(_paths(year.finder.model).items(), key=lambda item: len(item[1]))
    page = context.new_page()
    page.goto(f"{base}{prefix(lang)}/{year.year}/finder/")
    for _, answer in path:
        label = WORDS[f"answer_{answer}"][lang] if isinstance(answer, str) else " ".join(getattr(answer, lang).split())
        visible_step(page).locator(".lr-finder__answer").filter(has_text=re.compile(f"^{re.escape(label)}$")).click()
    switch = page.locator(f"a.md-select__link[hreflang={other}]")
    assert switch.get_attribute("href").endswith(f"#finder-{outcome_id}")
    page.goto(page.evaluate("(h) => new URL(h, location.href).href", switch.get_attribute("href")))
    assert page.evaluate("document.documentElement.lang").startswith(other)
    assert visible_step(page).get_attribute("id") == f"finder-{outcome_id}"
    assert page.locator(".lr-finder__reasons li > p.lr-finder__q").count() == len(path)
    page.close()
