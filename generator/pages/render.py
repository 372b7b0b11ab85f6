"""Render the catalog into Markdown pages, one per page per language.

Templates live in ``generator/pages/templates``. They receive records, never numbers of
their own: every point, rule and name on a page comes from the catalog. Text from the
YAML is escaped on the way out (``md`` for Markdown, ``h`` inside raw HTML) so that a
``<`` or ``*`` in the data shows as typed and cannot change the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..content import compare, placeholders
from ..content.entries import Catalog
from ..content.models import CE_OFFSET, TODO
from . import assess, assess_page
from .archive import ArchivePages
from .cite import cite
from .labels import DEFAULT_LANG, LANGS, labels
from .paths import Links, Paths, Urls
from .slugs import slugify
from .text import contact_href, escape_html, escape_md, filled, format_span, number, paragraphs, quantity

TEMPLATES = Path(__file__).parent / "templates"


def localized(path: str, lang: str) -> str:
    """``2566/index.md`` → the file of that page in ``lang`` (suffix structure of static-i18n)."""
    return path if lang == DEFAULT_LANG else f"{path[:-3]}.{lang}.md"


@dataclass(frozen=True)
class Page:
    """One generated Markdown file, path relative to the docs dir (``x.md`` or ``x.en.md``)."""

    path: str
    source: str  # the rubrics/ file(s) it comes from, for the "generated" banner
    content: str


def without_deadline(year: Any, only: str | None = None) -> list[Any]:
    """The branches of a year (or the one named) that no milestone gives a closing date:
    the apply, calendar and branch pages say so rather than leave the branch out."""
    closing = {m.branch for m in year.model.milestones if m.closes_applications}
    return [b for b in year.branches if (only is None or b.model.id == only) and None not in closing and b.model.id not in closing]


def applies(record: Any, type_id: str | None) -> bool:
    """Whether a rule or band is shown for a type (``None``: the branch page shows all)."""
    return type_id is None or not record.applies_to or type_id in record.applies_to


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates, kept in memory for the life of the process.

    Why: compiling Jinja templates was about 0.7 s of CPU in every ``lertrat serve`` rebuild
    (this package's templates on every render, Material's on every MkDocs build and language),
    more than rendering the pages an edit changes; ``make bench`` prints the figure. Jinja
    checks each entry against its template's source, so an edited template is compiled again.
    One cache per kind of environment: compiled code depends on the environment's settings.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


COMPILED = CompiledTemplates()


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=COMPILED,
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
    env.filters["without_type_prefix"] = compare.without_type_prefix
    env.globals["applies"] = applies
    env.globals["contact_href"] = contact_href
    env.globals["without_deadline"] = without_deadline
    env.tests["applies_to_type"] = applies
    env.tests["placeholder"] = placeholders.is_placeholder
    env.globals["has_self_assessment"] = lambda year, branch, item: assess_page.has_page(f"{year}/{branch.id}/{item.id}", branch, item)
    env.globals["assess_rows"] = assess_page.rows
    env.globals["question_numbers"] = assess_page.question_numbers
    env.globals["assess_options"] = assess_page.requested_options
    env.globals["assess_json"] = assess_page.page_json
    return env


class _Renderer:
    def __init__(self, catalog: Catalog, when: Any = None, langs: tuple[str, ...] = LANGS):
        self.catalog = catalog
        self.langs = langs  # the languages whose pages this renderer makes
        self.when = when  # timeline.BuildDate: the date "past" and "next" are marked against
        self.env = _environment()
        self.pages: list[Page] = []
        self.words = {lang: {key: value[lang] for key, value in labels().items()} for lang in LANGS}
        self.lookups = {lang: self._lookups(lang, self.words[lang]) for lang in langs}
        # Drafts in the catalog (only the preview keeps them: drafts.published): (winners?, year).
        self.drafts = {(False, y.year) for y in catalog.years if y.model.draft} | {(True, w.year) for w in catalog.winners if w.model.draft}

    def _draft_banner(self, context: dict[str, Any], lang: str) -> str:
        """A draft's page says it is one; any other page of a preview with drafts says that
        what it shows of them is not published."""
        words = self.words[lang]
        year, entry = context.get("year"), context.get("entry")

        def named(winners: bool, be: int) -> str:
            return words["draft_winners" if winners else "draft_year"].format(year=words["year_th"].format(be=be, ce=be - CE_OFFSET))

        title = words["draft_banner_title"]
        if year is not None and year.model.draft:
            text = words["draft_banner_page"].format(what=named(False, year.year))
        elif entry is not None and getattr(entry.model, "draft", False):
            text = words["draft_banner_page"].format(what=named(True, entry.year))
        else:
            title = words["draft_banner_preview_title"]
            text = words["draft_banner_preview"].format(drafts=", ".join(named(*d) for d in sorted(self.drafts)))
        return f'!!! warning "{escape_html(title)}"\n    {escape_md(text)}\n'

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

        documents = {d.id: d for d in catalog.documents}

        return {
            "cite": lambda source: cite(source, documents, lang, words),
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
                tr=lambda pair, _lang=lang, _w=self.words[lang]: filled(getattr(pair, _lang), _w),
                filled=lambda value, _w=self.words[lang]: filled(value, _w),
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
            if self.drafts:
                text = _after_title(text, self._draft_banner(context, lang))
            banner = f"<!-- generated from {source} by lertrat — edit that file, not this one -->\n"
            head = ""
            if text.startswith("---\n"):  # front matter must stay first: the banner goes after it
                end = text.index("\n---\n", 4) + 5
                head, text = text[:end], text[end:]
            self.pages.append(Page(localized(path, lang), source, head + banner + text))

    def run(self) -> list[Page]:
        archive_pages = ArchivePages(self)  # timelines, winners showcase, agency pages, open data
        self.emit("home.md.j2", Paths.home(), "rubrics/", years=self.catalog.years)
        for year in self.catalog.years:
            self.emit("year.md.j2", Paths.year(year.year), year.source_file, year=year)
            for branch in year.branches:
                b = branch.model.id
                self.emit("branch.md.j2", Paths.branch(year.year, b), branch.source_file, year=year, branch=branch)
                folder = branch.source_file.rsplit("/", 1)[0] + "/"  # the branch and all its types
                self.emit("branch_print.md.j2", Paths.branch_print(year.year, b), folder, year=year, branch=branch)
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
                self.emit("finder.md.j2", Paths.finder(year.year), year.finder.source_file, year=year, finder=year.finder.model, refs=refs,
                          depths=_finder_depths(year.finder.model), has_apply=any(br.model.application for br in year.branches))
            if year.form is not None:
                form_branch = next(br for br in year.branches if br.model.id == year.form.model.branch)
                self.emit("readiness_form.md.j2", Paths.readiness_form(year.year), year.form.source_file, year=year, form=year.form.model, branch=form_branch, finder=year.finder.model, refs=refs)
            if any(br.model.application for br in year.branches):
                self.emit("apply.md.j2", Paths.apply(year.year), year.source_file, year=year)
        years = sorted(self.catalog.years, key=lambda y: -y.year)
        contacts = [y for y in years if any(br.model.contact or br.model.application for br in y.branches)]
        if contacts:
            sources = " and ".join(br.source_file for y in contacts for br in y.branches if br.model.contact)
            self.emit("contact.md.j2", Paths.contact(), sources or "rubrics/", years=contacts)
        if len(self.catalog.years) > 1:
            self.emit("changes.md.j2", Paths.changes(), "rubrics/", comparisons=compare.consecutive_pairs(self.catalog.years))
        if self.catalog.winners or self.catalog.unpsa:
            self.emit("winners_index.md.j2", Paths.winners_index(), "rubrics/winners/")
        for entry in self.catalog.winners:
            self.emit("winners_year.md.j2", Paths.winners_year(entry.year), entry.source_file, entry=entry)
        if self.catalog.unpsa:
            self.emit("unpsa.md.j2", Paths.unpsa(), "rubrics/winners/unpsa.yaml", unpsa=self.catalog.unpsa)
        self.emit("editor_notes.md.j2", Paths.editor_notes(), "rubrics/", notes=self.catalog.editor_notes)
        archive_pages.run()
        return self.pages


def _after_title(text: str, block: str) -> str:
    """``block`` after the page's first heading (MkDocs takes the title from a first ``# ``),
    else after its front matter."""
    title = re.search(r"^# .*\n", text, re.M) or re.match(r"---\n.*?\n---\n", text, re.S)
    at = title.end() if title else 0
    return f"{text[:at]}\n{block}\n{text[at:]}"


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
            refs[f"{b.id}/{t.id}"] = Ref(t.definition or t.name, t.name, b.id, t.id, entry)
            if t.definition:
                refs[f"{b.id}/{t.id}/definition"] = Ref(t.definition, t.name, b.id, t.id, entry)
            for c in (*t.eligibility, *t.conditions, *t.criteria):
                refs[f"{b.id}/{t.id}/{c.id}"] = Ref(c.text, t.name, b.id, t.id, entry)
    return refs


def _finder_depths(finder: Any) -> dict[str, int]:
    """For each question, the most questions a reader may still have to answer from it (itself
    included): the finder's progress indicator ("question 3 of at most 6"). The tree is
    validated loop-free before pages are rendered."""
    questions = {q.id: q for q in finder.questions}
    depths: dict[str, int] = {}

    def depth(node: str) -> int:
        if node not in questions:
            return 0
        if node not in depths:
            q = questions[node]
            nexts = [c.next for c in q.choices] if q.choices else [q.yes, q.no]
            depths[node] = 1 + max(depth(n) for n in nexts)
        return depths[node]

    for q in finder.questions:
        depth(q.id)
    return depths


def _form_for(year: Any, branch_id: str) -> Any:
    """The year's readiness form when it covers this branch (its header lines head the checklist)."""
    return year.form.model if year.form is not None and year.form.model.branch == branch_id else None


def render_site(catalog: Catalog, when: Any = None) -> list[Page]:
    """Every generated page of the site, in both languages. ``when`` (a ``timeline.BuildDate``)
    is the date timelines are marked against; by default the newest milestone's."""
    return _Renderer(catalog, when).run()
