"""Work orders (werkbonnen) with their time, materials and status history, SPEC S6-S8."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simon.lib.choices import Source
from simon.lib.registration import Registration
from simon.tenants.models import Organization, TenantModel


class WorkOrderStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PLANNED = "ingepland", _("Ingepland")
    COMPLETED = "gereed_gemeld", _("Gereed gemeld")
    ARCHIVED = "gearchiveerd", _("Gearchiveerd")


class TimeKind(models.TextChoices):
    WORK = "werktijd", _("Werktijd")
    TRAVEL = "reistijd", _("Reistijd")


class WorkOrderSequence(models.Model):
    """The last work order number handed out per organization and year.

    Not a TenantModel: it has no public URL and is only touched by ``allocate_number``.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("werkbonnummering")
        verbose_name_plural = _("werkbonnummeringen")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"], name="workordersequence_unique_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}: {self.last_number}"


class WorkOrder(TenantModel):
    number = models.CharField(_("werkbonnummer"), max_length=20, editable=False)
    # RESTRICT rather than PROTECT: a customer or work address a work order refers to can never
    # be deleted on its own (it is hidden instead, S5), yet an organization can still be deleted
    # as a whole, work orders included.
    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="work_orders",
        verbose_name=_("klant"),
    )
    work_address = models.ForeignKey(
        "customers.WorkAddress",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="work_orders",
        verbose_name=_("werkadres"),
    )
    description = models.TextField(_("werkomschrijving"), blank=True)
    customer_reference = models.CharField(_("klantreferentie"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=WorkOrderStatus.choices, default=WorkOrderStatus.OPEN
    )
    planned_date = models.DateField(_("datum"), null=True, blank=True)
    planned_start = models.TimeField(_("begintijd"), null=True, blank=True)
    planned_end = models.TimeField(_("eindtijd"), null=True, blank=True)
    employees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Assignment",
        related_name="assigned_work_orders",
        verbose_name=_("medewerkers"),
        blank=True,
    )
    source = models.CharField(
        _("herkomst"), max_length=20, choices=Source.choices, default=Source.LOCAL
    )
    # The SnelStart sales order this work order was made from (S23); once per order.
    snelstart_order_id = models.UUIDField(
        _("SnelStart-verkooporder"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created = models.DateTimeField(_("aangemaakt"), default=timezone.now, editable=False)
    modified = models.DateTimeField(_("gewijzigd"), auto_now=True)
    completed_at = models.DateTimeField(_("gereed gemeld op"), null=True, blank=True)
    archived_at = models.DateTimeField(_("gearchiveerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("werkbon")
        verbose_name_plural = _("werkbonnen")
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="workorder_unique_number"
            ),
            models.UniqueConstraint(
                fields=["organization", "snelstart_order_id"],
                condition=Q(snelstart_order_id__isnull=False),
                name="workorder_unique_snelstart_order",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "status"]),
            models.Index(fields=["organization", "planned_date"]),
        ]

    def __str__(self) -> str:
        return f"{_('Werkbon')} {self.number}"

    @property
    def is_archived(self) -> bool:
        return self.status == WorkOrderStatus.ARCHIVED

    @property
    def has_planning(self) -> bool:
        return self.planned_date is not None


class Assignment(models.Model):
    """Who is planned on a work order. A plain join row: the work order carries the tenant."""

    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inplanning")
        verbose_name_plural = _("inplanningen")
        constraints = [
            models.UniqueConstraint(fields=["work_order", "user"], name="assignment_unique_user")
        ]

    def __str__(self) -> str:
        return f"{self.work_order} - {self.user}"


class TimeEntry(Registration, TenantModel):
    work_order = models.ForeignKey(
        WorkOrder, on_delete=models.CASCADE, related_name="time_entries", verbose_name=_("werkbon")
    )
    # PROTECT: registered hours are history; a user who booked time is deactivated, not deleted.
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="time_entries",
        verbose_name=_("medewerker"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=TimeKind.choices)
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("begintijd"), null=True, blank=True)
    end_time = models.TimeField(_("eindtijd"), null=True, blank=True)
    minutes = models.PositiveIntegerField(_("minuten"))
    note = models.CharField(_("opmerking"), max_length=250, blank=True)

    class Meta(Registration.Meta):
        verbose_name = _("tijdregistratie")
        verbose_name_plural = _("tijdregistraties")
        ordering = ["date", "start_time", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(minutes__gt=0), name="timeentry_minutes_positive"),
            *Registration.Meta.constraints,
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.employee} {self.date}: {self.minutes} min"


class MaterialLine(Registration, TenantModel):
    work_order = models.ForeignKey(
        WorkOrder,
        on_delete=models.CASCADE,
        related_name="material_lines",
        verbose_name=_("werkbon"),
    )
    # RESTRICT: an article on a work order is hidden, never deleted (S5); see WorkOrder.customer.
    article = models.ForeignKey(
        "catalog.Article",
        on_delete=models.RESTRICT,
        related_name="material_lines",
        verbose_name=_("artikel"),
    )
    quantity = models.DecimalField(_("aantal"), max_digits=12, decimal_places=3)
    note = models.CharField(_("opmerking"), max_length=250, blank=True)
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    modified = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta(Registration.Meta):
        verbose_name = _("materiaalregel")
        verbose_name_plural = _("materiaalregels")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="materialline_quantity_positive"
            ),
            *Registration.Meta.constraints,
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.article}"


class StatusChange(TenantModel):
    """One row per status change; written only by ``record_status_change``."""

    work_order = models.ForeignKey(
        WorkOrder,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("werkbon"),
    )
    from_status = models.CharField(
        _("van status"), max_length=20, choices=WorkOrderStatus.choices, blank=True
    )
    to_status = models.CharField(_("naar status"), max_length=20, choices=WorkOrderStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    at = models.DateTimeField(_("op"), default=timezone.now)
    note = models.CharField(_("opmerking"), max_length=250, blank=True)
    # Set on a 'gereed melden' sent by the field app, which may send it again (see TimeEntry).
    client_id = models.UUIDField(_("app-id"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "client_id"],
                condition=Q(client_id__isnull=False),
                name="statuschange_unique_client_id",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.work_order}: {self.from_status or '-'} -> {self.to_status}"


class RemovedRegistration(models.Model):
    """The app-id of a time entry or material line that was deleted after it was booked.

    A phone that never heard the answer to its request sends it again, possibly days later; by
    then the office (or the monteur) may have removed the row. This keeps the id, so that such
    a replay is answered 'already processed, since removed' instead of booking it again.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    client_id = models.UUIDField(_("app-id"))
    work_order = models.ForeignKey(
        WorkOrder, on_delete=models.CASCADE, related_name="+", verbose_name=_("werkbon")
    )
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    removed_at = models.DateTimeField(_("verwijderd op"), default=timezone.now)

    class Meta:
        verbose_name = _("verwijderde registratie")
        verbose_name_plural = _("verwijderde registraties")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "client_id"], name="removedregistration_unique_client_id"
            )
        ]

    def __str__(self) -> str:
        return f"{self.client_id} ({self.work_order_id})"
