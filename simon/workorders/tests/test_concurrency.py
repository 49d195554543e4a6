"""Two users archiving the same order at once: exactly one archive, one signal, one history row."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection, connections

from simon.workorders import services
from simon.workorders.errors import WorkOrderError
from simon.workorders.events import work_order_archived
from simon.workorders.models import StatusChange, WorkOrderStatus

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db(transaction=True)
def test_concurrent_archives_on_postgresql_archive_once(org_a, alice, karin):
    if connection.vendor != "postgresql":
        pytest.skip("needs real row locks; the SQLite variant below runs in a subprocess")
    work_order = services.report_complete(services.create_work_order(org_a, by=karin), by=karin)
    signals: list[int] = []
    outcomes: list[str] = []
    barrier = threading.Barrier(6)

    def receiver(sender, work_order, by, **kwargs):
        signals.append(work_order.pk)

    def race(user):
        try:
            barrier.wait()
            services.archive(work_order.__class__.objects.get(pk=work_order.pk), by=user)
            outcomes.append("archived")
        except WorkOrderError as error:
            outcomes.append(error.message)
        finally:
            connections.close_all()

    work_order_archived.connect(receiver, dispatch_uid="test-race")
    try:
        threads = [threading.Thread(target=race, args=(u,)) for u in [alice, karin] * 3]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        work_order_archived.disconnect(dispatch_uid="test-race")

    assert sorted(outcomes) == ["Deze werkbon is al gearchiveerd."] * 5 + ["archived"]
    assert signals == [work_order.pk]
    assert StatusChange.objects.filter(to_status=WorkOrderStatus.ARCHIVED).count() == 1


SCRIPT = """
import json, os, threading
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "simon.settings"
django.setup()
from django.core.management import call_command
from django.db import connections
call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model
from simon.tenants.models import Membership, Organization
from simon.workorders import services
from simon.workorders.errors import WorkOrderError
from simon.workorders.events import work_order_archived
from simon.workorders.models import StatusChange, WorkOrder
org = Organization.objects.create(name="Race")
user = get_user_model().objects.create_user("racer")
Membership.objects.create(user=user, organization=org, role="kantoor")
order = services.report_complete(services.create_work_order(org, by=user), by=user)
signals, outcomes = [], []
work_order_archived.connect(lambda **kw: signals.append(kw["work_order"].pk), weak=False)
barrier = threading.Barrier(6)
def race():
    try:
        barrier.wait()
        services.archive(WorkOrder.objects.get(pk=order.pk), by=user)
        outcomes.append("archived")
    except WorkOrderError as error:
        outcomes.append(str(error))
    finally:
        connections.close_all()
threads = [threading.Thread(target=race) for _ in range(6)]
[t.start() for t in threads]
[t.join() for t in threads]
history = StatusChange.objects.filter(to_status="gearchiveerd").count()
print(json.dumps({"outcomes": sorted(outcomes), "signals": len(signals), "history": history}))
"""


def test_concurrent_archives_on_file_based_sqlite_archive_once(tmp_path):
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

    assert outcome == {
        "outcomes": ["Deze werkbon is al gearchiveerd."] * 5 + ["archived"],
        "signals": 1,
        "history": 1,
    }
