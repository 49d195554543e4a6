"""What a sync costs when nothing changed in SnelStart (S31: every minute, cheap when idle).

After a first import of the given data, runs N syncs with no changes in between and prints the
requests each sync makes per endpoint (target: one per stream), and the CPU and wall time of a
sync, next to a baseline measured in the same run: a bare client making the same requests.
'Verkooporders ophalen' is on (a fourth stream, issue 10) unless ``--no-orders``.

    .venv/bin/python bench/idle_poll.py [--customers N] [--articles N] [--syncs N] [--no-orders]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._emulator import CLIENT_KEY, SUBSCRIPTION_KEY, emulator  # noqa: E402


def setup_django(url: str, data_dir: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "simon.settings",
            "SIMON_DATA_DIR": data_dir,
            "SNELSTART_TOKEN_URL": f"{url}/b2b/token",
            "SNELSTART_BASE_URL": f"{url}/v2",
            "SNELSTART_SUBSCRIPTION_KEY": SUBSCRIPTION_KEY,
            "SNELSTART_CALLS_PER_MINUTE": "100000",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def counts(url: str) -> dict[str, int]:
    import httpx

    admins = httpx.get(f"{url}/admin/administrations").json()
    admin_id = admins[0]["administration_id"] if isinstance(admins, list) else None
    return httpx.get(f"{url}/admin/administrations/{admin_id}/requests").json()["by_endpoint"]


def measure(run: object, times: int) -> tuple[float, float]:
    cpu, wall = [], []
    for _ in range(times):
        c0, w0 = time.process_time(), time.perf_counter()
        run()  # type: ignore[operator]
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu) * 1000, statistics.median(wall) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=2_000)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--syncs", type=int, default=20)
    parser.add_argument("--no-orders", action="store_true", help="'Verkooporders ophalen' off")
    args = parser.parse_args()
    streams = 3 if args.no_orders else 4
    with (
        emulator(args.customers, args.articles, latency_ms=0) as url,
        tempfile.TemporaryDirectory() as data,
    ):
        setup_django(url, data)
        from simon.snelstart_sync import crypto
        from simon.snelstart_sync.configuration import save_version
        from simon.snelstart_sync.models import Connection
        from simon.snelstart_sync.sync import sync_organization
        from simon.tenants.models import Organization
        from snelstart import SnelStartClient, odata

        org = Organization.objects.create(name="Bench BV")
        Connection.objects.create(
            organization=org, state="configured", client_key_encrypted=crypto.encrypt(CLIENT_KEY)
        )
        save_version(org, by=None, values={"pull_orders": not args.no_orders})
        assert sync_organization(org.pk).ok
        before = counts(url)
        reports = []

        def idle_sync() -> None:
            report = sync_organization(org.pk)
            assert report is not None and report.ok
            reports.append(report)

        from simon.snelstart_sync import connection as simon_connection

        tokens_before = len(simon_connection.TOKENS._entries)
        cpu_sync, wall_sync = measure(idle_sync, args.syncs)
        tokens_during = len(simon_connection.TOKENS._entries) - tokens_before
        after = counts(url)
        per_sync = {
            endpoint: (after.get(endpoint, 0) - before.get(endpoint, 0)) / args.syncs
            for endpoint in sorted(set(after) | set(before))
            if after.get(endpoint, 0) != before.get(endpoint, 0)
        }
        client = SnelStartClient(
            client_key=CLIENT_KEY,
            subscription_key=SUBSCRIPTION_KEY,
            token_url=f"{url}/b2b/token",
            base_url=f"{url}/v2",
        )
        client.company_info()  # the token, as the syncs reuse theirs within the hour

        # The same requests with the same filters as an idle sync: since two minutes ago.
        since = datetime.now(ZoneInfo("Europe/Amsterdam")).replace(tzinfo=None) - timedelta(
            minutes=2
        )

        def same_requests() -> None:
            client.artikelomzetgroepen.list()
            client.artikelen.page(0, 500, odata.modified_since(since))
            client.relaties.page(
                0, 500, odata.and_(odata.relatiesoort_is("Klant"), odata.modified_since(since))
            )
            if not args.no_orders:
                client.verkooporders.page(0, 500, odata.modified_since(since))

        cpu_raw, wall_raw = measure(same_requests, args.syncs)
        client.close()
    orders = "off" if args.no_orders else "on"
    print(
        f"idle sync after importing {args.customers:,} customers and {args.articles:,} articles "
        f"(sales orders in: {orders}):"
    )
    for endpoint, n in per_sync.items():
        print(f"  {endpoint}: {n:g} request(s) per sync")
    print(f"  requests per sync: {sum(per_sync.values()):g} (target: 1 per stream = {streams})")
    print(f"  token requests during the idle syncs: {tokens_during} (a token lasts an hour)")
    print(f"  CPU per sync: {cpu_sync:.1f} ms, wall: {wall_sync:.1f} ms (median of {args.syncs})")
    print(
        f"  baseline, bare client making the same {streams} requests: CPU {cpu_raw:.1f} ms, "
        f"wall {wall_raw:.1f} ms"
    )
    print(f"  sync / baseline: CPU {cpu_sync / cpu_raw:.2f}x, wall {wall_sync / wall_raw:.2f}x")


if __name__ == "__main__":
    main()
