"""Render the catalog into Markdown pages, one per page per language.

Templates live in ``generator/templates``. They receive records, never numbers of
their own: every point, rule and name on a page comes from the catalog. Text from the
YAML is escaped on the way out (``md`` for Markdown, ``h`` inside raw HTML) so that a
``<`` or ``*`` in the data shows as typed and cannot change the page.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from . import assess, assess_page, changes, parallel, placeholders
from .cache import jinja_cache
from .catalog import Catalog
from .gc_pause import gc_paused
from .models import TODO
from .slugs import slugify
from .urls import relpath

TEMPLATES = Path(__file__).parent / "templates"
LANGS = ("th", "en")
DEFAULT_LANG = "th"


@dataclass(frozen=True)
class Page:
    """One generated Markdown file, path relative to the docs dir (``x.md`` or ``x.en.md``)."""

    path: str
    source: str  # the rubrics/ file(s) it comes from, for the "generated" banner
    content: str


@cache
def labels() -> dict[str, dict[str, str]]:
    with open(Path(__file__).parent / "labels.yaml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when present: the pure-Python reader is slow


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#+!|{}])")
_MD_LINE_START = re.compile(r"^(\s*)(\d+)\.(\s)|^(\s*)([-+>])(\s)")


def escape_md(value: object) -> str:
    """Plain text → Markdown that displays exactly that text, on one line."""
    text = " ".join(str(value).split())
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: f"{m.group(1)}{m.group(2)}\\.{m.group(3)}" if m.group(2) else f"{m.group(4)}\\{m.group(5)}{m.group(6)}", text)


_HTML_SPECIAL = re.compile(r"[&<>\"'\\`*_\[\]]")
_MD_AS_ENTITY = [(c, f"&#{ord(c)};") for c in "\\`*_[]"]


def escape_html(value: object) -> str:
    """Plain text → HTML that displays exactly that text. Markdown still reads the lines
    around raw HTML, so its link and emphasis characters become entities too: a
    ``[x](javascript:…)`` in the data stays text."""
    text = " ".join(str(value).split())
    if not _HTML_SPECIAL.search(text):  # most names and titles: nothing to escape
        return text
    text = html.escape(text, quote=True)
    for char, entity in _MD_AS_ENTITY:
        if char in text:
            text = text.replace(char, entity)
    return text


def paragraphs(value: object) -> str:
    """Plain text with blank lines between paragraphs → Markdown paragraphs."""
    parts = [p for p in re.split(r"\n\s*\n", str(value)) if p.strip()]
    return "\n\n".join(escape_md(p) for p in parts)


def localized(path: str, lang: str) -> str:
    """``2566/index.md`` → the file of that page in ``lang`` (suffix structure of static-i18n)."""
    return path if lang == DEFAULT_LANG else f"{path[:-3]}.{lang}.md"


class Paths:
    """Where each page lives in the docs dir (Thai file names; URLs follow from them)."""

    @staticmethod
    def home() -> str:
        return "index.md"

    @staticmethod
    def year(year: int | str) -> str:
        return f"{year}/index.md"

    @staticmethod
    def branch(year: int | str, branch: str) -> str:
        return f"{year}/{branch}/index.md"

    @staticmethod
    def award_type(year: int | str, branch: str, award_type: str) -> str:
        return f"{year}/{branch}/{award_type}/index.md"

    @staticmethod
    def checklist(year: int | str, branch: str, award_type: str) -> str:
        return f"{year}/{branch}/{award_type}/checklist.md"

    @staticmethod
    def finder(year: int | str) -> str:
        return f"{year}/finder.md"

    @staticmethod
    def readiness_form(year: int | str) -> str:
        return f"{year}/readiness-form.md"

    @staticmethod
    def apply(year: int | str) -> str:
        return f"{year}/apply.md"

    @staticmethod
    def winners_index() -> str:
        return "winners/index.md"

    @staticmethod
    def winners_year(year: int | str) -> str:
        return f"winners/{year}.md"

    @staticmethod
    def unpsa() -> str:
        return "winners/unpsa.md"

    @staticmethod
    def agencies() -> str:
        return "agencies/index.md"

    @staticmethod
    def self_assessment(year: int | str, branch: str, award_type: str) -> str:
        return f"{year}/{branch}/{award_type}/self-assessment.md"

    @staticmethod
    def changes() -> str:
        return "changes.md"

    @staticmethod
    def timeline(year: int | str) -> str:
        return f"{year}/timeline.md"

    @staticmethod
    def agency(agency_id: str) -> str:
        return f"agencies/{agency_id}.md"

    @staticmethod
    def data() -> str:
        return "data.md"


class Links:
    """The same addresses as ``Paths``, as relative links from the page being rendered."""

    def __init__(self, here: str):
        self.here = here

    def __getattr__(self, name: str) -> Any:
        target = getattr(Paths, name)
        return lambda *args: relpath(target(*args), posixpath.dirname(self.here) or ".")


class Urls:
    """Relative page addresses (``../service/innovation/``) for links inside raw HTML, which
    MkDocs does not rewrite the way it rewrites Markdown links to ``.md`` files."""

    def __init__(self, here: str):
        self.here = here

    @staticmethod
    def of(path: str) -> str:
        """``2566/service/innovation/index.md`` → ``2566/service/innovation/`` (directory URLs)."""
        folder, _, name = path.rpartition("/")
        return (f"{folder}/" if folder else "") + ("" if name == "index.md" else name[:-3] + "/")

    def __getattr__(self, name: str) -> Any:
        target = getattr(Paths, name)
        return lambda *args: relpath(self.of(target(*args)) or ".", self.of(self.here) or ".") + "/"


def number(value: object) -> str:
    """1623 → 1,623; 81.69 → 81.69 (digits as Arabic numerals in both languages)."""
    whole, _, fraction = str(value).partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def quantity(value: object, unit: str) -> str:
    """A number with its unit, in the order the language puts them ("ร้อยละ 81.69", "81.69 percent")."""
    if unit.startswith("ร้อยละ"):
        return f"{unit} {number(value)}"
    return f"{number(value)} {unit}"


MONTHS = {
    "th": ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
}
MONTH_PART = {"th": {"early": "ต้นเดือน", "mid": "กลางเดือน", "late": "ปลายเดือน"}, "en": {"early": "early", "mid": "mid-", "late": "late"}}


def format_date(iso: str, lang: str, part: str | None = None) -> str:
    """``2022-11-15`` → "15 พฤศจิกายน 2565" (Thai, Buddhist Era) or "15 November 2022"."""
    year, month, *day = (int(x) for x in iso.split("-"))
    shown_year = year + 543 if lang == "th" else year
    month_name = MONTHS[lang][month - 1]
    if day:
        return f"{day[0]} {month_name} {shown_year}"
    if part:
        prefix = MONTH_PART[lang][part]
        return f"{prefix}{month_name} {shown_year}" if lang == "th" or prefix.endswith("-") else f"{prefix} {month_name} {shown_year}"
    return f"{month_name} {shown_year}"


def format_span(start: str, end: str | None, lang: str, part: str | None = None) -> str:
    if end is None or end == start:
        return format_date(start, lang, part)
    return f"{format_date(start, lang)} – {format_date(end, lang)}"


def applies(record: Any, type_id: str | None) -> bool:
    """Whether a rule or band is shown for a type (``None``: the branch page shows all)."""
    return type_id is None or not record.applies_to or type_id in record.applies_to


def _environment(root: Path | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        bytecode_cache=jinja_cache(root),  # templates compiled once, kept in <root>/.cache/lertrat/jinja/
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown output; escaping is explicit through the md/h filters
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a render; skip a stat per page
    )
    env.filters["md"] = escape_md
    env.filters["h"] = escape_html
    env.filters["paras"] = paragraphs
    env.filters["slug"] = slugify
    env.filters["without_type_prefix"] = changes.without_type_prefix
    env.globals["applies"] = applies
    env.tests["applies_to_type"] = applies
    env.tests["placeholder"] = placeholders.is_placeholder
    env.globals["has_self_assessment"] = lambda year, branch, item: assess_page.has_page(f"{year}/{branch.id}/{item.id}", branch, item)
    env.globals["assess_rows"] = assess_page.rows
    env.globals["assess_options"] = assess_page.requested_options
    env.globals["assess_json"] = assess_page.page_json
    return env


class _Renderer:
    def __init__(self, catalog: Catalog, when: Any = None, langs: tuple[str, ...] = LANGS):
        self.catalog = catalog
        self.langs = langs  # the languages whose pages this renderer makes
        self.when = when  # timeline.BuildDate: the date "past" and "next" are marked against
        self.env = _environment(catalog.root)
        self.pages: list[Page] = []
        self.words = {lang: {key: value[lang] for key, value in labels().items()} for lang in LANGS}
        self.lookups = {lang: self._lookups(lang, self.words[lang]) for lang in langs}

    def _lookups(self, lang: str, words: dict[str, str]) -> dict[str, Any]:
        """Name lookups for records that refer to others by id (agencies, branches, types)."""
        catalog = self.catalog
        agencies = {a.id: a for a in catalog.agencies}

        def agency_label(agency_id: str) -> str:
            agency = agencies[agency_id]
            name = getattr(agency.name, lang)
            return f"{name} ({getattr(agency.short_name, lang)})" if agency.short_name else name

        def nearest(year: int | None, pick: Any) -> Any:
            """The first non-empty ``pick(branch)`` over programme years, closest to ``year`` first."""
            ordered = sorted(catalog.years, key=lambda y: abs(y.year - year) if year is not None else -y.year)
            for y in ordered:
                for b in y.branches:
                    found = pick(b)
                    if found:
                        return found
            return None

        def branch_name(branch_id: str, year: int | None = None) -> str:
            name = nearest(year, lambda b: b.model.name if b.model.id == branch_id else None)
            return getattr(name, lang) if name else branch_id

        def year_label(be: int | str) -> str:
            return words["year_th"].format(be=be, ce=int(be) - 543)

        def unpsa_year(be: int) -> str:
            return f"{be - 543} (พ.ศ. {be})" if lang == "th" else str(be - 543)

        return {
            "agency_label": agency_label,
            "branch_name": branch_name,
            "year_label": year_label,
            "unpsa_year": unpsa_year,
        }

    def emit(self, template: str, path: str, source: str, **context: Any) -> None:
        branch = context.get("branch")
        for lang in self.langs:

            def type_names(ids: list[str], _lang: str = lang) -> str:
                names = {t.model.id: getattr(t.model.name, _lang) for t in branch.types} if branch else {}
                return ", ".join(names.get(i, i) for i in ids)

            text = self.env.get_template(template).render(
                lang=lang,
                L=self.words[lang],
                tr=lambda pair, _lang=lang: getattr(pair, _lang),
                link=Links(path),
                url=Urls(path),
                page_url="/" + ("" if lang == DEFAULT_LANG else f"{lang}/") + Urls.of(path),
                type_names=type_names,
                number=lambda v, _w=self.words[lang]: _w["placeholder"] if v == TODO else number(v),
                quantity=lambda v, unit, _w=self.words[lang]: _w["placeholder"] if v == TODO else quantity(v, unit),
                when=lambda m, _lang=lang, _w=self.words[lang]: _w["placeholder"] if m.date == TODO else format_span(m.date, m.end, _lang, m.part),
                **self.lookups[lang],
                catalog=self.catalog,
                **context,
            )
            text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"  # tidy blank lines left by template tags
            banner = f"<!-- generated from {source} by lertrat — edit that file, not this one -->\n"
            self.pages.append(Page(localized(path, lang), source, banner + text))

    def run(self) -> list[Page]:
        from .archive_pages import ArchivePages  # timelines, winners showcase, agency pages, open data

        archive_pages = ArchivePages(self)
        self.emit("home.md.j2", Paths.home(), "rubrics/", years=self.catalog.years)
        for year in self.catalog.years:
            self.emit("year.md.j2", Paths.year(year.year), year.source_file, year=year)
            for branch in year.branches:
                b = branch.model.id
                self.emit("branch.md.j2", Paths.branch(year.year, b), branch.source_file, year=year, branch=branch)
                for item in branch.types:
                    path = Paths.award_type(year.year, b, item.model.id)
                    self.emit("type.md.j2", path, item.source_file, year=year, branch=branch, item=item)
                    checklist = Paths.checklist(year.year, b, item.model.id)
                    self.emit("checklist.md.j2", checklist, f"{item.source_file} and {branch.source_file}", year=year, branch=branch, item=item, form=_form_for(year, b))
                    key = f"{year.year}/{b}/{item.model.id}"
                    spec = assess.spec(key, branch.model, item.model)
                    cost = assess.cost_spec(key, item.model.calculation) if item.model.calculation else None
                    if spec or cost:
                        page = Paths.self_assessment(year.year, b, item.model.id)
                        self.emit("self_assessment.md.j2", page, item.source_file, year=year, branch=branch, item=item, spec=spec, cost=cost)
            refs = _condition_refs(year)
            if year.finder is not None:
                self.emit("finder.md.j2", Paths.finder(year.year), year.finder.source_file, year=year, finder=year.finder.model, refs=refs)
            if year.form is not None:
                form_branch = next(br for br in year.branches if br.model.id == year.form.model.branch)
                self.emit("readiness_form.md.j2", Paths.readiness_form(year.year), year.form.source_file, year=year, form=year.form.model, branch=form_branch, finder=year.finder.model, refs=refs)
            if any(br.model.application for br in year.branches):
                self.emit("apply.md.j2", Paths.apply(year.year), year.source_file, year=year)
        if len(self.catalog.years) > 1:
            self.emit("changes.md.j2", Paths.changes(), "rubrics/", comparisons=changes.consecutive_pairs(self.catalog.years))
        if self.catalog.winners or self.catalog.unpsa:
            self.emit("winners_index.md.j2", Paths.winners_index(), "rubrics/winners/")
        for entry in self.catalog.winners:
            self.emit("winners_year.md.j2", Paths.winners_year(entry.year), entry.source_file, entry=entry)
        if self.catalog.unpsa:
            self.emit("unpsa.md.j2", Paths.unpsa(), "rubrics/winners/unpsa.yaml", unpsa=self.catalog.unpsa)
        archive_pages.run()
        return self.pages


@dataclass(frozen=True)
class Ref:
    """What a finder reference (``service/innovation/new-service``) points at."""

    text: Any  # the condition's (or definition's) Text
    owner: Any  # the Text naming the type or branch it belongs to
    branch: str
    type: str | None = None
    item: Any = None  # the TypeEntry, for outcomes


def _condition_refs(year: Any) -> dict[str, Ref]:
    """Every condition, definition and type of a year by the ids the finder uses for them."""
    refs: dict[str, Ref] = {}
    for branch in year.branches:
        b = branch.model
        for c in b.eligibility:
            refs[f"{b.id}/{c.id}"] = Ref(c.text, b.name, b.id)
        for entry in branch.types:
            t = entry.model
            refs[f"{b.id}/{t.id}"] = Ref(t.definition, t.name, b.id, t.id, entry)
            refs[f"{b.id}/{t.id}/definition"] = Ref(t.definition, t.name, b.id, t.id, entry)
            for c in (*t.eligibility, *t.conditions, *t.criteria):
                refs[f"{b.id}/{t.id}/{c.id}"] = Ref(c.text, t.name, b.id, t.id, entry)
    return refs


def _form_for(year: Any, branch_id: str) -> Any:
    """The year's readiness form when it covers this branch (its header lines head the checklist)."""
    return year.form.model if year.form is not None and year.form.model.branch == branch_id else None


@gc_paused
def render_site(catalog: Catalog, when: Any = None) -> list[Page]:
    """Every generated page of the site, in both languages. ``when`` (a ``timeline.BuildDate``)
    is the date timelines are marked against; by default the newest milestone's.
    The first language's pages and the others' are made at the same time where possible
    (``parallel.both``); the result is the same either way."""
    first, rest = parallel.both(lambda: _Renderer(catalog, when, LANGS[:1]).run(), lambda: _Renderer(catalog, when, LANGS[1:]).run())
    return first + rest
