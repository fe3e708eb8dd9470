from django.utils import translation

from wsparcie.core import polish


def test_three_forms():
    forms = ("wiersz", "wiersze", "wierszy")
    assert [polish.plural(n, *forms) for n in (0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 104, 112)] == [
        "wierszy", "wiersz", "wiersze", "wiersze", "wierszy", "wierszy", "wierszy", "wierszy",
        "wierszy", "wiersze", "wierszy", "wiersze", "wierszy",
    ]  # fmt: skip


def test_active_follows_the_language():
    assert polish.active()
    with translation.override("en"):
        assert not polish.active()
