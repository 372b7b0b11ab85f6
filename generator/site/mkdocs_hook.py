"""The thin adapter between MkDocs and the generator (listed under ``hooks:`` in mkdocs.yml).

Before every build — including each rebuild of ``mkdocs serve`` — regenerate the pages
from rubrics/; content problems stop the build with the same messages as ``lertrat check``.
Then put the sidebar in the catalog's order, with section titles in the page's language.
After the build, write the downloads and the search index, one per language (``search.py``),
and last put the Content-Security-Policy into every page (``csp.py``; not in a preview).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Section

from generator import generate
from generator.content.errors import ContentError
from generator.content.timeline import catalog_build_date
from generator.pages.labels import DEFAULT_LANG, labels
from generator.pages.nav import nav_hidden, nav_hints
from generator.pages.render import CompiledTemplates
from generator.pages.text import format_date
from generator.pages.writer import HandWrittenFileError
from generator.site import csp, mkdocs_run, pageinfo
from generator.site.downloads import site_files
from generator.site.langmark import mark_languages
from generator.site.mkdocs_run import preview, take_prepared
from generator.site.pagefix import escape_title, home_alternates, noopener, site_relative_alternates, without_head_alternates
from generator.site.search import write_search_index

_hints: tuple[dict[str, int], dict[str, dict[str, str]]] = ({}, {})
_hidden: set[str] = set()
_downloads: tuple = ()  # (catalog, build date) for on_post_build
_dates: dict[str, str] = {}  # newest commit date of each source file (pageinfo.changed_dates)
_theme_templates = CompiledTemplates()  # Material's templates, compiled once per process (see CompiledTemplates)


def on_startup(command, **_):
    # `mkdocs serve` loads this hook anew for every rebuild but starts up once; the answer is
    # kept in a module that stays loaded. Its live reload injects an inline script into every
    # page it serves, so the preview gets no Content-Security-Policy.
    mkdocs_run.serving = command == "serve"


def _nested(config) -> bool:
    """mkdocs-static-i18n builds the other languages from inside the first build: the pages
    are generated already, once for all languages."""
    i18n = config.plugins.get("i18n")
    return bool(_downloads) and i18n is not None and getattr(i18n, "building", False)


def on_pre_build(config, **_):
    global _hints, _hidden, _downloads, _dates
    if _nested(config):
        return
    root = Path(config.config_file_path).parent
    prepared = take_prepared(root)  # `lertrat build` has just generated the pages: reuse its catalog
    try:
        if prepared is not None:
            catalog, when = prepared.catalog, prepared.when
        else:
            catalog, _, _ = generate(root)  # the published site: drafts left out (generator/content/drafts.py)
            when = catalog_build_date(root, catalog)
    except ContentError as error:
        raise Abort("\n" + error.report()) from None
    except HandWrittenFileError as error:
        raise Abort(f"content/: {error}") from None
    _hints, _hidden, _downloads = nav_hints(catalog), nav_hidden(catalog), (catalog, when)
    _dates = pageinfo.changed_dates(root)


def _page_info(first_line: str, page, config, files) -> None:
    """When the page's content last changed, and on a page of an earlier programme year the
    current year's counterpart (shown by overrides/main.html; see pageinfo.py)."""
    lang = config.theme.get("language", DEFAULT_LANG)
    words = labels()
    src = page.file.src_uri
    day = pageinfo.last_changed(pageinfo.sources(first_line, src), _dates)
    page.meta["lertrat_updated"] = format_date(day, lang) if day else None
    page.meta["lertrat_updated_iso"] = day
    if page.is_homepage or src in ("index.md", f"index.{lang}.md"):
        page.meta.setdefault("title", words["home"][lang])  # the site's name stays in the header, once
    years = [y.year for y in _downloads[0].years] if _downloads else []
    year = pageinfo.page_year(src)
    if year is None or not years or year >= max(years):
        return
    current = max(years)
    target, exact = pageinfo.current_counterpart(src, current, lambda path: files.get_file_from_path(path) is not None)
    found = files.get_file_from_path(target)
    name = words["year_th"][lang]
    page.meta["lertrat_older"] = {
        "year": name.format(be=year, ce=year - 543),
        "current": name.format(be=current, ce=current - 543),
        "url": found.url if found is not None else "",
        "exact": exact,
    }


def on_page_markdown(markdown, page, config, files, **_):
    # The "generated from rubrics/..." banner is for people opening the file, not for
    # readers; dropping it lets MkDocs take the page title from the first heading.
    first, _, rest = markdown.partition("\n")
    _page_info(first, page, config, files)
    # Search reads the built pages (generator/site/search.py); a page kept out of it (front
    # matter `search: {exclude: true}`, Material's way) says so in its head (overrides/main.html).
    # Material's own index is replaced after the build: its plugin is spared every page.
    search = page.meta.get("search") or {}
    page.meta["lertrat_unsearched"] = bool(search.get("exclude"))
    page.meta["search"] = {**search, "exclude": True}
    return rest if first.startswith("<!-- generated from ") else markdown


