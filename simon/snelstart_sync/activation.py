"""The activation steps (S27, S30; manual chapters 4 and 9), one function each.

Which step may start from which state, and where it leads, is the table in ``lifecycle``; every
step moves the connection with one conditional UPDATE through ``move`` (never check-then-act)
and raises ``ActivationError`` with a Dutch message when the step is not possible now.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from simon.lib.errors import DomainError
from simon.lib.later_text import later
from simon.snelstart_sync import crypto, integration_log, lifecycle, wipe
from simon.snelstart_sync.models import Connection, Kind, StreamCursor, Table
from simon.tenants.models import Organization


class ActivationError(DomainError):
    """A step of the activation is not possible now; the message says why."""


def connection_of(organization: Organization) -> Connection:
    connection, _created = Connection.objects.get_or_create(organization=organization)
    return connection


def move(connection: Connection, step: str, **fields: Any) -> None:
    """Take ``step`` of ``lifecycle.STEPS``: only from a state it allows, to the state it leads
    to; ``fields`` are written in the same UPDATE. Raises ActivationError otherwise."""
    rule = lifecycle.STEPS[step]
    target = rule.target(import_done=connection.initial_import_done_at is not None)
    moved = Connection.objects.filter(pk=connection.pk, state__in=rule.allowed_from).update(
        state=target, **fields
    )
    connection.refresh_from_db()
    if moved != 1:
        raise ActivationError(
            later(
                gettext_noop("Deze stap kan nu niet: de koppeling heeft de status '%(state)s'."),
                state=connection.get_state_display(),
            )
        )


def wipe_parts_for(connection: Connection) -> tuple[list[str], bool]:
    """Which parts the user may choose, and whether the choice is free (re-activation only)."""
    if connection.ever_activated:
        return list(wipe.PARTS), True
    return list(wipe.PARTS), False


def wipe_and_continue(connection: Connection, parts: list[str]) -> dict[str, int]:
    """'Wissen Simon data': wipe (all parts on first activation) and move to 'wiped'."""
    choosable, free = wipe_parts_for(connection)
    chosen = parts if free else choosable
    with transaction.atomic():
        move(
            connection,
            "wipe",
            wiped_at=timezone.now(),
            activation_started_at=timezone.now(),
            wiped_parts=sorted(chosen),
        )
        result = wipe.wipe(connection.organization, chosen)
        streams = {s for part in chosen for s in wipe.STREAMS_TO_RESET[part]}
        StreamCursor.objects.filter(
            organization=connection.organization, stream__in=streams
        ).delete()
    integration_log.record(
        connection.organization,
        kind=Kind.INFO,
        table=Table.INTEGRATION,
        message=later(
            gettext_noop("Simon-data gewist: %(parts)s."),
            parts=", ".join(str(wipe.PARTS[p]) for p in chosen) or later(gettext_noop("niets")),
        ),
    )
    return result


def store_key(connection: Connection, client_key: str, administration_id: str, name: str) -> None:
    """Keep a checked koppelsleutel (encrypted) and move to 'connected'.

    A key of another administration than before may only follow a wipe of every part: data
    kept from the old administration would otherwise mix with the new one's.
    """
    previous = connection.administration_id
    with transaction.atomic():
        if previous and str(previous) != str(administration_id):
            if set(connection.wiped_parts or []) != set(wipe.PARTS):
                raise ActivationError(
                    later(
                        gettext_noop(
                            "Deze koppelsleutel hoort bij een andere SnelStart-administratie "
                            "('%(name)s') dan eerder. Kies bij 'Wissen Simon data' alle onderdelen "
                            "om over te stappen."
                        ),
                        name=name,
                    )
                )
            StreamCursor.objects.filter(organization=connection.organization).delete()
        move(
            connection,
            "connect",
            client_key_encrypted=crypto.encrypt(client_key),
            client_key_hint=crypto.hint(client_key),
            administration_id=administration_id,
            administration_name=name,
            connected_at=timezone.now(),
        )
    integration_log.record(
        connection.organization,
        kind=Kind.APPROVAL,
        table=Table.INTEGRATION,
        message=later(gettext_noop("Gekoppeld met SnelStart-administratie '%(name)s'."), name=name),
    )


def start_running(connection: Connection) -> None:
    """After 'Opslaan': the first import starts with the next tick (or right away)."""
    now = timezone.now()
    move(
        connection,
        "save_settings",
        activated_at=now,
        ever_activated=True,
        next_sync_at=now,
        next_cleanup_at=connection.next_cleanup_at or now,
        consecutive_failures=0,
    )


def finish_initial_import(connection: Connection) -> None:
    """The first import is done: 'configured' → 'active'. Deactivated meanwhile: nothing."""
    with contextlib.suppress(ActivationError):
        move(connection, "finish_import", initial_import_done_at=timezone.now())


def pause(connection: Connection, reason: str, action: str) -> bool:
    """SnelStart refused the koppeling for good: stop pulling and pushing until 'Koppel
    opnieuw'. False when it was not running (already paused, deactivated meanwhile)."""
    try:
        move(
            connection,
            "pause",
            paused_at=timezone.now(),
            pause_reason=reason,
            next_sync_at=None,
            lease_owner="",
            lease_expires_at=None,
        )
    except ActivationError:
        return False
    integration_log.record(
        connection.organization,
        kind=Kind.ERROR,
        table=Table.INTEGRATION,
        message=later(gettext_noop("De koppeling is gepauzeerd: %(reason)s"), reason=reason),
        action=action,
    )
    return True


