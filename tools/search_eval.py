"""How well the site's search finds pages: the query set, the ground truth, the search box.

Shared by ``tests/test_search.py`` (which asserts) and ``make bench`` (which prints, beside
Pagefind's figures). Everything is measured in Chromium on a built site:

* the ground truth of a query is read from the pages themselves: the pages of the query's
  language whose visible text (the article as the browser lays it out, with scripts on, so
  ``<noscript>`` is not shown) shows the query — spaces between pieces optional, Latin
  words from the start of a word, numbers whole (``truth``);
* the results are what Material's search box lists when the query is typed into it
  (``SearchBox``), every result rendered.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

QUERIES = Path(__file__).with_name("search_queries.yaml")
WHOLE = {"word", "compound", "name", "number", "typed in words"}
"""Kinds of Thai query that must bring no page that does not show them."""


@dataclass(frozen=True)
class Query:
    text: str
    lang: str  # the language of the pages it is typed on: "th" or "en"
    kind: str


def load_queries() -> list[Query]:
    data = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    return [Query(str(text), lang, kind) for lang, kinds in data.items() for kind, texts in kinds.items() for text in texts]


EXCLUDED = '<meta name="lertrat:search" content="exclude">'


def site_pages(site: Path) -> list[str]:
    """Every page of a built site that search should find, by its path ("" for the home page,
    "2566/" …): pages whose front matter keeps them out of search (the staff notes) are not."""
    paths = []
    for file in sorted(site.rglob("index.html")):
        folder = file.parent.relative_to(site).as_posix()
        if folder.split("/", 1)[0] not in ("search", "assets") and EXCLUDED not in file.read_text(encoding="utf-8"):
            paths.append("" if folder == "." else f"{folder}/")
    return paths


# Each page's article, laid out in the page the browser has open (the site's styles apply),
# read as the reader sees it. The pages are fetched and parsed rather than opened one by one:
# opening 300 pages takes minutes on a shared machine, this takes seconds. Parsed documents
# run no scripts, so what scripts alone would write is not counted (the index holds it neither).
_VISIBLE_JS = """async (paths) => {
  const out = {};
  const box = document.createElement('div');
  document.body.append(box);
  for (const path of paths) {
    const html = await (await fetch(path)).text();
    const article = new DOMParser().parseFromString(html, 'text/html').querySelector('article.md-content__inner');
    box.replaceChildren(article ? document.adoptNode(article) : '');
    out[path] = box.innerText;
  }
  box.remove();
  return out;
}"""


def normalise(text: str) -> str:
    """Lower case, one space for any run of white space, Thai digits as 0-9, no ¶ marks."""
    text = text.replace("¶", " ").replace("’", "'").replace("‘", "'").lower()
    text = text.translate({0x0E50 + i: ord("0") + i for i in range(10)})
    return re.sub(r"\s+", " ", text).strip()


def visible_texts(page, base: str, paths: Iterable[str]) -> dict[str, str]:
    """The normalised visible text of each page (``page`` is a Playwright page of the site)."""
    paths = list(paths)
    page.goto(f"{base}/", wait_until="load")
    texts = page.evaluate(_VISIBLE_JS, [f"{base}/{p}" for p in paths])
    return {p: normalise(texts[f"{base}/{p}"]) for p in paths}


_THAI = "\u0e01-\u0e4e"
_PIECES = re.compile(rf"(?<=[{_THAI}])(?=[0-9a-z])|(?<=[{_THAI}]\.)(?=[0-9a-z])|(?<=[0-9a-z])(?=[{_THAI}])")


def pattern(query: str) -> re.Pattern[str]:
    """What a page must show to be found by ``query``: its pieces (split at spaces and where
    Thai meets Latin letters or digits) in order, with or without spaces between them; a
    piece in Latin letters begins a word, a number is not part of a longer number."""
    parts = []
    for word in normalise(query).split():
        for piece in _PIECES.split(word):
            if not piece:
                continue
            escaped = re.escape(piece)
            if re.fullmatch(r"[0-9][0-9.,]*", piece):
                parts.append(rf"(?<![0-9]){escaped}(?![0-9])")
            elif re.match(r"[0-9a-z]", piece):
                parts.append(rf"(?<![0-9a-z]){escaped}")
            else:
                parts.append(escaped)
    return re.compile(r"\s*".join(parts))


def truth(query: Query, texts: dict[str, str]) -> set[str]:
    """The pages of the query's language that show it."""
    found = pattern(query.text)
    return {p for p, text in texts.items() if (p.startswith("en/") == (query.lang == "en")) and found.search(text)}


