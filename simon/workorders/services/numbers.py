"""Readable work order numbers: 'YYYY-NNNNN' per organization and year, without collisions."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from simon.tenants.models import Organization
from simon.workorders.models import WorkOrderSequence


def format_number(year: int, number: int) -> str:
    return f"{year}-{number:05d}"


def allocate_number(organization: Organization, year: int | None = None) -> str:
    """Hand out the next number of this organization's year, e.g. '2026-00042'.

    The counter row is incremented with an UPDATE ... SET last_number = last_number + 1, which
    locks the row until the surrounding transaction ends (PostgreSQL) or runs inside SQLite's
    single writer (transaction_mode IMMEDIATE), so two concurrent callers never read the same
    value. Called inside the transaction that creates the work order, a rollback gives the
    number back: numbers stay gap-free.
    """
    year = year or timezone.localdate().year
    with transaction.atomic():
        sequence, _ = WorkOrderSequence.objects.get_or_create(organization=organization, year=year)
        rows = WorkOrderSequence.objects.filter(pk=sequence.pk)
        rows.update(last_number=F("last_number") + 1)
        last = rows.values_list("last_number", flat=True).get()
    return format_number(year, last)