def reconnect(connection: Connection, client_key: str, administration_id: str, name: str) -> None:
    """'Koppel opnieuw' after a pause: a new key of the same administration, no wipe; syncing
    resumes from the cursors and waiting work orders are sent."""
    if str(connection.administration_id) != str(administration_id):
        raise ActivationError(
            later(
                gettext_noop(
                    "Deze koppelsleutel hoort bij een andere SnelStart-administratie ('%(name)s'). "
                    "Maak de sleutel aan in administratie '%(current)s', of deactiveer de "
                    "integratie en activeer haar opnieuw om over te stappen."
                ),
                name=name,
                current=connection.administration_name,
            )
        )
    now = timezone.now()
    move(
        connection,
        "reconnect",
        client_key_encrypted=crypto.encrypt(client_key),
        client_key_hint=crypto.hint(client_key),
        administration_name=name,
        connected_at=now,
        paused_at=None,
        pause_reason="",
        next_sync_at=now,
        consecutive_failures=0,
    )
    integration_log.resolve_connection_problems(connection.organization)
    integration_log.record(
        connection.organization,
        kind=Kind.APPROVAL,
        table=Table.INTEGRATION,
        message=later(
            gettext_noop(
                "Opnieuw gekoppeld met SnelStart-administratie '%(name)s'; Simon gaat verder "
                "waar hij gebleven was."
            ),
            name=name,
        ),
    )


def deactivate(connection: Connection) -> None:
    """'Deactiveren': from now on nothing is pulled or pushed (S30)."""
    move(
        connection,
        "deactivate",
        deactivated_at=timezone.now(),
        next_sync_at=None,
    )
    integration_log.record(
        connection.organization,
        kind=Kind.WARNING,
        table=Table.INTEGRATION,
        message=later(gettext_noop("De koppeling met SnelStart is gedeactiveerd.")),
        action=later(
            gettext_noop(
                "Activeer de integratie opnieuw via 'Integraties' om weer te synchroniseren."
            )
        ),
    )


def accept_terms(connection: Connection, user: object) -> None:
    """'Opslaan' with the terms ticked (manual 5.1): who accepted them, and when."""
    Connection.objects.filter(pk=connection.pk).update(
        terms_accepted_at=timezone.now(), terms_accepted_by=user
    )
    connection.refresh_from_db(fields=["terms_accepted_at", "terms_accepted_by"])
