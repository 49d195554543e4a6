"""The cast of the push chaos test (issue 8): Simon's own processes against the emulator.

Two halves:

- **In Simon's processes** (``child_*``, run through ``manage.py shell -c``): set up an
  organization linked to the emulator with completed work orders, archive them with the real
  ``simon.workorders.services.archive`` (so the export intent commits with the archive and is
  handed to the real queue after the commit), and report what Simon holds at the end, with the
  sales order each work order should have become (``payload.build_sales_order``).
- **In the test** (``Cluster``, ``Round``): the worker processes (``manage.py run_huey``) and the
  archiver as real processes that can be killed with SIGKILL and started again; the database
  they share (a SQLite file, or a database of its own on the PostgreSQL server) and the queue
  (SqliteHuey, or RedisHuey on a Redis database of its own).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from uuid import uuid4

ROOT = Path(__file__).resolve().parents[3]

# SnelStart's side of the shop: the articles of the settings, materials, customers.
SETTINGS_ARTICLES = {"work": "UUR", "travel": "REIS", "fixed": "VOORRIJ"}
MATERIALS = ("KRAAN", "BUIS", "KLEP", "FILTER", "THERMOSTAAT")
CUSTOMERS = (
    "Bakkerij de Vries",
    "Slagerij Jansen",
    "Café Het Hoekje",
    "Huisartsenpraktijk Oost",
    "VvE De Linden",
    "Sportschool Fit",
)
USERNAME = "chaos"
WORK_MINUTES = (0, 15, 20, 45, 60, 90, 120, 135, 480)
TRAVEL_MINUTES = (0, 15, 30, 50, 120)
QUANTITIES = ("1", "2", "0,5", "1,25", "3", "10", "0,333")
JOBS = ("CV-ketel vervangen", "Lekkage verholpen", "Onderhoud warmtepomp", "Kraan vervangen")


# --- in Simon's processes ----------------------------------------------------------------------


def _link(name: str, username: str, spec: dict[str, Any]) -> tuple[Any, Any]:
    """An organization with a beheerder and a running connection to ``spec``'s administration
    (the state activation ends in); its organization and user."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from simon.snelstart_sync import crypto
    from simon.snelstart_sync.configuration import save_version
    from simon.snelstart_sync.models import Connection, State
    from simon.tenants.models import Membership, Organization, Role

    organization = Organization.objects.create(name=name)
    user = get_user_model().objects.create_user(username=username)  # no password to hash
    Membership.objects.create(user=user, organization=organization, role=Role.BEHEERDER)
    now = timezone.now()
    Connection.objects.create(
        organization=organization,
        state=State.ACTIVE,
        client_key_encrypted=crypto.encrypt(spec["client_key"]),
        client_key_hint=crypto.hint(spec["client_key"]),
        administration_id=spec["administration_id"],
        administration_name=name,
        connected_at=now,
        activated_at=now,
        ever_activated=True,
    )
    save_version(organization, by=None, values={})
    return organization, user


def _import(organization: Any) -> None:
    from simon.snelstart_sync.sync import sync_organization

    report = sync_organization(organization.pk)
    assert report is not None and report.ok, report


def _configure_sending(organization: Any, article_ids: dict[str, str]) -> None:
    """The sending settings of a typical installer, with the articles of SETTINGS_ARTICLES."""
    from simon.snelstart_sync.configuration import save_version

    values: dict[str, Any] = {
        "first_line_description": True,
        "memo": "beide",
        "payment_reference": "beide",
        "description_suffix": "CX",
    }
    for role, code in SETTINGS_ARTICLES.items():
        values[f"{role}_article_code"] = code
        values[f"{role}_article_id"] = article_ids[code]
    save_version(organization, by=None, values=values)


