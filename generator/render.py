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

from .catalog import Catalog
from .slugs import slugify

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
        return yaml.safe_load(handle)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#+!|{}])")
_MD_LINE_START = re.compile(r"^(\s*)(\d+)\.(\s)|^(\s*)([-+>])(\s)")


def escape_md(value: object) -> str:
    """Plain text → Markdown that displays exactly that text, on one line."""
    text = " ".join(str(value).split())
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: f"{m.group(1)}{m.group(2)}\\.{m.group(3)}" if m.group(2) else f"{m.group(4)}\\{m.group(5)}{m.group(6)}", text)


def escape_html(value: object) -> str:
    return html.escape(" ".join(str(value).split()), quote=True)


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
        return f"{year}/{branch}/{award_type}.md"


class Links:
    """The same addresses as ``Paths``, as relative links from the page being rendered."""

    def __init__(self, here: str):
        self.here = here

    def __getattr__(self, name: str) -> Any:
        target = getattr(Paths, name)
        return lambda *args: posixpath.relpath(target(*args), posixpath.dirname(self.here) or ".")


def number(value: object) -> str:
    """1623 → 1,623; 81.69 → 81.69 (digits as Arabic numerals in both languages)."""
    text = f"{value:,}" if isinstance(value, int) else f"{value}"
    if "." in text or not isinstance(value, int):
        whole, _, fraction = str(value).partition(".")
        text = f"{int(whole):,}" + (f".{fraction}" if fraction else "")
    return text


def quantity(value: object, unit: str) -> str:
    """A number with its unit, in the order the language puts them ("ร้อยละ 81.69", "81.69 percent")."""
    if unit.startswith("ร้อยละ"):
        return f"{unit} {number(value)}"
    return f"{number(value)} {unit}"


def applies(record: Any, type_id: str | None) -> bool:
    """Whether a rule or band is shown for a type (``None``: the branch page shows all)."""
    return type_id is None or not record.applies_to or type_id in record.applies_to


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown output; escaping is explicit through the md/h filters
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = escape_md
    env.filters["h"] = escape_html
    env.filters["paras"] = paragraphs
    env.filters["slug"] = slugify
    env.globals["applies"] = applies
    env.tests["applies_to_type"] = applies
    return env


class _Renderer:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.env = _environment()
        self.pages: list[Page] = []

    def emit(self, template: str, path: str, source: str, **context: Any) -> None:
        branch = context.get("branch")
        for lang in LANGS:

            def type_names(ids: list[str], _lang: str = lang) -> str:
                names = {t.model.id: getattr(t.model.name, _lang) for t in branch.types} if branch else {}
                return ", ".join(names.get(i, i) for i in ids)

            words = {key: value[lang] for key, value in labels().items()}
            text = self.env.get_template(template).render(
                lang=lang,
                L=words,
                tr=lambda pair, _lang=lang: getattr(pair, _lang),
                link=Links(path),
                type_names=type_names,
                number=number,
                quantity=quantity,
                year_label=lambda be, _w=words: _w["year_th"].format(be=be, ce=int(be) - 543),
                catalog=self.catalog,
                **context,
            )
            text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"  # tidy blank lines left by template tags
            banner = f"<!-- generated from {source} by lertrat — edit that file, not this one -->\n"
            self.pages.append(Page(localized(path, lang), source, banner + text))

    def run(self) -> list[Page]:
        self.emit("home.md.j2", Paths.home(), "rubrics/", years=self.catalog.years)
        for year in self.catalog.years:
            self.emit("year.md.j2", Paths.year(year.year), year.source_file, year=year)
            for branch in year.branches:
                b = branch.model.id
                self.emit("branch.md.j2", Paths.branch(year.year, b), branch.source_file, year=year, branch=branch)
                for item in branch.types:
                    path = Paths.award_type(year.year, b, item.model.id)
                    self.emit("type.md.j2", path, item.source_file, year=year, branch=branch, item=item)
        return self.pages


def render_site(catalog: Catalog) -> list[Page]:
    """Every generated page of the site, in both languages."""
    return _Renderer(catalog).run()
