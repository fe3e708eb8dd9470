"""Server-rendered SVG charts: progress towards targets (bars), values by month (columns) and
values over time (lines). No JavaScript, no inline ``style`` (the CSP forbids it): colours are
presentation attributes that ``indicators.css`` may override (high contrast). Each chart carries
a ``<title>`` and ``<desc>`` and the pages show the same numbers in a table. The report's PDF
draws the same charts with ReportLab (``indicators/pdf.py``), from the same geometry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

ACCENT = "#0b4f8a"
TARGET = "#4d4d4d"
WARN = "#7a4a00"
OK = "#0f5b1f"
GRID = "#c8c8c8"
TEXT = "#1a1a1a"
FONT = 'font-family="DejaVu Sans, sans-serif"'
MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def fmt_num(value, places: int = 2) -> str:
    """``Decimal("1234.50")`` -> ``"1 234,5"``; whole numbers without decimals."""
    if value is None:
        return "—"
    number = Decimal(value).quantize(Decimal(1).scaleb(-places))
    text = f"{number:,.{places}f}".replace(",", " ").replace(".", ",")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def month_label(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _svg(chart_id: str, width: int, height: int, title: str, desc: str, body: list[str]) -> SafeString:
    cid = escape(chart_id)
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{cid}-title {cid}-desc" {FONT} font-size="12">'
        f'<title id="{cid}-title">{escape(title)}</title><desc id="{cid}-desc">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _short(text: str, length: int = 34) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def progress_bars(*, chart_id: str, title: str, items: list[dict]) -> SafeString:
    """One bar per indicator: actual as a share of its target (the 100% line is the target).

    ``items``: ``{"label", "actual", "target", "unit", "percent"}``."""
    label_w, bar_w, value_w, row_h, top = 250, 260, 250, 30, 10  # value: "15 212 / 200 000 godziny (7,6%)"
    width = label_w + bar_w + value_w
    height = top + row_h * max(len(items), 1) + 24
    scale_max = 150.0
    x0 = label_w
    target_x = x0 + bar_w * 100 / scale_max
    target_label = gettext("cel 100%")  # outside the f-string: xgettext does not look inside one
    body = [
        f'<line class="chart-target" x1="{target_x:.1f}" y1="{top - 4}" x2="{target_x:.1f}" y2="{height - 20}" stroke="{TARGET}" stroke-dasharray="4 3"/>',
        f'<text x="{target_x:.1f}" y="{height - 6}" text-anchor="middle" fill="{TEXT}" class="chart-text">{escape(target_label)}</text>',
    ]
    descs = []
    for index, item in enumerate(items):
        y = top + index * row_h
        percent = item.get("percent")
        shown = min(float(percent or 0), scale_max)
        colour = OK if percent is not None and percent >= 100 else ACCENT
        bar = bar_w * max(shown, 0) / scale_max
        actual = gettext("brak danych") if item.get("actual") is None else fmt_num(item["actual"])
        value_text = f"{actual} / {fmt_num(item['target'])} {item.get('unit', '')}".strip()
        if percent is not None:
            value_text += f" ({fmt_num(percent, 1)}%)"
        descs.append(f"{item['label']}: {value_text}")
        body.append(
            f'<text x="{label_w - 8}" y="{y + 18}" text-anchor="end" fill="{TEXT}" class="chart-text">'
            f"<title>{escape(item['label'])}</title>{escape(_short(item['label']))}</text>"
        )
        body.append(f'<rect class="chart-track" x="{x0}" y="{y + 6}" width="{bar_w}" height="16" fill="#eef1f4"/>')
        body.append(
            f'<rect class="chart-bar{" chart-bar-ok" if colour == OK else ""}" x="{x0}" y="{y + 6}" width="{bar:.1f}" height="16" fill="{colour}"/>'
        )
        body.append(
            f'<text x="{x0 + bar_w + 8}" y="{y + 18}" fill="{TEXT}" class="chart-text">{escape(value_text)}</text>'
        )
    return _svg(chart_id, width, height, title, "; ".join(descs) or gettext("Brak wskaźników."), body)


def columns(
    *, chart_id: str, title: str, points: list[tuple[dt.date | str, Decimal | int]], unit: str = ""
) -> SafeString:
    """Vertical columns, e.g. hours or spending per month."""
    n = max(len(points), 1)
    left, bottom, top, col = 64, 40, 16, max(28, min(60, 640 // n))
    width = left + col * n + 16
    height = 220
    plot_h = height - bottom - top
    peak = _nice_max(max((float(v or 0) for _, v in points), default=0))
    body = []
    for step in range(5):
        value = peak * step / 4
        y = top + plot_h - plot_h * step / 4
        body.append(
            f'<line class="chart-grid" x1="{left}" y1="{y:.1f}" x2="{width - 8}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        body.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}" class="chart-text">{escape(fmt_num(value))}</text>'
        )
    descs = []
    for index, (label, value) in enumerate(points):
        text = month_label(label) if isinstance(label, dt.date) else str(label)
        h = plot_h * float(value or 0) / peak
        x = left + index * col + 4
        body.append(
            f'<rect class="chart-bar" x="{x}" y="{top + plot_h - h:.1f}" width="{col - 8}" height="{h:.1f}" fill="{ACCENT}">'
            f"<title>{escape(text)}: {escape(fmt_num(value))} {escape(unit)}</title></rect>"
        )
        if n <= 14 or index % 2 == 0:
            body.append(
                f'<text x="{x + (col - 8) / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" fill="{TEXT}" '
                f'class="chart-text" font-size="10">{escape(text)}</text>'
            )
        descs.append(f"{text}: {fmt_num(value)} {unit}".strip())
    body.append(
        f'<line class="chart-axis" x1="{left}" y1="{top + plot_h}" x2="{width - 8}" y2="{top + plot_h}" stroke="{TEXT}"/>'
    )
    return _svg(chart_id, width, height, title, "; ".join(descs) or gettext("Brak danych."), body)


def line(
    *, chart_id: str, title: str, points: list[tuple[dt.date, Decimal]], target: Decimal | None = None, unit: str = ""
) -> SafeString:
    """Values over time (snapshots or manual values), with the target as a dashed line."""
    width, height, left, right, top, bottom = 560, 200, 64, 16, 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = _nice_max(max([float(v) for _, v in points] + [float(target or 0)], default=0))
    body = []
    for step in range(5):
        value = peak * step / 4
        y = top + plot_h - plot_h * step / 4
        body.append(
            f'<line class="chart-grid" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        body.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}" class="chart-text">{escape(fmt_num(value))}</text>'
        )
    if target:
        y = top + plot_h - plot_h * float(target) / peak
        target_label = gettext("cel: %(target)s") % {"target": fmt_num(target)}
        body.append(
            f'<line class="chart-target" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{TARGET}" stroke-dasharray="6 4"/>'
            f'<text x="{width - right}" y="{y - 4:.1f}" text-anchor="end" fill="{TEXT}" class="chart-text">{escape(target_label)}</text>'
        )
    descs = [f"{day:%d.%m.%Y}: {fmt_num(value)} {unit}".strip() for day, value in points]
    if points:
        first, last = points[0][0], points[-1][0]
        span = max((last - first).days, 1)

        def xy(day, value):
            x = left + (plot_w * (day - first).days / span if len(points) > 1 else plot_w / 2)
            return x, top + plot_h - plot_h * float(value) / peak

        coords = [xy(day, value) for day, value in points]
        body.append(
            f'<polyline class="chart-line" fill="none" stroke="{ACCENT}" stroke-width="2" points="'
            + " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            + '"/>'
        )
        for (x, y), (day, value) in zip(coords, points, strict=True):
            body.append(
                f'<circle class="chart-point" cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{ACCENT}">'
                f"<title>{day:%d.%m.%Y}: {escape(fmt_num(value))}</title></circle>"
            )
        body.append(f'<text x="{left}" y="{height - 12}" fill="{TEXT}" class="chart-text">{first:%d.%m.%Y}</text>')
        if len(points) > 1:
            body.append(
                f'<text x="{width - right}" y="{height - 12}" text-anchor="end" fill="{TEXT}" class="chart-text">{last:%d.%m.%Y}</text>'
            )
    body.append(
        f'<line class="chart-axis" x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="{TEXT}"/>'
    )
    return _svg(chart_id, width, height, title, "; ".join(descs) or gettext("Brak zapisanych stanów."), body)
