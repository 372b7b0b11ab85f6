"""Small helpers to read built HTML the way a reader sees it (stdlib only)."""

from __future__ import annotations

import html
from html.parser import HTMLParser


def norm(text: str) -> str:
    return " ".join(html.unescape(text).replace("\xa0", " ").split())


class _Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[str] = []
        self.text: list[str] = []
        self._row: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "tr":
            self._row = []

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "tr" and self._row is not None:
            self.rows.append(norm(" ".join(self._row)))
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
    return norm(" ".join(parser.text)), parser.rows
