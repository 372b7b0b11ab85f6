"""Text from the YAML cannot change a page: markup in any text field shows as typed.

`lertrat check` already rejects tags in texts (see tests/bad_inputs/script-in-text). This
test switches that check off and puts script payloads into every text of every kind of
record (years, branches, award types, agencies, winners, UNPSA awards, sources, contacts,
links), builds the site, and looks at it as HTML and in Chromium: the payloads must appear
as text, and no script may run.
"""

from __future__ import annotations

import html as html_module
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import sync_playwright

from browser import launch, serve
from conftest import copy_project
from sitepages import page_urls, sample

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
MD_LINK = "[click](javascript:alert(1))"
PAYLOAD = f" {SCRIPT} {IMG} {MD_LINK}"
LINK = 'https://example.org/"><script>alert(1)</script>'
PLAIN_STRINGS = {"section", "reference"}  # free text outside {th, en} pairs (and a contact's value); a document is cited by id

# Build with the markup check off, in one process, so that the MkDocs hook sees it off too.
BUILD = """
import re, sys
import generator.content.models
generator.content.models._TAG = re.compile(r"(?!)")  # accept tags: this test is about escaping
from mkdocs.__main__ import cli
cli.main(["build", "--strict", "-f", sys.argv[1], "-d", sys.argv[2]])
"""


def poison(node, key: str | None = None):
    """Every human-readable string gets the payloads; ids, numbers and dates stay valid."""
    if isinstance(node, dict):
        if set(node) <= {"th", "en"} and node:
            return {k: v + PAYLOAD for k, v in node.items()}
        if set(node) == {"label", "value"}:  # a contact: its value is free text
            return {"label": poison(node["label"]), "value": node["value"] + PAYLOAD}
        return {k: poison(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [poison(item, key) for item in node]
    if key in PLAIN_STRINGS and isinstance(node, str):
        return node + PAYLOAD
    if key == "link" and isinstance(node, str):
        return LINK
    return node


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("escaping") / "project")
    for path in sorted((root / "rubrics").rglob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every value as text
        path.write_text(yaml.safe_dump(poison(data), allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    site = root / "site"
    done = subprocess.run([sys.executable, "-c", BUILD, str(root / "mkdocs.yml"), str(site)], cwd=root, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and (site / "index.html").is_file(), done.stdout + done.stderr
    return site


def test_markup_in_the_yaml_shows_as_text_on_every_page(poisoned_site):
    pages = [url for url in page_urls(poisoned_site) if url != "/404.html"]
    shown = 0
    for url in pages:
        path = poisoned_site / (url.lstrip("/") + "index.html" if url.endswith("/") else url.lstrip("/"))
        html = path.read_text(encoding="utf-8")
        body = html[html.index('<article'): html.index("</article>")]
        assert not re.search(r"<script>\s*alert", body), f"{url}: a script from the YAML is in the HTML"
        assert not re.search(r"<img[^>]*onerror", html), f"{url}: an onerror handler from the YAML is in the HTML"
        assert not re.search(r"""(?:href|src)\s*=\s*["']?\s*javascript:""", html, re.I), f"{url}: a javascript: link"
        assert '"><script>' not in html, f"{url}: an attribute was broken out of"
        text = html_module.unescape(re.sub(r"<[^>]*>", "", body))  # what a reader sees, tags removed
        if "alert(1)" in text:  # the page shows text from the YAML: all of it as typed
            for payload in (SCRIPT, IMG, MD_LINK):
                assert payload in text, f"{url}: {payload!r} is not shown as text"
            shown += 1
    # Only pages made of labels alone (the winners index, hand-written pages) lack them.
    assert shown >= 0.9 * len(pages), f"the payloads show on only {shown} of {len(pages)} pages"


def test_no_script_from_the_yaml_runs_in_the_browser(poisoned_site):
    dialogs: list[str] = []
    urls = sample(page_urls(poisoned_site), 6)
    with serve(poisoned_site) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        for url in urls:
            page.goto(base + url, wait_until="load")
        # Search results are drawn from the search index as HTML: the payloads stay text there too.
        page.goto(base + "/en/", wait_until="load")
        page.locator(".md-search__input").click()
        page.keyboard.type("alert")
        page.locator(".md-search-result__item").first.wait_for(timeout=15000)
        assert "alert(1)" in page.locator(".md-search-result").inner_text()
        page.wait_for_timeout(500)
        browser.close()
    assert len(urls) > 10
    assert dialogs == []
