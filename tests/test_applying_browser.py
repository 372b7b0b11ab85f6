"""The applying pages in Debian's Chromium: walking the finders, printing the checklists."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from PIL import Image
from playwright.sync_api import expect, sync_playwright
from pypdf import PdfReader

from generator.pages.labels import labels

from browser import allow_only, fonts_ready, launch, open_anew, serve
from conftest import REPO
from test_applying import CATALOG, FINDERS, TYPES, _paths

WORDS = labels()
SHOTS = REPO / "tests" / "output"


@pytest.fixture(scope="module")
def site(built_site):
    with serve(built_site) as base, sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        outside = allow_only(context, base, [])
        yield context, base
        browser.close()
        assert not outside, outside


@pytest.fixture(scope="module")
def tab(site):
    """One tab for the finder walks: each walk opens the finder anew in it."""
    context, _ = site
    page = context.new_page()
    yield page
    page.close()


def prefix(lang: str) -> str:
    return "/en" if lang == "en" else ""


def click_answer(page, label: str) -> None:
    """Click the one answer of the question on screen that reads ``label`` (a locator is strict:
    two such answers are an error; none is one after five seconds)."""
    answer = page.locator(".lr-finder__step:not([hidden]) .lr-finder__answer").filter(has_text=re.compile(f"^{re.escape(label)}$"))
    answer.click(timeout=5000, force=True)


# The step on screen: how many there are, the id and the text of the first (one call).
_ON_SCREEN_JS = """() => {
  const steps = [...document.querySelectorAll('.lr-finder__step:not([hidden])')];
  return [steps.length, steps.length ? steps[0].id : null, steps.length ? steps[0].innerText : ''];
}"""


def on_screen(page) -> tuple[str, str]:
    count, step_id, text = page.evaluate(_ON_SCREEN_JS)
    assert count == 1, f"{count} steps on screen"  # one question per screen
    return step_id, text


def walks():
    for year in FINDERS:
        for outcome_id, path in sorted(_paths(year.finder.model).items()):
            for lang in ("th", "en"):
                yield pytest.param(year, outcome_id, path, lang, id=f"{year.year}-{outcome_id}-{lang}")


@pytest.mark.parametrize(("year", "outcome_id", "path", "lang"), list(walks()))
def test_walk_the_finder_to_every_outcome(site, tab, year, outcome_id, path, lang):
    _, base = site
    page = tab
    open_anew(page, f"{base}{prefix(lang)}/{year.year}/finder/")
    visible = page.locator(".lr-finder__step:not([hidden])")
    assert on_screen(page)[0] == f"finder-{year.finder.model.questions[0].id}"
    for question, answer in path:
        step_id, text = on_screen(page)
        assert step_id == f"finder-{question.id}"
        assert getattr(question.text, lang).split()[0] in text
        label = WORDS[f"answer_{answer}"][lang] if isinstance(answer, str) else " ".join(getattr(answer, lang).split())
        click_answer(page, label)
    step_id, text = on_screen(page)
    assert step_id == f"finder-{outcome_id}"
    outcome = next(o for o in year.finder.model.outcomes if o.id == outcome_id)
    shown = " ".join(text.split())
    assert " ".join(getattr(outcome.text, lang).split()) in shown
    # the reasons (collapsed; opened here): every question answered on the way, with the conditions it tests
    visible.locator(".lr-finder__reasons > summary").click()
    reasons = visible.locator(".lr-finder__reasons li > p.lr-finder__q").all_inner_texts()
    assert len(reasons) == len(path)
    for reason, (question, _) in zip(reasons, path, strict=True):
        assert " ".join(getattr(question.text, lang).split()) in " ".join(reason.split())
    if outcome.award_type:
        branch, type_id = outcome.award_type.split("/")
        checklist = visible.locator("a", has_text=WORDS["finder_open_checklist"][lang])
        assert checklist.get_attribute("href") == f"../{branch}/{type_id}/checklist/"
    else:
        assert WORDS["finder_no_type"][lang] in shown
    # back goes to the last question, with the answers before it kept
    if path:
        page.locator(".lr-finder__back").click()
        expect(visible).to_have_attribute("id", f"finder-{path[-1][0].id}")  # (history.back(): the step changes on popstate)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_from_the_home_page_to_a_printed_checklist(site, lang):
    """The journey of a reader with no instructions: home → finder → the type → its checklist."""
    context, base = site
    page = context.new_page()
    page.goto(f"{base}{prefix(lang)}/")
    page.locator("a.lr-task", has_text=WORDS["task_finder"][lang]).first.click()  # the home page's first task
    page.wait_for_load_state("load")
    year = CATALOG.years[0]
    assert page.url.endswith(f"/{year.year}/finder/")
    outcome_id, path = next((o, p) for o, p in _paths(year.finder.model).items() if o == "innovation")
    for _, answer in path:
        click_answer(page, WORDS[f"answer_{answer}"][lang] if isinstance(answer, str) else " ".join(getattr(answer, lang).split()))
    page.locator(".lr-finder__step:not([hidden]) a", has_text=WORDS["finder_open_checklist"][lang]).click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/service/innovation/checklist/")
    expect(page.locator("button[data-lr-print]")).to_be_visible()
    page.close()


_MARKS = re.compile(r"[\s\x00\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


def skeleton(text: str) -> str:
    """Text without spaces and Thai vowel/tone marks: PDF text extraction loses or splits
    some marks (ที่ → ที, ำ → ํา), so words are compared by their base letters."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text))