def _complete_work_orders(organization: Any, user: Any, count: int, rng: random.Random) -> None:
    """``count`` work orders for CUSTOMERS with hours and MATERIALS, reported complete."""
    from simon.catalog.models import Article
    from simon.customers.models import Customer
    from simon.workorders import services

    customers = list(Customer.objects.filter(organization=organization, name__in=CUSTOMERS))
    articles = {a.article_code: a for a in Article.objects.filter(organization=organization)}
    assert len(customers) == len(CUSTOMERS) and set(MATERIALS) <= set(articles)
    for index in range(count):
        customer = rng.choice(customers)
        job = rng.choice(JOBS)
        if rng.random() < 0.05:  # now and then a description SnelStart's fields must cut
            job = f"{job}: " + "zeer uitgebreide toelichting " * 12
        work_order = services.create_work_order(
            organization,
            by=user,
            customer=customer,
            work_address=customer.work_addresses.first(),
            description=f"{job} ({index + 1})",
            customer_reference=f"PO-{rng.randint(100, 99999)}",
        )
        day = work_order.created.date()
        for kind, minutes in (
            ("werktijd", rng.choice(WORK_MINUTES)),
            ("reistijd", rng.choice(TRAVEL_MINUTES)),
        ):
            if minutes:
                services.add_time_entry(
                    work_order, by=user, employee=user, kind=kind, date=day, minutes=minutes
                )
        for code in rng.sample(MATERIALS, rng.randint(0, 3)):
            services.add_material(
                work_order, by=user, article=articles[code], quantity=rng.choice(QUANTITIES)
            )
        services.report_complete(work_order, by=user)


def child_setup(spec: dict[str, Any]) -> None:
    """Organization, office user, running connection, import, settings, completed work orders.

    Prints ``{"organization": code}`` as the last line."""
    organization, user = _link("Chaos Installatietechniek", USERNAME, spec)
    _import(organization)
    _configure_sending(organization, spec["article_ids"])
    _complete_work_orders(organization, user, spec["work_orders"], random.Random(spec["seed"]))
    print(json.dumps({"organization": str(organization.code)}))


def child_setup_tenants(spec: dict[str, Any]) -> None:
    """``child_setup`` for each of ``spec["tenants"]`` (each an administration as
    ``child_setup`` takes it, with its ``index`` and ``work_orders``): linked, imported, its first
    clean-up run and claimed (the next is a day away), sending configured, work orders
    completed. Prints ``{"organizations": {administration id: code}}`` as the last line."""
    from simon.snelstart_sync import schedule
    from simon.snelstart_sync.cleanup import cleanup_organization

    codes = {}
    for tenant in spec["tenants"]:
        index = tenant["index"]
        organization, user = _link(f"Installateur {index + 1:02d}", f"chaos-{index}", tenant)
        _import(organization)
        assert schedule.claim(organization.pk, "cleanup")
        assert cleanup_organization(organization.pk) is not None
        _configure_sending(organization, tenant["article_ids"])
        rng = random.Random(f"{spec['seed']}-{index}")
        _complete_work_orders(organization, user, tenant["work_orders"], rng)
        codes[tenant["administration_id"]] = str(organization.code)
    print(json.dumps({"organizations": codes}))


