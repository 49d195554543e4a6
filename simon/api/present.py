"""ORM objects as the dicts the response schemas validate: one place for what the app sees."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import F

from simon.catalog.models import Article
from simon.customers.models import AddressFields, Customer, WorkAddress
from simon.forms.models import FormResponse, FormTemplate, Question
from simon.tenants.models import Membership
from simon.workorders.models import MaterialLine, TimeEntry, WorkOrder
from simon.workorders.permissions import can_edit
from simon.workorders.services import totals


def decimal_text(value: Decimal | None, min_places: int = 0) -> str | None:
    """Exact, without the column's padding and never in exponent notation, with at least
    ``min_places`` decimals: quantity 2.500 -> '2.5', 3.000 -> '3'; hours 2 -> '2.00'."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    places = len(text.partition(".")[2])
    if places < min_places:
        text = f"{value:.{min_places}f}"
    return text


def employee(user: Any) -> dict[str, Any]:
    return {"username": user.get_username(), "name": user.get_full_name() or user.get_username()}


def _address(row: AddressFields) -> dict[str, Any]:
    return {
        "street": row.street,
        "house_number": row.house_number,
        "house_number_addition": row.house_number_addition,
        "postcode": row.postcode,
        "city": row.city,
        "country_code": row.country_code,
        "address": row.address_line,
    }


def customer(row: Customer) -> dict[str, Any]:
    return {
        **_address(row),
        "code": row.code,
        "name": row.name,
        "relatiecode": row.relatiecode,
        "email": row.email,
        "phone": row.phone,
    }


def work_address(row: WorkAddress) -> dict[str, Any]:
    return {
        **_address(row),
        "code": row.code,
        "label": row.label,
        "contact_name": row.contact_name,
        "contact_phone": row.contact_phone,
        "contact_email": row.contact_email,
    }


def article_ref(row: Article) -> dict[str, Any]:
    return {
        "code": row.code,
        "article_code": row.article_code,
        "description": row.description,
        "unit": row.unit,
    }


def article(row: Article) -> dict[str, Any]:
    group = row.group.name if row.group is not None else None
    return {**article_ref(row), "sales_price": decimal_text(row.sales_price, 2), "group": group}


def question(row: Question) -> dict[str, Any]:
    return {
        "code": row.code,
        "position": row.position,
        "label": row.label,
        "help_text": row.help_text,
        "kind": row.kind,
        "required": row.required,
        "choices": list(row.choices or []),
    }


def form_template(row: FormTemplate) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name,
        "description": row.description,
        "questions": [question(q) for q in row.questions.all()],
    }


def form_response(row: FormResponse) -> dict[str, Any]:
    answers = {a.question_id: a.value for a in row.answers.all()}
    return {
        "code": row.code,
        "template": row.template.code,
        "name": row.template.name,
        "completed": row.completed,
        "questions": [
            {**question(q), "answer": answers.get(q.pk)} for q in row.template.questions.all()
        ],
    }


def time_entry(row: TimeEntry) -> dict[str, Any]:
    return {
        "code": row.code,
        "employee": employee(row.employee),
        "kind": row.kind,
        "date": row.date,
        "start": row.start_time,
        "end": row.end_time,
        "minutes": row.minutes,
        "note": row.note,
    }


def material(row: MaterialLine) -> dict[str, Any]:
    return {
        "code": row.code,
        "article": article_ref(row.article),
        "quantity": decimal_text(row.quantity),
        "note": row.note,
    }


def work_order(row: WorkOrder) -> dict[str, Any]:
    people = [a.user for a in row.assignments.all()]
    return {
        "code": row.code,
        "number": row.number,
        "status": row.status,
        "status_label": str(row.get_status_display()),
        "customer": (
            {
                "code": row.customer.code,
                "name": row.customer.name,
                "relatiecode": row.customer.relatiecode,
            }
            if row.customer is not None
            else None
        ),
        "work_address": work_address(row.work_address) if row.work_address is not None else None,
        "description": row.description,
        "customer_reference": row.customer_reference,
        "planning": {
            "date": row.planned_date,
            "start": row.planned_start,
            "end": row.planned_end,
            "employees": [employee(u) for u in people],
        },
    }


def work_order_detail(row: WorkOrder, membership: Membership) -> dict[str, Any]:
    sums = totals(row)
    # Explicit NULL placement: SQLite and PostgreSQL differ, the app should not see that.
    entries = row.time_entries.select_related("employee").order_by(
        "date", F("start_time").asc(nulls_last=True), "id"
    )
    lines = row.material_lines.select_related("article")
    forms = row.form_responses.select_related("template").prefetch_related(
        "answers", "template__questions"
    )
    return {
        **work_order(row),
        "may_edit": can_edit(membership, row),
        "completed_at": row.completed_at,
        "time_entries": [time_entry(e) for e in entries],
        "materials": [material(m) for m in lines],
        "forms": [form_response(f) for f in forms],
        "totals": {
            "work_minutes": sums.work_minutes,
            "travel_minutes": sums.travel_minutes,
            "work_hours": decimal_text(sums.work_hours, 2),
            "travel_hours": decimal_text(sums.travel_hours, 2),
            "material_lines": sums.material_lines,
        },
    }
