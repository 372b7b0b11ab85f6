"""What a reader finds on every page, in both languages: a task-first home page, breadcrumbs,
the earlier-year banner, the language switch, the footer's pages (contact, policy, site map,
the staff guide), and when the content last changed.

Built HTML is read for what every page must carry; Debian's Chromium checks what a reader
sees on a phone (above the fold, breadcrumbs shown, the language switch keeping state, no
cookies). Years and contacts are read from rubrics/, never written here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import sync_playwright

from generator.site.pageinfo import changed_dates

from browser import allow_only, launch, serve
from conftest import REPO, copy_project, lertrat
from htmltext import norm, read
from sitelinks import page_path, resolve
from sitepages import language, page_urls

LABELS = yaml.safe_load((REPO / "generator" / "pages" / "labels.yaml").read_text(encoding="utf-8"))
YEARS = sorted(int(p.name) for p in (REPO / "rubrics").iterdir() if re.fullmatch(r"\d{4}", p.name))
CURRENT = YEARS[-1]
PREFIX = {"th": "", "en": "en/"}


def year_label(be: int, lang: str) -> str:
    return f"พ.ศ. {be}" if lang == "th" else f"{be - 543} (BE {be})"


def html_of(site: Path, url: str) -> str:
    return page_path(site, url).read_text(encoding="utf-8")


def article(page_html: str) -> str:
    return page_html[page_html.index("<article") : page_html.index("</article>")]


def links(fragment: str) -> list[tuple[str, str]]:
    """(href, visible text) of every link in an HTML fragment."""
    return [(href, norm(re.sub(r"<[^>]+>", "", text))) for href, text in re.findall(r'<a\s[^>]*?href="([^"]*)"[^>]*>(.*?)</a>', fragment, re.S)]


def target_url(site: Path, url: str, href: str) -> str:
    """The site URL a relative link on page ``url`` leads to ('/2566/service/')."""
    file, _ = resolve(site, page_path(site, url), href)
    rel = file.resolve().relative_to(site.resolve()).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


# --- home -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["th", "en"])
def test_home_names_the_current_year_and_links_every_task(built_site, lang):
    url = "/" + PREFIX[lang]
    page = html_of(built_site, url)
    text = read(article(page))[0]
    assert f"{LABELS['home_current'][lang]}: {year_label(CURRENT, lang)}" in text
    tasks = page[page.index('class="lr-tasks"') :]
    tasks = tasks[: tasks.index("</nav>")]
    targets = {target_url(built_site, url, href) for href, _ in links(tasks) if not href.startswith("#")}
    p = "/" + PREFIX[lang]
    assert {f"{p}{CURRENT}/finder/", f"{p}{CURRENT}/timeline/", f"{p}{CURRENT}/apply/", f"{p}winners/"} <= targets
    # Checklists and criteria by branch are sections of the home page itself.
    for anchor in ("#checklists", "#criteria"):
        assert f'href="{anchor}"' in tasks and f'id="{anchor[1:]}"' in page
    checklists = page[page.index('id="checklists"') :]
    for branch in sorted((REPO / "rubrics" / str(CURRENT)).iterdir()):
        for item in sorted(branch.glob("*.yaml")) if branch.is_dir() else []:
            if item.name != "branch.yaml":
                assert f'href="{CURRENT}/{branch.name}/{item.stem}/checklist/"' in checklists, item
    # The page title names the site once; the sidebar's home entry is "Home", not the site's name again.
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert title == f"{LABELS['home'][lang]} - {LABELS['site_name'][lang]}"


@pytest.mark.parametrize("lang", ["th", "en"])
def test_home_tasks_are_above_the_fold_on_a_phone(built_site, lang):
    with serve(built_site) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        outside: list[str] = []
        allow_only(page, base, outside)
        page.goto(f"{base}/{PREFIX[lang]}")
        page.evaluate("document.fonts.ready.then(() => true)")
        bottoms = page.evaluate("""() => [...document.querySelectorAll('.lr-lead, .lr-current, .lr-task')]
            .map(el => [el.textContent.trim(), el.getBoundingClientRect().bottom])""")
        browser.close()
    assert not outside
    assert len(bottoms) >= 8  # the sentence, the year, six tasks
    below = [text for text, bottom in bottoms if bottom > 844]
    assert not below, below


# --- every page ---------------------------------------------------------------------------


def test_pages_of_earlier_years_say_so_and_link_the_current_year(built_site):
    checked = 0
    for url in page_urls(built_site):
        parts = url.strip("/").split("/")
        parts = parts[1:] if parts[:1] == ["en"] else parts
        if not url.endswith("/") or not parts or not re.fullmatch(r"\d{4}", parts[0]):
            continue
        page = html_of(built_site, url)
        banner = re.search(r'<aside class="lr-older.*?</aside>', page, re.S)
        if int(parts[0]) == CURRENT:
            assert banner is None, url
            continue
        lang = language(url)
        assert banner is not None, url
        text = read(banner.group(0))[0]
        assert year_label(int(parts[0]), lang) in text and year_label(CURRENT, lang) in text, (url, text)
        (href, _), = links(banner.group(0))
        same = url.replace(f"/{parts[0]}/", f"/{CURRENT}/", 1)
        expected = same if page_path(built_site, same).is_file() else None
        target = target_url(built_site, url, href)
        assert page_path(built_site, target).is_file(), (url, href)
        if expected:
            assert target == expected, (url, target)
        else:
            assert target.startswith(f"/{PREFIX[lang]}{CURRENT}/"), (url, target)
        checked += 1
    assert checked > 20


@pytest.mark.parametrize("lang", ["th", "en"])
def test_breadcrumbs_go_from_home_to_the_page_in_the_readers_language(built_site, lang):
    p = "/" + PREFIX[lang]
    url = f"{p}{CURRENT}/service/innovation/checklist/"
    page = html_of(built_site, url)
    crumbs = re.search(r'<nav class="md-path".*?</nav>', page, re.S).group(0)
    trail = [target_url(built_site, url, href) for href, _ in links(crumbs)]
    assert trail == [p, f"{p}{CURRENT}/", f"{p}{CURRENT}/service/", f"{p}{CURRENT}/service/innovation/"]
    assert links(crumbs)[0][1] == LABELS["home"][lang]
    # Every page below the home page has them.
    for other in page_urls(built_site):
        if language(other) == lang and other.endswith("/") and other.strip("/") not in ("", "en") and other.count("/") > (2 if lang == "th" else 3):
            assert 'class="md-path"' in html_of(built_site, other), other


@pytest.mark.parametrize("lang", ["th", "en"])
def test_footer_links_the_sites_own_pages_and_the_staff_guide_leaves_the_menu(built_site, lang):
    p = "/" + PREFIX[lang]
    for url in (p, f"{p}{CURRENT}/service/", f"{p}winners/"):
        page = html_of(built_site, url)
        footer = page[page.index('class="lr-footer-links"') :]
        footer = footer[: footer.index("</nav>")]
        targets = {target_url(built_site, url, href) for href, _ in links(footer)}
        assert {f"{p}contact/", f"{p}policy/", f"{p}sitemap/", f"{p}editing/", f"{p}accessibility/"} <= targets
        for target in targets:
            assert page_path(built_site, target).is_file(), target
        sidebar = page[page.index('md-nav--primary') : page.index('class="md-content"')]
        assert not [h for h, _ in links(sidebar) if h.rstrip("/").split("/")[-1] == "editing"], url


def _contacts() -> list[str]:
    values = []
    for path in sorted((REPO / "rubrics").glob("*/*/branch.yaml")):
        values += [c["value"] for c in yaml.safe_load(path.read_text(encoding="utf-8")).get("contact", [])]
    return values


@pytest.mark.parametrize("lang", ["th", "en"])
def test_contact_page_lists_the_contacts_of_the_data_clickable(built_site, lang):
    values = _contacts()
    assert values
    page = article(html_of(built_site, f"/{PREFIX[lang]}contact/"))
    text = read(page)[0]
    found = dict((t, h) for h, t in links(page))
    for value in values:
        assert value in text, value
        if "@" in value:
            assert found.get(value) == f"mailto:{value}", value
        elif re.fullmatch(r"0[\d ]+", value):
            assert found.get(value) == "tel:+66" + value.replace(" ", "")[1:], value


@pytest.mark.parametrize("lang", ["th", "en"])
def test_policy_and_sitemap_pages(built_site, lang):
    p = "/" + PREFIX[lang]
    policy = read(article(html_of(built_site, f"{p}policy/")))[0]
    assert ("คุกกี้" if lang == "th" else "cookies") in policy
    sitemap_url = f"{p}sitemap/"
    sitemap = article(html_of(built_site, sitemap_url))
    listed = {target_url(built_site, sitemap_url, h) for h, _ in links(sitemap) if not h.startswith("#")}
    for year in YEARS:
        for branch in sorted((REPO / "rubrics" / str(year)).iterdir()):
            if (branch / "branch.yaml").is_file():
                assert f"{p}{year}/{branch.name}/" in listed
                for item in branch.glob("*.yaml"):
                    if item.name != "branch.yaml":
                        assert f"{p}{year}/{branch.name}/{item.stem}/" in listed


def test_language_switch_is_labelled_and_keeps_the_state(built_site):
    with serve(built_site) as base, sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context(viewport={"width": 390, "height": 844})
        outside: list[str] = []
        allow_only(context, base, outside)
        page = context.new_page()
        page.goto(f"{base}/{CURRENT}/service/?year=2565#lr-state")
        label = page.locator(".lr-lang-button__label")
        assert label.is_visible() and label.inner_text().strip() == "English"
        page.locator(".md-header__option .md-select").hover()
        page.locator("a.md-select__link[hreflang='en']").click()
        page.wait_for_url(f"**/en/{CURRENT}/service/**")
        assert page.url.endswith(f"/en/{CURRENT}/service/?year=2565#lr-state")
        assert page.locator(".lr-lang-button__label").inner_text().strip() == "ไทย"
        # A heading's anchor is not carried over: the other language's headings have other ids.
        heading = page.locator("article h2[id]").first.get_attribute("id")
        page.goto(f"{base}/en/{CURRENT}/service/#{heading}")
        page.locator(".md-header__option .md-select").hover()
        page.locator("a.md-select__link[hreflang='th']").click()
        page.wait_for_url(f"**/{CURRENT}/service/")
        assert "#" not in page.url
        # Breadcrumbs are shown on a phone.
        page.goto(f"{base}/{CURRENT}/service/innovation/")
        assert page.locator(".md-path").is_visible()
        # No page sets a cookie, the self-assessment with its saved answers included.
        page.goto(f"{base}/{CURRENT}/service/innovation/self-assessment/")
        page.locator("input[inputmode=decimal]").first.fill("1")  # an answer the page saves in the browser
        assert context.cookies() == []
        browser.close()
    assert not outside


# --- when the content last changed ---------------------------------------------------------


def test_without_git_history_no_page_claims_a_date(built_site):
    assert 'class="lr-updated"' not in html_of(built_site, "/")
    assert 'class="lr-updated"' not in html_of(built_site, f"/{CURRENT}/service/innovation/")


def _git(root: Path, *args: str, date: str | None = None) -> None:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_every_page_shows_when_its_sources_last_changed(tmp_path):
    """A project with history, cloned afresh: each page shows the date of the newest commit
    of the YAML it comes from."""
    origin = copy_project(tmp_path / "origin")
    _git(origin, "init", "-q")
    _git(origin, "add", "-A")
    _git(origin, "commit", "-qm", "first", date="2024-01-02T10:00:00+07:00")
    innovation = origin / "rubrics" / str(CURRENT) / "service" / "innovation.yaml"
    innovation.write_text(innovation.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    _git(origin, "commit", "-qam", "second", date="2025-03-04T10:00:00+07:00")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True, capture_output=True)
    # A shallow clone would date every file by its one commit: it claims no date instead.
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(shallow)], check=True, capture_output=True)
    assert changed_dates(shallow) == {}
    assert changed_dates(clone)[f"rubrics/{CURRENT}/service/innovation.yaml"] == "2025-03-04"
    shutil.rmtree(origin)
    run = lertrat(clone, "build")
    assert run.code == 0, run.output
    site = clone / "site"

    def shown(url: str) -> str:
        found = re.search(r'<p class="lr-updated"[^>]*>(.*?)</p>', html_of(site, url), re.S)
        return norm(re.sub(r"<[^>]+>", " ", found.group(1))) if found else ""

    changed = {"th": "4 มีนาคม 2568", "en": "4 March 2025"}
    untouched = {"th": "2 มกราคม 2567", "en": "2 January 2024"}
    for lang in ("th", "en"):
        p = "/" + PREFIX[lang]
        assert shown(f"{p}{CURRENT}/service/innovation/").endswith(changed[lang])
        assert shown(f"{p}{CURRENT}/service/innovation/checklist/").endswith(changed[lang])
        assert shown(f"{p}{CURRENT}/service/development/").endswith(untouched[lang])
        assert shown(f"{p}about/").endswith(untouched[lang])
        assert shown(p).endswith(changed[lang])  # the home page comes from all of rubrics/
        assert shown(p).startswith(LABELS["last_changed"][lang])


# --- one year style per language -----------------------------------------------------------

# Left out of the check: notes (they quote the sources' own wording), quotations, code.
_NOT_PROSE = [r'<aside class="lr-notes".*?</aside>', r'<(span|p|small) class="lr-why">.*?</\1>', r'<p class="lr-guidance"><em>.*?</p>', r"<code>.*?</code>", r"<pre.*?</pre>", r'<p class="lr-source".*?</p>']


def bare_be_years(page_html: str) -> list[str]:
    """BE years on an English page not written "2023 (BE 2566)" (or "BE 2566" alone)."""
    text = article(page_html)
    for pattern in _NOT_PROSE:
        text = re.sub(pattern, " ", text, flags=re.S)
    text = re.sub(r'"[^"]*"|“[^”]*”', " ", read(text)[0])
    found = []
    for m in re.finditer(r"(?<![\d/.\-–])\b(25[4-7]\d)\b(?![\d/])", text):
        if re.search(r"B\.?E\.?\s*$|BE 25\d\d\s*[–-]\s*$", text[max(0, m.start() - 12) : m.start()]):  # "BE 2566"; an Act's title "B.E. 2558 (2015)"
            continue
        if re.search(r"[\u0E00-\u0E7F]", text[max(0, m.start() - 8) : m.end() + 3]):
            continue  # inside a Thai name or quotation
        found.append(text[max(0, m.start() - 40) : m.end() + 10])
    return found


def test_english_pages_write_years_as_ce_with_the_be_year_after(built_site):
    # The staff pages (/en/editing/…) quote the sources for editors; readers' pages are checked.
    found = {url: bare_be_years(html_of(built_site, url)) for url in page_urls(built_site) if language(url) == "en" and url.endswith("/") and not url.startswith("/en/editing/")}
    assert not {url: years for url, years in found.items() if years}
    assert bare_be_years("<article><p>open until 20 February 2562.</p></article>")  # the check can fail
    finder = read(article(html_of(built_site, f"/en/{CURRENT}/finder/")))[0]
    assert f"{CURRENT - 543} (BE {CURRENT})" in finder or f"{CURRENT - 543}, BE {CURRENT}" in finder


def test_thai_pages_write_years_with_be_first(built_site):
    for year in YEARS:
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html_of(built_site, f"/{year}/"), re.S).group(1)
        assert f"พ.ศ. {year}" in h1, h1
    assert year_label(CURRENT, "th") in read(article(html_of(built_site, "/")))[0]


def test_language_switch_keeps_the_winners_filters_and_the_finders_step(built_site):
    with serve(built_site) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        outside: list[str] = []
        allow_only(page, base, outside)

        def switch(to: str) -> None:
            page.locator(".md-header__option .md-select").hover()
            page.locator(f"a.md-select__link[hreflang='{to}']").click()
            page.wait_for_load_state("load")

        page.goto(f"{base}/winners/")
        branch = page.locator("select[name=branch]")
        value = branch.locator("option").nth(1).get_attribute("value")
        branch.select_option(value)
        page.wait_for_url(f"**branch={value}**")
        switch("en")
        assert "/en/winners/" in page.url and f"branch={value}" in page.url
        assert page.locator("select[name=branch]").input_value() == value

        page.goto(f"{base}/{CURRENT}/finder/")
        page.locator(".lr-finder__step:not([hidden]) a[href^='#']").first.click()
        step = page.evaluate("location.hash")
        assert step.startswith("#finder-")
        switch("en")
        assert page.url.endswith(f"/en/{CURRENT}/finder/{step}")  # the step's address; the finder opens it
        assert page.locator(step).count() == 1
        browser.close()
    assert not outside
