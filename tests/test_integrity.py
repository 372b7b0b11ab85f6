"""The built site holds together: links, anchors, language pairs, sub-paths, same bytes twice.

The link check is our own (stdlib only, offline): it resolves every ``href``/``src`` of
every page against the files in site/, checks that each ``#anchor`` exists in its target
page, and checks that each page names its Thai and English counterparts and that they name
it back — a rule a generic link checker does not know.
"""

from __future__ import annotations

import datetime
import os
import posixpath
import re
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import sync_playwright

from browser import launch, serve
from conftest import copy_project, file_digests, lertrat
from sitepages import page_urls


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, dict[str, str]]] = []  # (tag, url, attributes)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        for key in ("id", "name"):
            if key in attributes and (key == "id" or tag == "a"):
                self.ids.add(attributes[key])
        for key in ("href", "src"):
            if key in attributes and tag in ("a", "link", "img", "script", "source", "iframe"):
                self.links.append((tag, attributes[key], attributes))


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def file_of(site: Path, url_path: str) -> Path:
    """The file that a static server sends for a site path ("/en/" → en/index.html)."""
    target = site / unquote(url_path).lstrip("/")
    return target / "index.html" if url_path.endswith("/") or target.is_dir() else target


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, _Links]:
    return {url: parse(file_of(built_site, url)) for url in page_urls(built_site)}


def test_no_broken_internal_link_or_anchor(built_site, pages):
    broken = []
    checked = 0
    for url, page in pages.items():
        if url == "/404.html":
            continue  # served at any address; its links are checked in the sub-path test
        for tag, link, _ in page.links:
            if is_external(link) or link.startswith(("mailto:", "tel:", "data:")):
                continue
            parts = urlsplit(link)
            if parts.path.startswith("/"):
                broken.append(f"{url}: {link} is root-relative and breaks when the site lives in a sub-folder")
                continue
            target_path = posixpath.normpath(posixpath.join(posixpath.dirname(url), parts.path)) if parts.path else url
            if parts.path.endswith("/") or parts.path in ("", ".", ".."):
                target_path = target_path.rstrip("/") + "/"
            target = file_of(built_site, target_path)
            checked += 1
            if not target.is_file():
                broken.append(f"{url}: <{tag}> {link} → {target_path} does not exist")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target_path].ids if target_path in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{url}: {link} → no element with id '{unquote(parts.fragment)}' in {target_path}")
    assert checked > 1000
    assert broken == [], "\n".join(broken)


def test_every_page_links_to_its_counterpart_in_the_other_language(pages):
    problems = []
    for url, page in pages.items():
        if url == "/404.html":
            continue
        alternates = {}  # the language switch in the header: one link for each language
        switch = [(attributes["hreflang"], link) for tag, link, attributes in page.links
                  if tag == "a" and "md-select__link" in attributes.get("class", "") and "hreflang" in attributes]
        if sorted(lang for lang, _ in switch) != ["en", "th"]:
            problems.append(f"{url}: the language switch offers {switch}")
        for lang, link in switch:
            path = posixpath.normpath(posixpath.join(posixpath.dirname(url), link))
            alternates[lang] = path.rstrip("/") + "/" if not path.endswith(".html") else path
        own = "en" if url.startswith("/en/") else "th"
        other = "th" if own == "en" else "en"
        if alternates.get(own) != url:
            problems.append(f"{url}: its own-language link is {alternates.get(own)}")
        counterpart = alternates.get(other)
        if counterpart is None or counterpart not in pages:
            problems.append(f"{url}: no {other} counterpart ({counterpart})")
            continue
        if counterpart.startswith("/en/") != (other == "en"):
            problems.append(f"{url}: the {other} counterpart {counterpart} is in the wrong language folder")
        back = [
            posixpath.normpath(posixpath.join(posixpath.dirname(counterpart), link)).rstrip("/") + "/"
            for tag, link, attributes in pages[counterpart].links
            if tag == "a" and "md-select__link" in attributes.get("class", "") and attributes.get("hreflang") == own
        ]
        if back != [url]:
            problems.append(f"{url}: its counterpart {counterpart} links back to {back}")
    assert len(pages) > 20
    assert problems == [], "\n".join(problems)


