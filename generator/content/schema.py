"""JSON Schemas of the YAML formats, for editors (yaml-language-server) and for reference.

Our loader reads every value as text and the models convert it; the schemas describe
the values as an editor sees them (numbers as numbers), which is what people type.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .models import KINDS

FILES = {
    "year": "year.schema.json",
    "branch": "branch.schema.json",
    "type": "award-type.schema.json",
    "agencies": "agencies.schema.json",
    "winners": "winners.schema.json",
    "unpsa": "unpsa.schema.json",
    "documents": "documents.schema.json",
    "finder": "finder.schema.json",
    "readiness-form": "readiness-form.schema.json",
}


def schemas() -> dict[str, dict[str, Any]]:
    result = {}
    for kind, model in KINDS.items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = FILES[kind]
        result[FILES[kind]] = schema
    return result


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        text = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
