"""One small class per SnelStart resource, one method per endpoint.

OData lists (``/relaties``, ``/artikelen``, ``/verkooporders``) page with ``$skip``/``$top``:
:meth:`ODataCollection.iter` streams records page by page and asks for the next page only when
the current one came back full (SnelStart returns no paging metadata, CONTRACT §3.3). Plain lists
(``/artikelomzetgroepen``, ``/verkoopordersjablonen``) take no query options at all.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from urllib.parse import quote
from uuid import UUID

import httpx
import pydantic

from snelstart import odata
from snelstart.errors import MalformedResponseError, OutcomeUnknownError
from snelstart.jsonvalues import loads
from snelstart.models import (
    Artikel,
    ArtikelOmzetgroep,
    Land,
    Relatie,
    SnelStartModel,
    VerkoopOrder,
    VerkoopOrderSjabloon,
)

if TYPE_CHECKING:
    from snelstart.client import SnelStartClient

#: SnelStart's maximum (and default) ``$top`` (CONTRACT §3.2). Never send more.
MAX_PAGE_SIZE = 500
#: Pages fetched ahead of the consumer by ``iter``: with two in flight, SnelStart's answer time
#: overlaps with decoding the page before (decoding 500 articles costs ~12 ms of CPU, a round
#: trip at least SnelStart's latency), and memory stays bounded at three pages. Within the
#: test key's limit of 5 concurrent calls (CONTRACT §10).
READ_AHEAD = 2

M = TypeVar("M", bound=SnelStartModel)
Id = UUID | str


def decode_error(
    response: httpx.Response, method: str, endpoint: str, why: str
) -> MalformedResponseError:
    return MalformedResponseError(
        f"{method} {endpoint}: {why}",
        status=response.status_code,
        method=method,
        endpoint=endpoint,
        body=response.text,
    )


def decode_json(response: httpx.Response, method: str, endpoint: str) -> Any:
    try:
        return loads(response.content)
    except ValueError as exc:
        raise decode_error(response, method, endpoint, f"the answer is not JSON ({exc})") from None


def _validate(
    model: type[M],
    data: Any,
    response: httpx.Response,
    method: str,
    endpoint: str,
    index: int | None = None,
) -> M:
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        where = "" if index is None else f" (record {index})"
        error = decode_error(
            response,
            method,
            endpoint,
            f"the answer does not fit {model.__name__}{where}: {exc.errors(include_url=False)}",
        )
        error.index, error.record = index, data
        raise error from None


def decode_model(model: type[M], response: httpx.Response, method: str, endpoint: str) -> M:
    data = decode_json(response, method, endpoint)
    if not isinstance(data, dict):
        raise decode_error(
            response, method, endpoint, f"expected a JSON object, got {type(data).__name__}"
        )
    return _validate(model, data, response, method, endpoint)


@cache
def _list_adapter(model: type[M]) -> pydantic.TypeAdapter[list[M]]:
    return pydantic.TypeAdapter(list[model])  # type: ignore[valid-type]


def _validate_all(model: type[M], data: list[Any]) -> list[M] | None:
    """The whole page in one call into pydantic (about a quarter cheaper than record by record,
    and a page of 500 is decoded for every 500 records a sync reads); None if any record fails,
    so the caller can find and report exactly which."""
    try:
        return _list_adapter(model).validate_python(data)
    except pydantic.ValidationError:
        return None


def decode_models(model: type[M], response: httpx.Response, method: str, endpoint: str) -> list[M]:
    data = decode_json(response, method, endpoint)
    if not isinstance(data, list):
        raise decode_error(
            response, method, endpoint, f"expected a JSON array, got {type(data).__name__}"
        )
    records = _validate_all(model, data)
    if records is not None:
        return records
    return [
        _validate(model, item, response, method, endpoint, index) for index, item in enumerate(data)
    ]


@dataclass(frozen=True)
class Rejected:
    """A record of a page that does not fit the model; the rest of the page is still usable."""

    index: int
    data: Any
    error: MalformedResponseError


@dataclass(frozen=True)
class Page(Generic[M]):
    """One page read leniently: good records, rejected ones, and how many the server sent."""

    skip: int
    top: int
    records: list[M]
    rejected: list[Rejected]

    @property
    def size(self) -> int:
        return len(self.records) + len(self.rejected)

    @property
    def full(self) -> bool:
        """A full page means there may be another one (SnelStart sends no paging metadata)."""
        return self.size >= self.top


def decode_page(
    model: type[M], response: httpx.Response, method: str, endpoint: str, skip: int, top: int
) -> Page[M]:
    data = decode_json(response, method, endpoint)
    if not isinstance(data, list):
        raise decode_error(
            response, method, endpoint, f"expected a JSON array, got {type(data).__name__}"
        )
    fast = _validate_all(model, data)
    if fast is not None:
        return Page(skip=skip, top=top, records=fast, rejected=[])
    records: list[M] = []
    rejected: list[Rejected] = []
    for index, item in enumerate(data):
        try:
            records.append(_validate(model, item, response, method, endpoint, index))
        except MalformedResponseError as exc:
            rejected.append(Rejected(index, item, exc))
    return Page(skip=skip, top=top, records=records, rejected=rejected)


@dataclass(frozen=True)
class PageResponse(Generic[M]):
    """A page that has arrived but is not decoded yet (see :meth:`ODataCollection.fetch_page`).

    Fetching mostly waits on the network and decoding is CPU work that holds the GIL, so a
    reader with several requests in flight fetches in background threads and decodes here, in
    one thread, instead of letting the decoders of several pages contend for the GIL.
    """

    model: type[M]
    response: httpx.Response
    endpoint: str
    skip: int
    top: int

    def decode(self) -> Page[M]:
        """The page, read leniently (records that do not fit are set aside)."""
        return decode_page(self.model, self.response, "GET", self.endpoint, self.skip, self.top)


def _id_segment(id: Id) -> str:
    # quote() keeps a stray "/" or "?" in a string id from reaching another URL.
    return "/" + quote(str(id), safe="")


class _Resource(Generic[M]):
    path: str
    model: type[M]

    def __init__(self, client: SnelStartClient) -> None:
        self._client = client

    def get(self, id: Id) -> M:
        """``GET {path}/{id}``. Raises NotFoundError for an unknown id."""
        endpoint = self.path + "/{id}"
        sent = self._client._request("GET", self.path + _id_segment(id), endpoint=endpoint)
        return decode_model(self.model, sent.response, "GET", endpoint)


class ODataCollection(_Resource[M]):
    def _query(
        self, skip: int, top: int, filter: str | None, select: list[str] | str | None
    ) -> list[tuple[str, str]]:
        if not 1 <= top <= MAX_PAGE_SIZE:
            raise ValueError(f"top must be between 1 and {MAX_PAGE_SIZE}, got {top}")
        if skip < 0:
            raise ValueError("skip must not be negative")
        params = [("$skip", str(skip)), ("$top", str(top))]
        if filter:
            params.append(("$filter", filter))
        if select:
            params.append(("$select", odata.select(select)))
        return params

    def _page(self, params: list[tuple[str, str]]) -> list[M]:
        return self._decode(self._send(params))

    def _send(self, params: list[tuple[str, str]]) -> httpx.Response:
        return self._client._request("GET", self.path, endpoint=self.path, params=params).response

    def _decode(self, response: httpx.Response) -> list[M]:
        return decode_models(self.model, response, "GET", self.path)

    def page(
        self, skip: int, top: int, filter: str | None = None, select: list[str] | str | None = None
    ) -> list[M]:
        """One page: ``GET {path}?$skip=&$top=[&$filter=][&$select=]``; ``top`` ≤ 500."""
        return self._page(self._query(skip, top, filter, select))

    def read_page(
        self, skip: int, top: int, filter: str | None = None, select: list[str] | str | None = None
    ) -> Page[M]:
        """Like :meth:`page`, but a record that does not fit the model is set aside in
        ``Page.rejected`` instead of failing the page, so a sync can skip one bad record."""
        return self.fetch_page(skip, top, filter, select).decode()

    def fetch_page(
        self, skip: int, top: int, filter: str | None = None, select: list[str] | str | None = None
    ) -> PageResponse[M]:
        """The request of :meth:`read_page` without the decoding: HTTP errors are raised here,
        a malformed body only by :meth:`PageResponse.decode`."""
        response = self._send(self._query(skip, top, filter, select))
        return PageResponse(self.model, response, self.path, skip, top)

    def iter(
        self,
        filter: str | None = None,
        page_size: int = MAX_PAGE_SIZE,
        select: list[str] | str | None = None,
        *,
        read_ahead: int = READ_AHEAD,
    ) -> Iterator[M]:
        """Every matching record, with at most ``read_ahead`` pages fetched ahead of the one
        being consumed (so memory holds a few pages, never the whole result).

        Stops after the first page shorter than ``page_size``; when the total is an exact multiple
        of it, one extra request returns ``[]``. Order is SnelStart's (undocumented), so a sync
        should de-duplicate by ``id``.
        """
        self._query(0, page_size, None, None)  # reject a bad page size now, not at first next()
        return _stream(
            lambda skip: self._send(self._query(skip, page_size, filter, select)),
            self._decode,
            page_size,
            read_ahead,
        )


def _stream(
    send: Callable[[int], httpx.Response],
    decode: Callable[[httpx.Response], list[M]],
    page_size: int,
    read_ahead: int = READ_AHEAD,
) -> Iterator[M]:
    """Yield every record in order, with up to ``read_ahead`` pages requested ahead of the
    consumer once a page has come back full.

    The requests run in background threads, which mostly wait on the network; decoding (JSON
    and models, the expensive part in CPython) happens here, in the consumer's thread, while
    the next pages travel. A short page ends the stream, so an idle poll costs one request.
    With ``read_ahead=1`` a page is requested only after a full one (SnelStart's advice,
    CONTRACT §3.3); with more, the end of a long listing may cost up to ``read_ahead - 1``
    requests that return ``[]``.
    """
    depth = max(read_ahead, 1)
    with ThreadPoolExecutor(max_workers=depth, thread_name_prefix="snelstart-read-ahead") as pool:
        pending: deque[Future[httpx.Response]] = deque()
        try:
            rows = decode(send(0))
            next_skip = page_size
            while len(rows) >= page_size:
                while len(pending) < depth:
                    pending.append(pool.submit(send, next_skip))
                    next_skip += page_size
                yield from rows
                rows = decode(pending.popleft().result())
            yield from rows
        finally:
            for future in pending:
                future.cancel()


class RelatiesResource(ODataCollection[Relatie]):
    path = "/relaties"
    model = Relatie


class ArtikelenResource(ODataCollection[Artikel]):
    """Artikelen; ``relatie_id``/``aantal`` apply that customer's price agreement to prices."""

    path = "/artikelen"
    model = Artikel

    @staticmethod
    def _price_params(relatie_id: Id | None, aantal: int | None) -> list[tuple[str, str]]:
        params = []
        if relatie_id is not None:
            params.append(("relatieId", str(relatie_id)))
        if aantal is not None:
            params.append(("aantal", str(aantal)))
        return params

    def page(
        self,
        skip: int,
        top: int,
        filter: str | None = None,
        select: list[str] | str | None = None,
        *,
        relatie_id: Id | None = None,
        aantal: int | None = None,
    ) -> list[Artikel]:
        return self._page(
            self._price_params(relatie_id, aantal) + self._query(skip, top, filter, select)
        )

    def iter(
        self,
        filter: str | None = None,
        page_size: int = MAX_PAGE_SIZE,
        select: list[str] | str | None = None,
        *,
        relatie_id: Id | None = None,
        aantal: int | None = None,
        read_ahead: int = READ_AHEAD,
    ) -> Iterator[Artikel]:
        self._query(0, page_size, None, None)
        prices = self._price_params(relatie_id, aantal)
        return _stream(
            lambda skip: self._send(prices + self._query(skip, page_size, filter, select)),
            self._decode,
            page_size,
            read_ahead,
        )

    def get(self, id: Id, *, relatie_id: Id | None = None, aantal: int | None = None) -> Artikel:
        endpoint = self.path + "/{id}"
        params = self._price_params(relatie_id, aantal)
        sent = self._client._request(
            "GET", self.path + _id_segment(id), endpoint=endpoint, params=params
        )
        return decode_model(self.model, sent.response, "GET", endpoint)


