"""Thai-aware search: rewrite Material's search index after the build, one index per language.

Why: Thai is written without spaces between words, and Material's search (lunr.js) splits
text only on its ``separator``. A Thai sentence is then one long "word" and a word inside it
is never found. Material's own Thai support (``lang: th``) downloads a 677 kB word-cut
script but still tokenizes with the separator, so it does not help (see DESIGN.md §5).

What this module does to each entry of the index, at build time:

* Thai text in titles and body is segmented into words with pythainlp's ``newmm`` and the
  words are joined with U+200B (zero width space, invisible); the index ``separator``
  splits on it. Whole words then match, and Material highlights them in the results.
* Two hidden fields (``title_runs``, ``text_runs``) hold short runs of the same text:
  from every word start, the next few words written together, and from every syllable
  inside a word, the rest of that word and the words after it. Every query term gets a
  trailing wildcard in Material, so a run matches any query that begins it: compounds
  typed without spaces (การบริหารราชการแบบมีส่วนร่วม) and parts of words (พอใจ in
  ความพึงพอใจ) are found. Material shows only title and text, so runs stay invisible.
* A boundary (U+200B) is put where Thai letters touch Latin letters or digits
  ("คะแนนเต็ม100", "พ.ศ.2566"), so numbers are words of their own.

mkdocs-static-i18n merges every language into one index at ``search/search_index.json``.
It is split here: the default language keeps that file, every other language gets
``<locale>/search/search_index.json`` (its pages' locations start with ``<locale>/``), and
pages of that language load it (``overrides/main.html``), so readers see results in the
language they read. Everything here is a pure function on the index's JSON data except
:func:`rewrite_site_index`, which reads and writes the files.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

ZWSP = "\u200b"
SEPARATOR = r'[\s\u200b\-,;:!?/()\[\]{}"“”‘’]+'
"""Material's default for English (whitespace, hyphen) plus U+200B, the word joint, and
brackets, quotes and list punctuation: every query term is a prefix search, so a word
written "(UNPSA)" or "นวัตกรรม" in quotes must not keep its opening mark. Periods are kept
(ก.พ.ร., 4.0)."""

MAX_RUN_CHARS = 48
"""Longest run in characters: long enough for an agency name typed as one word
(สำนักงานคณะกรรมการพัฒนาระบบราชการ has 33), short enough to keep the index small."""

MAX_RUN_WORDS = 8
"""Longest run in words."""

RUN_FIELDS = {"title": "title_runs", "text": "text_runs"}
"""Each visible field and the hidden field holding its runs (searched with the same boost)."""

INDEX = Path("search") / "search_index.json"

# Thai letters, vowels and tone marks (not Thai digits, which behave like other digits).
_THAI = "\u0e01-\u0e3a\u0e40-\u0e4e"
_THAI_RUN = re.compile(f"[{_THAI}]+")
_TAG = re.compile(r"(<[^>]*>)")
_SPLIT = re.compile(SEPARATOR)
# Where Thai letters touch Latin letters or digits, or "พ.ศ." touches its year.
_SCRIPT_EDGE = re.compile(f"(?<=[{_THAI}])(?=[0-9A-Za-z\u0e50-\u0e59])|(?<=[0-9A-Za-z\u0e50-\u0e59])(?=[{_THAI}])|(?<=[{_THAI}]\\.)(?=[0-9])")


@lru_cache(maxsize=1)
def _tokenizers():
    """pythainlp, imported on first use: importing it costs time and most builds of a page
    without Thai never need it. Its dictionaries ship inside the wheel; read-only mode keeps
    it from creating a data folder in the home directory or fetching anything."""
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    from pythainlp.tokenize import subword_tokenize, word_tokenize

    return (
        lambda text: word_tokenize(text, engine="newmm", keep_whitespace=False),
        lambda text: subword_tokenize(text, engine="dict"),
    )


@lru_cache(maxsize=65536)
def segment_thai(chunk: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(words, runs) of a stretch of Thai letters; cached because pages repeat themselves."""
    words_of, syllables_of = _tokenizers()
    words = tuple(w for w in words_of(chunk) if w)
    if not words:
        return (), ()
    starts = [0]
    for word in words:
        starts.append(starts[-1] + len(word))
    ends = set(starts)
    inner: list[int] = []  # syllable starts inside a word
    at = 0
    for syllable in syllables_of(chunk):
        if at not in ends and 0 < at < len(chunk):
            inner.append(at)
        at += len(syllable)
    runs: list[str] = []
    for i, start in enumerate(starts[:-1]):
        last = i + 1
        while last < len(words) and last - i < MAX_RUN_WORDS and starts[last + 1] - start <= MAX_RUN_CHARS:
            last += 1
        if last - i > 1:
            runs.append(chunk[start:starts[last]])
    for start in inner:
        end = next(e for e in starts if e > start)
        if end - start > MAX_RUN_CHARS:
            runs.append(chunk[start:start + MAX_RUN_CHARS])
            continue
        for e in starts:
            if start < e <= start + MAX_RUN_CHARS:
                end = e
        runs.append(chunk[start:end])
    return words, tuple(runs)


