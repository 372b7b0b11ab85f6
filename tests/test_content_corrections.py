"""What the site states, read from the built pages of each language: citations name the
official document (never a file name), editors' notes stay off public pages and search, and
each correction of the content (issue of the side-by-side reading) shows as the source says."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.content.catalog import load_catalog

from conftest import REPO
from htmltext import norm, read

CATALOG = load_catalog(REPO)
STAFF_PAGE = ("editing/notes/index.html", "en/editing/notes/index.html")
FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


def pages(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in ("assets", "search")}


def text_of(site: Path, page: str) -> str:
    """The page's visible text, whitespace collapsed (``2566/service/`` or ``en/…``)."""
    return norm(read((site / page / "index.html").read_text(encoding="utf-8"))[0])


def search_files(site: Path) -> list[Path]:
    found = sorted(site.glob("search/*.json")) + sorted(site.glob("*/search/*.json"))
    assert found, "no search index was built"
    return found


# --- citations ------------------------------------------------------------------------


def test_no_page_and_no_search_entry_shows_a_source_file_name(built_site):
    shown = [name for name, path in pages(built_site).items() if FILE_NAME.search(path.read_text(encoding="utf-8"))]
    shown += [p.name for p in search_files(built_site) if FILE_NAME.search(p.read_text(encoding="utf-8"))]
    assert not shown, f"pages naming a source file: {shown[:10]}"


@pytest.mark.parametrize(("page", "citation"), [
    ("2566/service/innovation", "ที่มา: รางวัลเลิศรัฐกับการยกระดับประสิทธิภาพภาครัฐ และหลักเกณฑ์การพิจารณารางวัล ประจำปี 2566 (สำนักงาน ก.พ.ร., 15 พฤศจิกายน 2565)"),
    ("en/2566/service/innovation", "Source: The Public Sector Excellence Awards in raising public sector performance, and the award criteria for 2023 (BE 2566) (Office of the Public Sector Development Commission (OPDC), 15 November 2022)"),
    ("2562/timeline", "หนังสือเชิญสมัครรางวัลเลิศรัฐ ประจำปี พ.ศ. 2562 ถึงผู้ว่าราชการจังหวัดทุกจังหวัด ที่ มท 0810.7/ว 536 (กรมส่งเสริมการปกครองท้องถิ่น, 7 กุมภาพันธ์ 2562)"),
    ("en/2562/timeline", "to the governors of every province No. มท 0810.7/ว 536 (Department of Local Administration, 7 February 2019)"),
    ("en/2562/service/innovation", "Readiness self-assessment form for applying for the Public Sector Excellence Awards, Public Service branch, fiscal year 2019 (BE 2562) — ประเภทที่ 1 นวัตกรรมบริการ"),
])
def test_a_citation_names_the_document_its_issuer_and_date_in_the_readers_language(built_site, page, citation):
    assert citation in text_of(built_site, page)


# --- notes ----------------------------------------------------------------------------


def test_the_data_holds_both_kinds_of_notes():
    assert len(CATALOG.editor_notes) > 20
    assert all(n.note.kind == "editor" for n in CATALOG.editor_notes)


def test_no_editor_note_reaches_a_public_page_or_the_search_index(built_site):
    public = {name: norm(read(path.read_text(encoding="utf-8"))[0]) for name, path in pages(built_site).items() if name not in STAFF_PAGE}
    index = " ".join(norm(" ".join(d["text"] for d in json.loads(p.read_text(encoding="utf-8"))["docs"])) for p in search_files(built_site))
    leaks = []
    for n in CATALOG.editor_notes:
        for lang in ("th", "en"):
            words = norm(getattr(n.note, lang))
            leaks += [f"{name}: {n.file}:{n.line}" for name, text in public.items() if words in text]
            if words in index:
                leaks.append(f"search index: {n.file}:{n.line}")
    assert not leaks, leaks[:10]


@pytest.mark.parametrize(("page", "lang"), [("editing/notes", "th"), ("en/editing/notes", "en")])
def test_the_staff_page_lists_every_editor_note_with_its_file_and_line(built_site, page, lang):
    text = text_of(built_site, page)
    missing = [f"{n.file}:{n.line}" for n in CATALOG.editor_notes if norm(getattr(n.note, lang)) not in text]
    assert not missing, missing[:10]
    facilitation = next(n for n in CATALOG.editor_notes if n.file == "rubrics/2566/service/facilitation.yaml")
    assert facilitation.file in text and str(facilitation.line) in text


def test_only_the_staff_page_is_left_out_of_search(built_site):
    locations = {d["location"].split("#")[0] for p in search_files(built_site) for d in json.loads(p.read_text(encoding="utf-8"))["docs"]}
    assert not any(loc.startswith(("editing/notes", "en/editing/notes")) for loc in locations)
    for kept in ("editing/", "2566/service/innovation/", "data/"):
        assert any(loc.endswith(kept) for loc in locations), kept
    unsearched = [name for name, path in pages(built_site).items() if 'name="lertrat:search" content="exclude"' in path.read_text(encoding="utf-8")]
    assert sorted(unsearched) == sorted(STAFF_PAGE)


def test_the_staff_guide_links_the_staff_page_and_the_navigation_does_not(built_site):
    for guide, home in (("editing/index.html", "index.html"), ("en/editing/index.html", "en/index.html")):
        assert 'href="notes/"' in (built_site / guide).read_text(encoding="utf-8")
        assert "editing/notes" not in (built_site / home).read_text(encoding="utf-8")


def test_a_reader_note_is_still_shown(built_site):
    assert "The source's chart shows 1,613 applications for 2565" in text_of(built_site, "en/2566")
