"""Text from the YAML on its way into a page: escaped for Markdown or raw HTML, and numbers
and dates written the way each language writes them (Buddhist Era on Thai pages).

The escaping functions are the only way YAML text reaches a page: a ``<`` or ``*`` in the
data shows as typed and cannot change the page.
"""

from __future__ import annotations

import html
import re

from ..content.placeholders import is_placeholder

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#+!|{}])")
_MD_LINE_START = re.compile(r"^(\s*)(\d+)\.(\s)|^(\s*)([-+>])(\s)")


def escape_md(value: object) -> str:
    """Plain text → Markdown that displays exactly that text, on one line."""
    text = " ".join(str(value).split())
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: f"{m.group(1)}{m.group(2)}\\.{m.group(3)}" if m.group(2) else f"{m.group(4)}\\{m.group(5)}{m.group(6)}", text)


_HTML_SPECIAL = re.compile(r"[&<>\"'\\`*_\[\]]")
_MD_AS_ENTITY = [(c, f"&#{ord(c)};") for c in "\\`*_[]"]


def escape_html(value: object) -> str:
    """Plain text → HTML that displays exactly that text. Markdown still reads the lines
    around raw HTML, so its link and emphasis characters become entities too: a
    ``[x](javascript:…)`` in the data stays text."""
    text = " ".join(str(value).split())
    if not _HTML_SPECIAL.search(text):  # most names and titles: nothing to escape
        return text
    text = html.escape(text, quote=True)
    for char, entity in _MD_AS_ENTITY:
        if char in text:
            text = text.replace(char, entity)
    return text


def paragraphs(value: object) -> str:
    """Plain text with blank lines between paragraphs → Markdown paragraphs."""
    parts = [p for p in re.split(r"\n\s*\n", str(value)) if p.strip()]
    return "\n\n".join(escape_md(p) for p in parts)


def number(value: object) -> str:
    """1623 → 1,623; 81.69 → 81.69 (digits as Arabic numerals in both languages)."""
    whole, _, fraction = str(value).partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def quantity(value: object, unit: str) -> str:
    """A number with its unit, in the order the language puts them ("ร้อยละ 81.69", "81.69 percent")."""
    if unit.startswith("ร้อยละ"):
        return f"{unit} {number(value)}"
    return f"{number(value)} {unit}"


MONTHS = {
    "th": ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
}
MONTH_PART = {"th": {"early": "ต้นเดือน", "mid": "กลางเดือน", "late": "ปลายเดือน"}, "en": {"early": "early", "mid": "mid-", "late": "late"}}


def format_date(iso: str, lang: str, part: str | None = None) -> str:
    """``2022-11-15`` → "15 พฤศจิกายน 2565" (Thai, Buddhist Era) or "15 November 2022"."""
    year, month, *day = (int(x) for x in iso.split("-"))
    shown_year = year + 543 if lang == "th" else year
    month_name = MONTHS[lang][month - 1]
    if day:
        return f"{day[0]} {month_name} {shown_year}"
    if part:
        prefix = MONTH_PART[lang][part]
        return f"{prefix}{month_name} {shown_year}" if lang == "th" or prefix.endswith("-") else f"{prefix} {month_name} {shown_year}"
    return f"{month_name} {shown_year}"


def format_span(start: str, end: str | None, lang: str, part: str | None = None) -> str:
    if end is None or end == start:
        return format_date(start, lang, part)
    return f"{format_date(start, lang)} – {format_date(end, lang)}"


def filled(value: object, words: dict[str, str]) -> object:
    """A value, or the words "to be entered" in place of a ``TODO`` placeholder: a draft's
    pages in the preview name what is missing, and no page ever shows ``TODO`` itself."""
    return words["placeholder"] if is_placeholder(value) else value


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^0[\d\s-]{7,14}$")
_WEB = re.compile(r"^(https?://|www\.)\S+$")


def contact_href(value: str) -> str | None:
    """The link a contact's value opens on a phone: ``mailto:`` for an e-mail address,
    ``tel:`` (international form) for a Thai phone number ("0 2356 9999" → "tel:+6623569999"),
    the address of a website; ``None`` for anything else (a channel's name)."""
    text = value.strip()
    if _EMAIL.match(text):
        return f"mailto:{text}"
    if _PHONE.match(text):
        return "tel:+66" + re.sub(r"\D", "", text)[1:]
    if _WEB.match(text):
        return text if text.startswith("http") else f"https://{text}"
    return None