def child_archive(spec: dict[str, Any]) -> None:
    """Archive every completed work order, one by one, through the real service.

    For the numbers in ``spec["die_after_commit"]`` the process kills itself with SIGKILL right
    after the archive's commit, before its own hand-off to the queue runs (``on_commit``
    callbacks run in the order they were registered): a hand-off lost exactly as when a process
    dies between the commit and the enqueue. Only the sweep can send those."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from simon.tenants.models import Organization
    from simon.workorders import services
    from simon.workorders.models import WorkOrder, WorkOrderStatus

    organization = Organization.objects.get(code=spec["organization"])
    user = get_user_model().objects.get(username=USERNAME)
    die_after = set(spec["die_after_commit"])
    rng = random.Random(f"{spec['seed']}-{os.getpid()}")
    todo = list(
        WorkOrder.objects.filter(
            organization=organization, status=WorkOrderStatus.COMPLETED
        ).order_by("number")
    )
    for work_order in todo:
        time.sleep(rng.uniform(0, spec["max_pause"]))
        if work_order.number in die_after:
            with transaction.atomic():
                transaction.on_commit(lambda: os.kill(os.getpid(), signal.SIGKILL))
                services.archive(work_order, by=user)
        else:
            services.archive(work_order, by=user)


def child_archive_tenants(spec: dict[str, Any]) -> None:
    """Archive every completed work order of ``spec["organizations"]`` (codes) through the real
    service, taking the organizations in turn (one work order of each, then the next of each),
    so every organization archives throughout and the ones with the most work orders last."""
    from itertools import zip_longest

    from simon.tenants.models import Membership
    from simon.workorders import services
    from simon.workorders.models import WorkOrder, WorkOrderStatus

    rng = random.Random(f"{spec['seed']}-{os.getpid()}")
    queues = []
    for code in spec["organizations"]:
        membership = Membership.objects.select_related("user", "organization").get(
            organization__code=code
        )
        todo = WorkOrder.objects.filter(
            organization=membership.organization, status=WorkOrderStatus.COMPLETED
        ).order_by("number")
        queues.append([(work_order, membership.user) for work_order in todo])
    for round_ in zip_longest(*queues):
        for item in round_:
            if item is not None:
                time.sleep(rng.uniform(0, spec["max_pause"]))
                services.archive(item[0], by=item[1])


def _quantity(value: Any) -> str | None:
    return None if value is None else str(Decimal(str(value)).normalize())


def _report(organization: Any) -> dict[str, Any]:
    """What Simon holds of one organization: per work order its export and the order it should
    have become; the attempts by kind and outcome; the log messages by kind."""
    from simon.snelstart_sync.models import ExportAttempt, LogMessage, SalesOrderExport
    from simon.snelstart_sync.push.facts import export_settings, work_order_facts
    from simon.snelstart_sync.push.payload import build_sales_order
    from simon.workorders.models import WorkOrder

    exports = {
        e.work_order_id: e
        for e in SalesOrderExport.objects.filter(organization=organization).select_related(
            "settings_version"
        )
    }
    rows = []
    for work_order in (
        WorkOrder.objects.filter(organization=organization)
        .select_related("customer", "work_address")
        .order_by("number")
    ):
        export = exports.get(work_order.pk)
        row: dict[str, Any] = {
            "number": work_order.number,
            "status": work_order.status,
            "state": export.state if export else None,
            "marker": export.marker if export else None,
            "order_id": str(export.snelstart_order_id or "") if export else "",
            "order_number": export.snelstart_order_number if export else None,
            "attempts": export.attempts if export else 0,
            "lookup_required": export.lookup_required if export else False,
            "problem": export.problem if export else "",
            "archived_at": work_order.archived_at.timestamp() if work_order.archived_at else None,
            "sent_at": export.sent_at.timestamp() if export and export.sent_at else None,
        }
        if export is not None:
            row["history"] = [
                f"{a.started_at.timestamp() - (row['archived_at'] or 0):.1f}s {a.kind} "
                f"{a.outcome} {a.status or ''}".strip()
                for a in export.attempt_rows.order_by("id")
            ]
        if export is not None and export.settings_version is not None:
            draft = build_sales_order(
                work_order_facts(work_order), export_settings(export.settings_version)
            )
            row["expected"] = {
                "relatie": str(draft.relatie_id),
                "orderreferentie": draft.orderreferentie,
                "omschrijving": draft.omschrijving,
                "procesStatus": draft.proces_status,
                "lines": [
                    [
                        str(line.article_id) if line.article_id else None,
                        _quantity(line.quantity),
                        line.description if line.is_text else None,
                    ]
                    for line in draft.lines
                ],
            }
        rows.append(row)
    attempts: Counter[str] = Counter()
    for kind, outcome, finished in ExportAttempt.objects.filter(
        organization=organization
    ).values_list("kind", "outcome", "finished_at"):
        attempts[f"{kind} {outcome}"] += 1
        if finished is None:  # its worker never came back from it: killed mid-call
            attempts[f"{kind} cut short"] += 1
    messages = Counter(
        f"{table} {kind}"
        for table, kind in LogMessage.objects.filter(organization=organization).values_list(
            "table", "kind"
        )
    )
    return {"work_orders": rows, "attempts": attempts, "messages": messages}


def child_report(spec: dict[str, Any]) -> None:
    """``_report`` of ``spec["organization"]``, printed as one JSON document."""
    from simon.tenants.models import Organization

    print(json.dumps(_report(Organization.objects.get(code=spec["organization"]))))


def child_report_tenants(spec: dict[str, Any]) -> None:
    """Per organization code of ``spec["organizations"]``: its ``_report``, what it holds of
    SnelStart's customers and articles (by SnelStart id) and its sync and clean-up runs.
    Printed as one JSON document."""
    from simon.catalog.models import Article
    from simon.customers.models import Customer
    from simon.snelstart_sync.models import SyncRun
    from simon.tenants.models import Organization

    everything = {}
    for organization in Organization.objects.filter(code__in=spec["organizations"]):
        report = _report(organization)
        report["customers"] = {
            str(snelstart_id): name
            for snelstart_id, name in Customer.objects.filter(
                organization=organization, snelstart_id__isnull=False
            ).values_list("snelstart_id", "name")
        }
        report["articles"] = {
            str(snelstart_id): [code, description]
            for snelstart_id, code, description in Article.objects.filter(
                organization=organization, snelstart_id__isnull=False
            ).values_list("snelstart_id", "article_code", "description")
        }
        report["runs"] = [
            {
                "kind": run.kind,
                "worker": run.worker,
                "started": run.started_at.timestamp(),
                "finished": run.finished_at.timestamp() if run.finished_at else None,
                "ok": run.ok,
                "requests": run.requests,
                "quota_wait_ms": run.quota_wait_ms,
                "statuses": run.statuses,
            }
            for run in SyncRun.objects.filter(organization=organization).order_by("started_at")
        ]
        everything[str(organization.code)] = report
    print(json.dumps(everything))


def order_lines(order: dict[str, Any]) -> list[list[str | None]]:
    """An emulator order's lines in the report's form: [article id, quantity, text]."""
    lines: list[list[str | None]] = []
    for regel in order.get("regels") or []:
        artikel = (regel.get("artikel") or {}).get("id")
        lines.append(
            [
                artikel,
                _quantity(regel.get("aantal")) if artikel else None,
                None if artikel else regel.get("omschrijving"),
            ]
        )
    return lines


def describe_problems(report: dict[str, Any], orders: list[dict[str, Any]]) -> list[str]:
    """Every way the end state differs from one right order per work order, in words."""
    by_marker: dict[str, list[dict[str, Any]]] = {}
    for order in orders:
        by_marker.setdefault(order.get("orderreferentie") or "", []).append(order)
    problems = []
    markers = set()
    for row in report["work_orders"]:
        number, marker = row["number"], row["marker"]
        markers.add(marker)
        found = by_marker.get(marker, [])
        if row["status"] != "gearchiveerd" or row["state"] != "sent":
            problems.append(
                f"{number}: status {row['status']}, export {row['state']} after "
                f"{row['attempts']} POST(s), lookup pending {row['lookup_required']}, "
                f"problem {row['problem']!r}; {len(found)} order(s) in SnelStart"
            )
            continue
        if len(found) != 1:
            numbers = [o["nummer"] for o in found]
            problems.append(f"{number}: {len(found)} orders in SnelStart {numbers}")
            continue
        order, expected = found[0], row["expected"]
        if (str(order["id"]), order["nummer"]) != (row["order_id"], row["order_number"]):
            problems.append(
                f"{number}: Simon says order {row['order_number']} ({row['order_id']}), "
                f"SnelStart has {order['nummer']} ({order['id']})"
            )
        actual = {
            "relatie": (order.get("relatie") or {}).get("id"),
            "orderreferentie": order.get("orderreferentie"),
            "omschrijving": order.get("omschrijving"),
            "procesStatus": order.get("procesStatus"),
            "lines": order_lines(order),
        }
        if actual != expected:
            problems.append(f"{number}: order {order['nummer']} is {actual}, expected {expected}")
    strangers = [o["nummer"] for o in orders if o.get("orderreferentie") not in markers]
    if strangers:
        problems.append(f"orders no work order made: {strangers}")
    return problems


# --- in the test -------------------------------------------------------------------------------


def _with_path(url: str, path: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, parts.fragment))


@dataclass
class Round:
    """Where the test's processes keep their data: the embedded default (a SQLite file and
    SqliteHuey in the data directory) or, distributed, a PostgreSQL database and a Redis
    database of their own."""

    data_dir: Path
    database_url: str = ""  # empty: SQLite in data_dir
    redis_url: str = ""  # empty: SqliteHuey in data_dir

    @property
    def distributed(self) -> bool:
        return bool(self.database_url)

    @property
    def name(self) -> str:
        return "PostgreSQL + RedisHuey" if self.distributed else "SQLite + SqliteHuey"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
        env.pop("SIMON_HUEY_IMMEDIATE", None)
        env["SIMON_DATA_DIR"] = str(self.data_dir)
        env["PYTHONUNBUFFERED"] = "1"  # a killed process's log is complete up to the kill
        env["DJANGO_SETTINGS_MODULE"] = "simon.settings"
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        return env

    def query(self, query: str, what: str) -> list[tuple[Any, ...]]:
        """Rows of one query, read straight from the shared database (no Django); ``what`` it
        reads names a failure."""
        try:
            if self.database_url:
                import psycopg

                with psycopg.connect(self.database_url, connect_timeout=5) as db:
                    return db.execute(query).fetchall()
            with sqlite3.connect(self.data_dir / "simon.sqlite3", timeout=10) as lite:
                return lite.execute(query).fetchall()
        except (sqlite3.OperationalError, ImportError) as exc:
            raise AssertionError(f"cannot read {what}: {exc}") from exc

    def export_states(self) -> dict[str, int]:
        """Exports per state."""
        query = "select state, count(*) from snelstart_sync_salesorderexport group by state"
        return {state: count for state, count in self.query(query, "the export states")}


@contextmanager
def chaos_round(tmp_path: Path, server_url: str, redis_url: str) -> Iterator[Round]:
    """The embedded round when ``server_url`` is empty; otherwise a database of its own on that
    PostgreSQL server and the Redis database ``redis_url`` (flushed first), both cleaned up
    afterwards."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    if not server_url:
        yield Round(data_dir)
        return
    import psycopg
    import redis
    from psycopg import sql

    name = f"simon_chaos_{uuid4().hex[:10]}"
    maintenance = _with_path(server_url, "/postgres")  # the URL's own database may not exist
    queue = redis.Redis.from_url(redis_url)
    queue.flushdb()
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    try:
        yield Round(data_dir, _with_path(server_url, f"/{name}"), redis_url)
    finally:
        with psycopg.connect(maintenance, autocommit=True) as admin:
            admin.execute(
                sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
            )
        queue.flushdb()
        queue.close()


