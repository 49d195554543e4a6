"""A property-based fuzz of the whole field API, driven by its own OpenAPI schema (issue 9).

Every operation of /api/v1/openapi.json is called with path codes (real ones of the caller's
work orders, entries and lines, another tenant's, or garbage), query parameters and bodies
generated from the schema (valid ones) or anything at all. Whatever
is sent, the answer is never a 5xx, its status is one the schema documents for the operation,
an error has the API's error shape, and a success matches the response schema.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any
from urllib.parse import quote, urlencode

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simon.api.tests.conftest import BASE, ApiClient
from simon.api.tests.schema_strategies import EDGES, from_schema
from simon.api.tests.test_fuzz import values
from simon.forms import services as forms
from simon.testing import DAY, make_customer
from simon.workorders import services

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


def _inline(node: Any, components: dict[str, Any]) -> Any:
    """The schema with every ``$ref`` replaced by its target (the API has no recursive ones)."""
    if isinstance(node, dict):
        if "$ref" in node:
            return _inline(components[node["$ref"].rsplit("/", 1)[-1]], components)
        return {key: _inline(value, components) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(item, components) for item in node]
    return node


@cache
def operations() -> list[dict[str, Any]]:
    from simon.api.api import api

    schema = api.get_openapi_schema(path_prefix=BASE + "/")
    components = schema.get("components", {}).get("schemas", {})
    found = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            found.append(
                {
                    "method": method,
                    "path": path,
                    "parameters": _inline(operation.get("parameters", []), components),
                    "body": _inline(body["schema"], components) if body else None,
                    "responses": {
                        int(status): _inline(
                            answer.get("content", {}).get("application/json", {}).get("schema"),
                            components,
                        )
                        for status, answer in operation["responses"].items()
                    },
                }
            )
    return found


def _garbage_text() -> st.SearchStrategy[str]:
    return st.text(max_size=40) | st.sampled_from(["\x00", "0" * 60, "1e999999", "-1", "١٢"])


def _parameter(
    parameter: dict[str, Any], codes: dict[str, list[str]], garbage_paths: bool
) -> st.SearchStrategy[Any]:
    if parameter["in"] == "path":
        known = codes.get(parameter["name"], [])
        if not garbage_paths:
            return st.sampled_from(known or codes["code"])
        # Mostly real codes, so that most requests get past the look-up to the input.
        real = st.sampled_from(known)
        return real | real | real | _garbage_text() if known else _garbage_text()
    valid = from_schema(parameter.get("schema", {}))
    return valid | _garbage_text()


def _body(schema: dict[str, Any] | None, codes: dict[str, list[str]]) -> st.SearchStrategy[Any]:
    if schema is None:
        return st.none()
    valid = from_schema(schema)
    # Valid bodies with real codes in their code fields get past the look-ups to the services.
    with_codes = st.fixed_dictionaries(
        {},
        optional={
            "customer": st.sampled_from(codes["customer"]),
            "work_address": st.sampled_from(codes["address"]),
            "article": st.sampled_from(codes["article"]),
            "template": st.sampled_from(codes["template"]),
            "answers": st.dictionaries(st.sampled_from(codes["question"]), values, max_size=3),
        },
    )
    merged = st.tuples(valid, with_codes).map(
        lambda pair: (
            {**pair[0], **{k: v for k, v in pair[1].items() if k in pair[0]}}
            if isinstance(pair[0], dict)
            else pair[0]
        )
    )
    return merged | valid | values


@st.composite
def requests(
    draw: st.DrawFn,
    codes: dict[str, list[str]],
    operation: dict[str, Any],
    garbage_paths: bool = True,
) -> dict[str, Any]:
    path, query = operation["path"], {}
    for parameter in operation["parameters"]:
        if parameter["in"] == "query" and not draw(st.booleans()):
            continue
        value = draw(_parameter(parameter, codes, garbage_paths))
        if parameter["in"] == "path":
            path = path.replace(
                "{" + parameter["name"] + "}", quote(str(value), safe="", errors="surrogatepass")
            )
        else:
            query[parameter["name"]] = value if isinstance(value, str) else json.dumps(value)
    body = draw(_body(operation["body"], codes)) if operation["body"] else None
    return {"operation": operation, "path": path, "query": query, "body": body}


def _send(api: ApiClient, request: dict[str, Any]) -> Any:
    method = request["operation"]["method"]
    kwargs: dict[str, Any] = {"headers": api.headers}
    if request["body"] is not None:
        kwargs["data"] = json.dumps(request["body"])
        kwargs["content_type"] = "application/json"
    path = request["path"]
    if request["query"]:
        # A lone surrogate travels as the invalid UTF-8 bytes a client would send.
        kwargs["QUERY_STRING"] = urlencode(request["query"], errors="surrogatepass")
    return getattr(api.client, method)(path, **kwargs)


def _check(request: dict[str, Any], response: Any) -> None:
    operation = request["operation"]
    where = f"{operation['method']} {request['path']} {request['query']} {request['body']!r}"
    assert response.status_code < 500, f"{where}: {response.content[:300]!r}"
    assert response.status_code in operation["responses"], f"{where}: {response.status_code}"
    if response.status_code == 204:
        return
    body = response.json()
    schema = operation["responses"][response.status_code]
    if schema is not None:
        jsonschema.validate(body, schema, cls=jsonschema.Draft202012Validator)
    if response.status_code >= 400:
        assert set(body) == {"message", "field", "errors"} and body["message"], where


@pytest.fixture
def world(org_a, org_b, alice, bob, charlie, customer, address, article, template):
    """Three of bob's work orders with hours, materials and a form, and B's objects too."""
    orders = [
        services.create_work_order(
            org_a,
            by=alice,
            customer=customer,
            work_address=address,
            planned_date=DAY,
            employees=[bob],
            description=f"Order {n}",
        )
        for n in range(3)
    ]
    entries = [
        services.add_time_entry(o, by=bob, employee=bob, kind="werktijd", date=DAY, minutes=30)
        for o in orders
    ]
    lines = [services.add_material(o, by=bob, article=article, quantity=1) for o in orders]
    responses = [forms.attach_form(o, template, by=bob) for o in orders]
    theirs = make_customer(org_b, "Klant van B")
    strings = lambda rows: [str(r.code) for r in rows]  # noqa: E731
    return {
        "code": [*strings(orders), str(theirs.code)],
        "entry_code": strings(entries),
        "line_code": strings(lines),
        "response_code": strings(responses),
        "customer": strings([customer, theirs]),
        "address": strings([address]),
        "article": strings([article]),
        "template": strings([template]),
        "question": strings(template.questions.all()),
    }


def test_every_operation_of_the_schema_is_fuzzed():
    assert len(operations()) == 19


def _name(operation: dict[str, Any]) -> str:
    return f"{operation['method']} {operation['path'].removeprefix(BASE)}"


@pytest.mark.parametrize("operation", operations(), ids=_name)
@FUZZ
@given(data=st.data())
def test_no_input_gets_a_server_error_or_an_undocumented_answer(world, bob_api, operation, data):
    request = data.draw(requests(world, operation))
    _check(request, _send(bob_api, request))


@settings(FUZZ, max_examples=40)
@given(data=st.data())
def test_without_a_valid_token_every_operation_answers_401(world, settings, data):
    settings.SIMON_API_TOKEN_FAILURE_LIMIT = 1000  # the lock-out has its own tests
    operation = data.draw(st.sampled_from(operations()))
    request = data.draw(requests(world, operation, garbage_paths=False))
    token = data.draw(st.sampled_from(["", "simon_nope", "Bearer", "simon_" + "x" * 43]))
    response = _send(ApiClient(token or None), request)
    assert response.status_code == 401, request
    assert response.json()["message"]


def _base_body(operation: dict[str, Any], world: dict[str, list[str]]) -> dict[str, Any]:
    """A body the operation accepts, to vary one field of at a time."""
    path = operation["path"]
    if path.endswith("/work-orders"):
        return {"customer": world["customer"][0]}
    if path.endswith("/time-entries"):
        return {"kind": "werktijd", "minutes": 30}
    if path.endswith("/materials"):
        return {"article": world["article"][0], "quantity": "1"}
    if path.endswith("/forms"):
        return {"template": world["template"][0]}
    return {}


def test_every_edge_value_in_every_body_field(world, bob_api):
    """The systematic half: each edge value of every type in each field of each body (the
    hypothesis test above mixes them; this makes sure each one reaches each field)."""
    everything = [value for values in EDGES.values() for value in values]
    answers = [{code: value} for code in world["question"] for value in everything]
    for operation in operations():
        if operation["body"] is None:
            continue
        path = operation["path"]
        for parameter in operation["parameters"]:
            code = world[parameter["name"]][0]
            path = path.replace("{" + parameter["name"] + "}", code)
        base = _base_body(operation, world)
        for field in operation["body"]["properties"]:
            for value in answers if field == "answers" else everything:
                request = {
                    "operation": operation,
                    "path": path,
                    "query": {},
                    "body": {**base, field: value},
                }
                _check(request, _send(bob_api, request))
