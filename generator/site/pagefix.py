"""Small corrections to MkDocs' output, applied by the hook (``mkdocs_hook.py``).

- Links that leave the site get ``rel="noopener"``: a page opened from the site cannot
  reach back into it through ``window.opener``.
- Page and section titles are escaped: MkDocs takes a page's title from its first heading
  as plain text, and the theme writes titles into the navigation and the header as HTML,
  so a ``<`` in a name from the YAML would otherwise become markup.
- The language switcher's links are written relative to the page, so the site works from
  any folder, e.g. a GitHub Pages project site at ``/<repo>/``. mkdocs-static-i18n gives
  the home page root-relative ones ("/en/").
- The ``<link rel="alternate" hreflang>`` tags are taken out of ``<head>``: Material's script
  fetches ``sitemap.xml`` from beside each of them (it expects another language's site root
  there), so every page view asked for two files that do not exist, and the home page for the
  whole sitemap. Search engines take such links only as absolute addresses, which these are
  not; the sitemap carries them absolute (overrides/sitemap.xml), and the language switch in
  the header still links each page to its counterpart.
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


_HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def without_head_alternates(page_html: str) -> str:
    """The page without its language ``<link rel="alternate" hreflang>`` tags (feeds, which
    carry no hreflang, stay)."""
    head, sep, body = page_html.partition("</head>")
    return _HEAD_ALTERNATE.sub("", head) + sep + body


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
