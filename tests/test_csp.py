"""The Content-Security-Policy of every page (generator/site/csp.py): only the site itself.

The built pages carry the policy first in their <head>; in Debian's Chromium every kind of
page, in both languages, and every interactive part (search, finder, calculators, winners
filters, timeline, language switch) run without a single ``securitypolicyviolation``, and an
inline script slipped into a page is refused (so the listener is shown to hear violations).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import socket
import subprocess
import time
import urllib.request

import pytest

from generator.site import csp

from assesscases import CASES, cost_outcome, outcome
from browser import allow_only, serve
from conftest import LERTRAT
from sitepages import page_urls, pattern, sample

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="(?P<policy>[^"]*)">')
SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)

# Every violation the page reports, and any message Chromium logs about the policy, reach the test
# (a binding survives navigation, so nothing reported while a page unloads is lost).
LISTEN = """
document.addEventListener('securitypolicyviolation', e => {
  window.lrCspViolation([e.violatedDirective, e.blockedURI, e.sourceFile + ':' + e.lineNumber, (e.sample || '').slice(0, 80)].join(' | '));
});
"""


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


# --- the step on its own ------------------------------------------------------------------


PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>x</title>
<script>var a = 1;</script><script src="x.js"></script><script type="application/json">{"b": 2}</script>
<script type="module">import "./m.js";</script><style>p { color: red }</style></head>
<body><p>text with onclick= written in it and &lt;b onclick=x&gt;</p><p title="a > b">x</p></body></html>"""


