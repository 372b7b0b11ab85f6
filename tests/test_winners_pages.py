"""The winners showcase, the year pages, one page per agency and the statistics chart, as
built HTML: every winner of the YAML is listed without JavaScript, every agency has its page
(outside the sidebar), cards show key figures, the chart is accessible SVG with its data."""

from __future__ import annotations

import html
import re

import pytest

from generator.content.archive import Archive
from generator.content.catalog import load_catalog
from generator.pages.labels import labels
from generator.pages.text import number, quantity

from conftest import REPO
from htmltext import norm, read
from sitelinks import broken_links, page_path, resolve

CATALOG = load_catalog(REPO)
ARCHIVE = Archive(CATALOG)
WORDS = labels()
PREFIX = {"th": "", "en": "en/"}


def _title(award, lang: str) -> str:
    w = award.winner
    return norm(getattr(w.title, lang) if w.title else getattr(CATALOG.agency(w.agency).name, lang))


def _table_rows(page_html: str, table_id: str) -> list[str]:
    table = re.search(rf'<table class="lr-winners" id="{table_id}">(.*?)</table>', page_html, re.S)
    assert table, f"no table #{table_id}"
    body = table.group(1).split("<tbody>", 1)[1]
    return re.findall(r"<tr>(.*?)</tr>", body, re.S)


def _cells(row: str) -> list[str]:
    return [read(c)[0] for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]  # as a reader sees it (lang spans join up)


def test_the_real_content_has_winners_agencies_and_featured_works():
    assert ARCHIVE.awards and any(a.winner.featured for a in ARCHIVE.awards)
    assert any(a.winner.partners for a in ARCHIVE.awards)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_without_javascript_the_lists_show_every_winner(built_site, lang):
    newest = max(ARCHIVE.by_year)
    index = page_path(built_site, f"{PREFIX[lang]}winners/").read_text(encoding="utf-8")
    assert '<form class="lr-filter" id="lr-filter" hidden' in index  # the form appears only with JavaScript
    shown = [_cells(r) for r in _table_rows(index, "lr-winners-list")]
    assert [c[1] for c in shown] == [_title(a, lang) for a in ARCHIVE.by_year[newest]]
    listed = []
    for year, awards in ARCHIVE.by_year.items():
        page = page_path(built_site, f"{PREFIX[lang]}winners/{year}/").read_text(encoding="utf-8")
        rows = [_cells(r) for r in _table_rows(page, f"lr-winners-{year}")]
        assert [r[0] for r in rows] == [_title(a, lang) for a in awards]
        for row, award in zip(rows, awards, strict=True):
            assert row[1] == norm(" · ".join(ARCHIVE.award_parts(award, lang)))
            for agency_id in award.agencies:
                assert norm(getattr(CATALOG.agency(agency_id).name, lang)) in row[2]
            listed.append((year, award.winner.id))
    assert listed == [(a.year, a.winner.id) for a in ARCHIVE.awards]
    # The year each row belongs to is shown on the showcase, in the page's era.
    assert shown[0][0] == norm(WORDS["year_th"][lang].format(be=newest, ce=newest - 543))


@pytest.mark.parametrize("lang", ["th", "en"])
def test_each_work_links_to_its_details_on_its_agency_page(built_site, lang):
    index = page_path(built_site, f"{PREFIX[lang]}winners/")
    rows = _table_rows(index.read_text(encoding="utf-8"), "lr-winners-list")
    links = [re.findall(r'<td[^>]*><a href="([^"]+)">', row)[1] for row in rows]  # the work, after the year
    newest = ARCHIVE.by_year[max(ARCHIVE.by_year)]
    for link, award in zip(links, newest, strict=True):
        target, fragment = resolve(built_site, index, link)
        assert target == page_path(built_site, f"{PREFIX[lang]}agencies/{award.winner.agency}/").resolve()
        assert fragment == award.winner.id
    assert broken_links(built_site, index) == []


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_agency_has_a_page_listing_everything_it_received(built_site, lang):
    for agency in CATALOG.agencies:
        page = page_path(built_site, f"{PREFIX[lang]}agencies/{agency.id}/")
        text, _ = read(page.read_text(encoding="utf-8"))
        assert norm(getattr(agency.name, lang)) in text
        record = ARCHIVE.records[agency.id]
        for award in record.awards:
            assert _title(award, lang) in text, (agency.id, award.winner.id)
            if award.winner.agency == agency.id:
                assert f'id="{award.winner.id}"' in page.read_text(encoding="utf-8")
            for figure in award.winner.figures:
                assert norm(quantity(figure.value, getattr(figure.unit, lang))) in text
        for _, honour in record.honours:
            assert norm(getattr(honour.citation, lang)) in text
        for prize in record.unpsa:
            assert norm(getattr(prize.title, lang)) in text
        for _, _, project in record.model_projects:
            assert norm(getattr(project.title, lang)) in text
        for child in record.children:
            assert norm(getattr(child.name, lang)) in text
        if agency.parent:
            assert norm(getattr(CATALOG.agency(agency.parent).name, lang)) in text


