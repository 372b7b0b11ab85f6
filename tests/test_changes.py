"""What changed between programme years: the generated page, renamed types, and the
status badges checked against the data when the year before is in the data."""

from __future__ import annotations

import re
import shutil

from generator.content.catalog import load_catalog
from generator.content.compare import consecutive_pairs
from generator.pages.labels import labels
from generator.pages.render import render_site

from conftest import REPO, lertrat
from htmltext import norm
from test_cli_errors import edit

WORDS = labels()


def _lists_after(html: str, heading: str) -> list[str]:
    """The link texts of the list that follows a bold line starting with ``heading``."""
    match = re.search(r"<p><strong>" + re.escape(heading) + r".*?</strong></p>\s*<ul>(.*?)</ul>", html, re.S)
    assert match, f"no list under {heading!r}"
    return [norm(re.sub(r"<[^>]+>", "", a)) for a in re.findall(r"<a [^>]*>(.*?)</a>", match.group(1))]


def _section(html: str, branch_name: str) -> str:
    """The part of the page under a branch's heading, up to the next branch."""
    parts = re.split(r"(?=<h3 )", html)
    return next(p for p in parts if norm(re.sub(r"<[^>]+>", "", p.split("</h3>")[0])).startswith(norm(branch_name)))


def test_the_changes_page_lists_removed_and_new_types_in_both_languages(built_site):
    for lang, prefix in (("th", ""), ("en", "en/")):
        html = (built_site / prefix / "changes/index.html").read_text(encoding="utf-8")
        old, new = ("พ.ศ. 2562", "พ.ศ. 2566") if lang == "th" else ("2019 (BE 2562)", "2023 (BE 2566)")
        assert f"{old} → {new}" in norm(html)
        branches = {b.model.id: b.model for y in load_catalog(REPO).years if y.year == 2566 for b in y.branches}
        heading = {"added": WORDS["changes_added"][lang], "removed": WORDS["changes_removed"][lang]}
        heading = {k: v.replace("{old}", old).replace("{new}", new) for k, v in heading.items()}
        service = _section(html, getattr(branches["service"].name, lang))
        assert _lists_after(service, heading["removed"]) == (["ประเภทบริการที่เป็นเลิศ"] if lang == "th" else ["Service Excellence"])
        assert ("ประเภทบริการตอบโจทย์ตรงใจ" if lang == "th" else "Responsive Service") in _lists_after(service, heading["added"])
        participation = _section(html, getattr(branches["participation"].name, lang))
        assert ("ประสิทธิผลเครือข่าย" if lang == "th" else "Collaborative Network Governance") in _lists_after(participation, heading["added"])
        assert heading["removed"] not in participation
        # A branch the older year's data lacks is said to be not compared, not "new".
        assert norm(WORDS["changes_branch_only"][lang].replace("{year}", new)) in norm(html)


def test_the_comparison_follows_the_data():
    catalog = load_catalog(REPO)
    (pair,) = consecutive_pairs(catalog.years)
    assert (pair.old.year, pair.new.year, pair.consecutive) == (2562, 2566, False)
    service = next(b for b in pair.branches if b.id == "service")
    assert [t.model.id for t in service.removed] == ["service-excellence"]
    assert {t.model.id for t in service.added} == {"facilitation", "responsive-service"}
    participation = next(b for b in pair.branches if b.id == "participation")
    assert {t.model.id for t in participation.added} == {"network-governance", "poverty-eradication"}
    assert participation.removed == []
    # Names that differ only by the word ประเภทรางวัล are the same name.
    assert not any(d.name_changed for d in participation.matched)
    pmqa = next(b for b in pair.branches if b.id == "pmqa")
    assert pmqa.old is None and pmqa.added == []
    assert catalog.warnings == ()  # 2565 is not in the data, so no badge can be checked


def _year_before(project, year: int = 2565) -> None:
    """A copy of 2566 as if it were the year before, so that 2566's badges can be checked."""
    shutil.copytree(project / "rubrics/2566", project / f"rubrics/{year}")
    edit(project, f"rubrics/{year}/year.yaml", "year: 2566", f"year: {year}")
    for extra in (project / f"rubrics/{year}").glob("*.yaml"):
        if extra.name != "year.yaml":
            extra.unlink()  # the finder of the year before is not needed here
    shutil.rmtree(project / "rubrics/2562")


def test_badges_that_contradict_the_year_before_are_warnings(project):
    _year_before(project)
    run = lertrat(project, "check")
    assert run.code == 0, run.output
    lines = run.stderr.splitlines()
    assert lines[-1] == "3 warnings: the content is valid, but these need attention."
    assert lines[:-1] == [
        "rubrics/2566/participation/network-governance.yaml:7:9: status: warning: the status is 'new', but the data say 'unchanged': "
        "the data of 2565 and 2566 show no difference in name, points, conditions or thresholds; check the status or the data",
        "rubrics/2566/pmqa/pmqa-4-0.yaml:7:9: status: warning: the status is 'revised', but the data say 'unchanged': "
        "the data of 2565 and 2566 show no difference in name, points, conditions or thresholds; check the status or the data",
        "rubrics/2566/service/responsive-service.yaml:7:9: status: warning: the status is 'new', but the data say 'unchanged': "
        "the data of 2565 and 2566 show no difference in name, points, conditions or thresholds; check the status or the data",
    ]


