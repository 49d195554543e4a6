"""Request/response helpers shared by the resource modules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from snelstart_emulator.auth import AuthContext, require_scopes
from snelstart_emulator.binding import parse_guid
from snelstart_emulator.collection import Collection, Record
from snelstart_emulator.domain.common import Renderer, json_bytes, parse_body
from snelstart_emulator.errors import ApiError, codes_error, error_item, message_error
from snelstart_emulator.odata import ODataError
from snelstart_emulator.odata.query import TopTooLarge, project, read_query, run
from snelstart_emulator.odata.schema import StructuredType
from snelstart_emulator.state import Store


def store_of(request: Request) -> Store:
    return request.app.state.store


def auth(request: Request, *scopes: str) -> AuthContext:
    return require_scopes(getattr(request.state, "auth", None), *scopes)


def json_response(body: Any, status: int = 200) -> Response:
    return Response(
        json_bytes(body), status_code=status, media_type="application/json; charset=utf-8"
    )


def path_id(value: str) -> str:
    """The `{id}` of a URL as a lower-case GUID; anything else is ALG-0103."""
    parsed = parse_guid(value)
    if parsed is None:
        raise codes_error("ALG-0103")
    return parsed


async def read_body(request: Request, invalid_code: str = "ALG-0106") -> dict[str, Any]:
    return parse_body(await request.body(), invalid_code)


def odata_error(store: Store, error: ODataError) -> ApiError:
    """A $filter/$orderby/$select problem in the configured shape (CONTRACT §3.4, §13 item 11)."""
    if store.settings.odata_error_shape == "alg0104" and not error.message.startswith(
        "Could not find"
    ):
        return ApiError(400, [error_item("ALG-0104", None, error.message)])
    return message_error(400, error.message)


def list_response(
    request: Request,
    collection: Collection,
    kind: StructuredType,
    render: Callable[[Record], dict[str, Any]],
    unfilterable: frozenset[str] = frozenset(),
) -> Response:
    """An OData list: bare JSON array of the page."""
    store = store_of(request)
    try:
        query = read_query(request.query_params, store.settings.strict_top)
        rows, select = run(
            collection,
            kind,
            query,
            store.settings.filter_properties_case_insensitive,
            unfilterable,
        )
    except TopTooLarge:
        raise ApiError(
            400, [error_item("ALG-0104", "De waarde van $top mag niet groter zijn dan 500.")]
        ) from None
    except ODataError as error:
        raise odata_error(store, error) from None
    if select is None and isinstance(render, Renderer):
        body = b"[" + b",".join([render.json(row) for row in rows]) + b"]"
        return Response(body, media_type="application/json; charset=utf-8")
    return json_response([project(render(row), select) for row in rows])


def plain_list(collection: Collection, render: Callable[[Record], dict[str, Any]]) -> Response:
    """A non-OData list: every row, query options ignored (CONTRACT §3.1)."""
    return json_response([render(row) for row in collection if not row.deleted])
