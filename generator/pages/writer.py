"""Write generated pages into the docs dir: only what changed, and remove what is stale.

``mkdocs serve`` watches the docs dir, so rewriting an unchanged file would start
another rebuild, which would rewrite it again: files are compared before writing.
A manifest lists what the generator wrote last time, so pages of a deleted award type
disappear. A file without our banner is never overwritten or removed: it was written
by hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .generated import MANIFEST, _is_generated, _remove_empty_parents, clean

if TYPE_CHECKING:
    from .render import Page

__all__ = ["MANIFEST", "HandWrittenFileError", "WriteResult", "clean", "write_pages"]

@dataclass
class WriteResult:
    written: list[str]
    removed: list[str]
    unchanged: int


class HandWrittenFileError(Exception):
    """A generated page would replace a page written by hand."""


def write_pages(docs_dir: Path, pages: list[Page]) -> WriteResult:
    manifest_path = docs_dir / MANIFEST
    previous: set[str] = set()
    if manifest_path.is_file():
        try:
            previous = set(json.loads(manifest_path.read_text(encoding="utf-8")))
        except (ValueError, TypeError):
            previous = set()
    clashes = [p.path for p in pages if (docs_dir / p.path).exists() and not _is_generated(docs_dir / p.path)]
    if clashes:
        raise HandWrittenFileError(
            "these hand-written pages have the address of generated pages; rename or move them: " + ", ".join(sorted(clashes))
        )
    written, unchanged = _write(docs_dir, sorted(pages, key=lambda p: p.path))
    current = {p.path for p in pages}
    removed: list[str] = []
    for stale in sorted(previous - current):
        target = docs_dir / stale
        if target.is_file() and _is_generated(target):
            target.unlink()
            removed.append(stale)
            _remove_empty_parents(target.parent, docs_dir)
    manifest = json.dumps(sorted(current), ensure_ascii=False, indent=0) + "\n"
    if not manifest_path.is_file() or manifest_path.read_text(encoding="utf-8") != manifest:
        manifest_path.write_text(manifest, encoding="utf-8")
    return WriteResult(written, removed, unchanged)


def _write(docs_dir: Path, pages: list[Page]) -> tuple[list[str], int]:
    """Write the pages whose file differs: (the pages written, how many were unchanged)."""
    written: list[str] = []
    unchanged = 0
    for page in pages:
        target = docs_dir / page.path
        data = page.content.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(page.path)
    return written, unchanged
