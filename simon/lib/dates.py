"""The days Simon accepts as input: work orders, hours and the planning board.

Python's dates run from year 1 to 9999, and a week view or 'next day' link at either end
overflows. No one plans work or books hours outside this century, so input beyond it is a
typing error and is refused with a message instead.
"""

from __future__ import annotations

from datetime import date

FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)


def in_range(day: date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY
