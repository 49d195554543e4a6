"""The user's integration log: every message is written through ``record``.

Messages are in Dutch, say what happened ('Bericht') and what to do ('Te nemen actie').
Repeating the same message for the same record folds into one row whose count and
``last_seen`` go up, so a failing sync that retries every minute does not flood the screen.
A message that is resolved (e.g. the order was sent after all) is folded no longer.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from simon.lib import later_text
from simon.lib.later_text import later
from simon.lib.text import clean_line, clean_text
from simon.snelstart_sync.models import Kind, LogMessage, Table
from simon.tenants.models import Organization

technical_log = logging.getLogger("simon.snelstart_sync")


def _fold_key(kind: str, table: str, record_code: uuid.UUID | None, message: str) -> str:
    raw = f"{kind}|{table}|{record_code or ''}|{message}"
    return hashlib.sha256(raw.encode()).hexdigest()


def record(
    organization: Organization,
    *,
    kind: Kind,
    table: Table,
    message: str,
    action: str = "",
    record_code: uuid.UUID | None = None,
    record_label: str = "",
) -> LogMessage:
    """Write one message, or fold it into the unresolved identical one.

    ``message`` and ``action`` made with ``later`` are shown in the reader's language; the
    stored text (searchable, and what folds) is always the house language's.
    """
    # Messages quote SnelStart's texts and errors: what PostgreSQL cannot store must not turn
    # a warning about a bad record into a failed sync.
    texts = stored_texts(message=message, action=action)
    message, action = clean_text(house_text(message)), clean_text(house_text(action))
    record_label = clean_line(record_label)
    now = timezone.now()
    key = _fold_key(kind, table, record_code, message)
    with transaction.atomic():
        updated = LogMessage.objects.filter(
            organization=organization, fold_key=key, resolved=False
        ).update(count=F("count") + 1, last_seen=now, action=action, texts=texts)
        if updated:
            entry = LogMessage.objects.filter(
                organization=organization, fold_key=key, resolved=False
            ).latest("last_seen")
        else:
            entry = LogMessage.objects.create(
                organization=organization,
                kind=kind,
                table=table,
                message=message,
                action=action,
                record_code=record_code,
                record_label=record_label[:200],
                fold_key=key,
                last_seen=now,
                texts=texts,
            )
    technical_log.info(
        "integration log %s %s org=%s record=%s: %s",
        kind,
        table,
        organization.pk,
        record_code,
        message,
    )
    return entry


def house_text(text: str | list[str]) -> str:
    """``text`` in the house language (Dutch), whoever's request wrote it: what is stored as
    text, searched and folded on, whatever language the reader has."""
    stored = later_text.to_json(text)
    fallback = text if isinstance(text, str) else " ".join(text)
    with translation.override(settings.LANGUAGE_CODE):
        return later_text.render(stored, fallback)


def stored_texts(**texts: str | list[str]) -> dict[str, Any]:
    """The ``later`` texts among ``texts`` as a JSON column holds them, hostile text cleaned."""
    return {
        name: stored
        for name, text in texts.items()
        if (stored := later_text.to_json(text, clean_text)) is not None
    }


def resolve(organization: Organization, *, table: Table, record_code: uuid.UUID) -> int:
    """Mark open warnings and errors about one record as resolved; they no longer fold."""
    return LogMessage.objects.filter(
        organization=organization,
        table=table,
        record_code=record_code,
        resolved=False,
        kind__in=(Kind.WARNING, Kind.ERROR),
    ).update(resolved=True)


def resolve_label(organization: Organization, *, table: Table, label: str) -> int:
    """As ``resolve``, for a record that has no Simon row yet (a SnelStart order waiting)."""
    return LogMessage.objects.filter(
        organization=organization,
        table=table,
        record_code__isnull=True,
        record_label=label[:200],
        resolved=False,
        kind__in=(Kind.WARNING, Kind.ERROR),
    ).update(resolved=True)


def resolve_connection_problems(organization: Organization) -> int:
    """After a successful sync: earlier connection warnings and errors are over.

    They stay in the log (history), but no longer fold, and one info line says it recovered.
    """
    resolved = LogMessage.objects.filter(
        organization=organization,
        table=Table.INTEGRATION,
        resolved=False,
        kind__in=(Kind.WARNING, Kind.ERROR),
    ).update(resolved=True)
    if resolved:
        record(
            organization,
            kind=Kind.INFO,
            table=Table.INTEGRATION,
            message=later(gettext_noop("De verbinding met SnelStart werkt weer.")),
        )
    return resolved
