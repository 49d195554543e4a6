"""Chaos: 300 archived work orders become exactly 300 sales orders, whatever fails (issue 8, S22).

Real processes against the emulator over HTTP: Huey workers (``manage.py run_huey``) and an
archiver that archives the work orders one by one through ``simon.workorders.services.archive``.
The emulator answers about 20 % of the calls with a fault: 429s, 5xx, timeouts after which the
order is stored anyway (``timeout_commits``), and answers lost after the order was stored
(connection dropped, or a 504 from half-way on). Meanwhile workers are killed with SIGKILL
at random moments and started again, the archiver now and then too, and for a few work orders
the archiver kills itself right after the archive's commit, before its hand-off to the queue:
only the sweep can send those. From half-way on, the emulator also refuses ``$filter`` on
``Orderreferentie`` (not confirmed for SnelStart, CONTRACT §13), so the lookups after unknown
outcomes take both paths: by the marker, and through the customer's orders.

At the end the emulator must hold exactly one sales order per work order, found by its marker
(``orderreferentie``), with the lines ``payload.build_sales_order`` makes, and every export must
be 'sent' with the number the emulator gave that order.

The round is chosen by the environment, as ``tools/run_tests.py`` runs the suite twice:

- SQLite round (no ``DATABASE_URL``): the embedded default, a SQLite file and SqliteHuey in a
  data directory of the test's own, two worker processes.
- PostgreSQL round (``DATABASE_URL`` set): distributed, a database of the test's own on that
  server and RedisHuey on Redis database 13 (flushed first), three worker processes.

Short timeouts keep it quick; they are configuration, the engine's rules are untouched: a read
timeout of 1 s against emulator timeouts of 2 s, a settle time of 3 s before an unanswered
order is looked up, 3 tries per call, and a sweep every 5 s instead of every minute. Faults and
kill moments come from seeded RNGs; the outcome is asserted, never a duration (the deadline only
ends a hopeless wait, with the list of what is missing).
"""

from __future__ import annotations

import os
import random
import time
from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from conftest import require_service
from simon.snelstart_sync.tests import snelstart_data as ss
from simon.snelstart_sync.tests.chaos import (
    CUSTOMERS,
    MATERIALS,
    SETTINGS_ARTICLES,
    Cluster,
    chaos_round,
    describe_problems,
)
from snelstart_emulator.testing import EmulatorServer

WORK_ORDERS = 300
# Faults, kill moments and the work orders themselves follow this seed; another one can be
# tried with SIMON_CHAOS_SEED.
SEED = int(os.environ.get("SIMON_CHAOS_SEED", "8"))
FAULTS: dict[str, Any] = {
    "error_rate": 0.09,
    "error_statuses": [429, 500, 502, 503],
    "timeout_rate": 0.05,
    "latency_ms": 10,
    "latency_jitter_ms": 80,
    "timeout_seconds": 2.0,
    "timeout_commits": True,
    "lost_response_rate": 0.06,
    "lost_response_mode": "drop",
    "seed": SEED,
}
SETTINGS = {
    "SNELSTART_CONNECT_TIMEOUT": "1",
    "SNELSTART_READ_TIMEOUT": "1",
    "SNELSTART_OUTCOME_SETTLE_SECONDS": "3",
    "SNELSTART_MAX_ATTEMPTS": "3",
    "SNELSTART_CALLS_PER_MINUTE": "6000",
    "SIMON_EXPORT_SWEEP_INTERVAL": "5",
    "SIMON_HUEY_WORKERS": "2",
    "SIMON_LOG_LEVEL": "WARNING",
}
# Kills: every 1.5–4 s until the archiver is done and at least this many workers were killed;
# a killed process is started again 0–1.5 s later.
WORKER_KILLS = 10
ARCHIVER_KILL_CHANCE = 0.2
# Work orders after whose archive the archiver kills itself before the hand-off.
LOST_HAND_OFFS = 6
# Giving up: how long the orders may take to arrive once the killing stopped.
DEADLINE_SECONDS = 300


