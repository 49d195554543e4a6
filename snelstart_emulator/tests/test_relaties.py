"""/relaties: CRUD, shapes, validation codes, deletion modes, special relaties."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from snelstart_emulator.testing import AdministrationInfo, EmulatorServer
from snelstart_emulator.tests.helpers import codes, klant


def test_post_answers_201_with_the_stored_write_model(empty_api: httpx.Client) -> None:
    response = empty_api.post("/relaties", json=klant())
    assert response.status_code == 201
    body = response.json()
    assert body["naam"] == "Installatiebedrijf Test B.V."
    assert body["relatiesoort"] == ["Klant"]
    assert body["relatiecode"] == 1
    assert body["uri"] == f"/relaties/{body['id']}"
    assert body["inkoopBoekingenUri"] == f"/relaties/{body['id']}/inkoopboekingen"
    assert body["vestigingsAdres"]["straat"] == "Dorpsstraat 12a"
    assert body["vestigingsAdres"]["land"]["uri"].startswith("/landen/")
    assert "fax" not in body  # the write model has no fax
    assert body["email"] is None
    assert body["offerteEmailVersturen"] == {"shouldSend": False, "email": None, "ccEmail": None}


def test_get_by_id_answers_the_read_model_with_fax(empty_api: httpx.Client) -> None:
    created = empty_api.post("/relaties", json=klant()).json()
    fetched = empty_api.get(f"/relaties/{created['id']}")
    assert fetched.status_code == 200
    assert fetched.json()["fax"] is None
    assert {k: v for k, v in fetched.json().items() if k != "fax"} == created


def test_relatiecodes_are_assigned_in_sequence_and_must_be_unique(empty_api: httpx.Client) -> None:
    first = empty_api.post("/relaties", json=klant("Een")).json()
    second = empty_api.post("/relaties", json=klant("Twee")).json()
    assert second["relatiecode"] == first["relatiecode"] + 1
    chosen = empty_api.post("/relaties", json=klant("Drie", relatiecode=500)).json()
    assert chosen["relatiecode"] == 500
    duplicate = empty_api.post("/relaties", json=klant("Vier", relatiecode=500))
    assert duplicate.status_code == 400
    assert codes(duplicate) == ["REL-0008"]
    assert empty_api.post("/relaties", json=klant("Vijf")).json()["relatiecode"] == 501


def test_request_keys_bind_case_insensitively(empty_api: httpx.Client) -> None:
    body = {
        "Relatiesoort": ["Klant"],
        "NAAM": "Pascal BV",
        "VestigingsAdres": {"Straat": "Kerkstraat 1", "POSTCODE": "1000 AA", "plaats": "Amsterdam"},
        "Krediettermijn": "30",
        "kredietLimiet": "1500.50",
    }
    created = empty_api.post("/relaties", json=body).json()
    assert created["naam"] == "Pascal BV"
    assert created["vestigingsAdres"]["postcode"] == "1000 AA"
    assert created["krediettermijn"] == 30
    assert created["kredietLimiet"] == 1500.5


def test_a_value_of_the_wrong_type_is_a_model_state_error(empty_api: httpx.Client) -> None:
    response = empty_api.post("/relaties", json=klant(relatiecode="abc"))
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "The request is invalid."
    assert list(body["modelState"]) == ["model.relatiecode"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"naam": ""}, ["REL-0007"]),
        ({"naam": None}, ["REL-0007"]),
        ({"relatiesoort": []}, ["REL-0001"]),
        ({"relatiesoort": ["Geen"]}, ["REL-0001"]),
        ({"relatiesoort": ["Eigen"]}, ["REL-0048"]),
        ({"relatiesoort": ["Klant", "Leverancier"]}, ["REL-0065"]),
        ({"krediettermijn": 1001}, ["REL-0003"]),
        ({"telefoon": "0" * 26}, ["REL-0013"]),
        ({"mobieleTelefoon": "0" * 26}, ["REL-0012"]),
        ({"email": "geen-adres"}, ["REL-0061"]),
        ({"btwNummer": "N"}, ["REL-0058"]),
        ({"btwNummer": "NL-12"}, ["REL-0059"]),
        ({"iban": "NL00BANK0123456789"}, ["REL-0011"]),
        ({"incassoSoort": "Core"}, ["REL-0009"]),
        ({"bankieren": True, "iban": "NL91ABNA0417164300"}, ["REL-0014"]),
        ({"oin": "123"}, ["REL-0086"]),
        ({"vestigingsAdres": {"straat": "x" * 51, "postcode": "1", "plaats": "p"}}, ["REL-0020"]),
        ({"vestigingsAdres": {"straat": "s", "postcode": "1" * 26, "plaats": "p"}}, ["REL-0021"]),
        ({"vestigingsAdres": {"straat": "s", "postcode": "1", "plaats": "p" * 51}}, ["REL-0022"]),
        (
            {
                "vestigingsAdres": {
                    "straat": "s",
                    "postcode": "1",
                    "plaats": "p",
                    "contactpersoon": "c" * 51,
                }
            },
            ["REL-0023"],
        ),
        ({"vestigingsAdres": {"straat": "Kerkstraat 1"}}, ["REL-0060"]),
        ({"correspondentieAdres": {"straat": "x" * 51}}, ["REL-0025"]),
        (
            {
                "vestigingsAdres": {
                    "straat": "s",
                    "postcode": "1",
                    "plaats": "p",
                    "land": {"id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"},
                }
            },
            ["REL-0056"],
        ),
        ({"factuurRelatie": {"id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"}}, ["REL-0017"]),
        ({"naam": "", "telefoon": "0" * 26}, ["REL-0007", "REL-0013"]),
    ],
)
def test_validation_errors_carry_the_documented_codes(
    empty_api: httpx.Client, change: dict[str, Any], expected: list[str]
) -> None:
    response = empty_api.post("/relaties", json=klant(**change))
    assert response.status_code == 400
    assert codes(response) == expected
    assert all(item["details"] is None and item["message"] for item in response.json())


def test_klant_only_fields_are_refused_for_a_supplier(empty_api: httpx.Client) -> None:
    body = klant(
        relatiesoort=["Leverancier"],
        factuurkorting=5,
        kredietLimiet=100,
        aanmaningsoort="Consument",
    )
    response = empty_api.post("/relaties", json=body)
    assert codes(response) == ["REL-0002", "REL-0004", "REL-0062"]


def test_an_id_on_post_is_alg_0100(empty_api: httpx.Client) -> None:
    response = empty_api.post("/relaties", json=klant(id="0b8f6a52-3c1e-4a55-9d0e-2f7f1c2b9a10"))
    assert codes(response) == ["ALG-0100"]


def test_the_empty_guid_on_post_counts_as_no_id(empty_api: httpx.Client) -> None:
    response = empty_api.post("/relaties", json=klant(id="00000000-0000-0000-0000-000000000000"))
    assert response.status_code == 201


def test_an_empty_or_broken_body_is_refused(empty_api: httpx.Client) -> None:
    headers = {"Content-Type": "application/json"}
    empty = empty_api.post("/relaties", content=b"", headers=headers)
    broken = empty_api.post("/relaties", content=b"{naam", headers=headers)
    assert codes(empty) == ["ALG-0106"]
    assert codes(broken) == ["REL-0066"]


def test_put_replaces_the_whole_relatie(empty_api: httpx.Client) -> None:
    created = empty_api.post(
        "/relaties", json=klant(email="info@test.nl", telefoon="030-1234567")
    ).json()
    changed = dict(created, naam="Nieuwe naam")
    del changed["email"]
    response = empty_api.put(f"/relaties/{created['id']}", json=changed)
    assert response.status_code == 200
    body = response.json()
    assert body["naam"] == "Nieuwe naam"
    assert body["email"] is None  # left out, so cleared
    assert body["telefoon"] == "030-1234567"
    assert body["modifiedOn"] >= created["modifiedOn"]
    assert "fax" not in body


def test_put_may_not_change_the_relatiesoort(empty_api: httpx.Client) -> None:
    created = empty_api.post("/relaties", json=klant()).json()
    response = empty_api.put(
        f"/relaties/{created['id']}", json=dict(created, relatiesoort=["Leverancier"])
    )
    assert codes(response) == ["REL-0064"]


def test_put_with_another_id_in_the_body_is_alg_0101(empty_api: httpx.Client) -> None:
    created = empty_api.post("/relaties", json=klant()).json()
    other = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"
    response = empty_api.put(f"/relaties/{created['id']}", json=dict(created, id=other))
    assert codes(response) == ["ALG-0101"]


def test_unknown_and_malformed_ids(empty_api: httpx.Client) -> None:
    unknown = empty_api.get("/relaties/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b")
    assert unknown.status_code == 404
    assert "Message" in unknown.json()
    assert (
        empty_api.put("/relaties/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b", json=klant()).status_code
        == 404
    )
    assert codes(empty_api.get("/relaties/geen-guid")) == ["ALG-0103"]


def test_an_upper_case_id_finds_the_relatie(empty_api: httpx.Client) -> None:
    created = empty_api.post("/relaties", json=klant()).json()
    assert empty_api.get(f"/relaties/{created['id'].upper()}").status_code == 200


def test_every_administration_has_its_own_and_placeholder_relaties(empty_api: httpx.Client) -> None:
    rows = empty_api.get("/relaties").json()
    by_code = {row["relatiecode"]: row for row in rows}
    assert by_code[-1]["naam"] == "Leverancier onbekend" and by_code[-1]["relatiesoort"] == [
        "Leverancier"
    ]
    assert by_code[-2]["naam"] == "Klant onbekend" and by_code[-2]["relatiesoort"] == ["Klant"]
    eigen = empty_api.get(
        "/relaties", params={"$filter": "Relatiesoort/any(r:r eq 'Eigen')"}
    ).json()
    assert len(eigen) == 1 and eigen[0]["relatiesoort"] == ["Eigen"]


def test_special_relaties_cannot_be_deleted(empty_api: httpx.Client) -> None:
    rows = {row["relatiecode"]: row["id"] for row in empty_api.get("/relaties").json()}
    assert codes(empty_api.delete(f"/relaties/{rows[-1]}")) == ["REL-0067"]
    assert codes(empty_api.delete(f"/relaties/{rows[-2]}")) == ["REL-0103"]
    assert codes(empty_api.delete(f"/relaties/{rows[0]}")) == ["REL-0103"]


def test_hard_delete_is_the_default(empty_api: httpx.Client) -> None:
    created = empty_api.post("/relaties", json=klant()).json()
    response = empty_api.delete(f"/relaties/{created['id']}")
    assert response.status_code == 200
    assert response.json() == {}
    assert empty_api.get(f"/relaties/{created['id']}").status_code == 404
    assert created["id"] not in {row["id"] for row in empty_api.get("/relaties").json()}
    assert empty_api.delete(f"/relaties/{created['id']}").status_code == 404


def test_soft_delete_keeps_the_row_as_nonactief(
    server: EmulatorServer, empty_api: httpx.Client
) -> None:
    server.set_settings(delete_mode_relaties="soft")
    created = empty_api.post("/relaties", json=klant()).json()
    assert empty_api.delete(f"/relaties/{created['id']}").status_code == 200
    assert empty_api.get(f"/relaties/{created['id']}").status_code == 404
    listed = empty_api.get("/relaties", params={"$filter": "Nonactief eq true"}).json()
    assert [row["id"] for row in listed] == [created["id"]]
    assert listed[0]["modifiedOn"] >= created["modifiedOn"]


def test_a_customer_with_orders_cannot_be_deleted(api: httpx.Client) -> None:
    order = api.get("/verkooporders").json()[0]
    response = api.delete(f"/relaties/{order['relatie']['id']}")
    assert codes(response) == ["REL-0050"]


def test_an_invoice_relatie_of_another_cannot_be_deleted(empty_api: httpx.Client) -> None:
    payer = empty_api.post("/relaties", json=klant("Betaler")).json()
    empty_api.post("/relaties", json=klant("Filiaal", factuurRelatie={"id": payer["id"]}))
    assert codes(empty_api.delete(f"/relaties/{payer['id']}")) == ["REL-0051"]


def test_an_invoice_relatie_must_be_a_customer(empty_api: httpx.Client) -> None:
    supplier = empty_api.post(
        "/relaties", json=klant("Groothandel", relatiesoort=["Leverancier"])
    ).json()
    response = empty_api.post("/relaties", json=klant("X", factuurRelatie={"id": supplier["id"]}))
    assert codes(response) == ["REL-0018"]


def test_inactive_relaties_are_listed_and_readable_by_default(
    server: EmulatorServer, empty_api: httpx.Client
) -> None:
    created = empty_api.post("/relaties", json=klant(nonactief=True)).json()
    assert empty_api.get(f"/relaties/{created['id']}").status_code == 200
    server.set_settings(get_inactive_by_id=False)
    assert empty_api.get(f"/relaties/{created['id']}").status_code == 404
    assert created["id"] in {row["id"] for row in empty_api.get("/relaties").json()}


def test_demo_customers_have_street_and_house_number_in_straat(
    server: EmulatorServer,
) -> None:
    info = server.create_administration(seed=3, customers=60, articles=1)
    with server.api_client(info.client_key) as client:
        rows = client.get(
            "/relaties", params={"$filter": "Relatiesoort/any(r:r eq 'Klant') and Relatiecode gt 0"}
        ).json()
    streets = [row["vestigingsAdres"]["straat"] for row in rows]
    assert len(rows) == 60
    assert all(any(ch.isdigit() for ch in street) for street in streets)
    assert any(street[-1].isalpha() and street.split()[-1][0].isdigit() for street in streets)
    assert any(street.endswith(" bis") for street in streets)
    assert any(row["nonactief"] for row in rows)


def test_unknown_request_fields_are_ignored(
    empty_api: httpx.Client, admin: AdministrationInfo
) -> None:
    response = empty_api.post("/relaties", json=klant(onbekendVeld=1, fax="010-1"))
    assert response.status_code == 201
    assert empty_api.get(f"/relaties/{response.json()['id']}").json()["fax"] is None
