"""The synthetic archive used by `make bench`: valid content, the same bytes for the same
seed, and a smaller archive is the newest years of a larger one."""

from __future__ import annotations

import re

from generator.content.catalog import load_catalog
from tools.synthetic import write_rubrics

from conftest import REPO, file_digests, lertrat


def test_synthetic_archive_passes_lertrat_check_and_is_deterministic(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    made = write_rubrics(first, 3, per_year=40, template=REPO)
    write_rubrics(second, 3, per_year=40, template=REPO)
    assert file_digests(first / "rubrics") == file_digests(second / "rubrics")
    run = lertrat(first, "check")
    assert run.code == 0, run.output
    assert f"{made['winners']} winner(s)" in run.stdout and f"{made['agencies']} agencies" in run.stdout
    catalog = load_catalog(first)
    newest = max(y.year for y in load_catalog(REPO).years)
    assert [w.year for w in catalog.winners] == [newest, newest - 1, newest - 2]
    for entry in catalog.winners:
        assert 36 <= len(entry.model.winners) <= 44  # ~40 a year
        for w in entry.model.winners:
            assert re.search(r"[\u0E00-\u0E7F]", w.title.th) and not re.search(r"[\u0E00-\u0E7F]", w.title.en)
            assert w.source.document == "synthetic-archive"
    # The criteria are the real programme years, unchanged.
    assert {y.year for y in catalog.years} == {y.year for y in load_catalog(REPO).years}


def test_a_smaller_archive_is_the_newest_years_of_a_larger_one(tmp_path):
    write_rubrics(tmp_path / "two", 2, per_year=20, template=REPO)
    write_rubrics(tmp_path / "four", 4, per_year=20, template=REPO)
    two, four = file_digests(tmp_path / "two" / "rubrics"), file_digests(tmp_path / "four" / "rubrics")
    assert two.items() <= four.items()
    assert len([p for p in four if p.startswith("winners/25")]) == 4


def test_all_criteria_gives_every_year_a_full_programme_year(tmp_path):
    write_rubrics(tmp_path, 3, per_year=10, template=REPO, all_criteria=True)
    catalog = load_catalog(tmp_path)
    newest = max(y.year for y in load_catalog(REPO).years)
    years = {y.year: y for y in catalog.years}
    for be in range(newest - 2, newest + 1):
        assert be in years and [b.model.id for b in years[be].branches] == [b.model.id for b in years[newest].branches]
        assert all(int(m.date[:4]) + 543 in (be - 1, be) for m in years[be].model.milestones)
