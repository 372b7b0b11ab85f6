"""Where every page lives (``Paths``), and relative links between pages, computed on strings alone.

``posixpath.relpath`` asks the operating system for the current folder on every call;
an archive of twenty years makes tens of thousands of links, so the same arithmetic is
done here on the path segments (all paths are relative to the docs dir or the site root).
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=65536)
def relpath(target: str, start: str) -> str:
    """``relpath('agencies/nstda', 'winners')`` → ``'../agencies/nstda'`` (like posixpath.relpath)."""
    goal = [p for p in target.split("/") if p not in ("", ".")]
    base = [p for p in start.split("/") if p not in ("", ".")]
    common = 0
    while common < min(len(goal), len(base)) and goal[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + goal[common:]) or "."


def url_of(path: str) -> str:
    """A docs path → the folder URL MkDocs gives it ('2566/timeline.md' → '2566/timeline/')."""
    stem = path[:-3]
    if stem == "index":
        return ""
    return stem[: -len("index")] if stem.endswith("/index") else stem + "/"


def href(target: str, here: str, prefix: str = "", localized: bool = True) -> str:
    """A link usable inside raw HTML, where MkDocs rewrites nothing.

    ``target`` is a site path ('agencies/nstda/' or 'data/winners.csv') and ``here`` the
    docs path of the page. Pages of another language live under ``prefix`` ('en/'); files
    that are not pages exist once, at the site root."""
    rel = relpath((prefix + target) if localized else target, prefix + url_of(here))
    return rel + "/" if target.endswith("/") or not target else rel


class Paths:
    """Where each page lives in the docs dir (Thai file names; URLs follow from them)."""

    @staticmethod
    def home() -> str:
        return "index.md"

    @staticmethod
    def year(year: int | str) -> str:
        return f"{year}/index.md"

    @staticmethod
    def branch(year: int | str, branch: str) -> str:
        return f"{year}/{branch}/index.md"

    @staticmethod
    def award_type(year: int | str, branch: str, award_type: str) -> str:
        return f"{year}/{branch}/{award_type}/index.md"

    @staticmethod
    def checklist(year: int | str, branch: str, award_type: str) -> str:
        return f"{year}/{branch}/{award_type}/checklist.md"

    @staticmethod
    def finder(year: int | str) -> str:
        return f"{year}/finder.md"

    @staticmethod
    def readiness_form(year: int | str) -> str:
        return f"{year}/readiness-form.md"

    @staticmethod
    def apply(year: int | str) -> str:
        return f"{year}/apply.md"

    @staticmethod
    def winners_index() -> str:
        return "winners/index.md"

    @staticmethod
    def winners_year(year: int | str) -> str:
        return f"winners/{year}.md"

    @staticmethod
    def unpsa() -> str:
        return "winners/unpsa.md"

    @staticmethod
    def agencies() -> str:
        return "agencies/index.md"

    @staticmethod
    def self_assessment(year: int | str, branch: str, award_type: str) -> str:
        return f"{year}/{branch}/{award_type}/self-assessment.md"

    @staticmethod
    def changes() -> str:
        return "changes.md"

    @staticmethod
    def timeline(year: int | str) -> str:
        return f"{year}/timeline.md"

    @staticmethod
    def agency(agency_id: str) -> str:
        return f"agencies/{agency_id}.md"

    @staticmethod
    def data() -> str:
        return "data.md"

    @staticmethod
    def contact() -> str:
        return "contact.md"

    @staticmethod
    def branch_print(year: int | str, branch: str) -> str:
        return f"{year}/{branch}/print.md"

    @staticmethod
    def editing() -> str:
        """The staff guide (hand-written: content/editing.md)."""
        return "editing.md"

    @staticmethod
    def editor_notes() -> str:
        """The staff page listing editors' notes (kept out of the sidebar and of search)."""
        return "editing/notes.md"


class Links:
    """The same addresses as ``Paths``, as relative links from the page being rendered."""

    def __init__(self, here: str):
        self.here = here

    def __getattr__(self, name: str) -> Any:
        target = getattr(Paths, name)
        return lambda *args: relpath(target(*args), posixpath.dirname(self.here) or ".")


class Urls:
    """Relative page addresses (``../service/innovation/``) for links inside raw HTML, which
    MkDocs does not rewrite the way it rewrites Markdown links to ``.md`` files."""

    def __init__(self, here: str):
        self.here = here

    @staticmethod
    def of(path: str) -> str:
        """``2566/service/innovation/index.md`` → ``2566/service/innovation/`` (directory URLs)."""
        folder, _, name = path.rpartition("/")
        return (f"{folder}/" if folder else "") + ("" if name == "index.md" else name[:-3] + "/")

    def __getattr__(self, name: str) -> Any:
        target = getattr(Paths, name)
        return lambda *args: relpath(self.of(target(*args)) or ".", self.of(self.here) or ".") + "/"
