import datetime as dt
import re

import pytest

from wsparcie.directory import rules

MB = 1024 * 1024


class TestFreePlaces:
    def test_capacity_minus_places_held(self):
        assert rules.free_places(capacity=10, taken=3, from_recruitment=True) == 7

    def test_never_negative_when_over_full(self):
        assert rules.free_places(capacity=2, taken=5, from_recruitment=True) == 0

    def test_unknown_without_capacity(self):
        assert rules.free_places(capacity=None, taken=3, from_recruitment=True) is None

    def test_unknown_without_recruitment_to_count(self):
        assert rules.free_places(capacity=20, taken=0, from_recruitment=False) is None


class TestReference:
    def test_format_and_alphabet(self):
        reference = rules.new_reference()
        assert re.fullmatch(r"WSP-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", reference), reference

    def test_unguessable_enough(self):
        assert len({rules.new_reference() for _ in range(2000)}) == 2000

    @pytest.mark.parametrize("typed", ["wsp-7k3q-9xd2", "WSP 7K3Q 9XD2", "7k3q9xd2", " WSP-7K3Q-9XD2 "])
    def test_normalise_what_people_type(self, typed):
        assert rules.normalise_reference(typed) == "WSP-7K3Q-9XD2"

    @pytest.mark.parametrize("typed", ["", "WSP-7K3Q", "WSP-7K3Q-9XD2-AAAA"])
    def test_malformed_reference(self, typed):
        assert rules.normalise_reference(typed) == ""


class TestUploads:
    def test_pdf_accepted(self):
        assert rules.check_upload(name="orzeczenie.PDF", size=1000, head=b"%PDF-1.7\n", max_bytes=10 * MB) == (
            None,
            "application/pdf",
        )

    def test_png_and_jpeg_accepted(self):
        assert (
            rules.check_upload(name="skan.png", size=10, head=b"\x89PNG\r\n\x1a\n....", max_bytes=MB)[1] == "image/png"
        )
        assert rules.check_upload(name="foto.jpeg", size=10, head=b"\xff\xd8\xff\xe0", max_bytes=MB)[1] == "image/jpeg"

    def test_renamed_executable_refused(self):
        message, content_type = rules.check_upload(name="orzeczenie.pdf", size=100, head=b"MZ\x90\x00", max_bytes=MB)
        assert content_type == "" and "nie jest prawidłowym plikiem PDF" in message

    def test_other_types_refused(self):
        message, _ = rules.check_upload(name="dane.docx", size=100, head=b"PK\x03\x04", max_bytes=MB)
        assert "PDF, JPG lub PNG" in message

    def test_too_big_names_the_limit(self):
        message, _ = rules.check_upload(name="skan.pdf", size=11 * MB, head=b"%PDF-", max_bytes=10 * MB)
        assert message == "Plik „skan.pdf” ma 11,0 MB, a można załączyć najwyżej 10 MB."

    def test_empty_file_refused(self):
        assert "pusty" in rules.check_upload(name="a.pdf", size=0, head=b"", max_bytes=MB)[0]


def test_age_on_birthday_boundary():
    assert rules.age_on(dt.date(1958, 6, 10), dt.date(2023, 6, 9)) == 64
    assert rules.age_on(dt.date(1958, 6, 10), dt.date(2023, 6, 10)) == 65
