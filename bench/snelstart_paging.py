"""Reading 100,000 articles page by page: what the client costs on top of the network.

Starts the emulator as its own process (own GIL) with N articles and L ms added latency per call,
then reads every article with ``client.artikelen.iter()`` (500 per page, the client's default
read-ahead of two pages) and prints records per second, requests made, total time, and the ratio
of that time to the lower bound pages × latency (target: below 1.25, i.e. the client's own work
plus the emulator's serving time stay a small part of each round trip). The read is timed twice:
first while the emulator still serialises every record, then again when it serves the JSON it
kept per record; a third, strictly sequential read (``read_ahead=1``) is printed for reference.
Per request the time inside the client's HTTP calls (its own counters) is split into latency and
emulator + HTTP; beside it the client's CPU per page (HTTP, JSON and pydantic models).

Peak memory is traced (tracemalloc, this process only: the client side) in separate reads of a
quarter and of all the articles, so the timed reads are not slowed by tracing: a streaming
reader's peak stays flat however many records pass through it.

    .venv/bin/python bench/snelstart_paging.py [--articles 100000] [--latency-ms 20]

Figures (2-CPU development machine; wall times vary by ±20 % between runs):

* before read-ahead (sequential paging): first read 14–20 s (ratio 3.5–4.9), second read
  11–16 s (ratio 2.7–4.0), 201 requests, client-side peak 6.9 MiB for 25,000 and 100,000.
* reading two pages ahead (requests in background threads, decoding in the consumer's thread,
  one pydantic call per page), GUIDs checked by a Python validator: first read 7.8 s (ratio
  1.93), second read 6.75 s (ratio 1.67). Decoding a page cost ~27 ms of CPU, more than the
  20 ms latency it overlapped with.
* the same with GUIDs checked by pydantic's own UUID validation (Rust; the Python validator cost
  ~6 ms of CPU per page of 500 articles, which carry over a thousand ids): first read 4.5–5.2 s
  (ratio 1.12–1.27: the emulator's first serialisation of every record, in its own process, is
  the bulk of that), second read 4.0–4.5 s (ratio 0.99–1.12: the higher figures on a busy
  machine), 201–202 requests; client CPU 12–14 ms per page; sequential read 7.5–8.1 s (ratio
  1.87–2.02); peak 6.7–6.9 MiB for 25,000 and 7.1 MiB for 100,000 (flat).
* with the emulator freezing its demo data for the garbage collector (its full collections walked
  100,000 records while the first read filled the JSON cache): first read 4.4 s (ratio
  1.09–1.11), second read 3.8–4.1 s (ratio 0.93–1.01), sequential 7.3–7.4 s (ratio 1.81–1.85).
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._emulator import CLIENT_KEY, SUBSCRIPTION_KEY, emulator  # noqa: E402
from snelstart import SnelStartClient  # noqa: E402
from snelstart.resources import READ_AHEAD  # noqa: E402

PAGE_SIZE = 500
TARGET_RATIO = 1.25
#: A streaming read may hold a page or two more than a quarter of the read did; not more.
FLAT_PEAK_FACTOR = 1.5
ENDPOINT = "GET /artikelen"


@dataclass(frozen=True)
class Read:
    records: int
    requests: int
    seconds: float
    #: Wall time inside the client's HTTP calls (latency, emulator, transfer, retries).
    http_seconds: float
    #: CPU time of this process (the client): steadier than wall time on a busy machine.
    cpu_seconds: float
    peak_bytes: int | None = None


@contextmanager
def client_on(url: str) -> Iterator[SnelStartClient]:
    with SnelStartClient(
        client_key=CLIENT_KEY,
        subscription_key=SUBSCRIPTION_KEY,
        token_url=f"{url}/b2b/token",
        base_url=f"{url}/v2",
    ) as client:
        client.company_info()  # the token and the connection, outside the measurement
        yield client


def read(
    url: str, limit: int | None = None, trace: bool = False, read_ahead: int = READ_AHEAD
) -> Read:
    with client_on(url) as client:
        if trace:
            tracemalloc.start()
        started, cpu_started = time.perf_counter(), time.process_time()
        pages = client.artikelen.iter(page_size=PAGE_SIZE, read_ahead=read_ahead)
        records = sum(1 for _ in islice(pages, limit))
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        peak = None
        if trace:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        stats = client.stats.by_endpoint[ENDPOINT]
    return Read(records, stats.requests, seconds, stats.seconds, cpu, peak)


def report(label: str, run: Read, latency_ms: float, target: bool = True) -> float:
    bound = run.requests * latency_ms / 1000
    ratio = run.seconds / bound
    verdict = ("OK" if ratio < TARGET_RATIO else "SLOW") if target else "for reference"
    print(
        f"{label}{run.records:,} articles in {run.seconds:.2f} s = "
        f"{run.records / run.seconds:,.0f} records/s, {run.requests} requests; "
        f"ratio {ratio:.2f} to {run.requests} × {latency_ms:g} ms = {bound:.2f} s "
        f"({f'target < {TARGET_RATIO}: ' if target else ''}{verdict})"
    )
    per_page = 1000 / run.requests
    # With pages read ahead, requests overlap each other and the decoding of earlier pages, so
    # time per request and CPU per page are given side by side, not as parts of one sum.
    print(
        f"{'':13}per request: {latency_ms:g} ms latency + "
        f"{run.http_seconds * 1000 / run.requests - latency_ms:.1f} ms emulator and HTTP; "
        f"client CPU per page (HTTP, JSON, models) {run.cpu_seconds * per_page:.1f} ms"
    )
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    args = parser.parse_args()

    started = time.perf_counter()
    with emulator(customers=10, articles=args.articles, latency_ms=args.latency_ms) as url:
        print(
            f"emulator:    {args.articles:,} articles, {args.latency_ms:g} ms latency per call, "
            f"its own process (started in {time.perf_counter() - started:.1f} s)"
        )
        first = read(url)
        second = read(url)
        sequential = read(url, read_ahead=1)
        quarter = read(url, limit=args.articles // 4, trace=True)
        whole = read(url, trace=True)

    assert first.records == second.records == sequential.records == whole.records == args.articles
    assert quarter.peak_bytes is not None and whole.peak_bytes is not None
    report("first read:  ", first, args.latency_ms)
    ratio = report("second read: ", second, args.latency_ms)
    report("sequential:  ", sequential, args.latency_ms, target=False)
    flat = whole.peak_bytes <= quarter.peak_bytes * FLAT_PEAK_FACTOR
    print(
        f"memory:      client-side tracemalloc peak {quarter.peak_bytes / 2**20:.1f} MiB reading "
        f"{quarter.records:,}, {whole.peak_bytes / 2**20:.1f} MiB reading {whole.records:,}: "
        f"{'flat' if flat else 'GROWS'}"
    )
    print(f"total:       {time.perf_counter() - started:.1f} s (emulator start and five reads)")
    return 0 if ratio < TARGET_RATIO and flat else 1


if __name__ == "__main__":
    sys.exit(main())
