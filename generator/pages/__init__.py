"""Stage 2: the pages. The catalog rendered into Markdown, one file per page per language,
with one Jinja2 environment (``render``) and its templates (``templates/``); page families
(``archive`` for timelines, winners, agencies, open data; ``assess`` and ``assess_page``
for the self-assessment; ``chart``); addresses (``paths``, ``files``); the words of the
site (``labels``, ``labels.yaml``); write-if-changed into the docs dir (``writer``).

Imports ``content``, never ``site``.
"""
