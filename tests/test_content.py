"""The content as the documents hold it, and every text of it visible on the site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator.catalog import load_catalog
from generator.models import Text

from conftest import REPO
from htmltext import norm, read

CATALOG = load_catalog(REPO)
# Texts that are rightly the same in Thai and English: proper names, codes, numbers.
SAME_IN_BOTH = {line.strip() for line in (REPO / "tests" / "same_in_both_languages.txt").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")}


def texts(record: object, where: str) -> Iterator[tuple[str, Text]]:
    """Every {th, en} pair inside a record, with a readable location."""
    if isinstance(record, Text):
        yield where, record
    elif isinstance(record, BaseModel):
        for name in type(record).model_fields:
            yield from texts(getattr(record, name), f"{where}.{name}")
    elif isinstance(record, list | tuple):
        for index, item in enumerate(record):
            yield from texts(item, f"{where}[{index}]")


def all_texts() -> Iterator[tuple[str, Text]]:
    for year in CATALOG.years:
        yield from texts(year.model, year.source_file)
        for branch in year.branches:
            yield from texts(branch.model, branch.source_file)
            for item in branch.types:
                yield from texts(item.model, item.source_file)


def site_text(site: Path, lang: str) -> str:
    pages = [p for p in site.rglob("*.html") if (p.relative_to(site).parts[0] == "en") == (lang == "en")]
    return " ".join(read(p.read_text(encoding="utf-8"))[0] for p in pages)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_text_of_the_yaml_is_on_the_site_in_its_language(built_site, lang):
    visible = site_text(built_site, lang)
    missing = [f"{where}.{lang}: {norm(getattr(text, lang))[:80]}" for where, text in all_texts() if norm(getattr(text, lang)) not in visible]
    assert not missing, f"{len(missing)} texts are not shown on any {lang} page:\n" + "\n".join(missing[:30])


def test_no_text_is_the_same_in_both_languages_unless_listed():
    same = [f"{where}: {text.th}" for where, text in all_texts() if norm(text.th) == norm(text.en) and norm(text.th) not in SAME_IN_BOTH]
    assert not same, "texts identical in Thai and English (translate them, or list proper names in tests/same_in_both_languages.txt):\n" + "\n".join(same)
