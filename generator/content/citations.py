"""Citations and notes, across every kind of record.

Records cite a document of the register (``rubrics/documents.yaml``) by id; a wrong id is
reported at its YAML position. Notes are of two kinds: readers' notes stay on the record and
are shown on its page; editors' notes (OCR repairs, transcription and translation decisions)
are taken out of the records here, so no page, printout or search index can show them, and
are kept with their file and line for the staff page that lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .errors import Problem
from .models import TODO, Document, Note, Source
from .yaml_loader import LoadedFile, _dotted


@dataclass(frozen=True)
class EditorNote:
    """An editor's note with where it is written."""

    file: str  # e.g. "rubrics/2566/service/facilitation.yaml"
    line: int
    field: str  # dotted field path of the record it sits on, e.g. "rubric.dimensions.0"
    note: Note


class Sifter:
    """Checks citations and takes editors' notes out of records, one file at a time."""

    def __init__(self, documents: dict[str, Document] | None, problems: list[Problem]):
        self.documents = documents  # None: the register does not exist (nothing to check against)
        self.problems = problems
        self.editor_notes: list[EditorNote] = []

    def sift(self, model: Any, loaded: LoadedFile, shown_as: str) -> Any:
        """``model`` without its editors' notes (at any depth), citations checked."""
        return self._walk(model, (), loaded, shown_as)

    def _walk(self, value: Any, path: tuple, loaded: LoadedFile, shown_as: str) -> Any:
        if isinstance(value, Source):
            self._cite(value, path, loaded)
            return value
        if isinstance(value, BaseModel):
            updates = {}
            for name in type(value).model_fields:
                old = getattr(value, name)
                new = self._walk(old, path + (name,), loaded, shown_as)
                if name == "notes" and isinstance(new, list):
                    new = self._keep_readers(new, path + (name,), loaded, shown_as)
                if new is not old:
                    updates[name] = new
            return value.model_copy(update=updates) if updates else value
        if isinstance(value, list):
            items = [self._walk(item, path + (i,), loaded, shown_as) for i, item in enumerate(value)]
            return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
        return value

    def _keep_readers(self, notes: list, path: tuple, loaded: LoadedFile, shown_as: str) -> list:
        kept = []
        for index, note in enumerate(notes):
            if isinstance(note, Note) and note.kind == "editor":
                line = loaded.location(path + (index,)).line
                self.editor_notes.append(EditorNote(shown_as, line, _dotted(path[:-1]), note))
            else:
                kept.append(note)
        return kept if len(kept) != len(notes) else notes

    def _cite(self, source: Source, path: tuple, loaded: LoadedFile) -> None:
        if self.documents is None or source.document == TODO or source.document in self.documents:
            return
        loc = path + ("document",)
        known = ", ".join(sorted(self.documents)) or "(none)"
        what = "the file name" if "." in source.document else "the document id"
        self.problems.append(Problem(loaded.location(loc), _dotted(loc), f"found {what} '{source.document}', which is not in rubrics/documents.yaml; expected the id of a document listed there: {known}"))
