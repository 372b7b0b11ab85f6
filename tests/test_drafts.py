"""Drafts: a year started by `lertrat new-year` is a draft. The published site (`lertrat build`,
a plain `mkdocs build`) leaves it out entirely and says so in one line; the preview shows it
with a banner on its pages; no page or file carries a placeholder; a year with a TODO left
cannot be published."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import load_catalog
from generator.content.timeline import catalog_build_date
from generator.pages.labels import labels
from generator.pages.render import render_site
from generator.site.downloads import site_files
from tools import preview

from conftest import file_digests, lertrat
from htmltext import read

WORDS = labels()


def todo_count(project: Path, where: str) -> int:
    return sum(len(re.findall(r"\bTODO\b", p.read_text(encoding="utf-8"))) for p in (project / where).rglob("*.yaml"))


@pytest.fixture(scope="module")
def drafted(tmp_path_factory) -> Path:
    """The project with `lertrat new-year 2567` run in it (not built)."""
    from conftest import copy_project

    root = copy_project(tmp_path_factory.mktemp("drafted") / "project")
    run = lertrat(root, "new-year", "2567")
    assert run.code == 0, run.output
    return root


def test_new_year_marks_the_new_year_as_a_draft(drafted):
    text = (drafted / "rubrics/2567/year.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[1:3] == ["year: 2567", "draft: true"]
    check = lertrat(drafted, "check")
    assert check.code == 0, check.output
    assert check.stdout.splitlines()[-1] == f"2567 is a draft: not published; {todo_count(drafted, 'rubrics/2567')} TODO values left."


def test_the_published_build_leaves_the_draft_out_entirely(drafted, built_site, tmp_path):
    """The site built with the draft in rubrics/ is, byte for byte, the site built without it:
    no page, sidebar entry, link, search entry, calendar or open-data row names it."""
    run = lertrat(drafted, "build", "--site-dir", str(tmp_path / "site"))
    assert run.code == 0, run.output
    todo = todo_count(drafted, "rubrics/2567")
    assert todo == 88
    pages = sum(1 for _ in built_site.rglob("index.html"))
    assert run.stdout.splitlines() == ["2567 is a draft: not published; 88 TODO values left.", f"Built {pages} pages into {tmp_path / 'site'}/."]
    assert "rubrics/2567/" not in run.stderr  # its TODOs are summed up in that line, not listed as warnings
    site = tmp_path / "site"
    assert not (site / "2567").exists() and not (site / "en/2567").exists()
    assert not list((site / "calendar").glob("2567*")) and not (site / "data/rubrics-2567.json").exists()
    for index in ("search/search_index.json", "en/search/search_index.json"):
        assert not [d for d in json.loads((site / index).read_text(encoding="utf-8"))["docs"] if d["location"].startswith(("2567/", "en/2567/"))]
    assert file_digests(site) == file_digests(built_site)


def test_a_plain_mkdocs_build_leaves_the_draft_out_too(drafted, built_site, tmp_path):
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "plain")],
                          cwd=drafted, capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    plain = tmp_path / "plain"
    assert not (plain / "2567").exists() and not (plain / "en/2567").exists()
    assert sorted(file_digests(plain)) == sorted(file_digests(built_site))


def test_the_preview_shows_the_draft_with_a_banner_on_its_pages(drafted, tmp_path):
    title = {lang: WORDS["draft_banner_title"][lang] for lang in ("th", "en")}
    preview_title = {lang: WORDS["draft_banner_preview_title"][lang] for lang in ("th", "en")}
    with preview.serve(drafted, tmp_path / "tmp") as served:
        for path, lang in (("2567/", "th"), ("en/2567/", "en"), ("2567/service/innovation/", "th"), ("en/2567/timeline/", "en"),
                           ("2567/finder/", "th"), ("en/2567/pmqa/pmqa-4-0/checklist/", "en")):
            status, body = served.get(path)
            assert status == 200, path
            text = preview.page_text(body)
            assert title[lang] in text, path
            assert WORDS["draft_year"][lang].format(year=WORDS["year_th"][lang].format(be=2567, ce=2024)) in text, path
            assert not re.search(r"\bTODO\b", body), path
            assert 'datetime="TODO"' not in body and 'datetime=""' not in body
        # A page of a published year says the preview holds drafts, which the published site has not.
        for path, lang in (("", "th"), ("en/2566/", "en"), ("en/changes/", "en")):
            text = preview.page_text(served.get(path)[1])
            assert preview_title[lang] in text and "2567" in text, path
        assert "2567" in preview.page_text(served.get("en/")[1])
        # The timeline offers no calendar while no milestone has a date.
        assert served.get("calendar/2567.ics")[0] == 404
        assert "2567 is a draft: not published; 88 TODO values left." in served.lines()


def test_no_page_or_file_of_the_preview_carries_a_placeholder(drafted):
    """What the preview renders and writes (the draft included): no TODO, no `datetime` without
    a date, in the visible text or the markup of any page, in any calendar or data file."""
    catalog = load_catalog(drafted)
    pages = render_site(catalog)
    assert any(page.path.startswith("2567/") for page in pages)
    for page in pages:
        body = page.content.partition("\n")[2]  # the banner names the source file for editors
        assert not re.search(r"\bTODO\b", body), page.path
        assert not re.search(r'datetime="(TODO)?"', body), page.path
    for item in site_files(catalog, catalog_build_date(drafted, catalog)):
        if not item.path.startswith("data/schema/"):  # the schemas describe the placeholder; they hold none
            assert b"TODO" not in item.data, item.path


def test_a_year_with_todo_left_cannot_be_published(drafted, tmp_path):
    project = tmp_path / "project"
    subprocess.run(["cp", "-r", str(drafted), str(project)], check=True)
    year = project / "rubrics/2567/year.yaml"
    year.write_text(year.read_text(encoding="utf-8").replace("draft: true\n", "draft: false\n", 1), encoding="utf-8")
    for command in ("check", "build"):
        run = lertrat(project, command)
        assert run.code == 1, run.output
        lines = run.stderr.splitlines()
        assert lines[-1] == "89 problems found; nothing was written."
        summary = next(line for line in lines if ": draft: " in line)
        assert summary.startswith("rubrics/2567/year.yaml:3:8: draft: found draft: false with 88 TODO values left (finder.yaml 2, participation/branch.yaml 2, ")
        assert summary.endswith("year.yaml 27); expected none before 2567 is published: fill in each one listed, or set draft: true to keep it out of the site while it is prepared")
        first = next(line for line in lines if "milestones[0].date" in line)
        assert re.fullmatch(r"rubrics/2567/year\.yaml:\d+:\d+: milestones\[0\]\.date: placeholder 'TODO' still to be filled in: expected the date, "
                            r"YYYY-MM-DD or YYYY-MM \(Common Era\) \(rubrics/2567/ is published: it is not a draft\)", first)
        files = [line.split(":")[0] for line in lines[:-1]]
        assert files == sorted(files) and len(set(files)) == 20  # file by file
    assert not (project / "site").exists()
    # Without the line the year is published too: the same refusal, at its `year`.
    year.write_text(year.read_text(encoding="utf-8").replace("draft: false\n", "", 1), encoding="utf-8")
    run = lertrat(project, "check")
    assert run.code == 1
    assert "rubrics/2567/year.yaml:2:7: draft: found no draft: true with 88 TODO values left (" in run.stderr


def test_a_todo_outside_any_draft_is_a_problem(project):
    agencies = project / "rubrics/agencies.yaml"
    text = agencies.read_text(encoding="utf-8")
    agencies.write_text(text.replace('      en: "OPS MOPH"', "      en: TODO", 1), encoding="utf-8")
    run = lertrat(project, "check")
    assert run.code == 1
    assert re.search(r"^rubrics/agencies\.yaml:\d+:\d+: agencies\[\d+\]\.short_name\.en: placeholder 'TODO' still to be filled in: expected the text in English "
                     r"\(a TODO may stay only in a draft: a programme year or winners year with draft: true\)$", run.stderr, re.M), run.stderr


def fill(project: Path, folder: str) -> None:
    """Every TODO of a new year filled in as an editor would."""
    days = iter(dt.date(2023, 10, 1) + dt.timedelta(days=7 * i) for i in range(100))
    values = {"status": "unchanged", "value": "1", "applications": "10", "awards": "5", "reference": "นร 1200/1",
              "document": "opdc-briefing-2566", "section": "2567"}
    for path in (project / folder).rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\b(\w+): TODO\b", lambda m: f"{m.group(1)}: {next(days).isoformat() if m.group(1) == 'date' else values[m.group(1)]}", text)
        path.write_text(text, encoding="utf-8")


def test_a_year_with_every_todo_filled_in_is_published(drafted, tmp_path):
    project = tmp_path / "project"
    subprocess.run(["cp", "-r", str(drafted), str(project)], check=True)
    fill(project, "rubrics/2567")
    check = lertrat(project, "check")
    assert check.code == 0, check.output
    assert check.stdout.splitlines()[-1] == "2567 is a draft: not published; no TODO left (set draft: false in rubrics/2567/year.yaml to publish it)."
    year = project / "rubrics/2567/year.yaml"
    year.write_text(year.read_text(encoding="utf-8").replace("draft: true\n", "draft: false\n", 1), encoding="utf-8")
    build = lertrat(project, "build")
    assert build.code == 0, build.output
    assert "draft" not in build.stdout and "rubrics/2567/" not in build.stderr
    site = project / "site"
    assert (site / "2567/index.html").is_file() and (site / "en/2567/service/innovation/index.html").is_file()
    assert (site / "calendar/2567.ics").read_bytes().count(b"BEGIN:VEVENT") == 7
    assert WORDS["draft_banner_title"]["th"] not in read((site / "2567/index.html").read_text(encoding="utf-8"))[0]
    changes = (site / "en/changes/index.html").read_text(encoding="utf-8")
    headings = [re.sub(r"<[^>]+>|&para;", "", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", changes, re.S)]
    assert headings[:2] == ["2023 (BE 2566) → 2024 (BE 2567)", "2019 (BE 2562) → 2023 (BE 2566)"]


def test_a_winners_year_can_be_a_draft(project):
    winners = project / "rubrics/winners/2565.yaml"
    winners.write_text(winners.read_text(encoding="utf-8").replace("year: 2565\n", "year: 2565\ndraft: true\n", 1), encoding="utf-8")
    build = lertrat(project, "build")
    assert build.code == 0, build.output
    assert build.stdout.splitlines()[0] == "The winners of 2565 are a draft: not published; no TODO left (set draft: false in rubrics/winners/2565.yaml to publish it)."
    site = project / "site"
    assert not (site / "winners/2565").exists() and not (site / "en/winners/2565").exists()
    rows = (site / "data/winners.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    assert rows and not [row for row in rows if row.startswith("winner,")]  # the UNPSA awards stay
    assert json.loads((site / "data/winners.json").read_text(encoding="utf-8"))["years"] == []
    assert json.loads((site / "data/showcase-en.json").read_text(encoding="utf-8"))["rows"] == []
    for index in ("search/search_index.json", "en/search/search_index.json"):
        assert not [d for d in json.loads((site / index).read_text(encoding="utf-8"))["docs"] if d["location"].startswith(("winners/2565", "en/winners/2565"))]
