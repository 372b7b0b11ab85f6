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
    assert "The source's chart shows 1,613 applications for 2022 (BE 2565)" in text_of(built_site, "en/2566")


# --- misleading statements --------------------------------------------------------------


def test_facilitation_entries_may_include_works_awarded_in_other_types(built_site):
    text = text_of(built_site, "en/2566/service")
    assert "the Enhanced Facilitation of Services type, which may include works that have received the award at the Good or Outstanding level in other types" in text
    assert "must be works that have received the award at the Good or Outstanding level in other types" not in text


def test_the_illegible_2562_form_label_is_not_made_an_lao_form_or_rule(built_site):
    for page in ("2562/participation/open-governance", "2562/participation/effective-change", "2562/participation", "changes"):
        text = text_of(built_site, page)
        assert "(แบบ อปท.)" not in text and "ใช้แบบฟอร์ม \"ประเภทรางวัลเปิดใจใกล้ชิดประชาชน (Open Governance) (แบบ" not in text, page
    assert "ชื่อแบบฟอร์มในเอกสารต้นทางอ่านไม่ออก" in text_of(built_site, "2562/participation/open-governance")
    english = text_of(built_site, "en/2562/participation")
    assert "(LAO form)" not in english and "2. Open Governance type (the form's label is illegible in the source)" in english
    assert "It may be the form for local administrative organisations (LAOs), but the source does not confirm it" in text_of(built_site, "en/2562/participation/effective-change")


def test_the_department_of_health_service_support_award_is_stated_as_the_source_gives_it(built_site):
    text = text_of(built_site, "en/winners/2565")
    assert "for receiving the Outstanding level in all three branches" not in text
    assert "does not say which award the department received in each branch" in text
    assert "PMQA 4.0 award at the Advanced level" in text


# --- wrong or invented text ---------------------------------------------------------------


def test_the_english_motto_is_the_one_the_source_prints(built_site):
    text = text_of(built_site, "en/2566")
    assert '"GOOD GOVERNANCE FOR BETTER LIFE"' in text
    assert "Developing the civil service for a better life" not in text


def test_no_english_page_names_an_invented_psdc(built_site):
    found = [name for name, path in pages(built_site).items() if "PSDC" in path.read_text(encoding="utf-8")]
    assert not found, found
    assert "Deputy Secretary-General of OPDC" in text_of(built_site, "en/2566/timeline")


def test_one_english_term_for_government_4_0_and_the_licensing_facilitation_act(built_site):
    english = {name: path.read_text(encoding="utf-8") for name, path in pages(built_site).items() if name.startswith("en/") and name not in STAFF_PAGE}
    assert not [n for n, h in english.items() if "Public Sector 4.0" in h]
    assert not [n for n, h in english.items() if re.search(r"the Facilitation Act|Licensing Facilitation Act(?! B\.E\. 2558 \(2015\))", h)]
    assert "Government 4.0" in text_of(built_site, "en/2566/finder")
    assert "the Licensing Facilitation Act B.E. 2558 (2015)" in text_of(built_site, "en/2566/finder")


