"""The ``lertrat`` command: check, build, serve, schema, search-index, new-year, clean.

A mistake in the content is a user error: it is printed as ``path:line:col: field: message``
lines and the command exits with status 1, without a traceback; so is a command run where
there is no project (the line names the folder looked in and how to name another). Anything
else that goes wrong is a bug in lertrat and keeps its traceback. ``lertrat`` alone lists the
commands; each command's ``--help`` is a paragraph and an example (``COMMANDS``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from . import DOCS_DIR, generate, load_catalog, project_root
from .content.drafts import drafts
from .content.errors import ContentError, warnings_report
from .content.schema import write_schemas
from .content.timeline import catalog_build_date
from .pages.writer import HandWrittenFileError, clean
from .site import mkdocs_run


def _check(root: Path) -> int:
    catalog = load_catalog(root)
    types = sum(len(b.types) for y in catalog.years for b in y.branches)
    branches = sum(len(y.branches) for y in catalog.years)
    winners = sum(len(w.model.winners) for w in catalog.winners)
    unpsa = len(catalog.unpsa.awards) if catalog.unpsa else 0
    if catalog.warnings:
        print(warnings_report(catalog.warnings), file=sys.stderr)
    print(
        f"rubrics/ is valid: {len(catalog.years)} programme year(s), {branches} branch(es), {types} award type(s), "
        f"{len(catalog.agencies)} agencies, {winners} winner(s), {unpsa} UNPSA award(s)."
    )
    for draft in drafts(catalog):
        print(draft.line())
    return 0


def _commit_time(root: Path) -> str | None:
    """The last commit's time, for SOURCE_DATE_EPOCH: MkDocs stamps it into the build (the
    gzip header of sitemap.xml.gz), so two builds of the same commit are byte-identical.
    The timeline's "today" comes from the same commit (generator/content/timeline.py), and
    only from the project's own history: a copy inside another repository is not its commit."""
    if not (root / ".git").exists():
        return None
    try:
        done = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=30)
    except OSError:
        return None
    stamp = done.stdout.strip()
    return stamp if done.returncode == 0 and stamp.isdigit() else None


