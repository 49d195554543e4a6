"""The English catalogue: complete, compiled, in step with the code, and used by the pages.

The msgids are the Dutch texts of the UI; simon/locale/en/LC_MESSAGES/django.po holds their
English translations and django.mo is committed beside it, so a machine without GNU gettext
serves English too. `make messages` regenerates both.
"""

from __future__ import annotations

import ast
import gettext
import os
import re
import shlex
import shutil
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]
LOCALE = ROOT / "simon" / "locale"
PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
MO = LOCALE / "en" / "LC_MESSAGES" / "django.mo"
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge", "msgattrib")


# --- a small reader of .po files (no dependency for it) -----------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.msgctxt, self.msgid, self.msgid_plural)

    def describe(self) -> str:
        context = f" (context {self.msgctxt!r})" if self.msgctxt is not None else ""
        return f"{self.msgid!r}{context}"


_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")\s*$")


def read_po(path: Path) -> list[Entry]:
    """Every entry of a .po file, the header (msgid "") included, obsolete ones marked."""
    entries: list[Entry] = []
    entry = Entry()
    started = False  # a keyword line was read for `entry`
    target: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal entry, started, target
        if started:
            entries.append(entry)
        entry, started, target = Entry(), False, None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            entry.obsolete = True
            line = line[2:].strip()
        elif line.startswith("#"):
            if started:
                finish()
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, index, literal = match.groups()
            if started and keyword in ("msgctxt", "msgid") and target and target[0] == "msgstr":
                finish()
            started = True
            target = (keyword, int(index or 0))
            _append(entry, target, ast.literal_eval(literal), new=True)
        elif line.startswith('"') and target is not None:
            _append(entry, target, ast.literal_eval(line), new=False)
        else:
            raise AssertionError(f"{path}: cannot read line {raw!r}")
    finish()
    return entries


def _append(entry: Entry, target: tuple[str, int], text: str, *, new: bool) -> None:
    keyword, index = target
    if keyword == "msgstr":
        entry.msgstr[index] = ("" if new else entry.msgstr.get(index, "")) + text
    else:
        current = getattr(entry, keyword)
        setattr(entry, keyword, text if new or current is None else current + text)


def messages(path: Path) -> list[Entry]:
    """The translatable entries: no header, no obsolete ones."""
    return [e for e in read_po(path) if e.msgid and not e.obsolete]


# --- (a) nothing untranslated, nothing fuzzy ----------------------------------------------


def test_the_catalogue_exists_with_an_english_header():
    header = read_po(PO)[0]
    assert header.msgid == ""
    assert "Language: en\n" in header.msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.msgstr[0]
    assert "charset=UTF-8" in header.msgstr[0]


def test_every_entry_is_translated_and_none_is_fuzzy():
    entries = messages(PO)
    assert len(entries) > 500  # the catalogue really holds the UI, not an empty stub

    untranslated = [
        e.describe()
        for e in entries
        if not e.msgstr
        or any(not text.strip() for text in e.msgstr.values())
        or (e.msgid_plural is not None and sorted(e.msgstr) != [0, 1])
    ]
    fuzzy = [e.describe() for e in entries if "fuzzy" in e.flags]
    obsolete = [e.describe() for e in read_po(PO) if e.obsolete]

    assert not untranslated, "untranslated in django.po:\n  " + "\n  ".join(untranslated)
    assert not fuzzy, "fuzzy in django.po (check and remove the flag):\n  " + "\n  ".join(fuzzy)
    assert not obsolete, "obsolete entries in django.po; run `make messages`"


def test_placeholders_survive_translation():
    """%(name)s placeholders of the Dutch text are all in the English one, and no new ones."""
    placeholder = re.compile(r"%\((\w+)\)[sd]")
    wrong = []
    for e in messages(PO):
        sources = [e.msgid] if e.msgid_plural is None else [e.msgid, e.msgid_plural]
        wanted = set().union(*(placeholder.findall(s) for s in sources))
        for text in e.msgstr.values():
            if set(placeholder.findall(text)) != wanted:
                wrong.append(f"{e.describe()} -> {text!r}")
    assert not wrong, "placeholders differ:\n  " + "\n  ".join(wrong)


# --- (b) the committed .mo is the compiled .po --------------------------------------------


def test_the_mo_file_is_up_to_date_with_the_po_file():
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)

    stale = []
    for e in messages(PO):
        if e.msgid_plural is None:
            got = (
                compiled.gettext(e.msgid)
                if e.msgctxt is None
                else compiled.pgettext(e.msgctxt, e.msgid)
            )
            if got != e.msgstr[0]:
                stale.append(f"{e.describe()}: .mo has {got!r}")
            continue
        for n, form in ((1, 0), (2, 1)):
            got = (
                compiled.ngettext(e.msgid, e.msgid_plural, n)
                if e.msgctxt is None
                else compiled.npgettext(e.msgctxt, e.msgid, e.msgid_plural, n)
            )
            if got != e.msgstr[form]:
                stale.append(f"{e.describe()} (n={n}): .mo has {got!r}")

    assert not stale, (
        "django.mo does not match django.po; run `make messages` (or "
        "`manage.py compilemessages`) and commit django.mo:\n  " + "\n  ".join(stale)
    )


