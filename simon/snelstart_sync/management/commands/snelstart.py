"""Operators' command line (B4): ``manage.py snelstart status|sync|cleanup [--org CODE]`` and
``manage.py snelstart resend --work-order NUMBER [--org CODE]``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from simon.snelstart_sync import cleanup, leases, sync
from simon.snelstart_sync.models import Connection, StreamCursor
from simon.snelstart_sync.push import operator


class Command(BaseCommand):
    help = "Status, sync and clean-up of the SnelStart integration."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        status = sub.add_parser("status", help="state, last sync and cursors per organization")
        status.add_argument("--json", action="store_true", help="one JSON document, for scripts")
        for name, text in (("sync", "sync now"), ("cleanup", "clean up now")):
            action = sub.add_parser(name, help=text)
            action.add_argument("--org", help="organization code (default: all active)")
        resend = sub.add_parser(
            "resend", help="send a failed (or not sent) archived work order again"
        )
        resend.add_argument(
            "--work-order", required=True, help="work order number, e.g. 2026-00042"
        )
        resend.add_argument("--org", help="organization code (needed when the number is ambiguous)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "status":
            if options.get("json"):
                self.stdout.write(json.dumps(status_document(), indent=2))
            else:
                self.status()
            return
        if action == "resend":
            self.stdout.write(operator.resend(options["work_order"], options.get("org")))
            return
        everything = Connection.objects.select_related("organization")
        connections: Iterable[Connection]
        if options.get("org"):
            connections = everything.filter(organization__code=options["org"])
            if not connections.exists():
                raise CommandError(f"no SnelStart connection for organization {options['org']}")
        else:
            connections = [c for c in everything if c.is_running]
        failed = 0
        for connection in connections:
            name = connection.organization.name
            if action == "sync":
                report = sync.sync_organization(connection.organization_id)
                if report is None:
                    self.stdout.write(f"{name}: {leases.why_skipped(connection.pk)}")
                    continue
                counts = ", ".join(
                    f"{stream} {r.outcome.created}+{r.outcome.updated}~{r.outcome.unchanged}"
                    for stream, r in report.streams.items()
                )
                self.stdout.write(
                    f"{name}: {'ok' if report.ok else 'FAILED ' + report.error} "
                    f"({report.requests} requests; {counts})"
                )
                failed += not report.ok
            else:
                result = cleanup.cleanup_organization(connection.organization_id)
                if result is None:
                    self.stdout.write(f"{name}: {leases.why_skipped(connection.pk)}")
                    continue
                self.stdout.write(
                    f"{name}: {'ok' if result.ok else 'FAILED ' + result.error} "
                    f"(customers removed {result.customers_removed}, hidden "
                    f"{result.customers_hidden}; articles removed {result.articles_removed}, "
                    f"hidden {result.articles_hidden}; repaired {result.repaired})"
                )
                failed += not result.ok
        if failed:
            raise CommandError(f"{failed} organization(s) failed")

    def status(self) -> None:
        now = timezone.now()
        for c in Connection.objects.select_related("organization").order_by("organization__name"):
            last = c.last_sync_success_at
            lag = f"{(now - last).total_seconds():.0f}s ago" if last else "never"
            self.stdout.write(
                f"{c.organization.name} [{c.organization.code}] {c.state}; "
                f"administration {c.administration_name or '-'}; last successful sync {lag}; "
                f"failures in a row {c.consecutive_failures}"
            )
            self.stdout.write("  " + leases.describe(c, now))
            self.stdout.write("  " + operator.export_summary(c.organization))
            for cursor in StreamCursor.objects.filter(organization=c.organization).order_by(
                "stream"
            ):
                running = (
                    f", reading from $skip={cursor.run_next_skip}" if cursor.run_started_at else ""
                )
                self.stdout.write(
                    f"  {cursor.stream}: hoogste mutatiedatum {cursor.highest_modified_on or '-'}, "
                    f"{cursor.records_stored} stored{running}"
                )


def status_document() -> list[dict[str, Any]]:
    """``status --json``: per organization what ``status`` prints, as data (times in UTC)."""
    now = timezone.now()

    def iso(moment: Any) -> str | None:
        return moment.isoformat() if moment else None

    document = []
    for c in Connection.objects.select_related("organization").order_by("organization__name"):
        last = c.last_sync_success_at
        document.append(
            {
                "organization": c.organization.name,
                "code": str(c.organization.code),
                "state": c.state,
                "administration": c.administration_name,
                "last_sync_success_at": iso(last),
                "lag_seconds": round((now - last).total_seconds()) if last else None,
                "failures_in_a_row": c.consecutive_failures,
                "paused_because": c.pause_reason or None,
                "lease": {"owner": c.lease_owner or None, "expires_at": iso(c.lease_expires_at)},
                "sales_orders": operator.export_counts(c.organization),
                "streams": [
                    {
                        "stream": cursor.stream,
                        "highest_modified_on": cursor.highest_modified_on or None,
                        "records_stored": cursor.records_stored,
                        "reading_from_skip": cursor.run_next_skip
                        if cursor.run_started_at
                        else None,
                    }
                    for cursor in StreamCursor.objects.filter(organization=c.organization).order_by(
                        "stream"
                    )
                ],
            }
        )
    return document
