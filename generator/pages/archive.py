"""Page families of the archive: programme-year timelines, the winners showcase, one page
per agency, and the open-data page. Called by ``render._Renderer.run``.

The archive grows by ~250 winners a year, so these pages are shaped to stay small and
the build linear (see DESIGN.md §9): the showcase lists one year and loads the rest only
when a reader filters; agency pages exist for every agency but are kept out of the
sidebar (``nav.nav_hidden``), so no page carries hundreds of links in its navigation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..content.archive import Archive
from ..content.entries import Catalog
from ..content.models import Agency, YearStatistics
from ..content.placeholders import is_placeholder
from ..content.timeline import BuildDate, dated, mark, newest_milestone, span
from .archive_html import ArchiveHtml
from .chart import bar_chart
from .files import CSV_COLUMNS, calendar_files, calendar_name, open_data_files, showcase_file
from .labels import DEFAULT_LANG
from .paths import Paths, href, url_of
from .text import format_date, number

_LEADING_VOWELS = "เแโใไ"


def thai_sort_key(text: str) -> str:
    """Thai dictionary order puts a leading vowel (เ แ โ ใ ไ) after its consonant."""
    return re.sub(f"(^|\\s)([{_LEADING_VOWELS}])(\\S)", r"\1\3\2", text)


def newest_statistics(catalog: Catalog) -> Sequence[YearStatistics]:
    """The statistics of the newest programme year that gives them (the winners page shows them)."""
    return next((year.model.statistics for year in catalog.years if year.model.statistics), [])


class ArchivePages:
    def __init__(self, renderer: Any):  # render._Renderer, which imports this module
        self.r = renderer
        catalog = renderer.catalog
        self.archive = Archive(catalog)
        # Without a build date (tests, golden pages), the data's own date: never the environment's.
        self.when: BuildDate = renderer.when or newest_milestone([m for y in catalog.years for m in y.model.milestones])
        self.calendars = calendar_files(catalog)
        self.statistics = newest_statistics(catalog)
        newest = max(self.archive.by_year, default=None)
        self.showcase = {
            "facets": self.archive.facets(),
            "year": newest,
            "awards": self.archive.by_year.get(newest, []),
            "file": showcase_file,
        }
        for lang in renderer.langs:
            renderer.lookups[lang].update(self._lookups(lang))

    def _lookups(self, lang: str) -> dict[str, Any]:
        words = self.r.words[lang]
        prefix = "" if lang == DEFAULT_LANG else f"{lang}/"  # where pages of this language live
        archive = self.archive
        when = self.when

        def agency_name(agency_id: str) -> str:
            return getattr(archive.agencies[agency_id].name, lang)

        def stats_chart(rows: Sequence[YearStatistics], chart_id: str) -> str:
            # a new programme year's row is still TODO until its figures are known: no bar for it
            rows = [r for r in rows if not (is_placeholder(r.applications) or is_placeholder(r.awards))]
            if not rows:
                return ""
            shown = [str(r.year if lang == "th" else r.year - 543) for r in rows]
            first, last = shown[0], shown[-1]
            items = "; ".join(
                words["chart_item"].format(year=y, applications=number(r.applications), awards=number(r.awards)) for y, r in zip(shown, rows, strict=True)
            )
            return bar_chart(
                chart_id,
                words["chart_title"].format(**{"from": first, "to": last}),
                words["chart_desc"].format(items=items),
                shown,
                [words["applications"], words["awards"]],
                [[r.applications, r.awards] for r in rows],
                number,
            )

        def marked_on() -> str:
            return words["marked_on"].format(date=format_date(when.date.isoformat(), lang), origin=words[f"origin_{when.origin}"])

        def agencies_sorted(items: Sequence[Agency]) -> list[Agency]:
            key = (lambda a: thai_sort_key(a.name.th)) if lang == "th" else (lambda a: a.name.en.casefold())
            return sorted(items, key=key)

        html = ArchiveHtml(archive, lang, prefix, words, self.r.lookups[lang]["agency_label"], self.r.lookups[lang]["year_label"],
                           self.r.lookups[lang]["cite"])
        return {
            "archive": archive,
            "winner_rows": html.rows,
            "work_section": html.work_section,
            "work_title": html.title,
            "showcase": self.showcase,
            "statistics_source": self.statistics,
            "P": Paths,
            "agency_name": agency_name,
            "award_text": html.award_text,
            "page_href": lambda target, here: href(url_of(target), here, prefix),
            "file_href": lambda target, here: href(target, here, prefix, localized=False),
            "ms_marks": lambda milestones: list(zip(milestones, mark(milestones, when.date), strict=True)),
            "ms_span": lambda m: [d.isoformat() for d in span(m)] if dated(m) else [],
            "marked_on": marked_on,
            "stats_chart": stats_chart,
            "calendars": self.calendars,
            "calendar_name": lambda cal: calendar_name(cal, lang),
            "agencies_sorted": agencies_sorted,
            "awarded_count": self.awarded_count,
        }

    def awarded_count(self, year: int) -> int | None:
        """How many works the statistics say were awarded in ``year`` (None where they do not
        say): a winners list shorter than that is a selection, and the page says so."""
        return next((s.awards for s in self.statistics if s.year == year and isinstance(s.awards, int)), None)

    def run(self) -> None:
        r, catalog, archive = self.r, self.r.catalog, self.archive
        for year in catalog.years:
            if year.model.milestones or year.model.history:
                r.emit("timeline.md.j2", Paths.timeline(year.year), year.source_file, year=year,
                       year_calendars=[c for c in self.calendars if c.year.year == year.year])
        if catalog.agencies:
            r.emit("agencies.md.j2", Paths.agencies(), "rubrics/agencies.yaml", records=archive.records)
            for agency in catalog.agencies:
                r.emit("agency.md.j2", Paths.agency(agency.id), "rubrics/agencies.yaml and rubrics/winners/", record=archive.records[agency.id])
        r.emit("data.md.j2", Paths.data(), "rubrics/", files=open_data_files(catalog), csv_columns=CSV_COLUMNS,
               calendar_list=self.calendars)
