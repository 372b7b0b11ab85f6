"""The search index step (generator/site/search.py) and ``lertrat search-index``, on small
built sites written here, and on the real built site."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.site.search import CELL, INDEX, read_page, write_search_index

from conftest import lertrat

PAGE = """<!doctype html>
<html lang="{lang}" class="no-js"><head><title>{title} - Site</title></head><body>
<nav class="md-nav"><a href="x">Navigation is not searched</a></nav>
<main><article class="md-content__inner md-typeset">
<h1 id="t">{title}<a class="headerlink" href="#t" title="Permanent link">&para;</a></h1>
{body}
</article></main><footer>Footer</footer></body></html>"""


def page(body: str, title: str = "ประเภทนวัตกรรมบริการ", lang: str = "th") -> str:
    return PAGE.format(lang=lang, title=title, body=body)


def blocks(html: str) -> list[str]:
    return [b for s in read_page(html, "x/").sections for b in s.blocks]


def test_sections_follow_their_page_in_the_index(tmp_path: Path):
    site = write_site(tmp_path / "site", {"": page("<p>หน้าแรก</p>", "รางวัลเลิศรัฐ"),
                                          "x": page('<p>ก่อนหัวข้อ</p><h2 id="ก">หัวข้อ</h2><p>หนึ่ง</p><p>สอง</p>', "หน้า")})
    write_search_index(site)
    docs = json.loads((site / INDEX).read_text(encoding="utf-8"))["docs"]
    assert docs == [{"location": "", "title": "รางวัลเลิศรัฐ", "text": "หน้าแรก"},
                    {"location": "x/", "title": "หน้า", "text": "ก่อนหัวข้อ"},
                    {"location": "x/#ก", "title": "หัวข้อ", "text": "หนึ่ง\nสอง"}]


def test_title_sections_and_blocks_are_what_the_article_shows():
    found = read_page(page("""<p>ความหมาย <strong>สำคัญ</strong> ของรางวัล</p>
<h2 id="เงื่อนไข">เงื่อนไข<a class="headerlink" href="#เงื่อนไข">&para;</a></h2>
<ul><li>ข้อแรก<ul><li>ข้อย่อย</li></ul></li><li>ข้อสอง</li></ul>
<h3>หัวข้อที่ไม่มี id</h3><p>ย่อหน้า</p>"""), "2566/service/innovation/")
    assert found.lang == "th" and found.title == "ประเภทนวัตกรรมบริการ" and found.path == "2566/service/innovation/"
    assert [(s.anchor, s.heading, s.blocks) for s in found.sections] == [
        ("", "", ["ความหมาย สำคัญ ของรางวัล"]),
        ("เงื่อนไข", "เงื่อนไข", ["ข้อแรก", "ข้อย่อย", "ข้อสอง", "หัวข้อที่ไม่มี id", "ย่อหน้า"]),
    ]


def test_table_rows_keep_their_cells_apart():
    html = page("""<table><caption>เกณฑ์การประเมิน</caption>
<thead><tr><th>ข้อ</th><th>ข้อคำถาม</th><th>คะแนน</th></tr></thead>
<tbody><tr><td>1</td><td>สภาพปัญหา <p>และ</p> สาเหตุ</td><td></td></tr></tbody></table>""")
    assert blocks(html) == ["เกณฑ์การประเมิน", f"ข้อ{CELL}ข้อคำถาม{CELL}คะแนน", f"1{CELL}สภาพปัญหา และ สาเหตุ"]


def test_what_a_reader_does_not_see_is_left_out():
    html = page("""<noscript><p class="lr-noscript">การคำนวณในหน้านี้ต้องใช้ JavaScript</p></noscript>
<script type="application/json">{"ไม่ใช่": "ข้อความ"}</script><style>.x{}</style>
<svg><text>แผนภูมิ</text></svg><div hidden><p>ซ่อนอยู่</p></div>
<p class="lr-print-meta" data-search-exclude>พิมพ์จาก /x/</p>
<p><button type="button">พิมพ์</button>เห็นได้</p>""")
    assert blocks(html) == ["เห็นได้"]


def test_inline_marks_join_words_and_styled_labels_stand_apart():
    html = page("""<p>000&#95;9<span lang="en">e7b3</span> (<span lang="en">Innovation</span>)</p>
