"""Whole Thai words on every screen, in Debian's Chromium.

Thai is written without spaces, so the browser decides where a line may break from its own
word dictionary. A style that lets a narrow table column shrink below a word
(``overflow-wrap: anywhere``) makes it break inside words instead ("กรมสนับสนุ|นบริการ").
This test lays out one page of every kind in Thai at a phone width and a desktop width,
finds every place where a Thai text wraps onto a new line, and checks that each falls on a
word boundary of the browser's own segmenter (``Intl.Segmenter('th', {granularity: 'word'})``),
and that no page is wider than the screen (a wide table scrolls inside its own box).
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from playwright.sync_api import sync_playwright

from browser import allow_only, launch, serve
from sitepages import language, page_urls

WIDTHS = (390, 1366)

# Every line break inside a Thai text node of the page's content, as "before|after" where
# the break is not a word boundary; and whether the page is wider than the window.
BREAKS_JS = """() => {
  const words = new Intl.Segmenter('th', {granularity: 'word'});
  const thai = /[\\u0E00-\\u0E7F]/;
  const bad = [];
  const range = document.createRange();
  const root = document.querySelector('.md-main') || document.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let lines = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data;
    if (!thai.test(text) || node.parentElement.closest('script, style, noscript')) continue;
    range.selectNodeContents(node);
    const rects = range.getClientRects();
    if (rects.length < 2) continue;  // on one line (or not shown at all)
    const bounds = new Set();
    for (const piece of words.segment(text)) bounds.add(piece.index);
    let previous = null;
    for (let i = 0; i < text.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (!box || box.width === 0) continue;
      if (previous && box.top >= previous.top + previous.height / 2) {
        lines += 1;
        if (!bounds.has(i) && thai.test(text[i]) && thai.test(text[i - 1])) {
          bad.push(text.slice(Math.max(0, i - 12), i) + '|' + text.slice(i, i + 12));
        }
      }
      previous = box;
    }
  }
  const wide = document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;
  return {bad, lines, wide};
}"""


def kind(url: str) -> str:
    """Pages made from one template share a kind: years, branches, types and agencies become
    placeholders (``/2566/service/innovation/checklist/`` → ``/N/B/T/checklist/``)."""
    parts = [p for p in url.strip("/").split("/") if p]
    parts = ["N" if re.fullmatch(r"\d{4}", p) else p for p in parts]
    if parts[:1] == ["N"] and len(parts) >= 3:
        parts[1:3] = ["B", "T"]
    if parts[:1] == ["agencies"] and len(parts) == 2:
        parts[1] = "A"
    return "/" + "".join(f"{p}/" for p in parts)


def thai_pages(site) -> list[str]:
    """One page of each kind in Thai (the middle one of its kind, so not always the first year)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for url in page_urls(site):
        if language(url) == "th" and url.endswith("/"):
            groups[kind(url)].append(url)
    return sorted(members[len(members) // 2] for members in groups.values())


def test_kinds_cover_the_site(built_site):
    pages = thai_pages(built_site)
    kinds = {kind(url) for url in pages}
    for expected in ("/", "/N/", "/N/service/", "/N/B/T/", "/N/B/T/checklist/", "/N/finder/", "/agencies/A/", "/winners/N/"):
        assert expected in kinds, (expected, sorted(kinds))


@pytest.fixture(scope="module")
def layouts(built_site):
    """Each sampled page at each width: the breaks that are not word boundaries."""
    found = {}
    with serve(built_site) as base, sync_playwright() as p:
        browser = launch(p)
        outside: list[str] = []
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900})
            allow_only(context, base, outside)
            page = context.new_page()
            for url in thai_pages(built_site):
                page.goto(base + url)
                page.evaluate("document.fonts.ready.then(() => true)")
                found[(width, url)] = page.evaluate(BREAKS_JS)
            context.close()
        browser.close()
    assert not outside
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_thai_lines_break_between_words(layouts, width):
    broken = {url: r["bad"] for (w, url), r in layouts.items() if w == width and r["bad"]}
    assert not broken, broken
    # The check looked at real wrapped lines (a test that saw none could not fail).
    assert sum(r["lines"] for (w, _), r in layouts.items() if w == width) > 100


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_screen(layouts, width):
    wide = [url for (w, url), r in layouts.items() if w == width and r["wide"]]
    assert not wide