def segmented_variants(page, queries: list[Query]) -> list[Query]:
    """The Thai compounds and names typed as words with spaces between them, cut once by
    the browser's own segmenter (ICU, ``Intl.Segmenter`` in ``page``) and once by pythainlp's
    newmm; a full stop stays with its word (ก.พ.ร.)."""
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")  # its dictionaries are in the wheel: nothing to fetch or write
    from pythainlp.tokenize import word_tokenize

    thai = [q.text for q in queries if q.lang == "th" and q.kind in ("compound", "name") and re.search(f"[{_THAI}]", q.text)]
    icu = page.evaluate("""texts => texts.map(t => [...new Intl.Segmenter('th', {granularity: 'word'}).segment(t)]
        .map(s => s.isWordLike ? ' ' + s.segment : s.segment.trim()).join('').trim())""", thai)
    newmm = ["".join(w if not re.search(r"\w", w) else f" {w}" for w in word_tokenize(t, engine="newmm", keep_whitespace=False)).strip()
             for t in thai]
    variants = {v for v in icu + newmm if " " in v and v not in thai}
    return [Query(v, "th", "typed in words") for v in sorted(variants)]


_OLD = "\u2063"  # an invisible separator: no announcement of Material's is only that
_MARK_OLD_JS = "old => { document.querySelector('.md-search-result__meta').textContent = old; }"
_ANNOUNCED_JS = """async (old) => {
  const meta = document.querySelector('.md-search-result__meta');
  for (const end = Date.now() + 15000; meta.textContent === old; ) {
    if (Date.now() > end) throw new Error('no results were announced within 15 s');
    await new Promise(done => requestAnimationFrame(done));
  }
  return meta.textContent;
}"""


class SearchBox:
    """The header search box of one page, driven as a reader drives it."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        config = page.evaluate("JSON.parse(document.getElementById('__config').textContent).translations")
        self.placeholder, self.none, self.one = (config[f"search.result.{k}"] for k in ("placeholder", "none", "one"))
        self.input = page.locator("input.md-search__input")
        self.input.click()
        # Ready: Material shows "type to start searching" once the worker has taken the index.
        page.wait_for_function("p => document.querySelector('.md-search-result__meta').textContent.trim() === p", arg=self.placeholder)
        self.last, self.count = "", 0

    def type(self, query: str) -> int:
        """Type a query; the number of results Material announces.

        The announcement of the last query is first marked as old, so the one awaited is
        this query's own (Material writes it anew for every query the box sends)."""
        if query == self.last:  # Material sends a query only when the box's text changes
            return self.count
        self.page.evaluate(_MARK_OLD_JS, _OLD)
        self.input.fill(query)
        self.input.press("End")  # Material reads the box on keyup
        meta = self.page.evaluate(_ANNOUNCED_JS, _OLD).strip()
        self.last, self.count = query, 0 if meta == self.none else 1 if meta == self.one else int(re.sub(r"\D", "", meta))
        return self.count

    def search(self, query: str) -> list[str]:
        """The pages of the results, best first, as paths ("2566/service/innovation/")."""
        count = self.type(query)
        # Material renders ten results, then four more each time the list is scrolled to its end.
        links = self.page.evaluate("""async (count) => {
          const wrap = document.querySelector('.md-search__scrollwrap');
          const items = () => document.querySelectorAll('.md-search-result__list > li.md-search-result__item');
          const frame = () => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
          for (let i = 0; i < 400 && items().length < count; i++) {
            wrap.scrollTop = 0; await frame();
            wrap.scrollTop = wrap.scrollHeight; await frame();
          }
          wrap.scrollTop = 0;
          return [...items()].map(li => li.querySelector(':scope > a').href);
        }""", count)
        assert len(links) == count, f"{query}: {count} results announced, {len(links)} shown"
        return [self.path(link) for link in links]

    def path(self, link: str) -> str:
        return unquote(urlsplit(link).path)[len(urlsplit(self.base).path) + 1:]

    def results(self) -> list[dict]:
        """The rendered results: link, title and snippet text of each page's first entry."""
        return self.page.eval_on_selector_all(".md-search-result__list > li.md-search-result__item", """items => items.map(li => {
          const a = li.querySelector(':scope > a'), article = a.querySelector('article');
          const title = article.querySelector('h1, h2');
          const text = [...article.children].filter(el => !/^H[12]$/.test(el.tagName)).map(el => el.innerText.trim()).filter(Boolean).join(' ');
          return {href: a.href, title: title ? title.innerText : '', text};
        })""")


@dataclass
class Score:
    """Recall over a set of queries, and the pages found that should not have been."""

    found: int = 0
    expected: int = 0
    queries: int = 0
    false_hits: list[str] | None = None

    def add(self, results: list[str], expected: set[str]) -> None:
        self.queries += 1
        self.expected += len(expected)
        self.found += len(expected & set(results))

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0
