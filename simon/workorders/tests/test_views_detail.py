"""The work order page: header, allowed actions per user and status, history (S6-S8)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from simon.forms import services as form_services
from simon.testing import DAY
from simon.workorders import services
from simon.workorders.models import StatusChange, WorkOrder, WorkOrderStatus
from simon.workorders.tests.views import section, text

pytestmark = pytest.mark.django_db


def url(work_order: WorkOrder, name: str = "detail") -> str:
    return reverse(f"workorders:{name}", kwargs={"code": work_order.code})


def actions(response) -> list[str]:
    """The header's buttons and links, in order."""
    html = response.content.decode()
    header = re.search(r'<section id="werkbon".*?</section>', html, flags=re.S)
    assert header
    block = re.search(r'<div class="actions">(.*?)</div>', header.group(0), flags=re.S)
    if block is None:
        return []
    controls = re.findall(r"<(?:button|a)\b[^>]*>.*?</(?:button|a)>", block.group(1), flags=re.S)
    return [text(control) for control in controls]


def test_the_page_shows_the_header_customer_address_and_description(alice_client, planned):
    response = alice_client.get(url(planned))

    assert response.status_code == 200
    header = section(response, "werkbon")
    assert header.startswith(f"Werkbon {planned.number} Ingepland")
    assert (
        "Klant Bakkerij Jansen (relatiecode 1001) Werkadres Winkel: Marktplein 3, Utrecht "
        "Klantreferentie — Werkomschrijving CV-ketel onderhoud"
    ) in header
    assert section(response, "planning").startswith(
        "Planning Datum maandag 16 maart 2026 Tijd — Medewerkers Bob"
    )


def test_actions_follow_the_user_and_the_status(alice_client, bob_client, planned, alice, bob):
    assert actions(alice_client.get(url(planned))) == ["Inplannen", "Gereed melden", "Wijzigen"]
    assert actions(bob_client.get(url(planned))) == ["Inplannen", "Gereed melden"]

    services.report_complete(planned, by=bob)
    assert actions(alice_client.get(url(planned))) == ["Heropenen", "Archiveren", "Wijzigen"]
    assert actions(bob_client.get(url(planned))) == []

    services.archive(planned, by=alice)
    assert actions(alice_client.get(url(planned))) == []


def test_report_complete_then_reopen_then_archive(alice_client, bob_client, planned):
    done = bob_client.post(url(planned, "complete"), follow=True)
    assert f"Werkbon {planned.number} is gereed gemeld." in text(done)
    assert section(done, "werkbon").startswith(f"Werkbon {planned.number} Gereed gemeld")

    reopened = alice_client.post(url(planned, "reopen"), follow=True)
    assert f"Werkbon {planned.number} is heropend." in text(reopened)
    assert WorkOrder.objects.get(pk=planned.pk).status == WorkOrderStatus.PLANNED

    bob_client.post(url(planned, "complete"))
    archived = alice_client.post(url(planned, "archive"), follow=True)
    assert f"Werkbon {planned.number} is gearchiveerd." in text(archived)
    # Without an integration nothing is promised about SnelStart.
    assert "Deze werkbon is gearchiveerd en kan niet meer worden gewijzigd." in text(archived)
    assert "SnelStart" not in section(archived, "werkbon")


def test_archiving_an_order_that_is_not_completed_is_refused_with_a_message(alice_client, planned):
    response = alice_client.post(url(planned, "archive"), follow=True)

    assert "Alleen gereed gemelde werkbonnen kunnen worden gearchiveerd." in text(response)
    assert WorkOrder.objects.get(pk=planned.pk).status == WorkOrderStatus.PLANNED


def test_a_monteur_cannot_archive_or_reopen(bob_client, completed):
    assert bob_client.post(url(completed, "archive")).status_code == 403
    assert bob_client.post(url(completed, "reopen")).status_code == 403
    assert WorkOrder.objects.get(pk=completed.pk).status == WorkOrderStatus.COMPLETED


def test_a_monteur_gets_404_for_a_colleagues_order(dave_client, planned):
    assert dave_client.get(url(planned)).status_code == 404
    assert dave_client.post(url(planned, "complete")).status_code == 404
    assert WorkOrder.objects.get(pk=planned.pk).status == WorkOrderStatus.PLANNED


def test_an_archived_order_renders_no_edit_controls(
    alice_client, org_a, alice, bob, planned, article
):
    services.add_time_entry(planned, by=bob, employee=bob, kind="werktijd", date=DAY, minutes=60)
    services.add_material(planned, by=bob, article=article, quantity=1)
    template = form_services.create_template(org_a, name="Oplevering")
    form_services.add_question(template, label="Opmerking", kind="text")
    form_services.attach_form(planned, template, by=bob)
    services.report_complete(planned, by=bob)
    services.archive(planned, by=alice)

    response = alice_client.get(url(planned))

    main = response.content.decode().split('<main class="content">')[1]
    for control in ("<form", "hx-post", "hx-get", "<input", "<select", "<textarea"):
        assert control not in main, control
    assert "Bob Werktijd 16-03-2026 60" in section(response, "uren")
    assert "KRAAN-15 Kraan 15 mm 1 stuk" in section(response, "materialen")
    assert section(response, "formulieren") == (
        "Formulieren Oplevering Nog niet afgerond Opmerking —"
    )


