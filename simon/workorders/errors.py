from __future__ import annotations

from simon.lib.errors import DomainError, NotPermitted


class WorkOrderError(DomainError):
    """A work order action was refused by a rule; the message says why, in Dutch."""


class WorkOrderPermissionDenied(WorkOrderError, NotPermitted):
    """The acting user may not do this. ``may_view`` False: views answer 404, not 403."""
