"""The OpenAPI document validates, documents every response, and every path has a test."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from openapi_spec_validator import validate

METHODS = {"get", "post", "put", "patch", "delete"}
TESTS = Path(__file__).parent
# Calls the tests make on purpose that are no operations: the schema, the docs, error paths.
NOT_OPERATIONS = {
    ("get", "/openapi.json"),
    ("get", "/docs"),
    ("get", "/docs/assets/swagger-ui-bundle.js"),
    ("get", "/docs/assets/secrets.txt"),
    ("get", "/"),
    ("get", "/bestaat-niet/"),
    ("get", "/nergens/%0A"),
    ("delete", "/customers"),
    ("post", "/customers"),
}


def schema(any_api):
    response = any_api.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_document_validates(anon_api):
    document = schema(anon_api)

    validate(document)
    assert document["info"]["title"] == "Simon field API"
    assert document["info"]["version"] == "1.0.0"
    assert document["components"]["securitySchemes"] == {
        "TokenAuth": {"type": "http", "scheme": "bearer"}
    }


def test_every_operation_needs_a_token_and_documents_its_responses(anon_api):
    for path, item in schema(anon_api)["paths"].items():
        for method, operation in item.items():
            where = f"{method.upper()} {path}"
            assert operation["security"] == [{"TokenAuth": []}], where
            responses = operation["responses"]
            assert any(code.startswith("2") for code in responses), where
            assert "401" in responses, where
            for code, response in responses.items():
                if code == "204":
                    assert "content" not in response, where
                    continue
                body = response["content"]["application/json"]["schema"]
                assert body.get("$ref"), where
                if not code.startswith("2"):
                    assert body["$ref"] == "#/components/schemas/ErrorOut", where


def test_the_docs_page_is_served_without_a_cdn(anon_api):
    response = anon_api.get("/docs")
    page = response.content.decode()
    script = anon_api.get("/docs/assets/swagger-ui-bundle.js")
    unknown = anon_api.get("/docs/assets/secrets.txt")

    assert response.status_code == 200
    assert '<script src="/api/v1/docs/assets/swagger-ui-bundle.js"></script>' in page
    assert '"url": "/api/v1/openapi.json"' in page
    assert "cdn" not in page.lower()
    assert script.status_code == 200
    assert script["Content-Type"] == "text/javascript"
    assert unknown.status_code == 404
    assert unknown.json()["message"] == "Niet gevonden."


def _template(node: ast.expr) -> str | None:
    """'/work-orders/{}/time-entries' for f"/work-orders/{wo.code}/time-entries?x=1"."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(
            str(part.value) if isinstance(part, ast.Constant) else "{}" for part in node.values
        )
    else:
        return None
    return text.split("?")[0] if text.startswith("/") else None


def exercised() -> set[tuple[str, str]]:
    """(method, path template) of every API call written in these tests: ``<x>_api.get(...)``."""
    calls = set()
    for module in TESTS.glob("test_*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in METHODS
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id.endswith("api")
                and node.args
            ):
                continue
            path = _template(node.args[0])
            if path is not None:
                calls.add((node.func.attr, path))
    return calls


def test_every_path_in_the_document_is_exercised_by_a_test(anon_api):
    """A new endpoint without a test fails here, and so does a test of a removed one (the
    generic 401 tests, which read the paths from the schema, do not count)."""
    documented = {
        (method, re.sub(r"\{[^}]+\}", "{}", path.removeprefix("/api/v1")))
        for path, item in schema(anon_api)["paths"].items()
        for method in item
    }

    tested = {operation_of(call, documented) for call in exercised()}

    assert tested == documented | NOT_OPERATIONS


def operation_of(call: tuple[str, str], documented: set[tuple[str, str]]) -> tuple[str, str]:
    """The documented operation a call hits: '/customers/geen-code' is GET /customers/{};
    an exact match wins ('/work-orders/mine' is not '/work-orders/{}')."""
    if call in documented:
        return call
    method, path = call
    for candidate in sorted(documented, key=lambda op: op[1].count("{}")):
        pattern = re.escape(candidate[1]).replace(r"\{\}", "[^/]+")
        if candidate[0] == method and re.fullmatch(pattern, path):
            return candidate
    return call