# --- (c) every string the code has today is in the catalogue ------------------------------


def makemessages_ignore_patterns() -> list[str]:
    """The --ignore patterns of the Makefile's `messages` target, so both agree by construction."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    variables = dict(re.findall(r"^(\w+)\s*:?=\s*(.*)$", makefile, flags=re.M))
    line = next(row for row in makefile.splitlines() if "makemessages" in row and "$(PY)" in row)
    line = re.sub(r"\$\((\w+)\)", lambda m: variables.get(m.group(1), m.group(0)), line)
    words = shlex.split(line)
    patterns = [words[i + 1] for i, word in enumerate(words) if word == "--ignore"]
    assert "tests" in patterns, "the messages target must ignore test files (Dutch assertions)"
    return patterns


def require_gettext_tools() -> None:
    missing = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    message = f"GNU gettext is not installed ({', '.join(missing)} missing)"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI is set, so this fails instead of skipping", pytrace=False)
    pytest.skip(message)


def test_the_catalogue_holds_every_string_of_the_code(tmp_path, monkeypatch, settings):
    """makemessages over a copy of simon/ (so the checkout is never written) with the Makefile's
    ignores; every msgid it finds must be in the committed django.po."""
    require_gettext_tools()
    copy = tmp_path / "simon"
    shutil.copytree(
        ROOT / "simon",
        copy,
        ignore=shutil.ignore_patterns("locale", "__pycache__", "*.pyc", "*.sqlite3*"),
    )
    locale = copy / "locale"
    locale.mkdir()
    settings.LOCALE_PATHS = [locale]
    monkeypatch.chdir(tmp_path)

    call_command(
        "makemessages",
        locale=["en"],
        ignore_patterns=makemessages_ignore_patterns(),
        no_obsolete=True,
        verbosity=0,
    )

    fresh = messages(locale / "en" / "LC_MESSAGES" / "django.po")
    assert len(fresh) > 500, "makemessages found almost nothing; are the ignores too wide?"
    committed = {e.key for e in messages(PO)}
    missing = sorted(
        {e.describe() for e in fresh if e.key not in committed},
    )
    assert not missing, (
        f"{len(missing)} string(s) in the code are not in simon/locale/en/LC_MESSAGES/django.po. "
        "Run `make messages`, translate the new entries (no empty msgstr, no fuzzy), run "
        "`make messages` again to compile, and commit django.po and django.mo:\n  "
        + "\n  ".join(missing)
    )


def test_the_ignore_patterns_do_not_hide_the_integration():
    """'snelstart*' once hid simon/snelstart_sync from makemessages: patterns match any name."""
    from django.core.management.utils import is_ignored_path

    patterns = makemessages_ignore_patterns()
    for kept in ("simon/snelstart_sync", "simon/api/docs.py", "simon/templates/base.html"):
        assert not is_ignored_path(kept, patterns), kept
    for skipped in ("snelstart", "snelstart_emulator", ".venv", "simon/workorders/tests"):
        assert is_ignored_path(skipped, patterns), skipped


# --- (d) the pages speak English after 'English' ------------------------------------------

DUTCH_UI_WORDS = [
    "Werkbonnen",
    "Klanten",
    "Artikelen",
    "Integraties",
    "Uitloggen",
    "Nieuwe werkbon",
    "Zoeken",
    "Gereed gemeld",
]


@pytest.mark.django_db
def test_after_switching_to_english_the_main_pages_are_in_english(alice_client, org_a, alice, bob):
    from simon.testing import DAY, make_address, make_article, make_customer
    from simon.workorders import services

    customer = make_customer(org_a)
    address = make_address(customer)
    article = make_article(org_a)
    order = services.create_work_order(
        org_a, by=alice, customer=customer, work_address=address, description="Lekkage",
        planned_date=DAY, planned_start=time(8), planned_end=time(10), employees=[bob],
    )  # fmt: skip
    services.add_time_entry(order, by=bob, employee=bob, kind="werktijd", date=DAY, minutes=60)
    services.add_material(order, by=bob, article=article, quantity="2")
    services.report_complete(order, by=bob)

    switched = alice_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert switched.status_code == 302

    pages = {
        reverse("workorders:list"): ["Work orders", "Customer", "Completed", "Archive"],
        reverse("customers:list"): ["Customers", "Search", "City"],
        reverse("catalog:list"): ["Articles", "Article code", "Article groups"],
        reverse("snelstart_sync:integrations"): ["Integrations", "Activate integration"],
    }
    for url, english in pages.items():
        response = alice_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="en">' in html, url
        for words in [*english, "Log out", "Nederlands"]:
            assert words in html, f"{url}: {words!r} missing"
        for words in DUTCH_UI_WORDS:
            assert not re.search(rf"\b{re.escape(words)}\b", html), f"{url}: Dutch {words!r}"

    back = alice_client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert back.status_code == 302
    html = alice_client.get(reverse("workorders:list")).content.decode()
    assert "Werkbonnen" in html and "Uitloggen" in html and "Log out" not in html