def test_the_history_lists_each_change_with_who_and_when_in_amsterdam_time(alice_client, completed):
    first, second = StatusChange.objects.filter(work_order=completed).order_by("at", "id")
    StatusChange.objects.filter(pk=first.pk).update(at=datetime(2026, 3, 16, 7, 5, tzinfo=UTC))
    StatusChange.objects.filter(pk=second.pk).update(at=datetime(2026, 7, 1, 14, 30, tzinfo=UTC))

    history = section(alice_client.get(url(completed)), "geschiedenis")

    assert history == (
        "Geschiedenis 16-03-2026 08:05 Aangemaakt (Ingepland) door Alice "
        "01-07-2026 16:30 Ingepland → Gereed gemeld door Bob"
    )


def test_another_tenant_gets_404_and_changes_nothing(charlie_client, completed):
    before = StatusChange.objects.count()

    assert charlie_client.get(url(completed)).status_code == 404
    for action in ("complete", "reopen", "archive"):
        assert charlie_client.post(url(completed, action)).status_code == 404

    assert WorkOrder.objects.get(pk=completed.pk).status == WorkOrderStatus.COMPLETED
    assert StatusChange.objects.count() == before


def test_garbage_and_unknown_codes_are_404(alice_client):
    assert alice_client.get("/werkbonnen/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert alice_client.get("/werkbonnen/12/").status_code == 404


def test_status_actions_need_the_csrf_token(alice, completed):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(url(completed, "archive"))

    assert response.status_code == 403
    assert WorkOrder.objects.get(pk=completed.pk).status == WorkOrderStatus.COMPLETED


def test_archive_by_get_only_asks_for_confirmation(alice_client, completed):
    page = alice_client.get(url(completed, "archive"))

    assert page.status_code == 200
    assert f"Werkbon {completed.number} archiveren?" in text(page)
    assert "Ja, archiveren" in text(page)
    assert WorkOrder.objects.get(pk=completed.pk).status == WorkOrderStatus.COMPLETED


def test_status_actions_refuse_get(alice_client, completed):
    assert alice_client.get(url(completed, "reopen")).status_code == 405
    # 'Gereed melden' by GET only asks; an order already reported complete is not asked about.
    again = alice_client.get(url(completed, "complete"), follow=True)
    assert "Deze werkbon kan nu niet gereed worden gemeld." in text(again)
    assert WorkOrder.objects.get(pk=completed.pk).status == WorkOrderStatus.COMPLETED


def test_gereed_melden_first_shows_what_was_registered_and_what_is_missing(bob_client, planned):
    page = bob_client.get(url(planned, "complete"))

    assert page.status_code == 200
    shown = text(page)
    assert f"Werkbon {planned.number} gereed melden?" in shown
    assert "0,00 uur werk, 0,00 uur reistijd, 0 materiaalregels" in shown
    assert "Er is geen werktijd geboekt." in shown
    assert "De werkbon is niet ingepland." not in shown  # it is planned
    assert "kantoor controleert en archiveert hem" in shown
    assert WorkOrder.objects.get(pk=planned.pk).status == WorkOrderStatus.PLANNED

    done = bob_client.post(url(planned, "complete"), follow=True)
    assert f"Werkbon {planned.number} is gereed gemeld." in text(done)
    assert WorkOrder.objects.get(pk=planned.pk).status == WorkOrderStatus.COMPLETED


def test_gereed_melden_of_an_open_order_names_every_gap(alice_client, org_a, alice):
    bare = services.create_work_order(org_a, by=alice, description="Lekkage")
    shown = text(alice_client.get(url(bare, "complete")))
    assert "De werkbon is niet ingepland." in shown
    assert "Er is geen werktijd geboekt." in shown
    assert "De werkbon heeft geen klant." in shown
    assert "Niet ingepland" in shown
    assert "Daarna controleer je de uren en materialen" in shown  # the office reads on


def test_gereed_melden_asks_nothing_of_another_tenant(charlie_client, planned):
    assert charlie_client.get(url(planned, "complete")).status_code == 404


def test_the_archive_confirmation_is_for_the_office(bob_client, charlie_client, completed):
    assert bob_client.get(url(completed, "archive")).status_code == 403
    assert charlie_client.get(url(completed, "archive")).status_code == 404


def test_the_archive_confirmation_is_for_completed_orders_only(alice_client, planned):
    not_yet = alice_client.get(url(planned, "archive"), follow=True)
    assert "Alleen gereed gemelde werkbonnen kunnen worden gearchiveerd." in text(not_yet)


def test_a_section_is_served_on_its_own_for_annuleren(alice_client, charlie_client, planned):
    section_url = reverse("workorders:section", kwargs={"code": planned.code, "name": "uren"})
    unknown = reverse("workorders:section", kwargs={"code": planned.code, "name": "onbekend"})

    response = alice_client.get(section_url, HTTP_HX_REQUEST="true")

    assert response.content.decode().startswith('<section id="uren" class="card">')
    assert alice_client.get(unknown, HTTP_HX_REQUEST="true").status_code == 404
    assert charlie_client.get(section_url, HTTP_HX_REQUEST="true").status_code == 404
