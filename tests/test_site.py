"""The built site as readers get it: both languages, every rubric line, working switches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content.catalog import load_catalog
from generator.pages.labels import labels

from conftest import REPO
from htmltext import norm, read

CATALOG = load_catalog(REPO)
TYPES = [(y, b, t) for y in CATALOG.years for b in y.branches for t in b.types]
LANG_PREFIX = {"th": "", "en": "en/"}


def page_file(site: Path, lang: str, *parts: object) -> Path:
    return site / LANG_PREFIX[lang] / Path(*map(str, parts)) / "index.html"


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_type_page_exists_with_its_title(built_site, lang):
    for year, branch, item in TYPES:
        path = page_file(built_site, lang, year.year, branch.model.id, item.model.id)
        assert path.is_file(), path
        text = path.read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in text
        assert norm(getattr(item.model.name, lang)) in norm(re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S).group(1))


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_question_and_point_value_is_on_its_page(built_site, lang):
    checked = 0
    for year, branch, item in TYPES:
        rubric = item.model.rubric
        if rubric is None:
            continue
        text, rows = read(page_file(built_site, lang, year.year, branch.model.id, item.model.id).read_text(encoding="utf-8"))

        def row_with(fragment: str, rows: list[str] = rows, where: str = f"{item.source_file} ({lang})", start: bool = False) -> str:
            found = [r for r in rows if (r.startswith(fragment) if start else fragment in r)]
            assert found, f"{where}: no table row contains {fragment!r}"
            return found[0]

        for number, dim in enumerate(rubric.dimensions, start=1):
            label = f"{labels()['dimension'][lang]} {number} {norm(getattr(dim.name, lang))}"
            assert row_with(label, start=True) == f"{label} {dim.points}", dim.id
            for question in dim.questions:
                row = row_with(norm(getattr(question.text, lang)))
                if question.points is not None:
                    assert row.endswith(f" {question.points}")
                for part in question.parts:
                    assert re.search(re.escape(norm(getattr(part.text, lang))) + rf" \({part.points} ", row)
                    for band in part.bands:
                        assert re.search(re.escape(norm(getattr(band.text, lang))) + rf" — {band.points} ", row)
                for band in question.bands:
                    assert re.search(re.escape(norm(getattr(band.text, lang))) + rf" — {band.points} ", row)
                checked += 1
        for bonus in rubric.bonus:
            assert row_with(norm(getattr(bonus.text, lang))).endswith(f"+{bonus.points}")
        assert any(r.endswith(f" {rubric.total}") and r.split()[0] in ("คะแนนเต็ม", "Full") for r in rows)
        for condition in item.model.conditions:
            assert norm(getattr(condition.text, lang)) in text
    assert checked == sum(len(d.questions) for _, _, t in TYPES if t.model.rubric for d in t.model.rubric.dimensions)


def _alternate(page_html: str, lang: str) -> str:
    """The link of the page's language switch to its counterpart in ``lang``."""
    match = re.search(rf'<a href="([^"]+)" hreflang="{lang}"[^>]* class="md-select__link">', page_html)
    assert match, f"no language link for {lang}"
    return match.group(1)


def _resolve(site: Path, page: Path, link: str) -> Path:
    """Where a link on ``page`` leads (root-relative links start at the site's root)."""
    return ((site / link.lstrip("/")) if link.startswith("/") else (page.parent / link)).resolve()


def test_every_page_links_to_its_counterpart(built_site):
    pages = [p for p in built_site.rglob("index.html") if p.relative_to(built_site).parts[0] not in ("en", "search")]
    expected = 1 + len(CATALOG.years) + sum(len(y.branches) for y in CATALOG.years) + len(TYPES)
    assert len(pages) >= expected
    for thai in pages:
        rel = thai.relative_to(built_site)
        english = built_site / "en" / rel
        assert english.is_file(), f"no English counterpart of {rel}"
        to_en = _resolve(built_site, thai, _alternate(thai.read_text(encoding="utf-8"), "en"))
        assert to_en == english.parent.resolve(), rel
        to_th = _resolve(built_site, english, _alternate(english.read_text(encoding="utf-8"), "th"))
        assert to_th == thai.parent.resolve(), rel


def test_no_page_makes_the_browser_ask_for_a_sitemap_beside_it(built_site):
    """Material's script fetches sitemap.xml from beside every <link rel="alternate" hreflang>
    of a page: the pages carry none (the sitemap has the alternates; generator/site/pagefix.py),
    so a page view asks for no file that is not there."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 300
    carrying = [p.relative_to(built_site).as_posix() for p in pages if re.search(r'<link rel="alternate"[^>]* hreflang=', p.read_text(encoding="utf-8"))]
    assert carrying == []


def test_thai_heading_anchors_are_readable(built_site):
    text = page_file(built_site, "th", 2566, "service", "innovation").read_text(encoding="utf-8")
    ids = re.findall(r'<h2 id="([^"]+)"', text)
    assert "เงื่อนไข" in ids and "เกณฑ์การประเมิน" in ids
    assert not [i for i in ids if re.fullmatch(r"_\d+", i)]


def test_no_request_leaves_the_site(built_site):
    external = re.compile(r'<(?:script|img|iframe|source|audio|video)[^>]+src="(?:https?:)?//|<link[^>]+href="(?:https?:)?//')
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not external.search(text), f"{page.relative_to(built_site)} loads from another host: {external.search(text).group(0)}"
    for css in built_site.rglob("*.css"):
        assert not re.search(r"url\((['\"]?)(?:https?:)?//", css.read_text(encoding="utf-8")), css
    fonts = list((built_site / "assets/fonts").glob("sarabun-thai-*.woff2"))
    assert fonts, "the Thai font is not served by the site"


def test_generated_markdown_carries_the_banner(built_site):
    content = built_site.parent / "content"
    generated = [p for p in content.rglob("*.md") if p.name.startswith("index") or p.parent != content]
    assert generated
    for page in generated:
        text = page.read_text(encoding="utf-8")
        if text.startswith("---\n"):  # front matter (the staff page's search: exclude) must open the file
            text = text[text.index("\n---\n", 4) + 5:]
        first = text.partition("\n")[0]
        assert re.fullmatch(r"<!-- generated from rubrics/\S*( and rubrics/\S*)? by lertrat — edit that file, not this one -->", first), page


def test_sidebar_follows_the_catalog_order_with_titles_in_the_page_language(built_site):
    import html as html_lib

    for lang in ("th", "en"):
        page = page_file(built_site, lang, 2566, "service").read_text(encoding="utf-8")
        nav = page[page.index("md-nav--primary"): page.index("md-nav--secondary")]
        labels_in_nav = [html_lib.unescape(t.strip()) for t in re.findall(r">([^<>]+)<", nav) if t.strip()]
        for year in CATALOG.years:
            assert getattr(year.model.name, lang) in labels_in_nav
        year = next(y for y in CATALOG.years if y.year == 2566)
        branch_names = [getattr(b.model.name, lang) for b in year.branches]
        positions = [labels_in_nav.index(name) for name in branch_names]
        assert positions == sorted(positions), (lang, branch_names)
        type_names = [getattr(t.model.name, lang) for t in year.branches[0].types]
        positions = [labels_in_nav.index(name) for name in type_names]
        assert positions == sorted(positions), (lang, type_names)
