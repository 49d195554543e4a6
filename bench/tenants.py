"""How many organizations one worker process keeps in sync (issue 11, B4).

Distributed mode as production runs it: PostgreSQL (``--database``, default the CI server) and
RedisHuey (``--redis``), with 1, 2 and 4 worker processes (``manage.py run_huey``, each with
``--threads`` threads). The emulator plays SnelStart for ``--organizations`` administrations,
every call taking ``--latency-ms`` (100 ms: a slow day). Nothing changes in SnelStart, so each
sync is an idle one (one request per stream).

For each number of processes, every organization is made due at once and asked for a sync
through the queue, as the scheduler's tick does; the figure is how many syncs finish per
minute, per process: the number of organizations one process keeps within a 60-second
interval. A second table puts the CPU of one idle sync next to a bare client making the same
requests (from the same process, measured in this run).

    .venv/bin/python bench/tenants.py [--organizations 600] [--threads 16] [--latency-ms 100]
        [--processes 1,2,4]

Figures of the latest run are in the README ("Measured").
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._emulator import SUBSCRIPTION_KEY, emulator  # noqa: E402

DEFAULT_DATABASE = "postgresql://postgres@127.0.0.1:5432/simon_bench_tenants"
DEFAULT_REDIS = "redis://127.0.0.1:6379/12"


def environment(url: str, database: str, redis: str, threads: int) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "simon.settings",
        "DATABASE_URL": database,
        "REDIS_URL": redis,
        "SIMON_DATA_DIR": str(ROOT / "var" / "bench-tenants"),
        "SNELSTART_TOKEN_URL": f"{url}/b2b/token",
        "SNELSTART_BASE_URL": f"{url}/v2",
        "SNELSTART_SUBSCRIPTION_KEY": SUBSCRIPTION_KEY,
        "SNELSTART_CALLS_PER_MINUTE": "100000",
        "SIMON_HUEY_WORKERS": str(threads),
        "SIMON_LOG_LEVEL": "WARNING",
    }


def recreate_database(database: str) -> None:
    import psycopg

    name = database.rsplit("/", 1)[1]
    server = database.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup(url: str, organizations: int, env: dict[str, str]) -> None:
    """Organizations with their own administration, active, first import done."""
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    keys = []
    with httpx.Client(base_url=f"{url}/admin", timeout=60) as admin:
        for i in range(organizations):
            made = admin.post(
                "/administrations",
                json={
                    "name": f"Bench {i}",
                    "customers": 3,
                    "articles": 5,
                    "groups": 2,
                    "orders": 0,
                    "client_key": f"bench-tenant-key-{i:05d}",
                },
            )
            made.raise_for_status()
            keys.append((made.json()["client_key"], made.json()["administration_id"]))
    script = (
        "import json,sys\n"
        "from django.utils import timezone\n"
        "from simon.snelstart_sync import crypto\n"
        "from simon.snelstart_sync.configuration import save_version\n"
        "from simon.snelstart_sync.models import Connection\n"
        "from simon.tenants.models import Organization\n"
        "for i, (key, admin) in enumerate(json.load(sys.stdin)):\n"
        "    org = Organization.objects.create(name=f'Bench {i}')\n"
        "    Connection.objects.create(organization=org, state='configured',\n"
        "        client_key_encrypted=crypto.encrypt(key), administration_id=admin)\n"
        "    save_version(org, by=None, values={'pull_orders': True})\n"
    )
    import json

    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        input=json.dumps(keys),
        text=True,
        check=True,
    )


ROUND = """
import time
from django.utils import timezone
from simon.snelstart_sync import tasks
from simon.snelstart_sync.models import Connection, SyncRun
start = timezone.now()
Connection.objects.update(next_sync_at=start)
ids = list(Connection.objects.values_list("organization_id", flat=True))
t0 = time.monotonic()
for org in ids:
    tasks.sync_if_due_task(org)
