"""The field flow end to end, through the API only, except the office's planning step."""

from __future__ import annotations

from simon.api import services as tokens
from simon.api.tests.conftest import ApiClient, question
from simon.testing import DAY, make_address, make_article, make_customer
from simon.workorders import services as workorders
from simon.workorders.models import WorkOrder


def test_the_field_flow(org_a, alice, bob, template):
    customer = make_customer(org_a, "Bakkerij Jansen", relatiecode=1001)
    make_customer(org_a, "Slagerij De Vries", relatiecode=1002)
    site = make_address(customer, "Filiaal Oost", street="Oosterstraat", house_number="7")
    tap = make_article(org_a, "KRAAN-15", "Kraan 15 mm", unit="stuk")
    pipe = make_article(org_a, "BUIS-15", "Koperen buis 15 mm", unit="m")

    # Given bob's token for A
    _, secret = tokens.create_token(bob, org_a, name="telefoon")
    bob_api = ApiClient(secret)

    # He finds the customer and its work address himself
    found = bob_api.get("/customers?q=jansen").json()
    assert [c["name"] for c in found["items"]] == ["Bakkerij Jansen"]
    customer_code = found["items"][0]["code"]
    addresses = bob_api.get(f"/customers/{customer_code}/work-addresses").json()
    assert [a["label"] for a in addresses["items"]] == ["Filiaal Oost"]

    # and creates a work order on site
    created = bob_api.post(
        "/work-orders",
        {
            "customer": customer_code,
            "work_address": addresses["items"][0]["code"],
            "description": "Lekkende kraan",
            "customer_reference": "PO-1",
        },
    )
    assert created.status_code == 201
    code = created.json()["code"]
    assert created.json()["work_address"]["code"] == str(site.code)

    # The office plans it for him
    workorders.plan_work_order(
        WorkOrder.objects.get(code=code), by=alice, date=DAY, employees=[bob]
    )

    # It is among his work orders, with its planning
    mine = bob_api.get("/work-orders/mine").json()
    assert [(w["code"], w["status"]) for w in mine["items"]] == [(code, "ingepland")]
    assert mine["items"][0]["planning"]["date"] == "2026-03-16"

    # He books 120 minutes of work and 15 of travel
    work = bob_api.post(
        f"/work-orders/{code}/time-entries",
        {"kind": "werktijd", "date": "2026-03-16", "minutes": 120},
    )
    travel = bob_api.post(
        f"/work-orders/{code}/time-entries",
        {"kind": "reistijd", "date": "2026-03-16", "start": "07:45", "end": "08:00"},
    )
    assert (work.status_code, travel.status_code) == (201, 201)

    # two materials
    found_tap = bob_api.get("/articles?q=KRAAN").json()["items"][0]
    assert found_tap["code"] == str(tap.code)
    first = bob_api.post(
        f"/work-orders/{code}/materials", {"article": found_tap["code"], "quantity": 1}
    )
    second = bob_api.post(
        f"/work-orders/{code}/materials", {"article": str(pipe.code), "quantity": "2,5"}
    )
    assert (first.status_code, second.status_code) == (201, 201)

    # fills in a form
    templates = bob_api.get("/form-templates").json()["items"]
    attached = bob_api.post(f"/work-orders/{code}/forms", {"template": templates[0]["code"]})
    assert attached.status_code == 201
    answered = bob_api.put(
        f"/work-orders/{code}/forms/{attached.json()['code']}",
        {
            "answers": {
                question(template, "Druk (bar)"): 1.5,
                question(template, "Lekdicht?"): True,
            },
            "complete": True,
        },
    )
    assert answered.status_code == 200
    assert answered.json()["completed"] is True

    # and reports it complete
    completed = bob_api.post(f"/work-orders/{code}/complete")
    assert completed.status_code == 200

    # Then the order shows everything, with totals in hours as exact decimals
    order = bob_api.get(f"/work-orders/{code}").json()
    assert order["status"] == "gereed_gemeld"
    assert order["may_edit"] is False
    assert order["totals"] == {
        "work_minutes": 120,
        "travel_minutes": 15,
        "work_hours": "2.00",
        "travel_hours": "0.25",
        "material_lines": 2,
    }
    assert [(e["kind"], e["minutes"]) for e in order["time_entries"]] == [
        ("reistijd", 15),
        ("werktijd", 120),
    ]
    assert [(m["article"]["article_code"], m["quantity"]) for m in order["materials"]] == [
        ("KRAAN-15", "1"),
        ("BUIS-15", "2.5"),
    ]
    assert [(f["name"], f["completed"]) for f in order["forms"]] == [("Opleverformulier", True)]
    assert bob_api.get("/work-orders/mine").json() == {"count": 0, "items": []}
