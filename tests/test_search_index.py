"""The search index rewrite (generator/site/search.py) on a small index shaped like Material's."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.site.search import SEPARATOR, ZWSP, rewrite_site_index, segment_doc, split_index

MERGED = {
    "config": {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"],
               "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}},
    "docs": [
        {"location": "2566/service/innovation/", "title": "ประเภทนวัตกรรมบริการ",
         "text": "<p>ความพึงพอใจของผู้รับบริการ คะแนนเต็ม100 พ.ศ.2566 (สำนักงาน ก.พ.ร.)</p>"},
        {"location": "2566/participation/", "title": "รางวัลการบริหารราชการแบบมีส่วนร่วม",
         "text": "<ul><li>กรมสรรพากร</li><li>\"ขยายผล\" เครือข่าย</li></ul>"},
        {"location": "about/", "title": "เกี่ยวกับเว็บไซต์นี้", "text": "<p>PMQA 4.0 (UNPSA)</p>"},
        {"location": "en/2566/service/innovation/", "title": "Service Innovation",
         "text": "<p>Satisfaction of service users (รางวัลเลิศรัฐ), assessed in 2023</p>"},
        {"location": "en/", "title": "Public Sector Excellence Awards", "text": "<p>OPDC</p>"},
    ],
}


def tokens(doc: dict, fields: list[str] | None = None) -> list[str]:
    """What lunr indexes for a document: every field split by the separator, lowercased,
    with HTML tags left out as Material's tokenizer does."""
    found = []
    for field in fields or ["title", "text", "title_runs", "text_runs"]:
        text = re.sub(r"<[^>]*>", " ", doc.get(field, ""))
        found += [t.lower() for t in re.split(SEPARATOR, text) if t]
    return found


def finds(doc: dict, query: str) -> bool:
    """Material adds a trailing wildcard to every query term: a prefix match."""
    return any(t.startswith(query.lower()) for t in tokens(doc))


def by_location(index: dict) -> dict[str, dict]:
    return {d["location"]: d for d in index["docs"]}


def test_each_language_gets_its_own_entries():
    parts = split_index(MERGED, "th", ["th", "en"])
    assert sorted(parts) == ["en", "th"]
    assert [d["location"] for d in parts["th"]["docs"]] == ["2566/service/innovation/", "2566/participation/", "about/"]
    assert [d["location"] for d in parts["en"]["docs"]] == ["en/2566/service/innovation/", "en/"]


def test_config_splits_on_zero_width_space_and_searches_runs_with_their_fields_boost():
    config = split_index(MERGED, "th", ["en"])["th"]["config"]
    assert config["separator"] == SEPARATOR and re.fullmatch(SEPARATOR, ZWSP)
    assert config["lang"] == ["en"]  # no lunr Thai support, so no word-cut script is downloaded
    assert config["fields"]["title_runs"] == {"boost": 1000.0}
    assert config["fields"]["text_runs"] == {"boost": 1.0}
    assert config["fields"]["tags"] == {"boost": 1000000.0}


def test_thai_is_segmented_into_words_and_tags_are_kept():
    docs = by_location(split_index(MERGED, "th", ["en"])["th"])
    innovation = docs["2566/service/innovation/"]
    assert innovation["title"] == ZWSP.join(["ประเภท", "นวัตกรรม", "บริการ"])
    assert innovation["text"].startswith("<p>") and innovation["text"].endswith("</p>")
    assert innovation["text"].replace(ZWSP, "") == MERGED["docs"][0]["text"]
    assert "นวัตกรรม" in tokens(innovation, ["title"])
    assert "ความพึงพอใจ" in tokens(innovation, ["text"])


def test_whole_words_compounds_parts_names_and_numbers_match():
    docs = by_location(split_index(MERGED, "th", ["en"])["th"])
    innovation, participation, about = docs["2566/service/innovation/"], docs["2566/participation/"], docs["about/"]
    for query in ["นวัตกรรม", "นวัตกรรมบริการ", "ความพึงพอใจ", "พอใจ", "ผู้รับบริการ", "100", "2566", "ก.พ.ร."]:
        assert finds(innovation, query), query
    for query in ["การบริหารราชการแบบมีส่วนร่วม", "บริหารราชการ", "ส่วนร่วม", "กรมสรรพากร", "สรรพากร", "ขยายผล", "เครือข่าย"]:
        assert finds(participation, query), query
    for query in ["pmqa", "4.0", "unpsa"]:
        assert finds(about, query), query


def test_no_match_without_the_words():
    docs = by_location(split_index(MERGED, "th", ["en"])["th"])
    for query in ["กรมสรรพากร", "ขยายผล", "ส่วนร่วม", "2565"]:
        assert not finds(docs["2566/service/innovation/"], query), query
    for query in ["นวัตกรรม", "พอใจ", "2566"]:
        assert not finds(docs["2566/participation/"], query), query


def test_english_entries_keep_their_words_and_thai_names_are_segmented():
    doc = by_location(split_index(MERGED, "th", ["en"])["en"])["en/2566/service/innovation/"]
    assert doc["title"] == "Service Innovation"
    for query in ["satisfaction", "assess", "2023", "รางวัลเลิศรัฐ", "เลิศรัฐ"]:
        assert finds(doc, query), query


def test_runs_that_another_token_begins_are_dropped():
    doc = segment_doc({"location": "x/", "title": "", "text": "<p>เลิศรัฐ เลิศรัฐประจำปี</p>"})
    runs = doc.get("text_runs", "").split(" ")
    assert "รัฐประจำปี" in runs  # a syllable inside เลิศรัฐ, then the next word
    assert "เลิศรัฐ" not in runs and "รัฐ" not in runs  # begun by "เลิศรัฐประจำปี" / "รัฐประจำปี"


def test_rewrite_writes_one_index_per_language_and_only_once(tmp_path: Path):
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "search" / "search_index.json").write_text(json.dumps(MERGED), encoding="utf-8")
    written = rewrite_site_index(site, "th", ["th", "en"])
    assert written == {"th": site / "search" / "search_index.json", "en": site / "en" / "search" / "search_index.json"}
    thai = json.loads(written["th"].read_text(encoding="utf-8"))
    english = json.loads(written["en"].read_text(encoding="utf-8"))
    assert len(thai["docs"]) == 3 and len(english["docs"]) == 2
    assert "นวัตกรรม" in written["th"].read_text(encoding="utf-8")  # UTF-8, not \\u escapes
    before = written["th"].read_bytes()
    assert rewrite_site_index(site, "th", ["th", "en"]) == {}  # a second call leaves the rewritten index alone
    assert written["th"].read_bytes() == before
