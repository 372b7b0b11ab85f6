"""Small helpers to read built HTML the way a reader sees it (stdlib only)."""

from __future__ import annotations

import html
from html.parser import HTMLParser


def norm(text: str) -> str:
    return " ".join(html.unescape(text).replace("\xa0", " ").split())


# Elements that start a new line or cell; text inside inline elements (a, span, strong…)
# runs on without a space, as a reader sees it (e.g. "(<span lang="en">SDGs</span>)").
_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "label", "li", "main", "nav", "ol", "p", "section", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}


class _Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[str] = []
        self.text: list[str] = []
        self._row: list[str] | None = None
        self._skip = 0

    def _break(self) -> None:
        self.text.append(" ")
        if self._row is not None:
            self._row.append(" ")

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "tr":
            self._row = []
        if tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag in _BLOCK:
            self._break()
        if tag == "tr" and self._row is not None:
            self.rows.append(norm("".join(self._row)))
            self._row = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._row is not None:
            self._row.append(data)


def read(page_html: str) -> tuple[str, list[str]]:
    """(all visible text, text of each table row), whitespace normalised."""
    parser = _Rows()
    parser.feed(page_html)
    return norm("".join(parser.text)), parser.rows
