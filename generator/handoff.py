"""Hand the catalog from ``lertrat build`` to the MkDocs hook, so it is built once per build.

``lertrat build`` loads, validates and renders everything before it starts MkDocs (so that
mistakes are reported cleanly and nothing is written); the hook then needs the same catalog
for the sidebar and the downloads. Rather than load and render a 20-year archive a second
time, the command leaves the catalog in a temporary file named by ``LERTRAT_HANDOFF``. The
hook takes it only if the inputs are exactly those it was made from (path, size and
modification time of every file under rubrics/, the templates and the labels); otherwise,
and under ``mkdocs serve`` or a plain ``mkdocs build``, the hook generates as before.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .catalog import Catalog

ENV = "LERTRAT_HANDOFF"
PACKAGE = Path(__file__).parent


def fingerprint(root: Path, package: Path = PACKAGE) -> tuple:
    """What the generated pages depend on."""
    watched = [root / "rubrics", package / "templates", package / "labels.yaml"]
    files = [p for w in watched for p in ([w] if w.is_file() else sorted(w.rglob("*"))) if p.is_file()]
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


@contextmanager
def handed_over(root: Path, catalog: Catalog) -> Iterator[dict[str, str]]:
    """The environment that lets a MkDocs run started inside this block reuse ``catalog``."""
    handle, name = tempfile.mkstemp(prefix="lertrat-catalog-", suffix=".pickle")
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump((fingerprint(root), catalog), out, protocol=pickle.HIGHEST_PROTOCOL)
        yield {ENV: name}
    finally:
        Path(name).unlink(missing_ok=True)


def receive(root: Path, package: Path = PACKAGE) -> Catalog | None:
    """The catalog ``lertrat build`` handed over, if it was made from the current inputs."""
    name = os.environ.get(ENV)
    if not name or not Path(name).is_file():
        return None
    with open(name, "rb") as handle:
        made_from, catalog = pickle.load(handle)  # written by our own lertrat process just before
    return catalog if made_from == fingerprint(root, package) else None
