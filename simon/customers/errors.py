from __future__ import annotations

from simon.lib.errors import DomainError


class CustomerError(DomainError):
    """A customer or work address change was refused; the message says why, in Dutch."""
