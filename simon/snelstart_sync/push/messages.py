"""The integration log's lines about sending work orders (S18, S22, S32), one named function each.

Every line has Tabel 'Werkbon', the work order's code (the logging screen links it) and its
number in the text.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from simon.lib.later_text import later
from simon.snelstart_sync import integration_log
from simon.snelstart_sync.models import Kind, LogMessage, SalesOrderExport, Table
from simon.snelstart_sync.push.readiness import Problem
from simon.workorders.models import WorkOrder


def _label(work_order: WorkOrder) -> str:
    return later(gettext_noop("Werkbon %(number)s"), number=work_order.number)


def _record(work_order: WorkOrder, kind: Kind, message: str, action: str = "") -> LogMessage:
    return integration_log.record(
        work_order.organization,
        kind=kind,
        table=Table.WORK_ORDER,
        message=message,
        action=action,
        record_code=work_order.code,
        record_label=_label(work_order),
    )


def sent(export: SalesOrderExport) -> LogMessage:
    integration_log.resolve(
        export.work_order.organization, table=Table.WORK_ORDER, record_code=export.work_order.code
    )
    return _record(
        export.work_order,
        Kind.APPROVAL,
        later(
            gettext_noop("Werkbon %(number)s staat in SnelStart als verkooporder %(order)s."),
            number=export.work_order.number,
            order=export.snelstart_order_number,
        ),
    )


def failed(export: SalesOrderExport, problems: list[Problem]) -> LogMessage:
    reasons = [p.message for p in problems]
    actions = list(dict.fromkeys(p.action for p in problems))
    return _record(
        export.work_order,
        Kind.ERROR,
        later(
            gettext_noop("Werkbon %(number)s is niet naar SnelStart gestuurd: %(reasons)s"),
            number=export.work_order.number,
            reasons=reasons,
        ),
        later(
            gettext_noop("%(actions)s Klik daarna op de werkbon op 'Opnieuw versturen'."),
            actions=actions,
        ),
    )


def skipped_filter_word(work_order: WorkOrder, word: str) -> LogMessage:
    return _record(
        work_order,
        Kind.INFO,
        later(
            gettext_noop(
                "Werkbon %(number)s is niet naar SnelStart gestuurd: de omschrijving bevat het "
                "filterwoord '%(word)s'."
            ),
            number=work_order.number,
            word=word,
        ),
    )


def skipped_not_active(work_order: WorkOrder) -> LogMessage:
    return _record(
        work_order,
        Kind.WARNING,
        later(
            gettext_noop(
                "Werkbon %(number)s is gearchiveerd terwijl de koppeling niet actief was; hij gaat "
                "niet naar SnelStart."
            ),
            number=work_order.number,
        ),
        later(gettext_noop("Maak de verkooporder zo nodig zelf in SnelStart.")),
    )


def waiting(export: SalesOrderExport, problem: str, action: str) -> LogMessage:
    """Orders that cannot go now but will by themselves (SnelStart down, the koppeling refused):
    one folded line for the koppeling, not one per work order; each work order shows why."""
    return integration_log.record(
        export.organization,
        kind=Kind.WARNING,
        table=Table.INTEGRATION,
        message=later(
            gettext_noop("Werkbonnen wachten om naar SnelStart te gaan: %(problem)s"),
            problem=problem,
        ),
        action=action,
    )


def duplicate(export: SalesOrderExport, numbers: list[int]) -> LogMessage:
    return _record(
        export.work_order,
        Kind.ERROR,
        later(
            gettext_noop(
                "In SnelStart staan meerdere verkooporders voor werkbon %(number)s: %(orders)s. "
                "Simon houdt verkooporder %(kept)s aan."
            ),
            number=export.work_order.number,
            orders=", ".join(str(n) for n in numbers),
            kept=export.snelstart_order_number,
        ),
        later(gettext_noop("Verwijder in SnelStart de overige verkooporders van deze werkbon.")),
    )


def resent(work_order: WorkOrder, by_name: str) -> LogMessage:
    return _record(
        work_order,
        Kind.INFO,
        later(
            gettext_noop("Werkbon %(number)s wordt opnieuw verstuurd (door %(name)s)."),
            number=work_order.number,
            name=by_name,
        ),
    )
