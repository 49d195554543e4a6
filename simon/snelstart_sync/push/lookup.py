"""Finding the sales orders Simon made for a work order, by their marker (docs/decisions/0003).

``GET /verkooporders?$filter=Orderreferentie eq '<marker>'`` is the lookup. Whether SnelStart
filters on ``Orderreferentie`` is not confirmed (CONTRACT §13): when it refuses the filter with
a 400, the orders of the customer(s) the earlier attempts were sent for are read instead
(``Relatie/Id``, documented) and compared here. Either way the marker is compared again on our
side, so a server that ignores a filter can never make a stranger's order count as ours.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from snelstart import SnelStartClient, ValidationError, VerkoopOrder, odata
from snelstart.errors import RequestError

PAGE = 500


def _all(client: SnelStartClient, filter: str) -> list[VerkoopOrder]:
    """Every page, read in this thread: the claim guard runs before each request and uses
    this thread's database connection."""
    orders: list[VerkoopOrder] = []
    while True:
        page = client.verkooporders.page(len(orders), PAGE, filter)
        orders += page
        if len(page) < PAGE:
            return orders


def _ours(orders: Iterable[VerkoopOrder], marker: str) -> list[VerkoopOrder]:
    mine = {o.id: o for o in orders if o.orderreferentie == marker and o.id is not None}
    return sorted(mine.values(), key=lambda o: (o.nummer is None, o.nummer or 0))


def find_orders(
    client: SnelStartClient, marker: str, relatie_ids: Iterable[str | UUID] = ()
) -> list[VerkoopOrder]:
    """The orders carrying ``marker``, oldest (lowest number) first; raises SnelStartError."""
    try:
        return _ours(_all(client, odata.eq("Orderreferentie", marker)), marker)
    except (ValidationError, RequestError) as exc:
        if exc.status != 400:
            raise
    found: list[VerkoopOrder] = []
    for relatie_id in relatie_ids:
        found += _all(client, odata.eq("Relatie/Id", UUID(str(relatie_id))))
    return _ours(found, marker)