def test_the_2562_registration_links_go_to_awardsregister(built_site):
    for page in ("2562/service/index.html", "en/2562/service/index.html", "2562/participation/index.html", "2562/apply/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert 'href="https://awards.opdc.go.th/awardsregister/"' in html, page
        assert 'href="https://awards.opdc.go.th/awardregister/"' not in html, page


def test_the_charted_2565_cell_is_the_charts_1613_and_the_headline_stays_1623(built_site):
    html = (built_site / "2566/index.html").read_text(encoding="utf-8")
    cells = re.findall(r"<tr[^>]*>\s*<t[hd][^>]*>[^<]*2565[^<]*</t[hd]>\s*<td[^>]*>([^<]*)</td>", html)
    assert cells and all(c.strip() == "1,613" for c in cells), cells
    text = text_of(built_site, "2566")
    assert "1,623" in text and "1,613" in text


def test_facilitation_item_9_is_the_regulatory_guillotine_bonus_on_both_pages(built_site):
    criteria = (built_site / "2566/service/facilitation/index.html").read_text(encoding="utf-8")
    numbers = re.findall(r'<td class="lr-num">(\d*)</td>', criteria)
    assert numbers == [str(i) for i in range(1, 9)] + ["", "9"]  # the value-for-money item has no number, as in the source
    assert "Regulatory Guillotine" in criteria.split('<td class="lr-num">9</td>')[1].split("</tr>")[0]
    form = text_of(built_site, "en/2566/service/facilitation/self-assessment")
    assert "9 Bonus points: The agency has acted on the recommendations" in form
    assert "9 The amount of money the agency saves citizens" not in form and "2.1 " not in form


def test_the_pmqa_calendar_starts_with_the_15_november_2565_briefing(built_site):
    text = text_of(built_site, "2566/pmqa")
    calendar = text[text.index("ปฏิทินการดำเนินการ"):]
    assert calendar.index("15 พฤศจิกายน 2565") < calendar.index("ธันวาคม 2565")


def test_facilitation_pages_agree_on_its_status(built_site):
    note = text_of(built_site, "en/2566/service/facilitation")
    assert "The source marks this type unchanged" not in note
    assert "The source does not mark this type as new" in note
    changes = text_of(built_site, "en/changes")
    assert "New in 2023 (BE 2566)" not in changes
    assert "In 2023 (BE 2566) but not in the data for 2019 (BE 2562)" in changes


def test_the_poverty_eradication_page_shows_no_rule_or_level_its_note_says_do_not_apply(built_site):
    text = text_of(built_site, "en/2566/participation/poverty-eradication")
    assert "at least 50 percent in each dimension." not in text.replace("the branch's rule of at least 50 percent in each dimension and its award levels are not shown", "")
    assert "so the branch's score rules and award levels do not apply to it" in text
    scoring = text[text.index("so the branch's score rules"):]
    assert "Outstanding" not in scoring.split("Notes")[0]


def test_2562_definitions_hold_no_editorial_text(built_site):
    for page in ("2562/service/development", "2562/participation/open-governance", "2562/participation/engaged-citizen"):
        text = text_of(built_site, page)
        definition = text[text.index("ความหมาย¶"):][:200]
        assert definition.startswith("ความหมาย¶ เอกสารต้นทางไม่ได้ให้ความหมายของประเภทนี้"), definition
    levels = text_of(built_site, "en/2562/service")
    assert "Outstanding — The source mentions" not in levels


def test_the_calendar_is_named_as_the_programme_years_calendar(built_site):
    assert "ปฏิทินการดำเนินการรางวัลเลิศรัฐ ประจำปี พ.ศ. 2566" in text_of(built_site, "2566/timeline")
    assert "Calendar of the Public Sector Excellence Awards 2023 (BE 2566)" in text_of(built_site, "en/2566/timeline")
    assert "ปฏิทินการดำเนินการ พ.ศ. 2566" not in text_of(built_site, "2566/timeline")


@pytest.mark.parametrize(("page", "statement"), [
    ("2566/apply", "รางวัลบริการภาครัฐ: เอกสารต้นทางไม่ได้ระบุวันปิดรับสมัครของสาขานี้ในปีนี้"),
    ("en/2566/timeline", "Participatory Governance Award: the source documents give no closing date for applications to this branch this year."),
    ("en/2566/apply", "The source documents do not say how to apply to this branch this year; ask OPDC before applying."),
])
def test_apply_and_calendar_pages_say_where_the_sources_give_no_date_or_route(built_site, page, statement):
    assert statement in text_of(built_site, page)


def test_a_year_with_a_closing_date_does_not_claim_one_is_missing(built_site):
    assert "no closing date" not in text_of(built_site, "en/2562/apply")


# --- Thai wording ---------------------------------------------------------------------------


@pytest.mark.parametrize(("page", "right", "wrong"), [
    ("2566/service/facilitation", "องค์การมหาชน", "องค์กรมหาชน"),
    ("2566/participation/effective-change", "รายละเอียดของการดำเนินงาน", "รายละเอียดของดำเนินงาน"),
    ("2566/participation/network-governance", "รายละเอียดของการดำเนินงาน", "รายละเอียดของดำเนินงาน"),
    ("2566/participation/effective-change", "ขอบเขตปัญหาที่เกี่ยวข้องกับประชาชน/กลุ่มประชาชนในพื้นที่", "ขอบเขตปัญหากับประชาชนกลุ่มประชาชน"),
    ("2566/participation/engaged-citizen", "ในการเข้ามาส่งเสริม", "ได้การเข้ามา"),
    ("2566/service", "ประเภทอื่น ๆ", "อื่นๆ"),
])
def test_thai_wording(built_site, page, right, wrong):
    text = text_of(built_site, page)
    assert right in text and wrong not in text


def test_no_ocr_residue_and_no_thai_names_in_thai_script_on_english_pages(built_site):
    residue = re.compile(r"[\u0900-\u097F]|ต่ำลด|กูร์รต|นายदनัย")
    names = re.compile(r"(?:นางสาว|นาง|นาย)[\u0E00-\u0E7F]{2,}")
    found = []
    for name, path in pages(built_site).items():
        if name in STAFF_PAGE:
            continue
        text = norm(read(path.read_text(encoding="utf-8"))[0])
        found += [f"{name}: {m.group(0)}" for m in residue.finditer(text)]
        if name.startswith("en/"):
            found += [f"{name}: {m.group(0)}" for m in names.finditer(text)]
    assert not found, found[:10]
    assert "ext. 8964 (Ms Aruthita) or 8969 (Mrs Nithittha)" in text_of(built_site, "en/2562")


# --- English wording ------------------------------------------------------------------------


def test_finder_questions_read_as_questions(built_site):
    html = (built_site / "en/2566/finder/index.html").read_text(encoding="utf-8")
    questions = [norm(re.sub(r"<[^>]+>", "", q)) for q in re.findall(r'<p class="lr-finder__q"[^>]*>(.*?)</p>', html, re.S)]
    assert len(questions) > 10
    assert all(q.endswith("?") for q in questions), [q for q in questions if not q.endswith("?")]
    assert any(q.endswith("Has the work been in actual use, with verifiable results, for at least one year?") for q in questions)


@pytest.mark.parametrize(("page", "right", "wrong"), [
    ("en/2566/service/innovation", "brings a step change in the service", "by a leap"),
    ("en/2566/service/innovation", "the work is an innovation that", "a new innovation"),
    ("en/winners/2565", "Improving the organisation and strengthening disease prevention and control", "Reorganising the department"),
    ("en/2562/timeline", "Administrative Officer, Experienced Level", "Senior Administrative Officer"),
])
def test_english_wording(built_site, page, right, wrong):
    text = text_of(built_site, page)
    assert right in text and wrong not in text


def test_the_source_of_each_english_type_name_is_recorded_for_editors(built_site):
    staff = text_of(built_site, "en/editing/notes")
    assert 'The English name "Open Governance" is OPDC\'s own, as the source gives it.' in staff
    assert 'the English name "Service Innovation" is not taken from the source' in staff


# --- what readers want that the sources bury -------------------------------------------------


def test_the_six_participation_target_groups_side_by_side(built_site):
    html = (built_site / "en/2566/participation/index.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="lr-target-groups">'):]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr><th scope=\"row\">", table)
    assert len(rows) == 6
    assert "Open Governance" in table and "State agencies, with project-type works" in table


def test_the_pmqa_4_0_score_table_is_a_table(built_site):
    html = (built_site / "en/2566/pmqa/index.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="lr-data-table">'):]
    table = table[: table.index("</table>")]
    assert len(re.findall(r"<tr><th scope=\"row\">", table)) == 9
    assert re.search(r"Total \(500 agencies\)</th><td[^>]*>491.90</td><td[^>]*>425.52</td><td[^>]*>378.51</td>", table), table[-600:]
    assert "พจน" not in (built_site / "2566/pmqa/index.html").read_text(encoding="utf-8")


def test_open_data_carries_the_register_the_citations_name(built_site):
    from generator.content.models import DocumentList

    for name in ("data/winners.json", "data/rubrics-2566.json"):
        data = json.loads((built_site / name).read_text(encoding="utf-8"))
        assert DocumentList.model_validate({"documents": data["documents"]}).documents == list(CATALOG.documents), name
    assert "documents.schema.json" in text_of(built_site, "en/data")
