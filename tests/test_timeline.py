"""Timelines and calendar files: every dated milestone of the YAML, on the pages and in .ics
files that round-trip through the icalendar library, marked past/next against a stated date."""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess

import pytest
from icalendar import Calendar

from generator.content.catalog import load_catalog
from generator.content.timeline import BuildDate, build_date, catalog_build_date, mark, span, uid
from generator.pages.files import calendar_files
from generator.pages.labels import labels
from generator.pages.render import render_site
from generator.pages.text import format_date, format_span
from generator.site.downloads import site_files

from conftest import REPO
from htmltext import norm, read
from sitelinks import broken_links, page_path, resolve

CATALOG = load_catalog(REPO)
YEARS_WITH_MILESTONES = [y for y in CATALOG.years if y.model.milestones]
WORDS = labels()


def test_there_are_milestones_of_every_precision_to_check():
    kinds = {(m.date.count("-"), bool(m.end), bool(m.part)) for y in YEARS_WITH_MILESTONES for m in y.model.milestones}
    assert {(2, False, False), (2, True, False), (1, False, False), (1, False, True)} <= kinds


def _milestone(year: int, milestone_id: str):
    return next(m for y in CATALOG.years if y.year == year for m in y.model.milestones if m.id == milestone_id)


def test_spans_of_days_ranges_months_and_parts_of_months():
    assert span(_milestone(2566, "criteria-briefing")) == (dt.date(2022, 11, 15), dt.date(2022, 11, 15))
    assert span(_milestone(2566, "pmqa-self-assessment")) == (dt.date(2023, 5, 1), dt.date(2023, 6, 30))
    assert span(_milestone(2566, "pmqa-learning-forum")) == (dt.date(2022, 12, 1), dt.date(2022, 12, 31))
    assert span(_milestone(2566, "pmqa-results")) == (dt.date(2023, 9, 21), dt.date(2023, 9, 30))  # late September
    assert span(_milestone(2562, "sisaket-letter")) == (dt.date(2019, 2, 11), dt.date(2019, 2, 20))  # mid-February


def test_marks_past_current_and_the_soonest_next():
    milestones = _year(2566).model.milestones
    ids = [m.id for m in milestones]
    marks = dict(zip(ids, mark(milestones, dt.date(2023, 5, 10)), strict=True))
    assert marks["criteria-briefing"] == marks["pmqa-4-0-assessment-briefing"] == "past"
    assert marks["pmqa-self-assessment"] == "current"  # 1 May – 30 June
    assert marks["pmqa-results"] == "next"
    before = mark(milestones, dt.date(2022, 1, 1))
    assert before[0] == "next" and set(before[1:]) == {"upcoming"}
    assert set(mark(milestones, dt.date(2030, 1, 1))) == {"past"}


def _year(be: int):
    return next(y for y in CATALOG.years if y.year == be)


def test_build_date_comes_from_source_date_epoch_then_git_then_the_newest_milestone(tmp_path, monkeypatch):
    milestones = _year(2566).model.milestones
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1677628800")  # 2023-03-01 00:00 UTC
    assert build_date(REPO, milestones) == BuildDate(dt.date(2023, 3, 1), "epoch")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {"GIT_AUTHOR_DATE": "2024-02-03T20:00:00+00:00", "GIT_COMMITTER_DATE": "2024-02-03T20:00:00+00:00",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "--allow-empty", "-m", "x"], check=True, env=env)
    # 20:00 UTC is 03:00 the next day in Thailand, where the programme's days are counted.
    assert build_date(repo, milestones) == BuildDate(dt.date(2024, 2, 4), "commit")
    assert build_date(tmp_path, milestones) == BuildDate(dt.date(2023, 9, 30), "milestone")


def _rendered(when: BuildDate) -> dict[str, str]:
    return {p.path: p.content for p in render_site(CATALOG, when)}


def test_timeline_page_marks_against_the_build_date_and_says_which(monkeypatch):
    when = BuildDate(dt.date(2023, 5, 10), "epoch")
    pages = _rendered(when)
    for lang, path in (("th", "2566/timeline.md"), ("en", "2566/timeline.en.md")):
        text = pages[path]
        items = re.findall(r'<li class="lr-ms lr-ms--(\w+)" data-start="([\d-]+)" data-end="([\d-]+)">', text)
        milestones = _year(2566).model.milestones
        assert [s for s, _, _ in items] == mark(milestones, when.date)
        assert [(a, b) for _, a, b in items] == [tuple(d.isoformat() for d in span(m)) for m in milestones]
        stated = WORDS["marked_on"][lang].format(date=format_date("2023-05-10", lang), origin=WORDS["origin_epoch"][lang])
        assert norm(stated) in norm(read(text)[0])
        # "What is next" names the current and the next milestone.
        box = html.unescape(text[text.index("data-lr-next"): text.index("</div>", text.index("data-lr-next"))])
        assert getattr(_milestone(2566, "pmqa-self-assessment").title, lang) in box
        assert getattr(_milestone(2566, "pmqa-results").title, lang) in box
        assert getattr(_milestone(2566, "criteria-briefing").title, lang) not in box


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_dated_milestone_is_on_the_timeline_page_in_the_language_calendar(built_site, lang):
    for year in YEARS_WITH_MILESTONES:
        page = page_path(built_site, f"{'en/' if lang == 'en' else ''}{year.year}/timeline/")
        text, _ = read(page.read_text(encoding="utf-8"))
        for m in year.model.milestones:
            shown = format_span(m.date, m.end, lang, m.part)
            assert f"{shown} " in text and norm(getattr(m.title, lang)) in text, (year.year, m.id)
        # Buddhist Era on Thai pages, Common Era on English ones.
        first = year.model.milestones[0]
        be, ce = str(int(first.date[:4]) + 543), first.date[:4]
        assert (be in format_span(first.date, first.end, lang, first.part)) == (lang == "th")
        assert (ce in format_span(first.date, first.end, lang, first.part)) == (lang == "en")
        when = catalog_build_date(None, CATALOG)  # the test copy has no .git: same rule as the build
        assert norm(WORDS["marked_on"][lang].format(date=format_date(when.date.isoformat(), lang), origin=WORDS[f"origin_{when.origin}"][lang])) in text


