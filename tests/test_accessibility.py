"""Accessibility and privacy of the built site, in Debian's Chromium.

axe-core (pinned in package.json, installed by `make test` into node_modules/) runs the
WCAG 2.1 A and AA rules on every kind of page in both languages — every page found in
site/, except that a pattern with many pages is represented by a spread of them — plus
the search results and the 404 page. The same visits record every request: none may
leave the site.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from playwright.sync_api import sync_playwright

from browser import allow_only, launch, serve
from conftest import REPO
from sitepages import page_urls, pattern, sample

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PER_PATTERN = 2  # every kind of page, two of each: the pages of one kind share their template
SEARCH = {"th": ("/", "PMQA"), "en": ("/en/", "PMQA")}
OUTSIDE = ["https://fonts.example.org/x.woff2", "http://192.0.2.1/x.png"]  # a host by name, and one by address

# Text nodes in the page body whose language differs from the nearest lang attribute.
LANG_PROBLEMS_JS = """() => {
  const thai = /[\\u0E00-\\u0E7F]/, latin = /[A-Za-z]{2,}/;
  const roots = [...document.querySelectorAll('.md-content, .md-select')];
  const problems = [];
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, text = node.nodeValue.trim();
      if (!text || /^https?:\\/\\/\\S+$/.test(text) || node.parentElement.closest('script, style, code, pre, svg, noscript')) continue;  // a web address is in no language; noscript is raw text while scripts run
      const lang = (node.parentElement.closest('[lang]') || document.documentElement).lang;
      if (thai.test(text) && lang !== 'th') problems.push(`Thai text marked ${lang}: ${text.slice(0, 60)}`);
      if (latin.test(text) && lang !== 'en') problems.push(`Latin text marked ${lang}: ${text.slice(0, 60)}`);
    }
  }
  return problems;
}"""


@dataclass
class Visits:
    pages: list[str] = field(default_factory=list)
    violations: dict[str, list[str]] = field(default_factory=dict)
    lang_problems: dict[str, list[str]] = field(default_factory=dict)
    html_lang: dict[str, str] = field(default_factory=dict)
    search_results: dict[str, int] = field(default_factory=dict)
    local_requests: int = 0
    outside: list[str] = field(default_factory=list)


def _axe(page) -> list[str]:
    # Evaluated by the driver rather than added as an inline <script>, which the site's
    # Content-Security-Policy refuses (generator/site/csp.py).
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {node['target']}: {node['failureSummary']}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


@pytest.fixture(scope="module")
def served(built_site):
    """The built site on a local server, and one Chromium for every test of this file."""
    with serve(built_site) as base, sync_playwright() as p:
        browser = launch(p)
        yield base, browser
        browser.close()


@pytest.fixture(scope="module")
def visits(built_site, served) -> Visits:
    assert AXE.is_file(), "axe-core is missing: run `npm ci` (make test does)"
    found = Visits()
    every = page_urls(built_site)
    # The not-found pages share their pattern with the years' home pages: visit them by name.
    urls = sorted(set(sample(every, PER_PATTERN)) | {url for url in every if url.endswith("404.html")})
    base, browser = served
    with browser.new_context(viewport={"width": 1280, "height": 900}) as context:

        def count(_url: str) -> None:
            found.local_requests += 1

        allow_only(context, base + "/", found.outside, count)
        page = context.new_page()
        for url in urls:
            page.goto(base + url, wait_until="load")
            found.pages.append(url)
            found.html_lang[url] = page.evaluate("document.documentElement.lang")
            found.violations[url] = _axe(page)
            found.lang_problems[url] = page.evaluate(LANG_PROBLEMS_JS)
        for lang, (start, query) in SEARCH.items():
            page.goto(base + start, wait_until="networkidle")
            page.locator(".md-search__input").click()
            page.keyboard.type(query)
            page.locator(".md-search-result__item").first.wait_for(timeout=15000)
            # The results fade in: measure contrast once every transition has finished.
            # (evaluate, not wait_for_function: the latter compiles its string with eval, which the
            # site's Content-Security-Policy refuses)
            page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished))")
            page.wait_for_timeout(300)
            found.search_results[lang] = page.locator(".md-search-result__item").count()
            key = f"{start} (search results for {query!r})"
            found.pages.append(key)
            found.violations[key] = _axe(page)
    return found


def test_every_kind_of_page_was_visited_in_both_languages(visits, built_site):
    kinds = {pattern(url) for url in page_urls(built_site)}
    visited = {pattern(url) for url in visits.pages if url.startswith("/")}
    assert kinds == visited
    assert {lang for lang, _, _ in visited} == {"th", "en"}
    assert "/404.html" in visits.pages


def test_axe_finds_no_wcag_2_1_a_or_aa_violations(visits):
    report = {url: problems for url, problems in visits.violations.items() if problems}
    assert len(visits.violations) >= 20
    assert report == {}, "\n".join(f"{url}\n  " + "\n  ".join(problems) for url, problems in report.items())


def test_search_results_were_checked_in_both_languages(visits):
    assert visits.search_results.get("th", 0) > 0 and visits.search_results.get("en", 0) > 0, visits.search_results


def test_no_request_leaves_the_site(visits):
    assert visits.local_requests > len(visits.pages)  # pages, styles, fonts, scripts went through
    assert visits.outside == []


def test_pages_and_passages_carry_their_language(visits):
    for url, lang in visits.html_lang.items():
        expected = "en" if url.startswith("/en/") else "th"
        assert lang == expected, f"{url}: <html lang={lang!r}>, expected {expected!r}"
    problems = {url: found for url, found in visits.lang_problems.items() if found}
    assert problems == {}, "\n".join(f"{url}: {found[:5]}" for url, found in problems.items())


def test_the_request_filter_catches_outside_requests(served):
    """The watch used above is not blind: a request for another host, by name or by address,
    is recorded, and it fails (tests/browser.py sends it to a proxy that does not exist)."""
    base, browser = served
    with browser.new_context(bypass_csp=True) as context:  # the policy would refuse the requests before they are made (tests/test_csp.py)
        outside = allow_only(context, base + "/", [])
        page = context.new_page()
        page.goto(base + "/", wait_until="networkidle")
        failed = page.evaluate("""urls => Promise.all(urls.map(url => new Promise(done => {
            const img = new Image(); img.onload = () => done(false); img.onerror = () => done(true);
            img.src = url; document.body.append(img); })))""", OUTSIDE)
    assert outside == OUTSIDE
    assert failed == [True, True]


@pytest.mark.parametrize("url", ["/", "/en/2566/service/innovation/"])
def test_skip_link_comes_first_and_focus_is_visible(served, url):
    base, browser = served
    with browser.new_page(viewport={"width": 1280, "height": 900}) as page:
        page.goto(base + url, wait_until="networkidle")
        page.keyboard.press("Tab")
        skip = page.evaluate("""() => { const a = document.activeElement, r = a.getBoundingClientRect(), s = getComputedStyle(a);
            return {cls: a.className, href: a.getAttribute('href'), text: a.textContent.trim(), top: r.top, height: r.height,
                    outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }""")
        assert "md-skip" in skip["cls"].split(), skip
        assert skip["text"] and skip["height"] > 0 and 0 <= skip["top"] < 900, skip
        assert skip["outline"] != "none" and skip["width"] >= 2, skip
        target = skip["href"].lstrip("#")
        assert page.evaluate("id => !!document.getElementById(decodeURIComponent(id))", target)
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") not in ("", "#")
        # A link in the content shows a focus ring too.
        link = page.locator(".md-content a[href]:not(.headerlink)").first
        link.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        ring = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
        assert ring[0] != "none" and ring[1] >= 2, ring
