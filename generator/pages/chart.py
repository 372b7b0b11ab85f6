"""A grouped bar chart as inline SVG, drawn at build time.

No chart library and no script: the chart is part of the page, readable without
JavaScript, printable, and announced to screen readers through its <title> and <desc>
(the same figures are also in a table beside it). Colours come from the site's CSS.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 44, 36


def nice_step(top: float, ticks: int = 5) -> int:
    """A round step (1, 2 or 5 × 10ⁿ) that divides 0..top into about ``ticks`` parts."""
    if top <= 0:
        return 1
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return max(1, int(factor * power))
    return int(10 * power)  # pragma: no cover - the loop always returns


def bar_chart(
    chart_id: str,
    title: str,
    desc: str,
    groups: Sequence[str],
    series: Sequence[str],
    values: Sequence[Sequence[int]],
    fmt: Callable[[int], str],
) -> str:
    """``values[g][s]``: the value of series ``s`` in group ``g`` (e.g. a year's applications)."""
    esc = lambda s: html.escape(str(s), quote=True)  # noqa: E731
    top_value = max((v for row in values for v in row), default=0)
    step = nice_step(top_value)
    top = step * max(1, math.ceil(top_value / step))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    y = lambda v: TOP + plot_h - plot_h * v / top  # noqa: E731
    out = [
        f'<svg class="lr-chart__svg" id="{esc(chart_id)}" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-labelledby="{esc(chart_id)}-title {esc(chart_id)}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{esc(chart_id)}-title">{esc(title)}</title>',
        f'<desc id="{esc(chart_id)}-desc">{esc(desc)}</desc>',
    ]
    for tick in range(0, top + 1, step):
        ty = round(y(tick), 1)
        out.append(f'<line class="lr-chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty}" y2="{ty}"/>')
        out.append(f'<text class="lr-chart__tick" x="{LEFT - 6}" y="{ty + 4}" text-anchor="end">{esc(fmt(tick))}</text>')
    slot = plot_w / max(1, len(groups))
    bar = slot * 0.8 / max(1, len(series))
    for g, label in enumerate(groups):
        x0 = LEFT + g * slot + slot * 0.1
        for s, name in enumerate(series):
            value = values[g][s]
            bx, by = round(x0 + s * bar, 1), round(y(value), 1)
            height = round(TOP + plot_h - by, 1)
            out.append(
                f'<rect class="lr-chart__bar lr-chart__bar--{s + 1}" x="{bx}" y="{by}" width="{round(bar - 2, 1)}" height="{height}">'
                f"<title>{esc(label)} · {esc(name)}: {esc(fmt(value))}</title></rect>"
            )
            out.append(f'<text class="lr-chart__value" x="{round(bx + (bar - 2) / 2, 1)}" y="{by - 4}" text-anchor="middle">{esc(fmt(value))}</text>')
        out.append(f'<text class="lr-chart__label" x="{round(LEFT + g * slot + slot / 2, 1)}" y="{HEIGHT - BOTTOM + 20}" text-anchor="middle">{esc(label)}</text>')
    out.append(f'<line class="lr-chart__axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}"/>')
    for s, name in enumerate(series):
        lx = LEFT + s * 180
        out.append(f'<rect class="lr-chart__bar lr-chart__bar--{s + 1}" x="{lx}" y="10" width="14" height="14"/>')
        out.append(f'<text class="lr-chart__legend" x="{lx + 20}" y="22">{esc(name)}</text>')
    out.append("</svg>")
    return "".join(out)
