"""The activation state machine (S27, S30; manual chapter 4 and 9).

    inactive ──start──▶ (explanation) ──wipe──▶ wiped ──connect──▶ connected
        ──save settings──▶ configured (first import) ──import done──▶ active
    active/configured ──deactivate──▶ deactivated ──start──▶ … (re-activation)
    active/configured ──key refused for good──▶ paused ──Koppel opnieuw──▶ active/configured

Each step is one function that takes the organization and the acting user, checks the state
it starts from with a conditional UPDATE, and raises ``ActivationError`` with a Dutch message
when the step is not possible now.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simon.snelstart_sync import crypto, integration_log, wipe
from simon.snelstart_sync.models import (
    RUNNING_STATES,
    Connection,
    Kind,
    State,
    StreamCursor,
    Table,
)
from simon.tenants.models import Organization


class ActivationError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def connection_of(organization: Organization) -> Connection:
    connection, _created = Connection.objects.get_or_create(organization=organization)
    return connection


def _move(
    connection: Connection, allowed_from: tuple[State, ...], to: State, **fields: object
) -> None:
    moved = Connection.objects.filter(pk=connection.pk, state__in=allowed_from).update(
        state=to, **fields
    )
    if moved != 1:
        connection.refresh_from_db()
        raise ActivationError(
            _("Deze stap kan nu niet: de koppeling heeft de status '%(state)s'.")
            % {"state": connection.get_state_display()}
        )
    connection.refresh_from_db()


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
        _move(
            connection,
            (State.INACTIVE, State.DEACTIVATED, State.WIPED),
            State.WIPED,
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
        message=_("Simon-data gewist: %(parts)s.")
        % {"parts": ", ".join(str(wipe.PARTS[p]) for p in chosen) or _("niets")},
    )
    return result


def store_key(connection: Connection, client_key: str, administration_id: str, name: str) -> None:
    """Keep a checked koppelsleutel (encrypted) and move to 'connected'.

    A key of another administration than before may only follow a wipe of every part: data
    kept from the old administration would otherwise mix with the new one's.
    """
    previous = connection.administration_id
    if previous and str(previous) != str(administration_id):
        if set(connection.wiped_parts or []) != set(wipe.PARTS):
            raise ActivationError(
                _(
                    "Deze koppelsleutel hoort bij een andere SnelStart-administratie "
                    "('%(name)s') dan eerder. Kies bij 'Wissen Simon data' alle onderdelen om "
                    "over te stappen."
                )
                % {"name": name}
            )
        StreamCursor.objects.filter(organization=connection.organization).delete()
    _move(
        connection,
        (State.WIPED, State.CONNECTED),
        State.CONNECTED,
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
        message=_("Gekoppeld met SnelStart-administratie '%(name)s'.") % {"name": name},
    )


def start_running(connection: Connection) -> None:
    """After 'Opslaan': the first import starts with the next tick (or right away)."""
    now = timezone.now()
    _move(
        connection,
        (State.CONNECTED, State.CONFIGURED, State.ACTIVE),
        State.CONFIGURED if connection.initial_import_done_at is None else State.ACTIVE,
        activated_at=now,
        ever_activated=True,
        next_sync_at=now,
        next_cleanup_at=connection.next_cleanup_at or now,
        consecutive_failures=0,
    )


def finish_initial_import(connection: Connection) -> None:
    Connection.objects.filter(pk=connection.pk, state=State.CONFIGURED).update(
        state=State.ACTIVE, initial_import_done_at=timezone.now()
    )


def pause(connection: Connection, reason: str, action: str) -> bool:
    """SnelStart refused the koppeling for good: stop pulling and pushing until 'Koppel
    opnieuw'. False when it was not running (already paused, deactivated meanwhile)."""
    paused = Connection.objects.filter(pk=connection.pk, state__in=RUNNING_STATES).update(
        state=State.PAUSED,
        paused_at=timezone.now(),
        pause_reason=reason,
        next_sync_at=None,
        lease_owner="",
        lease_expires_at=None,
    )
    connection.refresh_from_db()
    if paused:
        integration_log.record(
            connection.organization,
            kind=Kind.ERROR,
            table=Table.INTEGRATION,
            message=_("De koppeling is gepauzeerd: %(reason)s") % {"reason": reason},
            action=action,
        )
    return paused == 1


def reconnect(connection: Connection, client_key: str, administration_id: str, name: str) -> None:
    """'Koppel opnieuw' after a pause: a new key of the same administration, no wipe; syncing
    resumes from the cursors and waiting work orders are sent."""
    if str(connection.administration_id) != str(administration_id):
        raise ActivationError(
            _(
                "Deze koppelsleutel hoort bij een andere SnelStart-administratie ('%(name)s'). "
                "Maak de sleutel aan in administratie '%(current)s', of deactiveer de integratie "
                "en activeer haar opnieuw om over te stappen."
            )
            % {"name": name, "current": connection.administration_name}
        )
    now = timezone.now()
    _move(
        connection,
        (State.PAUSED,),
        State.ACTIVE if connection.initial_import_done_at else State.CONFIGURED,
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
        message=_(
            "Opnieuw gekoppeld met SnelStart-administratie '%(name)s'; Simon gaat verder "
            "waar hij gebleven was."
        )
        % {"name": name},
    )


def deactivate(connection: Connection) -> None:
    """'Deactiveren': from now on nothing is pulled or pushed (S30)."""
    _move(
        connection,
        (State.CONFIGURED, State.ACTIVE, State.PAUSED),
        State.DEACTIVATED,
        deactivated_at=timezone.now(),
        next_sync_at=None,
    )
    integration_log.record(
        connection.organization,
        kind=Kind.WARNING,
        table=Table.INTEGRATION,
        message=_("De koppeling met SnelStart is gedeactiveerd."),
        action=_("Activeer de integratie opnieuw via 'Integraties' om weer te synchroniseren."),
    )


def accept_terms(connection: Connection, user: object) -> None:
    """'Opslaan' with the terms ticked (manual 5.1): who accepted them, and when."""
    Connection.objects.filter(pk=connection.pk).update(
        terms_accepted_at=timezone.now(), terms_accepted_by=user
    )
    connection.refresh_from_db(fields=["terms_accepted_at", "terms_accepted_by"])
