"""Polish counted words. Polish has three forms (1 wiersz, 2–4 wiersze, 5+ wierszy, but 12–14
wierszy and 22 wiersze), gettext's default rule two; texts that count are written out in Polish
with :func:`plural` and go through ``ngettext`` in other languages."""

from __future__ import annotations

from django.utils.translation import get_language


def active() -> bool:
    """Is Polish the active language (the source language of every text)?"""
    return (get_language() or "pl").startswith("pl")


def plural(n: int, one: str, few: str, many: str) -> str:
    """The form for ``n``: ``plural(22, "rok", "lata", "lat") == "lata"``."""
    if n == 1:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many
