"""Search as a reader uses it: real queries typed into the site's search box in Chromium.

The expected pages come from reading rubrics/ (which YAML file holds the words, and which
pages show that file), not from what the search returns. Each query lists pages that must
appear; whole-word queries also list pages that must not (pages that do not contain the
words). Whatever the tables say, a result whose page does not contain the query at all is
a false hit. The test prints recall and false hits, and fails below 95% recall or on any
false hit for a whole-word query.
"""

from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import sync_playwright

from browser import allow_only, launch, serve

WORD, COMPOUND, PART, AGENCY, NUMBER = "word", "compound", "word part", "agency", "number"
WHOLE = {WORD, COMPOUND, AGENCY, NUMBER}  # word parts may legitimately sit inside other words


@dataclass(frozen=True)
class Q:
    text: str
    kind: str
    must: tuple[str, ...]
    must_not: tuple[str, ...] = ()
    top: tuple[str, ...] = ()  # the first result must be one of these pages or a page beneath one (an award type's checklist)


SERVICE66, SERVICE62 = "/2566/service/", "/2562/service/"
PART66, PART62 = "/2566/participation/", "/2562/participation/"
PMQA = "/2566/pmqa/"

THAI = [
    # Single words.
    Q("นวัตกรรม", WORD,
      (f"{SERVICE66}innovation/", f"{SERVICE62}innovation/", f"{SERVICE66}development/", f"{PMQA}pmqa-4-0/", "/agencies/", "/winners/2565/"),
      (f"{PART66}open-governance/", f"{PART62}open-governance/"),
      top=(f"{SERVICE66}innovation/", f"{SERVICE62}innovation/")),
    Q("ความพึงพอใจ", WORD,
      (f"{SERVICE66}innovation/", f"{SERVICE66}development/", f"{SERVICE66}responsive-service/", f"{SERVICE66}data-integration/",
       f"{SERVICE62}data-integration/", f"{PMQA}pmqa-4-0/", "/2566/", "/winners/2565/"),
      (f"{PART66}open-governance/", f"{SERVICE66}facilitation/"),
      # the award types that assess satisfaction
      top=(f"{SERVICE66}innovation/", f"{SERVICE66}development/", f"{SERVICE66}responsive-service/", f"{SERVICE66}data-integration/",
           f"{SERVICE62}data-integration/", f"{PMQA}pmqa-4-0/")),
    Q("ขยายผล", WORD,
      (f"{SERVICE66}standard-expansion/", f"{SERVICE62}standard-expansion/", f"{PART66}participation-expanded/",
       f"{PART62}participation-expanded/", "/winners/2565/"),
      (f"{PMQA}outstanding/", "/agencies/"),
      top=(f"{SERVICE66}standard-expansion/", f"{SERVICE62}standard-expansion/", f"{PART66}participation-expanded/",
           f"{PART62}participation-expanded/")),
    Q("ตัวชี้วัด", WORD,
      (PMQA, f"{PMQA}outstanding/", f"{PMQA}per-category/", f"{PMQA}pmqa-4-0/", f"{SERVICE66}data-integration/", f"{SERVICE66}facilitation/"),
      (f"{SERVICE66}innovation/", f"{SERVICE62}innovation/")),
    Q("ความยากจน", WORD, (f"{PART66}poverty-eradication/",), (f"{PART66}open-governance/", f"{SERVICE66}innovation/")),
    Q("เครือข่าย", WORD,
      (f"{PART66}network-governance/", PART66, f"{PART66}effective-change/", "/winners/unpsa/"),
      (f"{PART62}open-governance/", f"{SERVICE66}facilitation/")),
    Q("ดิจิทัล", WORD,
      (f"{SERVICE66}data-integration/", f"{SERVICE62}data-integration/", f"{PMQA}pmqa-4-0/", "/agencies/"),
      (f"{PART66}poverty-eradication/",)),
    Q("โควิด", WORD, ("/winners/2565/",), ("/2566/",)),
    Q("ความโปร่งใส", WORD, (f"{PART66}open-governance/", f"{SERVICE66}facilitation/"), (f"{PART62}open-governance/",)),
    Q("หมวด", WORD, (PMQA, f"{PMQA}per-category/", f"{PMQA}outstanding/", f"{PMQA}pmqa-4-0/"), (f"{SERVICE66}innovation/",)),
    Q("PMQA", WORD, (PMQA, f"{PMQA}pmqa-4-0/", "/2562/"), (f"{SERVICE66}innovation/",)),
    Q("UNPSA", WORD, ("/winners/unpsa/", "/winners/"), (f"{SERVICE66}facilitation/",)),
    # Compounds typed without spaces.
    Q("การบริหารราชการแบบมีส่วนร่วม", COMPOUND,
      (PART66, PART62, f"{PART66}open-governance/", f"{PART62}open-governance/", f"{PART66}poverty-eradication/", "/2566/", "/2562/",
       "/winners/2565/"),
      (f"{SERVICE66}innovation/", PMQA)),
    Q("ผู้รับบริการ", COMPOUND,
      (f"{SERVICE66}innovation/", f"{SERVICE66}responsive-service/", f"{PMQA}per-category/", f"{PART66}open-governance/", "/winners/2565/"),
      (f"{PART66}poverty-eradication/",)),
    Q("นวัตกรรมบริการ", COMPOUND, (f"{SERVICE66}innovation/", f"{SERVICE62}innovation/", SERVICE66, SERVICE62), (f"{SERVICE66}facilitation/",)),
    Q("การเปิดเผยข้อมูล", COMPOUND, (f"{PART66}open-governance/",), (f"{SERVICE66}innovation/",)),
    Q("แก้ไขปัญหาความยากจน", COMPOUND, (f"{PART66}poverty-eradication/",), (PART62,)),
    Q("รางวัลเลิศรัฐ", COMPOUND, ("/", "/2566/", "/2562/", "/about/", "/winners/2565/")),
    Q("บูรณาการข้อมูล", COMPOUND,
      (f"{SERVICE66}data-integration/", f"{SERVICE62}data-integration/", SERVICE66, SERVICE62), (f"{SERVICE66}facilitation/",)),
    Q("ความยั่งยืน", COMPOUND, (f"{PART66}network-governance/", f"{SERVICE66}innovation/", f"{SERVICE62}service-excellence/"), (PMQA,)),
    Q("ตอบโจทย์ตรงใจ", COMPOUND, (f"{SERVICE66}responsive-service/", SERVICE66, "/2566/"), (SERVICE62,)),
    Q("สำนักงานคณะกรรมการพัฒนาระบบราชการ", COMPOUND, ("/about/",), (PMQA,)),
    # Parts of words.
    Q("พอใจ", PART, (f"{SERVICE66}innovation/", f"{SERVICE66}responsive-service/", f"{SERVICE62}data-integration/", SERVICE66)),
    Q("สรรพากร", PART, ("/agencies/", "/winners/2565/", "/winners/unpsa/")),
    Q("อำนวยความสะดวก", PART, (f"{SERVICE66}facilitation/", SERVICE66, f"{SERVICE66}data-integration/")),
    Q("ส่วนร่วม", PART, (PART66, PART62, f"{PART66}engaged-citizen/")),
    Q("ประจักษ์", PART, (f"{SERVICE66}innovation/", PART66, f"{PMQA}pmqa-4-0/")),
    Q("ยั่งยืน", PART, (f"{SERVICE62}service-excellence/", f"{PART66}poverty-eradication/")),
    Q("บริหารราชการ", PART, (PART66, PART62)),
    # Agencies.
    Q("กรมสรรพากร", AGENCY, ("/agencies/", "/winners/2565/"), ("/winners/unpsa/",), top=("/agencies/", "/winners/2565/")),
    Q("กรมการแพทย์", AGENCY, ("/agencies/", "/winners/2565/"), ("/winners/unpsa/",)),
    Q("โรงพยาบาลระยอง", AGENCY, ("/agencies/", "/winners/2565/"), ("/winners/unpsa/",)),
    Q("กรมชลประทาน", AGENCY, ("/agencies/", "/winners/2565/", "/winners/unpsa/"), (PMQA,)),
    Q("สถาบันวิจัยและพัฒนาพื้นที่สูง", AGENCY, ("/agencies/", "/winners/2565/"), ("/winners/unpsa/",)),
    Q("กรมควบคุมโรค", AGENCY, ("/agencies/", "/winners/2565/", "/winners/unpsa/"), (PMQA,)),
    # Numbers.
    Q("2566", NUMBER, ("/2566/", f"{PMQA}pmqa-4-0/", f"{SERVICE66}facilitation/", PART66, "/winners/2565/"), (f"{PART62}open-governance/",)),
    Q("2562", NUMBER, ("/2562/", f"{SERVICE62}innovation/", f"{PART62}open-governance/", "/winners/unpsa/"), ("/about/",)),
    Q("2565", NUMBER, ("/winners/2565/", "/winners/", PMQA), (f"{SERVICE66}innovation/",)),
    Q("418", NUMBER, (PMQA,), (f"{PMQA}per-category/",)),
    Q("4.0", NUMBER, (f"{PMQA}pmqa-4-0/", PMQA), (f"{SERVICE66}innovation/",)),
]

