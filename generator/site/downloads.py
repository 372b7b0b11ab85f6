"""Files the site offers besides its pages: calendars (.ics), open data (CSV, JSON, JSON
Schema) and the compact list the winners filter loads when a reader first uses it.

They are not Markdown, so they do not go through the docs dir: the MkDocs hook writes
them into the built site after the build (``on_post_build``). Everything here is a pure
function of the catalog and the build date, so the same commit gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from pydantic import BaseModel

from ..content.archive import Archive
from ..content.entries import Catalog, YearEntry
from ..content.models import Milestone
from ..content.placeholders import is_placeholder
from ..content.schema import schemas
from ..content.timeline import BuildDate, ics, precision, span
from ..pages.cite import cite
from ..pages.files import CSV_COLUMNS, DATA_DIR, CalendarFile, calendar_files, calendar_name, showcase_file
from ..pages.labels import LANGS, labels
from ..pages.text import format_date, format_span, quantity


@dataclass(frozen=True)
class SiteFile:
    path: str  # relative to the site root, e.g. "data/winners.csv"
    data: bytes


def site_files(catalog: Catalog, when: BuildDate, archive: Archive | None = None) -> list[SiteFile]:
    archive = archive or Archive(catalog)
    files = [SiteFile(c.path, _calendar(c, when, catalog)) for c in calendar_files(catalog)]
    files.append(SiteFile(f"{DATA_DIR}/winners.csv", winners_csv(archive)))
    files += [SiteFile(f"{DATA_DIR}/schema/{name}", data) for name, data in _schema_files().items()]
    files.append(SiteFile(f"{DATA_DIR}/winners.json", _json(winners_json(catalog))))
    for year in catalog.years:
        files.append(SiteFile(f"{DATA_DIR}/rubrics-{year.year}.json", _json(rubrics_json(year))))
    for lang in LANGS:
        files.append(SiteFile(showcase_file(lang), json.dumps(showcase(archive, lang), ensure_ascii=False, separators=(",", ":")).encode("utf-8")))
    return files


@cache
def _schema_files() -> dict[str, bytes]:
    """The JSON Schemas as ``lertrat schema`` writes them (made once per process: pydantic takes a while)."""
    return {name: (json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8") for name, schema in schemas().items()}


# --- calendars ---------------------------------------------------------------------------


def _calendar(cal: CalendarFile, when: BuildDate, catalog: Catalog) -> bytes:
    words = {lang: {k: v[lang] for k, v in labels().items()} for lang in LANGS}
    documents = {d.id: d for d in catalog.documents}

    def describe(m: Milestone) -> str:
        """Thai first, then English (the title too, since SUMMARY is Thai), with what the source left open."""
        blocks = []
        for lang in LANGS:
            w = words[lang]
            lines = [] if lang == "th" else [m.title.en]
            if m.text:
                lines.append(getattr(m.text, lang))
            kind = precision(m)
            if kind in ("month", "part"):
                first, last = span(m)
                shown = format_span(first.isoformat(), last.isoformat(), lang)
                lines.append(w[f"ics_precision_{kind}"].format(when=format_date(m.date, lang, m.part), shown=shown))
            if m.reference and not is_placeholder(m.reference):
                lines.append(f"{w['reference']} {m.reference}")
            for note in m.notes:
                lines.append(f"{w['notes']}: {getattr(note, lang)}")
            if lang == "en" and not is_placeholder(m.source.document):
                lines.append(f"{w['source']}: {cite(m.source, documents, lang, w)}")
            blocks.append("\n".join(" ".join(line.split()) for line in lines))
        return "\n\n".join(b for b in blocks if b)

    return ics(calendar_name(cal, "th"), cal.year.year, cal.milestones, when.date, describe)


# --- open data ---------------------------------------------------------------------------

def winners_csv(archive: Archive) -> bytes:
    """Every award as one row: winning works, honour awards and UNPSA awards (``kind``).

    UTF-8 with a byte-order mark, so that Excel opens the Thai text correctly."""
    header = [c for group in CSV_COLUMNS for c in group]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    catalog = archive.catalog

    def agency_cols(prefix: str, agency_id: str | None) -> dict[str, str]:
        agency = archive.agencies.get(agency_id) if agency_id else None
        return {prefix: agency.id if agency else "", f"{prefix}_th": agency.name.th if agency else "", f"{prefix}_en": agency.name.en if agency else ""}

    def common(year: int, agency_id: str) -> dict[str, str]:
        parent = archive.agencies[agency_id].parent
        ministry = archive.ministry(agency_id)
        return {
            "year_be": str(year), "year_ce": str(year - 543),
            **agency_cols("agency", agency_id), **agency_cols("parent", parent), **agency_cols("ministry", ministry.id if ministry else None),
        }

    for award in archive.awards:
        w = award.winner
        names = {
            "branch": archive.branch_name(w.branch, award.year),
            "type": archive.type_name(w.branch, w.type, award.year) if w.type else None,
            "level": archive.level_name(w.branch, w.level, award.year) if w.level else None,
        }
        row = {"kind": "winner", "id": w.id, **common(award.year, w.agency), "partners": " ".join(w.partners)}
        for key, name in names.items():
            row[key] = getattr(w, key) or ""
            row[f"{key}_th"], row[f"{key}_en"] = (name.th, name.en) if name else ("", "")
        for lang in LANGS:
            row[f"title_{lang}"] = getattr(w.title, lang) if w.title else ""
            row[f"summary_{lang}"] = getattr(w.summary, lang) if w.summary else ""
            row[f"figures_{lang}"] = " | ".join(f"{quantity(f.value, getattr(f.unit, lang))} — {getattr(f.label, lang)}" for f in w.figures if not is_placeholder(f.value))
        row.update(source_document=w.source.document, source_section=w.source.section)
        writer.writerow(_clean(row))
    for entry in catalog.winners:
        for honour in entry.model.honours:
            row = {"kind": "honour", **common(entry.year, honour.agency), "summary_th": honour.citation.th, "summary_en": honour.citation.en,
                   "source_document": honour.source.document, "source_section": honour.source.section}
            writer.writerow(_clean(row))
    if catalog.unpsa:
        for prize in catalog.unpsa.awards:
            row = {"kind": "unpsa", **common(prize.year, prize.agency), "title_th": prize.title.th, "title_en": prize.title.en,
                   "summary_th": prize.category.th if prize.category else "", "summary_en": prize.category.en if prize.category else "",
                   "source_document": prize.source.document, "source_section": prize.source.section}
            writer.writerow(_clean(row))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _clean(row: dict[str, str]) -> dict[str, str]:
    """One line per cell: folded YAML text keeps no line breaks of its own; a placeholder
    (a draft's, in the preview) is an empty cell."""
    return {k: "" if is_placeholder(v) else " ".join(str(v).split()) for k, v in row.items()}


def _number(value: Any) -> Any:
    """Decimal figures become JSON numbers (json calls this only for what it cannot encode)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")  # pragma: no cover - models hold only JSON types and Decimal


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        data = value.model_dump(mode="python", exclude_none=True, warnings=False)  # a draft's TODO figures are no Decimal
        data.pop("draft", None)  # published data holds no draft; the preview's says so on its pages
        return _unfilled_out(data)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _unfilled_out(data: Any) -> Any:
    """Without ``TODO`` placeholders (only a draft has any, and only the preview writes a
    draft's files): no data file ever carries one."""
    if isinstance(data, dict):
        return {k: _unfilled_out(v) for k, v in data.items() if not is_placeholder(v)}
    if isinstance(data, list):
        return [_unfilled_out(v) for v in data if not is_placeholder(v)]
    return data


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_number) + "\n").encode("utf-8")


