"""Rendered Markdown of a few pages, compared with reviewed copies in tests/golden/.

After an intended change to templates or content, run ``pytest --update-golden`` and
review the diff of tests/golden/ like any other change.
"""

from __future__ import annotations

import pytest

from generator.content.catalog import load_catalog
from generator.pages.render import render_site

from conftest import REPO

GOLDEN = REPO / "tests" / "golden"
PAGES = [
    "2566/service/innovation/index.md",
    "2566/service/innovation/index.en.md",
    "2566/service/facilitation/index.md",
    "2566/service/facilitation/index.en.md",
    "2566/service/index.md",
    "2566/service/index.en.md",
    "2562/service/standard-expansion/checklist.md",
    "2562/service/standard-expansion/checklist.en.md",
    "2562/finder.md",
    "2562/readiness-form.md",
    "2562/apply.en.md",
]


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return {page.path: page.content for page in render_site(load_catalog(REPO))}


@pytest.mark.parametrize("path", PAGES)
def test_page_matches_golden(path: str, rendered: dict[str, str], request: pytest.FixtureRequest) -> None:
    golden = GOLDEN / path.replace("/", "__")
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered[path], encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden.name}; run pytest --update-golden and review it"
    assert rendered[path] == golden.read_text(encoding="utf-8"), f"{path} differs from {golden.name}; if intended, run pytest --update-golden"
