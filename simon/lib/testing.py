"""Moved to :mod:`simon.testing` (test support stays out of ``simon.lib``).

TEMPORARY: the field app's tests (issue 13, held by other work) still import from here; remove
this module once they import ``simon.testing``.
"""

from __future__ import annotations

from simon.testing import DAY as DAY
from simon.testing import FAST_HASHERS as FAST_HASHERS
from simon.testing import make_address as make_address
from simon.testing import make_article as make_article
from simon.testing import make_customer as make_customer
