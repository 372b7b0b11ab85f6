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

import hashlib
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
    """What the generated pages depend on: the files under rubrics/ (path, time, size) and
    the templates and labels (path, content). Paths are relative, and the templates compared
    by content, because ``python -m mkdocs`` may import the package from the project folder
    while ``lertrat`` runs the installed one: the same files, in another place."""
    content = sorted(p for p in (root / "rubrics").rglob("*") if p.is_file())
    words = [package / "labels.yaml", *sorted((package / "templates").rglob("*.j2"))]
    return (
        tuple((p.relative_to(root).as_posix(), p.stat().st_mtime_ns, p.stat().st_size) for p in content),
        tuple((p.relative_to(package).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest()) for p in words if p.is_file()),
    )


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
