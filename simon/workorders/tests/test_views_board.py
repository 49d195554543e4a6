"""'Planning': the board per employee per day and week, for the office."""

from __future__ import annotations

import re
from datetime import time, timedelta

import pytest
import time_machine
from django.urls import reverse

from simon.testing import DAY
from simon.workorders import services
from simon.workorders.tests.views import text

pytestmark = pytest.mark.django_db

BOARD = reverse("workorders:planning")


def cells(response) -> dict[str, list[str]]:
    """Per employee row: the text of each day cell."""
    html = response.content.decode()
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    result = {}
    for row in re.findall(r"<tr>.*?</tr>", body, flags=re.S):
        name = text(re.search(r"<th[^>]*>.*?</th>", row, flags=re.S).group(0))
        result[name] = [text(c) for c in re.findall(r"<td[^>]*>.*?</td>", row, flags=re.S)]
    return result


@pytest.fixture
def week(org_a, karin, bob, dave, customer):
    return {
        "monday": services.create_work_order(
            org_a, by=karin, customer=customer, planned_date=DAY, planned_start=time(13),
            planned_end=time(15), employees=[bob],
        ),
        "early": services.create_work_order(
            org_a, by=karin, planned_date=DAY, planned_start=time(8), employees=[bob, dave]
        ),
        "friday": services.create_work_order(
            org_a, by=karin, customer=customer, planned_date=DAY + timedelta(days=4),
            employees=[dave],
        ),
        "unplanned": services.create_work_order(org_a, by=karin, description="Offerte dakgoot"),
    }  # fmt: skip


def test_the_week_shows_each_employees_orders_per_day(karin_client, week):
    response = karin_client.get(BOARD, {"datum": "2026-03-18"})

    assert response.status_code == 200
    assert "Week 12: 16 maart – 22 maart 2026" in text(response)
    monday, early, friday = (week[k].number for k in ("monday", "early", "friday"))
    grid = cells(response)
    assert grid["Bob"] == [
        f"08:00 {early} Geen klant 13:00–15:00 {monday} Bakkerij Jansen",
        "",
        "",
        "",
        "",
        "",
        "",
    ]
    assert grid["Dave"] == [
        f"08:00 {early} Geen klant",
        "",
        "",
        "",
        f"hele dag {friday} Bakkerij Jansen",
        "",
        "",
    ]
    assert grid["Karin"] == [""] * 7
    html = response.content.decode()
    assert f'href="/werkbonnen/{week["monday"].code}/"' in html
    assert f"Nog niet ingepland {week['unplanned'].number} Geen klant Offerte dakgoot" in text(
        response
    )  # fmt: skip


def test_the_day_view_and_the_navigation(karin_client, week):
    response = karin_client.get(BOARD, {"weergave": "dag", "datum": "2026-03-20"})

    assert "vrijdag 20 maart 2026" in text(response)
    assert cells(response)["Dave"] == [f"hele dag {week['friday'].number} Bakkerij Jansen"]
    html = response.content.decode()
    assert 'href="?weergave=dag&amp;datum=2026-03-19"' in html  # Vorige
    assert 'href="?weergave=dag&amp;datum=2026-03-21"' in html  # Volgende
    assert 'href="?weergave=week&amp;datum=2026-03-20"' in html  # the week toggle


@time_machine.travel("2026-03-18 10:00 +0100", tick=False)
def test_today_is_the_default_and_a_garbage_date_means_today(karin_client, week):
    default = karin_client.get(BOARD)
    garbage = karin_client.get(BOARD, {"datum": "gisteren"})

    for response in (default, garbage):
        assert "Week 12: 16 maart – 22 maart 2026" in text(response)
        assert 'href="?weergave=week&amp;datum=2026-03-09"' in response.content.decode()


def test_the_board_is_for_the_office(bob_client):
    assert bob_client.get(BOARD).status_code == 403


def test_another_tenant_sees_none_of_our_orders(charlie_client, week):
    response = charlie_client.get(BOARD, {"datum": "2026-03-16"})

    assert response.status_code == 200
    assert list(cells(response)) == ["Charlie"]
    for work_order in week.values():
        assert work_order.number not in text(response)