def _src(item) -> str:
    """The Thai source path of a page, or of a section's index page."""
    if isinstance(item, Section) and item.children:
        pages = [c for c in item.children if not isinstance(c, Section)]
        index = [c for c in pages if re.search(r"(^|/)index(\.[a-z]{2})?\.md$", getattr(getattr(c, "file", None), "src_uri", "") or "")]
        page = (index or pages or item.children)[0]
    else:
        page = item
    return re.sub(r"\.[a-z]{2}\.md$", ".md", getattr(getattr(page, "file", None), "src_uri", "") or "")


def _key(item, order: dict[str, int]) -> tuple[int, str]:
    src = _src(item)
    if not isinstance(item, Section) and src.rsplit("/", 1)[-1] == "index.md":
        return (-1, src)  # a section's own index page stays first
    return (order.get(src, 1000), src)


def _arrange(items, order, titles, lang) -> None:
    items.sort(key=lambda item: _key(item, order))
    for item in items:
        if isinstance(item, Section):
            _arrange(item.children, order, titles, lang)
            folder = _src(item).rsplit("/", 1)[0]
            if folder in titles and lang in titles[folder]:
                item.title = escape_title(titles[folder][lang])


def _drop_hidden(items) -> None:
    items[:] = [item for item in items if isinstance(item, Section) or _src(item) not in _hidden]
    for item in items:
        if isinstance(item, Section):
            _drop_hidden(item.children)
    items[:] = [item for item in items if not isinstance(item, Section) or item.children]  # a folder of hidden pages only


def on_nav(nav, config, files, **_):
    order, titles = _hints
    _arrange(nav.items, order, titles, config.theme.get("language", "th"))
    # Record-level pages (one per agency) are built but kept out of the sidebar, which
    # Material renders into every page (DESIGN.md §9); the agencies page links them.
    _drop_hidden(nav.items)
    kept = [page for page in nav.pages if _src(page) not in _hidden]
    for page in nav.pages:
        page.previous_page = page.next_page = None
    for before, after in zip(kept, kept[1:], strict=False):
        before.next_page, after.previous_page = after, before
    nav.pages = kept
    return nav


def on_page_content(html, page, config, **_):
    # Passages in the other language get a lang attribute (see generator/langmark.py);
    # links to other hosts get rel="noopener" (see generator/pagefix.py).
    if page.title and "title" not in page.meta:
        page.meta["title"] = escape_title(page.title)
    return noopener(mark_languages(html, config.theme.get("language", DEFAULT_LANG)))


def _alternates(config) -> list[list[dict]]:
    """The language links; mkdocs-static-i18n sets them both as an attribute and as an item
    of ``config.extra``, and the theme reads the attribute."""
    found = [getattr(config.extra, "alternate", None), config.extra.get("alternate")]
    return [links for i, links in enumerate(found) if links and all(links is not other for other in found[:i])]


def on_page_context(context, page, config, **_):
    # Runs after mkdocs-static-i18n has chosen each language's link for this page.
    for alternates in _alternates(config):
        site_relative_alternates(alternates, config.site_url)
    return context


def on_env(env, config, files, **_):
    env.globals["lertrat_labels"] = labels()  # the theme's own pages (404) use labels.yaml too
    env.bytecode_cache = _theme_templates  # MkDocs makes a new environment for every build and language
    if (running := preview()) is not None:
        running.keep_titles(files)  # lertrat serve: pages a dirty build does not read keep their titles
    return env


def on_template_context(context, template_name, config, **_):
    if template_name == "404.html":
        for alternates in _alternates(config):
            home_alternates(alternates, DEFAULT_LANG)
    return context


def on_post_template(output, template_name, config, **_):
    # mkdocs-static-i18n builds each language into the same site/, so the shared 404 page
    # would be the last language's; it is written once, by the default language's build
    # (an empty output is not written), and shows both languages.
    if template_name == "404.html" and config.theme.get("language", DEFAULT_LANG) != DEFAULT_LANG:
        return ""
    return without_head_alternates(output) if template_name == "404.html" else output


def on_post_page(output, page, config, **_):
    # No <link rel="alternate" hreflang> in <head>: see generator/site/pagefix.py.
    return without_head_alternates(output)


def _write_downloads(site: Path) -> None:
    """Calendars, open data and the winners filter's list are files, not pages: write them
    into the built site (both languages link to the same copies at the site root)."""
    if not _downloads:
        return
    for item in site_files(*_downloads):
        target = site / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.data)


@event_priority(-200)
def on_post_build(config, **_):
    """Runs after mkdocs-static-i18n's own ``on_post_build`` (priority -100), which builds the
    other languages and only then writes the merged search index; during those nested builds
    the plugin is ``building`` and the index is not final yet."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return
    _write_downloads(Path(config.site_dir))
    write_search_index(Path(config.site_dir))
    if preview() is None and not mkdocs_run.serving:
        try:
            csp.apply(Path(config.site_dir))  # last: it hashes the inline scripts of the finished pages
        except csp.PolicyError as error:
            raise Abort(str(error)) from None
