"""Models speak SnelStart's exact field names and keep money exact.

``samples/*.json`` are the sample representations of SnelStart's own WADL export
(``b2b-api-v2.wadl.xml``, GET by id of each resource), copied unchanged.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from snelstart import (
    Artikel,
    ArtikelOmzetgroep,
    BtwIngave,
    CompanyInfo,
    Identifier,
    ProcesStatus,
    Relatie,
    VerkoopOrder,
    VerkoopOrderRegel,
    VerkoopOrderSjabloon,
    VerkoopOrderStatus,
)
from snelstart.jsonvalues import loads

SAMPLES = Path(__file__).parent / "samples"

# CONTRACT §8a "Example request written for this document", verbatim.
CONTRACT_CREATE_EXAMPLE = """
{
  "relatie": {"id": "0b8f6a52-3c1e-4a55-9d0e-2f7f1c2b9a10"},
  "datum": "2025-03-14T00:00:00",
  "procesStatus": "Order",
  "verkoopOrderStatus": "InBehandeling",
  "verkooporderBtwIngaveModel": "Exclusief",
  "omschrijving": "Webshop order 10442",
  "orderreferentie": "WS-10442",
  "betalingskenmerk": "10442",
  "memo": "Leveren na 12:00",
  "verkoopordersjabloon": {"id": "5d3e9c1a-7b2f-4c8e-a6d1-93f0e2b4c7a8"},
  "regels": [
    {"artikel": {"id": "c1f0a9e2-55b4-4d2a-8f3e-7a6b5c4d3e21"}, "aantal": 2, "stuksprijs": 12.50, "kortingsPercentage": 0, "totaal": 25.00},
    {"artikel": {"id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"}, "omschrijving": "Verzendkosten", "aantal": 1, "stuksprijs": 6.95, "totaal": 6.95}
  ]
}
"""  # noqa: E501


def _contract_order() -> VerkoopOrder:
    return VerkoopOrder(
        relatie=Identifier(id=UUID("0b8f6a52-3c1e-4a55-9d0e-2f7f1c2b9a10")),
        datum=datetime(2025, 3, 14),
        proces_status=ProcesStatus.ORDER,
        verkoop_order_status=VerkoopOrderStatus.IN_BEHANDELING,
        verkooporder_btw_ingave_model=BtwIngave.EXCLUSIEF,
        omschrijving="Webshop order 10442",
        orderreferentie="WS-10442",
        betalingskenmerk="10442",
        memo="Leveren na 12:00",
        verkoopordersjabloon=Identifier(id=UUID("5d3e9c1a-7b2f-4c8e-a6d1-93f0e2b4c7a8")),
        regels=[
            VerkoopOrderRegel(
                artikel=Identifier(id=UUID("c1f0a9e2-55b4-4d2a-8f3e-7a6b5c4d3e21")),
                aantal=Decimal("2"),
                stuksprijs=Decimal("12.50"),
                kortings_percentage=Decimal("0"),
                totaal=Decimal("25.00"),
            ),
            VerkoopOrderRegel(
                artikel=Identifier(id=UUID("9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b")),
                omschrijving="Verzendkosten",
                aantal=Decimal("1"),
                stuksprijs=Decimal("6.95"),
                totaal=Decimal("6.95"),
            ),
        ],
    )


def test_a_create_payload_matches_the_contract_example():
    order = _contract_order()

    assert loads(order.to_json()) == loads(CONTRACT_CREATE_EXAMPLE)


def test_decimals_are_json_numbers_with_their_exact_digits():
    text = _contract_order().to_json().decode()

    assert '"stuksprijs":12.50' in text
    assert '"totaal":25.00' in text
    assert '"aantal":2,' in text
    assert '"datum":"2025-03-14T00:00:00"' in text


def test_pydantic_json_output_also_writes_numbers():
    dumped = json.loads(_contract_order().model_dump_json(by_alias=True, exclude_none=True))

    assert dumped["regels"][0]["stuksprijs"] == 12.5
    assert dumped["regels"][1]["totaal"] == 6.95
    assert dumped == json.loads(CONTRACT_CREATE_EXAMPLE)


def test_the_contract_example_parses_and_dumps_unchanged():
    parsed = VerkoopOrder.model_validate(loads(CONTRACT_CREATE_EXAMPLE))
    assert parsed.regels is not None

    assert parsed.regels[0].stuksprijs == Decimal("12.50")
    assert parsed.datum == datetime(2025, 3, 14)
    assert loads(parsed.to_json()) == loads(CONTRACT_CREATE_EXAMPLE)


def _keys(value: Any) -> Any:
    """The shape of a JSON value: nested key sets (lists reduced to their first element)."""
    if isinstance(value, dict):
        return {key: _keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_keys(value[0])] if value else []
    return None


def _sample(name: str) -> dict[str, Any]:
    data: dict[str, Any] = loads((SAMPLES / f"{name}.json").read_text())
    # The WADL writes "string" for date-times; give them a real SnelStart value.
    for key in ("modifiedOn", "datum"):
        if key in data:
            data[key] = "2023-06-29T21:44:48.51"
    return data


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("relatie", Relatie),
        ("artikel", Artikel),
        ("verkooporder", VerkoopOrder),
        ("artikelomzetgroep", ArtikelOmzetgroep),
        ("verkoopordersjabloon", VerkoopOrderSjabloon),
        ("companyinfo", CompanyInfo),
    ],
)
def test_every_wadl_field_is_a_declared_field_with_the_same_name(name, model):
    sample = _sample(name)

    parsed = model.model_validate(sample)

    assert parsed.model_extra == {}  # nothing fell through to "unknown field"
    assert _keys(parsed.to_payload()) == _keys(sample)
    assert loads(parsed.to_json()) == sample


def test_irregular_names_are_kept():
    info = CompanyInfo.model_validate({"kvKNummer": "123", "mapUBLBestanden": "C:/ubl"})
    order = VerkoopOrder(verkooporder_btw_ingave_model="Inclusief")
    artikel = Artikel(is_non_actief=True)

    assert info.kvk_nummer == "123"
    assert info.to_payload() == {"kvKNummer": "123", "mapUBLBestanden": "C:/ubl"}
    assert order.to_payload() == {"verkooporderBtwIngaveModel": "Inclusief"}
    assert artikel.to_payload() == {"isNonActief": True}


def test_both_python_and_json_names_are_accepted():
    by_alias = Relatie.model_validate({"vestigingsAdres": {"plaats": "Delft"}, "kredietLimiet": 5})
    by_name = Relatie(vestigings_adres={"plaats": "Delft"}, krediet_limiet=Decimal(5))

    assert by_alias == by_name


def test_unknown_fields_are_accepted_and_kept_for_full_replacement_puts():
    relatie = Relatie.model_validate({"naam": "Bakker", "nieuwVeldVan2027": {"a": 1}})

    assert relatie.naam == "Bakker"
    assert relatie.to_payload() == {"naam": "Bakker", "nieuwVeldVan2027": {"a": 1}}


def test_live_sample_with_nulls_and_zeros_parses():
    # Trimmed from the live artikel sample quoted in CONTRACT §6.2.
    artikel = Artikel.model_validate(
        loads(
            '{"artikelcode": "308", "eenheid": null, "relatie": null, "verkoopprijs": 0,'
            ' "modifiedOn": "2023-06-29T21:44:48.51", "extraVelden": [], "subartikelen": []}'
        )
    )

    assert artikel.eenheid is None and artikel.relatie is None
    assert artikel.verkoopprijs == Decimal(0)
    assert artikel.modified_on == datetime(2023, 6, 29, 21, 44, 48, 510000)
    assert artikel.subartikelen == []


def test_money_sent_as_a_string_is_accepted():
    assert VerkoopOrderRegel.model_validate({"totaal": "121.00"}).totaal == Decimal("121.00")


def test_modified_on_text_is_the_servers_own_text():
    seven = Relatie.model_validate({"modifiedOn": "2023-06-29T21:44:48.5123457"})
    built = Relatie(modified_on=datetime(2024, 1, 2, 3, 4, 5, 600000))

    assert seven.modified_on_text == "2023-06-29T21:44:48.5123457"
    assert built.modified_on_text == "2024-01-02T03:04:05.6"
    assert Relatie().modified_on_text is None


def test_relatiesoort_is_an_array():
    relatie = Relatie.model_validate({"relatiesoort": ["Klant"]})

    assert relatie.relatiesoort == ["Klant"]
    assert relatie.to_payload() == {"relatiesoort": ["Klant"]}
