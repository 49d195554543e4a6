"""Every failure becomes one error of the hierarchy, from any of SnelStart's error-body shapes."""

from __future__ import annotations

from datetime import datetime

import httpx
import pytest

from snelstart import (
    ErrorDetail,
    ForbiddenError,
    Identifier,
    MalformedResponseError,
    NotFoundError,
    RequestError,
    SnelStartError,
    TransientError,
    ValidationError,
    VerkoopOrder,
)
from snelstart.error_bodies import parse_error_body
from snelstart.errors import BODY_EXCERPT_LIMIT
from snelstart.tests.conftest import json_response

ID = "75b4fe7b-062b-4ae1-bad1-5c5e3866a2ae"
RELATIE_ERRORS = [
    {"errorCode": "REL-0007", "message": "De naam van de relatie ontbreekt.", "details": None},
    {"errorCode": "REL-0013", "message": "Het telefoonnummer is te lang.", "details": None},
    {"errorCode": "REL-0099", "message": "Onbekende regel.", "details": {"x": 1}},
]
ODATA_ERROR = {
    "Message": "Could not find a property named 'Plaats' on type "
    "'SnelStart.B2B.Api.V2.Models.Relaties.RelatieModel'."
}


def test_shape_1_validation_errors_are_listed_and_mapped_to_fields(client, fake):
    fake.add(json_response(400, RELATIE_ERRORS))

    with pytest.raises(ValidationError) as caught:
        client.verkooporders.create(VerkoopOrder(datum=datetime(2025, 1, 1)))

    error = caught.value
    assert error.errors == [
        ErrorDetail("REL-0007", "De naam van de relatie ontbreekt.", None, "naam"),
        ErrorDetail("REL-0013", "Het telefoonnummer is te lang.", None, "telefoon"),
        ErrorDetail("REL-0099", "Onbekende regel.", {"x": 1}, None),
    ]
    assert error.field_errors == {
        "naam": ["De naam van de relatie ontbreekt."],
        "telefoon": ["Het telefoonnummer is te lang."],
    }
    assert error.codes == ("REL-0007", "REL-0013", "REL-0099")
    assert (error.status, error.method, error.endpoint) == (400, "POST", "/verkooporders")
    assert "REL-0007 De naam van de relatie ontbreekt." in str(error)


def test_shape_2_odata_errors_are_request_errors_with_the_message(client, fake):
    fake.add(json_response(400, ODATA_ERROR))

    with pytest.raises(RequestError) as caught:
        client.relaties.page(0, 10, filter="Plaats eq 'Delft'")

    assert type(caught.value) is RequestError
    assert caught.value.status == 400
    assert caught.value.endpoint == "/relaties"
    assert "Could not find a property named 'Plaats'" in str(caught.value)


def test_shape_3_model_state_becomes_validation_errors_per_field(client, fake):
    body = {
        "message": "The request is invalid.",
        "modelState": {
            "model.Naam": ["Naam is verplicht."],
            "model.VestigingsAdres.Straat": ["Te lang."],
        },
    }
    fake.add(json_response(400, body))

    with pytest.raises(ValidationError) as caught:
        client.verkooporders.create(VerkoopOrder())

    assert caught.value.field_errors == {
        "naam": ["Naam is verplicht."],
        "vestigingsAdres.straat": ["Te lang."],
    }


def test_shape_4_apim_bodies_are_read():
    parsed = parse_error_body('{"statusCode": 403, "message": "Out of call volume quota."}')
    assert parsed.message == "Out of call volume quota."
    assert parsed.errors == []


def test_token_endpoint_bodies_are_read():
    parsed = parse_error_body('{"error": "invalid_client", "error_description": "Bad key"}')
    assert parsed.message == "invalid_client: Bad key"


def test_codes_are_found_in_plain_text_bodies():
    parsed = parse_error_body("Fout ALG-0104: ongeldig filter")
    assert parsed.codes == ("ALG-0104",)
    assert parsed.message == "Fout ALG-0104: ongeldig filter"


def test_a_404_is_not_found(client, fake):
    fake.add(json_response(404, {"Message": "No HTTP resource was found."}))

    with pytest.raises(NotFoundError) as caught:
        client.relaties.get(ID)

    assert caught.value.status == 404
    assert caught.value.endpoint == "/relaties/{id}"


@pytest.mark.parametrize(
    ("resource", "code"),
    [("verkooporders", "VOR-0001"), ("relaties", "REL-0005"), ("artikelen", "ART-0001")],
)
def test_a_400_not_found_code_for_the_object_in_the_url_is_not_found(client, fake, resource, code):
    fake.add(json_response(400, [{"errorCode": code, "message": "bestaat niet", "details": None}]))

    with pytest.raises(NotFoundError) as caught:
        getattr(client, resource).get(ID)

    assert caught.value.codes == (code,)


def test_a_not_found_code_about_a_referenced_object_is_a_validation_error(client, fake):
    fake.add(json_response(400, [{"errorCode": "REL-0005", "message": "Relatie bestaat niet."}]))

    with pytest.raises(ValidationError):
        client.verkooporders.create(VerkoopOrder(relatie=Identifier(id=ID)))


def test_a_403_is_forbidden_even_with_a_plain_text_body(client, fake):
    fake.add(httpx.Response(403, text="Het ingelogde account heeft geen rechten."))

    with pytest.raises(ForbiddenError) as caught:
        client.verkooporders.page(0, 10)

    assert "scope" in str(caught.value)
    assert "geen rechten" in str(caught.value)


def test_other_4xx_are_request_errors_with_a_truncated_body(client, fake):
    fake.add(httpx.Response(409, text="x" * 5000))

    with pytest.raises(RequestError) as caught:
        client.verkooporders.delete(ID)

    error = caught.value
    assert (error.status, error.method, error.endpoint) == (409, "DELETE", "/verkooporders/{id}")
    assert error.body.startswith("x" * BODY_EXCERPT_LIMIT)
    assert len(error.body or "") < BODY_EXCERPT_LIMIT + 40


def test_malformed_json_is_a_malformed_response_error(client, fake):
    fake.add(httpx.Response(200, text="<html>Gateway says hi</html>"))

    with pytest.raises(MalformedResponseError) as caught:
        client.relaties.get(ID)

    assert caught.value.status == 200
    assert "not JSON" in str(caught.value)


def test_an_object_where_a_list_belongs_is_malformed(client, fake):
    fake.add(json_response(200, {"value": []}))

    with pytest.raises(MalformedResponseError):
        client.relaties.page(0, 500)


def test_a_record_that_does_not_fit_the_model_names_its_position(client, fake):
    fake.add(json_response(200, [{"naam": "ok"}, {"relatiecode": "twaalf"}]))

    with pytest.raises(MalformedResponseError) as caught:
        client.relaties.page(0, 500)

    assert caught.value.index == 1
    assert caught.value.record == {"relatiecode": "twaalf"}


def test_the_hierarchy_lets_callers_catch_broadly():
    assert issubclass(ValidationError, RequestError)
    assert issubclass(NotFoundError, RequestError)
    assert issubclass(ForbiddenError, RequestError)
    for error in (RequestError, TransientError, MalformedResponseError):
        assert issubclass(error, SnelStartError)
