"""`lertrat new-year`: a valid copy of the latest year, TODO where it must be reviewed,
warnings for each TODO left, a checklist; refusals in plain words, nothing written."""

from __future__ import annotations

import re

import yaml

from conftest import lertrat
from test_cli_errors import edit

WARNING = re.compile(r"^(rubrics/\S+):(\d+):(\d+): (\S+): warning: (.+)$")


def tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "rubrics").rglob("*") if p.is_file()}


def test_new_year_copies_the_latest_year_and_leaves_todo_placeholders(project):
    before = tree(project)
    run = lertrat(project, "new-year", "2567")
    assert run.code == 0, run.output
    lines = run.stdout.splitlines()
    assert lines[0] == "Created rubrics/2567/ from rubrics/2566/: the programme year, 3 branches and 15 award types."
    assert "statistics of 2566" in run.stdout and "15 × TODO" in run.stdout and "7 milestone dates" in run.stdout
    assert all(line.startswith("  [ ] ") for line in lines[2:-3])
    assert lines[-2:] == [
        "The year is a draft (`draft: true` in rubrics/2567/year.yaml): `lertrat build` leaves it out of the site, `lertrat serve` shows it marked as a draft.",
        "Once `lertrat check` shows no TODO left in rubrics/2567/, set `draft: false` there to publish it.",
    ]
    # Nothing that existed was touched; the new folder mirrors the old one file by file.
    after = tree(project)
    assert {k: v for k, v in after.items() if not k.startswith("rubrics/2567/")} == before
    old_files = sorted(k.replace("rubrics/2566/", "") for k in before if k.startswith("rubrics/2566/"))
    assert sorted(k.replace("rubrics/2567/", "") for k in after if k.startswith("rubrics/2567/")) == old_files

    year = yaml.safe_load((project / "rubrics/2567/year.yaml").read_text(encoding="utf-8"))
    assert year["year"] == 2567
    assert year["name"] == {"th": "รางวัลเลิศรัฐ ประจำปี พ.ศ. 2567", "en": "Public Sector Excellence Awards 2024 (BE 2567)"}
    assert {m["date"] for m in year["milestones"]} == {"TODO"}
    assert not any("end" in m or "part" in m for m in year["milestones"])
    assert year["statistics"][-1] == {"year": 2566, "applications": "TODO", "awards": "TODO"}
    assert {f["value"] for f in year["figures"]} == {"TODO"}
    pmqa = yaml.safe_load((project / "rubrics/2567/pmqa/pmqa-4-0.yaml").read_text(encoding="utf-8"))
    assert pmqa["status"] == "TODO" and "changes" not in pmqa
    assert {s["status"] for s in pmqa["assessment_steps"]} == {"TODO"} and not any("before" in s for s in pmqa["assessment_steps"])
    assert not any("before_name" in g or "before_indicators" in g for g in pmqa["indicator_groups"])
    assert pmqa["source"] == {"document": "TODO", "section": "TODO"}
    # Comments and folded paragraphs stay as written.
    text = (project / "rubrics/2567/service/innovation.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert text.replace("status: TODO", "status: unchanged").split("source:")[0] == (project / "rubrics/2566/service/innovation.yaml").read_text(encoding="utf-8").split("source:")[0]

    # The result is valid; every TODO is a warning at its line; the exit status is 0.
    check = lertrat(project, "check")
    assert check.code == 0, check.output
    warnings = check.stderr.splitlines()
    assert warnings[-1] == f"{len(warnings) - 1} warnings: the content is valid, but these need attention."
    parsed = [WARNING.match(line) for line in warnings[:-1]]
    assert all(parsed), [w for w, p in zip(warnings, parsed, strict=True) if not p]
    todo_lines = {(p.relative_to(project).as_posix(), n) for p in (project / "rubrics/2567").rglob("*.yaml")
                  for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1) for _ in re.findall(r"\bTODO\b", line)}
    assert {(m.group(1), int(m.group(2))) for m in parsed} == todo_lines
    assert sum(len(re.findall(r"\bTODO\b", p.read_text(encoding="utf-8"))) for p in (project / "rubrics/2567").rglob("*.yaml")) == len(parsed)
    assert f"{len(parsed)} values are set to TODO" in run.stdout
    first = next(m for m in parsed if m.group(1) == "rubrics/2567/year.yaml" and m.group(4) == "milestones[0].date")
    assert first.group(5) == "placeholder 'TODO' still to be filled in: expected the date, YYYY-MM-DD or YYYY-MM (Common Era)"
    assert check.stdout.startswith("rubrics/ is valid: 3 programme year(s)")


def test_new_year_refuses_and_writes_nothing(project):
    before = tree(project)
    cases = {
        "2566": "lertrat new-year: rubrics/2566/ already exists; nothing was written (remove it first to start again)",
        "2565": "lertrat new-year: 2565 is not after the latest programme year, 2566; expected a later year, e.g. 2567",
        "2024": "lertrat new-year: 2024 is not a Buddhist Era year between 2540 and 2700 (2024 CE is 2567 BE); programme years are named in BE",
        "next": "lertrat new-year: 'next' is not a programme year; expected a Buddhist Era year of 4 digits, e.g. 2567",
    }
    for year, message in cases.items():
        run = lertrat(project, "new-year", year)
        assert run.code == 1
        assert run.stderr.strip() == message
        assert "Traceback" not in run.output
    assert tree(project) == before
    edit(project, "rubrics/2566/service/innovation.yaml", "id: innovation", "id: Innovation")
    run = lertrat(project, "new-year", "2567")
    assert run.code == 1
    assert run.stderr.startswith("lertrat new-year: the content has problems; fix them before starting a new year:\n")
    assert "rubrics/2566/service/innovation.yaml:2:5: id: found 'Innovation'" in run.stderr
    assert not (project / "rubrics/2567").exists()
    assert not list(project.glob(".new-year-*"))
