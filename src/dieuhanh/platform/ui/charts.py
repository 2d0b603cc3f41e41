"""Accessible charts rendered on the server as SVG: no JavaScript, nothing fetched.

    from dieuhanh.platform.ui.charts import Series, bar_chart, line_chart
    html = bar_chart(["Văn bản", "Nhiệm vụ"], [Series(_("Đang mở"), [12, 4])], title=_("Việc theo phân hệ"))

Each chart is a `<figure>` holding an `<svg role="img" aria-label=…>` with a `<title>` and a
`<desc>`, and a visually hidden `<table>` with the same numbers for screen readers (the SVG
itself is one image to assistive technology). Series differ by colour and by pattern (dash,
marker), never by colour alone; the colours have at least 3:1 contrast on white (WCAG 1.4.11).
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# navy, red, green, brown, purple: each ≥ 7:1 on white
PALETTE = ("#1d3a6e", "#a4161a", "#146c2e", "#7a4d00", "#5b2a86")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2")
MARKERS = ("circle", "square", "diamond", "triangle", "circle")


@dataclass(frozen=True)
class Series:
    name: Any
    values: Sequence[float | int | None]


def nice_step(value: float, *, integer: bool) -> float:
    """A round tick step near `value`: 1, 2 or 5 times a power of ten (at least 1 for counts)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 5, 10):
        if value <= factor * power:
            step = factor * power
            break
    return max(step, 1) if integer else step


def axis(top_value: float, *, integer: bool, ticks: int = 4) -> tuple[float, float]:
    """(axis maximum, tick step) for data peaking at `top_value`."""
    step = nice_step(top_value / ticks, integer=integer)
    return max(step * math.ceil(top_value / step), step), step


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return number_format(value, 1)
    return number_format(int(value), force_grouping=True)


def _label_step(count: int, width: float, min_gap: float = 44) -> int:
    if count <= 1:
        return 1
    return max(1, math.ceil(min_gap / (width / count)))


