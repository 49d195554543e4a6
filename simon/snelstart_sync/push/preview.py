"""The preview of the sales order a work order becomes (B1): the draft, what stops it, and why
it would not go at all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from simon.snelstart_sync.models import IntegrationSettings, OrderType
from simon.snelstart_sync.push import readiness
from simon.snelstart_sync.push.facts import export_settings, work_order_facts
from simon.snelstart_sync.push.payload import (
    DESCRIPTION_MAX,
    LINE_TEXT_MAX,
    MEMO_MAX,
    PAYMENT_REFERENCE_MAX,
    SalesOrderDraft,
    build_sales_order,
    is_filtered,
)
from simon.snelstart_sync.push.readiness import Problem
from simon.workorders.models import WorkOrder

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

LINE_KINDS = {
    "text": _("Tekstregel (werkomschrijving)"),
    "fixed": _("Vast artikel"),
    "work": _("Werktijd"),
    "travel": _("Reistijd"),
    "material": _("Materiaal"),
}
FIELD_NAMES = {
    "omschrijving": (_("Omschrijving"), DESCRIPTION_MAX),
    "betalingskenmerk": (_("Betalingskenmerk"), PAYMENT_REFERENCE_MAX),
    "memo": (_("Opmerkingen"), MEMO_MAX),
    "regel": (_("Tekstregel"), LINE_TEXT_MAX),
}


@dataclass(frozen=True)
class Preview:
    draft: SalesOrderDraft
    problems: list[Problem]
    filter_word: str
    filtered: bool
    template_name: str
    order_type: str
    settings_version: int

    @property
    def lines(self) -> list[tuple[StrOrPromise, object]]:
        return [(LINE_KINDS.get(line.kind, line.kind), line) for line in self.draft.lines]

    @property
    def cut_notes(self) -> list[str]:
        notes = []
        for cut in self.draft.cuts:
            name, limit = FIELD_NAMES.get(cut.field, (cut.field, cut.limit))
            notes.append(
                str(_("%(field)s is ingekort van %(length)d tot %(limit)d tekens."))
                % {"field": name, "length": cut.length, "limit": limit}
            )
        return notes


def preview(work_order: WorkOrder, version: IntegrationSettings) -> Preview:
    facts = work_order_facts(work_order)
    settings = export_settings(version)
    return Preview(
        draft=build_sales_order(facts, settings),
        problems=readiness.problems(facts, settings),
        filter_word=settings.filter_word,
        filtered=is_filtered(facts.description, settings.filter_word),
        template_name=settings.template_name,
        order_type=str(OrderType(settings.order_type).label),
        settings_version=settings.version,
    )
