"""Building the demo organization: people, master data, form templates and work orders.

Everything goes through the domain services, so the demo data obeys the same rules as real
data. ``seed_demo`` is idempotent: a second run only makes sure the logins work again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from simon.catalog import services as catalog
from simon.catalog.models import Article
from simon.customers import services as customers
from simon.customers.models import Customer, WorkAddress
from simon.demo import data
from simon.forms import services as forms
from simon.forms.models import FormTemplate
from simon.tenants.models import Membership, Organization
from simon.tenants.types import User
from simon.workorders import services as workorders
from simon.workorders.models import TimeKind, WorkOrder, WorkOrderStatus

S = WorkOrderStatus


@dataclass
class DemoResult:
    organization: Organization
    created: bool
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # username, password, role


def seed_demo(*, reset: bool = False, today: date | None = None) -> DemoResult:
    """Create the demo organization once; with ``reset`` throw it away and build it anew."""
    today = today or timezone.localdate()
    with transaction.atomic():
        organization = Organization.objects.filter(name=data.ORGANIZATION_NAME).first()
        if organization is not None and reset:
            organization.delete()
            organization = None
        created = organization is None
        if organization is None:
            organization = Organization.objects.create(name=data.ORGANIZATION_NAME)
        users = ensure_users(organization)
        if created or not Customer.objects.filter(organization=organization).exists():
            build(organization, users, today)
            created = True
    logins = [(u, data.PASSWORD, role) for u, role, _first, _last in data.USERS]
    return DemoResult(organization=organization, created=created, logins=logins)


def ensure_users(organization: Organization) -> dict[str, Any]:
    """The four demo logins, each with the demo password and its role in the organization."""
    users = {}
    for username, role, first_name, last_name in data.USERS:
        user, _ = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@demo.simon.local",
            },
        )
        user.set_password(data.PASSWORD)
        user.is_active = True
        user.save()
        Membership.objects.update_or_create(
            user=user, organization=organization, defaults={"role": role}
        )
        users[username] = user
    return users


def build(organization: Organization, users: dict[str, Any], today: date) -> None:
    addresses = build_customers(organization)
    articles = build_articles(organization)
    templates = build_templates(organization)
    build_work_orders(organization, users, addresses, articles, templates, today)


def build_customers(organization: Organization) -> list[list[WorkAddress]]:
    """~25 customers, each with its own address as first work address and some extra ones."""
    result = []
    for index, (name, street, number, postcode, city, phone) in enumerate(data.CUSTOMERS):
        email_name = "".join(ch for ch in name.lower() if ch.isalnum())[:20]
        customer = customers.create_customer(
            organization,
            name=name,
            relatiecode=1001 + index,
            street=street,
            house_number=number,
            postcode=postcode,
            city=city,
            phone=phone,
            email=f"info@{email_name}.nl",
        )
        own = customers.add_work_address(
            customer, street=street, house_number=number, postcode=postcode, city=city
        )
        extra = [
            customers.add_work_address(
                customer,
                label=label,
                street=e_street,
                house_number=e_number,
                postcode=e_postcode,
                city=e_city,
                contact_name=contact,
            )
            for label, e_street, e_number, e_postcode, e_city, contact in data.EXTRA_ADDRESSES.get(
                index, []
            )
        ]
        result.append([own, *extra])
    return result


def build_articles(organization: Organization) -> dict[str, Article]:
    articles = {}
    for number, (group_name, rows) in enumerate(data.ARTICLES.items(), start=1):
        group = catalog.create_article_group(organization, name=group_name, number=number * 10)
        for code, description, unit, price in rows:
            articles[code] = catalog.create_article(
                organization,
                article_code=code,
                description=description,
                unit=unit,
                sales_price=price,
                group=group,
            )
    return articles


def build_templates(organization: Organization) -> dict[str, FormTemplate]:
    templates = {}
    for name, description, questions in data.FORM_TEMPLATES:
        template = forms.create_template(organization, name=name, description=description)
        for label, kind, required, choices, help_text in questions:
            forms.add_question(
                template,
                label=label,
                kind=kind,
                required=required,
                choices=choices,
                help_text=help_text,
            )
        templates[name] = template
    return templates


# status, day offset from today (None: unplanned), monteurs, (work, travel) minutes, materials
PLAN: list[tuple[str, int | None, tuple[str, ...], tuple[int, int], list[tuple[str, str]]]] = [
    (S.ARCHIVED, -21, ("monteur1",), (120, 15), [("ONDERH-CV", "1"), ("PAKKING-SET", "1")]),
    (S.ARCHIVED, -19, ("monteur2",), (90, 20), [("SIFON-32", "1"), ("TEFLON", "1")]),
    (S.ARCHIVED, -16, ("monteur1", "monteur2"), (480, 30), [("CV-COMBI-28", "1")]),
    (S.ARCHIVED, -14, ("monteur2",), (180, 15), [("RAD-600", "1"), ("RADKRAAN-TH", "2")]),
    (S.ARCHIVED, -12, ("monteur1",), (45, 25), [("ONTSTOP", "1")]),
    (S.ARCHIVED, -9, ("monteur2",), (60, 15), [("THERMO-SLIM", "1")]),
    (S.COMPLETED, -6, ("monteur1",), (75, 20), [("KOP-15", "2.5"), ("KNIE-15", "4")]),
    (S.COMPLETED, -5, ("monteur2",), (120, 15), [("ONDERH-CV", "1")]),
    (S.COMPLETED, -4, ("monteur1", "monteur2"), (360, 40), [("WP-HYBRIDE", "1")]),
    (S.COMPLETED, -3, ("monteur2",), (90, 15), [("MV-BOX", "1")]),
    (S.COMPLETED, -2, ("monteur1",), (30, 10), [("KEURING-GAS", "1")]),
    (S.COMPLETED, -1, ("monteur2",), (150, 20), [("BOILER-80", "1"), ("FLEX-30", "2")]),
    (S.PLANNED, 0, ("monteur1",), (60, 15), [("KRAAN-15", "1")]),
    (S.PLANNED, 0, ("monteur2",), (0, 0), []),
    (S.PLANNED, 1, ("monteur1",), (0, 0), []),
    (S.PLANNED, 2, ("monteur2",), (0, 0), []),
    (S.PLANNED, 3, ("monteur1", "monteur2"), (0, 0), []),
    (S.PLANNED, 5, ("monteur1",), (0, 0), []),
    (S.PLANNED, 7, ("monteur2",), (0, 0), []),
    (S.OPEN, None, (), (0, 0), []),
    (S.OPEN, None, (), (0, 0), []),
    (S.OPEN, None, (), (0, 0), []),
    (S.OPEN, None, ("monteur1",), (0, 0), []),
    (S.OPEN, None, (), (0, 0), []),
]


def build_work_orders(
    organization: Organization,
    users: dict[str, Any],
    addresses: list[list[WorkAddress]],
    articles: dict[str, Article],
    templates: dict[str, FormTemplate],
    today: date,
) -> list[WorkOrder]:
    office, admin = users["kantoor"], users["beheerder"]
    result = []
    for index, (status, offset, monteurs, minutes, materials) in enumerate(PLAN):
        choices = addresses[(index * 7) % len(addresses)]
        address = choices[index % len(choices)]
        # The last open order has no customer yet: SnelStart would refuse it (S7).
        no_customer = index == len(PLAN) - 1
        planned_on = today + timedelta(days=offset) if offset is not None else None
        work_order = workorders.create_work_order(
            organization,
            by=office,
            customer=None if no_customer else address.customer,
            work_address=None if no_customer else address,
            description=data.DESCRIPTIONS[index % len(data.DESCRIPTIONS)],
            customer_reference=f"PO-{2400 + index}" if index % 3 == 0 else "",
            planned_date=planned_on,
            planned_start=time(8 + (index % 3) * 2, 0) if planned_on else None,
            planned_end=time(10 + (index % 3) * 2, 0) if planned_on else None,
            employees=[users[m] for m in monteurs],
        )
        book(work_order, office, [users[m] for m in monteurs], minutes, planned_on)
        for code, quantity in materials:
            workorders.add_material(
                work_order, by=office, article=articles[code], quantity=quantity
            )
        fill_forms(work_order, office, templates, status, index)
        if status in (S.COMPLETED, S.ARCHIVED):
            workorders.report_complete(work_order, by=users[monteurs[0]])
        if status == S.ARCHIVED:
            workorders.archive(work_order, by=admin)
        if planned_on is not None and offset is not None and offset < 0:
            # Backdate so the overview (newest first) looks like weeks of real use.
            moment = timezone.make_aware(datetime.combine(planned_on - timedelta(days=2), time(9)))
            WorkOrder.objects.filter(pk=work_order.pk).update(created=moment)
        result.append(work_order)
    return result


def book(
    work_order: WorkOrder,
    office: Any,
    monteurs: list[Any],
    minutes: tuple[int, int],
    day: date | None,
) -> None:
    work, travel = minutes
    if not monteurs or day is None or not (work or travel):
        return
    share = work // len(monteurs)
    start = time(8, 0)
    # Shares stay within a working day (at most 8 hours), so start + share never passes midnight.
    end = (datetime.combine(day, start) + timedelta(minutes=share)).time()
    for employee in monteurs if share else []:
        workorders.add_time_entry(
            work_order,
            by=office,
            employee=employee,
            kind=TimeKind.WORK,
            date=day,
            start=start,
            end=end,
        )
    if travel:
        workorders.add_time_entry(
            work_order,
            by=office,
            employee=monteurs[0],
            kind=TimeKind.TRAVEL,
            date=day,
            minutes=travel,
        )


def fill_forms(
    work_order: WorkOrder, office: Any, templates: dict[str, FormTemplate], status: str, index: int
) -> None:
    """Completed and archived orders get a filled-in delivery form; some planned ones a check."""
    if status in (S.COMPLETED, S.ARCHIVED):
        template = templates["Opleverformulier CV-ketel"]
        response = forms.attach_form(work_order, template, by=office)
        values = {
            "Merk en type ketel": "Intergas Xtreme 30",
            "Waterdruk na vullen (bar)": "1.8",
            "Rookgasafvoer gecontroleerd": True,
            "Soort werkzaamheden": ["Nieuwe ketel", "Onderhoud", "Storing"][index % 3],
            "Volgende onderhoudsdatum": (
                (work_order.planned_date or timezone.localdate()) + timedelta(days=365)
            ).isoformat(),
            "Handtekening klant": data.SIGNATURE,
        }
        answer(response, values, complete=True, by=office)
    elif status == S.PLANNED and index % 2 == 0:
        response = forms.attach_form(work_order, templates["Veiligheidscheck"], by=office)
        answer(response, {"Gas afgesloten waar nodig": True}, complete=False, by=office)


def answer(response: Any, values: dict[str, Any], *, complete: bool, by: User | None) -> None:
    codes = {q.label: q.code for q in response.template.questions.all()}
    errors = forms.answer_form(
        response, {codes[label]: value for label, value in values.items()}, by=by, complete=complete
    )
    if errors:  # the demo data is ours: a refusal here is a bug in this file
        raise ValueError(f"demo answers refused: {errors}")
