"""Sending one export: claim it, look up what may have arrived, post, record (S9, S22).

Exactly one sales order per work order rests on four rules:

1. **One worker at a time.** ``claim`` is one conditional UPDATE; the claim expires (a killed
   worker does not block the order) after longer than any single request can take, and it is
   renewed right before every HTTP attempt (``connection.GuardedLimiter``), so a worker that
   lost its claim while waiting for the call budget sends nothing.
2. **Mark before sending.** The same renewal sets ``lookup_required`` before a POST leaves,
   and the attempt row is committed before it: whatever happens next (timeout, dropped
   connection, SIGKILL), the next worker knows a POST may have arrived.
3. **Look up before posting again.** SnelStart has no idempotency key (CONTRACT §10). The order
   carries a marker in ``orderreferentie`` (docs/decisions/0003); when a POST's outcome is
   unknown the order is looked up by it, but not before ``lookup_not_before`` (SnelStart may
   still be working on a request Simon stopped waiting for:
   ``SNELSTART_OUTCOME_SETTLE_SECONDS``).
4. **Definite answers only move the state.** A 201 (or a found order) makes it 'sent'; a 4xx
   refusal makes it 'failed' with the reason; everything else keeps it pending with back-off.

``send_export`` never raises for SnelStart's or the network's sake; it returns what happened.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from simon.lib.later_text import later
from simon.snelstart_sync import integration_log, leases
from simon.snelstart_sync.connection import NotConnected, client_for
from simon.snelstart_sync.crypto import CredentialUnreadable
from simon.snelstart_sync.models import (
    AttemptKind,
    AttemptOutcome,
    Connection,
    ExportAttempt,
    ExportState,
    Kind,
    SalesOrderExport,
    State,
)
from simon.snelstart_sync.push import messages, readiness, refusals
from simon.snelstart_sync.push.facts import export_settings, work_order_facts
from simon.snelstart_sync.push.lookup import find_orders
from simon.snelstart_sync.push.payload import SalesOrderDraft, build_sales_order, to_verkooporder
from simon.snelstart_sync.push.readiness import Problem
from snelstart import (
    AuthenticationError,
    ForbiddenError,
    OutcomeUnknownError,
    RequestError,
    SnelStartClient,
    SnelStartError,
    TransientError,
    VerkoopOrder,
)
from snelstart.errors import truncate
from snelstart.jsonvalues import dumps

log = logging.getLogger("simon.snelstart_sync.push")

# Back-off after a failure that will pass by itself: 5 s, 10 s, 20 s, … at most 30 min.
RETRY_BASE = timedelta(seconds=5)
RETRY_MAX = timedelta(minutes=30)
# After this many failures in a row the koppeling's log line says orders are waiting.
WARN_AFTER = 3
# While the integration is not running, look again this much later (the sweep also does).
NOT_RUNNING_RETRY = timedelta(minutes=5)


# Outcomes after which a job does not schedule its own next try: nothing can happen until the
# integration runs again (or gets a koppelsleutel), and then the sweep takes the export up.
ENDS_THE_CHAIN = frozenset({"not_running", "not_connected"})


class ClaimLost(Exception):
    """Another worker holds this export now (our claim expired); send nothing more."""


def lease_seconds() -> float:
    """Longer than one HTTP request can take (connect, then writing and reading the body), twice
    over, plus a margin: a claim never expires under a request that is still under way."""
    one_request = settings.SNELSTART_CONNECT_TIMEOUT + 2 * settings.SNELSTART_READ_TIMEOUT
    return 2 * one_request + 10


def _lease() -> timedelta:
    return timedelta(seconds=lease_seconds())


def _settle() -> timedelta:
    return timedelta(seconds=settings.SNELSTART_OUTCOME_SETTLE_SECONDS)


def retry_delay(failures_in_a_row: int, retry_after: float | None = None) -> timedelta:
    delay = min(RETRY_BASE * (2 ** min(max(failures_in_a_row - 1, 0), 10)), RETRY_MAX)
    if retry_after is not None:
        delay = max(delay, timedelta(seconds=retry_after))
    return delay


# --- claiming ----------------------------------------------------------------------------------


def claim(export_id: int, owner: str) -> bool:
    """Take the export if it is due (pending) or its last claim expired (worker gone). A claim
    of a process on this machine that no longer exists is taken over at once, as a sync's lease
    is (``leases``): a POST it may have sent is still looked up after it settled, because the
    guard wrote that before the POST left."""
    now = timezone.now()
    due = Q(state=ExportState.PENDING, next_attempt_at__lte=now) | Q(
        state=ExportState.SENDING, claim_expires_at__lt=now
    )
    exports = SalesOrderExport.objects.filter(pk=export_id)
    claimed = {
        "state": ExportState.SENDING,
        "claimed_by": owner,
        "claim_expires_at": now + _lease(),
    }
    if exports.filter(due).update(**claimed) == 1:
        return True
    holder = exports.filter(state=ExportState.SENDING).values_list("claimed_by", flat=True).first()
    if holder and leases.process_gone(holder):
        # Conditional on the dead holder: of two workers noticing it, one takes the export.
        return exports.filter(state=ExportState.SENDING, claimed_by=holder).update(**claimed) == 1
    return False


def _mine(export: SalesOrderExport, owner: str) -> Any:
    return SalesOrderExport.objects.filter(
        pk=export.pk, claimed_by=owner, state=ExportState.SENDING
    )


class Guard:
    """Called before every HTTP attempt: renews the claim and, while posting, marks that a
    POST may be on its way (rule 2)."""

    def __init__(self, export: SalesOrderExport, owner: str) -> None:
        self.export = export
        self.owner = owner
        self.posting = False

    def __call__(self) -> None:
        now = timezone.now()
        fields: dict[str, Any] = {"claim_expires_at": now + _lease()}
        if self.posting:
            fields |= {"lookup_required": True, "lookup_not_before": now + _lease() + _settle()}
        if _mine(self.export, self.owner).update(**fields) != 1:
            raise ClaimLost(f"export {self.export.pk}: claim of {self.owner} lost")


def _release(
    export: SalesOrderExport,
    owner: str,
    *,
    at: datetime,
    problem: str = "",
    action: str = "",
    failed: bool = True,
    **fields: Any,
) -> None:
    """Back to pending, to be tried again at ``at``."""
    if failed:
        fields["failures_in_a_row"] = F("failures_in_a_row") + 1
    fields.setdefault("texts", integration_log.stored_texts(problem=problem, action=action))
    _mine(export, owner).update(
        state=ExportState.PENDING,
        claimed_by="",
        claim_expires_at=None,
        next_attempt_at=at,
        problem=integration_log.house_text(problem),
        action=integration_log.house_text(action),
        **fields,
    )


# --- attempts ----------------------------------------------------------------------------------


@dataclass
class Attempt:
    row: ExportAttempt
    started: float

    def finish(
        self,
        outcome: AttemptOutcome,
        *,
        status: int | None = None,
        response: str | None = "",
        detail: str = "",
    ) -> None:
        self.row.outcome = outcome
        self.row.finished_at = timezone.now()
        self.row.duration_ms = round((time.monotonic() - self.started) * 1000)
        self.row.status = status
        self.row.response_excerpt = truncate(response or "", 2000) or ""
        self.row.detail = detail[:2000]
        self.row.save(
            update_fields=[
                "outcome",
                "finished_at",
                "duration_ms",
                "status",
                "response_excerpt",
                "detail",
            ]
        )

    def failed(self, outcome: AttemptOutcome, exc: Exception) -> None:
        status = getattr(exc, "status", None)
        body = getattr(exc, "body", None)
        self.finish(outcome, status=status, response=body, detail=f"{type(exc).__name__}: {exc}")


def _start(
    export: SalesOrderExport, owner: str, kind: AttemptKind, summary: str, body: Any = None
) -> Attempt:
    row = ExportAttempt.objects.create(
        organization_id=export.organization_id,
        export=export,
        kind=kind,
        outcome=AttemptOutcome.IN_FLIGHT,
        worker=owner[:100],
        started_at=timezone.now(),
        request_summary=summary[:300],
        request_body=body,
    )
    return Attempt(row, time.monotonic())


def _summary(draft: SalesOrderDraft) -> str:
    return (
        f"POST /verkooporders relatie={draft.relatie_id} regels={len(draft.lines)} "
        f"orderreferentie={draft.orderreferentie!r}"
    )


# --- outcomes ----------------------------------------------------------------------------------


def _record_sent(
    export: SalesOrderExport, order: VerkoopOrder, found: list[VerkoopOrder] | None = None
) -> bool:
    """A fact, recorded whoever holds the claim: SnelStart has this order (and, when a lookup
    ``found`` more than one, duplicates to report). The state and its log lines are written in
    one transaction: a worker killed between the two would leave a sent work order without its
    'Goedkeuring' (the chaos test found one); rolled back, the next worker's lookup records
    both."""
    with transaction.atomic():
        done = (
            SalesOrderExport.objects.filter(pk=export.pk)
            .exclude(state=ExportState.SENT)
            .update(
                state=ExportState.SENT,
                snelstart_order_id=order.id,
                snelstart_order_number=order.nummer,
                sent_at=timezone.now(),
                claimed_by="",
                claim_expires_at=None,
                lookup_required=False,
                lookup_not_before=None,
                next_attempt_at=None,
                failures_in_a_row=0,
                problem="",
                action="",
                texts={},
            )
        )
        if done:
            export.refresh_from_db()
            messages.sent(export)
            if found and len(found) > 1:
                messages.duplicate(export, [o.nummer for o in found if o.nummer is not None])
    return done == 1


def _fail(export: SalesOrderExport, owner: str, problems: list[Problem]) -> None:
    """'Mislukt' and its 'Foutmelding' in one transaction, for the same reason as above."""
    actions = list(dict.fromkeys(p.action for p in problems))
    with transaction.atomic():
        changed = _mine(export, owner).update(
            state=ExportState.FAILED,
            claimed_by="",
            claim_expires_at=None,
            next_attempt_at=None,
            lookup_required=False,
            lookup_not_before=None,
            problem=integration_log.house_text([p.message for p in problems]),
            action=integration_log.house_text(actions),
            texts=integration_log.stored_texts(
                problem=[p.message for p in problems], action=actions
            ),
        )
        if changed:
            messages.failed(export, problems)


def _wait(
    export: SalesOrderExport,
    owner: str,
    exc: SnelStartError,
    not_before: timedelta = timedelta(0),
    **fields: Any,
) -> None:
    """Keep it pending after a failure that passes by itself (or by a new koppelsleutel)."""
    from simon.snelstart_sync import failures

    failures_now = export.failures_in_a_row + 1
    if isinstance(exc, OutcomeUnknownError):
        explanation = failures.Explanation(
            Kind.WARNING,
            later(
                gettext_noop(
                    "SnelStart gaf geen antwoord; Simon kijkt straks of de verkooporder is "
                    "aangekomen."
                )
            ),
            later(gettext_noop("Je hoeft niets te doen.")),
            False,
        )
    else:
        explanation = failures.explain(exc, failures_now)
    retry_after = getattr(exc, "retry_after", None)
    _release(
        export,
        owner,
        at=timezone.now() + max(retry_delay(failures_now, retry_after), not_before),
        problem=explanation.message,
        action=explanation.action,
        **fields,
    )
    if failures_now >= WARN_AFTER or explanation.permanent:
        messages.waiting(export, explanation.message, explanation.action)


# --- the steps ---------------------------------------------------------------------------------


def _look_up(export: SalesOrderExport, owner: str, client: SnelStartClient) -> str | None:
    """Resolve earlier POSTs of unknown outcome. Returns an outcome when this run ends here."""
    now = timezone.now()
    if export.lookup_not_before and now < export.lookup_not_before:
        _release(
            export,
            owner,
            at=export.lookup_not_before,
            failed=False,
            problem=export.problem,
            action=export.action,
            texts=export.texts,
        )
        return "settling"
    # Lookups a killed worker left 'in flight': a lookup changes nothing in SnelStart, it just
    # did not finish, and this one takes its place (the history must not say 'Onderweg' forever).
    export.attempt_rows.filter(kind=AttemptKind.LOOKUP, outcome=AttemptOutcome.IN_FLIGHT).update(
        outcome=AttemptOutcome.ABORTED, detail="the worker stopped during the lookup"
    )
    posts = export.attempt_rows.filter(kind=AttemptKind.POST)
    uncertain = posts.filter(outcome__in=(AttemptOutcome.IN_FLIGHT, AttemptOutcome.UNKNOWN))
    # Whose orders the fallback reads (decision 0003, point 4): the customers of every POST, not
    # only of those of unknown outcome. A POST answered 201 and recorded as created, whose 'sent'
    # was never written (a database error, a worker killed between the two writes), left an
    # order too, and is why the lookup is still required.
    relaties = {(row.request_body or {}).get("relatie", {}).get("id") for row in posts} - {None}
    attempt = _start(
        export, owner, AttemptKind.LOOKUP, f"GET /verkooporders orderreferentie={export.marker!r}"
    )
    try:
        found = find_orders(client, export.marker, relaties)
    except ClaimLost:
        attempt.finish(AttemptOutcome.ABORTED)
        raise
    except SnelStartError as exc:
        attempt.failed(AttemptOutcome.TRANSIENT, exc)
        _wait(export, owner, exc)
        return "lookup_failed"
    if found:
        attempt.finish(
            AttemptOutcome.FOUND, status=200, response=", ".join(f"{o.nummer}" for o in found)
        )
        uncertain.update(outcome=AttemptOutcome.CREATED)
        _record_sent(export, found[0], found)
        return "found"
    attempt.finish(AttemptOutcome.NOT_FOUND, status=200)
    uncertain.update(outcome=AttemptOutcome.NOT_APPLIED)
    _mine(export, owner).update(lookup_required=False, lookup_not_before=None)
    export.lookup_required = False
    return None


def _post(export: SalesOrderExport, owner: str, client: SnelStartClient, guard: Guard) -> str:
    facts = work_order_facts(export.work_order)
    if export.settings_version is None:  # only skipped exports follow no settings version
        raise RuntimeError(f"export {export.pk} is waiting without a settings version")
    version = export_settings(export.settings_version)
    problems = readiness.problems(facts, version)
    if problems:
        _fail(export, owner, problems)
        return "failed"
    draft = build_sales_order(facts, version)
    order = to_verkooporder(draft)
    attempt = _start(export, owner, AttemptKind.POST, _summary(draft), _jsonable(order))
    SalesOrderExport.objects.filter(pk=export.pk).update(attempts=F("attempts") + 1)
    guard.posting = True
    try:
        created = client.verkooporders.create(order)
    except ClaimLost:
        # Raised before a request left (or after a 429, which SnelStart did not process).
        attempt.finish(AttemptOutcome.ABORTED, detail="claim lost before sending")
        raise
    except OutcomeUnknownError as exc:
        attempt.failed(AttemptOutcome.UNKNOWN, exc)
        _wait(
            export,
            owner,
            exc,
            lookup_required=True,
            lookup_not_before=timezone.now() + _settle(),
            not_before=_settle(),
        )
        return "unknown"
    except (AuthenticationError, ForbiddenError, TransientError) as exc:
        # Not processed: refused at the door, throttled, or never sent.
        attempt.failed(AttemptOutcome.TRANSIENT, exc)
        _wait(export, owner, exc, lookup_required=False, lookup_not_before=None)
        return "waiting"
    except RequestError as exc:
        attempt.failed(AttemptOutcome.REJECTED, exc)
        _mine(export, owner).update(lookup_required=False, lookup_not_before=None)
        found = refusals.diagnose(
            client,
            draft,
            exc,
            customer_name=facts.customer_name,
            template_name=version.template_name,
        )
        _fail(export, owner, found)
        return "failed"
    attempt.finish(
        AttemptOutcome.CREATED, status=201, response=f"id={created.id} nummer={created.nummer}"
    )
    _record_sent(export, created)
    return "sent"


def _jsonable(order: VerkoopOrder) -> Any:
    """The request body as stored JSON (ids as text, quantities as numbers)."""
    return json.loads(dumps(order.to_write_payload()))


def _send_claimed(export: SalesOrderExport, owner: str) -> str:
    connection = Connection.objects.filter(organization_id=export.organization_id).first()
    if connection is None or not connection.is_running:
        paused = connection is not None and connection.state == State.PAUSED
        _release(
            export,
            owner,
            at=timezone.now() + NOT_RUNNING_RETRY,
            failed=False,
            problem=later(gettext_noop("De koppeling met SnelStart is gepauzeerd."))
            if paused
            else later(gettext_noop("De koppeling met SnelStart is niet actief.")),
            action=later(
                gettext_noop("De werkbon gaat naar SnelStart zodra de integratie weer actief is.")
            ),
        )
        return "not_running"
    guard = Guard(export, owner)
    try:
        client = client_for(connection, before_send=guard)
    except (NotConnected, CredentialUnreadable):
        _release(
            export,
            owner,
            at=timezone.now() + NOT_RUNNING_RETRY,
            problem=later(gettext_noop("Simon heeft geen bruikbare koppelsleutel.")),
            action=later(gettext_noop("Koppel opnieuw via 'Integraties' → 'Koppel'.")),
        )
        return "not_connected"
    # Attempts a killed worker left 'in flight' before its POST could leave (the export was not
    # marked): nothing was sent, and the history says so.
    if not export.lookup_required:
        export.attempt_rows.filter(outcome=AttemptOutcome.IN_FLIGHT).update(
            outcome=AttemptOutcome.ABORTED, detail="the worker stopped before sending"
        )
    with client:
        if export.lookup_required:
            ended = _look_up(export, owner, client)
            if ended is not None:
                return ended
        return _post(export, owner, client, guard)


def send_export(export_id: int, owner: str | None = None) -> str:
    """Try to send one export now; returns what happened ('sent', 'failed', 'unknown',
    'waiting', 'found', 'settling', 'not_due', 'claim_lost', …)."""
    owner = owner or leases.worker_id()
    if not claim(export_id, owner):
        return "not_due"
    export = SalesOrderExport.objects.select_related(
        "organization", "work_order", "work_order__organization", "settings_version"
    ).get(pk=export_id)
    try:
        return _send_claimed(export, owner)
    except ClaimLost:
        log.warning("export %s: claim lost by %s", export_id, owner)
        return "claim_lost"
    except Exception:
        log.exception("export %s: unexpected error", export_id)
        _release(
            export,
            owner,
            at=timezone.now() + retry_delay(export.failures_in_a_row + 1),
            problem=later(gettext_noop("Er ging iets mis in Simon; Simon probeert het opnieuw.")),
            action=later(
                gettext_noop(
                    "Blijft deze melding staan, neem dan contact op met de beheerder van Simon."
                )
            ),
        )
        return "error"
