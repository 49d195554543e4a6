"""From 'Archiveren' to the sales order in SnelStart, on the embedded default (issue 8).

Simon runs as ``make demo`` runs it (``simon.demo.runner.Demo``): a SQLite database and the
SqliteHuey queue in a fresh data directory, the Huey worker (``manage.py run_huey``), the web app
(uvicorn) and the SnelStart emulator with the demo's data, each its own process; the emulator
answers every API call after 20 ms. The demo organization is activated through the real steps
(wipe, koppelsleutel, first import, settings) and gets completed work orders on SnelStart's
customers, with hours, travel and one to three materials each. Then, over HTTP as the office
user 'kantoor' (logged in, CSRF token sent):

- **one by one**: 100 work orders, each archived with ``POST /werkbonnen/<code>/archiveren/``
  and waited for before the next; the latency is the time from sending the request to the
  moment the emulator stored the order (its ``modifiedOn``, 10 ms resolution, found by the
  order's marker through the emulator's admin API, which spends no quota);
- **bulk**: 100 work orders in one ``POST /werkbonnen/archiveren/`` (``codes``, ``bevestigd=1``),
  each order's latency measured from that one request;
- both under the production quota (``SNELSTART_CALLS_PER_MINUTE=500``, the demo's), then the
  bulk again in a fresh set-up with the test key's quota: Simon at 100 calls a minute and the
  emulator refusing the 101st call in any 60 s with a 429 (``rate_limit_per_minute=100``). The
  emulator counts the 429s it answered (``throttled``); there must be none. The bulk's time is
  set against the quota-implied minimum: the earliest moment the calls it needed could all have
  been made under the emulator's sliding window, given the calls already in the window when it
  started (sampled every 0.2 s from the emulator's counter).

Baseline, measured in the same run against the same emulator: a bare ``SnelStartClient``
posting one sales order (what the wire and the emulator cost, no Simon at all), one by one and
100 in a row.

    .venv/bin/python bench/archive_latency.py [--one-by-one N] [--bulk N] [--latency-ms MS]
        [--only production|test-key] [--pacing CALLS]

Targets (issue 8): p95 under 2 s one by one; the bulk of 100 all in SnelStart within 30 s under
the production quota; under the test key's quota no 429 at all, and no longer than the quota
requires.

Figures (2-CPU development machine, 2026-12-05, shared with other test runs, hence the spread;
each range over the runs of the day):

* one by one (100): p50 78–87 ms, p95 167–322 ms, max 263–542 ms, against 23–25 ms for a bare
  client posting one order; the archive request itself p50 26–30 ms. The rest: the worker takes
  the job from the SQLite queue within 0.2 s (the consumer's idle back-off is capped there), then
  claims the export, records the attempt and posts (a handful of small SQLite writes around the
  20 ms call). p95 < 2 s: **met**.
* bulk of 100 under the production quota: p50 3.4–3.5 s, p95 5.0–5.3 s, all in SnelStart
  5.3–5.4 s after the request started; the request itself (archiving 100, each committed and
  handed off on its own) 1.5–1.7 s; no 429. A bare client posts 100 in a row in 2.4–2.8 s; Simon
  sends about 20 a second with the demo's two worker threads, sharing SQLite's write lock with the
  web request that is still archiving. Within 30 s: **met**.
* the test key's quota: 100–104 calls during the bulk (the 100 orders, now and then a sync),
  3 calls already in SnelStart's window at its start; all in SnelStart 57.9–62.6 s after the
  request, against a quota-implied minimum of 57.7–60.0 s (1.001–1.043x, +0.1 to +2.6 s): as
  long as the quota requires, no longer: **met**. But the emulator answered **one 429 in three of
  six runs** (the client then waits its Retry-After of 1 s, which is most of the excess):
  **not met**. Simon's budget (``simon/snelstart_sync/quota.py``) stamps a call when it takes its
  slot, the gateway when the call arrives; when the call 60 s earlier left a few milliseconds
  after its stamp (the claim's renewal in the database, the connection) and this one leaves at
  once, the two are less than 60 s apart at the gateway. ``--pacing 300`` shows it without
  Simon around it: a bare client paced by Simon's window at the full quota for 3 minutes had 3
  of 300 calls refused (the hand-written window) and 1 of 300 (``limits``' moving window of
  decision 0004, which stamps a call the same way); with the window counted as 61 s, none in
  either (1.7 % slower). A margin in the budget, or stamping a call when its answer came back,
  is needed.
* on a heavily loaded machine (load average 12): one by one p50 199 ms, p95 456 ms; the bulk all
  in SnelStart after 14.8 s.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from bisect import bisect_right
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._emulator import free_port  # noqa: E402
from simon.demo.runner import DEMO_SUBSCRIPTION_KEY, Demo  # noqa: E402

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PASSWORD = "simon-demo"  # the demo's (simon.demo.data.PASSWORD)
WINDOW = 60.0


# --- in Simon's process (manage.py shell) --------------------------------------------------------


def child_setup(spec: dict[str, Any]) -> None:
    """The demo organization, activated on the emulator's administration, with ``count``
    completed work orders. Prints ``{"work_orders": [[code, marker], …]}``."""
    import random

    from simon.catalog.models import Article
    from simon.customers.models import Customer
    from simon.demo.seed import seed_demo
    from simon.snelstart_sync import activation, wipe
    from simon.snelstart_sync.configuration import save_version
    from simon.snelstart_sync.models import Connection, State
    from simon.snelstart_sync.push.payload import marker_for
    from simon.snelstart_sync.sync import sync_organization
    from simon.workorders import services

    demo = seed_demo()
    organization = demo.organization
    from django.contrib.auth import get_user_model

    users = {u.username: u for u in get_user_model().objects.all()}
    office, fitter = users["beheerder"], users["monteur1"]
    connection = activation.connection_of(organization)
    activation.wipe_and_continue(connection, list(wipe.PARTS))
    activation.store_key(connection, spec["client_key"], spec["administration_id"], "Demo")
    save_version(organization, by=office, values={})
    activation.accept_terms(connection, office)
    activation.start_running(connection)
    report = sync_organization(organization.pk)
    assert report is not None and report.ok, report
    connection.refresh_from_db()
    assert connection.state == State.ACTIVE, connection.state
    articles = list(
        Article.objects.filter(organization=organization, active=True, snelstart_id__isnull=False)
        .order_by("article_code")
        .all()[:40]
    )
    values: dict[str, Any] = {"first_line_description": True, "memo": "beide"}
    for role, article in zip(("work", "travel", "fixed"), articles, strict=False):
        values[f"{role}_article_code"] = article.article_code
        values[f"{role}_article_id"] = article.snelstart_id
    save_version(organization, by=office, values=values)
    customers = list(
        Customer.objects.filter(organization=organization, active=True, snelstart_id__isnull=False)
        .order_by("name")
        .all()[:50]
    )
    rng = random.Random(42)
    made = []
    for index in range(spec["count"]):
        customer = rng.choice(customers)
        work_order = services.create_work_order(
            organization,
            by=office,
            customer=customer,
            work_address=customer.work_addresses.first(),
            description=f"Onderhoud installatie {index + 1}",
            customer_reference=f"REF-{index + 1}",
        )
        day = work_order.created.date()
        for kind, minutes in (("werktijd", rng.choice((30, 60, 95, 120))), ("reistijd", 20)):
            services.add_time_entry(
                work_order, by=office, employee=fitter, kind=kind, date=day, minutes=minutes
            )
        for article in rng.sample(articles[3:], rng.randint(1, 3)):
            services.add_material(work_order, by=office, article=article, quantity="2")
        services.report_complete(work_order, by=office)
        made.append([str(work_order.code), marker_for(work_order.number, work_order.code)])
    assert Connection.objects.get(organization=organization).is_running
    print(json.dumps({"work_orders": made}))


# --- in the benchmark -----------------------------------------------------------------------------


def stored_at(order: dict[str, Any]) -> float:
    """The emulator's ``modifiedOn`` (Amsterdam wall time) as a Unix time."""
    return datetime.fromisoformat(order["modifiedOn"]).replace(tzinfo=AMSTERDAM).timestamp()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))]


