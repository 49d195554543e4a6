from __future__ import annotations

from simon.lib.errors import DomainError, NotPermitted


class WorkOrderError(DomainError):
    """A work order action was refused by a rule; the message says why, in Dutch."""


class WorkOrderPermissionDenied(WorkOrderError, NotPermitted):
    """The acting user may not do this. ``may_view`` False: views answer 404, not 403."""


class RegistrationConflict(WorkOrderError):
    """An app-id that was already used for another registration (another order or person)."""


class RegistrationRemoved(WorkOrderError):
    """The registration with this app-id was booked and has since been removed."""
