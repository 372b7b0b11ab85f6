"""Random damage to the real content never crashes or hangs lertrat.

Each mutation takes one real file under rubrics/, damages it the way an editor or a bad paste
might (a line deleted, an indent shifted, a key renamed, a number made a word, the file cut
short, a reference broken, a NUL or a YAML tag inserted, ...), and runs ``lertrat check`` in
this process on a copy of the project. Every run must end with exit 0 or 1, with no traceback;
a run that fails lists its problems as ``path:line:col: field: message`` and names the damaged
file; one that passes must still render every page and download, as ``lertrat build`` would.

The damage is random but seeded: mutation ``i`` of base seed ``B`` is always the same (for the
same files under rubrics/). A failure prints its seed; replay it alone with

    LERTRAT_MUTATIONS=2566:17 .venv/bin/python -m pytest tests/test_mutations.py

(several seeds separated by commas), then make it a case of tests/bad_inputs/ and fix it.
``LERTRAT_MUTATION_BASE=7`` explores another few hundred.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import shutil
import signal
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.catalog import load_catalog
from generator.content.timeline import catalog_build_date
from generator.pages.render import render_site
from generator.site.downloads import site_files

from conftest import REPO

COUNT = 300
BASE = os.environ.get("LERTRAT_MUTATION_BASE", "2566")
HANG = 60  # seconds: a run that takes this long is stuck (a check of the real content takes a fraction of a second)
LINE = re.compile(r"^(?P<path>rubrics/\S+?):\d+:\d+: \S+: .+$")
REFERENCE_KEYS = ("agency", "parent", "branch", "type", "level", "yes", "no", "next", "measure", "results_category", "previous_id", "part")


@dataclass
class Mutation:
    seed: str
    file: str  # relative to the project, e.g. rubrics/2566/service/innovation.yaml
    what: str
    data: bytes

    def __str__(self) -> str:
        return f"seed {self.seed}: {self.file}: {self.what}"


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _content_lines(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")] or [0]


def delete_line(rng: random.Random, text: str) -> tuple[str, str]:
    lines = _lines(text)
    i = rng.choice(_content_lines(lines))
    return "\n".join(lines[:i] + lines[i + 1 :]), f"deleted line {i + 1}"


def shift_indent(rng: random.Random, text: str) -> tuple[str, str]:
    lines = _lines(text)
    i = rng.choice(_content_lines(lines))
    by = rng.choice([-4, -2, -1, 1, 2, 4])
    lines[i] = " " * by + lines[i] if by > 0 else lines[i][min(-by, len(lines[i]) - len(lines[i].lstrip())) :]
    return "\n".join(lines), f"shifted line {i + 1} by {by} spaces"


_KEY = re.compile(r"^(\s*(?:- )?)([A-Za-z_][\w-]*)(:)", re.MULTILINE)


def rename_key(rng: random.Random, text: str) -> tuple[str, str]:
    keys = list(_KEY.finditer(text))
    if not keys:
        return delete_line(rng, text)
    found = rng.choice(keys)
    key = found.group(2)
    others = sorted({k.group(2) for k in keys} - {key}) or ["x"]
    new = rng.choice([key[:-1] or "k", key + "s", key.upper(), key.replace("_", "-") + "_", rng.choice(others), "th", "en", "<<", "id"])
    return text[: found.start(2)] + new + text[found.end(2) :], f"renamed the key {key!r} to {new!r} on line {text.count(chr(10), 0, found.start()) + 1}"


_NUMBER = re.compile(r"(?<=: )-?\d+(\.\d+)?(?=\s*$)|(?<=- )-?\d+(?=\s*$)", re.MULTILINE)


def change_number(rng: random.Random, text: str) -> tuple[str, str]:
    numbers = list(_NUMBER.finditer(text))
    if not numbers:
        return add_tag(rng, text)
    found = rng.choice(numbers)
    new = rng.choice(["ten", "10.5", '"10"', "[10]", "{n: 10}", "-1", "1e3", "0x1F", "true", "", "~", "99999999999999999999999", "๑๐", "2023", "1_000", "+5", ".5"])
    return text[: found.start()] + new + text[found.end() :], f"changed the number {found.group()} to {new!r} on line {text.count(chr(10), 0, found.start()) + 1}"


def truncate(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    at = rng.randrange(len(data))
    return data[:at], f"cut the file after byte {at} of {len(data)}"  # may split a Thai letter's UTF-8 bytes


_REFERENCE = re.compile(rf"^(\s*(?:- )?(?:{'|'.join(REFERENCE_KEYS)}): )([a-z0-9]+(?:-[a-z0-9]+)*)\s*$|^(\s+- )([a-z0-9]+(?:-[a-z0-9]+)+)\s*$", re.MULTILINE)


def break_reference(rng: random.Random, text: str) -> tuple[str, str]:
    refs = list(_REFERENCE.finditer(text))
    if not refs:
        return rename_key(rng, text)
    found = rng.choice(refs)
    group = 2 if found.group(2) else 4
    old = found.group(group)
    new = rng.choice([old + "-gone", old[:-1] or "x", "nobody", old.replace("-", "_")])
    return text[: found.start(group)] + new + text[found.end(group) :], f"changed the reference {old!r} to {new!r} on line {text.count(chr(10), 0, found.start()) + 1}"


def insert_nul(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    at = rng.randrange(len(data) + 1)
    return data[:at] + b"\x00" + data[at:], f"inserted a NUL byte at byte {at}"


_VALUE = re.compile(r"(?<=: )(?=\S)", re.MULTILINE)


def add_tag(rng: random.Random, text: str) -> tuple[str, str]:
    places = list(_VALUE.finditer(text)) or [re.match("", text)]
    at = rng.choice(places).start()
    tag = rng.choice(["!!python/object:os.system ", "!!python/object/apply:os.system ", "!!python/name:builtins.eval ", "!!int ", "!!str ", "!!binary ", "!!timestamp ", "!!set ", "!custom ", "! "])
    return text[:at] + tag + text[at:], f"added the tag {tag.strip()!r} on line {text.count(chr(10), 0, at) + 1}"


def duplicate_line(rng: random.Random, text: str) -> tuple[str, str]:
    lines = _lines(text)
    i = rng.choice(_content_lines(lines))
    return "\n".join(lines[: i + 1] + [lines[i]] + lines[i + 1 :]), f"repeated line {i + 1}"


def anchor_and_alias(rng: random.Random, text: str) -> tuple[str, str]:
    places = [m.start() for m in _VALUE.finditer(text)]
    if len(places) < 2:
        return add_tag(rng, text)
    first, second = sorted(rng.sample(places, 2))
    end = text.index("\n", second) if "\n" in text[second:] else len(text)
    text = text[:first] + "&x " + text[first:second] + "*x" + text[end:]
    return text, "put an anchor '&x' on one value and its alias '*x' in place of a later one"


def invalid_bytes(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    at = rng.randrange(len(data) + 1)
    junk = bytes([rng.choice([0x80, 0xA1, 0xC0, 0xE0, 0xFE, 0xFF])])
    return data[:at] + junk + data[at:], f"inserted the byte 0x{junk[0]:02x} at byte {at}"


def swap_lines(rng: random.Random, text: str) -> tuple[str, str]:
    lines = _lines(text)
    i = rng.choice(_content_lines(lines))
    j = min(i + 1, len(lines) - 1)
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines), f"swapped lines {i + 1} and {j + 1}"


def control_or_long(rng: random.Random, text: str) -> tuple[str, str]:
    places = [m.start() for m in _VALUE.finditer(text)] or [0]
    at = rng.choice(places)
    insert = rng.choice(["\x1b[31m", "\u2028", "\r", "\ufeff", "'" + "ก" * 6000 + "' ", "[" * 40, "{" * 5, "\t"])
    return text[:at] + insert + text[at:], f"inserted {insert[:12]!r} (length {len(insert)}) on line {text.count(chr(10), 0, at) + 1}"


TEXT_MUTATIONS: list[Callable[[random.Random, str], tuple[str, str]]] = [
    delete_line, shift_indent, rename_key, change_number, break_reference, add_tag, duplicate_line, anchor_and_alias, swap_lines, control_or_long,
]
BYTE_MUTATIONS: list[Callable[[random.Random, bytes], tuple[bytes, str]]] = [truncate, insert_nul, invalid_bytes]
FILES = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "rubrics").rglob("*.yaml"))


def mutation(seed: str) -> Mutation:
    rng = random.Random(seed)
    file = rng.choice(FILES)
    data = (REPO / file).read_bytes()
    kind = rng.randrange(len(TEXT_MUTATIONS) + len(BYTE_MUTATIONS))
    if kind < len(TEXT_MUTATIONS):
        op = TEXT_MUTATIONS[kind]
        text, what = op(rng, data.decode("utf-8"))
        new = text.encode("utf-8")
    else:
        op = BYTE_MUTATIONS[kind - len(TEXT_MUTATIONS)]
        new, what = op(rng, data)
    return Mutation(seed, file, what, new)


def seeds() -> list[str]:
    chosen = os.environ.get("LERTRAT_MUTATIONS")
    if chosen:
        return [s.strip() for s in chosen.split(",") if s.strip()]
    return [f"{BASE}:{i}" for i in range(COUNT)]


class _Stuck(Exception):
    pass


def _on_alarm(signum, frame):
    raise _Stuck()


def run_check(root: Path) -> tuple[int | None, str, str, str | None]:
    """``lertrat --root ROOT check`` in this process: exit status, stdout, stderr, and the
    traceback of anything that escaped (None when nothing did)."""
    out, err = io.StringIO(), io.StringIO()
    escaped = None
    code = None
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(HANG)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--root", str(root), "check"])
    except _Stuck:
        escaped = f"no answer after {HANG} s"
    except BaseException:  # noqa: BLE001 - SystemExit and KeyboardInterrupt are failures here too
        escaped = traceback.format_exc()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return code, out.getvalue(), err.getvalue(), escaped


def judge(root: Path, m: Mutation) -> tuple[int | None, str | None]:
    """lertrat's exit status for this mutation, and what is wrong with its answer (None: nothing)."""
    code, out, err, escaped = run_check(root)
    return code, _wrong(root, m, code, out, err, escaped)


