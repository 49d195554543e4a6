"""Start the emulator as its own process for a benchmark (no GIL shared with what is measured)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
CLIENT_KEY = "bench-koppelsleutel-0000000000000000"
SUBSCRIPTION_KEY = "bench-subscription"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def emulator(customers: int, articles: int, latency_ms: float, groups: int = 8) -> Iterator[str]:
    """Yield the emulator's base address (``http://127.0.0.1:PORT``) once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable, "-m", "snelstart_emulator", "--port", str(port), "--seed", "42",
            "--customers", str(customers), "--articles", str(articles), "--groups", str(groups),
            "--orders", "0", "--client-key", CLIENT_KEY, "--subscription-key", SUBSCRIPTION_KEY,
            "--latency-ms", str(latency_ms), "--log-level", "warning",
        ],
        cwd=ROOT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                httpx.get(f"{url}/v2/echo/x", timeout=1)
                break
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("emulator did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
