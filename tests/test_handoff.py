"""`lertrat build` hands its catalog to the MkDocs hook only for the very inputs it was made from."""

from __future__ import annotations

import os

from generator.catalog import load_catalog
from generator.handoff import ENV, handed_over, receive


def test_the_hook_receives_the_catalog_only_while_the_inputs_are_unchanged(project, monkeypatch):
    catalog = load_catalog(project)
    assert receive(project) is None  # nothing handed over: the hook generates as usual
    with handed_over(project, catalog) as env:
        monkeypatch.setenv(ENV, env[ENV])
        assert receive(project) == catalog
        source = project / "rubrics/2566/year.yaml"
        stat = source.stat()
        os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
        assert receive(project) is None  # an edit after the hand-over: regenerate
    assert not os.path.exists(env[ENV])  # the temporary file is gone after the build
