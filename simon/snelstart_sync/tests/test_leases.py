"""The sync lease: who holds it, shown to operators, and a killed worker's lease taken over at
once when its process is gone from this machine (issue 9)."""

from __future__ import annotations

import datetime as dt
import io
import os
import socket
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.utils import timezone

from simon.snelstart_sync import leases
from simon.snelstart_sync.models import Connection, State

pytestmark = pytest.mark.django_db

HOST = socket.gethostname()


def dead_pid() -> int:
    """The id of a process that has exited (and was reaped) on this machine."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def held_by(organization, owner: str, seconds: int = 120) -> Connection:
    return Connection.objects.create(
        organization=organization,
        state=State.ACTIVE,
        lease_owner=owner,
        lease_expires_at=timezone.now() + dt.timedelta(seconds=seconds),
    )


def test_a_dead_local_workers_lease_is_taken_over_at_once(org_a):
    connection = held_by(org_a, f"{HOST}:{dead_pid()}:1:abcd1234")

    assert leases.acquire(connection.pk, "new-owner")

    connection.refresh_from_db()
    assert connection.lease_owner == "new-owner"


def test_a_live_local_workers_lease_is_respected(org_a):
    connection = held_by(org_a, f"{HOST}:{os.getpid()}:1:abcd1234")

    assert not leases.acquire(connection.pk, "new-owner")


def test_a_worker_on_another_machine_is_waited_out_until_the_lease_expires(org_a):
    connection = held_by(org_a, f"other-host:{dead_pid()}:1:abcd1234")

    assert not leases.acquire(connection.pk, "new-owner")

    Connection.objects.filter(pk=connection.pk).update(
        lease_expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert leases.acquire(connection.pk, "new-owner")


def test_the_skip_reason_names_the_holder_and_the_expiry(org_a):
    until = timezone.now() + dt.timedelta(seconds=90)
    connection = held_by(org_a, "worker-7:123:1:abcd1234")
    Connection.objects.filter(pk=connection.pk).update(lease_expires_at=until)

    reason = leases.why_skipped(connection.pk)

    assert reason.startswith(
        "skipped: another worker is busy (lease held by worker-7:123:1:abcd1234 until "
        f"{until:%Y-%m-%d %H:%M:%S} UTC ("
    )


def test_the_skip_reason_says_when_the_integration_is_not_active(org_a):
    connection = Connection.objects.create(organization=org_a, state=State.DEACTIVATED)

    assert leases.why_skipped(connection.pk) == "skipped: not active (state deactivated)"


def test_status_shows_the_lease_of_each_organization(org_a, org_b):
    held_by(org_a, "worker-7:123:1:abcd1234")
    Connection.objects.create(organization=org_b, state=State.ACTIVE)
    out = io.StringIO()

    call_command("snelstart", "status", stdout=out)

    lines = out.getvalue().splitlines()
    assert any(line.startswith("  lease held by worker-7:123:1:abcd1234 until ") for line in lines)
    assert "  lease free" in lines
