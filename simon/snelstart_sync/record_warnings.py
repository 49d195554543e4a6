"""Warnings about single SnelStart records: set aside (cannot be stored) or shortened to fit.

Both name the record as a user finds it in SnelStart (name and relatiecode or artikelcode) and
its SnelStart id, because a cleaned or cut name alone may not be enough to find it.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from simon.lib.later_text import later
from simon.lib.text import fit
from simon.snelstart_sync import integration_log
from simon.snelstart_sync.models import Kind, Stream, Table
from simon.tenants.models import Organization

LABEL_MAX = 80

_TABLES: dict[str, Table] = {
    Stream.CUSTOMERS: Table.CUSTOMER,
    Stream.ARTICLES: Table.ARTICLE,
    Stream.ARTICLE_GROUPS: Table.ARTICLE_GROUP,
    Stream.SALES_ORDERS: Table.WORK_ORDER,
}


def _field(record: Any, *names: str) -> Any:
    for name in names:
        value = record.get(name) if isinstance(record, dict) else getattr(record, name, None)
        if value not in (None, ""):
            return value
    return None


def record_label(record: Any) -> str:
    """'Bakkerij Jansen (1001)': the name and code, cleaned and at most LABEL_MAX long."""
    name = _field(record, "naam", "omschrijving")
    code = _field(record, "relatiecode", "artikelcode", "nummer")
    label = (
        f"{name} ({code})"
        if name and code
        else str(name or code or later(gettext_noop("onbekend record")))
    )
    return fit(label, LABEL_MAX)[0]


def snelstart_id(record: Any) -> str:
    value = _field(record, "id")
    return fit(str(value), 40)[0] if value is not None else "?"


def set_aside(organization: Organization, stream: str, record: Any, reason: str) -> None:
    label = record_label(record)
    integration_log.record(
        organization,
        kind=Kind.WARNING,
        table=_TABLES.get(stream, Table.INTEGRATION),
        message=later(
            gettext_noop(
                "%(label)s (SnelStart-id %(id)s) is niet overgenomen uit SnelStart: %(reason)s"
            ),
            label=label,
            id=snelstart_id(record),
            reason=reason,
        ),
        action=later(
            gettext_noop(
                "Controleer dit record in SnelStart en pas het aan; Simon neemt het bij de "
                "volgende wijziging opnieuw over."
            )
        ),
        record_label=label,
    )


def shortened(organization: Organization, stream: str, record: Any, fields: list[str]) -> None:
    label = record_label(record)
    integration_log.record(
        organization,
        kind=Kind.WARNING,
        table=_TABLES.get(stream, Table.INTEGRATION),
        message=later(
            gettext_noop(
                "%(label)s (SnelStart-id %(id)s) is ingekort overgenomen: %(fields)s te lang "
                "voor Simon."
            ),
            label=label,
            id=snelstart_id(record),
            fields=", ".join(fields),
        ),
        action=later(
            gettext_noop(
                "Maak de tekst in SnelStart korter als de ingekorte tekst in Simon niet duidelijk "
                "is; Simon neemt de wijziging vanzelf over."
            )
        ),
        record_label=label,
    )
