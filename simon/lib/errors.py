"""The domain's error classes: a rule refused an action, with a Dutch message for the user.

Services raise these; views show ``message`` (a form error or a flash message) and the API
returns it in its error body. ``NotPermitted`` with ``may_view=False`` means the user may not
even know the object exists, so views answer 404 instead of 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from simon.lib.external import ExternalManagement, Kind, managed_externally

if TYPE_CHECKING:
    from simon.tenants.models import Organization


class DomainError(Exception):
    """A business rule refused the action. ``field`` names the input at fault, when there is one."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


class NotPermitted(DomainError):
    """The acting user may not do this; with ``may_view=False`` they may not even see it."""

    def __init__(self, message: str = "", *, may_view: bool = True) -> None:
        super().__init__(message or _("Je hebt geen toegang tot deze actie."))
        self.may_view = may_view


class MasterDataManagedExternally(DomainError):
    """Customers or articles are managed in another system (S4); the policy's message says which."""

    def __init__(self, management: ExternalManagement) -> None:
        super().__init__(management.message)
        self.management = management


def ensure_managed_here(organization: Organization, kind: Kind) -> None:
    """Raise ``MasterDataManagedExternally`` when an integration manages this kind of record."""
    answer = managed_externally(organization, kind)
    if answer is not None:
        raise MasterDataManagedExternally(answer)
