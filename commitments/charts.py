"""Bar charts drawn at build time as inline SVG: no charting JavaScript.

Each bar's label sits on its own line above the bar, so the chart can be drawn
narrow and still read at phone width (an SVG scales its text with its width).
Each chart comes with a text alternative in the page (a table) so a screen-reader
user gets the same facts; the SVG itself carries a one-sentence summary.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

# Colours for bars and status segments; each meets 3:1 against white (WCAG 1.4.11).
BAR = "#0b4fa8"
STATUS_COLOURS = {
    "not-yet-rated": "#6f777b", "in-progress": "#0b4fa8", "stalled": "#b35900",
    "achieved": "#00703c", "partly-achieved": "#5a2d82", "not-achieved": "#a30f1f",
}
WIDTH = 360          # viewBox units; drawn at most ~36rem wide, so text stays ≥ 14 px
FONT = 15
LABEL = 20           # height of the label line
BAR_HEIGHT = 14
GAP = 10


@dataclass(frozen=True)
class Bar:
    label: str
    segments: tuple[tuple[str, int], ...]  # (key, value); key picks the colour

    @property
    def total(self) -> int:
        return sum(v for _, v in self.segments)


def bar_chart(bars: list[Bar], summary: str) -> Markup:
    row = LABEL + BAR_HEIGHT + GAP
    plot = WIDTH - 40  # room for the total after the longest bar
    largest = max((b.total for b in bars), default=0) or 1
    height = row * len(bars)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(summary)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for index, bar in enumerate(bars):
        y = index * row
        parts.append(f'<text x="0" y="{y + LABEL - 5}" font-size="{FONT}" fill="#1b1b1b">{escape(bar.label)}</text>')
        x = 0.0
        for key, value in bar.segments:
            w = plot * value / largest
            if w > 0:
                parts.append(f'<rect x="{x:.1f}" y="{y + LABEL}" width="{w:.1f}" height="{BAR_HEIGHT}" '
                             f'fill="{STATUS_COLOURS.get(key, BAR)}"/>')
                x += w
        parts.append(f'<text x="{x + 5:.1f}" y="{y + LABEL + BAR_HEIGHT - 2}" font-size="{FONT}" '
                     f'fill="#1b1b1b">{bar.total}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
