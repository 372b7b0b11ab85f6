"""What an editor sees when the content is wrong: exact messages, every problem, exit 1."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.content.catalog import load_catalog

from conftest import REPO, copy_built, folder_digest, lertrat

INNOVATION = "rubrics/2566/service/innovation.yaml"
BRANCH = "rubrics/2566/service/branch.yaml"


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> int:
    """Replace text in a file of the copy; return the 1-based line where the change starts."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def col_of(root: Path, rel: str, line: int, token: str) -> int:
    return (root / rel).read_text(encoding="utf-8").splitlines()[line - 1].index(token) + 1


def test_valid_content_passes(project):
    catalog = load_catalog(REPO)
    branches = sum(len(y.branches) for y in catalog.years)
    types = sum(len(b.types) for y in catalog.years for b in y.branches)
    winners = sum(len(w.model.winners) for w in catalog.winners)
    run = lertrat(project, "check")
    assert run.code == 0, run.output
    assert run.stdout.strip() == (
        f"rubrics/ is valid: {len(catalog.years)} programme year(s), {branches} branch(es), {types} award type(s), "
        f"{len(catalog.agencies)} agencies, {winners} winner(s), {len(catalog.unpsa.awards)} UNPSA award(s)."
    )


def test_points_not_adding_up(project):
    line = edit(project, INNOVATION, "      points: 10\n      questions:", "      points: 9\n      questions:")
    total_line = (project / INNOVATION).read_text(encoding="utf-8").splitlines().index("  total: 100") + 1
    run = lertrat(project, "check")
    assert run.code == 1
    assert run.stderr.splitlines() == [
        f"{INNOVATION}:{total_line}:10: rubric.total: the dimensions' points add up to 99 (9 + 30 + 50 + 10);"
        " expected them to add up to the rubric total 100",
        "1 problem found; nothing was written.",
    ]
    assert line > total_line


def test_unknown_key(project):
    line = edit(project, INNOVATION, "    - id: problem-analysis\n", "    - id: problem-analysis\n      colour: red\n") + 1
    run = lertrat(project, "check")
    assert run.code == 1
    assert run.stderr.splitlines()[0] == (
        f"{INNOVATION}:{line}:7: rubric.dimensions[0].colour: unknown field 'colour'; "
        "expected one of: id, name, points, questions, notes — remove it or correct its spelling"
    )


def test_missing_english_text(project):
    line = edit(project, INNOVATION, "  en: Service Innovation\n", "")
    run = lertrat(project, "check")
    assert run.code == 1
    assert run.stderr.splitlines()[0] == f"{INNOVATION}:{line - 1}:3: name.en: the English text 'en' is missing; expected both 'th' and 'en'"


def test_missing_required_field(project):
    edit(project, INNOVATION, "status: unchanged\n", "")
    run = lertrat(project, "check")
    assert run.code == 1
    assert run.stderr.splitlines()[0] == f"{INNOVATION}:2:1: status: required field 'status' is missing; expected it in this mapping"


def test_text_for_points_and_negative_points(project):
    first = edit(project, INNOVATION, "      points: 30\n", "      points: thirty\n")
    second = edit(project, INNOVATION, "      points: 50\n", "      points: -50\n")
    run = lertrat(project, "check")
    assert run.code == 1
    assert run.stderr.splitlines() == [
        f"{INNOVATION}:{first}:15: rubric.dimensions[1].points: found 'thirty', expected a whole number",
        f"{INNOVATION}:{second}:15: rubric.dimensions[2].points: found '-50', expected a number at least 0",
        "2 problems found; nothing was written.",
    ]


def test_list_where_a_text_pair_is_expected(project):
    line = edit(project, INNOVATION, "name:\n  th: ประเภทนวัตกรรมบริการ\n  en: Service Innovation\n", "name:\n  - ประเภทนวัตกรรมบริการ\n")
    run = lertrat(project, "check")
    assert run.stderr.splitlines()[0] == (
        f"{INNOVATION}:{line + 1}:3: name: found a list, expected a Thai and English pair {{th: ..., en: ...}}"
    )


