"""Follow the links of a built page the way a browser would (stdlib only)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

_HREF = re.compile(r'<a\s[^>]*href="([^"]+)"')


def page_path(site: Path, url_path: str) -> Path:
    """'/en/2566/timeline/' → site/en/2566/timeline/index.html."""
    rel = url_path.strip("/")
    return site / rel / "index.html" if rel else site / "index.html"


def resolve(site: Path, page: Path, link: str) -> tuple[Path, str]:
    """Where a relative link on ``page`` leads: (file, fragment)."""
    parts = urlsplit(link)
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def local_links(page: Path) -> list[str]:
    """Every relative link of the page (not to other hosts, not mailto:, not only a fragment)."""
    found = _HREF.findall(page.read_text(encoding="utf-8"))
    return [h for h in found if not re.match(r"^[a-z]+:|^//|^#", h)]


def broken_links(site: Path, page: Path) -> list[str]:
    """Links of ``page`` whose file does not exist, or whose #fragment is not an id there."""
    broken = []
    for link in local_links(page):
        target, fragment = resolve(site, page, link)
        if not target.is_file():
            broken.append(f"{link} (no file {target})")
        elif fragment and target.suffix == ".html" and f'id="{fragment}"' not in target.read_text(encoding="utf-8"):
            broken.append(f"{link} (no id {fragment!r} in {target.relative_to(site.resolve())})")
    return broken
