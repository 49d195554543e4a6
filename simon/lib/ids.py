"""Public codes that sort by creation time (UUID version 7, RFC 9562).

Every tenant row has an opaque ``code`` in its URLs. A random (version 4) code puts each new row
at a random place in the code's unique index, so a first import of 100,000 articles rewrote
index pages all over the file on every page it stored. A version 7 code starts with the
creation time in milliseconds, so new rows land at the end of the index; the 74 random bits
that follow still make a code impossible to guess.
"""

from __future__ import annotations

import os
import threading
import time
import uuid

_VERSION_7 = 0x7 << 76
_VARIANT_RFC = 0x2 << 62
_RANDOM_MASK = (1 << 74) - 1  # 12 bits rand_a, 62 bits rand_b
_RAND_B_MASK = (1 << 62) - 1

_lock = threading.Lock()
_last_ms = 0


def _next_ms() -> int:
    # Never backwards, also when the wall clock is set back: codes made later sort later.
    global _last_ms
    with _lock:
        now = time.time_ns() // 1_000_000
        _last_ms = max(now, _last_ms)
        return _last_ms


def uuid7() -> uuid.UUID:
    """A new version 7 UUID."""
    return uuid.UUID(int=uuid7_ints(1)[0])


def uuid7_ints(count: int) -> list[int]:
    """``count`` version 7 UUIDs as integers (``uuid.UUID(int=...)``, or ``f"{n:032x}"`` for a
    database without a uuid type), with one timestamp and one read of the OS's random source."""
    prefix = (_next_ms() << 80) | _VERSION_7 | _VARIANT_RFC
    entropy = os.urandom(10 * count)
    codes = []
    for start in range(0, 10 * count, 10):
        random_bits = int.from_bytes(entropy[start : start + 10]) & _RANDOM_MASK
        codes.append(prefix | ((random_bits >> 62) << 64) | (random_bits & _RAND_B_MASK))
    return codes