def _pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), skeleton(" ".join(p.extract_text() for p in reader.pages))


@pytest.fixture(scope="module")
def print_tab(site):
    """One tab for the checklist prints: each opens its checklist anew in it, on screen media."""
    context, _ = site
    page = context.new_page()
    yield page
    page.close()


def open_checklist(page, base: str, lang: str, year, branch, item) -> None:
    page.emulate_media(media="screen")
    open_anew(page, f"{base}{prefix(lang)}/{year.year}/{branch.model.id}/{item.model.id}/checklist/")
    fonts_ready(page)


# The texts of the site's chrome (navigation links, footer), each with whether it is on screen.
_CHROME_JS = """() => [...document.querySelectorAll('.md-sidebar--primary .md-nav__link, .md-copyright')]
  .map(el => [el.textContent.split(/\\s+/).filter(Boolean).join(' '), el.checkVisibility()])"""


def chrome_words(page) -> tuple[list[str], list[str]]:
    """The words of the site's chrome on this page that are not also words of its content:
    all of them, and those on screen."""
    content = skeleton(page.locator("article").inner_text())
    found = [(w, shown) for w, shown in page.evaluate(_CHROME_JS) if w and skeleton(w) not in content]
    return sorted({w for w, _ in found}), sorted({w for w, shown in found if shown})


# The first checklist of each branch of each year: its chrome is that branch's navigation.
BRANCH_FIRSTS = [(y, b, b.types[0]) for y in CATALOG.years for b in y.branches if b.types]


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize(("year", "branch", "item"), BRANCH_FIRSTS, ids=[f"{y.year}/{b.model.id}" for y, b, _ in BRANCH_FIRSTS])
def test_the_chrome_is_read_from_a_pdf_of_the_screen_layout(site, print_tab, year, branch, item, lang):
    """The control of the print test below: the words of the chrome are found in a PDF of the
    desktop layout (made with screen media), so that their absence from the print means they
    were not printed, not that the PDF's text could not be read. Once per branch and year:
    the chrome of a checklist is its branch's navigation."""
    _, base = site
    page = print_tab
    open_checklist(page, base, lang, year, branch, item)
    _, shown = chrome_words(page)
    _, on_screen = _pdf_text(page.pdf(width="1400px", height="2400px"))
    present = [word for word in shown if skeleton(word) in on_screen]
    assert len(present) >= 3, (shown, on_screen[:300])


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize(("year", "branch", "item"), TYPES, ids=[f"{y.year}/{b.model.id}/{t.model.id}" for y, b, t in TYPES])
def test_every_checklist_prints_on_one_a4_page_without_the_site_chrome(site, print_tab, year, branch, item, lang):
    _, base = site
    page = print_tab
    open_checklist(page, base, lang, year, branch, item)
    chrome, shown = chrome_words(page)
    assert len(shown) >= 3, chrome  # (and such words are read from a PDF: the test above)
    page.emulate_media(media="print")
    pages, printed = _pdf_text(page.pdf(format="A4", print_background=True))
    assert pages == 1, f"the checklist prints on {pages} A4 pages"
    assert not [word for word in chrome if skeleton(word) in printed]
    # what the print must carry: the award, the year, the address
    for word in (getattr(item.model.name, lang), getattr(year.model.name, lang), page.url):
        assert skeleton(word) in printed, word
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", "[data-lr-print]"):
        assert not page.locator(selector).first.is_visible(), selector


@pytest.mark.parametrize("lang", ["th", "en"])
def test_checklist_screenshot_shows_sarabun_text_and_empty_boxes(site, lang):
    context, base = site
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 2400})  # the whole checklist in one screenshot
    page.goto(f"{base}{prefix(lang)}/2566/service/standard-expansion/checklist/")
    fonts_ready(page)
    page.emulate_media(media="print")
    SHOTS.mkdir(exist_ok=True)
    shot = page.screenshot(full_page=True, path=str(SHOTS / f"checklist-{lang}.png"))
    image = Image.open(io.BytesIO(shot)).convert("L")
    assert page.evaluate("document.fonts.check('16px Sarabun', 'เงื่อนไข')")
    boxes = page.locator(".lr-check input[type=checkbox]")
    assert boxes.count() >= 5
    for i in range(boxes.count()):
        box = boxes.nth(i).bounding_box()
        x, y, w, h = (round(v) for v in (box["x"], box["y"] + page.evaluate("window.scrollY"), box["width"], box["height"]))
        centre = image.getpixel((x + w // 2, y + h // 2))
        left = min(image.getpixel((x + d, y + h // 2)) for d in range(-1, 3))
        top = min(image.getpixel((x + w // 2, y + d)) for d in range(-1, 3))
        edge = max(left, top)  # both sides drawn
        assert centre > 200 and edge < 100, f"checkbox {i}: centre {centre}, edge {edge} — expected an empty box with a dark border"
    # the heading is drawn (dark pixels where the title is)
    title = page.locator("h1").bounding_box()
    crop = image.crop((round(title["x"]), round(title["y"]), round(title["x"] + title["width"]), round(title["y"] + title["height"])))
    assert crop.getextrema()[0] < 80
    page.close()
