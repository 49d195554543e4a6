"""Answering a registration the field app sent before (its ``client_id`` is already booked).

The answer is the first one again: the same status, the row as it is now, and the header
``Idempotent-Replayed: true`` so a client can tell (see simon/workorders/services/idempotency).
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from django.db import models
from django.http import HttpResponse

from simon.api.services import Caller
from simon.workorders.services.idempotency import earlier_registration

HEADER = "Idempotent-Replayed"
REPLAY_ERRORS = (409, 410)  # the id belongs to another registration; booked and removed since

M = TypeVar("M", bound=models.Model)


def earlier(
    model: type[M], who: Caller, client_id: uuid.UUID | None, work_order_code: Any
) -> M | None:
    """The row this registration booked before, looked up before the work order itself: a
    replay gets its answer even when the order was archived since or the caller taken off it."""
    return earlier_registration(
        model, who.organization.pk, client_id, by=who.user, work_order_code=work_order_code
    )


def mark(response: HttpResponse) -> None:
    response[HEADER] = "true"
