"""The validated content as records: each model with the file it came from.

``catalog.load_catalog`` builds these; everything downstream (pages, downloads) reads
them and nothing else. They are frozen: once loaded, the content does not change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Problem
from .models import Agency, AwardType, Branch, Document, ProgrammeYear, UnpsaList, WinnersYear
from .yaml_loader import LoadedFile


@dataclass(frozen=True)
class TypeEntry:
    model: AwardType
    source_file: str  # e.g. "rubrics/2566/service/innovation.yaml"
    loaded: LoadedFile = field(repr=False, compare=False)


@dataclass(frozen=True)
class BranchEntry:
    model: Branch
    source_file: str
    loaded: LoadedFile = field(repr=False, compare=False)
    types: tuple[TypeEntry, ...] = ()


@dataclass(frozen=True)
class FileEntry:
    """A record that is a whole file (the finder, the readiness form)."""

    model: Any
    source_file: str
    loaded: LoadedFile = field(repr=False, compare=False)


@dataclass(frozen=True)
class YearEntry:
    model: ProgrammeYear
    source_file: str
    loaded: LoadedFile = field(repr=False, compare=False)
    branches: tuple[BranchEntry, ...] = ()
    finder: FileEntry | None = None
    form: FileEntry | None = None

    @property
    def year(self) -> int:
        return self.model.year


@dataclass(frozen=True)
class WinnersEntry:
    model: WinnersYear
    source_file: str
    loaded: LoadedFile = field(repr=False, compare=False)

    @property
    def year(self) -> int:
        return self.model.year


@dataclass(frozen=True)
class Catalog:
    """Everything under rubrics/, validated; years newest first."""

    years: tuple[YearEntry, ...]
    agencies: tuple[Agency, ...] = ()
    winners: tuple[WinnersEntry, ...] = ()  # newest first
    unpsa: UnpsaList | None = None
    warnings: tuple[Problem, ...] = ()  # placeholders left, status badges that contradict the data
    root: Path | None = None  # the project folder it was loaded from
    documents: tuple[Document, ...] = ()  # the register of official documents records cite
    editor_notes: tuple[Any, ...] = ()  # citations.EditorNote: on the staff page only, never on a record

    def document(self, document_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == document_id), None)

    def agency(self, agency_id: str) -> Agency:
        return next(a for a in self.agencies if a.id == agency_id)
