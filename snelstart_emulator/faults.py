"""Fault and load knobs: latency, rate limits, random 5xx, timeouts, lost responses, fail-next.

One `FaultConfig` is global; an administration may carry its own, which then replaces the global
one for its calls. Randomness comes from a seeded RNG per config, and one draw decides per call
which (if any) random fault applies, so a fixed seed plus a fixed call sequence gives a fixed
sequence of faults.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field, fields
from typing import Any

LOST_RESPONSE_MODES = ("drop", "504")


@dataclass
class FaultConfig:
    latency_ms: float = 0.0
    latency_jitter_ms: float = 0.0
    # Sliding windows per administration; None = unlimited (the default: off unless configured).
    rate_limit_per_minute: int | None = None
    rate_limit_per_hour: int | None = None
    max_concurrent: int | None = None
    # Fraction of calls answered with one of `error_statuses` (chosen by the RNG).
    error_rate: float = 0.0
    error_statuses: list[int] = field(default_factory=lambda: [500, 503])
    # Fraction of calls that sleep `timeout_seconds` (longer than a client waits). Without
    # `timeout_commits` the call is then answered 504 unprocessed; with it, it is processed late.
    timeout_rate: float = 0.0
    timeout_seconds: float = 30.0
    timeout_commits: bool = False
    # Fraction of successful calls whose change is committed but whose answer is lost:
    # "drop" closes the connection mid-response, "504" answers a gateway timeout.
    lost_response_rate: float = 0.0
    lost_response_mode: str = "drop"
    # Deterministic failures: the next `fail_next_count` calls answer `fail_next_status`.
    fail_next_count: int = 0
    fail_next_status: int = 503
    # Whether the token endpoint is subject to latency, fail-next and the random faults too.
    include_token_endpoint: bool = False
    seed: int = 0

    def __post_init__(self) -> None:
        self.check()
        self.rng = random.Random(self.seed)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> FaultConfig:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown fault settings: {', '.join(unknown)}")
        return cls(**values)

    def merged(self, values: dict[str, Any]) -> FaultConfig:
        current = self.as_dict()
        current.update(values)
        merged = FaultConfig.from_dict(current)
        if "seed" not in values:
            merged.rng = self.rng
        return merged

    def check(self) -> None:
        for name in ("error_rate", "timeout_rate", "lost_response_rate"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1")
        if self.error_rate + self.timeout_rate + self.lost_response_rate > 1.0:
            raise ValueError("error_rate + timeout_rate + lost_response_rate must not exceed 1")
        if self.lost_response_mode not in LOST_RESPONSE_MODES:
            raise ValueError(f"lost_response_mode must be one of {LOST_RESPONSE_MODES}")
        if not self.error_statuses or any(not 400 <= s <= 599 for s in self.error_statuses):
            raise ValueError("error_statuses must be HTTP error statuses")
        if not 400 <= self.fail_next_status <= 599:
            raise ValueError("fail_next_status must be an HTTP error status")
        for name in ("rate_limit_per_minute", "rate_limit_per_hour", "max_concurrent"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} must not be negative")
        if self.latency_ms < 0 or self.latency_jitter_ms < 0 or self.timeout_seconds < 0:
            raise ValueError("latencies and timeouts must not be negative")

    def as_dict(self) -> dict[str, Any]:
        values = asdict(self)
        values.pop("rng", None)
        return values

    def latency_seconds(self) -> float:
        jitter = self.rng.uniform(0, self.latency_jitter_ms) if self.latency_jitter_ms else 0.0
        return (self.latency_ms + jitter) / 1000.0

    def take_fail_next(self) -> int | None:
        if self.fail_next_count <= 0:
            return None
        self.fail_next_count -= 1
        return self.fail_next_status

    def draw(self) -> tuple[str, int]:
        """Decide the random fault of one call: ("none"|"error"|"timeout"|"lost", status)."""
        if not (self.error_rate or self.timeout_rate or self.lost_response_rate):
            return "none", 0
        roll = self.rng.random()
        if roll < self.error_rate:
            return "error", self.rng.choice(self.error_statuses)
        roll -= self.error_rate
        if roll < self.timeout_rate:
            return "timeout", 504
        roll -= self.timeout_rate
        if roll < self.lost_response_rate:
            return "lost", 504
        return "none", 0
