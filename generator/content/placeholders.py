"""Placeholders: values written as ``TODO`` that an editor still has to fill in.

``lertrat new-year`` copies the latest programme year and puts ``TODO`` where the new
year must differ (dates, statistics, figures, status badges, sources). The content is
still valid, so the site can be previewed, but every placeholder left is reported as a
warning at its line, so that none is published by oversight.
"""

from __future__ import annotations

from typing import Any

from .errors import Problem
from .models import TODO
from .yaml_loader import LoadedFile, Path_, _dotted

# What to put in place of a placeholder, by the name of its field.
HINTS = {
    "date": "the date, YYYY-MM-DD or YYYY-MM (Common Era)",
    "status": "new, unchanged or revised, as the new source marks this type relative to the year before",
    "value": "the figure's value as the new source gives it (or remove the figure)",
    "applications": "the number of applications that year, as a whole number",
    "awards": "the number of awards that year, as a whole number",
    "document": "the id of the new source document in rubrics/documents.yaml",
    "section": "the heading or slide of the new source document",
    "reference": "the letter's reference number, as written",
}


def is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and (value == TODO or value.startswith(TODO + ":"))


def _walk(data: Any, here: Path_):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, here + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _walk(value, here + (index,))
    elif is_placeholder(data):
        yield here, data


def find(loaded: LoadedFile) -> list[Problem]:
    """One warning per placeholder in the file, at its position."""
    found = []
    for loc, value in _walk(loaded.data, ()):
        field = next((part for part in reversed(loc) if isinstance(part, str)), "")
        if field in ("th", "en"):
            hint = "the text in " + ("Thai" if field == "th" else "English")
        else:
            hint = HINTS.get(field, "the value")
        found.append(Problem(loaded.location(loc), _dotted(loc), f"placeholder {value!r} still to be filled in: expected {hint}", warning=True))
    return found
