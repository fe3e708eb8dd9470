"""Geometry of the statistics charts, drawn as server-side SVG by the templates (no JS library).

Pure functions: numbers in, rectangles out. Every chart also has a data table next to it.
"""

from __future__ import annotations


def _nice_max(value: float) -> float:
    """The smallest 1, 2 or 5 x 10^k not below ``value`` (the axis end)."""
    if value <= 0:
        return 1
    magnitude = 1
    while True:
        for step in (1, 2, 5):
            if step * magnitude >= value:
                return step * magnitude
        magnitude *= 10


def hbar(
    items: list[tuple[str, float | None, str]],
    *,
    width: int = 600,
    label_width: int = 250,
    bar: int = 22,
    gap: int = 10,
) -> dict:
    """Horizontal bars: ``items`` are (label, value, shown text)."""
    top = max((value or 0) for _l, value, _t in items) if items else 0
    scale = _nice_max(top)
    plot = width - label_width - 90
    bars = []
    for index, (label, value, text) in enumerate(items):
        y = index * (bar + gap) + gap
        w = 0 if not value else max(2, round(plot * value / scale))
        bars.append(
            {
                "label": label,
                "text": text,
                "x": label_width,
                "y": y,
                "w": w,
                "h": bar,
                "ty": y + bar * 0.7,
                "tx": label_width + w + 6,
                "lx": label_width - 8,
            }
        )
    return {"width": width, "height": len(items) * (bar + gap) + gap, "bars": bars}


def vbar(
    items: list[tuple[str, float, float]], *, width: int = 640, height: int = 220, bottom: int = 34, top_pad: int = 20
) -> dict:
    """Vertical bars with a highlighted part: ``items`` are (label, total, part)."""
    top = max((total for _l, total, _p in items), default=0)
    scale = _nice_max(top)
    slot = width / max(len(items), 1)
    plot = height - bottom - top_pad
    bars = []
    for index, (label, total, part) in enumerate(items):
        h = round(plot * total / scale) if total else 0
        ph = round(plot * part / scale) if part else 0
        x = round(index * slot + slot * 0.15)
        w = max(4, round(slot * 0.7))
        base = height - bottom
        bars.append(
            {
                "label": label,
                "total": total,
                "part": part,
                "x": x,
                "w": w,
                "y": base - h,
                "h": h,
                "py": base - ph,
                "ph": ph,
                "cx": x + w / 2,
                "ly": height - bottom + 16,
                "ty": base - h - 4,
            }
        )
    return {"width": width, "height": height, "base": height - bottom, "bars": bars, "scale": scale}


def duration(seconds: float | None) -> str:
    """``75.0`` -> ``"1 min 15 s"``; ``None`` -> ``"—"``."""
    if seconds is None:
        return "—"
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {secs} s"
    return f"{secs} s"