@pytest.mark.parametrize("lang", ["th", "en"])
def test_award_lineage_is_a_history_timeline(built_site, lang):
    year = _year(2566)
    page = page_path(built_site, f"{'en/' if lang == 'en' else ''}2566/timeline/").read_text(encoding="utf-8")
    history = page[page.index("lr-timeline--history"):]
    entries = re.findall(r'<span class="lr-date">([^<]+)</span><strong>([^<]+)</strong>', history)
    expected = [(WORDS["year_th"][lang].format(be=h.year, ce=h.year - 543), getattr(h.name, lang)) for h in year.model.history]
    assert [(norm(a), norm(b)) for a, b in entries] == [(norm(a), norm(b)) for a, b in expected]
    assert [h.year for h in year.model.history][0] == 2547 and [h.year for h in year.model.history][-1] == 2565


def _events(data: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(data)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_every_calendar_file_round_trips_and_holds_every_dated_milestone(built_site):
    cals = calendar_files(CATALOG)
    assert {c.path for c in cals} >= {"calendar/2566.ics", "calendar/2566-pmqa.ics", "calendar/2562.ics"}
    for cal in cals:
        data = (built_site / cal.path).read_bytes()
        parsed = Calendar.from_ical(data)
        assert parsed["VERSION"] == "2.0" and parsed["PRODID"]
        events = _events(data)
        own = [m for m in cal.year.model.milestones if cal.branch is None or m.branch in (None, cal.branch)]
        assert set(events) == {uid(cal.year.year, m) for m in own}, cal.path
        for m in own:
            event = events[uid(cal.year.year, m)]
            first, last = span(m)
            assert event["DTSTART"].dt == first and not isinstance(event["DTSTART"].dt, dt.datetime)
            assert event["DTEND"].dt == last + dt.timedelta(days=1)  # exclusive end
            assert str(event["SUMMARY"]) == m.title.th
            assert event["SUMMARY"].params["LANGUAGE"] == "th"
            description = str(event["DESCRIPTION"])
            assert m.title.en in description
            if m.text:
                assert norm(m.text.th) in norm(description) and norm(m.text.en) in norm(description)
            if m.date.count("-") == 1:  # month precision is said, in both languages
                assert WORDS["ics_precision_part" if m.part else "ics_precision_month"]["en"].split("{")[0].strip() in description
    pmqa = _events((built_site / "calendar/2566-pmqa.ics").read_bytes())
    assert uid(2566, _milestone(2566, "criteria-briefing")) in pmqa  # the year-wide briefing concerns every branch


def test_calendars_are_deterministic_and_their_uids_stable_across_builds():
    def cals(day: dt.date) -> dict[str, bytes]:
        return {f.path: f.data for f in site_files(CATALOG, BuildDate(day, "epoch")) if f.path.endswith(".ics")}

    first, again, later = cals(dt.date(2023, 1, 1)), cals(dt.date(2023, 1, 1)), cals(dt.date(2024, 6, 1))
    assert first == again
    for path in first:
        assert set(_events(first[path])) == set(_events(later[path])), path
        assert first[path] != later[path]  # only the stamp differs
        assert re.sub(rb"DTSTAMP:\S+", b"", first[path]) == re.sub(rb"DTSTAMP:\S+", b"", later[path])


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_timeline_and_branch_pages_link_their_calendar_files(built_site, prefix):
    timeline = page_path(built_site, f"{prefix}2566/timeline/")
    links = re.findall(r'href="([^"]+\.ics)"', timeline.read_text(encoding="utf-8"))
    assert {resolve(built_site, timeline, link)[0] for link in links} == {
        (built_site / "calendar/2566.ics").resolve(), (built_site / "calendar/2566-pmqa.ics").resolve()}
    branch = page_path(built_site, f"{prefix}2566/pmqa/")
    text = branch.read_text(encoding="utf-8")
    assert [resolve(built_site, branch, link)[0] for link in re.findall(r'href="([^"]+\.ics)"', text)] == [(built_site / "calendar/2566-pmqa.ics").resolve()]
    visible, _ = read(text)
    for m in _year(2566).model.milestones:
        assert (norm(getattr(m.title, "en" if prefix else "th")) in visible) == (m.branch in (None, "pmqa")), m.id  # year-wide steps too
    assert broken_links(built_site, timeline) == [] and broken_links(built_site, branch) == []