def segment_text(text: str) -> tuple[str, list[str]]:
    """Text (HTML allowed: tags are kept as they are) with Thai words joined by U+200B,
    and the runs found in it, in order of appearance, without repeats."""
    out: list[str] = []
    runs: dict[str, None] = {}
    for part in _TAG.split(text):
        if not part or part.startswith("<"):
            out.append(part)
            continue

        def words(match: re.Match[str]) -> str:
            found, more = segment_thai(match.group(0))
            runs.update(dict.fromkeys(more))
            return ZWSP.join(found) if found else match.group(0)

        out.append(_THAI_RUN.sub(words, _SCRIPT_EDGE.sub(ZWSP, part)))
    return "".join(out), list(runs)


def needed_runs(runs: Iterable[str], text: str) -> list[str]:
    """The runs that can match a query nothing else in the field matches.

    Every query term is a prefix search, so a run that begins another run or a word of
    the text adds nothing (เลิศรัฐ beside เลิศรัฐประจำปี); dropping it keeps the index small.
    """
    words = {w.lower() for w in _SPLIT.split(_TAG.sub(" ", text)) if w}
    runs = list(dict.fromkeys(r for r in runs if r.lower() not in words))
    ordered = sorted({r.lower() for r in runs} | words)
    covered = {a for a, b in zip(ordered, ordered[1:], strict=False) if b.startswith(a)}
    return [r for r in runs if r.lower() not in covered]


def segment_doc(doc: dict) -> dict:
    """One index entry with its Thai segmented and its runs added (a new dict)."""
    new = dict(doc)
    for field, hidden in RUN_FIELDS.items():
        value = doc.get(field)
        if not isinstance(value, str):
            continue
        new[field], runs = segment_text(value)
        runs = needed_runs(runs, new[field])
        if runs:
            new[hidden] = " ".join(runs)
    return new


def index_config(config: dict) -> dict:
    """The index settings: the separator that splits on U+200B, and the hidden fields with
    the boost of the field they shadow. ``lang`` stays as configured (``en``): lunr's
    Thai language support would only add the unused word-cut download."""
    fields = dict(config.get("fields") or {})
    for field, hidden in RUN_FIELDS.items():
        fields[hidden] = {"boost": float((fields.get(field) or {}).get("boost", 1.0))}
    return {**config, "separator": SEPARATOR, "fields": fields}


def language_of(location: str, others: Iterable[str]) -> str | None:
    """The locale whose folder a page location is in, or None for the default language."""
    return next((locale for locale in others if location == locale or location.startswith(f"{locale}/")), None)


def split_index(index: dict, default: str, others: Iterable[str]) -> dict[str, dict]:
    """The merged index as one segmented index per language, keyed by locale."""
    others = [o for o in others if o != default]
    config = index_config(index.get("config") or {})
    result = {locale: {"config": config, "docs": []} for locale in [default, *others]}
    for doc in index.get("docs") or []:
        result[language_of(doc.get("location", ""), others) or default]["docs"].append(segment_doc(doc))
    return result


def index_path(site_dir: Path, locale: str, default: str) -> Path:
    """Where a language's index is written: Material's place for the default language,
    the same place under the language's folder for the others."""
    return site_dir / INDEX if locale == default else site_dir / locale / INDEX


def dumps(index: dict) -> str:
    """Compact JSON with Thai written as UTF-8 (a third of the size of ``\\uXXXX`` escapes)."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def rewrite_site_index(site_dir: Path, default: str, others: Iterable[str]) -> dict[str, Path]:
    """Replace the merged index in a built site by one segmented index per language."""
    merged = site_dir / INDEX
    if not merged.is_file():
        return {}
    index = json.loads(merged.read_text(encoding="utf-8"))
    if set(RUN_FIELDS.values()) <= set((index.get("config") or {}).get("fields") or {}):
        return {}  # rewritten already: segmenting it again would lose the runs
    written: dict[str, Path] = {}
    for locale, part in split_index(index, default, others).items():
        path = index_path(site_dir, locale, default)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(part), encoding="utf-8")
        written[locale] = path
    return written


def unsegment(indexes: Iterable[dict]) -> Iterator[dict]:
    """The entries as they were before :func:`segment_doc` (for ``make bench``)."""
    for index in indexes:
        for doc in index["docs"]:
            plain = {k: v for k, v in doc.items() if k not in RUN_FIELDS.values()}
            for field in RUN_FIELDS:
                if isinstance(plain.get(field), str):
                    plain[field] = plain[field].replace(ZWSP, "")
            yield plain
