"""Where an integration plugs into the work order screens and the archive step.

Core apps never import an integration. An integration that turns archived work orders into
something elsewhere (the SnelStart sales order, S9) registers one ``WorkOrderHooks`` object at
start-up (``AppConfig.ready``), and the work order code asks the registered hooks:

- ``archive_refusal``: why this work order cannot be archived now (S7: no customer while the
  integration runs), or None. Asked inside the archive's transaction and by the confirmation
  page, so the screen and the rule cannot disagree.
- ``panel``: HTML for the work order page: the preview of what archiving will create (B1), or
  where the archived work order stands and its history (B2). Empty when there is nothing to say.
- ``correction_allowed``: an archived work order that the integration could not deliver may
  have its customer, work address and material articles corrected.
- ``list_label``/``list_filters``/``filter_list``: a short status per archived order in the
  overview, and extra filters on it ('Niet verstuurd / mislukt').
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest
    from django.utils.safestring import SafeString

    from simon.tenants.models import Organization
    from simon.workorders.models import WorkOrder


class WorkOrderHooks(Protocol):
    def archive_refusal(self, work_order: WorkOrder) -> str | None: ...

    def panel(self, request: HttpRequest, work_order: WorkOrder) -> SafeString: ...

    def correction_allowed(self, work_order: WorkOrder) -> bool: ...

    def list_labels(
        self, organization: Organization, work_orders: Iterable[WorkOrder]
    ) -> dict[int, SafeString]: ...

    def list_filters(self, organization: Organization) -> list[tuple[str, str]]: ...

    def filter_list(
        self, queryset: QuerySet[WorkOrder], value: str
    ) -> QuerySet[WorkOrder] | None: ...


_hooks: list[WorkOrderHooks] = []


def register(hooks: WorkOrderHooks) -> None:
    if not any(type(h) is type(hooks) for h in _hooks):
        _hooks.append(hooks)


def archive_refusal(work_order: WorkOrder) -> str | None:
    for hooks in _hooks:
        reason = hooks.archive_refusal(work_order)
        if reason:
            return reason
    return None


def panels(request: HttpRequest, work_order: WorkOrder) -> list[SafeString]:
    return [html for hooks in _hooks if (html := hooks.panel(request, work_order))]


def correction_allowed(work_order: WorkOrder) -> bool:
    return any(hooks.correction_allowed(work_order) for hooks in _hooks)


def list_labels(organization: Organization, work_orders: Iterable[WorkOrder]) -> dict[int, Any]:
    orders = list(work_orders)
    labels: dict[int, list[SafeString]] = {}
    for hooks in _hooks:
        for pk, label in hooks.list_labels(organization, orders).items():
            labels.setdefault(pk, []).append(label)
    return labels


def list_filters(organization: Organization) -> list[tuple[str, str]]:
    return [choice for hooks in _hooks for choice in hooks.list_filters(organization)]


def filter_list(queryset: QuerySet[WorkOrder], value: str) -> QuerySet[WorkOrder]:
    for hooks in _hooks:
        filtered = hooks.filter_list(queryset, value)
        if filtered is not None:
            return filtered
    return queryset
