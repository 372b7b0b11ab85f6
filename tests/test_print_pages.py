"""The print page of every branch of every programme year (``/{year}/{branch}/print/``).

The built HTML holds the branch's conditions and every type's definition, conditions and
rubric, under a cover line, without notes for editors or source file names. Printed to A4
by Chromium (``page.pdf``, read back with pdfinfo and pdftotext), it has page numbers, no
heading left at the foot of a page, the rubric's totals once per table and no empty last page.
"""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser

import pytest
from playwright.sync_api import sync_playwright

from browser import allow_only, launch, serve
from conftest import REPO
from htmltext import read

YEARS = sorted(int(p.name) for p in (REPO / "rubrics").iterdir() if re.fullmatch(r"\d{4}", p.name))


def branches() -> list[tuple[int, str]]:
    """Every branch of every year, from rubrics/ (a branch is a folder with a branch.yaml)."""
    return [(y, b.name) for y in YEARS for b in sorted((REPO / "rubrics" / str(y)).iterdir()) if (b / "branch.yaml").is_file()]


class _Outline(HTMLParser):
    """The h2/h3 headings and the classes of the elements of a page's article."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.classes: set[str] = set()
        self.rubrics = 0
        self._in: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.classes.update((attributes.get("class") or "").split())
        if tag == "table" and "lr-rubric" in (attributes.get("class") or ""):
            self.rubrics += 1
        if tag in ("h2", "h3"):
            self._in, self._text = tag, []

    def handle_endtag(self, tag):
        if tag == self._in:
            self.headings.append("".join(self._text).replace("¶", "").strip())
            self._in = None

    def handle_data(self, data):
        if self._in:
            self._text.append(data)


def _article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def outline(html: str) -> _Outline:
    parsed = _Outline()
    parsed.feed(_article(html))
    return parsed


def type_names(year: int, branch: str, lang: str) -> list[str]:
    import yaml

    names = []
    for path in sorted((REPO / "rubrics" / str(year) / branch).glob("*.yaml")):
        if path.name != "branch.yaml":
            names.append(yaml.safe_load(path.read_text(encoding="utf-8"))["name"][lang])
    return names


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_branch_has_a_print_page_with_every_type(built_site, lang):
    assert branches()
    prefix = "" if lang == "th" else "en/"
    for year, branch in branches():
        page = built_site / prefix / str(year) / branch / "print" / "index.html"
        assert page.is_file(), page
        html = page.read_text(encoding="utf-8")
        parsed = outline(html)
        text = read(_article(html))[0]
        for name in type_names(year, branch, lang):
            assert any(name in h for h in parsed.headings), (year, branch, name)
        assert "lr-print-cover" in parsed.classes
        assert "data-lr-date" in html  # the date printed is filled in by the browser
        # No sources and no file names on paper.
        assert "lr-source" not in parsed.classes
        assert not re.search(r"\b\w+\.(txt|yaml|pdf)\b", text), (year, branch)
        # The branch page links its print page.
        branch_page = (built_site / prefix / str(year) / branch / "index.html").read_text(encoding="utf-8")
        assert 'href="print/"' in branch_page


def _pdf_pages(pdf) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    assert abs(float(size.group(1)) - 595.3) < 2 and abs(float(size.group(2)) - 841.9) < 2, info  # A4
    return [
        subprocess.run(["pdftotext", "-layout", "-f", str(i), "-l", str(i), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        for i in range(1, count + 1)
    ]


# The longest branch of the newest year in Thai, an older year's branch in English.
PRINTED = [("th", YEARS[-1], "service"), ("en", YEARS[0], "participation")]


@pytest.fixture(scope="module")
def printed(built_site, tmp_path_factory):
    found = {}
    folder = tmp_path_factory.mktemp("print")
    with serve(built_site) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        outside: list[str] = []
        allow_only(page, base, outside)
        for lang, year, branch in PRINTED:
            url = f"{base}/{'' if lang == 'th' else 'en/'}{year}/{branch}/print/"
            page.goto(url)
            page.evaluate("document.fonts.ready.then(() => true)")
            pdf = folder / f"{lang}-{year}-{branch}.pdf"
            page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True, print_background=True)
            found[(lang, year, branch)] = (_pdf_pages(pdf), outline(page.content()), page.locator(".lr-print-cover").inner_text())
        for url in OTHER_PRINTS:
            page.goto(base + url)
            page.evaluate("document.fonts.ready.then(() => true)")
            pdf = folder / (url.strip("/").replace("/", "-") + ".pdf")
            page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True, print_background=True)
            found[url] = _pdf_pages(pdf)
        browser.close()
    assert not outside
    return found


# Pages printed on their own: a type's criteria (the longest of the newest year) and a form.
OTHER_PRINTS = [f"/{YEARS[-1]}/pmqa/per-category/", f"/en/{YEARS[-1]}/service/innovation/", f"/{YEARS[0]}/readiness-form/"]


@pytest.mark.parametrize("url", OTHER_PRINTS)
def test_criteria_and_form_print_without_an_empty_last_page(printed, url):
    pages = printed[url]
    last = re.sub(r"\b\d+\s*/\s*\d+\b", "", pages[-1]).strip()
    assert len(last) > 40, f"the last of {len(pages)} pages is (nearly) empty: {last!r}"


@pytest.mark.parametrize("case", PRINTED, ids=lambda c: f"{c[0]}-{c[1]}-{c[2]}")
def test_branch_prints_cleanly_on_a4(printed, case):
    pages, parsed, cover = printed[case]
    assert len(pages) > 1
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert re.search(rf"\b{number}\s*/\s*{total}\b", text), f"page {number} has no page number"
        body = re.sub(rf"\b{number}\s*/\s*{total}\b", "", text).strip()
        assert len(body) > 200 or number == total and len(body) > 40, f"page {number} is (nearly) empty: {body!r}"
        lines = [line.strip() for line in body.splitlines() if line.strip()]
        # A heading is never the last thing on a page: it stays with what follows it.
        if number < total:
            assert lines[-1] not in parsed.headings, f"page {number} ends with the heading {lines[-1]!r}"
    # The rubric's totals row is printed once per table, not at the foot of every page.
    total_label = "คะแนนเต็ม" if case[0] == "th" else "Full marks"
    printed_totals = sum(len(re.findall(rf"^\s*{total_label}\s{{2,}}\d+\s*$", text, re.M)) for text in pages)
    assert printed_totals == parsed.rubrics
    # The cover line: programme year, branch and the date it was printed.
    lang, year, _ = case
    assert (f"พ.ศ. {year}" if lang == "th" else f"{year - 543} (BE {year})") in cover
    assert "……" not in cover and re.search(r"\d{4}", cover.split("·")[-1])
