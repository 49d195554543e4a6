"""Who the acting user is within an organization, for the permission checks of services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from simon.lib.errors import NotPermitted, ensure_managed_here
from simon.lib.external import Kind

if TYPE_CHECKING:
    from simon.tenants.models import Membership, Organization


def membership_of(user: Any, organization: Organization) -> Membership | None:
    """The user's membership of this organization, or None (also for anonymous users)."""
    from simon.tenants.models import Membership

    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(user=user, organization=organization).first()


def require_member(user: Any, organization: Organization) -> Membership:
    membership = membership_of(user, organization)
    if membership is None:
        raise NotPermitted(_("Je hoort niet bij deze organisatie."), may_view=False)
    return membership


def require_office(user: Any, organization: Organization) -> Membership:
    """Office work (beheerder or kantoor): master data, planning for others, archiving."""
    membership = require_member(user, organization)
    if not membership.is_office:
        raise NotPermitted(_("Alleen kantoormedewerkers mogen dit doen."))
    return membership


def require_master_data_change(
    by: Any, organization: Organization, kind: Kind, *, from_integration: bool
) -> None:
    """Creating, changing or removing a customer or an article: a user must be office, and
    nobody but the integration itself (``from_integration``) may while an integration manages
    that kind of data (S4). Raises ``NotPermitted`` or ``MasterDataManagedExternally``."""
    if by is not None:
        require_office(by, organization)
    if not from_integration:
        ensure_managed_here(organization, kind)
