"""Two worker processes never sync the same organization at once (issue 4, item 4).

Real processes, a real shared SQLite file and the emulator over HTTP answering slowly. The
second worker is started while the first is provably mid-sync (its run row exists and is not
finished): it must see the lease taken and do nothing.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from snelstart_emulator.testing import EmulatorServer

ROOT = Path(__file__).resolve().parents[3]

SETUP = """
from simon.snelstart_sync import crypto
from simon.snelstart_sync.configuration import save_version
from simon.snelstart_sync.models import Connection
from simon.tenants.models import Organization
org = Organization.objects.create(name="Twee Werkers BV")
Connection.objects.create(organization=org, state="configured",
    client_key_encrypted=crypto.encrypt({key!r}), administration_id={admin!r})
save_version(org, by=None, values={{}})
print(org.code)
"""


def wait_until_mid_sync(database: Path, worker: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert worker.poll() is None, "the first worker finished before the second could start"
        try:
            with sqlite3.connect(database) as db:
                running = db.execute(
                    "select count(*) from snelstart_sync_syncrun where finished_at is null"
                ).fetchone()[0]
        except sqlite3.OperationalError:
            running = 0  # table not there yet / locked for a moment
        if running:
            return
        time.sleep(0.05)
    raise AssertionError("the first worker never started syncing")


def manage(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_worker_processes_never_sync_one_organization_at_once(tmp_path):
    with EmulatorServer() as emulator:
        admin = emulator.create_administration(customers=600, articles=1200, groups=3)
        emulator.set_faults(admin.administration_id, latency_ms=400)
        env = {
            **os.environ,
            "SIMON_DATA_DIR": str(tmp_path),
            "SNELSTART_TOKEN_URL": emulator.token_url,
            "SNELSTART_BASE_URL": emulator.base_url,
            "SNELSTART_SUBSCRIPTION_KEY": emulator.subscription_key,
            "SNELSTART_CALLS_PER_MINUTE": "100000",
            "SNELSTART_IMPORT_WORKERS": "1",
        }
        env.pop("DATABASE_URL", None)
        migrate = manage(env, "migrate", "--noinput")
        assert migrate.wait(timeout=120) == 0, migrate.stderr.read()
        setup = manage(
            env,
            "shell",
            "-c",
            SETUP.format(key=admin.client_key, admin=admin.administration_id),
        )
        out, err = setup.communicate(timeout=60)
        assert setup.returncode == 0, err
        code = out.strip().splitlines()[-1]

        first = manage(env, "snelstart", "sync", "--org", code)
        wait_until_mid_sync(tmp_path / "simon.sqlite3", first)
        # The first stays mid-sync however long the second process takes to start on a busy
        # machine; once the second has answered, the first may finish quickly.
        emulator.set_faults(admin.administration_id, latency_ms=2000)
        second = manage(env, "snelstart", "sync", "--org", code)
        second_output = second.communicate(timeout=180)
        emulator.set_faults(admin.administration_id, latency_ms=0)
        workers = [first, second]
        outputs = [first.communicate(timeout=180), second_output]
        assert [w.returncode for w in workers] == [0, 0], outputs

    said = [out.strip() for out, _err in outputs]
    assert said[0].startswith("Twee Werkers BV: ok"), said
    assert said[1].startswith("Twee Werkers BV: skipped: another worker is busy (lease held by "), (
        said
    )
    with sqlite3.connect(tmp_path / "simon.sqlite3") as db:
        runs = db.execute("select worker, ok from snelstart_sync_syncrun").fetchall()
        customers = db.execute("select count(*) from customers_customer").fetchone()[0]
        lease = db.execute("select lease_owner from snelstart_sync_connection").fetchone()[0]
    assert len(runs) == 1 and runs[0][1] == 1
    assert customers > 0
    assert lease == ""
