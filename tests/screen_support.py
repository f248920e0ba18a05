"""What is on a Textual screen, read through public API only: the exported screenshot
(SVG) as lines of text, and the strips every shown widget renders."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from rich.segment import Segment
from textual.app import App
from textual.geometry import Region

CELL_WIDTH = 12.2  # an SVG cell's width in pixels (Textual's export)
_TEXT_RE = re.compile(r'<text class="terminal-(?:\d+-)?r\d+" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', re.S)


def screen_lines(app: App, svg: str | None = None) -> list[str]:
    """The exported screen (SVG) as lines of text, spaces and entities restored."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, body in _TEXT_RE.findall(svg if svg is not None else app.export_screenshot()):
        text = html.unescape(body).replace("\xa0", " ").replace("\n", "")
        rows.setdefault(float(y), []).append((float(x), text))
    lines = []
    for _, parts in sorted(rows.items()):
        line = ""
        for x, text in sorted(parts):
            line = line.ljust(round(float(x) / CELL_WIDTH)) + text
        lines.append(line.rstrip())
    return lines


def screen_segments(app: App) -> Iterator[Segment]:
    """Every segment the shown widgets of the screen render now (borders included)."""
    for widget in [app.screen, *app.screen.query("*")]:
        if not widget.display or not widget.region:
            continue
        width, height = widget.outer_size
        for strip in widget.render_lines(Region(0, 0, width, height)):
            yield from strip
