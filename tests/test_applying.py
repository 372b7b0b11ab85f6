"""The applying pages in the built site: checklists, finders, the readiness form, how to apply."""

from __future__ import annotations

import html
import re

import pytest

from generator.content.catalog import load_catalog
from generator.pages.labels import labels

from conftest import REPO
from htmltext import norm, read

CATALOG = load_catalog(REPO)
WORDS = labels()
TYPES = [(y, b, t) for y in CATALOG.years for b in y.branches for t in b.types]


def html_of(site, path: str, lang: str) -> str:
    return (site / ("en/" if lang == "en" else "") / path / "index.html").read_text(encoding="utf-8")


def tr(text, lang: str) -> str:
    return norm(getattr(text, lang))


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize(("year", "branch", "item"), TYPES, ids=[f"{y.year}/{b.model.id}/{t.model.id}" for y, b, t in TYPES])
def test_every_type_has_a_checklist_with_every_condition_as_a_checkbox(built_site, year, branch, item, lang):
    page = html_of(built_site, f"{year.year}/{branch.model.id}/{item.model.id}/checklist", lang)
    text, _ = read(page)
    t = item.model
    conditions = [*branch.model.eligibility, *t.eligibility, *t.conditions]
    boxes = re.findall(r'<label class="lr-check"><input type="checkbox"[^>]*><span>(.*?)</span></label>', page)
    # one box per condition, plus the closing "meets every item" box
    assert [norm(re.sub("<[^>]+>", "", b)) for b in boxes[:-1]] == [tr(c.text, lang) for c in conditions]
    assert norm(boxes[-1]) == WORDS["checklist_all_met"][lang]
    for c in conditions:
        if c.why:
            assert tr(c.why, lang) in text
        for blank in c.blanks:
            assert f'<span class="lr-blank__label">{html.escape(norm(getattr(blank, lang)))}</span>' in page
    assert tr(t.name, lang) in text and tr(year.model.name, lang) in text
    # the criteria page links to its checklist, and the checklist back to it
    criteria = html_of(built_site, f"{year.year}/{branch.model.id}/{item.model.id}", lang)
    assert 'href="checklist/"' in criteria
    assert 'href="../"' in page


def test_checklists_of_a_year_with_a_form_use_the_forms_header_lines(built_site):
    page = html_of(built_site, "2562/service/innovation/checklist", "th")
    for field in CATALOG.years[-1].form.model.fields:
        assert f'<span class="lr-blank__label">{html.escape(norm(field.th))}</span>' in page


def _paths(finder):
    """For every outcome, one list of (question, answer) that reaches it from the first question."""
    questions = {q.id: q for q in finder.questions}
    found: dict[str, list] = {}

    def walk(node, path):
        if node not in questions:
            found.setdefault(node, path)
            return
        q = questions[node]
        answers = [(c.label, c.next) for c in q.choices] or [("yes", q.yes), ("no", q.no)]
        for label, target in answers:
            walk(target, [*path, (q, label)])

    walk(finder.questions[0].id, [])
    return found


FINDERS = [y for y in CATALOG.years if y.finder]


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("year", FINDERS, ids=[str(y.year) for y in FINDERS])
def test_the_finder_without_javascript_is_the_whole_tree_as_numbered_questions(built_site, year, lang):
    page = html_of(built_site, f"{year.year}/finder", lang)
    finder = year.finder.model
    ids = set(re.findall(r'id="(finder-[a-z0-9-]+)"', page))
    for n, q in enumerate(finder.questions, start=1):
        assert f'id="finder-{q.id}"' in page
        block = page[page.index(f'id="finder-{q.id}"'):]
        block = block[: block.index("</li>\n<li class=\"lr-finder__step\"") if "</li>\n<li class=\"lr-finder__step\"" in block else len(block)]
        assert WORDS["question_n"][lang].replace("{n}", str(n)) in block
        assert norm(getattr(q.text, lang)) in read(block)[0]  # as text: passages in the other language carry lang spans
        targets = re.findall(r'class="lr-finder__answer" href="#(finder-[a-z0-9-]+)"', block)
        expected = [c.next for c in q.choices] or [q.yes, q.no]
        assert targets == [f"finder-{t}" for t in expected]
        assert set(targets) <= ids  # every answer's link lands on a step of the page
    # every outcome that names a type links to its checklist and criteria
    for o in finder.outcomes:
        assert f'id="finder-{o.id}"' in page
        if o.award_type:
            branch, type_id = o.award_type.split("/")
            assert f'href="../{branch}/{type_id}/checklist/"' in page
            assert f'href="../{branch}/{type_id}/"' in page
    assert set(_paths(finder)) == {o.id for o in finder.outcomes}


def test_the_readiness_form_mirrors_the_paper_form(built_site):
    year = next(y for y in CATALOG.years if y.form)
    form = year.form.model
    page = html_of(built_site, f"{year.year}/readiness-form", "th")
    text, _ = read(page)
    assert tr(form.part1, "th") in text and tr(form.part2, "th") in text
    for q in year.finder.model.questions:
        assert tr(q.text, "th") in text
    assert "ไม่ใช่ (โปรดตอบคำถามที่ 2)" in text
    assert "ไม่ใช่ (ผลงานเข้าเกณฑ์ประเภทพัฒนาการบริการ มากกว่าประเภทอื่น)" in text
    branch = next(b for b in year.branches if b.model.id == form.branch)
    for n, entry in enumerate(branch.types, start=1):
        assert f"ประเภทที่ {n} " in text
        for c in entry.model.conditions:
            assert tr(c.text, "th") in text
            for blank in c.blanks:
                assert tr(blank, "th") in text
    assert f"ลงชื่อ {tr(form.signature.role, 'th')}" in text
    assert tr(form.signature.position, "th") in text


@pytest.mark.parametrize("lang", ["th", "en"])
def test_how_to_apply_covers_registration_deadline_and_help(built_site, lang):
    text, _ = read(html_of(built_site, "2562/apply", lang))
    service = next(b for b in CATALOG.years[-1].branches if b.model.id == "service")
    for step in service.model.application.steps:
        assert tr(step.title, lang) in text
    assert ("72 ชั่วโมง" if lang == "th" else "72 hours") in text
    assert ("20 กุมภาพันธ์ 2562" if lang == "th" else "20 February 2019") in text
    for contact in service.model.contact:
        assert tr(contact.label, lang) in text
    text_2566, _ = read(html_of(built_site, "2566/apply", lang))
    assert (".docx" in text_2566) and (".pdf" in text_2566)


def test_home_page_leads_to_the_finder_and_how_to_apply(built_site):
    for prefix in ("", "en/"):
        home = (built_site / prefix / "index.html").read_text(encoding="utf-8")
        newest = CATALOG.years[0].year
        assert f'href="{newest}/finder/"' in home and f'href="{newest}/apply/"' in home
