"""The content as the documents hold it, and every text of it visible on the site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator.content.catalog import load_catalog
from generator.content.models import Text

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
        for entry in (year.finder, year.form):
            if entry is not None:
                yield from texts(entry.model, entry.source_file)
        for branch in year.branches:
            yield from texts(branch.model, branch.source_file)
            for item in branch.types:
                yield from texts(item.model, item.source_file)
    yield from texts(list(CATALOG.agencies), "rubrics/agencies.yaml")
    for entry in CATALOG.winners:
        yield from texts(entry.model, entry.source_file)
    if CATALOG.unpsa:
        yield from texts(CATALOG.unpsa, "rubrics/winners/unpsa.yaml")


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


def _year(be: int):
    return next(y for y in CATALOG.years if y.year == be)


def _branch(be: int, branch_id: str):
    return next(b for b in _year(be).branches if b.model.id == branch_id)


def test_a_status_the_source_does_not_give_shows_no_badge(built_site):
    # 001 marks none of the 2562 award types as new, unchanged or revised; 000 marks Responsive Service as NEW.
    assert {t.model.status for b in _year(2562).branches for t in b.types} == {"unmarked"}
    for page in ("2562/index.html", "2562/service/innovation/index.html", "en/2562/participation/index.html"):
        assert "lr-badge" not in (built_site / page).read_text(encoding="utf-8"), page
    new_type = read((built_site / "2566/service/responsive-service/index.html").read_text(encoding="utf-8"))[0]
    assert "ใหม่ รางวัลบริการภาครัฐ" in new_type


def test_2566_has_the_three_branches_of_the_source():
    assert [b.model.id for b in _year(2566).branches] == ["service", "participation", "pmqa"]


def test_2566_public_service_has_six_types_each_scored_out_of_100():
    types = _branch(2566, "service").types
    assert len(types) == 6
    assert all(t.model.rubric and t.model.rubric.total == 100 for t in types)
    assert [t.model.id for t in types if t.model.status == "new"] == ["responsive-service"]
    # Question counts as printed in the source's rubric tables.
    counts = {t.model.id: sum(len(d.questions) for d in t.model.rubric.dimensions) for t in types}
    assert counts == {"innovation": 14, "development": 13, "standard-expansion": 10, "data-integration": 10, "responsive-service": 12, "facilitation": 9}


def test_2566_participatory_types_and_question_counts():
    types = _branch(2566, "participation").types
    assert len(types) == 6
    with_rubric = [t for t in types if t.model.rubric]
    assert [t.model.id for t in types if not t.model.rubric] == ["poverty-eradication"]
    assert all(t.model.rubric.total == 100 for t in with_rubric)
    assert [sum(len(d.questions) for d in t.model.rubric.dimensions) for t in with_rubric] == [12, 9, 7, 8, 8]
    assert [t.model.id for t in types if t.model.status == "new"] == ["network-governance"]
    rule = next(r for r in _branch(2566, "participation").model.scoring.rules if r.measure == "each-dimension")
    assert (rule.comparison, rule.value, rule.unit) == (">=", 50, "percent")


def test_2566_pmqa_thresholds_and_bands_are_data():
    scoring = _branch(2566, "pmqa").model.scoring
    computable = {(tuple(r.applies_to), r.measure, r.comparison, int(r.value), r.unit) for r in scoring.rules if r.measure}
    assert {
        (("outstanding",), "each-dimension", ">", 40, "percent"),
        (("outstanding",), "total", ">=", 400, "points"),
        (("per-category",), "each-dimension", ">=", 25, "percent"),
        (("per-category",), "total", ">=", 300, "points"),
        (("per-category",), "requested-dimension", ">", 50, "percent"),
        (("per-category",), "related-results", ">=", 30, "percent"),
    } <= computable
    assert [(b.min, b.max) for b in scoring.bands] == [(300, 399), (400, 469), (470, 500)]
    assert [c.id for c in _branch(2566, "pmqa").model.categories][:6] == [f"category-{n}" for n in range(1, 7)]


def test_statistics_for_five_years():
    rows = _year(2566).model.statistics
    assert [(r.year, r.applications, r.awards) for r in rows] == [
        (2561, 584, 181), (2562, 1043, 236), (2563, 1459, 198), (2564, 1687, 234), (2565, 1613, 245)]


def test_sixteen_unpsa_awards_since_2551():
    awards = CATALOG.unpsa.awards
    assert len(awards) == 16
    assert min(a.year for a in awards) == 2551 and max(a.year for a in awards) == 2565
    agency_ids = {a.id for a in CATALOG.agencies}
    assert all(a.agency in agency_ids for a in awards)


def test_2565_honour_awards_and_showcased_winners():
    winners = next(w.model for w in CATALOG.winners if w.year == 2565)
    assert sorted(h.agency for h in winners.honours) == ["department-of-disease-control", "revenue-department"]
    traffy = next(w for w in winners.winners if "Traffy" in (w.title.en if w.title else ""))
    values = {float(f.value) for f in traffy.figures}
    assert {8.7, 2167} <= values
    assert len(winners.model_areas) == 6
    assert {t.branch for t in winners.top_agencies} == {"service", "participation", "pmqa"}
