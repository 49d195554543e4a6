"""Structured log events of the client (technical log; never a credential or a token).

Each event is one record whose message starts with the event name and whose ``extra`` carries
the same fields, so both plain-text and JSON log handlers get something useful.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger("snelstart.client")


def log_event(level: int, event: str, **fields: Any) -> None:
    if not logger.isEnabledFor(level):
        return
    text = " ".join(f"{key}={value}" for key, value in fields.items() if value is not None)
    logger.log(level, "%s %s", event, text, extra={"event": event, **fields})
