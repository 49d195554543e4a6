from __future__ import annotations

from simon.lib.errors import DomainError


class ArticleError(DomainError):
    """An article or article group change was refused; the message says why, in Dutch."""