EN = [
    Q("innovation", WORD, ("/en/2566/service/innovation/", "/en/2562/service/innovation/", "/en/winners/2565/"),
      ("/en/2566/participation/open-governance/",), top=("/en/2566/service/innovation/", "/en/2562/service/innovation/")),
    Q("assess", PART, ("/en/2566/service/innovation/", "/en/2566/pmqa/pmqa-4-0/", "/en/2562/service/innovation/")),
    Q("revenue", WORD, ("/en/agencies/", "/en/winners/2565/", "/en/winners/unpsa/"), ("/en/2566/pmqa/",)),
    Q("participatory", WORD, ("/en/2566/participation/", "/en/2562/participation/", "/en/2566/participation/open-governance/"),
      ("/en/2566/service/innovation/",)),
    Q("satisfaction", WORD, ("/en/2566/service/responsive-service/", "/en/2566/service/innovation/", "/en/2562/service/data-integration/"),
      ("/en/2566/service/facilitation/",)),
    Q("poverty", WORD, ("/en/2566/participation/poverty-eradication/", "/en/2566/participation/"), ("/en/2562/participation/",)),
    Q("UNPSA", WORD, ("/en/winners/unpsa/", "/en/winners/"), ("/en/2566/service/facilitation/",)),
    Q("PMQA", WORD, ("/en/2566/pmqa/", "/en/2566/pmqa/pmqa-4-0/"), ("/en/2566/service/innovation/",)),
    Q("2023", NUMBER, ("/en/2566/", "/en/2566/pmqa/pmqa-4-0/"), ("/en/2562/participation/open-governance/",)),
    Q("transparency", WORD, ("/en/2566/participation/open-governance/", "/en/2566/participation/"), ("/en/2562/participation/open-governance/",)),
    Q("Rayong", WORD, ("/en/agencies/", "/en/winners/2565/"), ("/en/winners/unpsa/",)),
    Q("indicator", PART, ("/en/2566/pmqa/per-category/", "/en/2566/service/facilitation/")),
    Q("sustainab", PART, ("/en/2562/service/service-excellence/", "/en/2566/participation/poverty-eradication/")),
    # The Thai name of the awards on English pages: English pages only.
    Q("รางวัลเลิศรัฐ", COMPOUND, ("/en/", "/en/about/", "/en/2566/")),
]


