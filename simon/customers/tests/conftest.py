from __future__ import annotations

import pytest

from simon.testing import FAST_HASHERS


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
