"""A Content-Security-Policy in every built page: the site may run, style and load only itself.

GitHub and GitLab Pages cannot send response headers, so the policy is a
``<meta http-equiv="Content-Security-Policy">`` at the top of each page's ``<head>`` (a policy
in a meta element covers only what comes after it). It is worked out from each built page,
after every other step, so whatever inline code the theme or a template writes is allowed
exactly as written and nothing else is:

- inline ``<script>`` code runs only by its SHA-256 (Material writes two small scripts into
  every page: the site's base address for its storage keys, and the jump to an anchor); no
  ``eval``, no script from another host. ``<script type="application/json">`` blocks are data,
  never run, and need no hash.
- styles come from the site's CSS files; an inline ``<style>`` element or ``style=`` attribute
  is allowed by its hash (``'unsafe-hashes'`` is added only for attributes, and only when a page
  has one). Scripts set styles through ``element.style``, which a policy does not restrict.
- images, fonts, the search index and the showcase data (``connect-src``), Material's search
  worker (``worker-src``) from the site; images also as ``data:`` (Material's icons are data:
  SVGs inside its CSS). ``object-src 'none'``, ``base-uri 'self'``, ``form-action 'self'``.

Inline event handlers (``onclick=``) and ``javascript:`` links would need ``'unsafe-inline'``:
the build refuses them and names the page (scripts belong in ``overrides/assets/js/``).

``lertrat serve`` writes no policy: MkDocs' live reload injects an inline script into every
page it serves, so the preview runs without one (``generator/site/mkdocs_hook.py``).
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path

_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_STYLE = re.compile(r"<style\b[^>]*>(?P<body>.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_STYLE_ATTR = re.compile(r"""\sstyle\s*=\s*(?:"(?P<d>[^"]*)"|'(?P<s>[^']*)')""", re.IGNORECASE)
_HANDLER = re.compile(r"""\s(on[a-z]+)\s*=""", re.IGNORECASE)
_JS_URL = re.compile(r"""\s(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>\s*(<meta\s+charset=[^>]*>)?", re.IGNORECASE)
_FIRST_LOAD = re.compile(r"<(?:script|link|style|base)\b", re.IGNORECASE)
# The types a browser runs as script (HTML's "JavaScript MIME type essence match", and modules).
_RUNS = {"", "module", "text/javascript", "application/javascript", "application/ecmascript", "application/x-ecmascript",
         "application/x-javascript", "text/ecmascript", "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
         "text/javascript1.3", "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
         "text/x-javascript"}

# The rules every page shares; script-src and style-src also carry each page's hashes.
FIXED = (
    ("default-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


class PolicyError(Exception):
    """A page holds inline code that no policy without 'unsafe-inline' can allow."""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(page: str) -> str:
    """The policy for one built page: the fixed rules, and the hash of each inline script and style it holds."""
    scripts, styles, attributes = set(), set(), set()
    for script in _SCRIPT.finditer(page):
        attrs = script["attrs"]
        kind = (m.group(1).lower() if (m := _TYPE.search(attrs)) else "").split(";")[0].strip()
        if kind in _RUNS and not _SRC.search(attrs) and script["body"]:
            scripts.add(_hash(script["body"]))
    for style in _STYLE.finditer(page):
        styles.add(_hash(style["body"]))
    for tag in _TAG.finditer(_SCRIPT.sub("", page)):
        for attr in _STYLE_ATTR.finditer(tag.group()):
            attributes.add(_hash(html.unescape(attr["d"] if attr["d"] is not None else attr["s"])))
    style_src = ["'self'", *sorted(styles)]
    if attributes:
        style_src += ["'unsafe-hashes'", *sorted(attributes - styles)]
    script_src = ["'self'", *sorted(scripts)]
    rules = [FIXED[0], ("script-src", " ".join(script_src)), ("style-src", " ".join(style_src)), *FIXED[1:]]
    return "; ".join(f"{name} {value}" for name, value in rules)


def refused(page: str) -> list[str]:
    """What in a page no policy can allow without allowing every inline script."""
    found = []
    for tag in _TAG.finditer(_SCRIPT.sub("", page)):
        text = tag.group()
        without_values = re.sub(r"""=\s*("[^"]*"|'[^']*')""", "=", text)
        for handler in _HANDLER.finditer(without_values):
            found.append(f"an inline event handler {handler.group(1)}= in {text[:80]}")
        if _JS_URL.search(text):
            found.append(f"a javascript: link in {text[:80]}")
    return found


def with_policy(page: str) -> str:
    """The page with its policy as the first element of ``<head>`` (after the charset)."""
    head = _HEAD.search(page)
    if head is None:
        raise PolicyError("it has no <head>")
    first = _FIRST_LOAD.search(page)
    if first is not None and first.start() < head.start():
        raise PolicyError("it loads a script or style before its <head>")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(page)}">'
    return page[: head.end()] + meta + page[head.end() :]


def apply(site: Path) -> int:
    """Write the policy into every HTML page of a built site; the number of pages. Raises
    ``PolicyError`` naming every page with code the policy cannot allow."""
    problems, pages = [], 0
    for path in sorted(site.rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        if 'http-equiv="Content-Security-Policy"' in page:
            continue  # done already: applying twice changes nothing
        name = path.relative_to(site).as_posix()
        bad = refused(page)
        if bad:
            problems += [f"{name}: {what}" for what in bad]
            continue
        try:
            path.write_text(with_policy(page), encoding="utf-8")
        except PolicyError as error:
            problems.append(f"{name}: {error}")
            continue
        pages += 1
    if problems:
        raise PolicyError(
            "the Content-Security-Policy cannot allow inline code in these pages; move scripts to overrides/assets/js/ "
            "(listed in mkdocs.yml extra_javascript) and handlers into them:\n" + "\n".join(problems)
        )
    return pages
