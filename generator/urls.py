"""Relative addresses between pages, computed on strings alone.

``posixpath.relpath`` asks the operating system for the current folder on every call;
an archive of twenty years makes tens of thousands of links, so the same arithmetic is
done here on the path segments (all paths are relative to the docs dir or the site root).
"""

from __future__ import annotations

from functools import lru_cache


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
