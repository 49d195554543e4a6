"""The office's corrections of hours and materials, written into the work order's history
(issue 14 item 10): what a monteur registered and the office changed must stay visible.

A change counts as a correction when an office member makes it after 'Gereed melden', or when
it changes or removes a registration someone else made. Registering hours for a colleague on an
open work order is planning work, not a correction, and stays out of the history.
The descriptions are pure functions of the registration before and after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from simon.tenants.models import Membership
from simon.tenants.types import User
from simon.workorders.models import MaterialLine, TimeEntry, WorkOrder, WorkOrderStatus
from simon.workorders.services.history import record_status_change

NOTE_LENGTH = 250  # StatusChange.note


@dataclass(frozen=True)
class HoursFacts:
    employee: str
    kind: str
    day: date
    minutes: int
    note: str


@dataclass(frozen=True)
class MaterialFacts:
    article: str
    quantity: Decimal
    unit: str
    note: str


def _name(user: Any) -> str:
    return (user.get_full_name() or user.username) if user is not None else "—"


def hours_facts(entry: TimeEntry) -> HoursFacts:
    return HoursFacts(
        _name(entry.employee), entry.get_kind_display(), entry.date, entry.minutes, entry.note
    )


def material_facts(line: MaterialLine) -> MaterialFacts:
    article = f"{line.article.article_code} {line.article.description}".strip()
    return MaterialFacts(article, line.quantity, line.article.unit, line.note)


def _quantity(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",")  # Dutch decimal comma, as on the page


def _hours_line(facts: HoursFacts) -> str:
    return _("%(employee)s, %(kind)s %(day)s, %(minutes)d min") % {
        "employee": facts.employee,
        "kind": facts.kind.lower(),
        "day": facts.day.strftime("%d-%m-%Y"),
        "minutes": facts.minutes,
    }


def _material_line(facts: MaterialFacts) -> str:
    return f"{facts.article}, {_quantity(facts.quantity)} {facts.unit}".strip()


def _changes(pairs: list[tuple[str, str, str]]) -> str:
    return "; ".join(f"{label} {old} → {new}" for label, old, new in pairs if old != new)


def hours_note(before: HoursFacts | None, after: HoursFacts | None) -> str:
    """'Uren toegevoegd/gecorrigeerd/verwijderd: …' for the history; '' when nothing changed."""
    if before is None and after is not None:
        return _("Uren toegevoegd: %(line)s.") % {"line": _hours_line(after)}
    if after is None and before is not None:
        return _("Uren verwijderd: %(line)s.") % {"line": _hours_line(before)}
    if before is None or after is None:
        return ""
    changes = _changes(
        [
            (_("medewerker"), before.employee, after.employee),
            (_("soort"), before.kind.lower(), after.kind.lower()),
            (_("datum"), before.day.strftime("%d-%m-%Y"), after.day.strftime("%d-%m-%Y")),
            (_("minuten"), str(before.minutes), str(after.minutes)),
            (_("opmerking"), before.note or "—", after.note or "—"),
        ]
    )
    if not changes:
        return ""
    return _("Uren gecorrigeerd (%(line)s): %(changes)s.") % {
        "line": _hours_line(before),
        "changes": changes,
    }


def material_note(before: MaterialFacts | None, after: MaterialFacts | None) -> str:
    """'Materiaal toegevoegd/gecorrigeerd/verwijderd: …' for the history; '' when unchanged."""
    if before is None and after is not None:
        return _("Materiaal toegevoegd: %(line)s.") % {"line": _material_line(after)}
    if after is None and before is not None:
        return _("Materiaal verwijderd: %(line)s.") % {"line": _material_line(before)}
    if before is None or after is None:
        return ""
    changes = _changes(
        [
            (_("artikel"), before.article, after.article),
            (_("aantal"), _quantity(before.quantity), _quantity(after.quantity)),
            (_("opmerking"), before.note or "—", after.note or "—"),
        ]
    )
    if not changes:
        return ""
    return _("Materiaal gecorrigeerd (%(line)s): %(changes)s.") % {
        "line": _material_line(before),
        "changes": changes,
    }


def is_correction(
    work_order: WorkOrder, membership: Membership | None, by: User | None, made_by_id: int | None
) -> bool:
    """See the module docstring. ``made_by_id``: who made the registration (None: a new one)."""
    if by is None or membership is None or not membership.is_office:
        return False
    if work_order.status == WorkOrderStatus.COMPLETED:
        return True
    return made_by_id is not None and made_by_id != by.pk


def write(work_order: WorkOrder, by: User | None, note: str) -> None:
    """One history line, status unchanged ('Gecorrigeerd'), inside the caller's transaction."""
    if note:
        if len(note) > NOTE_LENGTH:
            note = note[: NOTE_LENGTH - 1] + "…"
        record_status_change(
            work_order, from_status=work_order.status, to_status=work_order.status, by=by, note=note
        )
