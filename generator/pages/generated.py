"""Which files of the docs dir are generated, and removing them (``lertrat clean``, ``make clean``).

A generated page starts with the banner line (``BANNER_MARK``; after its front matter, if any) and is listed in the
manifest the writer keeps; a file without the banner was written by hand and is never
removed. This module uses the standard library only, so that ``make clean`` can run it on
a fresh clone, before ``make site`` has installed anything:
``python3 generator/pages/generated.py content``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

MANIFEST = ".generated.json"
BANNER_MARK = "by lertrat — edit that file, not this one"


def _is_generated(path: Path) -> bool:
    """The banner is the first line, or the first after the front matter (which must open the file)."""
    try:
        with open(path, encoding="utf-8") as handle:
            first = handle.readline()
            if first == "---\n":
                for line in handle:
                    if line == "---\n":
                        first = handle.readline()
                        break
            return BANNER_MARK in first
    except (OSError, UnicodeDecodeError):
        return False


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def clean(docs_dir: Path) -> list[str]:
    """Remove every generated page listed in the manifest (hand-written pages stay)."""
    manifest_path = docs_dir / MANIFEST
    if not manifest_path.is_file():
        return []
    removed = []
    for name in json.loads(manifest_path.read_text(encoding="utf-8")):
        target = docs_dir / name
        if target.is_file() and _is_generated(target):
            target.unlink()
            removed.append(name)
            _remove_empty_parents(target.parent, docs_dir)
    manifest_path.unlink()
    return removed


if __name__ == "__main__":
    docs = Path(sys.argv[1] if len(sys.argv) > 1 else "content")
    print(f"removed {len(clean(docs))} generated page(s) from {docs.as_posix()}/")
