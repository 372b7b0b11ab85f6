"""Small corrections to MkDocs' output, applied by the hook (``mkdocs_hook.py``).

- Links that leave the site get ``rel="noopener"``: a page opened from the site cannot
  reach back into it through ``window.opener``.
- Page and section titles are escaped: MkDocs takes a page's title from its first heading
  as plain text, and the theme writes titles into the navigation and the header as HTML,
  so a ``<`` in a name from the YAML would otherwise become markup.
- The language links (``<link rel="alternate">`` and the language switcher) are written
  relative to the page, so the site works from any folder, e.g. a GitHub Pages project
  site at ``/<repo>/``. mkdocs-static-i18n gives the home page root-relative ones ("/en/").
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

_ANCHOR = re.compile(r"<a\s[^>]*>", re.I)
_HREF = re.compile(r"""\bhref\s*=\s*(["'])(.*?)\1""", re.I | re.S)
_REL = re.compile(r"""\brel\s*=\s*(["'])(.*?)\1""", re.I | re.S)


def is_external(href: str) -> bool:
    """A link to another host (``https://…``, ``//host/…``, ``mailto:`` is not a page)."""
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", href.strip(), re.I))


def _noopener(tag: str) -> str:
    href = _HREF.search(tag)
    if href is None or not is_external(href.group(2)):
        return tag
    rel = _REL.search(tag)
    if rel is None:
        return tag[:-1].rstrip("/").rstrip() + ' rel="noopener">'
    words = rel.group(2).split()
    if "noopener" in words:
        return tag
    return tag[: rel.start(2)] + " ".join([*words, "noopener"]) + tag[rel.end(2) :]


def noopener(html: str) -> str:
    """Every ``<a>`` that points to another host gets ``noopener`` in its ``rel``."""
    return _ANCHOR.sub(lambda m: _noopener(m.group(0)), html)


def site_relative_alternates(alternates: list[dict], site_url: str | None) -> None:
    """Turn "/en/" (or "/<repo>/en/") into "en/": MkDocs' ``url`` filter, which the theme
    applies to these links, then makes them relative to each page."""
    prefix = urlsplit(site_url or "").path or "/"
    if not prefix.endswith("/"):
        prefix += "/"
    for alternate in alternates:
        link = alternate.get("link", "")
        if link.startswith(prefix) and not link.startswith("//"):
            alternate["link"] = link[len(prefix) :]


def home_alternates(alternates: list[dict], default_lang: str) -> None:
    """The 404 page is served at any address, so it offers each language's home page."""
    for alternate in alternates:
        alternate["link"] = "" if alternate.get("lang") == default_lang else f"{alternate.get('lang')}/"


def escape_title(title: str) -> str:
    """A plain-text title as the theme needs it: HTML, with ``<`` and ``&`` escaped."""
    return html.escape(title, quote=False)
