"""Reading pages: one request when idle, concurrent reads after a full first page, in order."""

from __future__ import annotations

import threading

from simon.snelstart_sync.paging import PAGE_SIZE, estimate_total, read_pages
from snelstart import Page


def source(total: int):
    asked: list[int] = []
    lock = threading.Lock()

    def fetch(skip: int) -> Page:
        with lock:
            asked.append(skip)
        size = max(0, min(PAGE_SIZE, total - skip))
        return Page(skip=skip, top=PAGE_SIZE, records=list(range(size)), rejected=[])

    return fetch, asked


def test_an_idle_read_is_one_request():
    fetch, asked = source(3)
    pages = list(read_pages(fetch, 0, workers=4))
    assert ([p.size for p in pages], asked) == ([3], [0])


def test_concurrent_pages_come_back_in_order_and_stop_at_the_short_one():
    fetch, asked = source(1750)
    pages = list(read_pages(fetch, 0, workers=3))
    assert [p.skip for p in pages] == [0, 500, 1000, 1500]
    assert [p.size for p in pages] == [500, 500, 500, 250]
    assert sorted(asked)[:4] == [0, 500, 1000, 1500]
    assert len(asked) <= 4 + 2  # at most workers - 1 pages fetched beyond the end


def test_the_expected_total_keeps_the_reader_from_fetching_past_the_end():
    fetch, asked = source(1750)
    pages = list(read_pages(fetch, 0, workers=4, expected_total=lambda: 2000))
    assert [p.skip for p in pages] == [0, 500, 1000, 1500]
    assert sorted(asked) == [0, 500, 1000, 1500]


def test_a_stale_expected_total_still_reads_to_the_end():
    fetch, asked = source(2600)
    pages = list(read_pages(fetch, 0, workers=4, expected_total=lambda: 1000))
    assert [p.skip for p in pages] == [0, 500, 1000, 1500, 2000, 2500]
    assert sorted(asked) == [0, 500, 1000, 1500, 2000, 2500]


def test_resuming_starts_at_the_given_skip():
    fetch, asked = source(1200)
    assert [p.skip for p in read_pages(fetch, 1000)] == [1000]
    assert asked == [1000]


def test_requests_run_in_background_threads_and_decoding_in_the_reader():
    total = 2600
    fetched_in: set[int] = set()
    decoded_in: set[int] = set()

    def fetch(skip: int) -> int:
        fetched_in.add(threading.get_ident())
        return skip

    def decode(skip: int) -> Page:
        decoded_in.add(threading.get_ident())
        size = max(0, min(PAGE_SIZE, total - skip))
        return Page(skip=skip, top=PAGE_SIZE, records=list(range(size)), rejected=[])

    pages = list(read_pages(fetch, 0, workers=3, decode=decode))
    assert [p.skip for p in pages] == [0, 500, 1000, 1500, 2000, 2500]
    assert decoded_in == {threading.get_ident()}
    assert fetched_in - decoded_in  # the pages after the first were fetched by the pool


def test_estimate_total_finds_the_end_to_page_precision_in_few_requests():
    total = 100_000
    probes: list[int] = []

    def count_from(skip: int) -> int:
        probes.append(skip)
        return 1 if skip < total else 0

    estimate = estimate_total(count_from, 500)
    assert total <= estimate <= total + PAGE_SIZE
    assert len(probes) <= 2 * 9