class _Frame:
    def __init__(self, labels, series, width, height):
        self.labels = [str(label) for label in labels]
        self.series = list(series)
        for s in self.series:
            if len(s.values) != len(self.labels):
                raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(self.labels)} labels")
        self.width, self.height = width, height
        self.left, self.right, self.top, self.bottom = 48, 12, 12, 40
        if len(self.series) > 1:
            self.bottom += 22
        self.plot_w = width - self.left - self.right
        self.plot_h = height - self.top - self.bottom
        values = [v for s in self.series for v in s.values if v is not None]
        integer = all(float(v).is_integer() for v in values)
        self.max, self.step = axis(max(values, default=0), integer=integer)

    def y(self, value) -> float:
        return self.top + self.plot_h - (value / self.max) * self.plot_h

    def axes(self) -> list[str]:
        parts = []
        for i in range(round(self.max / self.step) + 1):
            value = i * self.step
            y = self.y(value)
            parts.append(
                f'<line class="chart-grid" x1="{self.left}" x2="{self.left + self.plot_w}" y1="{y:.1f}" y2="{y:.1f}"/>'
                f'<text x="{self.left - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(_fmt(value))}</text>'
            )
        base = self.top + self.plot_h
        parts.append(f'<line class="chart-axis" x1="{self.left}" x2="{self.left + self.plot_w}" y1="{base}" y2="{base}"/>')
        return parts

    def x_labels(self, centres: list[float]) -> list[str]:
        step = _label_step(len(centres), self.plot_w)
        base = self.top + self.plot_h + 16
        return [
            f'<text x="{x:.1f}" y="{base}" text-anchor="middle">{escape(label)}</text>'
            for i, (x, label) in enumerate(zip(centres, self.labels, strict=True))
            if i % step == 0
        ]

    def legend(self, kind: str) -> list[str]:
        if len(self.series) < 2:
            return []
        y = self.height - 10
        x = self.left
        parts = []
        for i, s in enumerate(self.series):
            colour = PALETTE[i % len(PALETTE)]
            if kind == "bar":
                parts.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour}"/>')
            else:
                dash = DASHES[i % len(DASHES)]
                parts.append(f'<line x1="{x}" x2="{x + 16}" y1="{y - 4}" y2="{y - 4}" stroke="{colour}" stroke-width="3"'
                             + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
            name = escape(str(s.name))
            parts.append(f'<text x="{x + 20}" y="{y}">{name}</text>')
            x += 30 + 8 * len(str(s.name))
        return parts


def _figure(kind: str, frame: _Frame, body: list[str], title, description, label_header, chart_id) -> SafeString:
    chart_id = chart_id or f"chart-{uuid.uuid4().hex[:8]}"
    title = str(title)
    description = str(description or "")
    label_header = str(label_header or _("Mục"))
    svg = (
        f'<svg class="chart chart-{kind}" role="img" aria-label="{escape(title)}"'
        + (f' aria-describedby="{chart_id}-desc"' if description else "")
        + f' viewBox="0 0 {frame.width} {frame.height}" xmlns="http://www.w3.org/2000/svg" focusable="false">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        + (f'<desc id="{chart_id}-desc">{escape(description)}</desc>' if description else "")
        + "".join(frame.axes()) + "".join(body) + "".join(frame.legend(kind)) + "</svg>"
    )
    head = "".join(format_html('<th scope="col">{}</th>', s.name) for s in frame.series)
    rows = "".join(
        format_html('<tr><th scope="row">{}</th>{}</tr>', label,
                    mark_safe("".join(format_html("<td>{}</td>", _fmt(s.values[i])) for s in frame.series)))
        for i, label in enumerate(frame.labels)
    )
    table = format_html(
        '<table class="sr-only" id="{}-data"><caption>{}</caption><thead><tr><th scope="col">{}</th>{}</tr></thead>'
        "<tbody>{}</tbody></table>",
        chart_id, title, label_header, mark_safe(head), mark_safe(rows),
    )
    return format_html('<figure class="chart-figure" id="{}">{}{}</figure>', chart_id, mark_safe(svg), table)


def bar_chart(labels: Sequence[Any], series: Sequence[Series], *, title, description="",
              label_header="", width: int = 640, height: int = 240, chart_id: str | None = None) -> SafeString:
    """Grouped vertical bars: one group per label, one bar per series."""
    frame = _Frame(labels, series, width, height)
    body: list[str] = []
    centres: list[float] = []
    count = max(len(frame.labels), 1)
    group_w = frame.plot_w / count
    bar_w = max(2.0, group_w * 0.7 / max(len(frame.series), 1))
    for i, label in enumerate(frame.labels):
        start = frame.left + i * group_w + (group_w - bar_w * len(frame.series)) / 2
        centres.append(frame.left + (i + 0.5) * group_w)
        for j, s in enumerate(frame.series):
            value = s.values[i]
            if value is None:
                continue
            y = frame.y(value)
            colour = PALETTE[j % len(PALETTE)]
            tip = f"{label} – {s.name}: {_fmt(value)}" if len(frame.series) > 1 else f"{label}: {_fmt(value)}"
            body.append(
                f'<rect x="{start + j * bar_w:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                f'height="{frame.top + frame.plot_h - y:.1f}" fill="{colour}"><title>{escape(tip)}</title></rect>'
            )
    body.extend(frame.x_labels(centres))
    return _figure("bar", frame, body, title, description, label_header, chart_id)


def _marker(kind: str, x: float, y: float, colour: str, tip: str) -> str:
    tip_el = f"<title>{escape(tip)}</title>"
    if kind == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}">{tip_el}</rect>'
    if kind == "diamond":
        return (f'<polygon points="{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y:.1f} {x:.1f},{y + 4.5:.1f} '
                f'{x - 4.5:.1f},{y:.1f}" fill="{colour}">{tip_el}</polygon>')
    if kind == "triangle":
        return (f'<polygon points="{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y + 3.5:.1f} {x - 4.5:.1f},{y + 3.5:.1f}"'
                f' fill="{colour}">{tip_el}</polygon>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}">{tip_el}</circle>'


def line_chart(labels: Sequence[Any], series: Sequence[Series], *, title, description="",
               label_header="", width: int = 640, height: int = 240, chart_id: str | None = None) -> SafeString:
    """Lines with markers, one per series; a None value breaks the line."""
    frame = _Frame(labels, series, width, height)
    count = len(frame.labels)
    step = frame.plot_w / max(count - 1, 1)
    centres = [frame.left + (i * step if count > 1 else frame.plot_w / 2) for i in range(count)]
    body: list[str] = []
    for j, s in enumerate(frame.series):
        colour = PALETTE[j % len(PALETTE)]
        dash = DASHES[j % len(DASHES)]
        segments: list[list[str]] = [[]]
        for i, value in enumerate(s.values):
            if value is None:
                segments.append([])
                continue
            segments[-1].append(f"{centres[i]:.1f},{frame.y(value):.1f}")
        for points in segments:
            if len(points) > 1:
                body.append(
                    f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="2.5"'
                    + (f' stroke-dasharray="{dash}"' if dash else "") + "/>"
                )
        for i, value in enumerate(s.values):
            if value is not None:
                tip = f"{frame.labels[i]} – {s.name}: {_fmt(value)}"
                body.append(_marker(MARKERS[j % len(MARKERS)], centres[i], frame.y(value), colour, tip))
    body.extend(frame.x_labels(centres))
    return _figure("line", frame, body, title, description, label_header, chart_id)