def _wrong(root: Path, m: Mutation, code: int | None, out: str, err: str, escaped: str | None) -> str | None:
    if escaped is not None:
        return f"raised instead of answering:\n{escaped}"
    if code not in (0, 1):
        return f"exit status {code}, expected 0 or 1"
    if "Traceback" in out + err:
        return f"printed a traceback:\n{err}"
    lines = err.splitlines()
    if code == 1:
        problems = [line for line in lines if LINE.match(line)]
        if not lines or not lines[-1].endswith("nothing was written.") or len(problems) != len(lines) - 1:
            return f"exit 1 without the path:line:col: field: message lines and the count:\n{err}"
        named = {LINE.match(line)["path"] for line in problems}
        if m.file not in named and not any(m.file in line for line in problems):
            return f"exit 1, but no line names {m.file}:\n{err}"
        return None
    if not out.startswith("rubrics/ is valid:"):
        return f"exit 0 without saying the content is valid:\n{out}{err}"
    # Valid after the damage: every page and download must still be made, as `lertrat build` would.
    try:
        catalog = load_catalog(root)
        when = catalog_build_date(root, catalog)
        render_site(catalog, when)
        site_files(catalog, when)
    except Exception:  # noqa: BLE001
        return f"check passed, but rendering raised:\n{traceback.format_exc()}"
    return None


