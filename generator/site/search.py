"""The search index: what every page shows, read from the built site, one file per language.

Why the pages' own text and not a word index: Thai is written without spaces, and any word
index has to cut Thai into words twice — once when the site is built, once in the reader's
browser — with two segmenters that disagree (pythainlp's ``newmm`` keeps หน่วยงาน whole,
the browser's ICU segmenter gives หน่วย|งาน), so words inside sentences, compounds typed
without spaces and parts of words go missing (DESIGN.md §5). Searching the text itself for
what the reader typed needs no segmenter at all: a page is found exactly when it shows the
query. The Thai site's text is under 100 KiB gzipped, less than a word index with the runs
needed to find parts of words (359 KiB), and the reader fetches it only on opening search
(``overrides/assets/js/search.js``); ``overrides/assets/js/search-worker.js`` searches it.

What is indexed is what a reader sees in a page's main article: headings, paragraphs, list
items, table rows (cells kept apart with " · ", so a snippet never runs cells together).
Left out: ``<noscript>`` (the no-JavaScript notice), scripts and their JSON, styles, SVG
drawings, the ``¶`` permalinks, anything ``hidden`` and anything marked ``data-search-exclude``
(Material's attribute for "not for search"); a whole page is left out when its front matter
says ``search: {exclude: true}`` (Material's way; the page's head then carries a mark).

The step reads and writes files only, so it works on any built site folder
(``lertrat search-index SITE_DIR``) whatever built it; the MkDocs hook runs it after every
build. The default language's index is at Material's place, ``search/search_index.json``;
each other language's under its folder (``en/search/search_index.json``).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..pages.labels import labels

INDEX = Path("search") / "search_index.json"

SEPARATOR = r"[\s\u200b\-]+"
"""Word separator for Material's highlighting of the words searched for on the page a result
opens (``?h=``); it only splits the query, every piece is then marked wherever it occurs."""

CELL = " · "
"""Between the cells of a table row in a snippet."""

_SKIP = {"script", "style", "noscript", "template", "svg", "button"}
# Where a block of text ends: a snippet never joins two of them.
_BLOCKS = {
    "p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "caption", "blockquote",
    "figcaption", "pre", "div", "section", "aside", "ul", "ol", "dl", "table", "thead", "tbody",
    "tfoot", "form", "fieldset", "legend", "label", "details", "summary", "header", "footer",
    "nav", "figure", "select", "option", "textarea", "article",
}
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "source", "track", "embed", "param", "base"}
_HEADING = re.compile(r"h[1-6]")
_SPACE = re.compile(r"[\s\u00a0\u200b\u00ad\ufeff]+")
_YEAR = re.compile(r"\d{4}")


@dataclass
class Section:
    anchor: str  # "" for the text before the first heading under the title
    heading: str
    blocks: list[str] = field(default_factory=list)


@dataclass
class Page:
    path: str  # "2566/service/innovation/", "" for the home page
    lang: str
    title: str = ""
    sections: list[Section] = field(default_factory=list)


_HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
_TITLE_TAG = re.compile(r"<title>(.*?)</title>", re.S | re.I)


class _ArticleText(HTMLParser):
    """The visible text of a page's ``<article>``, as sections of blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.title = ""
        self.sections = [Section("", "")]
        self._open: list[tuple[str, str]] = []  # open elements: (tag, role)
        self._skipping = 0  # open elements whose content is left out
        self._text: list[str] = []
        self._heading: tuple[str, str] | None = None  # (tag, id) of the open heading
        self._row: list[str] | None = None  # cells of the open table row
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = attr.get("lang", "")
            return
        if tag in _VOID:
            if tag in ("br", "hr") and not self._skipping:
                self._boundary()
            return
        if self._skipping:
            self._skipping += 1
            self._open.append((tag, "skip"))
            return
        classes = attr.get("class", "").split()
        if tag in _SKIP or "hidden" in attr or "data-search-exclude" in attr or (tag == "a" and "headerlink" in classes):
            self._skipping += 1
            self._open.append((tag, "skip"))
            return
        role = "block" if tag in _BLOCKS else "styled" if classes else "inline"
        self._open.append((tag, role))
        if tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif role == "block":
            self._boundary()
            if _HEADING.fullmatch(tag) and self._row is None:
                self._heading = (tag, attr.get("id", ""))
            elif tag == "tr" and self._row is None:
                self._row = []
        elif role == "styled":
            self._data(" ")  # a badge or a label styled apart from the words around it

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or all(t != tag for t, _ in self._open):
            return
        while self._open:
            name, role = self._open.pop()
            self._close(name, role)
            if name == tag:
                break

    def _close(self, tag: str, role: str) -> None:
        if role == "skip":
            self._skipping -= 1
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            cell = _clean("".join(self._cell))
            if cell:
                self._row.append(cell)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            row, self._row = self._row, None
            if row:
                self.sections[-1].blocks.append(CELL.join(row))
        elif self._heading and tag == self._heading[0]:
            _, anchor = self._heading
            text = _clean("".join(self._text))
            self._text, self._heading = [], None
            if tag == "h1" and not self.title:
                self.title = text
            elif anchor and text:
                self.sections.append(Section(anchor, text))
            elif text:
                self.sections[-1].blocks.append(text)
        elif role == "block":
            self._boundary()
        elif role == "styled":
            self._data(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._data(data)

    def _data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._row is None:
            self._text.append(data)

    def _boundary(self) -> None:
        """End the block of text being read (inside a table cell or a heading: a space)."""
        if self._row is not None or self._heading:
            self._data(" ")
            return
        text = _clean("".join(self._text))
        self._text = []
        if text:
            self.sections[-1].blocks.append(text)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def read_page(source: str, path: str) -> Page:
    """The title, language and visible text of one built page. Only the ``<html>`` tag and
    the article are read: the theme's navigation, header and footer are most of a page's
    bytes, and nobody searches them."""
    reader = _ArticleText()
    root = _HTML_TAG.search(source)
    start, end = source.find("<article"), source.rfind("</article>")
    reader.feed((root.group(0) if root else "") + (source[start:end + len("</article>")] if 0 <= start < end else ""))
    reader.close()
    reader._boundary()
    title = reader.title
    if not title and (head := _TITLE_TAG.search(source)):
        title = _clean(html.unescape(head.group(1)).rsplit(" - ", 1)[0])
    sections = [s for s in reader.sections if s.blocks or s.anchor]
    return Page(path, reader.lang, title, sections)


_UNSEARCHED = re.compile(r'<meta name="lertrat:search" content="exclude">')


def read_site(site_dir: Path) -> list[Page]:
    """Every page of a built site (``…/index.html``; the 404 page is no page to find), but
    those whose head says they are kept out of search (``<meta name="lertrat:search"
    content="exclude">``, from a page's ``search: {exclude: true}``; overrides/main.html)."""
    pages = []
    for file in sorted(site_dir.rglob("index.html")):
        folder = file.parent.relative_to(site_dir).as_posix()
        if folder.split("/", 1)[0] in ("search", "assets"):
            continue
        source = file.read_text(encoding="utf-8")
        head = source[:source.find("</head>")]
        if not _UNSEARCHED.search(head):
            pages.append(read_page(source, "" if folder == "." else f"{folder}/"))
    return pages


def language_folders(pages: list[Page]) -> tuple[str, dict[str, str]]:
    """(default language, {language: folder prefix}): the home page's language is the
    default and lives at the root; every other language lives under its own folder."""
    default = next((p.lang for p in pages if p.path == ""), "") or (pages[0].lang if pages else "")
    prefixes = {default: ""}
    for page in pages:
        if page.lang != default and page.lang not in prefixes:
            prefixes[page.lang] = f"{page.lang}/"
    return default, prefixes


def _year_label(lang: str, be: int) -> str:
    """"พ.ศ. 2566" / "2023 (BE 2566)", as the pages write a year (labels.yaml)."""
    return labels()["year_th"][lang].format(be=be, ce=be - 543)


def index_of(pages: list[Page], lang: str, prefix: str) -> dict:
    """One language's index, in the shape of Material's: ``config`` (its page highlighter
    reads the separator) and ``docs``, a list of entries, each page followed by its sections.

    A page's entry is ``{location, title, text, where?, year?}``: ``where`` places the page for
    a reader scanning results — the branch and programme year of a programme year's page
    (what its title does not say already), the page above it for other pages (an agency
    page: "Agencies"); ``year`` is the programme year in its address (none for other pages;
    the newest in the index is the current one, ranked first). A section's entry is ``{location:
    page#anchor, title: heading, text}``. ``text`` is the blocks of text, one per line: what
    comes before the first heading for a page, the section's own for a section.
    """
    mine = [p for p in pages if p.lang == lang and p.path.startswith(prefix)]
    titles = {p.path[len(prefix):]: p.title for p in mine}
    docs: list[dict] = []
    for page in mine:
        parts = [x for x in page.path[len(prefix):].split("/") if x]
        year = int(parts[0]) if parts and _YEAR.fullmatch(parts[0]) else 0
        where: list[str] = []
        if year and len(parts) > 1:
            branch = titles.get(f"{parts[0]}/{parts[1]}/") if len(parts) > 2 else None
            if branch and branch not in page.title:
                where.append(branch)
            if parts[0] not in page.title:
                where.append(_year_label(lang, year))
        elif len(parts) > 1:
            parent = titles.get("".join(f"{x}/" for x in parts[:-1]))
            if parent and parent not in page.title:
                where.append(parent)
        intro = page.sections[0].blocks if page.sections and not page.sections[0].anchor else []
        entry = {"location": page.path, "title": page.title, "text": "\n".join(intro)}
        if where:
            entry["where"] = " · ".join(where)
        if year:
            entry["year"] = year
        docs.append(entry)
        for section in page.sections:
            if section.anchor:
                docs.append({"location": f"{page.path}#{section.anchor}", "title": section.heading, "text": "\n".join(section.blocks)})
    return {"config": {"lang": [lang], "separator": SEPARATOR, "pipeline": [], "fields": {}}, "docs": docs}


def dumps(index: dict) -> str:
    """Compact JSON with Thai written as UTF-8 (a third of the size of ``\\uXXXX`` escapes)."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class IndexFile:
    lang: str
    path: Path
    pages: int


def write_search_index(site_dir: Path) -> list[IndexFile]:
    """Write one index per language into a built site, replacing whatever index the site
    engine wrote there (Material's lunr index); returns what was written."""
    pages = read_site(site_dir)
    if not pages:
        return []
    _, prefixes = language_folders(pages)
    written = []
    for lang, prefix in prefixes.items():
        index = index_of(pages, lang, prefix)
        path = site_dir / prefix / INDEX
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(index), encoding="utf-8")
        written.append(IndexFile(lang, path, sum(1 for d in index["docs"] if "#" not in d["location"])))
    return written
