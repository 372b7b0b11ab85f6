"""Milestones as calendar spans: which is past or next, and the calendar (.ics) files.

A milestone is a day, a range of days, or (month precision) a month or part of one
("late September 2566"). Pages, the browser script and the calendar files all need the
same first and last day, so the rule lives here once: a whole month covers the month;
early / mid / late cover days 1–10, 11–20 and 21 to the end of the month, the usual
reading of ต้นเดือน / กลางเดือน / ปลายเดือน. The calendar files say so in each event.

The site must come out byte-identical from the same commit, so nothing here reads the
clock: "past" and "next" are marked against a build date that comes from
SOURCE_DATE_EPOCH, else the date of the last git commit, else the newest milestone;
a small script on the page marks them again against the reader's today.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
import os
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .models import Milestone
from .placeholders import is_placeholder

THAI_TIME = dt.timezone(dt.timedelta(hours=7))  # the programme's own calendar day (Asia/Bangkok, no DST)
PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
Status = Literal["past", "current", "next", "upcoming"]
UID_DOMAIN = "lertrat"


@dataclass(frozen=True)
class BuildDate:
    """The date pages are marked against, and where it came from (shown on the page)."""

    date: dt.date
    origin: Literal["epoch", "commit", "milestone", "none"]


def span(milestone: Milestone) -> tuple[dt.date, dt.date]:
    """First and last day (inclusive) that the milestone covers."""
    start = _parse(milestone.date, first=True, part=milestone.part)
    end = _parse(milestone.end, first=False, part=None) if milestone.end else _parse(milestone.date, first=False, part=milestone.part)
    return start, end


def precision(milestone: Milestone) -> Literal["day", "range", "month", "part"]:
    if milestone.date.count("-") == 1:
        return "part" if milestone.part else "month"
    return "range" if milestone.end and milestone.end != milestone.date else "day"


def _parse(iso: str, first: bool, part: str | None) -> dt.date:
    parts = [int(x) for x in iso.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    year, month = parts
    last_day = month_calendar.monthrange(year, month)[1]
    low, high = PART_DAYS[part] if part else (1, last_day)
    return dt.date(year, month, low if first else min(high, last_day))


def dated(milestone: Milestone) -> bool:
    """False for a milestone whose date is still a ``TODO`` placeholder (lertrat new-year)."""
    return not is_placeholder(milestone.date)


def mark(milestones: Sequence[Milestone], today: dt.date) -> list[Status]:
    """The status of each milestone relative to ``today``: past, current (today is inside
    it), next (the soonest one still to start) or upcoming (later ones, and those without a
    date yet)."""
    spans = [span(m) if dated(m) else None for m in milestones]
    future = [s[0] for s in spans if s is not None and s[0] > today]
    soonest = min(future) if future else None
    statuses: list[Status] = []
    for found in spans:
        if found is None:
            statuses.append("upcoming")
            continue
        start, end = found
        if end < today:
            statuses.append("past")
        elif start <= today:
            statuses.append("current")
        else:
            statuses.append("next" if start == soonest else "upcoming")
    return statuses


def build_date(root: Path | None, milestones: Iterable[Milestone]) -> BuildDate:
    """SOURCE_DATE_EPOCH if set, else the last git commit of ``root``, else the newest milestone."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return BuildDate(dt.datetime.fromtimestamp(int(epoch), THAI_TIME).date(), "epoch")
    if root is not None and (root / ".git").exists():
        try:
            done = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            done = None
        if done is not None and done.returncode == 0 and done.stdout.strip().isdigit():
            return BuildDate(dt.datetime.fromtimestamp(int(done.stdout.strip()), THAI_TIME).date(), "commit")
    return newest_milestone(milestones)


def newest_milestone(milestones: Iterable[Milestone]) -> BuildDate:
    """The last day of the latest milestone: the date the data itself is "as of"."""
    ends = [span(m)[1] for m in milestones if dated(m)]
    if ends:
        return BuildDate(max(ends), "milestone")
    return BuildDate(dt.date(2000, 1, 1), "none")


def catalog_build_date(root: Path | None, catalog) -> BuildDate:
    return build_date(root, [m for year in catalog.years for m in year.model.milestones])


def uid(year: int, milestone: Milestone) -> str:
    """Stable across builds: re-importing a calendar updates its events instead of adding copies."""
    return f"{year}-{milestone.branch or 'all'}-{milestone.id}@{UID_DOMAIN}"


def ics(
    name: str,
    year: int,
    milestones: Sequence[Milestone],
    stamp: dt.date,
    describe: Callable[[Milestone], str],
) -> bytes:
    """An RFC 5545 calendar of all-day events (DTEND is the day after the last day)."""
    from icalendar import Calendar, Event  # here, not above: `lertrat check` never needs it

    cal = Calendar()
    cal.add("prodid", "-//OPDC Public Sector Excellence Awards//lertrat//TH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    stamp_time = dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.UTC)
    for milestone in filter(dated, milestones):
        start, end = span(milestone)
        event = Event()
        event.add("uid", uid(year, milestone))
        event.add("dtstamp", stamp_time)
        event.add("dtstart", start)
        event.add("dtend", end + dt.timedelta(days=1))
        event.add("summary", milestone.title.th, parameters={"LANGUAGE": "th"})
        event.add("description", describe(milestone))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