def article_text(site: Path, page: str) -> str:
    """What a reader sees in a page's main article (cards inside it included), lowercased."""
    source = (site / page.lstrip("/") / "index.html").read_text(encoding="utf-8")
    start = source.index('<article class="md-content__inner')
    end = source.rindex("</article>", start, source.index("</main>"))
    text = re.sub(r"<[^>]+>", " ", source[start:end])
    return html.unescape(text).replace("\xa0", " ").lower()


def contains(site: Path, page: str, query: str) -> bool:
    return query.lower() in article_text(site, page)


class SearchBox:
    """The header search box of one page, driven like a reader would."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        config = page.evaluate("JSON.parse(document.getElementById('__config').textContent).translations")
        self.placeholder, self.none, self.one = (config[f"search.result.{k}"] for k in ("placeholder", "none", "one"))
        self.input = page.locator("input.md-search__input")
        self.input.click()

    def _meta(self) -> str:
        return self.page.locator(".md-search-result__meta").inner_text().strip()

    def search(self, query: str) -> list[str]:
        """Pages of the results, best first (every result rendered, scrolling as needed)."""
        self.input.fill("")
        self.input.press("End")  # Material reads the box on keyup
        self.page.wait_for_function("p => document.querySelector('.md-search-result__meta').textContent.trim() === p", arg=self.placeholder)
        self.input.fill(query)
        self.input.press("End")
        self.page.wait_for_function("p => document.querySelector('.md-search-result__meta').textContent.trim() !== p", arg=self.placeholder)
        meta = self._meta()
        count = 0 if meta == self.none else 1 if meta == self.one else int(re.sub(r"\D", "", meta))
        items = self.page.locator(".md-search-result__list > li.md-search-result__item")
        wrap = ".md-search__scrollwrap"
        for _ in range(200):  # Material renders ten results, then four more each time the list is scrolled to its end
            if items.count() >= count:
                break
            self.page.eval_on_selector(wrap, "el => { el.scrollTop = 0 }")
            self.page.wait_for_timeout(30)
            self.page.eval_on_selector(wrap, "el => { el.scrollTop = el.scrollHeight }")
            self.page.wait_for_timeout(60)
        # One item per page: its first link is the page, further links are sections of it.
        links = self.page.eval_on_selector_all(
            ".md-search-result__list > li.md-search-result__item", "items => items.map(li => li.querySelector(':scope > a').href)")
        assert len(links) == count, f"{query}: {count} results announced, {len(links)} shown"
        return [unquote(urlsplit(link).path) for link in links]

    def marks(self) -> list[str]:
        return self.page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent)")


@pytest.fixture(scope="module")
def browser(built_site):
    with serve(built_site) as base, sync_playwright() as p:
        chromium = launch(p)
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        outside = allow_only(context, base, [], lambda url: requests.append(url[len(base):]))
        yield context, base, requests, outside
        chromium.close()


def run_queries(site: Path, box: SearchBox, queries: list[Q], lang_prefix: str) -> tuple[int, int, list[str], list[str]]:
    """(expected hits found, expected hits, false hits on whole-word queries, other false hits)."""
    found = expected = 0
    whole_false: list[str] = []
    other_false: list[str] = []
    for q in queries:
        for page in q.must:
            assert contains(site, page, q.text), f"the table is wrong: {page} does not contain {q.text!r}"
        for page in q.must_not:
            assert not contains(site, page, q.text), f"the table is wrong: {page} contains {q.text!r}"
        results = box.search(q.text)
        missing = [p for p in q.must if p not in results]
        found += len(q.must) - len(missing)
        expected += len(q.must)
        wrong = [p for p in results if p in q.must_not or not p.startswith(lang_prefix) or not contains(site, p, q.text)]
        (whole_false if q.kind in WHOLE else other_false).extend(f"{q.text} → {p}" for p in wrong)
        print(f"  {q.kind:9} {q.text}: {len(results)} results, missing {missing or '-'}, false {wrong or '-'}; first {results[:3]}")
        if q.top:
            assert results and results[0].startswith(q.top), f"{q.text}: first result {results[:1]}, expected one of {q.top} or beneath"
    return found, expected, whole_false, other_false


def report(name: str, found: int, expected: int, whole_false: list[str], other_false: list[str]) -> None:
    print(f"{name}: recall {found}/{expected} = {found / expected:.1%}; "
          f"false hits {len(whole_false)} on whole-word queries, {len(other_false)} on word parts")
    assert found / expected >= 0.95, f"{name}: recall {found / expected:.1%} is below 95%"
    assert not whole_false, f"{name}: false hits on whole-word queries: {whole_false}"


def test_thai_queries_find_words_compounds_parts_agencies_numbers(browser, built_site):
    context, base, requests, outside = browser
    assert len(THAI) >= 30 and {q.kind for q in THAI} == {WORD, COMPOUND, PART, AGENCY, NUMBER}
    page = context.new_page()
    page.goto(f"{base}/")
    box = SearchBox(page, base)
    started = time.perf_counter()
    box.search("นวัตกรรม")
    print(f"\nfirst Thai search, including loading the index and building it in the worker: {time.perf_counter() - started:.2f} s")
    report("Thai", *run_queries(built_site, box, THAI, "/"))
    # Every result is a Thai page (none under /en/).
    for q in ("PMQA", "UNPSA"):
        assert not [p for p in box.search(q) if p.startswith("/en/")]
    # Whole words are highlighted in the results.
    box.search("นวัตกรรม")
    assert "นวัตกรรม" in box.marks()
    # Thai pages load the Thai index only, and no word-cut or lunr language script.
    assert "/search/search_index.json" in requests and "/en/search/search_index.json" not in requests
    assert not [r for r in requests if "wordcut" in r or "/lunr/" in r], requests
    assert outside == []
    page.close()


def test_english_queries_find_english_pages_only(browser, built_site):
    context, base, requests, outside = browser
    assert len(EN) >= 10
    requests.clear()
    page = context.new_page()
    page.goto(f"{base}/en/2566/service/innovation/")
    box = SearchBox(page, base)
    print()
    report("English", *run_queries(built_site, box, EN, "/en/"))
    box.search("innovation")
    assert "Innovation" in box.marks()
    # English pages ask Material's usual address and get the English index instead.
    assert "/en/search/search_index.json" in requests and "/search/search_index.json" not in requests
    assert not [r for r in requests if "wordcut" in r or "/lunr/" in r], requests
    assert outside == []
    page.close()
