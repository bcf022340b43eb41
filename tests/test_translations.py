"""The interface's Spanish catalogue (locale/es/LC_MESSAGES/django.po) is whole and current.

A string added to a template or to the code without its Spanish fails here, as
does a catalogue that no longer matches what the code asks for. The page tests
in Spanish (tests/test_views.py, tests/e2e) then show it where a person sees it.
"""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from tests.helpers import skip_or_fail

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
#: Where makemessages looks for strings: what tests/ or the tools' folders hold is not shown to anyone.
EXTRACT_IGNORE = [".venv", "node_modules", "tests", "staticfiles", "test-artifacts", "bench", "scripts"]


def entries(text):
    """(msgctxt, msgid) -> [msgstr...] for every entry of a .po text, and the fuzzy ones."""
    found, fuzzy = {}, set()
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        is_fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        fields, current = {}, None
        for line in lines:
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        key = (fields.get("msgctxt"), fields["msgid"])
        found[key] = [value for name, value in sorted(fields.items()) if name.startswith("msgstr")]
        if is_fuzzy:
            fuzzy.add(key)
    return found, fuzzy


def test_every_entry_has_its_spanish_and_none_is_fuzzy():
    found, fuzzy = entries(CATALOGUE.read_text(encoding="utf-8"))
    assert len(found) > 250
    assert sorted(fuzzy) == []
    assert [key for key, values in found.items() if not all(values)] == []


def test_the_catalogue_compiles_cleanly():
    if shutil.which("msgfmt") is None:
        skip_or_fail("msgfmt (gettext) is needed to compile the translations: sudo apt-get install gettext")
    checked = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOGUE)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "fuzzy" not in checked.stderr and "untranslated" not in checked.stderr, checked.stderr


def test_the_catalogue_holds_exactly_what_the_code_and_templates_ask_for(tmp_path):
    """makemessages on a copy of the code: the entries it finds are the catalogue's, no more, no fewer."""
    if shutil.which("xgettext") is None:
        skip_or_fail("xgettext (gettext) is needed to extract the strings: sudo apt-get install gettext")
    base = Path(settings.BASE_DIR)
    for name in ("manage.py", "immunoguide", "questionnaire", "templates", "locale"):
        source = base / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    (tmp_path / "extract_settings.py").write_text(
        "from pathlib import Path\nfrom immunoguide.settings import *\n"
        "LOCALE_PATHS = [Path(__file__).resolve().parent / 'locale']\n")
    command = [sys.executable, "manage.py", "makemessages", "-l", "es", "--no-obsolete", "--add-location", "file",
               *(f"--ignore={name}" for name in EXTRACT_IGNORE)]
    made = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True,
                          env={"DJANGO_SETTINGS_MODULE": "extract_settings", "PATH": "/usr/bin:/bin",
                               "PYTHONPATH": str(tmp_path)})
    assert made.returncode == 0, made.stderr
    extracted, _ = entries((tmp_path / "locale/es/LC_MESSAGES/django.po").read_text(encoding="utf-8"))
    shipped, _ = entries(CATALOGUE.read_text(encoding="utf-8"))
    assert sorted(set(extracted) - set(shipped), key=str) == [], "asked for, not in the catalogue"
    assert sorted(set(shipped) - set(extracted), key=str) == [], "in the catalogue, asked for nowhere"


def test_the_compiled_catalogue_is_the_one_django_uses():
    with translation.override("es"):
        assert translation.gettext("Back") != "Back"
        assert translation.get_language() == "es"


@pytest.mark.parametrize("placeholder", [r"%\((\w+)\)[sd]", r"\{(\w+)\}"])
def test_each_translation_keeps_the_placeholders_of_its_english(placeholder):
    found, _ = entries(CATALOGUE.read_text(encoding="utf-8"))
    broken = [msgid for (_, msgid), values in found.items()
              if any(sorted(re.findall(placeholder, value)) != sorted(re.findall(placeholder, msgid))
                     for value in values)]
    assert broken == []
