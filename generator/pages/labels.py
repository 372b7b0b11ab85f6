"""The words of the site itself ("Conditions", "Points"…), in ``labels.yaml`` beside this file.

Numbers and rules never live here: they come from rubrics/.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LANGS = ("th", "en")
DEFAULT_LANG = "th"  # at the site root; the others under /<lang>/


@cache
def labels() -> dict[str, dict[str, str]]:
    with open(Path(__file__).parent / "labels.yaml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when present: the pure-Python reader is slow