def _build(root: Path, site_dir: Path) -> int:
    """Build into a fresh folder beside site/ and swap it in only when the build succeeded."""
    catalog, _, left_out = generate(root)
    if catalog.warnings:
        print(warnings_report(catalog.warnings), file=sys.stderr)
    for draft in left_out:
        print(draft.line())
    stamp = _commit_time(root)
    if stamp is not None:
        os.environ.setdefault("SOURCE_DATE_EPOCH", stamp)
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
    try:
        prepared = mkdocs_run.Prepared(root, catalog, catalog_build_date(root, catalog))
        code = mkdocs_run.build(root, staging, prepared)  # the hook reuses this catalog instead of generating again
        if code != 0:
            print(f"The site was not built (mkdocs exited with {code}); {site_dir.name}/ is unchanged.", file=sys.stderr)
            return 1
        old = None
        if site_dir.exists():
            old = site_dir.with_name(f".site-old-{os.getpid()}")
            site_dir.rename(old)
        staging.rename(site_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        pages = sum(1 for _ in site_dir.rglob("index.html"))
        print(f"Built {pages} pages into {site_dir.relative_to(root) if site_dir.is_relative_to(root) else site_dir}/.")
        return 0
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _search_index(site_dir: Path) -> int:
    """The search step of the build, on its own: any built site folder, whatever built it."""
    from .site.search import write_search_index

    if not site_dir.is_dir():
        print(f"lertrat search-index: {site_dir} is not a folder; give the folder of a built site (e.g. site/)", file=sys.stderr)
        return 1
    written = write_search_index(site_dir)
    if not written:
        print(f"lertrat search-index: {site_dir} holds no built page (no index.html); nothing was written", file=sys.stderr)
        return 1
    for item in written:
        print(f"wrote {item.path} ({item.lang}, {item.pages} pages)")
    return 0


def _missing(folder: Path, command: str) -> list[str]:
    """What ``command`` needs of a project folder and ``folder`` lacks: every command reads
    rubrics/; those that run MkDocs or touch its docs dir also need mkdocs.yml."""
    needed = ["mkdocs.yml", "rubrics/"] if command in ("build", "serve", "clean") else ["rubrics/"]
    return [name for name in needed if not (folder / name.rstrip("/")).exists()]


def _not_a_project(folder: Path, missing: list[str], given: bool) -> str:
    """Where lertrat looked for a project, and how to point it at one, as a problem line."""
    if given:
        where = f"found no {' and no '.join(missing)} in {folder} (the folder given with --root)"
        fix = "give --root the project folder, the one that holds mkdocs.yml and rubrics/"
    else:
        where = f"found no lertrat project in {folder} or any folder above it (a project folder holds mkdocs.yml and rubrics/)"
        fix = "run lertrat from the project folder, or name it with --root DIR (e.g. lertrat --root ~/lertrat check)"
    return f"{folder}:1:1: (folder): {where}; expected a project folder: {fix}"


COMMANDS: dict[str, tuple[str, str, str]] = {
    # name: (one line for the command list, the paragraph of its --help, an example)
    "check": (
        "validate every YAML file under rubrics/ and list all problems",
        "Load and validate every file under rubrics/ and list every problem at once, each as "
        "path:line:col: field: message; exit 1 if there is any, 0 otherwise. TODO values left in a draft "
        "are listed as warnings, and each draft is named with the number of TODO values it still holds: "
        "a year can be published (draft: false) only when none is left. Nothing is written.",
        "lertrat check",
    ),
    "build": (
        "check, generate the pages and build the published site (drafts left out)",
        "Check the content, generate the pages of both languages and build the site with mkdocs --strict "
        "into a new folder, which replaces the site folder only when the build succeeded (a failed build "
        "leaves the last good site as it was). Drafts are left out entirely, each named in one line.",
        "lertrat build --site-dir public",
    ),
    "serve": (
        "preview the site, drafts included, with live reload",
        "Preview the site with live reload: every save rebuilds the pages it changed, and a mistake is "
        "shown in the terminal and in place of every page until the next good save. Drafts are shown, "
        "with a banner on their pages. Ctrl-C or SIGTERM stops it and removes its temporary folder.",
        "lertrat serve --dev-addr 127.0.0.1:8001",
    ),
    "new-year": (
        "start a programme year, as a draft, from a copy of the latest one",
        "Start a programme year: copy the latest year into rubrics/<year>/, put TODO where the new year "
        "must be reviewed (calendar dates, statistics, key figures, status badges, sources), mark it "
        "draft: true, check the copy and print a checklist. Refuses to overwrite an existing year.",
        "lertrat new-year 2567",
    ),
    "schema": (
        "write the JSON Schemas of the YAML formats (for editors)",
        "Write the JSON Schemas of the YAML formats into schema/ (or --out); editors such as VS Code with "
        "the YAML extension use them to complete fields and flag mistakes as you type.",
        "lertrat schema --stdout > schemas.json",
    ),
    "search-index": (
        "write the search index of a built site folder (lertrat build does it too)",
        "Write the search index of any built site folder: one file per language, holding the visible text "
        "of every page. lertrat build and lertrat serve run the same step after every build.",
        "lertrat search-index site/",
    ),
    "clean": (
        "remove the generated pages from content/ (hand-written pages stay)",
        "Remove the pages lertrat generated into content/ (those its manifest lists that still carry the "
        "generated-file banner); the hand-written pages stay. make clean also removes the built site.",
        "lertrat clean",
    ),
}


def _parser() -> argparse.ArgumentParser:
    from importlib.metadata import version

    parser = argparse.ArgumentParser(
        prog="lertrat", description="Build the Public Sector Excellence Awards (รางวัลเลิศรัฐ) site from rubrics/.",
        epilog="Run `lertrat COMMAND --help` for what a command does, with an example.",
    )
    parser.add_argument("--version", action="version", version=f"lertrat {version('lertrat')}")
    parser.add_argument("--root", type=Path, default=None, help="project folder (default: the one holding mkdocs.yml and rubrics/, searched upwards from here)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def command(name: str) -> argparse.ArgumentParser:
        summary, paragraph, example = COMMANDS[name]
        return commands.add_parser(name, help=summary, description=textwrap.fill(paragraph, 78), epilog=f"example:\n  {example}",
                                   formatter_class=argparse.RawDescriptionHelpFormatter)

    command("check")
    build = command("build")
    build.add_argument("--site-dir", type=Path, default=Path("site"), help="where to put the site (default: site/)")
    serve = command("serve")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="IP:PORT to serve on (default: 127.0.0.1:8000; port 0 picks a free one)")
    new_year_cmd = command("new-year")
    new_year_cmd.add_argument("year", help="the new programme year, Buddhist Era (e.g. 2567)")
    schema = command("schema")
    schema.add_argument("--out", type=Path, default=Path("schema"), help="folder to write into (default: schema/)")
    schema.add_argument("--stdout", action="store_true", help="print the schemas as one JSON document instead")
    search_index = command("search-index")
    search_index.add_argument("site_dir", type=Path, metavar="SITE_DIR", help="the folder of a built site, e.g. site/")
    command("clean")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    if args.command == "search-index":
        return _search_index(args.site_dir)
    if args.command == "schema" and args.stdout:
        from .content.schema import schemas

        print(json.dumps(schemas(), ensure_ascii=False, indent=2))
        return 0
    root = (args.root or project_root()).resolve()
    missing = _missing(root, args.command)
    if missing:
        print(_not_a_project(root, missing, given=args.root is not None), file=sys.stderr)
        return 1
    try:
        if args.command == "check":
            return _check(root)
        if args.command == "build":
            return _build(root, args.site_dir)
        if args.command == "serve":
            return mkdocs_run.serve(root, args.dev_addr)  # content problems stop it with the check's messages
        if args.command == "new-year":
            from .authoring.newyear import NewYearError, checklist, new_year

            try:
                created = new_year(root, args.year)
            except NewYearError as error:
                print(f"lertrat new-year: {error}", file=sys.stderr)
                return 1
            print(checklist(created))
            return 0
        if args.command == "clean":
            removed = clean(root / DOCS_DIR)
            print(f"removed {len(removed)} generated page(s) from {DOCS_DIR}/")
            return 0
        if args.command == "schema":
            out = args.out if args.out.is_absolute() else root / args.out
            for path in write_schemas(out):
                print(f"wrote {path.relative_to(root) if path.is_relative_to(root) else path}")
            return 0
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except HandWrittenFileError as error:
        print(f"content/: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
