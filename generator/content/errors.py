"""Problems in the content, reported the way a person can act on them.

A *user error* (bad YAML, a rule broken) is reported as ``path:line:col: field: message``
and ends the command with exit status 1 and no traceback. Anything else is our bug and
keeps its traceback so it can be reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    path: Path
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path.as_posix()}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the content: where, which field, and what was expected."""

    location: Location
    field: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        prefix = "warning: " if self.warning else ""
        return f"{self.location}: {self.field}: {prefix}{self.message}"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.path.as_posix(), self.location.line, self.location.col, self.message)


class ContentError(Exception):
    """The content has problems; carries all of them (and any warnings) so they are reported together."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(f"{len(self.problems)} problem(s) in the content")

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        count = sum(1 for p in self.problems if not p.warning)
        warnings = len(self.problems) - count
        also = f" (and {warnings} warning{'s' if warnings != 1 else ''})" if warnings else ""
        lines.append(f"{count} problem{'s' if count != 1 else ''} found{also}; nothing was written.")
        return "\n".join(lines)


def warnings_report(warnings: list[Problem] | tuple[Problem, ...]) -> str:
    """Warnings do not stop anything; they are listed in the same form as problems, then counted."""
    lines = [str(p) for p in sorted(warnings, key=Problem.sort_key)]
    lines.append(f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}: the content is valid, but these need attention.")
    return "\n".join(lines)
