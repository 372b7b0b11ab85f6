"""Read YAML the way an editor sees it: every value a string, every node with its position.

PyYAML's own loaders guess types (YAML 1.1 turns ``2566-11-15`` into a date and ``no``
into ``False``) and silently keep the last of two equal keys. Both hide mistakes from the
people editing the content, so we build plain dicts, lists and strings ourselves from the
parser's events, remembering where each value came from. The pydantic models decide later
what a string means.

Files come from editors and from pull requests, so the reader also refuses what the content
never needs before it can cost anything: a file above ``MAX_FILE_BYTES``, text that is not
UTF-8 or holds invisible control characters, aliases (nine anchors of nine aliases each
expand to 387 million values: the "billion laughs"), tags, nesting deeper than the models
go (``MAX_DEPTH``), single values longer than any text may be (``MAX_TEXT``). The events are
read one at a time and the data is built without recursion, so nothing is expanded and a
list nested 5,000 levels deep stops at level ``MAX_DEPTH + 1``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml import events

from .errors import Location, Problem
from .models import MAX_TEXT

Path_ = tuple[str | int, ...]

# The largest content file is a winners year: ~90 kB for 2565, ~230 kB for a synthetic year of
# 250 winners (tools/synthetic.py). A file four times that is not content an editor wrote.
MAX_FILE_BYTES = 1_000_000
# Mappings and lists inside one another, the file's own mapping being level 1. The models hold
# at most 11 (an award type: rubric → dimensions → questions → parts → bands → text, with the
# lists between them); rubrics/2566/service/facilitation.yaml goes that deep. tests/test_loader.py
# keeps this equal to what the models can hold.
MAX_DEPTH = 11

_CONTENT_LINE = re.compile(r"^\s*[^\s#]", re.MULTILINE)  # a line that is neither blank nor a comment
_TAB_INDENT = re.compile(r"^( *)\t", re.MULTILINE)  # a tab in a line's indentation
# Control characters other than tab and line feed (a carriage return is one once CRLF line ends
# are read as LF), the characters YAML 1.1 counts as line breaks though editors do not (so line
# numbers would disagree), and the two non-characters YAML refuses.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_INVISIBLE_NAMES = {
    0x00: "NUL", 0x08: "backspace", 0x0B: "vertical tab", 0x0C: "form feed", 0x0D: "a carriage return without a line feed",
    0x1B: "escape", 0x7F: "delete", 0x85: "next line", 0x2028: "line separator", 0x2029: "paragraph separator",
}
_ALIASES = "YAML anchors and aliases (&name, *name) are not used in these files; write the value out"
_YAML_TAG = "tag:yaml.org,2002:"
_NO_KEY, _SKIP, _NOTHING = object(), object(), object()  # a mapping waiting for its next key; a value read but not kept; a file of comments


@dataclass
class LoadedFile:
    """A parsed YAML document with the source position of every key and value."""

    path: Path  # as shown to the user (relative to the project root when possible)
    data: Any
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def location(self, loc: Path_, *, key: bool = False) -> Location:
        """The closest known position for a field path (falls back to its parents)."""
        marks = self.key_marks if key else self.value_marks
        probe = tuple(loc)
        while probe:
            if probe in marks:
                line, col = marks[probe]
                return Location(self.path, line, col)
            if not key and probe in self.key_marks:
                line, col = self.key_marks[probe]
                return Location(self.path, line, col)
            probe = probe[:-1]
        line, col = self.value_marks.get((), (1, 1))
        return Location(self.path, line, col)


# libyaml (PyYAML's C extension) parses about five times faster than PyYAML's own parser,
# which matters once the archive holds twenty years. A file it cannot read is read again by
# the pure-Python parser, so mistakes are reported in the same words either way.
_FastParser = getattr(yaml, "CBaseLoader", None)
_Parser = yaml.BaseLoader


class _Stop(Exception):
    """A problem after which the rest of the file is not read."""

    def __init__(self, problem: Problem):
        self.problem = problem


@dataclass
class _Open:
    """A mapping or list being read: where it is, and (for a mapping) the key its next value belongs to."""

    path: Path_
    data: dict | list | None  # None: read but not kept (a duplicate key's value, a list used as a key)
    mapping: bool
    key: Any = _NO_KEY
    is_key: bool = False  # a mapping or list used as a key


def _read(text: str, parser: type, out: LoadedFile, problems: list[Problem]) -> Any:
    """The document's data (``_NOTHING`` for a file of comments), built from the parser's events
    without recursion; raises ``yaml.YAMLError`` for broken YAML and ``_Stop`` for what the
    content never uses."""
    loader = parser(text)
    try:
        return _build(loader, out, problems)
    finally:
        loader.dispose()


def _build(loader, out: LoadedFile, problems: list[Problem]) -> Any:
    def here(event) -> Location:
        return Location(out.path, event.start_mark.line + 1, event.start_mark.column + 1)

    loader.get_event()  # the stream's start
    if loader.check_event(events.StreamEndEvent):
        return _NOTHING
    loader.get_event()  # the document's start
    root: Any = None
    stack: list[_Open] = []
    while not loader.check_event(events.DocumentEndEvent):
        event = loader.get_event()
        kind = type(event)
        if kind is events.SequenceEndEvent or kind is events.MappingEndEvent:
            if stack.pop().is_key:
                stack[-1].key = _SKIP
            continue
        top = stack[-1] if stack else None
        where = top.path if top is not None else ()
        is_key = top is not None and top.mapping and top.key is _NO_KEY
        kept = top is None or (top.data is not None and top.key is not _SKIP and not is_key)
        if not kept:
            path = where
        else:
            path = where + ((top.key,) if top.mapping else (len(top.data),)) if top is not None else ()
        if kind is events.AliasEvent:
            raise _Stop(Problem(here(event), _dotted(path), f"found the alias '*{event.anchor}'; {_ALIASES} — expected it in full wherever it is used"))
        if event.anchor is not None:
            raise _Stop(Problem(here(event), _dotted(path), f"found the anchor '&{event.anchor}'; {_ALIASES} — expected it in full wherever it is used"))
        if event.tag is not None:
            tag = "!!" + event.tag.removeprefix(_YAML_TAG) if event.tag.startswith(_YAML_TAG) else event.tag
            raise _Stop(Problem(here(event), _dotted(path), f"found the tag '{tag}'; YAML tags are not used in these files; expected the value alone — remove the tag"))
        is_collection = kind is not events.ScalarEvent
        if is_collection and len(stack) >= MAX_DEPTH:
            raise _Stop(
                Problem(here(event), _dotted(path), f"lists and mappings are nested more than {MAX_DEPTH} levels deep here; expected at most {MAX_DEPTH} levels (the deepest the content goes) — check the indentation")
            )
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)

        if is_key:
            if is_collection:
                if top.data is not None:
                    problems.append(Problem(here(event), _dotted(where), "a key must be a plain word; found a list or mapping used as a key"))
                stack.append(_Open(where, None, kind is events.MappingStartEvent, is_key=True))
                continue
            key = event.value
            if top.data is None:
                top.key = _SKIP
            elif len(key) > MAX_TEXT:
                raise _Stop(Problem(here(event), _dotted(where), f"found a key of {len(key)} characters, expected at most {MAX_TEXT}"))
            elif key == "<<":
                problems.append(Problem(here(event), _dotted(where), "merge keys ('<<') are not supported; write the fields out in full"))
                top.key = _SKIP
            elif key in top.data:
                first = out.key_marks[where + (key,)]
                problems.append(
                    Problem(here(event), _dotted(where + (key,)), f"duplicate key '{key}' (first given on line {first[0]}); expected each key once — remove one of them")
                )
                top.key = _SKIP
            else:
                out.key_marks[where + (key,)] = mark
                top.key = key
            continue

        # The node is a value: the document's, a list item, or a mapping key's.
        if is_collection:
            value: Any = {} if kind is events.MappingStartEvent else []
        elif event.style in (None, "") and event.value in ("", "~", "null", "Null", "NULL"):
            value = None  # a plain empty scalar (``key:`` with nothing after it) or ``~``/``null`` is "no value" (plain style: None in PyYAML, "" in libyaml)
        else:
            value = event.value
            if kept and len(value) > MAX_TEXT:
                raise _Stop(Problem(here(event), _dotted(path), f"found a text of {len(value)} characters, expected at most {MAX_TEXT}"))
        if kept:
            out.value_marks[path] = mark
            if top is None:
                root = value
            elif top.mapping:
                top.data[top.key] = value
            else:
                top.data.append(value)
        if top is not None and top.mapping:
            top.key = _NO_KEY
        if is_collection:
            stack.append(_Open(path, value if kept else None, kind is events.MappingStartEvent))
    loader.get_event()  # the document's end
    if not loader.check_event(events.StreamEndEvent):
        extra = loader.get_event()
        raise yaml.composer.ComposerError("expected a single document in the stream", None, "but found another document", extra.start_mark)
    return root


def _dotted(loc: Path_) -> str:
    """``('rubric', 'dimensions', 0, 'points')`` → ``rubric.dimensions[0].points``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + part
    return text or "(file)"