@pytest.mark.parametrize("lang", ["th", "en"])
def test_agency_pages_are_linked_from_the_agencies_page_but_not_from_the_sidebar(built_site, lang):
    index = page_path(built_site, f"{PREFIX[lang]}agencies/")
    page = index.read_text(encoding="utf-8")
    body = page[page.index("lr-agencies"):]
    targets = {resolve(built_site, index, link)[0] for link in re.findall(r'<a href="([^"]+)"', body.split("</table>")[0])}
    assert {page_path(built_site, f"{PREFIX[lang]}agencies/{a.id}/").resolve() for a in CATALOG.agencies} <= targets
    _, rows = read(page)
    for agency in CATALOG.agencies:
        record = ARCHIVE.records[agency.id]
        # a count only where the data has one; an agency only listed among the most-awarded says so
        empty = "awards_top_listed" if record.top_listings else "awards_model_project" if record.model_projects else "awards_none_recorded"
        shown = str(record.count) if record.count else WORDS[empty][lang]
        assert any(r.startswith(norm(getattr(agency.name, lang))) and r.endswith(f" {shown}") for r in rows), agency.id
    for sample in (index, page_path(built_site, f"{PREFIX[lang]}agencies/{CATALOG.agencies[0].id}/")):
        text = sample.read_text(encoding="utf-8")
        nav = text[text.index("md-nav--primary"): text.index("md-nav--secondary")]
        in_nav = {resolve(built_site, sample, link)[0] for link in re.findall(r'href="([^"]+)"', nav)}
        agency_pages = {page_path(built_site, f"{PREFIX[lang]}agencies/{a.id}/").resolve() for a in CATALOG.agencies}
        assert not in_nav & agency_pages, sample
    assert broken_links(built_site, index) == []


@pytest.mark.parametrize("lang", ["th", "en"])
def test_featured_winners_are_cards_with_their_key_figures(built_site, lang):
    newest = ARCHIVE.by_year[max(ARCHIVE.by_year)]
    page = page_path(built_site, f"{PREFIX[lang]}winners/").read_text(encoding="utf-8")
    cards = re.findall(r'<article class="lr-card">(.*?)</article>', page, re.S)
    featured = [a for a in newest if a.winner.featured]
    assert len(cards) == len(featured)
    for card, award in zip(cards, featured, strict=True):
        text = read(card)[0]
        assert _title(award, lang) in text
        for figure in award.winner.figures:
            assert f"{norm(quantity(figure.value, getattr(figure.unit, lang)))} {norm(getattr(figure.label, lang))}" in text


def _statistics():
    return next(y.model.statistics for y in CATALOG.years if y.model.statistics)


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("url", ["winners/", "2566/"])
def test_statistics_chart_is_accessible_svg_with_its_data_beside_it(built_site, lang, url):
    rows = _statistics()
    page = page_path(built_site, PREFIX[lang] + url).read_text(encoding="utf-8")
    svg = re.search(r"<svg [^>]*role=\"img\"[^>]*>.*?</svg>", page, re.S).group(0)
    labelled = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
    title = re.search(rf'<title id="{labelled[0]}">([^<]+)</title>', svg).group(1)
    desc = html.unescape(re.search(rf'<desc id="{labelled[1]}">([^<]+)</desc>', svg).group(1))
    first, last = rows[0].year - (0 if lang == "th" else 543), rows[-1].year - (0 if lang == "th" else 543)
    assert f"{first}–{last}" in html.unescape(title)
    for row in rows:
        shown = row.year if lang == "th" else row.year - 543
        assert WORDS["chart_item"][lang].format(year=shown, applications=number(row.applications), awards=number(row.awards)) in desc
    bars = re.findall(r'<rect class="lr-chart__bar lr-chart__bar--(\d)" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)">', svg)
    assert len(bars) == 2 * len(rows)
    values = [v for row in rows for v in (row.applications, row.awards)]
    scale = {round(float(h) / v, 2) for (_, h), v in zip(bars, values, strict=True)}
    assert max(scale) - min(scale) < 0.02, scale  # bar heights are proportional to the figures
    labels_on_axis = re.findall(r'<text class="lr-chart__label"[^>]*>(\d+)</text>', svg)
    assert labels_on_axis == [str(r.year if lang == "th" else r.year - 543) for r in rows]
    _, table_rows = read(page[page.index(svg) + len(svg):])
    for row in rows:
        label = WORDS["year_th"][lang].format(be=row.year, ce=row.year - 543)
        assert f"{norm(label)} {number(row.applications)} {number(row.awards)}" in table_rows


@pytest.mark.parametrize("url", ["winners/", "winners/2565/", "winners/unpsa/", "data/", "2566/", "2566/timeline/", "2562/timeline/"])
def test_links_of_the_archive_pages_lead_somewhere(built_site, url):
    for prefix in PREFIX.values():
        page = page_path(built_site, prefix + url)
        assert broken_links(built_site, page) == [], page


def test_agency_pages_are_in_the_search_index_with_their_works(built_site):
    import json

    from generator.site.search import INDEX

    texts: dict[str, str] = {}  # every page of the index with its sections: titles and text (generator/site/search.py)
    for index in (built_site / INDEX, built_site / "en" / INDEX):
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            page = doc["location"].partition("#")[0]
            texts[page] = norm(texts.get(page, "") + " " + doc["title"] + " " + doc["text"])
    for agency in CATALOG.agencies:
        for lang, prefix in PREFIX.items():
            assert norm(getattr(agency.name, lang)) in texts[f"{prefix}agencies/{agency.id}/"]
    for award in ARCHIVE.awards:
        for agency_id in award.agencies:
            for lang, prefix in PREFIX.items():
                assert _title(award, lang) in texts[f"{prefix}agencies/{agency_id}/"], (agency_id, _title(award, lang))