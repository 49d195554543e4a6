"""The columns of ``Connection``, one abstract model per reason to change (issue 12).

``Connection`` composes them into one table on purpose: the schedule's claim, the lease and an
idle sync each read or write columns of several of these parts in one statement (the lease is
taken together with ``last_sync_started_at``; a success gives it back together with the
health counters; the schedule's queries filter on the lifecycle's ``state``). Separate tables
would turn those single statements into joins or second statements on every sync.

- ``Lifecycle``: the activation state machine (``lifecycle.STEPS``) and when each step was taken.
- ``Credentials``: the encrypted koppelsleutel and the administration it opens.
- ``Schedule``: when the next sync and clean-up are due (``schedule.claim``).
- ``Lease``: which worker syncs the organization now (``leases``).
- ``SyncHealth``: how the last runs went, for the overview, the metrics and the back-off.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    INACTIVE = "inactive", _("Niet actief")
    WIPED = "wiped", _("Data gewist")
    CONNECTED = "connected", _("Gekoppeld")
    CONFIGURED = "configured", _("Ingesteld, eerste import loopt")
    ACTIVE = "active", _("Actief")
    DEACTIVATED = "deactivated", _("Gedeactiveerd")
    # SnelStart refused the koppeling for good (key revoked, administration gone): nothing is
    # pulled or pushed until 'Koppel opnieuw' with a key of the same administration (issue 11).
    PAUSED = "paused", _("Gepauzeerd")


# States in which Simon pulls and pushes. 'configured' runs the first import.
RUNNING_STATES = (State.CONFIGURED, State.ACTIVE)
# States in which the integration is switched on: SnelStart leads customers and articles (S4)
# and archived work orders wait to be sent, also while it is paused.
ON_STATES = (State.CONFIGURED, State.ACTIVE, State.PAUSED)


class Lifecycle(models.Model):
    """Where the activation stands; changed only through ``activation.move``."""

    state = models.CharField(max_length=20, choices=State.choices, default=State.INACTIVE)
    activation_started_at = models.DateTimeField(null=True, blank=True)
    wiped_at = models.DateTimeField(null=True, blank=True)
    wiped_parts = models.JSONField(default=list, blank=True)
    connected_at = models.DateTimeField(null=True, blank=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    # Set once: whether saving the settings and 'Koppel opnieuw' lead to 'active' or to the
    # first import ('configured'), see lifecycle.STEPS.
    initial_import_done_at = models.DateTimeField(null=True, blank=True)
    deactivated_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    pause_reason = models.TextField(blank=True)
    ever_activated = models.BooleanField(default=False)
    terms_accepted_at = models.DateTimeField(null=True, blank=True)
    terms_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def is_running(self) -> bool:
        return self.state in RUNNING_STATES

    @property
    def is_on(self) -> bool:
        return self.state in ON_STATES


class Credentials(models.Model):
    """The koppelsleutel (Fernet-encrypted, ``crypto``) and the administration it belongs to;
    only the hint is ever shown."""

    client_key_encrypted = models.TextField(blank=True)
    client_key_hint = models.CharField(max_length=8, blank=True)
    administration_id = models.UUIDField(null=True, blank=True)
    administration_name = models.CharField(max_length=200, blank=True)

    class Meta:
        abstract = True


class Schedule(models.Model):
    """When the next sync and clean-up are due; ``schedule.claim`` moves a due time on with
    one compare-and-set, so each due time is taken once however many workers tick."""

    next_sync_at = models.DateTimeField(null=True, blank=True)
    next_cleanup_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class Lease(models.Model):
    """Which worker syncs or cleans up now; taken and given back with conditional UPDATEs
    (``leases``), so two workers never run the same organization at once."""

    lease_owner = models.CharField(max_length=100, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class SyncHealth(models.Model):
    """How the last runs went: shown in the overview and ``snelstart status``, exported as
    metrics, and the failure count sets the back-off (``failures.backoff``)."""

    last_sync_started_at = models.DateTimeField(null=True, blank=True)
    last_sync_success_at = models.DateTimeField(null=True, blank=True)
    last_cleanup_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
