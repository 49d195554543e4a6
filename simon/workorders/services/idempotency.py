"""Registrations from the field app are sent exactly once, however often the phone sends them.

The phone gives every registration its own id (``client_id``, a UUID) and keeps sending the
request until it hears an answer, so the server may see it twice: the first answer can be lost
in a dead zone. The row a registration creates stores that id (unique per organization); a
request whose id is already stored gets that row back instead of booking again, even when the
work order has been archived since or the monteur was taken off it: it *was* booked. A row
that was deleted after it was booked leaves a ``RemovedRegistration`` behind, so a late replay
does not bring it back either.
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext as _

from simon.tenants.types import User
from simon.workorders.errors import RegistrationConflict, RegistrationRemoved
from simon.workorders.models import RemovedRegistration, StatusChange

R = TypeVar("R", bound=models.Model)


def _author_id(row: models.Model) -> int | None:
    """Who made the registration: ``by`` of a status change, ``created_by`` of the others."""
    attribute = "by_id" if isinstance(row, StatusChange) else "created_by_id"
    return getattr(row, attribute)


def earlier_registration(
    model: type[R],
    organization_id: int,
    client_id: uuid.UUID | None,
    *,
    by: User | None,
    work_order_code: Any,
) -> R | None:
    """The row an earlier request with this ``client_id`` created, or None for a new one.

    Raises ``RegistrationRemoved`` when that row was deleted since, and
    ``RegistrationConflict`` when the id belongs to another work order or another person (a
    fault of the app; nothing of that registration is shown).
    """
    if client_id is None:
        return None
    row = (
        model._default_manager.filter(organization_id=organization_id, client_id=client_id)
        .select_related("work_order")
        .first()
    )
    if row is None:
        removed = RemovedRegistration.objects.filter(
            organization_id=organization_id, client_id=client_id
        )
        if removed.exists():
            raise RegistrationRemoved(
                _(
                    "Deze registratie is al verwerkt en daarna verwijderd; "
                    "hij wordt niet opnieuw geboekt."
                )
            )
        return None
    author = by.pk if by is not None else None
    if str(row.work_order.code) != str(work_order_code) or _author_id(row) != author:  # type: ignore[attr-defined]
        raise RegistrationConflict(
            _("Deze app-id is al gebruikt voor een andere registratie."), field="client_id"
        )
    return row


def remember_removal(row: Any, *, by: User | None) -> None:
    """Keep the app-id of a time entry or material line that is being deleted (if it has one)."""
    if row.client_id is None:
        return
    RemovedRegistration.objects.get_or_create(
        organization_id=row.organization_id,
        client_id=row.client_id,
        defaults={"work_order_id": row.work_order_id, "removed_by": by},
    )
