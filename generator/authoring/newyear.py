"""``lertrat new-year 2567``: start a programme year from a copy of the latest one.

Most of a year carries over (branches, types, rubrics, rules), but some of it is only
true of the year it was copied from: the calendar, the statistics and key figures, each
type's NEW / unchanged / revised badge and what changed, the assessment steps' status,
and the source documents. Those are reset to ``TODO`` (see ``placeholders.py``) so that
the copy is valid at once, and ``lertrat check`` warns about each one until it is set. The
new year is a draft (``draft: true``, see ``content/drafts.py``): it is left out of the
published site until every placeholder is filled in.

The files are edited as text at the positions PyYAML reports, so comments, folded
paragraphs and the order of keys stay as the editors wrote them. The new year is
written to a scratch copy and validated there first; only then is it put in place.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..content.catalog import load_catalog
from ..content.entries import Catalog
from ..content.errors import ContentError
from ..content.models import BE_YEAR_MAX, BE_YEAR_MIN, TODO


class NewYearError(Exception):
    """A plain-language reason why the new year was not created (nothing was written)."""


@dataclass
class Counts:
    milestones: int = 0
    figures: dict[str, int] = field(default_factory=dict)
    statistics_year: int | None = None
    types: int = 0
    steps: int = 0
    sources: int = 0
    others: list[str] = field(default_factory=list)


class _Edits:
    """Text edits at node positions, applied from the end so earlier positions stay valid."""

    def __init__(self, text: str):
        self.text = text
        self.root = yaml.compose(text, Loader=yaml.SafeLoader)
        self.edits: list[tuple[int, int, str]] = []

    @staticmethod
    def get(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            return None
        return next(((k, v) for k, v in node.value if k.value == key), None)

    def items(self, node: yaml.Node | None, key: str) -> list[yaml.Node]:
        pair = self.get(node, key)
        return pair[1].value if pair and isinstance(pair[1], yaml.SequenceNode) else []

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _after_line(self, index: int) -> int:
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end + 1

    def replace(self, node: yaml.Node, new: str) -> None:
        start = node.start_mark.index
        end = start + len(self.text[start:node.end_mark.index].rstrip())  # a block scalar's span ends on the next line
        self.edits.append((start, end, new))

    def set(self, mapping: yaml.Node, key: str, new: str) -> bool:
        pair = self.get(mapping, key)
        if pair is None:
            return False
        self.replace(pair[1], new)
        return True

    def remove(self, mapping: yaml.Node, key: str, empty: str = "null") -> None:
        """Delete ``key: value`` lines from a block mapping (or empty the value in a flow one)."""
        pair = self.get(mapping, key)
        if pair is None:
            return
        key_node, value = pair
        start = self._line_start(key_node.start_mark.index)
        if mapping.flow_style or self.text[start:key_node.start_mark.index].strip():
            self.replace(value, empty)  # in {...} or right after "- ": keep the key, drop the value
            return
        end = value.end_mark.index
        if isinstance(value, yaml.ScalarNode) and value.style not in ("|", ">"):
            end = self._after_line(end)
        elif not self.text[self._line_start(end):end].strip():
            end = self._line_start(end)
        self.edits.append((start, end, ""))

    def line_after(self, node: yaml.Node, line: str) -> None:
        """A new line after the one where ``node`` ends."""
        at = self._after_line(node.end_mark.index)
        self.edits.append((at, at, line + "\n"))

    def append(self, sequence: yaml.Node, item: str) -> None:
        last = sequence.value[-1]
        end = last.end_mark.index
        if self.text[self._line_start(end):end].strip():
            end = self._after_line(end)
        else:
            end = self._line_start(end)
        prefix = "" if end == 0 or self.text[end - 1] == "\n" else "\n"
        self.edits.append((end, end, f"{prefix}{' ' * sequence.start_mark.column}- {item}\n"))

    def result(self) -> str:
        text = self.text
        for start, end, new in sorted(self.edits, key=lambda e: (e[0], e[1]), reverse=True):
            text = text[:start] + new + text[end:]
        return text


def _source(edits: _Edits, node: yaml.Node, counts: Counts) -> None:
    pair = edits.get(node, "source")
    if pair is not None:
        edits.set(pair[1], "document", TODO)
        edits.set(pair[1], "section", TODO)
        counts.sources += 1


def _figures(edits: _Edits, node: yaml.Node, counts: Counts, where: str) -> None:
    figures = edits.items(node, "figures")
    for figure in figures:
        edits.set(figure, "value", TODO)
    if figures:
        counts.figures[where] = len(figures)
        counts.figures = dict(sorted(counts.figures.items(), key=lambda item: item[0] != "year.yaml"))


def _year_file(text: str, old: int, new: int, counts: Counts) -> str:
    edits = _Edits(text)
    root = edits.root
    edits.set(root, "year", str(new))
    if not edits.set(root, "draft", "true"):  # the new year stays out of the published site until it is ready
        edits.line_after(edits.get(root, "year")[1], "draft: true")
    name = edits.get(root, "name")
    if name is not None:
        for _, node in name[1].value if isinstance(name[1], yaml.MappingNode) else []:
            span = text[node.start_mark.index:node.end_mark.index].rstrip()
            edits.replace(node, span.replace(str(old), str(new)).replace(str(old - 543), str(new - 543)))
    for milestone in edits.items(root, "milestones"):
        edits.set(milestone, "date", TODO)
        edits.remove(milestone, "end")
        edits.remove(milestone, "part")
        edits.set(milestone, "reference", TODO)
        _source(edits, milestone, counts)
        counts.milestones += 1
    _figures(edits, root, counts, "year.yaml")
    rows = edits.items(root, "statistics")
    wanted = new - 1
    years = [edits.get(r, "year")[1].value for r in rows if edits.get(r, "year")]
    if rows and str(wanted) not in years:
        edits.append(edits.get(root, "statistics")[1], f"{{year: {wanted}, applications: {TODO}, awards: {TODO}}}")
        counts.statistics_year = wanted
    _source(edits, root, counts)
    return edits.result()


def _branch_file(text: str, branch: str, counts: Counts) -> str:
    edits = _Edits(text)
    _figures(edits, edits.root, counts, f"{branch}/branch.yaml")
    _source(edits, edits.root, counts)
    return edits.result()


def _other_file(text: str, counts: Counts) -> str:
    edits = _Edits(text)
    _source(edits, edits.root, counts)
    return edits.result()


def _type_file(text: str, counts: Counts) -> str:
    edits = _Edits(text)
    root = edits.root
    if edits.set(root, "status", TODO):
        counts.types += 1
    edits.remove(root, "previous_id")
    edits.remove(root, "changes", "[]")
    for step in edits.items(root, "assessment_steps"):
        if edits.set(step, "status", TODO):
            counts.steps += 1
        edits.remove(step, "before")
    for group in edits.items(root, "indicator_groups"):
        edits.remove(group, "before_name")
        edits.remove(group, "before_indicators", "[]")
    _source(edits, root, counts)
    return edits.result()


def _target_year(text: str, latest: int) -> int:
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise NewYearError(f"'{text}' is not a programme year; expected a Buddhist Era year of 4 digits, e.g. {latest + 1}")
    year = int(text)
    if not BE_YEAR_MIN <= year <= BE_YEAR_MAX:
        hint = f" ({year} CE is {year + 543} BE)" if 1997 <= year <= 2157 else ""
        raise NewYearError(f"{year} is not a Buddhist Era year between {BE_YEAR_MIN} and {BE_YEAR_MAX}{hint}; programme years are named in BE")
    if year <= latest:
        raise NewYearError(f"{year} is not after the latest programme year, {latest}; expected a later year, e.g. {latest + 1}")
    return year


@dataclass
class Created:
    folder: str
    source: str
    catalog: Catalog
    counts: Counts
    year_mentions: int


def new_year(root: Path, year_text: str) -> Created:
    """Copy the latest programme year to ``rubrics/<year>/`` with TODO where it must be reviewed."""
    rubrics = root / "rubrics"
    years = sorted(int(p.name) for p in rubrics.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}", p.name)) if rubrics.is_dir() else []
    if not years:
        raise NewYearError("there is no programme year under rubrics/ to copy; expected a folder such as rubrics/2566/")
    latest = years[-1]
    if (rubrics / year_text.strip()).exists():
        raise NewYearError(f"rubrics/{year_text.strip()}/ already exists; nothing was written (remove it first to start again)")
    year = _target_year(year_text, latest)
    target = rubrics / str(year)
    try:
        load_catalog(root)
    except ContentError as error:
        raise NewYearError("the content has problems; fix them before starting a new year:\n" + error.report()) from None
    source = rubrics / str(latest)
    counts = Counts()
    files: dict[Path, str] = {}
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(source)
        if path.suffix != ".yaml":
            files[rel] = path.read_text(encoding="utf-8")
            continue
        text = path.read_text(encoding="utf-8")
        if rel.as_posix() == "year.yaml":
            files[rel] = _year_file(text, latest, year, counts)
        elif len(rel.parts) == 1:  # another file of the year (e.g. the award-type finder)
            files[rel] = _other_file(text, counts)
            counts.others.append(rel.as_posix())
        elif rel.name == "branch.yaml":
            files[rel] = _branch_file(text, rel.parent.as_posix(), counts)
        else:
            files[rel] = _type_file(text, counts)
    mentions = sum(len(re.findall(rf"\b(?:{latest}|{latest - 543})\b", text)) for rel, text in files.items())
    with tempfile.TemporaryDirectory(prefix=".new-year-", dir=root) as scratch:
        check_root = Path(scratch)
        shutil.copytree(rubrics, check_root / "rubrics")
        staged = check_root / "rubrics" / str(year)
        for rel, text in files.items():
            (staged / rel).parent.mkdir(parents=True, exist_ok=True)
            (staged / rel).write_text(text, encoding="utf-8")
        catalog = load_catalog(check_root)  # a failure here is a bug in new-year, not the editor's
        os.replace(staged, target)
    return Created(f"rubrics/{year}/", f"rubrics/{latest}/", catalog, counts, mentions)


def checklist(created: Created) -> str:
    """What the editor still has to do, in order."""
    c = created.counts
    year = int(created.folder.strip("/").split("/")[-1])
    old = year - 1 if created.source.endswith(f"{year - 1}/") else int(created.source.strip("/").split("/")[-1])
    branches = sum(len(y.branches) for y in created.catalog.years if y.year == year)
    todo = sum(1 for w in created.catalog.warnings if "placeholder" in w.message and w.location.path.as_posix().startswith(created.folder))
    f = created.folder
    lines = [
        f"Created {f} from {created.source}: the programme year, {branches} branches and {c.types} award types.",
        f"{todo} values are set to TODO; `lertrat check` lists each one still left as a warning. To do:",
        f"  [ ] {f}year.yaml: the name, summary and structure of the new year",
    ]
    if c.milestones:
        lines.append(f"  [ ] {f}year.yaml: the calendar — {c.milestones} milestone dates (TODO) and their sources; remove the steps that no longer happen")
    if c.statistics_year:
        lines.append(f"  [ ] {f}year.yaml: the statistics of {c.statistics_year} — applications and awards (TODO)")
    for where, n in c.figures.items():
        lines.append(f"  [ ] {f}{where}: {n} key figures (TODO values); update their labels and years, or remove them")
    lines.append(f"  [ ] every award type's status ({c.types} × TODO): new, unchanged or revised as the new source marks it, and what changed under `changes:`")
    if c.steps:
        lines.append(f"  [ ] assessment steps ({c.steps} × TODO status): as the new source marks them, with `before:` where a step changed")
    for other in c.others:
        lines.append(f"  [ ] {f}{other}: check it against the new year's award types and conditions")
    lines += [
        "  [ ] rubrics, points, conditions, score rules and bands: compare each with the new source",
        f"  [ ] sources ({c.sources} × TODO): the document and section each file now comes from",
        f"  [ ] {created.year_mentions} places in {f} name {old} or {old - 543}; check each still means that year",
        "  [ ] notes: those about the old source's reading may no longer apply",
        "Then run `lertrat check`, and `lertrat serve` to preview; the what-changed page compares the two years.",
        f"The year is a draft (`draft: true` in {f}year.yaml): `lertrat build` leaves it out of the site, `lertrat serve` shows it marked as a draft.",
        f"Once `lertrat check` shows no TODO left in {f}, set `draft: false` there to publish it.",
    ]
    return "\n".join(lines)
