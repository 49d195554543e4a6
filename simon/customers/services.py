"""Writing customers and work addresses. Views and the API call these, never the ORM directly.

``by`` is the acting user; None means the system (the integration, the demo seed). When an
integration manages customers (S4) creating and changing them is refused, unless the caller is
that integration (``from_integration=True``). Work addresses stay editable (manual 3.3).
"""

from __future__ import annotations

import re
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import (
    Case,
    IntegerField,
    ProtectedError,
    Q,
    QuerySet,
    RestrictedError,
    Value,
    When,
)
from django.utils.translation import gettext as _

from simon.customers.errors import CustomerError
from simon.customers.models import Customer, WorkAddress
from simon.lib.choices import Source
from simon.lib.removal import delete_or_hide
from simon.tenants.membership import require_master_data_change, require_member
from simon.tenants.models import Organization
from simon.tenants.types import User

ADDRESS_FIELDS = (
    "street",
    "house_number",
    "house_number_addition",
    "postcode",
    "city",
    "country_code",
)
CUSTOMER_FIELDS = ("name", "relatiecode", "email", "phone", *ADDRESS_FIELDS)
WORK_ADDRESS_FIELDS = ("label", "contact_name", "contact_phone", "contact_email", *ADDRESS_FIELDS)


DUTCH_POSTCODE = re.compile(r"(\d{4})\s*([A-Za-z]{2})")


def normalize_postcode(value: str) -> str:
    """'3511ab' -> '3511 AB' (how PostNL writes it); other countries' codes only upper-cased."""
    value = (value or "").strip().upper()
    match = DUTCH_POSTCODE.fullmatch(value)
    return f"{match[1]} {match[2]}" if match else value


def search_customers(
    organization: Organization, text: str, *, include_hidden: bool = False
) -> QuerySet[Customer]:
    """Customers whose name, relatiecode, city, postcode or e-mail matches ``text``.

    Visible customers only unless ``include_hidden``. A number matches the relatiecode exactly
    and that customer comes first; then names starting with the text, then the rest, each by
    name. A Dutch postcode typed without a space ('3511ab') finds '3511 AB'.
    """
    qs = Customer.objects.filter(organization=organization)
    if not include_hidden:
        qs = qs.visible()
    text = (text or "").strip()
    if not text:
        return qs.order_by("name", "id")
    matches = (
        Q(name__icontains=text)
        | Q(city__icontains=text)
        | Q(postcode__icontains=text)
        | Q(email__icontains=text)
    )
    postcode = normalize_postcode(text)
    if postcode != text.upper():
        matches |= Q(postcode=postcode)
    ranks = [When(name__istartswith=text, then=Value(1))]
    # Nine digits at most: a longer number is no relatiecode and could overflow the column.
    if text.isdigit() and len(text) <= 9:
        matches |= Q(relatiecode=int(text))
        ranks.insert(0, When(relatiecode=int(text), then=Value(0)))
    rank = Case(*ranks, default=Value(2), output_field=IntegerField())
    return qs.filter(matches).annotate(match_rank=rank).order_by("match_rank", "name", "id")


