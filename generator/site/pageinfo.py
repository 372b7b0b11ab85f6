"""What every page says about itself besides its content: when its content last changed,
and, on a page of an earlier programme year, where the same page of the current year is.

Both are worked out by the MkDocs hook for each page (``mkdocs_hook.on_page_markdown``) and
shown by ``overrides/main.html``, so no template of the generator has to repeat them.

"Last changed" is the date of the newest commit that touched the page's sources: the
``rubrics/`` files named in a generated page's banner, or the hand-written page itself.
It needs the git history of the project (a fresh clone has it; CI fetches the whole history);
without it, in a shallow clone, or for a file that no commit holds yet, the page does not say.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

_BANNER = re.compile(r"<!-- generated from (.+?) by lertrat")
_YEAR = re.compile(r"^(\d{4})/")


def changed_dates(root: Path) -> dict[str, str]:
    """The date (``YYYY-MM-DD``, the commit's own) of the newest commit of each file under
    ``rubrics/`` and ``content/``, by path relative to ``root``; empty without git history."""
    try:
        shallow = subprocess.run(["git", "-C", str(root), "rev-parse", "--is-shallow-repository"], capture_output=True, text=True, timeout=60, check=False)
        if shallow.stdout.strip() != "false":
            return {}  # no repository, or a shallow clone: its oldest commit would seem to change every file
        done = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%x00%cs", "--name-only", "--relative", "--no-renames", "--", "rubrics", "content"],
            capture_output=True, text=True, timeout=60, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if done.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    for commit in done.stdout.split("\0")[1:]:
        day, *names = commit.strip().split("\n")
        for name in names:
            dates.setdefault(name.strip(), day)  # newest first: the first date seen is the last change
    return dates


def sources(first_line: str, src_uri: str) -> list[str]:
    """The files a page comes from: those its "generated from …" banner names, else the
    hand-written page itself (``content/about.md``)."""
    found = _BANNER.match(first_line)
    if found is None:
        return [f"content/{src_uri}"]
    return [part.strip() for part in found.group(1).split(" and ")]


def last_changed(names: list[str], dates: dict[str, str]) -> str | None:
    """The newest date among ``names``; a folder (``rubrics/winners/``) counts every file in it."""
    found = []
    for name in names:
        if name.endswith("/"):
            found.extend(day for path, day in dates.items() if path.startswith(name))
        elif name in dates:
            found.append(dates[name])
    return max(found, default=None)


def page_year(src_uri: str) -> int | None:
    """The programme year a page belongs to (``2562/service/index.md`` → 2562)."""
    found = _YEAR.match(src_uri)
    return int(found.group(1)) if found else None


def current_counterpart(src_uri: str, current: int, exists) -> tuple[str, bool]:
    """The same page in the ``current`` year when it exists (``exists(src_uri)``), else the
    nearest page above it that does, else the year's own page; and whether it is the same page."""
    year = page_year(src_uri)
    rest = src_uri[len(f"{year}/") :]
    suffix = re.search(r"(\.[a-z]{2})?\.md$", rest).group(0)
    parts = [p for p in rest[: -len(suffix)].split("/") if p != "index"]
    exact = True
    while parts:
        for name in ("/".join(parts) + suffix, "/".join(parts) + "/index" + suffix):
            if exists(f"{current}/{name}"):
                return f"{current}/{name}", exact
        parts, exact = parts[:-1], False
    return f"{current}/index{suffix}", exact
