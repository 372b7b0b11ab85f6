"""Stage 3: the site. The thin MkDocs hook (``mkdocs_hook``) and what runs MkDocs
(``mkdocs_run``); steps that work on a built site folder: the Thai-aware search index
(``search``), the downloads (``downloads``), page fixes (``langmark``, ``pagefix``).

A move to another site engine touches only this folder.
"""