<p><span class="lr-date"><time>15 พฤศจิกายน 2565</time> <span class="lr-ms__status">ผ่านไปแล้ว</span></span><strong>ชี้แจง</strong><br>รายละเอียด</p>""")
    assert blocks(html) == ["000_9e7b3 (Innovation)", "15 พฤศจิกายน 2565 ผ่านไปแล้ว ชี้แจง", "รายละเอียด"]


def write_site(root: Path, pages: dict[str, str]) -> Path:
    for path, html in pages.items():
        target = root / path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    return root


SMALL = {
    "": page("<p>หน้าแรก</p>", "รางวัลเลิศรัฐ"),
    "2566": page("<p>ปีนี้</p>", "รางวัลเลิศรัฐ ประจำปี 2566"),
    "2566/service": page("<p>สาขา</p>", "รางวัลบริการภาครัฐ"),
    "2566/service/innovation": page("<p>ความพึงพอใจ</p>"),
    "2562": page("<p>ปีก่อน</p>", "รางวัลเลิศรัฐ ประจำปี 2562"),
    "2562/service": page("<p>สาขา</p>", "รางวัลเลิศรัฐ สาขาบริการภาครัฐ"),
    "2562/service/innovation": page("<p>ความพึงพอใจ</p>"),
    "agencies": page("<p>รายชื่อ</p>", "หน่วยงาน"),
    "agencies/rd": page("<p>ผลงาน</p>", "กรมสรรพากร"),
    "en": page("<p>Home</p>", "Public Sector Excellence Awards", "en"),
    "en/2566/service": page("<p>Branch</p>", "Public Service Award", "en"),
    "en/2566/service/innovation": page("<p>Satisfaction</p>", "Service Innovation", "en"),
}


def test_one_index_per_language_with_year_and_branch_in_titles(tmp_path: Path):
    site = write_site(tmp_path / "site", SMALL)
    (site / "search").mkdir()
    (site / INDEX).write_text('{"config": {}, "docs": [{"location": "merged"}]}', encoding="utf-8")  # as Material leaves it
    written = write_search_index(site)
    assert [(w.lang, w.path, w.pages) for w in written] == [("th", site / INDEX, 9), ("en", site / "en" / INDEX, 3)]
    thai = json.loads((site / INDEX).read_text(encoding="utf-8"))
    english = json.loads((site / "en" / INDEX).read_text(encoding="utf-8"))
    assert thai["config"]["lang"] == ["th"] and english["config"]["lang"] == ["en"]
    entries = {d["location"]: d for d in thai["docs"]}
    assert entries["2566/service/innovation/"] == {"location": "2566/service/innovation/", "title": "ประเภทนวัตกรรมบริการ", "text": "ความพึงพอใจ",
                                                   "where": "รางวัลบริการภาครัฐ · พ.ศ. 2566", "year": 2566}
    assert entries["2562/service/innovation/"]["where"] == "รางวัลเลิศรัฐ สาขาบริการภาครัฐ · พ.ศ. 2562"
    assert (entries["2566/service/"]["where"], entries["2566/service/"]["year"]) == ("พ.ศ. 2566", 2566)
    assert "where" not in entries["2566/"]  # the title names the year already
    assert entries["agencies/rd/"] == {"location": "agencies/rd/", "title": "กรมสรรพากร", "text": "ผลงาน", "where": "หน่วยงาน"}  # the page above; no year
    english_entries = {d["location"]: d for d in english["docs"]}
    assert english_entries["en/2566/service/innovation/"]["where"] == "Public Service Award · 2023 (BE 2566)"
    assert "นวัตกรรม" in (site / INDEX).read_text(encoding="utf-8")  # UTF-8, not \\u escapes
    before = {w.path: w.path.read_bytes() for w in written}
    write_search_index(site)
    assert {w.path: w.path.read_bytes() for w in written} == before  # the same site gives the same bytes


def test_a_page_kept_out_of_search_is_not_indexed(tmp_path: Path):
    kept_out = page("<p>บันทึกของบรรณาธิการ</p>", "หมายเหตุสำหรับผู้แก้ไข").replace(
        "<title>", '<meta name="lertrat:search" content="exclude"><title>')
    site = write_site(tmp_path / "site", {"": page("<p>หน้าแรก</p>", "รางวัลเลิศรัฐ"), "editing/notes": kept_out})
    write_search_index(site)
    assert [d["location"] for d in json.loads((site / INDEX).read_text(encoding="utf-8"))["docs"]] == [""]


def test_front_matter_keeps_a_page_out_of_search(project: Path):
    """Material's own way of saying it, on a hand-written page, through the build."""
    for name, title in (("kept-out.md", "หน้านี้ไม่อยู่ในการค้นหา"), ("kept-out.en.md", "Not in search")):
        (project / "content" / name).write_text(f"---\nsearch:\n  exclude: true\n---\n\n# {title}\n\nText.\n", encoding="utf-8")
    run = lertrat(project, "build")
    assert run.code == 0, run.output
    site = project / "site"
    assert '<meta name="lertrat:search" content="exclude">' in (site / "kept-out" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="lertrat:search"' not in (site / "about" / "index.html").read_text(encoding="utf-8")
    locations = [d["location"] for index in (site / INDEX, site / "en" / INDEX) for d in json.loads(index.read_text(encoding="utf-8"))["docs"]]
    assert "about/" in locations and "en/about/" in locations
    assert not [loc for loc in locations if "kept-out" in loc]


def test_the_command_indexes_any_built_folder(tmp_path: Path):
    site = write_site(tmp_path / "built elsewhere", SMALL)
    run = lertrat(tmp_path, "search-index", str(site))
    assert run.code == 0, run.output
    assert run.stdout.splitlines() == [f"wrote {site / INDEX} (th, 9 pages)", f"wrote {site / 'en' / INDEX} (en, 3 pages)"]


def test_the_command_refuses_what_is_no_built_site(tmp_path: Path):
    missing = tmp_path / "nowhere"
    run = lertrat(tmp_path, "search-index", str(missing))
    assert (run.code, run.stdout) == (1, "")
    assert run.stderr == f"lertrat search-index: {missing} is not a folder; give the folder of a built site (e.g. site/)\n"
    (tmp_path / "empty").mkdir()
    run = lertrat(tmp_path, "search-index", str(tmp_path / "empty"))
    assert (run.code, run.stdout) == (1, "")
    assert run.stderr == f"lertrat search-index: {tmp_path / 'empty'} holds no built page (no index.html); nothing was written\n"


def test_the_built_site_indexes_every_page_agencies_included(built_site: Path):
    pages = {p.parent.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")}
    thai = json.loads((built_site / INDEX).read_text(encoding="utf-8"))["docs"]
    english = json.loads((built_site / "en" / INDEX).read_text(encoding="utf-8"))["docs"]
    indexed = {d["location"].rstrip("/") or "." for d in thai + english if "#" not in d["location"]}
    assert indexed == pages - {"search", "en/search", "editing/notes", "en/editing/notes"}  # the staff page of editors' notes is left out
    agencies = [d for d in thai if re.fullmatch(r"agencies/[^/#]+/", d["location"])]
    assert len(agencies) >= 50
    revenue = [d for d in thai if d["location"].startswith("agencies/revenue-department/")]
    text = " ".join(d["title"] + " " + d["text"] for d in revenue)
    assert revenue[0]["title"] == "กรมสรรพากร" and "รางวัลเกียรติยศเลิศรัฐ" in text  # its award is on its page, and in the index
    everything = json.dumps(thai + english, ensure_ascii=False)
    assert "การคำนวณในหน้านี้ต้องใช้" not in everything  # the no-JavaScript notice
    assert "¶" not in everything
