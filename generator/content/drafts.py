"""Drafts: a programme year or a winners year still being prepared (``draft: true``).

``lertrat new-year`` starts every year as a draft, full of ``TODO`` values. The published
site (``lertrat build``, ``make site``, a plain ``mkdocs build``) is made from
:func:`published`, which takes the drafts out of the catalog before anything is rendered:
no page, sidebar entry, link, search entry, calendar or open-data row can then name them.
The preview (``lertrat serve``) keeps them, and their pages say they are drafts.

A ``TODO`` is a warning inside a draft and a problem anywhere else (:func:`judge`): a year
stops being a draft only once nothing is left to fill in, so no placeholder is published.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .entries import Catalog, WinnersEntry, YearEntry
from .errors import Problem


def _folder(year: YearEntry) -> str:
    """``rubrics/2567/``: every file of a programme year is under it."""
    return year.source_file.rsplit("/", 1)[0] + "/"


def _where(entry: YearEntry | WinnersEntry) -> str:
    return _folder(entry) if isinstance(entry, YearEntry) else entry.source_file


@dataclass(frozen=True)
class Draft:
    """A draft in the catalog, and how many placeholders it still holds."""

    year: int
    winners: bool  # a winners year (rubrics/winners/<year>.yaml) rather than a programme year
    where: str  # rubrics/2567/ or rubrics/winners/2567.yaml
    todo: int

    def line(self) -> str:
        """What ``lertrat build`` says about it, in one line."""
        what = f"the winners of {self.year} are a draft" if self.winners else f"{self.year} is a draft"
        left = f"{self.todo} TODO value{'s' if self.todo != 1 else ''} left" if self.todo else f"no TODO left (set draft: false in {self.file} to publish it)"
        return f"{what[0].upper()}{what[1:]}: not published; {left}."

    @property
    def file(self) -> str:
        return self.where + "year.yaml" if not self.winners else self.where


def _is_todo(problem: Problem) -> bool:
    return problem.warning and problem.message.startswith("placeholder ")


def drafts(catalog: Catalog) -> list[Draft]:
    """The drafts of the catalog, programme years first, newest first."""
    entries: list[YearEntry | WinnersEntry] = [*catalog.years, *catalog.winners]
    found = []
    for entry in entries:
        if entry.model.draft:
            where = _where(entry)
            todo = sum(1 for p in catalog.warnings if _is_todo(p) and p.location.path.as_posix().startswith(where))
            found.append(Draft(entry.year, isinstance(entry, WinnersEntry), where, todo))
    return found


def published(catalog: Catalog) -> Catalog:
    """The catalog without its drafts, nor their warnings (``Draft.line`` sums them up) and
    editors' notes (the staff page lists those of the published site)."""
    left = [d.where for d in drafts(catalog)]
    if not left:
        return catalog
    return dataclasses.replace(
        catalog,
        years=tuple(y for y in catalog.years if not y.model.draft),
        winners=tuple(w for w in catalog.winners if not w.model.draft),
        warnings=tuple(p for p in catalog.warnings if not p.location.path.as_posix().startswith(tuple(left))),
        editor_notes=tuple(n for n in catalog.editor_notes if not n.file.startswith(tuple(left))),
    )


def judge(todos: dict[str, list[Problem]], years: tuple[YearEntry, ...], winners: list[WinnersEntry]) -> list[Problem]:
    """The placeholders found in each file (by path): warnings in a draft; problems in a
    published year, with one line at its ``draft`` saying what is left, file by file; and
    problems in a file that cannot be a draft (agencies.yaml, unpsa.yaml)."""
    entries: list[YearEntry | WinnersEntry] = [*years, *winners]
    out: list[Problem] = []
    claimed: set[str] = set()
    for entry in entries:
        where = _where(entry)
        files = {path: found for path, found in todos.items() if path == where or (where.endswith("/") and path.startswith(where))}
        claimed.update(files)
        if entry.model.draft or not files:
            out.extend(p for found in files.values() for p in found)
            continue
        for found in files.values():
            out.extend(dataclasses.replace(p, message=f"{p.message} ({where} is published: it is not a draft)", warning=False) for p in found)
        count = sum(len(found) for found in files.values())
        listed = ", ".join(f"{path.removeprefix(where) or path} {len(found)}" for path, found in sorted(files.items()))
        has_key = "draft" in (entry.loaded.data or {})
        out.append(Problem(
            entry.loaded.location(("draft",) if has_key else ("year",)), "draft",
            f"found {'draft: false' if has_key else 'no draft: true'} with {count} TODO value{'s' if count != 1 else ''} left "
            f"({listed}); expected none before {'the winners of ' if isinstance(entry, WinnersEntry) else ''}{entry.year} is published: "
            f"fill in each one listed, or set draft: true to keep it out of the site while it is prepared",
        ))
    for path, found in todos.items():
        if path in claimed:
            continue
        if path.split("/")[1:2] and path.split("/")[1].isdigit():  # a year whose year.yaml has problems of its own
            out.extend(found)
            continue
        out.extend(dataclasses.replace(p, message=f"{p.message} (a TODO may stay only in a draft: a programme year or winners year with draft: true)", warning=False) for p in found)
    return out
