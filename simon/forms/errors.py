from __future__ import annotations

from simon.lib.errors import DomainError


class FormError(DomainError):
    """A form template or form action was refused; the message says why, in Dutch."""