def test_every_problem_of_every_file_is_reported_together(project):
    edit(project, INNOVATION, "status: unchanged", "status: old")
    edit(project, BRANCH, "id: service", "id: Service")
    (project / "rubrics/2566/service/broken.yaml").write_text("id: [\n", encoding="utf-8")
    run = lertrat(project, "check")
    assert run.code == 1
    lines = run.stderr.splitlines()
    assert lines[-1] == "3 problems found; nothing was written."
    assert lines[0].startswith(f"{BRANCH}:2:5: id: found 'Service', expected an id of lowercase letters")
    assert lines[1].startswith("rubrics/2566/service/broken.yaml:2:1: (file): not valid YAML")
    assert lines[2] == f"{INNOVATION}:7:9: status: found 'old', expected one of: 'new', 'unchanged', 'revised', 'unmarked' or 'TODO'"
    assert "Traceback" not in run.output


def test_a_wrong_sum_is_reported_together_with_a_field_error_in_the_same_file(project):
    edit(project, INNOVATION, "      points: 10\n      questions:", "      points: 9\n      questions:")
    edit(project, INNOVATION, "  en: Service Innovation\n", "")
    run = lertrat(project, "check")
    assert run.stderr.splitlines() == [
        f"{INNOVATION}:5:3: name.en: the English text 'en' is missing; expected both 'th' and 'en'",
        f"{INNOVATION}:20:10: rubric.total: the dimensions' points add up to 99 (9 + 30 + 50 + 10); expected them to add up to the rubric total 100",
        "2 problems found; nothing was written.",
    ]


def test_file_errors_do_not_crash(project):
    folder = project / "rubrics/2566/service"
    (folder / "empty.yaml").write_bytes(b"")
    (folder / "latin1.yaml").write_bytes("id: a\nname: caf\xe9\n".encode("latin-1"))
    (folder / "tabs.yaml").write_text("id: tabs\n\tname: x\n", encoding="utf-8")
    (folder / "twice.yaml").write_text("id: twice\nid: again\n", encoding="utf-8")
    run = lertrat(project, "check")
    assert run.code == 1
    assert run.stderr.splitlines()[:-1] == [
        "rubrics/2566/service/empty.yaml:1:1: (file): the file is empty; expected a YAML mapping (for example 'id: ...')",
        "rubrics/2566/service/latin1.yaml:2:10: (file): the file is not valid UTF-8 text (byte 0xe9 at this position); expected the file to be saved as UTF-8",
        "rubrics/2566/service/tabs.yaml:2:1: (file): a tab character is used for indentation; expected spaces only (YAML does not allow tabs)",
        "rubrics/2566/service/twice.yaml:2:1: id: duplicate key 'id' (first given on line 1); expected each key once — remove one of them",
    ]
    assert "Traceback" not in run.output


def test_wrong_folder_and_year(project):
    (project / "rubrics/2566/stray.yaml").write_text("id: stray\n", encoding="utf-8")
    (project / "rubrics/2023").mkdir()
    run = lertrat(project, "check")
    assert run.code == 1
    assert run.stderr.splitlines()[:-1] == [
        "rubrics/2023/year.yaml:1:1: (file): found the folder 'rubrics/2023/', expected a Buddhist Era year from 2540 to 2700"
        " (did you mean 2566?); programme years are named in BE (2566 = 2023 CE)",
        "rubrics/2566/stray.yaml:1:1: (file): 'stray.yaml' is in the wrong folder; expected in a year folder only year.yaml, finder.yaml,"
        " readiness-form.yaml and one folder per branch (award types go in rubrics/2566/<branch>/)",
    ]


def test_id_must_match_file_name(project):
    edit(project, INNOVATION, "id: innovation", "id: innovations")
    run = lertrat(project, "check")
    assert run.stderr.splitlines()[0] == f"{INNOVATION}:2:5: id: found 'innovations', expected 'innovation' (the file name without .yaml)"


def test_html_in_text_is_rejected(project):
    line = edit(project, INNOVATION, "  en: Service Innovation", "  en: Service <script>alert(1)</script>")
    run = lertrat(project, "check")
    assert run.stderr.splitlines()[0] == (
        f"{INNOVATION}:{line}:7: name.en: found HTML markup ('<script>'); expected plain text without tags (pages show text exactly as written)"
    )