while SyncRun.objects.filter(started_at__gte=start, ok=True).count() < len(ids):
    time.sleep(0.05)
    if time.monotonic() - t0 > 600:
        raise SystemExit("not all organizations synced within 10 minutes")
print(len(ids), time.monotonic() - t0)
"""


def one_round(env: dict[str, str], processes: int) -> tuple[int, float]:
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "run_huey", "--quiet"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(processes)
    ]
    try:
        time.sleep(3)  # the consumers start
        out = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", ROUND],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        count, seconds = out.stdout.strip().splitlines()[-1].split()
        return int(count), float(seconds)
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)


CPU = """
import statistics, time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo
from django.conf import settings
from simon.snelstart_sync import crypto
from simon.snelstart_sync.models import Connection
from simon.snelstart_sync.sync import sync_organization
from snelstart import SnelStartClient, odata
connection = Connection.objects.order_by("pk").first()
def median_cpu(run, n=30):
    times = []
    for _ in range(n):
        c0 = time.process_time(); run(); times.append(time.process_time() - c0)
    return statistics.median(times) * 1000
sync_cpu = median_cpu(lambda: sync_organization(connection.organization_id))
client = SnelStartClient(client_key=crypto.decrypt(connection.client_key_encrypted),
    subscription_key=settings.SNELSTART_SUBSCRIPTION_KEY, token_url=settings.SNELSTART_TOKEN_URL,
    base_url=settings.SNELSTART_BASE_URL)
since = datetime.now(ZoneInfo("Europe/Amsterdam")).replace(tzinfo=None) - timedelta(minutes=2)
def same_requests():
    client.artikelomzetgroepen.list()
    client.artikelen.page(0, 500, odata.modified_since(since))
    client.relaties.page(0, 500, odata.and_(odata.relatiesoort_is("Klant"),
        odata.modified_since(since)))
    client.verkooporders.page(0, 500, odata.modified_since(since))
bare_cpu = median_cpu(same_requests)
print(f"{sync_cpu:.2f} {bare_cpu:.2f}")
"""


def cpu_per_sync(env: dict[str, str]) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", CPU],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    sync_cpu, bare_cpu = out.stdout.strip().splitlines()[-1].split()
    return float(sync_cpu), float(bare_cpu)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organizations", type=int, default=600)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--processes", default="1,2,4")
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--redis", default=DEFAULT_REDIS)
    args = parser.parse_args()
    recreate_database(args.database)
    import redis

    redis.Redis.from_url(args.redis).flushdb()
    rows = []
    with emulator(0, 0, latency_ms=args.latency_ms) as url:
        env = environment(url, args.database, args.redis, args.threads)
        t0 = time.monotonic()
        setup(url, args.organizations, env)
        rounds = [int(p) for p in args.processes.split(",")]
        one_round(env, max(rounds))  # the first imports, so that every measured sync is idle
        print(f"set up {args.organizations} organizations in {time.monotonic() - t0:.0f} s")
        for processes in rounds:
            count, seconds = one_round(env, processes)
            per_minute = count / seconds * 60
            rows.append((processes, count, seconds, per_minute, per_minute / processes))
        sync_cpu, bare_cpu = cpu_per_sync(env)
    print(
        f"\nidle syncs, {args.latency_ms:g} ms per SnelStart call, {args.threads} threads per "
        "process, PostgreSQL + Redis:"
    )
    print("processes | organizations | seconds for all | syncs per minute | per process")
    for processes, count, seconds, per_minute, per_process in rows:
        print(
            f"{processes:>9} | {count:>13} | {seconds:>15.1f} | {per_minute:>16,.0f} | "
            f"{per_process:>11,.0f}"
        )
    print(
        f"\nCPU per idle sync: {sync_cpu:.1f} ms; a bare client making the same 4 requests: "
        f"{bare_cpu:.1f} ms; ratio {sync_cpu / bare_cpu:.2f}x (median of 30)"
    )
    print("targets: at least 1,000 organizations per process, idle sync CPU at most 3x")


if __name__ == "__main__":
    main()
