"""The Uren section: werktijd and reistijd per employee, inline with htmx (S6, S8)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from simon.testing import DAY
from simon.workorders import services
from simon.workorders.models import TimeEntry, WorkOrder
from simon.workorders.tests.conftest import HTMX
from simon.workorders.tests.views import text

pytestmark = pytest.mark.django_db


def add_url(work_order: WorkOrder) -> str:
    return reverse("workorders:hours_add", kwargs={"code": work_order.code})


def entry_url(entry: TimeEntry, name: str = "hours_edit") -> str:
    return reverse(
        f"workorders:{name}", kwargs={"code": entry.work_order.code, "entry_code": entry.code}
    )


def add(client: Client, work_order: WorkOrder, **data: object):
    values = {"kind": "werktijd", "date": "2026-03-16", **data}
    return client.post(add_url(work_order), {f"uren-{k}": v for k, v in values.items()}, **HTMX)


def rows(html: str) -> list[str]:
    return [text(r) for r in re.findall(r"<tr data-entry=.*?</tr>", html, flags=re.S)]


def totals(html: str) -> str:
    match = re.search(r'<section id="totalen".*?</section>', html, flags=re.S)
    assert match
    return text(match.group(0))


def test_a_monteur_books_minutes_and_a_span_and_sees_the_totals(bob_client, bob, planned):
    add(bob_client, planned, minutes="120", note="Ketel")
    response = add(bob_client, planned, kind="reistijd", start="07:45", end="08:00")

    html = response.content.decode()
    assert html.startswith('<section id="uren" class="card">')
    assert rows(html) == [
        "Bob Werktijd 16-03-2026 120 Ketel Wijzigen Verwijderen",
        "Bob Reistijd 16-03-2026 07:45–08:00 15 Wijzigen Verwijderen",
    ]
    assert '<section id="totalen" class="card" hx-swap-oob="true">' in html
    assert totals(html) == (
        "Totalen Werktijd 2,00 uur (120 min) Reistijd 0,25 uur (15 min) Materiaalregels 0"
    )
    assert 'name="uren-employee"' not in html  # a monteur books their own hours
    assert sorted(planned.time_entries.values_list("employee", "kind", "minutes")) == [
        (bob.pk, "reistijd", 15),
        (bob.pk, "werktijd", 120),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Vul het aantal minuten in."),
        ({"minutes": "0"}, "Het aantal minuten moet groter dan 0 zijn."),
        ({"minutes": "1,5"}, "Vul een geheel aantal minuten in."),
        ({"start": "10:00", "end": "09:00"}, "De eindtijd moet na de begintijd liggen."),
        ({"start": "10:00"}, "Vul zowel de begin- als de eindtijd in."),
        ({"minutes": "30", "start": "08:00", "end": "09:00"},
         "Het aantal minuten past niet bij de begin- en eindtijd."),
        ({"minutes": "30", "date": ""}, "Kies een datum."),
    ],
)  # fmt: skip
def test_invalid_hours_are_shown_on_the_form(bob_client, planned, data, message):
    response = add(bob_client, planned, **data)

    assert response.status_code == 200
    assert message in text(response)
    assert not TimeEntry.objects.exists()


def test_the_office_books_for_an_employee(alice_client, planned, dave):
    add(alice_client, planned, employee="dave", minutes="45")

    assert list(planned.time_entries.values_list("employee", "minutes")) == [(dave.pk, 45)]


def test_an_entry_is_edited_inline_and_deleted(bob_client, bob, planned):
    entry = services.add_time_entry(
        planned, by=bob, employee=bob, kind="werktijd", date=DAY, minutes=60
    )

    form = bob_client.get(entry_url(entry), **HTMX)
    assert 'name="uren-wijzig-minutes" value="60"' in form.content.decode()
    saved = bob_client.post(
        entry_url(entry),
        {"uren-wijzig-kind": "werktijd", "uren-wijzig-date": "2026-03-16",
         "uren-wijzig-start": "08:00", "uren-wijzig-end": "09:30"},
        **HTMX,
    )  # fmt: skip
    assert rows(saved.content.decode()) == [
        "Bob Werktijd 16-03-2026 08:00–09:30 90 Wijzigen Verwijderen"
    ]
    assert "Werktijd 1,50 uur (90 min)" in totals(saved.content.decode())

    deleted = bob_client.post(entry_url(entry, "hours_delete"), **HTMX)
    assert rows(deleted.content.decode()) == []
    assert "Nog geen uren geregistreerd." in text(deleted)
    assert not TimeEntry.objects.exists()


def test_an_invalid_edit_keeps_the_row_open(bob_client, bob, planned):
    entry = services.add_time_entry(
        planned, by=bob, employee=bob, kind="werktijd", date=DAY, minutes=60
    )

    response = bob_client.post(
        entry_url(entry),
        {"uren-wijzig-kind": "werktijd", "uren-wijzig-date": "2026-03-16",
         "uren-wijzig-minutes": "-5"},
        **HTMX,
    )  # fmt: skip

    assert "Het aantal minuten moet groter dan 0 zijn." in text(response)
    assert 'name="uren-wijzig-minutes" value="-5"' in response.content.decode()
    assert TimeEntry.objects.get(pk=entry.pk).minutes == 60


def test_a_monteur_cannot_change_a_colleagues_hours(alice_client, bob_client, planned, dave):
    planned_with_dave = services.plan_work_order(
        planned, by=None, date=DAY, employees=[*planned.employees.all(), dave]
    )
    entry = services.add_time_entry(
        planned_with_dave, by=None, employee=dave, kind="werktijd", date=DAY, minutes=30
    )

    page = bob_client.get(reverse("workorders:detail", kwargs={"code": planned.code}))
    response = bob_client.post(entry_url(entry, "hours_delete"), **HTMX)

    assert rows(page.content.decode()) == ["Dave Werktijd 16-03-2026 30"]
    assert response.status_code == 403
    assert TimeEntry.objects.filter(pk=entry.pk).exists()


def test_the_office_corrects_hours_of_a_completed_order_the_monteur_cannot(
    alice_client, bob_client, bob, planned
):
    entry = services.add_time_entry(
        planned, by=bob, employee=bob, kind="werktijd", date=DAY, minutes=60
    )
    services.report_complete(planned, by=bob)

    refused = add(bob_client, planned, minutes="30")
    corrected = alice_client.post(
        entry_url(entry),
        {"uren-wijzig-employee": "bob", "uren-wijzig-kind": "werktijd",
         "uren-wijzig-date": "2026-03-16", "uren-wijzig-minutes": "45"},
        **HTMX,
    )  # fmt: skip

    assert refused.status_code == 403
    assert corrected.status_code == 200
    assert list(TimeEntry.objects.values_list("minutes", flat=True)) == [45]


def test_an_archived_order_refuses_hours_from_everyone(alice_client, bob, archived):
    response = add(alice_client, archived, minutes="30")
    plain = alice_client.post(add_url(archived), {"uren-kind": "werktijd", "uren-minutes": "30"})

    assert response.status_code == 403 and response["HX-Refresh"] == "true"
    assert plain.status_code == 403
    assert "Deze werkbon is gearchiveerd en kan niet meer worden gewijzigd." in text(plain)
    assert not TimeEntry.objects.exists()


def test_another_tenant_gets_404_and_changes_nothing(charlie_client, bob, planned):
    entry = services.add_time_entry(
        planned, by=bob, employee=bob, kind="werktijd", date=DAY, minutes=60
    )

    assert add(charlie_client, planned, minutes="30").status_code == 404
    assert charlie_client.get(entry_url(entry), **HTMX).status_code == 404
    assert charlie_client.post(entry_url(entry), {"uren-wijzig-minutes": "1"}).status_code == 404
    assert charlie_client.post(entry_url(entry, "hours_delete")).status_code == 404

    assert list(TimeEntry.objects.values_list("minutes", flat=True)) == [60]


def test_adding_hours_needs_the_csrf_token(bob, planned):
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)

    response = add(client, planned, minutes="30")

    assert response.status_code == 403
    assert not TimeEntry.objects.exists()
