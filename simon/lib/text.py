"""Text that every database Simon runs on can store, and every page can show.

PostgreSQL refuses NUL in text and JSON, and no UTF-8 encoder takes a lone surrogate (JSON's
``"\\ud800"`` decodes to one); other control characters are stored but break lines, terminals
and log files. Text from outside (SnelStart, log messages about its records) goes through
these functions before it is stored or logged.
"""

from __future__ import annotations

import re

# C0 and C1 controls except tab, line feed and carriage return, DEL, and UTF-16 surrogates.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(value: str | None) -> str:
    """``value`` without the characters above; line breaks and tabs stay."""
    if not value:
        return ""
    return _UNSTORABLE.sub("", value)


def clean_line(value: str | None) -> str:
    """One line: cleaned, every run of whitespace (line breaks too) one space, ends trimmed."""
    return " ".join(clean_text(value).split())


def fit(value: str | None, limit: int) -> tuple[str, bool]:
    """``clean_line(value)`` cut to ``limit`` characters, and whether anything was cut."""
    line = clean_line(value)
    if len(line) <= limit:
        return line, False
    return line[:limit].rstrip(), True


def has_unstorable(value: str) -> bool:
    return _UNSTORABLE.search(value) is not None
