"""Reading the pages of one stream, sequentially or a few at a time.

A read starts with one request; only when that first page comes back full (there is more)
are further pages fetched concurrently, so an idle poll costs exactly one request per stream
while a first import of 100,000 articles keeps several requests in flight. Pages are yielded
in ``$skip`` order whatever order they arrive in, because the resume point must be contiguous.
Requests run in background threads; each answer is decoded in the reading thread, just before
it is yielded: decoding holds the GIL, and decoders running in several threads at once would
also keep the thread that stores the pages (SQLite releases the GIL on every row) waiting.
The call budget is enforced by the client's rate limiter, shared per administration.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar, cast

from snelstart import Page

PAGE_SIZE = 500

Raw = TypeVar("Raw")
#: Requests the page at a ``$skip`` (may run in a background thread).
Fetch = Callable[[int], Raw]
#: Turns what ``Fetch`` returned into a page (runs in the reading thread).
Decode = Callable[[Raw], Page[Any]]


def _as_page(raw: Any) -> Page[Any]:
    return cast("Page[Any]", raw)


def read_pages(
    fetch: Fetch[Raw],
    start_skip: int,
    workers: int = 1,
    expected_total: Callable[[], int | None] = lambda: None,
    decode: Decode[Raw] = _as_page,
) -> Iterator[Page[Any]]:
    """Yield the pages from ``start_skip`` on, in order, until one comes back short.

    ``expected_total`` (asked after the first page) keeps the concurrent reader from fetching
    pages beyond the expected end; past it, reading goes on one page at a time.
    """
    first = decode(fetch(start_skip))
    yield first
    if not first.full:
        return
    next_skip = start_skip + first.size
    if workers > 1:
        for page in _concurrently(fetch, decode, next_skip, workers, expected_total()):
            yield page
            if not page.full:
                return
            next_skip = page.skip + page.size
    while True:
        page = decode(fetch(next_skip))
        yield page
        if not page.full:
            return
        next_skip += page.size


def _concurrently(
    fetch: Fetch[Raw], decode: Decode[Raw], skip: int, workers: int, end: int | None
) -> Iterator[Page[Any]]:
    """Pages from ``skip`` with up to ``workers`` requests in flight, never past ``end``."""

    def more(at: int) -> bool:
        return end is None or at < end

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="snelstart-page") as pool:
        in_flight: deque[Future[Raw]] = deque()
        try:
            while len(in_flight) < workers and more(skip):
                in_flight.append(pool.submit(fetch, skip))
                skip += PAGE_SIZE
            while in_flight:
                page = decode(in_flight.popleft().result())
                yield page
                if not page.full:
                    return
                if more(skip):
                    in_flight.append(pool.submit(fetch, skip))
                    skip += PAGE_SIZE
        finally:
            for future in in_flight:
                future.cancel()


def estimate_total(count_from: Callable[[int], int], known_at_least: int) -> int:
    """Estimate how many records a list holds, to draw a progress bar for a first import.

    ``count_from(skip)`` returns how many records exist at or after ``skip`` when asked for one
    (``$top=1``): 1 or 0. Doubling then halving finds the end in about 2·log2(n/500) requests,
    to page precision, a few percent of the cost of the import itself.
    """
    low = max(known_at_least, 1)  # a record exists at index low - 1
    high = low * 2
    while count_from(high - 1):
        low, high = high, high * 2
    while high - low > PAGE_SIZE:
        middle = (low + high) // 2
        if count_from(middle - 1):
            low = middle
        else:
            high = middle
    return high
