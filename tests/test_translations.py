"""The English catalogue covers every text of the UI.

The msgids are the Polish texts in the code and templates. A new text without an English entry
shows in Polish to an English reader, and nothing else notices: this test runs Django's
makemessages over a copy of the sources (so the checked-in catalogue is never touched) and fails
on any entry that comes out new (untranslated) or fuzzy (a changed text matched to an old one).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = Path("locale/en/LC_MESSAGES/django.po")

pytestmark = pytest.mark.skipif(
    shutil.which("xgettext") is None or shutil.which("msgmerge") is None,
    reason="GNU gettext (xgettext, msgmerge) is not installed",
)


def entries(po: str) -> list[tuple[list[str], str, str]]:
    """``[(flags, msgid, msgstr)]`` of a catalogue, plural forms joined, the header left out."""
    found = []
    for block in po.split("\n\n"):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#~")]
        if not lines:
            continue
        flags = [flag.strip() for line in lines if line.startswith("#,") for flag in line[2:].split(",")]
        text = {"msgid": "", "msgstr": ""}
        current = None
        for line in lines:
            match = re.match(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (\".*\")$", line)
            if match:
                current = "msgstr" if match.group(1).startswith("msgstr") else match.group(1)
                text[current] = text.get(current, "") + match.group(2)[1:-1]
            elif line.startswith('"') and current:
                text[current] = text.get(current, "") + line[1:-1]
        if text["msgid"]:
            found.append((flags, text["msgid"], text["msgstr"]))
    return found


def test_every_ui_text_has_an_english_translation(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(ROOT / "wsparcie", copy / "wsparcie", ignore=shutil.ignore_patterns("__pycache__", "tests"))
    shutil.copytree(ROOT / "locale", copy / "locale")
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-obsolete", "--no-location"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    missing = [
        msgid
        for flags, msgid, msgstr in entries((copy / CATALOGUE).read_text(encoding="utf-8"))
        if "fuzzy" in flags or not msgstr
    ]
    assert not missing, "Texts without an English translation (run `make messages`):\n" + "\n".join(missing)


def test_the_check_finds_a_missing_translation():
    po = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "Zapisz"\nmsgstr "Save"\n\nmsgid "Nowy tekst"\nmsgstr ""\n'
    po += '\n#, fuzzy\nmsgid "Zmieniony"\nmsgstr "Old"\n'
    parsed = entries(po)
    assert [m for f, m, s in parsed if "fuzzy" in f or not s] == ["Nowy tekst", "Zmieniony"]
