"""Work orders in the field: create on site, my work orders, one order, gereed melden (S6-S8)."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from simon.api import replays
from simon.api.auth import caller
from simon.api.errors import responses
from simon.api.guards import get_work_order, state_guard, work_orders_of
from simon.api.lookup import get_or_400
from simon.api.paging import Paging, page
from simon.api.schemas import CompleteIn, WorkOrderDetailOut, WorkOrderIn, WorkOrderPage
from simon.customers.models import Customer, WorkAddress
from simon.workorders import services
from simon.workorders.models import StatusChange, WorkOrder
from simon.workorders.permissions import FIELD_EDITABLE

router = Router(tags=["werkbonnen"])


def detail(request: HttpRequest, code: Any) -> WorkOrder:
    """The order as the caller sees it now (re-read, so it shows what a service just did)."""
    return get_work_order(caller(request), code)


@router.post(
    "/work-orders",
    response=responses({201: WorkOrderDetailOut}, 400, 403, 422),
    summary="Werkbon aanmaken op locatie",
)
def create_work_order(request: HttpRequest, payload: WorkOrderIn) -> Status[WorkOrder]:
    """The creator is planned on the new order, so it shows up in 'mine' right away."""
    who = caller(request)
    customers = Customer.objects.for_org(who.organization)
    customer = get_or_400(customers, payload.customer, Customer, "customer")
    address = None
    if payload.work_address is not None:
        addresses = WorkAddress.objects.for_org(who.organization)
        address = get_or_400(addresses, payload.work_address, WorkAddress, "work_address")
    work_order = services.create_work_order(
        who.organization,
        by=who.user,
        customer=customer,
        work_address=address,
        description=payload.description,
        customer_reference=payload.customer_reference,
        employees=[who.user],
    )
    return Status(201, detail(request, work_order.code))


@router.get(
    "/work-orders/mine",
    response=responses({200: WorkOrderPage}, 422),
    summary="Mijn open en ingeplande werkbonnen",
)
def my_work_orders(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    """Orders the caller is planned on that are still open or planned, soonest first."""
    who = caller(request)
    qs = (
        work_orders_of(who)
        .filter(assignments__user=who.user, status__in=FIELD_EDITABLE)
        .order_by(
            F("planned_date").asc(nulls_last=True),
            F("planned_start").asc(nulls_last=True),
            "number",
            "id",
        )
    )
    return page(qs, paging)


@router.get(
    "/work-orders/{code}",
    response=responses({200: WorkOrderDetailOut}, 404),
    summary="Werkbon met uren, materialen, formulieren en totalen",
)
def get_work_order_detail(request: HttpRequest, code: str) -> WorkOrder:
    return detail(request, code)


@router.post(
    "/work-orders/{code}/complete",
    response=responses({200: WorkOrderDetailOut}, 403, 404, 409, 422),
    summary="Gereed melden",
)
def complete_work_order(
    request: HttpRequest,
    response: HttpResponse,
    code: str,
    payload: CompleteIn,
) -> WorkOrder:
    """The body is optional; with a `client_id` a 'gereed melden' sent again gets the order as
    it is now instead of a 409 (also when the office reopened or archived it since)."""
    who = caller(request)
    client_id = payload.client_id
    earlier = replays.earlier(StatusChange, who, client_id, code)
    if earlier is not None:
        replays.mark(response)
        return earlier.work_order
    work_order = get_work_order(who, code)
    with state_guard(work_order):
        services.report_complete(work_order, by=who.user, client_id=client_id)
    return detail(request, code)
