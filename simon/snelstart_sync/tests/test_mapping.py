"""The pure mappings from SnelStart records to Simon's fields (S1–S3)."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from simon.snelstart_sync.mapping import (
    article_fields,
    chosen_group_ids,
    customer_fields,
    split_straat,
    work_address_fields,
)
from snelstart import Artikel, ArtikelOmzetgroep, Relatie

BELGIE = uuid.UUID("2b2ef39b-4f3b-4d8e-9a44-0c1f0e1d2c3b")


@pytest.mark.parametrize(
    ("straat", "expected"),
    [
        ("Dorpsstraat 12", ("Dorpsstraat", "12", "")),
        ("Dorpsstraat 12A", ("Dorpsstraat", "12", "A")),
        ("Dorpsstraat 12 a", ("Dorpsstraat", "12", "a")),
        ("Dorpsstraat 12-2", ("Dorpsstraat", "12", "2")),
        ("Dorpsstraat 12 bis", ("Dorpsstraat", "12", "bis")),
        ("Dorpsstraat 12 hs", ("Dorpsstraat", "12", "hs")),
        ("Dorpsstraat 12 II", ("Dorpsstraat", "12", "II")),
        ("2e Hugo de Grootstraat 5", ("2e Hugo de Grootstraat", "5", "")),
        ("Laan 1940-1945 3", ("Laan 1940-1945", "3", "")),
        ("Plein 1944 12", ("Plein 1944", "12", "")),
        ("  Kerkweg   7  ", ("Kerkweg", "7", "")),
        ("Dorpsstraat", ("Dorpsstraat", "", "")),
        ("12 Dorpsstraat", ("12 Dorpsstraat", "", "")),
        ("Dorpsstraat 12 t/m 14", ("Dorpsstraat 12 t/m 14", "", "")),
        ("Dorpsstraat 12 boven achter", ("Dorpsstraat 12 boven achter", "", "")),
        ("Dorpsstraat 0", ("Dorpsstraat 0", "", "")),
        ("", ("", "", "")),
        (None, ("", "", "")),
    ],
)
def test_it_splits_straat_only_where_unambiguous(straat, expected):
    assert split_straat(straat) == expected


def relatie(**fields) -> Relatie:
    data = {
        "id": str(uuid.uuid4()),
        "relatiesoort": ["Klant"],
        "relatiecode": 1001,
        "naam": "Bakkerij de Vries",
        "vestigingsAdres": {
            "contactpersoon": "Anna de Vries",
            "straat": "Dorpsstraat 12A",
            "postcode": "1234ab",
            "plaats": "Utrecht",
            "land": {"id": str(BELGIE), "uri": "/landen/x"},
        },
        "email": "info@devries.nl;boekhouding@devries.nl",
        "telefoon": "030-1234567",
        "nonactief": False,
    }
    data.update(fields)
    return Relatie.model_validate(data)


def test_customer_fields_take_the_business_address_split_and_the_first_email():
    fields = customer_fields(relatie(), {BELGIE: "BE"})
    assert fields == {
        "name": "Bakkerij de Vries",
        "relatiecode": 1001,
        "email": "info@devries.nl",
        "phone": "030-1234567",
        "active": True,
        "source": "snelstart",
        "street": "Dorpsstraat",
        "house_number": "12",
        "house_number_addition": "A",
        "postcode": "1234 AB",
        "city": "Utrecht",
        "country_code": "BE",
    }


def test_the_correspondence_address_is_used_when_there_is_no_business_address():
    r = relatie(vestigingsAdres=None, correspondentieAdres={"straat": "Postbus 5", "plaats": "Ede"})
    fields = customer_fields(r, {})
    assert (fields["street"], fields["house_number"], fields["city"]) == ("Postbus", "5", "Ede")
    assert fields["country_code"] == "NL"


def test_an_inactive_relatie_maps_to_a_hidden_customer_and_work_address():
    r = relatie(nonactief=True)
    assert customer_fields(r, {})["active"] is False
    assert work_address_fields(r, {})["active"] is False


def test_the_work_address_carries_the_contact_person():
    fields = work_address_fields(relatie(), {})
    assert (fields["contact_name"], fields["street"], fields["source"]) == (
        "Anna de Vries",
        "Dorpsstraat",
        "snelstart",
    )


def test_group_names_are_chosen_case_sensitively():
    groups = [
        ArtikelOmzetgroep(id=uuid.uuid4(), omschrijving="Diensten", nummer=1),
        ArtikelOmzetgroep(id=uuid.uuid4(), omschrijving="Materialen", nummer=2),
    ]
    assert chosen_group_ids(groups, ["Diensten"]) == {groups[0].id}
    assert chosen_group_ids(groups, ["diensten"]) == set()
    assert chosen_group_ids(groups, []) is None


def test_article_fields_hide_inactive_ones_and_ones_outside_the_chosen_groups():
    group = uuid.uuid4()
    artikel = Artikel.model_validate(
        {
            "id": str(uuid.uuid4()),
            "artikelcode": "ARB-UUR",
            "omschrijving": "Arbeid per uur",
            "artikelOmzetgroep": {"id": str(group)},
            "verkoopprijs": 62.5,
            "eenheid": None,
            "isNonActief": False,
        }
    )
    fields = article_fields(artikel, {group})
    assert fields == {
        "article_code": "ARB-UUR",
        "description": "Arbeid per uur",
        "unit": "",
        "sales_price": Decimal("62.5000"),
        "active": True,
        "source": "snelstart",
    }
    assert article_fields(artikel, {uuid.uuid4()})["active"] is False
    assert article_fields(artikel, None)["active"] is True
    inactive = artikel.model_copy(update={"is_non_actief": True})
    assert article_fields(inactive, None)["active"] is False