def test_failed_build_leaves_the_previous_site_untouched(built_site, tmp_path):
    project = copy_built(built_site, tmp_path / "project")  # the last good build: lertrat build of the real content
    before = folder_digest(project / "site")
    edit(project, INNOVATION, "      points: 10\n      questions:", "      points: 9\n      questions:")
    run = lertrat(project, "build")
    assert run.code == 1
    assert "expected them to add up to the rubric total 100" in run.stderr
    assert folder_digest(project / "site") == before
    # A failure inside MkDocs itself (a broken link in a hand-written page) keeps it too.
    edit(project, INNOVATION, "      points: 9\n      questions:", "      points: 10\n      questions:")
    (project / "content/broken.md").write_text("# Broken\n\n[x](missing.md)\n", encoding="utf-8")
    (project / "content/broken.en.md").write_text("# Broken\n\n[x](missing.md)\n", encoding="utf-8")
    run = lertrat(project, "build")
    assert run.code == 1
    assert "site/ is unchanged" in run.stderr
    assert folder_digest(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_references_to_agencies_branches_types_and_levels_must_exist(project):
    shutil.rmtree(project / "rubrics/winners", ignore_errors=True)
    (project / "rubrics/agencies.yaml").write_text(
        "agencies:\n  - id: ddc\n    name: {th: กรมควบคุมโรค, en: Department of Disease Control}\n    parent: moph\n", encoding="utf-8")
    (project / "rubrics/winners").mkdir()
    (project / "rubrics/winners/2565.yaml").write_text(
        "year: 2565\nwinners:\n  - id: w1\n    branch: services\n    agency: ddc\n    source: {document: opdc-briefing-2566, section: y}\n"
        "  - id: w2\n    branch: service\n    type: innovations\n    level: best\n    agency: nobody\n    source: {document: opdc-briefing-2566, section: y}\n"
        "source: {document: opdc-briefing-2566, section: y}\n", encoding="utf-8")
    run = lertrat(project, "check")
    assert run.code == 1
    lines = run.stderr.splitlines()
    assert lines[0] == "rubrics/agencies.yaml:4:13: agencies[0].parent: found 'moph', which is not an agency in this file; expected the id of its ministry or parent agency"
    assert lines[1].startswith("rubrics/winners/2565.yaml:4:13: winners[0].branch: found 'services', which is not one of the branches; expected one of: participation, pmqa, service")
    assert lines[2].startswith("rubrics/winners/2565.yaml:9:11: winners[1].type: found 'innovations', which is not one of the award types of branch 'service'; expected one of: ")
    assert lines[3].startswith("rubrics/winners/2565.yaml:10:12: winners[1].level: found 'best', which is not one of the levels of branch 'service'; expected one of: ")
    assert lines[4] == "rubrics/winners/2565.yaml:11:13: winners[1].agency: found agency 'nobody', which is not in rubrics/agencies.yaml; expected the id of an agency listed there (add it there or correct the id)"
    assert lines[5] == "5 problems found; nothing was written."


def test_dates_are_checked(project):
    year_file = "rubrics/2566/year.yaml"
    edit(project, year_file, "    date: 2023-05-01\n    end: 2023-06-30\n", "    date: 2023-06-30\n    end: 2023-05-01\n")
    edit(project, year_file, "    date: 2023-02\n", "    date: 2566-02-30\n")
    edit(project, year_file, "    date: 2022-11-15\n", "    date: 2022-02-30\n")
    run = lertrat(project, "check")
    assert run.code == 1
    lines = [line.split(": ", 1)[1] for line in run.stderr.splitlines()[:-1]]
    assert lines == [
        "milestones[0].date: found '2022-02-30', which is not a date in the calendar; expected a day that exists (e.g. February has 28 or 29 days)",
        "milestones[3].date: found the year 2566, which looks like a Buddhist Era year; expected a Common Era year, as in every date in the YAML (2566 BE = 2023 CE)",
        "milestones[5].end: the range ends on 2023-05-01, before it starts on 2023-06-30; expected end to be on or after date",
    ]
