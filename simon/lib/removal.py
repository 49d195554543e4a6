"""Removing master data without ever breaking a work order's history (S5)."""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError


def delete_or_hide(row: models.Model) -> bool:
    """Delete the row, or hide it (``active=False``) when something still refers to it.

    Returns True when deleted. Trying the delete and falling back on the database's refusal
    avoids a check-then-act race with a work order being made for this row at the same moment.
    """
    try:
        with transaction.atomic():
            row.delete()
        return True
    except (ProtectedError, RestrictedError):
        type(row)._default_manager.filter(pk=row.pk).update(active=False)
        row.active = False  # type: ignore[attr-defined]  # every model hidden so has ``active``
        return False
