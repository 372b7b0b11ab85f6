"""Open data as a reader downloads it: the CSV opens with its Thai intact (UTF-8 with BOM),
the JSON files parse and hold exactly what the YAML holds, the schemas are the editors' ones,
and the data page links every file in both languages."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from generator.content.catalog import load_catalog
from generator.content.models import AgencyList, AwardType, Branch, ProgrammeYear, UnpsaList, WinnersYear
from generator.content.schema import schemas
from generator.pages.files import CSV_COLUMNS, open_data_files, showcase_file
from generator.pages.labels import labels

from conftest import REPO
from htmltext import norm, read
from sitelinks import page_path, resolve

CATALOG = load_catalog(REPO)
WINNERS = [w for entry in CATALOG.winners for w in entry.model.winners]
HONOURS = [h for entry in CATALOG.winners for h in entry.model.honours]


def _csv_rows(site) -> tuple[bytes, list[dict[str, str]]]:
    raw = (site / "data/winners.csv").read_bytes()
    return raw, list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_is_utf8_with_bom_and_has_one_row_per_award(built_site):
    raw, rows = _csv_rows(built_site)
    assert raw.startswith(b"\xef\xbb\xbf")
    raw.decode("utf-8")
    kinds = [r["kind"] for r in rows]
    assert kinds.count("winner") == len(WINNERS)
    assert kinds.count("honour") == len(HONOURS)
    assert kinds.count("unpsa") == len(CATALOG.unpsa.awards)
    assert list(rows[0]) == [c for group in CSV_COLUMNS for c in group]
    by_id = {r["id"]: r for r in rows if r["kind"] == "winner"}
    for entry in CATALOG.winners:
        for w in entry.model.winners:
            row = by_id[w.id]
            assert (row["year_be"], row["year_ce"]) == (str(entry.year), str(entry.year - 543))
            assert (row["branch"], row["type"], row["level"], row["agency"]) == (w.branch, w.type or "", w.level or "", w.agency)
            assert row["agency_th"] == CATALOG.agency(w.agency).name.th
            assert row["title_th"] == (norm(w.title.th) if w.title else "") and row["title_en"] == (norm(w.title.en) if w.title else "")
            assert row["partners"].split() == w.partners
            assert len([f for f in row["figures_th"].split(" | ") if f]) == len(w.figures)
            parent = CATALOG.agency(w.agency).parent
            assert row["parent"] == (parent or "")
    assert {r["agency"] for r in rows if r["kind"] == "honour"} == {h.agency for h in HONOURS}


def test_csv_names_the_ministry_above_an_agency():
    chained = [a for a in CATALOG.agencies if a.parent and CATALOG.agency(a.parent).parent]
    assert chained, "the content has an agency two levels below its ministry"


def test_winners_json_holds_the_yaml(built_site):
    data = json.loads((built_site / "data/winners.json").read_text(encoding="utf-8"))
    assert [AgencyList.model_validate({"agencies": data["agencies"]}).agencies] == [list(CATALOG.agencies)]
    assert [WinnersYear.model_validate(y) for y in data["years"]] == [entry.model for entry in CATALOG.winners]
    assert UnpsaList.model_validate(data["unpsa"]) == CATALOG.unpsa
    assert sum(len(y["winners"]) for y in data["years"]) == len(WINNERS)
    figure = data["years"][0]["winners"][0]["figures"][0]["value"]
    assert isinstance(figure, int | float)  # figures are numbers, not strings
    assert data["source"] == labels()["data_source_note"] and data["licence"] == labels()["data_licence_note"]


def test_rubrics_json_of_each_programme_year_holds_its_yaml(built_site):
    for year in CATALOG.years:
        data = json.loads((built_site / f"data/rubrics-{year.year}.json").read_text(encoding="utf-8"))
        assert ProgrammeYear.model_validate(data["year"]) == year.model
        assert [Branch.model_validate(b["branch"]) for b in data["branches"]] == [b.model for b in year.branches]
        assert [[AwardType.model_validate(t) for t in b["types"]] for b in data["branches"]] == [[t.model for t in b.types] for b in year.branches]


def test_published_schemas_are_the_editors_schemas(built_site):
    for name, schema in schemas().items():
        published = json.loads((built_site / "data/schema" / name).read_text(encoding="utf-8"))
        assert published == schema == json.loads((REPO / "schema" / name).read_text(encoding="utf-8"))


def test_filter_list_has_every_winner_once(built_site):
    for lang in ("th", "en"):
        data = json.loads((built_site / showcase_file(lang)).read_text(encoding="utf-8"))
        assert [row[5] for row in data["rows"]] == [w.id for w in WINNERS]
        assert all(isinstance(row[7], int) and 0 <= row[7] < len(data["awards"]) for row in data["rows"])


@pytest.mark.parametrize("lang", ["th", "en"])
def test_data_page_links_every_file_and_describes_the_columns(built_site, lang):
    page = page_path(built_site, ("en/" if lang == "en" else "") + "data/")
    text = page.read_text(encoding="utf-8")
    links = {resolve(built_site, page, link)[0] for link in re.findall(r'<a href="([^"]+)" download>', text)}
    expected = {(built_site / f.path).resolve() for f in open_data_files(CATALOG)}
    assert expected <= links
    assert all(target.is_file() for target in links)
    visible, rows = read(text)
    words = labels()
    for group in CSV_COLUMNS:
        assert any(r.startswith(" ".join(group)) and r.endswith(norm(words[f"csv_{group[0]}"][lang])) for r in rows), group
    assert norm(words["data_licence_note"][lang]) in visible and norm(words["data_source_note"][lang]) in visible