def figures(values: list[float]) -> str:
    return (
        f"p50 {statistics.median(values) * 1000:.0f} ms, p95 {percentile(values, 0.95) * 1000:.0f}"
        f" ms, max {max(values) * 1000:.0f} ms"
    )


def earliest_finish(before: list[float], calls: int, start: float, limit: int) -> float:
    """When the last of ``calls`` calls, made as early as allowed from ``start``, can be made
    under a sliding window of ``limit`` calls per 60 s, given the calls made ``before``."""
    window = deque(sorted(t for t in before if t > start - WINDOW))
    moment = start
    for _ in range(calls):
        while window and window[0] <= moment - WINDOW:
            window.popleft()
        while len(window) >= limit:
            moment = max(moment, window.popleft() + WINDOW)
        window.append(moment)
    return moment


@dataclass
class CallSampler:
    """Samples the administration's call counter every 0.2 s (admin API, not counted)."""

    admin: httpx.Client
    administration_id: str
    samples: list[tuple[float, int]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def total(self) -> int:
        path = f"/admin/administrations/{self.administration_id}/requests"
        return int(self.admin.get(path).json()["total"])

    def start(self) -> None:
        def run() -> None:
            while not self._stop.is_set():
                self.samples.append((time.time(), self.total()))
                self._stop.wait(0.2)

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def call_times(self, until: float) -> list[float]:
        """One time per call up to ``until``, each at the sample before the one that counted it
        (the earliest it can have been made: the minimum derived from it is a lower bound)."""
        times: list[float] = []
        for (t0, n0), (_t1, n1) in zip(self.samples, self.samples[1:], strict=False):
            if t0 < until:
                times += [t0] * (n1 - n0)
        return times

    def calls_between(self, start: float, end: float) -> int:
        stamps = [t for t, _ in self.samples]
        first = self.samples[max(0, bisect_right(stamps, start) - 1)][1]
        last = self.samples[min(len(self.samples) - 1, bisect_right(stamps, end))][1]
        return last - first


class Bench:
    """One fresh demo set-up: data directory, emulator, worker and web app."""

    def __init__(self, calls_per_minute: int, latency_ms: float, count: int) -> None:
        os.environ["SNELSTART_CALLS_PER_MINUTE"] = str(calls_per_minute)
        self.calls_per_minute = calls_per_minute
        self.latency_ms = latency_ms
        self.count = count
        self._data = tempfile.TemporaryDirectory()
        self.demo = Demo(
            root=ROOT,
            data_dir=Path(self._data.name),
            host="127.0.0.1",
            port=free_port(),
            emulator_port=free_port(),
        )
        self.admin = httpx.Client(base_url=self.demo.emulator_url, timeout=30)
        self.administration_id = ""
        self.client_key = ""
        self.work_orders: list[list[str]] = []

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.demo.environment(),
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"manage.py {args[0]} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def set_faults(self, **faults: Any) -> None:
        self.admin.put("/admin/faults", json={"latency_ms": self.latency_ms, **faults})

    def start(self, rate_limit: int | None = None) -> None:
        """Everything up: the first import done, the work orders waiting to be archived."""
        self.manage("migrate", "--noinput")
        self.demo.start_emulator(250, 1500)  # the demo's data, as `make demo` starts it
        self.set_faults()
        [info] = self.admin.get("/admin/administrations").json()
        self.administration_id = info["administration_id"]
        self.client_key = info["keys"][0]["client_key"]
        spec = {
            "client_key": self.client_key,
            "administration_id": self.administration_id,
            "count": self.count,
        }
        code = (
            "import json; from bench.archive_latency import child_setup; "
            f"child_setup(json.loads({json.dumps(spec)!r}))"
        )
        out = self.manage("shell", "-c", code)
        self.work_orders = json.loads(out.strip().splitlines()[-1])["work_orders"]
        if rate_limit is not None:
            self.set_faults(rate_limit_per_minute=rate_limit)
        self.admin.delete(f"/admin/administrations/{self.administration_id}/requests")
        self.demo.start_worker()
        self.demo.start_web()

    def stop(self) -> None:
        self.demo.stop()
        self.admin.close()
        self._data.cleanup()

    def counts(self) -> dict[str, Any]:
        path = f"/admin/administrations/{self.administration_id}/requests"
        return self.admin.get(path).json()

    def orders(self, marker: str | None = None) -> list[dict[str, Any]]:
        params = {"orderreferentie": marker} if marker else None
        path = f"/admin/administrations/{self.administration_id}/verkooporders"
        return self.admin.get(path, params=params).json()

    def office(self) -> httpx.Client:
        """The web app's client, logged in as 'kantoor'."""
        web = httpx.Client(base_url=self.demo.url, timeout=120)
        web.get("/accounts/login/")
        response = web.post(
            "/accounts/login/",
            data={"username": "kantoor", "password": PASSWORD},
            headers={"X-CSRFToken": web.cookies["csrftoken"]},
        )
        assert response.status_code == 302, f"login failed: {response.status_code}"
        return web

    def one_by_one(self, web: httpx.Client, batch: list[list[str]]) -> dict[str, list[float]]:
        latencies, requests = [], []
        for code, marker in batch:
            started = time.time()
            response = web.post(
                f"/werkbonnen/{code}/archiveren/",
                headers={"X-CSRFToken": web.cookies["csrftoken"]},
            )
            answered = time.time()
            assert response.status_code == 302, f"archive {code}: {response.status_code}"
            deadline = started + 60
            while not (found := self.orders(marker)):
                if time.time() > deadline:
                    raise RuntimeError(f"{marker} did not arrive within 60 s")
                time.sleep(0.01)
            latencies.append(stored_at(found[0]) - started)
            requests.append(answered - started)
            time.sleep(0.2)  # the office clicks on
        return {"latency": latencies, "request": requests}

    def bulk(self, web: httpx.Client, batch: list[list[str]]) -> dict[str, Any]:
        markers = {marker for _code, marker in batch}
        started = time.time()
        response = web.post(
            "/werkbonnen/archiveren/",
            data={"codes": [code for code, _marker in batch], "bevestigd": "1"},
            headers={"X-CSRFToken": web.cookies["csrftoken"]},
        )
        answered = time.time()
        assert response.status_code == 302, (
            f"bulk archive: {response.status_code}\n{response.text[:500]}"
        )
        deadline = started + 600
        while True:
            arrived = {o["orderreferentie"]: o for o in self.orders()}
            if markers <= set(arrived):
                break
            if time.time() > deadline:
                raise RuntimeError(f"{len(markers - set(arrived))} orders missing after 600 s")
            time.sleep(0.1)
        latencies = [stored_at(arrived[m]) - started for m in markers]
        return {
            "started": started,
            "ended": started + max(latencies),
            "latency": latencies,
            "request": answered - started,
        }


def baseline(bench: Bench, count: int) -> list[float]:
    """A bare client posting sales orders one after the other: the wire and the emulator."""
    from snelstart import Identifier, SnelStartClient, VerkoopOrder, VerkoopOrderRegel, odata

    client = SnelStartClient(
        client_key=bench.client_key,
        subscription_key=DEMO_SUBSCRIPTION_KEY,
        token_url=f"{bench.demo.emulator_url}/b2b/token",
        base_url=f"{bench.demo.emulator_url}/v2",
    )
    relatie = client.relaties.page(0, 1, odata.relatiesoort_is("Klant"))[0]
    artikel = client.artikelen.page(0, 1)[0]
    times = []
    with client:
        for index in range(count):
            order = VerkoopOrder(
                relatie=Identifier(id=relatie.id),
                datum=datetime.now(),
                orderreferentie=f"Baseline {index}",
                regels=[VerkoopOrderRegel(artikel=Identifier(id=artikel.id), aantal=Decimal(2))],
            )
            started = time.perf_counter()
            client.verkooporders.create(order)
            times.append(time.perf_counter() - started)
    return times


def production_quota(args: argparse.Namespace) -> None:
    bench = Bench(500, args.latency_ms, args.one_by_one + args.bulk)
    try:
        bench.start()
        time.sleep(3)  # the worker's first tick (a sync and a clean-up) passes
        web = bench.office()
        single = bench.one_by_one(web, bench.work_orders[: args.one_by_one])
        many = bench.bulk(web, bench.work_orders[args.one_by_one :])
        throttled = bench.counts()["throttled"]
        raw = baseline(bench, 100)
    finally:
        bench.stop()
    print(
        f"archive -> sales order in SnelStart, embedded default (SQLite, SqliteHuey worker, "
        f"uvicorn), emulator latency {args.latency_ms:g} ms, quota 500 calls/min:"
    )
    print(
        f"  one by one ({args.one_by_one}): {figures(single['latency'])}; the archive request "
        f"itself {figures(single['request'])}"
    )
    print(
        f"  bulk of {args.bulk} in one request: {figures(many['latency'])}; all in SnelStart "
        f"{max(many['latency']):.1f} s after the request started (the request took "
        f"{many['request']:.1f} s)"
    )
    print(f"  429s answered by the emulator: {throttled}")
    print(
        f"  baseline, bare client posting one order: {figures(raw)}; 100 in a row {sum(raw):.1f} s"
    )


def test_key_quota(args: argparse.Namespace) -> None:
    bench = Bench(100, args.latency_ms, args.bulk)
    sampler: CallSampler | None = None
    try:
        bench.start(rate_limit=100)
        started_at = time.time()
        sampler = CallSampler(bench.admin, bench.administration_id)
        sampler.start()
        web = bench.office()
        # The set-up's import ran in another process than the worker, whose call budget
        # does not know those calls: let them leave SnelStart's window first.
        time.sleep(max(0.0, started_at + WINDOW + 2 - time.time()))
        many = bench.bulk(web, bench.work_orders[: args.bulk])
        time.sleep(0.5)
        sampler.stop()
        counts = bench.counts()
    finally:
        if sampler is not None:
            sampler.stop()
        bench.stop()
    start, end = many["started"], many["ended"]
    calls = sampler.calls_between(start, end)
    before = sampler.call_times(start)
    in_window = sum(1 for t in before if t > start - WINDOW)
    minimum = earliest_finish(before, calls, start, 100) - start
    took = end - start
    print(
        f"test key's quota: Simon 100 calls/min, the emulator refusing the 101st call in any "
        f"60 s (latency {args.latency_ms:g} ms):"
    )
    print(
        f"  bulk of {args.bulk}: {figures(many['latency'])}; all in SnelStart {took:.1f} s after "
        f"the request started (the request took {many['request']:.1f} s)"
    )
    print(
        f"  calls during the bulk {calls}, already in SnelStart's window at its start "
        f"{in_window}; quota-implied minimum {minimum:.1f} s; the bulk took {took - minimum:+.1f}"
        f" s more ({took / minimum if minimum else float('inf'):.3f}x)"
    )
    print(
        f"  429s answered by the emulator: {counts['throttled']} (all calls since the worker "
        f"started: {counts['total']})"
    )


def pacing(args: argparse.Namespace) -> None:
    """Simon's own sliding window (``quota.SlidingWindowLimiter``) pacing a bare client at the
    test key's full quota against the emulator's 100 a minute: how many calls the gateway still
    refuses, without and with a margin on the window. Both run at once, each with its own
    emulator process."""
    from bench._emulator import CLIENT_KEY, SUBSCRIPTION_KEY, emulator
    from simon.snelstart_sync import quota
    from snelstart import SnelStartClient, SnelStartError

    def simons_window(seconds: int) -> Any:
        """Simon's call budget in this process, counting the calls of the last ``seconds``."""
        budget = getattr(quota, "CallBudget", None)
        if budget is not None:
            return budget(100, seconds)
        return vars(quota)["SlidingWindowLimiter"](100, window=float(seconds))  # before 0004

    results: dict[int, str] = {}

    def run(margin: int) -> None:
        with emulator(10, 10, latency_ms=args.latency_ms) as url:
            admin = httpx.Client(base_url=url, timeout=30)
            admin_id = admin.get("/admin/administrations").json()[0]["administration_id"]
            admin.put(
                "/admin/faults",
                json={"latency_ms": args.latency_ms, "rate_limit_per_minute": 100},
            )
            client = SnelStartClient(
                client_key=CLIENT_KEY,
                subscription_key=SUBSCRIPTION_KEY,
                token_url=f"{url}/b2b/token",
                base_url=f"{url}/v2",
                rate_limiter=simons_window(int(WINDOW) + margin),
                max_attempts=1,
            )
            client.company_info()  # the token, outside the measurement
            admin.delete(f"/admin/administrations/{admin_id}/requests")
            left = [args.pacing]
            lock = threading.Lock()

            def work() -> None:
                while True:
                    with lock:
                        if left[0] <= 0:
                            return
                        left[0] -= 1
                    with contextlib.suppress(SnelStartError):  # the emulator counts them
                        client.company_info()

            started = time.perf_counter()
            threads = [threading.Thread(target=work) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            took = time.perf_counter() - started
            throttled = admin.get(f"/admin/administrations/{admin_id}/requests").json()["throttled"]
            client.close()
            admin.close()
            results[margin] = f"{args.pacing} calls in {took:.1f} s, {throttled} answered 429"

    runs = [threading.Thread(target=run, args=(margin,)) for margin in (0, 1)]
    for thread in runs:
        thread.start()
    for thread in runs:
        thread.join()
    print("pacing at the full test-key quota (a bare client, two threads, Simon's window):")
    for margin, result in sorted(results.items()):
        print(f"  window counted as {WINDOW + margin:g} s: {result}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one-by-one", type=int, default=100)
    parser.add_argument("--bulk", type=int, default=100)
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument(
        "--only", choices=("production", "test-key"), help="run one of the two set-ups"
    )
    parser.add_argument(
        "--pacing",
        type=int,
        default=0,
        metavar="CALLS",
        help="instead: pace CALLS bare calls at the full test-key quota (300: about 3 minutes)",
    )
    args = parser.parse_args()
    for name in ("DATABASE_URL", "REDIS_URL"):
        os.environ.pop(name, None)  # the embedded default
    os.environ["SIMON_LOG_LEVEL"] = "WARNING"  # a log line per order is not news here
    if args.pacing:
        pacing(args)
        return
    if args.only != "test-key":
        production_quota(args)
    if args.only != "production":
        test_key_quota(args)


if __name__ == "__main__":
    main()
