"""One sync per organization at a time, across worker processes and machines.

The lease lives on the organization's ``Connection`` row and is taken with one conditional
UPDATE (never check-then-act), so it works wherever the database is shared: SQLite for one
machine, PostgreSQL for many. A lease expires, so a worker that died does not block its
organization forever; a long run renews it after every page.

A worker killed on *this* machine is noticed sooner: the owner names its host and process, and
when that process no longer exists the lease is taken over at once instead of after expiry.
That is safe because a process that is gone writes nothing more. A worker on another machine,
or a process id that is alive (perhaps reused), is waited out: Simon cannot see it is dead.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from simon.snelstart_sync.models import RUNNING_STATES, Connection

LEASE_SECONDS = 120


class LeaseLost(Exception):
    """Another worker holds the lease now; this run must stop without writing more."""


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}:{uuid.uuid4().hex[:8]}"


def process_gone(owner: str, host: str | None = None) -> bool:
    """True only when ``owner`` ran on this host in a process that no longer exists."""
    parts = owner.split(":")
    if len(parts) < 4 or parts[0] != (host or socket.gethostname()) or not parts[1].isdigit():
        return False
    try:
        os.kill(int(parts[1]), 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it exists but is not ours to signal (another user): alive
    return False


def acquire(connection_id: int, owner: str, seconds: int = LEASE_SECONDS, **also: Any) -> bool:
    """Take the lease; ``also`` are fields written in the same UPDATE when it is taken (e.g.
    when the sync started: one statement instead of two on every sync)."""
    now = timezone.now()
    until = now + timedelta(seconds=seconds)
    taken = (
        Connection.objects.filter(pk=connection_id)
        .filter(Q(lease_owner="") | Q(lease_expires_at__lt=now) | Q(lease_owner=owner))
        .update(lease_owner=owner, lease_expires_at=until, **also)
    )
    if taken == 1:
        return True
    holder = Connection.objects.filter(pk=connection_id).values_list("lease_owner", flat=True)
    previous = holder.first()
    if previous and process_gone(previous):
        # Conditional on the dead owner: of two workers noticing it, one takes the lease.
        taken = Connection.objects.filter(pk=connection_id, lease_owner=previous).update(
            lease_owner=owner, lease_expires_at=until, **also
        )
        return taken == 1
    return False


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


def describe(connection: Connection, now: datetime | None = None) -> str:
    """The lease for operators: who holds it and until when (UTC), or that it is free."""
    now = now or timezone.now()
    if not connection.lease_owner:
        return "lease free"
    until = connection.lease_expires_at
    if until is None or until < now:
        return f"lease of {connection.lease_owner} expired (free to take)"
    gone = (
        " (process gone: taken over by the next worker)"
        if process_gone(connection.lease_owner)
        else ""
    )
    left = (until - now).total_seconds()
    return (
        f"lease held by {connection.lease_owner} until {until:%Y-%m-%d %H:%M:%S} UTC "
        f"({left:.0f}s){gone}"
    )


def why_skipped(connection_id: int) -> str:
    """Why a sync or clean-up of this connection did not run, for the operator."""
    connection = Connection.objects.filter(pk=connection_id).first()
    if connection is None:
        return "skipped: no SnelStart connection"
    if connection.state not in RUNNING_STATES:
        return f"skipped: not active (state {connection.state})"
    return f"skipped: another worker is busy ({describe(connection)})"


def release(connection_id: int, owner: str) -> None:
    Connection.objects.filter(pk=connection_id, lease_owner=owner).update(
        lease_owner="", lease_expires_at=None
    )


@contextmanager
def held(connection_id: int, owner: str | None = None, **also: Any) -> Iterator[str | None]:
    """Yield the owner id when the lease was taken, None when another worker holds it."""
    owner = owner or worker_id()
    if not acquire(connection_id, owner, **also):
        yield None
        return
    try:
        yield owner
    finally:
        release(connection_id, owner)
