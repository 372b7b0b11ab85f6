"""Heading anchors that keep Thai readable.

Python-Markdown's default slugify drops every non-ASCII character (Thai headings become
``#_1``, ``#_2``), and pymdownx's Unicode slugify drops Thai vowel and tone marks
(combining characters), turning เงื่อนไข into เงอนไข. This keeps letters, marks and
digits of any script, so anchors read as the heading does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

_TAGS = re.compile(r"</?[^>]*>")


def slugify(value: str, separator: str = "-") -> str:
    text = unicodedata.normalize("NFC", _TAGS.sub("", value)).strip().lower()
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category[0] in "LMN" or char in "-_":
            kept.append(char)
        elif char.isspace():
            kept.append(" ")
    words = "".join(kept).split()
    return separator.join(words)


def make_slugify(**_: object) -> Callable[[str, str], str]:
    """Factory form, for ``!!python/object/apply`` in mkdocs.yml."""
    return slugify