def _about(words: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    return {"source": words["data_source_note"], "licence": words["data_licence_note"]}


def winners_json(catalog: Catalog) -> dict[str, Any]:
    """The winners files as they are, one object per programme year (winners.schema.json),
    with the agencies (agencies.schema.json) and the UNPSA awards (unpsa.schema.json)."""
    return {
        **_about(labels()),
        "agencies": _plain(list(catalog.agencies)),
        "years": [_plain(entry.model) for entry in catalog.winners],
        "unpsa": _plain(catalog.unpsa) if catalog.unpsa else None,
    }


def rubrics_json(year: YearEntry) -> dict[str, Any]:
    """A programme year as its YAML files hold it: year.yaml, then each branch with its types."""
    return {
        **_about(labels()),
        "year": _plain(year.model),
        "branches": [{"branch": _plain(b.model), "types": [_plain(t.model) for t in b.types]} for b in year.branches],
    }


# --- the winners filter ------------------------------------------------------------------


def showcase(archive: Archive, lang: str) -> dict[str, Any]:
    """What the filter script needs, in one language: names by id once, then one short row
    per work: [year, branch, "branch/type", "branch/level", [agency ids], id, title, award],
    where award indexes the list of "branch · type · level" texts (few, and long in Thai)."""
    words = {k: v[lang] for k, v in labels().items()}
    facets = archive.facets()
    awards: dict[str, int] = {}
    rows = []
    for award in archive.awards:
        w = award.winner
        text = " · ".join(archive.award_parts(award, lang))
        rows.append([
            award.year, w.branch, f"{w.branch}/{w.type}" if w.type else "", f"{w.branch}/{w.level}" if w.level else "",
            list(award.agencies), w.id, " ".join(getattr(w.title, lang).split()) if w.title else "",
            awards.setdefault(text, len(awards)),
        ])
    return {
        "years": {str(y): words["year_th"].format(be=y, ce=y - 543) for y in facets["years"]},
        "agencies": {a.id: _agency_label(a, lang) for a in facets["agencies"]},
        "awards": list(awards),
        "rows": rows,
    }


def _agency_label(agency: Any, lang: str) -> str:
    name = getattr(agency.name, lang)
    return f"{name} ({getattr(agency.short_name, lang)})" if agency.short_name else name

