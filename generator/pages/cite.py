"""A record's citation as the reader sees it: the document's title, issuer and date in the
reader's language, then the part of it (section or slide). Never a file name: records
cite a document of the register (``rubrics/documents.yaml``) by id.
"""

from __future__ import annotations

from typing import Any

from ..content.models import TODO
from ..content.placeholders import is_placeholder
from .text import format_date


def cite(source: Any, documents: dict[str, Any], lang: str, words: dict[str, str]) -> str:
    """Plain text (escape it for the page), e.g. "รางวัลเลิศรัฐ… (สำนักงาน ก.พ.ร., 15 พฤศจิกายน 2565) — ประเภทรางวัล"."""
    if is_placeholder(source.document):
        return words["placeholder"]
    doc = documents.get(source.document)
    section = words["placeholder"] if is_placeholder(source.section) else source.section
    if doc is None:  # no register in this project (checked when there is one)
        return section
    title = getattr(doc.title, lang)
    if doc.reference:
        title += " " + words["document_reference"].format(ref=doc.reference)
    about = [getattr(doc.issuer, lang)] if doc.issuer else []
    if doc.date and doc.date != TODO:
        about.append(format_date(doc.date, lang))
    text = f"{title} ({', '.join(about)})" if about else title
    if section.startswith(doc.title.th):  # the section repeats the title: keep only what it adds
        section = section[len(doc.title.th):].lstrip(" —–-;,")
    if section:
        text += f" — {section}"
    if source.page:
        text += f", {words['source_page']} {source.page}"
    return text
