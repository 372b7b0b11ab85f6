"""Read YAML the way an editor sees it: every value a string, every node with its position.

PyYAML's own loaders guess types (YAML 1.1 turns ``2566-11-15`` into a date and ``no``
into ``False``) and silently keep the last of two equal keys. Both hide mistakes from the
people editing the content, so we compose the node tree ourselves and convert it to
plain dicts, lists and strings, remembering where each node came from. The pydantic
models decide later what a string means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Location, Problem

Path_ = tuple[str | int, ...]

_CONTENT_LINE = re.compile(r"^\s*[^\s#]", re.MULTILINE)  # a line that is neither blank nor a comment
_TAB_INDENT = re.compile(r"^( *)\t", re.MULTILINE)  # a tab in a line's indentation


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


class _Composer(yaml.SafeLoader):
    """A loader used only for composing nodes; no constructors run."""


# libyaml (PyYAML's C extension) composes the same nodes with the same positions about five
# times faster, which matters once the archive holds twenty years. A file it cannot read is
# read again by the pure-Python composer, so mistakes are reported in the same words either way.
_FastComposer = getattr(yaml, "CBaseLoader", None)  # no tag guessing: values stay text


def _compose(text: str, composer: type) -> yaml.Node | None:
    loader = composer(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _convert(node: yaml.Node, here: Path_, out: LoadedFile, problems: list[Problem]) -> Any:
    out.value_marks[here] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        # A plain empty scalar (``key:`` with nothing after it) or ``~``/``null`` is "no value".
        if node.style in (None, "") and node.value in ("", "~", "null", "Null", "NULL"):  # plain style: None in PyYAML, "" in libyaml
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, here + (i,), out, problems) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                loc = Location(out.path, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                problems.append(Problem(loc, _dotted(here), "a key must be a plain word; found a list or mapping used as a key"))
                continue
            key = key_node.value
            if key == "<<":
                loc = Location(out.path, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                problems.append(Problem(loc, _dotted(here), "merge keys ('<<') are not supported; write the fields out in full"))
                continue
            key_loc = here + (key,)
            if key in result:
                first = out.key_marks[key_loc]
                loc = Location(out.path, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                problems.append(
                    Problem(loc, _dotted(key_loc), f"duplicate key '{key}' (first given on line {first[0]}); expected each key once — remove one of them")
                )
                continue
            out.key_marks[key_loc] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _convert(value_node, key_loc, out, problems)
        return result
    raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover - PyYAML has no other kinds


def _dotted(loc: Path_) -> str:
    """``('rubric', 'dimensions', 0, 'points')`` → ``rubric.dimensions[0].points``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + part
    return text or "(file)"


def load_yaml(path: Path, shown_as: Path) -> tuple[LoadedFile | None, list[Problem]]:
    """Load one file; return the document or the problems that stopped it from loading."""
    problems: list[Problem] = []
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")  # a UTF-8 byte-order mark is harmless, accept it
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(Location(shown_as, line, col), "(file)", f"the file is not valid UTF-8 text (byte 0x{raw[exc.start]:02x} at this position); expected the file to be saved as UTF-8")]
    if not _CONTENT_LINE.search(text):
        return None, [Problem(Location(shown_as, 1, 1), "(file)", "the file is empty; expected a YAML mapping (for example 'id: ...')")]
    if (tab := _TAB_INDENT.search(text)) is not None:
        number = text.count("\n", 0, tab.start()) + 1
        return None, [Problem(Location(shown_as, number, len(tab.group(1)) + 1), "(file)", "a tab character is used for indentation; expected spaces only (YAML does not allow tabs)")]
    try:
        try:
            node = _compose(text, _FastComposer or _Composer)
        except yaml.YAMLError:
            node = _compose(text, _Composer)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = (exc.problem or "invalid YAML").strip()
        context = f" ({exc.context.strip()})" if exc.context else ""
        return None, [Problem(Location(shown_as, line, col), "(file)", f"not valid YAML: {what}{context}; check indentation, colons and quotes on this line or the one before")]
    except yaml.YAMLError as exc:
        return None, [Problem(Location(shown_as, 1, 1), "(file)", f"not valid YAML: {exc}")]
    if node is None:
        return None, [Problem(Location(shown_as, 1, 1), "(file)", "the file is empty; expected a YAML mapping (for example 'id: ...')")]
    loaded = LoadedFile(path=shown_as, data=None)
    loaded.data = _convert(node, (), loaded, problems)
    if not isinstance(loaded.data, dict):
        kind = "a list" if isinstance(loaded.data, list) else "a single value"
        problems.append(Problem(loaded.location(()), "(file)", f"the file holds {kind}; expected a mapping of fields (key: value)"))
    return loaded, problems