def test_links_to_other_hosts_get_noopener(pages):
    external = 0
    for url, page in pages.items():
        for tag, link, attributes in page.links:
            if tag == "a" and is_external(link) and not link.startswith(("mailto:", "tel:")):  # those open no page
                external += 1
                assert "noopener" in attributes.get("rel", "").split(), f"{url}: {link} has rel={attributes.get('rel')!r}"
    assert external > 0  # the content does link out (application pages, contacts)


def test_two_builds_of_the_same_content_are_byte_identical(built_site, tmp_path):
    """A second build elsewhere, later, in another time zone, with other hash seeds."""
    time.sleep(1.1)
    root = copy_project(tmp_path / "again")
    for path in root.rglob("*"):
        os.utime(path, (time.time(), time.time()))
    env_before = {k: os.environ.get(k) for k in ("TZ", "PYTHONHASHSEED")}
    os.environ.update(TZ="America/Los_Angeles", PYTHONHASHSEED="12345")
    try:
        run = lertrat(root, "build")
    finally:
        for key, value in env_before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    assert run.code == 0, run.output
    first, second = file_digests(built_site), file_digests(root / "site")
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert differ == []
    today = {datetime.date.today().isoformat(), datetime.datetime.now(datetime.UTC).date().isoformat()}
    stamped = [name for name in first if name.endswith((".html", ".xml", ".json")) and any(d in (built_site / name).read_text(encoding="utf-8") for d in today)]
    assert stamped == [], f"today's date is written into {stamped}"


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory) -> Path:
    """The site built for a GitHub Pages project site, https://<owner>.github.io/lertrat/."""
    root = copy_project(tmp_path_factory.mktemp("subpath") / "project")
    os.environ["LERTRAT_SITE_URL"] = "https://example.org/lertrat/"
    try:
        run = lertrat(root, "build")
    finally:
        del os.environ["LERTRAT_SITE_URL"]
    assert run.code == 0, run.output
    served = tmp_path_factory.mktemp("served")
    shutil.copytree(root / "site", served / "lertrat")
    return served


def test_the_site_works_under_a_sub_path(subpath_site):
    site = subpath_site / "lertrat"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert len(locs) == len(page_urls(site)) - 1  # every page but 404.html, with its full address
    assert all(loc.startswith("https://example.org/lertrat/") for loc in locs)
    not_found = parse(site / "404.html")
    hrefs = {link for tag, link, _ in not_found.links if tag in ("a", "link") and not is_external(link)}
    assert hrefs and all(h.startswith("/lertrat/") for h in hrefs), sorted(hrefs)  # absolute: it is served at any depth
    outside: list[str] = []
    with serve(subpath_site) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base + "/lertrat/") else (outside.append(route.request.url), route.abort()))
        failed: list[str] = []
        page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
        page.goto(f"{base}/lertrat/", wait_until="networkidle")
        assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("Sarabun")
        page.locator(".md-header__option .md-select").hover()
        page.locator("a.md-select__link[hreflang='en']").click()
        page.wait_for_url(f"{base}/lertrat/en/")
        page.locator(".md-content a[href]:not(.headerlink)").first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith(f"{base}/lertrat/en/")
        assert page.locator("h1").count() == 1
        page.locator(".md-header__option .md-select").hover()
        page.locator("a.md-select__link[hreflang='th']").click()
        page.wait_for_load_state("load")
        assert page.url.startswith(f"{base}/lertrat/") and "/en/" not in page.url
        page.goto(f"{base}/lertrat/404.html", wait_until="networkidle")
        page.locator(".md-content a[href='/lertrat/en/']").click()
        page.wait_for_url(f"{base}/lertrat/en/")
        browser.close()
    assert outside == [] and failed == []
