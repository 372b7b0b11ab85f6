"""Mark passages in the other language with ``lang`` (WCAG 2.1, 3.1.2 Language of Parts).

English pages quote Thai names (รางวัลเลิศรัฐ, ก.พ.ร.) and Thai pages use English names
and abbreviations (PMQA, Open Governance). A screen reader reads a passage with the voice
of its ``lang``; without a mark it reads Thai with an English voice, or not at all.

Rather than asking every template and every YAML text to mark its quotes, the MkDocs hook
runs :func:`mark_languages` over each page's HTML body: runs of Thai script on English pages
become ``<span lang="th">``, runs of Latin words on Thai pages ``<span lang="en">``. Only
text between tags is touched (never attributes), and nothing inside ``code``, ``pre``,
``script``, ``style``, ``svg`` or an element that already carries ``lang``.
"""

from __future__ import annotations

import re

_TOKENS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*?)(/?)\s*>", re.S)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SKIP = {"code", "pre", "script", "style", "svg", "kbd", "samp", "math", "textarea", "title"}
_HAS_LANG = re.compile(r"\blang\s*=", re.I)

# A run of Thai words, with the spaces, digits and punctuation between them.
_THAI_RUN = re.compile(r"[\u0E00-\u0E7F]+(?:[\s\d.,:;/()\-–'\"“”‘’]*[\u0E00-\u0E7F]+)*\.?")
# A run of Latin words (at least two letters, or a capital letter, so "a)" list markers stay).
_LATIN_WORD = r"(?:[A-Za-z][A-Za-z0-9'’.\-]*[A-Za-z0-9]|[A-Z])"
_LATIN_RUN = re.compile(rf"{_LATIN_WORD}(?:[ \t\n]+(?:[0-9][0-9.]*|{_LATIN_WORD}))*")

OTHER = {"en": ("th", _THAI_RUN), "th": ("en", _LATIN_RUN)}


_ENTITY = re.compile(r"(&#?[A-Za-z0-9]+;)")


def _mark(text: str, page_lang: str) -> str:
    other, run = OTHER[page_lang]
    pieces = _ENTITY.split(text)  # entities (&amp; &nbsp;) are never split or wrapped
    return "".join(p if i % 2 else run.sub(lambda m: f'<span lang="{other}">{m.group(0)}</span>', p) for i, p in enumerate(pieces))


def mark_languages(html: str, page_lang: str) -> str:
    """The page body with passages in the other language wrapped in ``<span lang=…>``."""
    if page_lang not in OTHER:
        return html
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag name, whether text inside is left alone)
    for token in _TOKENS.split(html):
        if not token:
            continue
        if token.startswith("<"):
            out.append(token)
            tag = _TAG.match(token)
            if tag is None or token.startswith("<!"):
                continue
            closing, name, attrs, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3), tag.group(4)
            if closing:
                while stack:
                    if stack.pop()[0] == name:
                        break
            elif not self_closing and name not in _VOID:
                inherited = bool(stack) and stack[-1][1]
                stack.append((name, inherited or name in _SKIP or bool(_HAS_LANG.search(attrs))))
            continue
        if stack and stack[-1][1]:
            out.append(token)
        else:
            out.append(_mark(token, page_lang))
    return "".join(out)