def _clean_fields(fields: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(fields) - set(allowed)
    if unknown:
        # A programming error, not a user error: say exactly what was passed.
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    cleaned = {}
    for key, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        if key == "country_code":
            value = (value or "NL").upper()
        if key == "postcode":
            value = normalize_postcode(value)
        cleaned[key] = value
    return cleaned


def _check_customer(organization: Organization, values: dict[str, Any], pk: int | None) -> None:
    if "name" in values and not values["name"]:
        raise CustomerError(_("Vul de naam van de klant in."), field="name")
    relatiecode = values.get("relatiecode")
    if relatiecode is not None:
        taken = Customer.objects.filter(organization=organization, relatiecode=relatiecode)
        if taken.exclude(pk=pk).exists():
            raise CustomerError(
                _("Relatiecode %(code)s is al in gebruik.") % {"code": relatiecode},
                field="relatiecode",
            )


def create_customer(
    organization: Organization,
    *,
    by: User | None = None,
    source: str = Source.LOCAL,
    snelstart_id: Any = None,
    from_integration: bool = False,
    **fields: Any,
) -> Customer:
    """Create a customer. Raises CustomerError, MasterDataManagedExternally, NotPermitted."""
    require_master_data_change(by, organization, "customer", from_integration=from_integration)
    values = _clean_fields(fields, CUSTOMER_FIELDS)
    values.setdefault("name", "")
    _check_customer(organization, values, None)
    try:
        with transaction.atomic():
            return Customer.objects.create(
                organization=organization, source=source, snelstart_id=snelstart_id, **values
            )
    except IntegrityError:
        # Lost a race for the same relatiecode or SnelStart id.
        raise CustomerError(_("Deze klant bestaat al."), field="relatiecode") from None


def update_customer(
    customer: Customer, *, by: User | None = None, from_integration: bool = False, **fields: Any
) -> Customer:
    """Change a customer's fields. Raises as ``create_customer``."""
    require_master_data_change(
        by, customer.organization, "customer", from_integration=from_integration
    )
    values = _clean_fields(fields, (*CUSTOMER_FIELDS, "active"))
    _check_customer(customer.organization, values, customer.pk)
    for key, value in values.items():
        setattr(customer, key, value)
    try:
        with transaction.atomic():
            customer.save()
    except IntegrityError:
        raise CustomerError(_("Deze klant bestaat al."), field="relatiecode") from None
    return customer


def remove_customer(
    customer: Customer, *, by: User | None = None, from_integration: bool = False
) -> bool:
    """Delete the customer, or hide it when anything (a work order) still refers to it (S5).

    Returns True when the row was deleted, False when it was hidden (active=False).
    """
    require_master_data_change(
        by, customer.organization, "customer", from_integration=from_integration
    )
    return delete_or_hide(customer)


def _work_address_values(fields: dict[str, Any]) -> dict[str, Any]:
    return _clean_fields(fields, WORK_ADDRESS_FIELDS)


def add_work_address(
    customer: Customer, *, by: User | None = None, source: str = Source.LOCAL, **fields: Any
) -> WorkAddress:
    """Add a work address to a customer; any member may (a monteur finds a new site on the road).

    Raises CustomerError (hidden customer, or a second active SnelStart address), NotPermitted.
    """
    if by is not None:
        require_member(by, customer.organization)
    if not customer.active:
        raise CustomerError(_("Deze klant is niet meer actief."), field="customer")
    values = _work_address_values(fields)
    try:
        with transaction.atomic():
            return WorkAddress.objects.create(
                organization_id=customer.organization_id,
                customer=customer,
                source=source,
                **values,
            )
    except IntegrityError:
        raise CustomerError(
            _("Deze klant heeft al een werkadres uit SnelStart."), field="source"
        ) from None


def ensure_work_address_editable(work_address: WorkAddress) -> None:
    """Refuse changing the work address derived from the SnelStart debtor address (S3).

    The pull overwrites that row from SnelStart, so a change made in Simon would silently be
    lost; users add their own work addresses instead (manual 3.3). Raises CustomerError.
    """
    if work_address.source == Source.SNELSTART:
        raise CustomerError(
            _(
                "Dit werkadres is het standaard debiteuradres uit SnelStart en wordt daar "
                "beheerd. Wijzig het adres in SnelStart of voeg een eigen werkadres toe."
            ),
            field="source",
        )


def update_work_address(
    work_address: WorkAddress, *, by: User | None = None, **fields: Any
) -> WorkAddress:
    """Change a work address. Its customer never changes: make a new address instead.

    Raises CustomerError for the SnelStart-derived address, NotPermitted.
    """
    if by is not None:
        require_member(by, work_address.organization)
    ensure_work_address_editable(work_address)
    for key, value in _work_address_values(fields).items():
        setattr(work_address, key, value)
    work_address.save()
    return work_address


def deactivate_work_address(work_address: WorkAddress, *, by: User | None = None) -> WorkAddress:
    """Hide a work address from pickers; work orders that use it keep showing it.

    Raises CustomerError for the SnelStart-derived address, NotPermitted.
    """
    if by is not None:
        require_member(by, work_address.organization)
    ensure_work_address_editable(work_address)
    WorkAddress.objects.filter(pk=work_address.pk).update(active=False)
    work_address.active = False
    return work_address


def remove_work_address(work_address: WorkAddress, *, by: User | None = None) -> bool:
    """Delete an unreferenced work address, otherwise hide it. True when deleted.

    Raises CustomerError for the SnelStart-derived address, NotPermitted.
    """
    if by is not None:
        require_member(by, work_address.organization)
    ensure_work_address_editable(work_address)
    try:
        with transaction.atomic():
            work_address.delete()
        return True
    except (ProtectedError, RestrictedError):
        deactivate_work_address(work_address)
        return False