@dataclass
class Cluster:
    """Simon's processes of one round: workers, the archiver, one-off commands."""

    round: Round
    env: dict[str, str]
    logs: Path
    workers: list[subprocess.Popen[bytes] | None] = field(default_factory=list)
    archiver: subprocess.Popen[bytes] | None = None
    started: Counter[str] = field(default_factory=Counter)

    def _spawn(self, label: str, *args: str) -> subprocess.Popen[bytes]:
        self.started[label] += 1
        log = self.logs / f"{label}-{self.started[label]}.log"
        with log.open("wb") as out:
            return subprocess.Popen(
                [sys.executable, "manage.py", *args],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def run(self, *args: str, timeout: float = 300) -> str:
        """A command to completion; its stdout (stderr in the failure message)."""
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode != 0:
            raise AssertionError(f"manage.py {args[0]} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def child(self, function: str, spec: dict[str, Any], timeout: float = 300) -> Any:
        """Run one of this module's ``child_*`` functions in a Simon process; its JSON answer."""
        code = (
            "import json; from simon.snelstart_sync.tests import chaos; "
            f"chaos.{function}(json.loads({json.dumps(spec)!r}))"
        )
        out = self.run("shell", "-c", code, timeout=timeout)
        return json.loads(out.strip().splitlines()[-1]) if out.strip() else None

    def children(
        self, function: str, specs: list[dict[str, Any]], timeout: float = 300
    ) -> list[Any]:
        """``child`` for each spec, all at once (set-up work that waits on the database more
        than it computes); their answers in the order of ``specs``."""
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(len(specs)) as pool:
            return list(pool.map(lambda spec: self.child(function, spec, timeout), specs))

    def start_workers(self, count: int) -> None:
        self.workers = [None] * count
        for index in range(count):
            self.start_worker(index)

    def start_worker(self, index: int) -> None:
        self.workers[index] = self._spawn(f"worker{index}", "run_huey")

    def kill(self, process: subprocess.Popen[bytes] | None) -> bool:
        """SIGKILL; False when it had already ended."""
        if process is None or process.poll() is not None:
            return False
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        return True

    def kill_worker(self, index: int) -> int:
        """SIGKILL worker ``index``; its process id (what its leases and runs name)."""
        worker = self.workers[index]
        assert worker is not None and self.kill(worker), f"worker {index} was not running"
        self.workers[index] = None
        return worker.pid

    def assert_alive(self) -> None:
        """Every worker runs, and the archiver runs or has finished without error."""
        for index, worker in enumerate(self.workers):
            if worker is not None and worker.poll() is not None:
                raise AssertionError(
                    f"worker {index} stopped by itself ({worker.returncode})\n"
                    + self.log_tail(f"worker{index}")
                )
        if self.archiver is not None and self.archiver.poll() not in (None, 0):
            raise AssertionError(
                f"the archiver failed ({self.archiver.returncode})\n" + self.log_tail("archiver")
            )

    def wait_for(self, missing: Callable[[], list[str]], seconds: float, what: str) -> None:
        """Until ``missing()`` names nothing, while every process is well (``assert_alive``);
        after ``seconds``, an AssertionError saying ``what`` did not happen and what is still
        missing."""
        deadline = time.monotonic() + seconds
        while True:
            self.assert_alive()
            left = missing()
            if not left:
                return
            if time.monotonic() > deadline:
                shown = "\n  ".join(left[:30])
                more = f"\n  ... and {len(left) - 30} more" if len(left) > 30 else ""
                raise AssertionError(f"{what} within {seconds:.0f} s; missing:\n  {shown}{more}")
            time.sleep(0.5)

    def start_archiver(self, spec: dict[str, Any], function: str = "child_archive") -> None:
        code = (
            "import json; from simon.snelstart_sync.tests import chaos; "
            f"chaos.{function}(json.loads({json.dumps(spec)!r}))"
        )
        self.archiver = self._spawn("archiver", "shell", "-c", code)

    def stop(self) -> None:
        """Ask every process to stop (Huey finishes its running tasks), then make sure."""
        running = [p for p in [*self.workers, self.archiver] if p is not None and p.poll() is None]
        for process in running:
            process.send_signal(signal.SIGINT)
        for process in running:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)

    def log_tail(self, label: str, lines: int = 40) -> str:
        logs = sorted(self.logs.glob(f"{label}-*.log"), key=lambda p: p.stat().st_mtime)
        if not logs:
            return f"(no {label} log)"
        text = logs[-1].read_text(errors="replace").splitlines()
        return f"--- {logs[-1].name} ---\n" + "\n".join(text[-lines:])

    def log_lines(self, label: str, containing: str) -> list[str]:
        """The lines of every log of ``label`` (e.g. "worker") that contain ``containing``."""
        return [
            line
            for log in sorted(self.logs.glob(f"{label}*.log"))
            for line in log.read_text(errors="replace").splitlines()
            if containing in line
        ]

    def errors_in_logs(self) -> Counter[str]:
        """Counts of the log lines at ERROR or worse, by logger, over every process's log."""
        found: Counter[str] = Counter()
        for log in self.logs.glob("*.log"):
            for line in log.read_text(errors="replace").splitlines():
                parts = line.split(" ", 4)
                if len(parts) >= 4 and parts[2] in {"ERROR", "CRITICAL"}:
                    found[f"{parts[2]} {parts[3]}"] += 1
        return found