@pytest.fixture(scope="module")
def rubrics_copy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("mutations")
    shutil.copytree(REPO / "rubrics", root / "rubrics")
    return root


def test_mutations_are_reproducible():
    assert mutation(f"{BASE}:5").data == mutation(f"{BASE}:5").data
    assert len({mutation(f"{BASE}:{i}").data for i in range(20)}) == 20


def test_every_mutation_operator_changes_the_file():
    rng = random.Random(1)
    for op in TEXT_MUTATIONS:
        text = (REPO / "rubrics/2566/service/innovation.yaml").read_text(encoding="utf-8")
        assert op(rng, text)[0] != text, op.__name__
    for op in BYTE_MUTATIONS:
        data = (REPO / "rubrics/2566/service/innovation.yaml").read_bytes()
        assert op(rng, data)[0] != data, op.__name__


def test_random_damage_never_crashes_or_hangs(rubrics_copy):
    failures, codes = [], []
    for seed in seeds():
        m = mutation(seed)
        target = rubrics_copy / m.file
        original = target.read_bytes()
        target.write_bytes(m.data)
        try:
            code, wrong = judge(rubrics_copy, m)
        finally:
            target.write_bytes(original)
        codes.append(code)
        if wrong is not None:
            failures.append(f"{m}\n  {wrong}\n  replay: LERTRAT_MUTATIONS={seed} .venv/bin/python -m pytest tests/test_mutations.py")
    assert not failures, f"{len(failures)} of {len(codes)} mutations went wrong:\n\n" + "\n\n".join(failures)
    if len(codes) == COUNT:  # the whole seeded run, not a replay
        print(f"{COUNT} mutations: {codes.count(1)} reported as problems (exit 1), {codes.count(0)} still valid (exit 0)")
        assert codes.count(1) >= COUNT // 2, "most mutations should break the content; the operators have stopped doing damage"