def redis_url_for_the_test() -> str:
    url = os.environ.get("SIMON_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    require_service("Redis", url, 6379)
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/13", "", ""))


def open_shop(emulator: EmulatorServer) -> dict[str, Any]:
    admin = emulator.create_administration(customers=0, articles=0, groups=3, orders=0)
    with emulator.api_client(admin.client_key, timeout=30) as api:
        group = ss.groups(api)[0]
        article_ids = {
            code: ss.create_article(api, code, group)["id"]
            for code in (*SETTINGS_ARTICLES.values(), *MATERIALS)
        }
        for index, name in enumerate(CUSTOMERS):
            ss.create_customer(api, name, f"Kerkstraat {index + 1}")
    return {
        "administration_id": admin.administration_id,
        "client_key": admin.client_key,
        "article_ids": article_ids,
    }


def settings_for(emulator: EmulatorServer) -> dict[str, str]:
    return {
        **SETTINGS,
        "SNELSTART_TOKEN_URL": emulator.token_url,
        "SNELSTART_BASE_URL": emulator.base_url,
        "SNELSTART_SUBSCRIPTION_KEY": emulator.subscription_key,
    }


class Chaos:
    """The kill schedule: seeded, so a run's sequence of victims and pauses is fixed."""

    def __init__(
        self, cluster: Cluster, archive_spec: dict[str, Any], half_way: Callable[[], None]
    ) -> None:
        self.cluster = cluster
        self.archive_spec = archive_spec
        self.half_way = half_way
        self.rng = random.Random(SEED)
        self.kills: Counter[str] = Counter()
        self.restarts: dict[str, float] = {}  # "worker<i>" / "archiver" -> when to start it
        self.archived = False

    def _restart_later(self, label: str) -> None:
        self.restarts[label] = time.monotonic() + self.rng.uniform(0, 1.5)

    def _check_archiver(self) -> None:
        archiver = self.cluster.archiver
        if archiver is None or "archiver" in self.restarts or archiver.poll() is None:
            return
        if archiver.returncode == 0:
            self.archived = True
            self.cluster.archiver = None
        elif archiver.returncode == -9:  # by its own hand (our kills are restarted elsewhere)
            self.kills["archiver (own, after the commit)"] += 1
            self._restart_later("archiver")
        else:
            raise AssertionError(f"the archiver failed\n{self.cluster.log_tail('archiver')}")

    def _check_workers(self) -> None:
        for index, worker in enumerate(self.cluster.workers):
            if worker is not None and worker.poll() is not None:
                raise AssertionError(
                    f"worker {index} stopped by itself ({worker.returncode})\n"
                    + self.cluster.log_tail(f"worker{index}")
                )

    def _do_restarts(self) -> None:
        now = time.monotonic()
        for label, when in list(self.restarts.items()):
            if when > now:
                continue
            del self.restarts[label]
            if label == "archiver":
                self.cluster.start_archiver(self.archive_spec)
            else:
                self.cluster.start_worker(int(label.removeprefix("worker")))

    def _kill_one(self) -> None:
        archiver = self.cluster.archiver
        if (
            archiver is not None
            and "archiver" not in self.restarts
            and self.rng.random() < ARCHIVER_KILL_CHANCE
        ):
            if self.cluster.kill(archiver):
                self.kills["archiver"] += 1
                self._restart_later("archiver")
            return
        index = self.rng.randrange(len(self.cluster.workers))
        label = f"worker{index}"
        if label in self.restarts:
            return
        self.cluster.kill(self.cluster.workers[index])
        self.cluster.workers[index] = None
        self.kills["worker"] += 1
        self._restart_later(label)
        if self.kills["worker"] == WORKER_KILLS // 2:
            self.half_way()

    def run(self) -> None:
        """Kill and restart until the archiver is done and enough workers died; then let
        every process run."""
        next_kill = time.monotonic() + self.rng.uniform(1.5, 4.0)
        while not (self.archived and self.kills["worker"] >= WORKER_KILLS and not self.restarts):
            self._check_archiver()
            self._check_workers()
            self._do_restarts()
            if time.monotonic() >= next_kill and self.kills["worker"] < WORKER_KILLS:
                self._kill_one()
                next_kill = time.monotonic() + self.rng.uniform(1.5, 4.0)
            time.sleep(0.05)


def wait_until_all_sent(cluster: Cluster, emulator: EmulatorServer, admin_id: str) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    states: dict[str, int] = {}
    while time.monotonic() < deadline:
        for index, worker in enumerate(cluster.workers):
            assert worker is not None and worker.poll() is None, cluster.log_tail(f"worker{index}")
        states = cluster.round.export_states()
        if states.get("sent", 0) == WORK_ORDERS:
            return
        if states.get("failed"):
            break
        time.sleep(0.5)
    raise AssertionError(
        f"not every work order reached 'sent' (states {states}, emulator holds "
        f"{len(emulator.orders(admin_id))} orders); see the report below"
    )


def test_every_archived_work_order_becomes_exactly_one_sales_order_through_chaos(tmp_path):
    server_url = os.environ.get("DATABASE_URL", "")
    if server_url:
        require_service("PostgreSQL", server_url, 5432)
    redis_url = redis_url_for_the_test() if server_url else ""
    started = time.monotonic()
    with EmulatorServer() as emulator, chaos_round(tmp_path, server_url, redis_url) as round_:
        shop = open_shop(emulator)
        admin_id = shop["administration_id"]
        logs = tmp_path / "logs"
        logs.mkdir()
        cluster = Cluster(round_, {**round_.env(), **settings_for(emulator)}, logs)
        cluster.run("migrate", "--noinput")
        setup = cluster.child("child_setup", {**shop, "seed": SEED, "work_orders": WORK_ORDERS})
        numbers = [row["number"] for row in cluster.child("child_report", setup)["work_orders"]]
        rng = random.Random(SEED)
        archive_spec = {
            **setup,
            "seed": SEED,
            "max_pause": 0.2,
            "die_after_commit": sorted(rng.sample(numbers, LOST_HAND_OFFS)),
        }
        emulator.reset_request_count(admin_id)
        emulator.set_faults(admin_id, **FAULTS)
        prepared = time.monotonic()

        def half_way() -> None:
            # From here on the other kind of lost answer, and a SnelStart that does not filter
            # on Orderreferentie: lookups read the customer's orders instead (decision 0003).
            url = f"{emulator.admin_url}/administrations/{admin_id}/faults"
            emulator.http.patch(url, json={"lost_response_mode": "504"}).raise_for_status()
            emulator.set_settings(verkooporder_filter_orderreferentie=False)

        chaos = Chaos(cluster, archive_spec, half_way)
        try:
            cluster.start_workers(3 if round_.distributed else 2)
            cluster.start_archiver(archive_spec)
            chaos.run()
            killing_done = time.monotonic()
            try:
                wait_until_all_sent(cluster, emulator, admin_id)
                waited = None
            except AssertionError as exc:
                waited = exc
        finally:
            cluster.stop()
        converged = time.monotonic()
        emulator.set_faults(admin_id)
        calls = emulator.request_counts(admin_id)
        with emulator.api_client(shop["client_key"], timeout=30) as api:
            orders = ss.all_pages(api, "/verkooporders")
        report = cluster.child("child_report", setup)

    problems = describe_problems(report, orders)
    attempts = report["attempts"]
    slowest = sorted(
        (r for r in report["work_orders"] if r["sent_at"] and r["archived_at"]),
        key=lambda r: r["sent_at"] - r["archived_at"],
    )[-3:]
    print(
        f"\nchaos round {round_.name}: {WORK_ORDERS} work orders, {len(orders)} sales orders; "
        f"set-up {prepared - started:.0f} s, archiving and killing {killing_done - prepared:.0f} s,"
        f" all sent {converged - killing_done:.0f} s later, total {time.monotonic() - started:.0f}"
        f" s\n  kills: {dict(chaos.kills)}; lost hand-offs by design: {LOST_HAND_OFFS}"
        f"\n  emulator: {calls['total']} calls, faults injected {calls['faults']}"
        f"\n  attempts: {dict(sorted(attempts.items()))}"
        f"\n  log messages: {report['messages']}; errors logged: {dict(cluster.errors_in_logs())}"
        "\n  slowest: "
        + "; ".join(
            f"{r['number']} sent after {r['sent_at'] - r['archived_at']:.0f} s "
            f"({', '.join(r['history'])})"
            for r in slowest
        )
    )
    assert not problems, "\n".join(problems[:50])
    assert waited is None, waited
    assert len(orders) == WORK_ORDERS
    # One 'Goedkeuring' per work order with its order number, no 'Foutmelding' (a duplicate
    # found by a lookup would be one).
    assert report["messages"].get("werkbon goedkeuring") == WORK_ORDERS
    assert not report["messages"].get("werkbon foutmelding"), report["messages"]
    # Every attempt's history ends in what became of it, even those a killed worker cut short.
    assert not [k for k in attempts if k.endswith(" in_flight")], attempts
    # The chaos reached what it is for: unknown outcomes resolved by lookups, both ways.
    assert attempts.get("lookup found", 0) > 0 and attempts.get("lookup not_found", 0) > 0
    assert chaos.kills["worker"] >= WORKER_KILLS
