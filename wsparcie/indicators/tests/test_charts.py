"""The dashboards' SVG charts: their scale and their words follow the numbers and the language."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.utils import translation

from wsparcie.indicators import charts


def grid_labels(svg: str) -> list[str]:
    return re.findall(r'text-anchor="end" fill="#1a1a1a" class="chart-text">([^<]*)</text>', svg)


def test_small_values_get_grid_labels_with_decimals():
    svg = charts.columns(
        chart_id="hours", title="Godziny", points=[(dt.date(2024, 1, 1), Decimal("2.2")), (dt.date(2024, 2, 1), 1)]
    )

    # The scale tops at 2.5: whole-number labels would read 0, 1, 1, 2, 2.
    assert grid_labels(svg) == ["0", "0,62", "1,25", "1,88", "2,5"]


def test_line_chart_grid_and_target_label():
    svg = charts.line(
        chart_id="values",
        title="Stan",
        points=[(dt.date(2024, 1, 1), Decimal("10")), (dt.date(2024, 6, 1), Decimal("30"))],
        target=Decimal("40"),
    )

    assert grid_labels(svg)[:5] == ["0", "12,5", "25", "37,5", "50"]
    assert "cel: 40" in svg


def test_chart_words_follow_the_language():
    item = {"label": "Uczestnicy", "actual": None, "target": Decimal("10"), "unit": "osoby", "percent": None}
    with translation.override("en"):
        bars = charts.progress_bars(chart_id="p", title="Progress", items=[item])
        empty = charts.columns(chart_id="c", title="Hours", points=[])
        line = charts.line(chart_id="l", title="Values", points=[], target=Decimal("5"))

    assert "target 100%" in bars and "cel 100%" not in bars
    assert "no data" in bars and "brak danych" not in bars
    assert "Brak danych." not in empty
    assert "Brak zapisanych stanów." not in line and "cel:" not in line

    polish = charts.progress_bars(chart_id="p", title="Postęp", items=[item])
    assert "cel 100%" in polish and "brak danych" in polish
