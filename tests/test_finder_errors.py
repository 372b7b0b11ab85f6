"""A finder (rubrics/<year>/finder.yaml) must be a tree that always ends in an outcome."""

from __future__ import annotations

from conftest import lertrat
from test_cli_errors import col_of, edit

FINDER = "rubrics/2562/finder.yaml"


def line_of(root, rel: str, text: str, start: int = 0) -> int:
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if i > start and text in line)


def test_a_loop_is_reported(project):
    # question 4's "no" goes back to question 2 instead of to an outcome
    edit(project, FINDER, "    no: development\n", "    no: high-impact-policy\n")
    # ... which leaves the "development" outcome unreachable too
    run = lertrat(project, "check")
    assert run.code == 1, run.output
    q4 = line_of(project, FINDER, "- id: data-integration-three-agencies")
    outcome = line_of(project, FINDER, "  - id: development", start=q4 + 5)
    assert run.stderr.splitlines() == [
        f"{FINDER}:{q4}:5: questions[3]: the answers loop back to question 'high-impact-policy' "
        "(high-impact-policy → new-to-the-agency → data-integration-three-agencies → high-impact-policy); "
        "expected every path to end in an outcome",
        f"{FINDER}:{outcome}:9: outcomes[4].id: the outcome 'development' cannot be reached from the first question "
        "'expanded-awarded-standard'; expected every outcome to be the answer of some question",
        "2 problems found; nothing was written.",
    ]
    assert "Traceback" not in run.output


def test_an_unreachable_question_and_a_dangling_answer(project):
    # question 2's "yes" points at a question that does not exist; question 3 is then unreachable
    line = edit(project, FINDER, "    yes: service-excellence\n    no: new-to-the-agency\n", "    yes: service-excellence\n    no: new-to-agency\n")
    run = lertrat(project, "check")
    assert run.code == 1
    q3 = line_of(project, FINDER, "- id: new-to-the-agency")
    lines = run.stderr.splitlines()
    assert lines[0] == (
        f"{FINDER}:{line + 1}:9: questions[1].no: found 'new-to-agency', which is not a question or outcome of this finder; "
        "expected one of: data-integration, data-integration-three-agencies, development, expanded-awarded-standard, "
        "high-impact-policy, innovation, new-to-the-agency, service-excellence, standard-expansion"
    )
    assert lines[1] == (
        f"{FINDER}:{q3}:9: questions[2].id: the question 'new-to-the-agency' cannot be reached from the first question "
        "'expanded-awarded-standard'; expected every question to be the answer of some question"
    )
    assert lines[-1] == f"{len(lines) - 1} problems found; nothing was written."


def test_outcomes_and_cited_conditions_must_exist(project):
    type_line = edit(project, FINDER, "    award_type: service/innovation\n", "    award_type: service/innovations\n")
    test_line = edit(project, FINDER, "      - service/innovation/new-service\n", "      - service/innovation/brand-new-service\n")
    run = lertrat(project, "check")
    assert run.code == 1
    assert run.stderr.splitlines() == [
        f"{FINDER}:{test_line}:9: questions[2].tests[0]: found 'service/innovation/brand-new-service', which is not a condition of 2562; "
        "expected <branch>/<type>/<condition-id> (or <branch>/<type>/definition, for a type that has one) or <branch>/<condition-id> naming an existing condition",
        f"{FINDER}:{type_line}:17: outcomes[2].award_type: found 'service/innovations', which is not an award type of 2562; expected one of: "
        "participation/effective-change, participation/engaged-citizen, participation/open-governance, participation/participation-expanded, "
        "service/data-integration, service/development, service/innovation, service/service-excellence, service/standard-expansion",
        "2 problems found; nothing was written.",
    ]


def test_a_question_needs_both_answers(project):
    line = edit(project, FINDER, "    yes: innovation\n", "")
    run = lertrat(project, "check")
    assert run.code == 1
    q3 = line_of(project, FINDER, "- id: new-to-the-agency")
    assert run.stderr.splitlines()[0] == (
        f"{FINDER}:{q3}:5: questions[2]: the question has no 'yes'; expected both 'yes' and 'no' "
        "(each the id of a question or an outcome), or 'choices'"
    )
    assert line > q3


def test_a_broken_type_file_is_not_reported_again_through_the_finder(project):
    # the type file itself is invalid: its own error is enough, the finder's references to it are not repeated
    edit(project, "rubrics/2562/service/innovation.yaml", "status: unmarked\n", "status: same\n")
    run = lertrat(project, "check")
    assert run.code == 1
    assert [line.split(":")[0] for line in run.stderr.splitlines()[:-1]] == ["rubrics/2562/service/innovation.yaml"]
    assert col_of(project, "rubrics/2562/service/innovation.yaml", 7, "same") == 9
