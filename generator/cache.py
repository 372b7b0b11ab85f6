"""Work kept between builds, in ``<project>/.cache/lertrat/``; deleting it is always safe.

- ``yaml/``: every YAML file as the loader read it (values and their line:column), named
  by a hash of the file's bytes and of the loader's own code. Past years' winners files
  do not change, and reading them is most of the time it takes to load a large archive.
  A file is cached only when it loaded without a problem, so errors are always found by
  reading the file itself.
- ``jinja/``: the templates compiled to Python bytecode, by Jinja's own
  ``FileSystemBytecodeCache`` (it checks each template's source before using its entry).

``lertrat clean`` removes the folder; ``LERTRAT_NO_CACHE=1`` turns the cache off. A cache
that cannot be read or written is simply not used: it never stops a build.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import shutil
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from . import parallel

CACHE_DIR = ".cache/lertrat"
NO_CACHE_ENV = "LERTRAT_NO_CACHE"


def cache_dir(root: Path) -> Path | None:
    if os.environ.get(NO_CACHE_ENV):
        return None
    return root / CACHE_DIR


def _folder(root: Path | None, name: str) -> Path | None:
    base = cache_dir(root) if root is not None else None
    if base is None:
        return None
    try:
        (base / name).mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return base / name


def remove(root: Path) -> bool:
    """Delete the project's cache folder; whether there was one."""
    folder = root / CACHE_DIR
    if not folder.is_dir():
        return False
    shutil.rmtree(folder, ignore_errors=True)
    return True


def jinja_cache(root: Path | None) -> jinja2.BytecodeCache | None:
    folder = _folder(root, "jinja")
    return jinja2.FileSystemBytecodeCache(str(folder), "%s.cache") if folder else None


@cache
def _loader_salt() -> bytes:
    """What a cached reading depends on besides the file: the loader's code, PyYAML and
    whether it uses libyaml, and the Python version (marshal's format)."""
    from . import yaml_loader

    parts = [Path(yaml_loader.__file__).read_bytes(), yaml.__version__.encode(), str(yaml_loader._FastComposer).encode(),
             sys.version.encode(), str(marshal.version).encode()]
    return hashlib.sha256(b"\0".join(parts)).digest()


class YamlCache:
    """Readings of YAML files by content: ``get`` and ``put`` take the file's bytes."""

    def __init__(self, root: Path | None):
        self.folder = _folder(root, "yaml")
        self.used: set[str] = set()
        self.memory: dict[str, tuple[Any, dict, dict]] = {}  # read by prefetch in this build

    def _name(self, raw: bytes) -> str:
        return hashlib.sha256(_loader_salt() + raw).hexdigest() + ".marshal"

    def prefetch(self, paths: list[Path]) -> None:
        """Read the files that are not cached yet (a first build), half of the bytes in a
        forked child (``parallel.both``), so that a large archive is parsed on two cores."""
        if self.folder is None or not parallel.can_fork():
            return
        todo = []
        for path in paths:
            try:
                raw = path.read_bytes()
            except OSError:
                continue
            if not (self.folder / self._name(raw)).is_file():
                todo.append((path, raw))
        if len(todo) < 2:
            return
        todo.sort(key=lambda item: -len(item[1]))
        halves: tuple[list, list] = ([], [])
        for item in todo:  # biggest first, each to the lighter half
            min(halves, key=lambda half: sum(len(raw) for _, raw in half)).append(item)

        def read(items: list[tuple[Path, bytes]], into: dict[str, tuple[Any, dict, dict]]) -> dict[str, tuple[Any, dict, dict]]:
            from .yaml_loader import load_yaml

            for path, raw in items:
                loaded, problems = load_yaml(path, path)
                if loaded is not None and not problems:  # a file with a problem is read again, and reported, by the build
                    self.put(raw, loaded.data, loaded.value_marks, loaded.key_marks)
                    into[self._name(raw)] = (loaded.data, loaded.value_marks, loaded.key_marks)
            return into

        _, theirs = parallel.both(lambda: read(halves[0], self.memory), lambda: marshal.dumps(read(halves[1], {})))
        self.memory.update(marshal.loads(theirs))

    def get(self, raw: bytes) -> tuple[Any, dict, dict] | None:
        if self.folder is None:
            return None
        name = self._name(raw)
        if name in self.memory:
            self.used.add(name)
            return self.memory[name]
        try:
            value = marshal.loads((self.folder / name).read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        if not (isinstance(value, tuple) and len(value) == 3 and isinstance(value[1], dict) and isinstance(value[2], dict)):
            return None
        self.used.add(name)
        return value

    def put(self, raw: bytes, data: Any, value_marks: dict, key_marks: dict) -> None:
        if self.folder is None:
            return
        name = self._name(raw)
        self.used.add(name)
        try:
            handle, temp = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                marshal.dump((data, value_marks, key_marks), out)
            os.replace(temp, self.folder / name)
        except (OSError, ValueError):
            pass

    def prune(self) -> None:
        """Remove the readings of files that no longer exist or have changed since."""
        if self.folder is None:
            return
        try:
            for entry in self.folder.iterdir():
                if entry.name not in self.used:
                    entry.unlink(missing_ok=True)
        except OSError:
            pass
