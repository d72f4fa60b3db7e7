"""English is the second language: every message of the code has an English translation.

The messages are extracted from the code itself (the same `makemessages` run as `make messages`,
written to a temporary copy of the catalogue), so a string added to a view or template without
translating it fails here, even before anyone updates the committed catalogue. It runs in a
temporary copy of the project: `makemessages` writes a `.py` twin next to every template while it
works, and the other pytest-xdist worker's tests read those folders meanwhile.
"""

import ast
import re
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.commands import makemessages

LANGUAGE = "en"
# As in the Makefile's `messages` target.
IGNORED = [".venv", "var", "static/vendor"]
#: Left out of the temporary copy: what makemessages ignores anyway, and what is not source.
NOT_COPIED = shutil.ignore_patterns(
    ".venv", ".git", "var", "__pycache__", "*.pyc", ".ruff_cache", ".pytest_cache", "*.egg-info"
)
FIELD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$')


class ExtractInto(makemessages.Command):
    """`makemessages` writing its catalogue under `target` instead of the project's locale/."""

    def __init__(self, target: Path):
        super().__init__()
        self.target = str(target)

    def find_files(self, root):
        files = super().find_files(root)
        self.locale_paths = [self.target]
        for translatable in files:
            translatable.locale_dir = self.target
        return files


def untranslated_messages(po_text: str) -> list[str]:
    """Each live entry of a .po text with an empty msgstr or marked fuzzy, with where it is used."""
    missing = []
    for block in po_text.split("\n\n"):
        fields: dict[str, str] = {}
        field = None
        fuzzy = False
        where = ""
        for line in block.strip().splitlines():
            match = FIELD.match(line)
            if match:
                field = match[1]
                fields[field] = ast.literal_eval(match[2])
            elif line.startswith('"') and field:
                fields[field] += ast.literal_eval(line)
            elif line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith("#: ") and not where:
                where = line[3:].split()[0]
        if not fields.get("msgid"):
            continue
        translations = [value for name, value in fields.items() if name.startswith("msgstr")]
        if fuzzy or not translations or not all(translations):
            state = "fuzzy" if fuzzy else "untranslated"
            missing.append(f"{where}: {fields['msgid']!r} ({state})")
    return missing


def test_untranslated_messages_finds_empty_fuzzy_and_half_plural_entries():
    po_text = "\n\n".join(
        [
            'msgid ""\nmsgstr ""\n"Language: en\\n"',
            '#: a.py:1\nmsgid "Lưu"\nmsgstr "Save"',
            '#: a.py:2\nmsgid "Đóng"\nmsgstr ""',
            '#: a.py:3\n#, fuzzy, python-format\nmsgid "Số %(n)s"\nmsgstr "No. %(n)s"',
            '#: a.py:4\nmsgid "%(n)s việc"\nmsgid_plural "%(n)s việc"\n'
            'msgstr[0] "%(n)s task"\nmsgstr[1] ""',
            '#: a.py:5\nmsgid ""\n"Văn bản "\n"đến"\nmsgstr ""\n"Incoming "\n"document"',
        ]
    )
    assert untranslated_messages(po_text) == [
        "a.py:2: 'Đóng' (untranslated)",
        "a.py:3: 'Số %(n)s' (fuzzy)",
        "a.py:4: '%(n)s việc' (untranslated)",
    ]


def test_every_message_of_the_code_has_an_english_translation(gettext_tools, tmp_path, monkeypatch):
    committed = Path(settings.BASE_DIR) / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po"
    catalogue = tmp_path / "catalogue" / LANGUAGE / "LC_MESSAGES" / "django.po"
    catalogue.parent.mkdir(parents=True)
    shutil.copyfile(committed, catalogue)

    project = tmp_path / "project"
    shutil.copytree(settings.BASE_DIR, project, ignore=NOT_COPIED)
    monkeypatch.chdir(project)
    call_command(
        ExtractInto(tmp_path / "catalogue"),
        locale=[LANGUAGE],
        ignore_patterns=IGNORED,
        no_obsolete=True,
        verbosity=0,
    )

    missing = untranslated_messages(catalogue.read_text(encoding="utf-8"))
    assert not missing, (
        f"{len(missing)} messages without an English translation; run `make messages` and "
        f"translate them in {committed.relative_to(settings.BASE_DIR)}:\n" + "\n".join(missing)
    )
