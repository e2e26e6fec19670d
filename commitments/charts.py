"""Bar charts drawn at build time as inline SVG: no charting JavaScript.

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


@dataclass(frozen=True)
class Bar:
    label: str
    segments: tuple[tuple[str, int], ...]  # (key, value); key picks the colour

    @property
    def total(self) -> int:
        return sum(v for _, v in self.segments)


def bar_chart(bars: list[Bar], summary: str, label_width: int = 190, row: int = 30) -> Markup:
    width, gap = 640, 8
    plot = width - label_width - 50
    largest = max((b.total for b in bars), default=0) or 1
    height = row * len(bars) + gap
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(summary)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for index, bar in enumerate(bars):
        y = index * row + gap
        parts.append(f'<text x="{label_width - 8}" y="{y + row / 2 + 1}" text-anchor="end" '
                     f'dominant-baseline="middle" font-size="15" fill="#1b1b1b">{escape(bar.label)}</text>')
        x = label_width
        for key, value in bar.segments:
            w = plot * value / largest
            if w > 0:
                parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 10}" '
                             f'fill="{STATUS_COLOURS.get(key, BAR)}"/>')
                x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + row / 2 + 1}" dominant-baseline="middle" '
                     f'font-size="15" fill="#1b1b1b">{bar.total}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
