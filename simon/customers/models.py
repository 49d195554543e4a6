"""Customers (klanten) and their work addresses (werkadressen), SPEC S3, S5, S7."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simon.lib.choices import Source
from simon.lib.mirror import Mirrored, MirroredById
from simon.tenants.models import TenantModel, TenantQuerySet, organization_field


def format_address(
    street: str, number: str, addition: str, postcode: str, city: str, country: str
) -> str:
    """One line as the Dutch write it: 'Dorpsstraat 12A, 1234 AB Utrecht' (+ country abroad)."""
    # '12A' and '12-2' are written together, longer additions ('12 bis', '12 II') apart.
    glue = "" if len(addition) == 1 or addition.startswith("-") else " "
    house = f"{number}{glue}{addition}" if addition else number
    first = " ".join(part for part in (street, house) if part)
    second = " ".join(part for part in (postcode, city) if part)
    line = ", ".join(part for part in (first, second) if part)
    if country and country.upper() != "NL":
        line = f"{line}, {country.upper()}" if line else country.upper()
    return line


class AddressFields(models.Model):
    """The Dutch address shape shared by customers and work addresses."""

    street = models.CharField(_("straat"), max_length=100, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=10, blank=True)
    house_number_addition = models.CharField(_("toevoeging"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    country_code = models.CharField(_("land"), max_length=2, default="NL")

    class Meta:
        abstract = True

    @property
    def address_line(self) -> str:
        return format_address(
            self.street,
            self.house_number,
            self.house_number_addition,
            self.postcode,
            self.city,
            self.country_code,
        )

    @property
    def display_address(self) -> str:
        return self.address_line


class CustomerQuerySet(TenantQuerySet):
    def visible(self) -> CustomerQuerySet:
        """What pickers and lists show: hidden customers stay only for the work orders' sake."""
        return self.filter(active=True)


class Customer(AddressFields, MirroredById, TenantModel):
    organization = organization_field(db_index=False)  # see Meta.indexes
    name = models.CharField(_("naam"), max_length=100)
    relatiecode = models.PositiveIntegerField(_("relatiecode"), null=True, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    modified = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = CustomerQuerySet.as_manager()

    class Meta(MirroredById.Meta):
        verbose_name = _("klant")
        verbose_name_plural = _("klanten")
        ordering = ["name", "id"]
        constraints = [
            *MirroredById.Meta.constraints,
            models.UniqueConstraint(
                fields=["organization", "relatiecode"],
                condition=Q(relatiecode__isnull=False),
                name="customer_unique_relatiecode",
            ),
        ]
        indexes = [models.Index(fields=["organization", "active", "name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.relatiecode})" if self.relatiecode is not None else self.name


class WorkAddressQuerySet(TenantQuerySet):
    def visible(self) -> WorkAddressQuerySet:
        return self.filter(active=True, customer__active=True)


class WorkAddress(AddressFields, Mirrored, TenantModel):
    """Where the work is done. Always belongs to exactly one customer (S3, manual 3.3)."""

    customer = models.ForeignKey(
        Customer,
        on_delete=models.CASCADE,
        related_name="work_addresses",
        verbose_name=_("klant"),
    )
    label = models.CharField(_("omschrijving"), max_length=100, blank=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=100, blank=True)
    contact_phone = models.CharField(_("telefoon contactpersoon"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    modified = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = WorkAddressQuerySet.as_manager()

    class Meta:
        verbose_name = _("werkadres")
        verbose_name_plural = _("werkadressen")
        ordering = ["customer_id", "-source", "label", "street", "id"]
        constraints = [
            # The address derived from the SnelStart debtor address is the customer's first
            # work address; the pull updates that one row instead of adding another (S3).
            models.UniqueConstraint(
                fields=["customer"],
                condition=Q(source=Source.SNELSTART, active=True),
                name="workaddress_one_active_snelstart_per_customer",
            ),
        ]

    def __str__(self) -> str:
        line = self.address_line
        return f"{self.label}: {line}" if self.label and line else (self.label or line or "-")

    def clean(self) -> None:
        super().clean()
        if (
            self.customer_id
            and self.organization_id
            and self.customer.organization_id != self.organization_id
        ):
            raise ValidationError(
                {"customer": _("Het werkadres moet bij een klant van dezelfde organisatie horen.")}
            )
