"""Work order numbers: 'YYYY-NNNNN', sequential per organization and year, never colliding."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import time_machine
from django.db import connection, connections

from simon.workorders import services

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_numbers_count_up_per_organization(org_a, org_b, alice, charlie):
    with time_machine.travel("2026-05-01 10:00 +02:00", tick=False):
        first = services.create_work_order(org_a, by=alice)
        second = services.create_work_order(org_a, by=alice)
        other = services.create_work_order(org_b, by=charlie)

    assert (first.number, second.number) == ("2026-00001", "2026-00002")
    assert other.number == "2026-00001"


@pytest.mark.django_db
def test_a_new_year_starts_again_at_one(org_a, alice):
    with time_machine.travel("2026-12-31 23:30 +01:00", tick=False):
        last_of_year = services.create_work_order(org_a, by=alice)
    # 00:30 in Amsterdam is still 2026 in UTC: the local year decides.
    with time_machine.travel("2027-01-01 00:30 +01:00", tick=False):
        first_of_year = services.create_work_order(org_a, by=alice)

    assert last_of_year.number == "2026-00001"
    assert first_of_year.number == "2027-00001"


@pytest.mark.django_db
def test_a_rolled_back_creation_gives_its_number_back(org_a, alice):
    import uuid

    from simon.workorders.errors import WorkOrderError

    order_id = uuid.uuid4()
    with time_machine.travel("2026-05-01 10:00 +02:00", tick=False):
        services.create_work_order(org_a, by=None, snelstart_order_id=order_id)
        # Fails inside the transaction, after the number was allocated.
        with pytest.raises(WorkOrderError):
            services.create_work_order(org_a, by=None, snelstart_order_id=order_id)
        work_order = services.create_work_order(org_a, by=alice)

    assert work_order.number == "2026-00002"


@pytest.mark.django_db(transaction=True)
def test_concurrent_creations_on_postgresql_never_collide(org_a, alice):
    if connection.vendor != "postgresql":
        pytest.skip("threads on the in-memory SQLite test database share no locks; see below")
    numbers: list[str] = []
    errors: list[BaseException] = []

    def create_some() -> None:
        try:
            for _ in range(5):
                numbers.append(services.create_work_order(org_a, by=alice).number)
        except BaseException as exc:  # pragma: no cover - reported by the assertion
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create_some) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(numbers) == 40
    assert sorted(int(n.split("-")[1]) for n in numbers) == list(range(1, 41))


SCRIPT = """
import json, os, sys, threading
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "simon.settings"
django.setup()
from django.core.management import call_command
from django.db import connections
call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model
from simon.tenants.models import Membership, Organization
from simon.workorders import services
org = Organization.objects.create(name="Race")
user = get_user_model().objects.create_user("racer")
Membership.objects.create(user=user, organization=org, role="kantoor")
numbers, errors = [], []
def work():
    try:
        for _ in range(10):
            numbers.append(services.create_work_order(org, by=user).number)
    except Exception as exc:
        errors.append(repr(exc))
    finally:
        connections.close_all()
threads = [threading.Thread(target=work) for _ in range(6)]
[t.start() for t in threads]
[t.join() for t in threads]
print(json.dumps({"numbers": numbers, "errors": errors}))
"""


def test_concurrent_creations_on_file_based_sqlite_never_collide(tmp_path):
    """The embedded set-up: WAL, IMMEDIATE transactions, six threads creating at once."""
    env = {**os.environ, "SIMON_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout.strip().splitlines()[-1])

    assert outcome["errors"] == []
    numbers = outcome["numbers"]
    assert len(numbers) == 60
    assert sorted(int(n.split("-")[1]) for n in numbers) == list(range(1, 61))