class VerkoopordersResource(ODataCollection[VerkoopOrder]):
    path = "/verkooporders"
    model = VerkoopOrder

    def create(self, order: VerkoopOrder) -> VerkoopOrder:
        """``POST /verkooporders`` (201) → the stored order with ``id`` and ``nummer``.

        Never resent after it may have reached SnelStart: then :class:`OutcomeUnknownError`
        (carrying the payload) is raised and the caller must look the order up first.
        """
        payload = order.to_write_payload()
        sent = self._client._request("POST", self.path, endpoint=self.path, body=payload)
        try:
            return decode_model(VerkoopOrder, sent.response, "POST", self.path)
        except MalformedResponseError as exc:
            # SnelStart did create the order, but we cannot tell which one: same instruction as
            # an unanswered POST – look it up before sending it again.
            raise OutcomeUnknownError(
                f"POST {self.path} succeeded ({sent.response.status_code}) but the answer could "
                f"not be read: {exc.message} Look the order up before sending it again.",
                payload=payload,
                status=sent.response.status_code,
                method="POST",
                endpoint=self.path,
                body=sent.response.text,
            ) from exc

    def update(self, id: Id, order: VerkoopOrder) -> VerkoopOrder:
        """``PUT /verkooporders/{id}`` – a full replacement: send the complete order."""
        endpoint = self.path + "/{id}"
        payload = order.to_write_payload()
        payload.setdefault("id", str(id))  # SnelStart requires the body id to equal the URL id
        sent = self._client._request(
            "PUT", self.path + _id_segment(id), endpoint=endpoint, body=payload
        )
        if not sent.response.content:
            return self.get(id)
        return decode_model(VerkoopOrder, sent.response, "PUT", endpoint)

    def delete(self, id: Id) -> None:
        """``DELETE /verkooporders/{id}``; any 2xx (SnelStart declares 201, says 200) is success."""
        endpoint = self.path + "/{id}"
        self._client._request("DELETE", self.path + _id_segment(id), endpoint=endpoint)


class _PlainList(_Resource[M]):
    def list(self) -> list[M]:
        """The whole list; this endpoint takes no OData options (a ``$filter`` would be ignored)."""
        sent = self._client._request("GET", self.path, endpoint=self.path)
        return decode_models(self.model, sent.response, "GET", self.path)


class ArtikelomzetgroepenResource(_PlainList[ArtikelOmzetgroep]):
    path = "/artikelomzetgroepen"
    model = ArtikelOmzetgroep


class VerkoopordersjablonenResource(_PlainList[VerkoopOrderSjabloon]):
    path = "/verkoopordersjablonen"
    model = VerkoopOrderSjabloon


class LandenResource(_PlainList[Land]):
    path = "/landen"
    model = Land
