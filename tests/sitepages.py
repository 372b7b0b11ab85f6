"""The pages of a built site, found from site/ itself (never a hard-coded list).

Pages added later (checklists, timelines, per-agency pages…) are picked up by every test
that uses these helpers without anyone editing the tests.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

SKIP_DIRS = {"assets", "search"}


def page_urls(site: Path) -> list[str]:
    """Site-relative URLs of every HTML page ("/", "/en/2566/", "/404.html"), sorted."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site)
        if rel.parts[0] in SKIP_DIRS:
            continue
        url = "/" + rel.as_posix()
        urls.append(url[: -len("index.html")] if url.endswith("/index.html") else url)
    return sorted(urls)


def language(url: str) -> str:
    return "en" if url.startswith("/en/") else "th"


def pattern(url: str) -> tuple[str, str, int]:
    """Pages of one template share a pattern: language, parent folder (years as N), depth.

    ``/2566/service/innovation/`` and ``/2562/service/development/`` → ("th", "/N/service/", 3).
    """
    parts = [p for p in url.strip("/").split("/") if p]
    if parts and parts[0] == "en":
        parts = parts[1:]
    parent = "/" + "/".join("N" if re.fullmatch(r"\d{4}", p) else p for p in parts[:-1])
    return language(url), parent, len(parts)


def sample(urls: list[str], per_pattern: int) -> list[str]:
    """Every page, except that a pattern with many pages (one page per agency, say) is
    represented by ``per_pattern`` of them spread over the sorted list."""
    groups: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for url in urls:
        groups[pattern(url)].append(url)
    chosen = []
    for members in groups.values():
        if len(members) <= per_pattern:
            chosen.extend(members)
        else:
            step = (len(members) - 1) / (per_pattern - 1)
            chosen.extend(members[round(i * step)] for i in range(per_pattern))
    return sorted(set(chosen))