def test_policy_hashes_each_inline_script_and_style_and_nothing_else():
    rules = directives(csp.policy(PAGE))
    assert rules["script-src"] == ["'self'", *sorted([sha256("var a = 1;"), sha256('import "./m.js";')])]
    assert rules["style-src"] == ["'self'", sha256("p { color: red }")]
    assert rules["object-src"] == ["'none'"] and rules["base-uri"] == ["'self'"]
    assert rules["default-src"] == ["'self'"] and rules["worker-src"] == ["'self'"] and rules["connect-src"] == ["'self'"]
    assert rules["img-src"] == ["'self'", "data:"] and rules["font-src"] == ["'self'"] and rules["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in csp.policy(PAGE) and "'unsafe-eval'" not in csp.policy(PAGE)
    assert csp.refused(PAGE) == []


def test_style_attributes_are_allowed_by_hash_only():
    page = PAGE.replace('<p title="a > b">', '<p style="width: 40%">')
    assert directives(csp.policy(page))["style-src"] == ["'self'", sha256("p { color: red }"), "'unsafe-hashes'", sha256("width: 40%")]


def test_the_policy_comes_before_anything_it_governs():
    out = csp.with_policy(PAGE)
    assert out.index('http-equiv="Content-Security-Policy"') < out.index("<script")
    assert out.startswith('<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"')
    with pytest.raises(csp.PolicyError, match="before its <head>"):
        csp.with_policy("<script>x()</script><html><head></head></html>")


def test_handlers_and_javascript_links_are_refused_naming_the_page(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text(PAGE.replace("<p>text", '<p onclick="go()">text'), encoding="utf-8")
    (tmp_path / "b.html").write_text(PAGE.replace("<p>text", '<a href="javascript:go()">text</a><p>'), encoding="utf-8")
    (tmp_path / "c.html").write_text(PAGE, encoding="utf-8")
    with pytest.raises(csp.PolicyError) as error:
        csp.apply(tmp_path)
    lines = str(error.value).splitlines()
    assert lines[1:] == ['a/index.html: an inline event handler onclick= in <p onclick="go()">', 'b.html: a javascript: link in <a href="javascript:go()">']
    assert lines[0].startswith("the Content-Security-Policy cannot allow inline code in these pages; move scripts to overrides/assets/js/")
    assert META.search((tmp_path / "c.html").read_text(encoding="utf-8"))
    assert not META.search((tmp_path / "b.html").read_text(encoding="utf-8"))


# --- the built site -------------------------------------------------------------------------


def test_every_built_page_carries_its_policy_first(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100 and (built_site / "404.html") in pages
    hashed = 0
    for path in pages:
        text = path.read_text(encoding="utf-8")
        metas = META.findall(text)
        assert len(metas) == 1, path
        head = text.index("<head>")
        meta = META.search(text)
        assert meta.start() < text.index("<script") and meta.start() < text.index("<link") and head < meta.start(), path
        rules = directives(meta["policy"])
        assert rules["object-src"] == ["'none'"] and rules["base-uri"] == ["'self'"], path
        for source in (s for values in rules.values() for s in values):
            assert source in ("'self'", "'none'", "data:") or source.startswith("'sha256-"), f"{path}: {source}"
        assert rules["img-src"] == ["'self'", "data:"], path
        for script in SCRIPT.finditer(text):
            if "src=" not in script["attrs"] and "application/json" not in script["attrs"]:
                assert sha256(script["body"]) in rules["script-src"], path
                hashed += 1
    assert hashed >= 2 * len(pages) - 1  # Material's two inline scripts, on every page


# --- in Chromium -------------------------------------------------------------------------------

PER_PATTERN = 2


class Tab:
    """A tab that hears every policy violation and refuses requests to any other host."""

    def __init__(self, browser, base: str):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.violations: list[str] = []
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.context.expose_binding("lrCspViolation", lambda source, text: self.violations.append(f"{source['page'].url}: {text}"))
        self.context.add_init_script(LISTEN)
        allow_only(self.context, base + "/", self.outside)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.violations.append(f"{self.page.url}: console: {m.text}") if "Content Security Policy" in m.text else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"{self.page.url}: {e}"))
        self.base = base

    def open(self, path: str, idle: bool = False):
        self.page.goto(self.base + path, wait_until="networkidle" if idle else "load")
        return self.page


def test_every_kind_of_page_runs_without_a_violation(built_site, chromium):
    urls = sorted({*sample(page_urls(built_site), PER_PATTERN), "/404.html", "/en/"})
    kinds = {pattern(u) for u in urls}
    assert {lang for lang, _, _ in kinds} == {"th", "en"} and len(kinds) > 20
    assert "/404.html" in urls
    with serve(built_site) as base:
        tab = Tab(chromium, base)
        for url in urls:
            tab.open(url)
            assert tab.page.evaluate("document.querySelector('script[src*=bundle]') !== null"), url
        tab.page.wait_for_load_state("networkidle")
        tab.context.close()
    assert tab.violations == []
    assert tab.errors == []
    assert tab.outside == []


def test_an_inline_script_slipped_into_a_page_is_refused_and_heard(built_site, chromium):
    with serve(built_site) as base:
        tab = Tab(chromium, base)
        page = tab.open("/")
        page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.lrRan = 1'; document.head.append(s); }")
        page.wait_for_timeout(200)
        assert page.evaluate("window.lrRan") is None
        # A script from another kind of source is refused too (a data: address, as an injected one might be).
        page.evaluate("() => { const s = document.createElement('script'); s.src = 'data:text/javascript,window.lrData=1'; document.head.append(s); }")
        page.wait_for_timeout(200)
        assert page.evaluate("window.lrData") is None
        tab.context.close()
    assert len([v for v in tab.violations if "script-src" in v and "console" not in v]) == 2, tab.violations


def fill_answers(page, answers: dict) -> None:
    page.click("[data-action=clear]")
    for name, value in answers.items():
        if name == "_requested":
            page.select_option(f"[name='{name}']", str(value))
        else:
            page.fill(f"[name='{name}']", str(value))


@pytest.mark.parametrize("lang", ["th", "en"])
def test_interactive_parts_work_under_the_policy(built_site, chromium, lang):
    prefix = "" if lang == "th" else "/en"
    with serve(built_site) as base:
        tab = Tab(chromium, base)
        page = tab.page

        # Search: Material's worker loads the index and shows results.
        tab.open(prefix + "/", idle=True)
        page.locator(".md-search__input").click()
        page.keyboard.type("PMQA")
        page.locator(".md-search-result__item").first.wait_for(timeout=20000)
        assert page.locator(".md-search-result__item").count() > 0

        # Language switch: to the other language's home page.
        page.keyboard.press("Escape")
        other = "en" if lang == "th" else "th"
        link = page.locator(f".md-select a[hreflang={other}]")
        page.locator(".md-header__option .md-select").hover()
        link.first.click()
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.lang") == other

        # Finder: one question per screen; an answer moves to the next screen.
        tab.open(prefix + "/2566/finder/", idle=True)
        first = page.locator(".lr-finder__step:not([hidden])")
        assert first.count() == 1
        question = first.inner_text()
        first.locator(".lr-finder__answer").first.click()
        assert page.locator(".lr-finder__step:not([hidden])").inner_text() != question

        # The calculators: the first cases of the shared table give the results Python gives.
        case = CASES["self_assessment"][0]
        tab.open(f"{prefix}/{case['type']}/self-assessment/", idle=True)
        page.wait_for_selector("#lr-assess-actions:not([hidden])")
        fill_answers(page, case["answers"])
        assert page.get_attribute("#lr-assess-result", "data-status") == outcome(case)["status"]
        case = next(c for c in CASES["cost_value"] if cost_outcome(c)["complete"])
        tab.open(f"{prefix}/{case['type']}/self-assessment/", idle=True)
        fill_answers(page, case["answers"])
        assert page.get_attribute("#lr-cost-result", "data-status") == "done"
        assert page.inner_text("[data-out=cost-total]") == cost_outcome(case)["total"]

        # Winners filters: choosing a branch loads the list (fetch) and filters it.
        tab.open(prefix + "/winners/", idle=True)
        page.select_option("#lr-filter select[name=branch]", index=1)
        page.wait_for_function("() => /\\d/.test(document.querySelector('.lr-filter__count').textContent) && !document.querySelector('.lr-filter__count').textContent.includes('…')")
        assert page.locator("#lr-winners-list tbody tr").count() > 0

        # Timeline: re-marked against the reader's today by timeline.js.
        tab.open(prefix + "/2566/timeline/", idle=True)
        assert page.locator("ol[data-lr-timeline] > li").count() > 0
        assert page.locator("[data-lr-note]").inner_text().strip() != ""

        page.wait_for_timeout(200)
        tab.context.close()
    assert tab.violations == []
    assert tab.errors == []
    assert tab.outside == []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_preview_has_no_policy(project):
    """`lertrat serve` serves pages without the policy: MkDocs' live reload injects an inline
    script into every page it serves, which the policy would refuse."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([str(LERTRAT), "--root", str(project), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        page = None
        for _ in range(600):  # the first build takes a while on a busy machine
            if server.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                    page = answer.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(0.5)
        assert page is not None, server.stderr.read().decode() if server.poll() is not None else "no answer"
        assert "livereload" in page
        assert "Content-Security-Policy" not in page
    finally:
        server.terminate()
        server.wait(timeout=30)
