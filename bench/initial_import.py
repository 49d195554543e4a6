"""First import of 10,000 customers and 100,000 articles with 20 ms latency per request.

Prints, measured in the same run against the same emulator process:
- the client's raw paging time for the same data (``iter`` over both lists, which reads two
  pages ahead), the baseline; and for reference the strictly sequential paging (``read_ahead=1``);
- Simon's first import (sync with concurrent page reads, upserts into SQLite), and its ratio to
  the baseline (target: below 1.5). Both are run ``--repeat`` times, alternating, and the
  fastest run of each is compared (wall times on a shared 2-CPU machine vary by ±20 %);
- peak memory (RSS) of an import of a quarter of the data and of all of it, each in a fresh
  process; a ratio near 1 shows memory does not grow with the number of records.

    .venv/bin/python bench/initial_import.py [--customers N] [--articles N] [--latency-ms MS]
        [--repeat N]

Figures (2-CPU development machine, SQLite in a temporary directory):

* start of 2026-11-29: raw paging 10.2–10.4 s, import 27.4–27.7 s, ratio 2.66.
* then, step by step (ratio each time): pydantic's own UUID validation in the client, which makes
  the baseline faster too (2.22); faster bulk inserts: adapters chosen once per call, codes made
  a page at a time (1.75); pages decoded in the reading thread instead of in four fetch threads
  that fought over the GIL, and ``gc.freeze()`` during a sync (1.52); one transaction per page
  with its cursor and lease, id look-ups in one SQL query, version 7 codes, WAL checkpoints every
  10,000 pages (1.25–1.52).
* last runs of the session: raw paging 4.5–5.2 s (CPU 2.8–4.0 s), import 5.8–8.3 s (CPU 5.5–8.1
  s), ratio **1.25–1.60**: met when the machine is quiet, not when it is busy. The import is
  bound by one CPU (its wall time is its CPU time), the baseline is partly bound by latency, so
  a slower CPU moves the ratio. Memory: 111–119 MB peak for a quarter, 118–128 MB for all (the
  process starts at 85 MB): flat.
* with the emulator freezing its demo data for the garbage collector (it serves faster, which
  speeds up both the baseline and the import): raw paging 4.6–4.7 s, import 6.6–6.9 s, ratio
  1.39–1.49.
* final code (``gc.freeze()`` only; the raised young-generation threshold was dropped because
  peak RSS then grew with the import's size): raw paging 4.4–4.6 s, import 5.7–6.1 s, ratio
  1.22–1.39; peak RSS 110 MB (quarter) and 118–119 MB (all). The Python heap (tracemalloc) peaks
  at 22.9 MB for 30,000 and for 90,000 articles: what RSS adds beyond that is SQLite's and the
  allocator's, not records kept.
* where the import's CPU goes (py-spy, ~7 s run): SQLite inserts and commits ~35 %, decoding
  JSON and models ~30 % (the same work the baseline does), mapping and upsert logic ~15 %,
  HTTP ~8 %. Threads cannot overlap the decoding with SQLite's GIL-free work (tried: a writer
  thread, and multi-row INSERTs; both measured no better or worse). Next step worth trying:
  decode and map pages in a second process and send plain rows back (pickling models costs as
  much as validating them, rows are cheap).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._emulator import CLIENT_KEY, SUBSCRIPTION_KEY, emulator  # noqa: E402


def raw_paging(url: str, read_ahead: int = 2) -> dict[str, float]:
    from snelstart import SnelStartClient, odata

    started, cpu_started = time.perf_counter(), time.process_time()
    with SnelStartClient(
        client_key=CLIENT_KEY,
        subscription_key=SUBSCRIPTION_KEY,
        token_url=f"{url}/b2b/token",
        base_url=f"{url}/v2",
    ) as client:
        klanten = odata.relatiesoort_is("Klant")
        customers = sum(1 for _ in client.relaties.iter(filter=klanten, read_ahead=read_ahead))
        articles = sum(1 for _ in client.artikelen.iter(read_ahead=read_ahead))
        requests = client.stats.requests
    return {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu_started,
        "customers": customers,
        "articles": articles,
        "requests": requests,
    }


def import_in_fresh_process(url: str) -> dict[str, float]:
    """Run one first import in a new process (fresh database) and return its figures."""
    with tempfile.TemporaryDirectory() as data_dir:
        env = {
            **os.environ,
            "SIMON_DATA_DIR": data_dir,
            "SNELSTART_TOKEN_URL": f"{url}/b2b/token",
            "SNELSTART_BASE_URL": f"{url}/v2",
            "SNELSTART_SUBSCRIPTION_KEY": SUBSCRIPTION_KEY,
            "SNELSTART_CALLS_PER_MINUTE": "100000",
        }
        env.pop("DATABASE_URL", None)
        out = subprocess.run(
            [sys.executable, __file__, "--child", url],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        return json.loads(out.stdout.strip().splitlines()[-1])


def child(url: str) -> None:
    """In the fresh process: migrate, link an organization, time one sync."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simon.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from simon.snelstart_sync import crypto
    from simon.snelstart_sync.configuration import save_version
    from simon.snelstart_sync.models import Connection
    from simon.snelstart_sync.sync import sync_organization
    from simon.tenants.models import Organization

    org = Organization.objects.create(name="Bench BV")
    Connection.objects.create(
        organization=org, state="configured", client_key_encrypted=crypto.encrypt(CLIENT_KEY)
    )
    save_version(org, by=None, values={})
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu_started = time.perf_counter(), time.process_time()
    report = sync_organization(org.pk)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    assert report is not None and report.ok, report
    from simon.catalog.models import Article
    from simon.customers.models import Customer

    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu_seconds,
                "requests": report.requests,
                "customers": Customer.objects.count(),
                "articles": Article.objects.count(),
                "rss_before_mb": rss_before / 1024,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def _seconds(runs: list[dict[str, float]]) -> str:
    return ", ".join(f"{run['seconds']:.2f}" for run in runs) + " s"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    print(
        f"first import: {args.customers:,} customers, {args.articles:,} articles, "
        f"{args.latency_ms:g} ms latency per request"
    )
    quarter = (args.customers // 4, args.articles // 4)
    with emulator(*quarter, args.latency_ms) as url:
        small = import_in_fresh_process(url)
    with emulator(args.customers, args.articles, args.latency_ms) as url:
        # Alternated, so a slow spell of the machine hits both; the fastest of each counts.
        raws, fulls = [], []
        for _ in range(args.repeat):
            raws.append(raw_paging(url))
            fulls.append(import_in_fresh_process(url))
        sequential = raw_paging(url, read_ahead=1)
    raw = min(raws, key=lambda run: run["seconds"])
    full = min(fulls, key=lambda run: run["seconds"])
    ratio = full["seconds"] / raw["seconds"]
    print(
        f"client raw paging (baseline): {raw['seconds']:.2f} s, {raw['requests']} requests, "
        f"{(raw['customers'] + raw['articles']) / raw['seconds']:,.0f} records/s "
        f"(fastest of {_seconds(raws)}; CPU {raw['cpu_seconds']:.2f} s)"
    )
    print(
        f"Simon first import:           {full['seconds']:.2f} s, {full['requests']} requests, "
        f"{full['customers']:,} customers and {full['articles']:,} articles stored "
        f"(fastest of {_seconds(fulls)}; CPU {full['cpu_seconds']:.2f} s)"
    )
    print(f"import / raw paging:          {ratio:.2f} (target < 1.5)")
    print(
        f"for reference, sequential paging (read_ahead=1, SnelStart's advice to the letter): "
        f"{sequential['seconds']:.2f} s; import / that: "
        f"{full['seconds'] / sequential['seconds']:.2f}"
    )
    print(
        f"peak RSS: {small['peak_rss_mb']:.0f} MB for a quarter of the data, "
        f"{full['peak_rss_mb']:.0f} MB for all of it (ratio "
        f"{full['peak_rss_mb'] / small['peak_rss_mb']:.2f}; the process starts at "
        f"{full['rss_before_mb']:.0f} MB)"
    )


if __name__ == "__main__":
    main()
