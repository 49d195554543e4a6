"""One sync per organization at a time, across worker processes and machines.

The lease lives on the organization's ``Connection`` row and is taken with one conditional
UPDATE (never check-then-act), so it works wherever the database is shared: SQLite for one
machine, PostgreSQL for many. A lease expires, so a worker that died does not block its
organization forever; a long run renews it after every page.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from simon.snelstart_sync.models import RUNNING_STATES, Connection

LEASE_SECONDS = 120


class LeaseLost(Exception):
    """Another worker holds the lease now; this run must stop without writing more."""


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}:{uuid.uuid4().hex[:8]}"


def acquire(connection_id: int, owner: str, seconds: int = LEASE_SECONDS) -> bool:
    now = timezone.now()
    taken = (
        Connection.objects.filter(pk=connection_id)
        .filter(Q(lease_owner="") | Q(lease_expires_at__lt=now) | Q(lease_owner=owner))
        .update(lease_owner=owner, lease_expires_at=now + timedelta(seconds=seconds))
    )
    return taken == 1


def renew(connection_id: int, owner: str, seconds: int = LEASE_SECONDS) -> None:
    """Extend the lease, but only while the integration still runs: 'Deactiveren' during a
    long import stops it at the next page (S30), instead of after the last."""
    renewed = Connection.objects.filter(
        pk=connection_id, lease_owner=owner, state__in=RUNNING_STATES
    ).update(lease_expires_at=timezone.now() + timedelta(seconds=seconds))
    if renewed != 1:
        raise LeaseLost(
            f"connection {connection_id}: the lease is no longer held by {owner}, or the "
            "integration was deactivated"
        )


def release(connection_id: int, owner: str) -> None:
    Connection.objects.filter(pk=connection_id, lease_owner=owner).update(
        lease_owner="", lease_expires_at=None
    )


@contextmanager
def held(connection_id: int, owner: str | None = None) -> Iterator[str | None]:
    """Yield the owner id when the lease was taken, None when another worker holds it."""
    owner = owner or worker_id()
    if not acquire(connection_id, owner):
        yield None
        return
    try:
        yield owner
    finally:
        release(connection_id, owner)
