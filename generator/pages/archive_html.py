"""The two blocks of the archive that repeat thousands of times: a row of a winners table
and a work on its agency's page.

They are plain string building rather than Jinja macros because a 20-year archive renders
them ~20,000 times per build and a macro call costs several times more; the templates
(``_archive.j2``, ``agency.md.j2``) decide where they go. Escaping is the same as in the
templates: ``escape_html`` inside HTML, ``escape_md`` / ``paragraphs`` in Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..content.archive import Archive, Award
from ..content.placeholders import is_placeholder
from .paths import Paths, href, url_of
from .text import escape_html, escape_md, filled, paragraphs, quantity


class ArchiveHtml:
    def __init__(self, archive: Archive, lang: str, prefix: str, words: dict[str, str], agency_label: Callable[[str], str],
                 year_label: Callable[[Any], str], cite: Callable[[Any], str]):
        self.archive, self.lang, self.prefix, self.words = archive, lang, prefix, words
        self.agency_label, self.year_label, self.cite = agency_label, year_label, cite

    def _href(self, target_md: str, here: str) -> str:
        return href(url_of(target_md), here, self.prefix)

    def title(self, award: Award) -> str:
        w = award.winner
        return getattr(w.title, self.lang) if w.title else getattr(self.archive.agencies[w.agency].name, self.lang)

    def award_text(self, award: Award) -> str:
        return " · ".join(self.archive.award_parts(award, self.lang))

    def rows(self, awards: list[Award], here: str, show_year: bool) -> str:
        """<tr> lines of a winners table: year, work (linked to its details), award, agencies."""
        out = []
        for award in awards:
            w = award.winner
            year = (f'<td class="lr-year"><a href="{self._href(Paths.winners_year(award.year), here)}">{escape_html(self.year_label(award.year))}</a></td>'
                    if show_year else "")
            agencies = "<br>".join(f'<a href="{self._href(Paths.agency(a), here)}">{escape_html(self.agency_label(a))}</a>' for a in award.agencies)
            out.append(
                f'<tr>{year}<td><a href="{self._href(Paths.agency(w.agency), here)}#{w.id}">{escape_html(self.title(award))}</a></td>'
                f"<td>{escape_html(self.award_text(award))}</td><td>{agencies}</td></tr>"
            )
        return "\n".join(out)

    def figures(self, items: list) -> str:
        if not items:
            return ""
        lines = []
        for f in items:
            notes = "".join(f'<br><small class="lr-why">{escape_html(getattr(n, self.lang))}</small>' for n in f.notes)
            value = filled(f.value, self.words) if is_placeholder(f.value) else quantity(f.value, getattr(f.unit, self.lang))
            lines.append(f"<li><strong>{escape_html(value)}</strong> <span>{escape_html(getattr(f.label, self.lang))}</span>{notes}</li>")
        return '<ul class="lr-figures">\n' + "\n".join(lines) + "\n</ul>"

    def work_section(self, award: Award, here: str, page_agency: str) -> str:
        """A work on an agency page: heading (its anchor is the winner id), award, partners,
        key figures, summary, highlights, notes and source."""
        w, lang, words = award.winner, self.lang, self.words
        parts = [
            f"### {escape_md(self.title(award))} {{ #{w.id} }}",
            f'<p class="lr-card__kicker"><a href="{self._href(Paths.winners_year(award.year), here)}">{escape_html(self.year_label(award.year))}</a>'
            f" · {escape_html(self.award_text(award))}</p>",
        ]
        if len(award.agencies) > 1:
            names = [escape_html(self.agency_label(a)) if a == page_agency else f'<a href="{self._href(Paths.agency(a), here)}">{escape_html(self.agency_label(a))}</a>'
                     for a in award.agencies]
            parts.append(f'<p class="lr-card__agency">{" · ".join(names)}</p>')
        if w.figures:
            parts.append(self.figures(w.figures))
        if w.summary:
            parts.append(paragraphs(getattr(w.summary, lang)))
        if w.highlights:
            parts.append("\n".join(f"- {escape_md(getattr(h, lang))}" for h in w.highlights))
        parts += [f'<p class="lr-why">{escape_html(words["notes"])}: {escape_html(getattr(n, lang))}</p>' for n in w.notes]
        parts.append(f'<p class="lr-source"><strong>{escape_html(words["source"])}:</strong> {escape_html(self.cite(w.source))}</p>')
        return "\n\n".join(parts)