def _position(text: str, index: int) -> tuple[int, int]:
    """Line and column (1-based, in characters) of ``text[index]``."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _utf16_or_32(raw: bytes) -> str | None:
    """The name of the encoding when the file is UTF-16 or UTF-32, with or without a byte-order
    mark. Without one, such a file has zero bytes beside most letters (content files begin with
    the ASCII line ``# yaml-language-server: ...``); UTF-8 content never has a zero byte."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[:256]
    if b"\x00" not in head:
        return None

    def mostly_zero(start: int, step: int) -> bool:
        slots = head[start::step]
        return slots.count(0) * 2 > len(slots)

    if (mostly_zero(2, 4) and mostly_zero(3, 4)) or (mostly_zero(0, 4) and mostly_zero(1, 4)):
        return "UTF-32"
    if mostly_zero(1, 2) or mostly_zero(0, 2):
        return "UTF-16"
    return None


def _first_problem(path: Path, shown_as: Path) -> tuple[str | None, Problem | None]:
    """The file's text ready to parse, or the reason it cannot be read at all."""

    def stop(line: int, col: int, message: str) -> tuple[None, Problem]:
        return None, Problem(Location(shown_as, line, col), "(file)", message)

    with path.open("rb") as file:
        raw = file.read(MAX_FILE_BYTES + 1)  # never more: the file may be huge
    if len(raw) > MAX_FILE_BYTES:
        size = max(path.stat().st_size, len(raw))
        return stop(1, 1, f"the file is {size:,} bytes; expected at most {MAX_FILE_BYTES:,} bytes, far more than any content file needs — check that this is the file you meant")
    if (wide := _utf16_or_32(raw)) is not None:
        return stop(1, 1, f"the file is saved as {wide} text; expected UTF-8 — save it again with the encoding UTF-8")
    try:
        text = raw.decode("utf-8-sig")  # a UTF-8 byte-order mark is harmless, accept it
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return stop(line, col, f"the file is not valid UTF-8 text (byte 0x{raw[exc.start]:02x} at this position); expected the file to be saved as UTF-8")
    text = text.replace("\r\n", "\n")  # Windows line ends are line ends
    if (bad := _INVISIBLE.search(text)) is not None:
        code = ord(bad.group())
        name = _INVISIBLE_NAMES.get(code, "a control character")
        more = len(_INVISIBLE.findall(text)) - 1
        also = f", and {more} more after it in this file" if more else ""
        return stop(*_position(text, bad.start()), f"found the invisible character U+{code:04X} ({name}){also}; expected only text, spaces, tabs and line breaks — delete it")
    if not _CONTENT_LINE.search(text):
        return stop(1, 1, "the file is empty; expected a YAML mapping (for example 'id: ...')")
    if (tab := _TAB_INDENT.search(text)) is not None:
        number = text.count("\n", 0, tab.start()) + 1
        return stop(number, len(tab.group(1)) + 1, "a tab character is used for indentation; expected spaces only (YAML does not allow tabs)")
    return text, None


def load_yaml(path: Path, shown_as: Path) -> tuple[LoadedFile | None, list[Problem]]:
    """Load one file; return the document or the problems that stopped it from loading."""
    text, refused = _first_problem(path, shown_as)
    if refused is not None:
        return None, [refused]
    assert text is not None
    loaded = LoadedFile(path=shown_as, data=None)
    problems: list[Problem] = []
    try:
        try:
            data = _read(text, _FastParser or _Parser, loaded, problems)
        except yaml.YAMLError:
            loaded, problems = LoadedFile(path=shown_as, data=None), []
            data = _read(text, _Parser, loaded, problems)
    except _Stop as stop:
        return None, [*problems, stop.problem]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = (exc.problem or "invalid YAML").strip()
        context = f" ({exc.context.strip()})" if exc.context else ""
        return None, [Problem(Location(shown_as, line, col), "(file)", f"not valid YAML: {what}{context}; check indentation, colons and quotes on this line or the one before")]
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
        return None, [Problem(Location(shown_as, 1, 1), "(file)", f"not valid YAML: {first}; check the file in an editor that shows YAML mistakes")]
    if data is _NOTHING:
        return None, [Problem(Location(shown_as, 1, 1), "(file)", "the file is empty; expected a YAML mapping (for example 'id: ...')")]
    loaded.data = data
    if not isinstance(loaded.data, dict):
        kind = "a list" if isinstance(loaded.data, list) else "a single value"
        problems.append(Problem(loaded.location(()), "(file)", f"the file holds {kind}; expected a mapping of fields (key: value)"))
    return loaded, problems
