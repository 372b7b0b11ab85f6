"""Stage 1: the content. YAML read with positions (``yaml_loader``), one pydantic model per
kind of record (``models``), rules across records and files (``validate``), all of it
gathered into one immutable catalog (``catalog``, ``entries``), and what is derived from the
data alone: the comparison of programme years (``compare``), the winners archive
(``archive``), milestone spans and calendars (``timeline``), the JSON Schemas (``schema``).

Nothing here imports ``pages`` or ``site``.
"""
