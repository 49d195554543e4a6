"""The migrations describe the models exactly: a model change without its migration fails here
(issue 12 item 6), not on the first installation that upgrades."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_makemigrations_finds_nothing_to_write():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as pending:
        pytest.fail(f"models changed without a migration (exit {pending.code}):\n{out.getvalue()}")