def test_a_changed_rubric_under_an_unchanged_badge_is_a_warning_and_a_new_type_is_expected_new(project):
    _year_before(project)
    for path in ("participation/network-governance", "service/responsive-service"):
        (project / f"rubrics/2565/{path}.yaml").unlink()  # now they really are new in 2566
    edit(project, "rubrics/2565/participation/branch.yaml", ", network-governance]", "]")
    edit(project, "rubrics/2566/pmqa/pmqa-4-0.yaml", "status: revised", "status: unchanged")
    text = (project / "rubrics/2565/service/innovation.yaml").read_text(encoding="utf-8")
    text = text.replace("      points: 10\n", "      points: 20\n", 1).replace("      points: 30\n", "      points: 20\n", 1)
    (project / "rubrics/2565/service/innovation.yaml").write_text(text, encoding="utf-8")
    edit(project, "rubrics/2566/service/data-integration.yaml", "status: unchanged", "status: new")
    run = lertrat(project, "check")
    assert run.code == 0, run.output
    assert run.stderr.splitlines() == [
        "rubrics/2566/service/data-integration.yaml:7:9: status: warning: the status is 'new', but the data say 'unchanged': "
        "the data of 2565 and 2566 show no difference in name, points, conditions or thresholds; check the status or the data",
        "rubrics/2566/service/innovation.yaml:7:9: status: warning: the status is 'unchanged', but the data say 'revised': "
        "compared with 2565, dimension points changed (problem-analysis: 20 → 10, solution-and-implementation: 20 → 30); check the status or the data",
        "2 warnings: the content is valid, but these need attention.",
    ]


def test_a_renamed_type_is_matched_through_previous_id(project):
    old = project / "rubrics/2566/service/innovation.yaml"
    text = old.read_text(encoding="utf-8").replace("id: innovation\n", "id: service-innovation\nprevious_id: innovation\n", 1)
    text = text.replace("  en: Service Innovation\n", "  en: Service Innovation Award\n", 1)
    (project / "rubrics/2566/service/service-innovation.yaml").write_text(text, encoding="utf-8")
    old.unlink()
    shutil.rmtree(project / "rubrics/winners")  # winners name the old id
    finder = project / "rubrics/2566/finder.yaml"
    finder.write_text(finder.read_text(encoding="utf-8").replace("service/innovation", "service/service-innovation"), encoding="utf-8")
    run = lertrat(project, "check")
    assert run.code == 0, run.output
    catalog = load_catalog(project)
    service = next(b for b in consecutive_pairs(catalog.years)[0].branches if b.id == "service")
    diff = next(d for d in service.matched if d.new.model.id == "service-innovation")
    assert diff.renamed and diff.old.model.id == "innovation"
    assert "innovation" not in {t.model.id for t in service.removed} | {t.model.id for t in service.added}
    page = next(p for p in render_site(catalog) if p.path == "changes.en.md").content
    assert "renamed from [Service Innovation](2562/service/innovation/index.md)" in page


def test_previous_id_must_name_a_type_of_the_year_before(project):
    edit(project, "rubrics/2566/service/innovation.yaml", "id: innovation\n", "id: innovation\nprevious_id: innovation\n")
    edit(project, "rubrics/2566/service/development.yaml", "id: development\n", "id: development\nprevious_id: service-quality\n")
    run = lertrat(project, "check")
    assert run.code == 1
    assert run.stderr.splitlines() == [
        "rubrics/2566/service/development.yaml:3:14: previous_id: found 'service-quality', which is not an award type of 'service' in 2562; "
        "expected one of: innovation, development, standard-expansion, data-integration, service-excellence",
        "rubrics/2566/service/innovation.yaml:3:14: previous_id: found 'innovation', the same as this type's id; "
        "expected previous_id only when the id changed — remove it",
        "2 problems found; nothing was written.",
    ]


def test_placeholders_only_where_the_format_allows_them(project):
    edit(project, "rubrics/2566/service/innovation.yaml", "      points: 10\n", "      points: TODO\n")
    run = lertrat(project, "check")
    assert run.code == 1
    assert "rubric.dimensions[0].points: found 'TODO', expected a whole number" in run.stderr


def test_computable_pmqa_rules_are_checked(project):
    branch = "rubrics/2566/pmqa/branch.yaml"
    line = edit(project, branch, "      results_category: category-7\n", "      results_category: category-8\n")
    edit(project, branch, "  full_marks: 500\n", "  full_marks: 480\n")
    run = lertrat(project, "check")
    assert run.code == 1
    lines = run.stderr.splitlines()
    assert f"{branch}:{line}:25: scoring.rules[8].results_category: found 'category-8', which is not a category of this branch; expected one of: category-1, category-2, category-3, category-4, category-5, category-6, category-7" in lines
    assert any(re.fullmatch(rf"{branch}:\d+:\d+: scoring.bands\[2\].max: the band ends at 500, above the full marks 480; expected at most 480", x) for x in lines)
    assert lines[-1] == "2 problems found; nothing was written."
