"""State of the SnelStart integration per organization.

- ``Connection``: the activation state machine, the encrypted koppelsleutel, the schedule, the
  sync lease and the health counters (their columns: ``connection_fields``).
- ``CountryCodes``: a cache of SnelStart's land ids, per connection.
- ``IntegrationSettings``: every setting of manual chapter 5, versioned (a change applies from
  the moment of saving, never retroactively).
- ``StreamCursor``: per stream the 'hoogste mutatiedatum' and the progress of a running read.
- ``LogMessage``: the user's integration log ('Integraties' → 'Logging').
- ``SyncRun``: one row per sync or clean-up, for the health panel and the technical log.
- ``SalesOrderExport``: the intent to turn one archived work order into one SnelStart sales
  order, recorded in the archive's transaction; ``ExportAttempt``: every call made for it.
- ``IncomingOrder``: a SnelStart sales order taken into Simon as a work order, once (S23).
"""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simon.lib import later_text
from simon.lib.ids import uuid7
from simon.snelstart_sync.connection_fields import ON_STATES as ON_STATES
from simon.snelstart_sync.connection_fields import RUNNING_STATES as RUNNING_STATES
from simon.snelstart_sync.connection_fields import (
    Credentials,
    Lease,
    Lifecycle,
    Schedule,
    SyncHealth,
)
from simon.snelstart_sync.connection_fields import State as State
from simon.tenants.models import Organization


class Connection(Lifecycle, Credentials, Schedule, Lease, SyncHealth, models.Model):
    """One organization's koppeling with SnelStart: one row, its columns grouped by reason to
    change in ``connection_fields`` (one table, so the hot statements stay single)."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="snelstart_connection"
    )
    code = models.UUIDField(default=uuid7, unique=True, editable=False)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("SnelStart-koppeling")
        verbose_name_plural = _("SnelStart-koppelingen")
        # The schedule's question (which running connections are due): lifecycle + schedule.
        indexes = [models.Index(fields=["state", "next_sync_at"])]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_state_display()})"


class CountryCodes(models.Model):
    """A cache: SnelStart's land ids → ISO codes, read from /landen when a customer names a
    land id not in it (``RunContext.learn_countries``). Losing it costs one call.

    Not a column of ``Connection``: it is SnelStart's reference data, not the koppeling's
    state, and there it was read with every connection (screens, status, metrics) for the sake
    of the syncs. A sync reads it in its connection's query (``select_related``).
    """

    connection = models.OneToOneField(
        Connection, on_delete=models.CASCADE, primary_key=True, related_name="country_codes"
    )
    codes = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("landcodes van SnelStart")
        verbose_name_plural = _("landcodes van SnelStart")

    def __str__(self) -> str:
        return f"{self.connection_id}: {len(self.codes)}"

    @classmethod
    def of(cls, connection: Connection) -> dict[UUID, str]:
        """The cached codes; no query when ``connection`` was fetched with
        ``select_related("country_codes")``, one otherwise."""
        try:
            codes = connection.country_codes.codes
        except cls.DoesNotExist:
            return {}
        return {UUID(k): v for k, v in codes.items()}

    @staticmethod
    def store(connection_id: int, codes: Mapping[UUID, str]) -> None:
        """Replace the cached codes, in one statement (an upsert)."""
        row = CountryCodes(connection_id=connection_id, codes={str(k): v for k, v in codes.items()})
        CountryCodes.objects.bulk_create(
            [row],
            update_conflicts=True,
            unique_fields=["connection"],
            update_fields=["codes"],
        )


class OrderDescription(models.TextChoices):
    WORK_DESCRIPTION = "werkomschrijving", _("Werkomschrijving")
    WORK_ADDRESS = "werkadres", _("Werkadres")
    CUSTOMER_REFERENCE = "klantreferentie", _("Klantreferentie")


class PaymentReference(models.TextChoices):
    NUMBER = "werkbonnummer", _("Werkbonnummer")
    CUSTOMER_REFERENCE = "klantreferentie", _("Klantreferentie")
    BOTH = "beide", _("Beide")
    NONE = "geen", _("Geen")


class Memo(models.TextChoices):
    WORK_ADDRESS = "werkadres", _("Werkadres")
    WORK_DESCRIPTION = "werkomschrijving", _("Werkomschrijving")
    BOTH = "beide", _("Beide")
    NONE = "geen", _("Geen")


class OrderType(models.TextChoices):
    STANDARD = "standaard", _("Standaard order")
    WORK_ORDER = "werkbon", _("Werkbon")


class PulledDescription(models.TextChoices):
    DESCRIPTION = "omschrijving", _("Omschrijving van de verkooporder")
    MEMO = "memo", _("Memo/notitie")
    BOTH = "beide", _("Beide")


class IntegrationSettings(models.Model):
    """One saved version of the settings; the newest version of an organization applies."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="snelstart_settings"
    )
    version = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    travel_article_code = models.CharField(max_length=50, blank=True)
    travel_article_id = models.UUIDField(null=True, blank=True)
    work_article_code = models.CharField(max_length=50, blank=True)
    work_article_id = models.UUIDField(null=True, blank=True)
    article_groups = models.JSONField(default=list, blank=True)
    fixed_article_code = models.CharField(max_length=50, blank=True)
    fixed_article_id = models.UUIDField(null=True, blank=True)
    order_description = models.CharField(
        max_length=20, choices=OrderDescription.choices, default=OrderDescription.WORK_DESCRIPTION
    )
    payment_reference = models.CharField(
        max_length=20, choices=PaymentReference.choices, default=PaymentReference.NUMBER
    )
    memo = models.CharField(max_length=20, choices=Memo.choices, default=Memo.WORK_ADDRESS)
    first_line_description = models.BooleanField(default=False)
    send_filter_word = models.CharField(max_length=50, blank=True)
    template_name = models.CharField(max_length=100, blank=True)
    template_id = models.UUIDField(null=True, blank=True)
    order_type = models.CharField(
        max_length=20, choices=OrderType.choices, default=OrderType.STANDARD
    )
    pull_orders = models.BooleanField(default=False)
    pull_filter_word = models.CharField(max_length=50, blank=True)
    pull_with_lines = models.BooleanField(default=True)
    pull_description = models.CharField(
        max_length=20, choices=PulledDescription.choices, default=PulledDescription.DESCRIPTION
    )
    description_suffix = models.CharField(max_length=3, blank=True)
    # When 'Verkooporders ophalen' was switched on (kept while it stays on): older orders are
    # the administration's history and never become work orders (issue 10).
    pull_orders_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("instellingen SnelStart-koppeling")
        verbose_name_plural = _("instellingen SnelStart-koppeling")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "version"], name="unique_settings_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} v{self.version}"


class Stream(models.TextChoices):
    ARTICLE_GROUPS = "artikelgroepen", _("Artikelgroepen")
    ARTICLES = "artikelen", _("Artikelen")
    CUSTOMERS = "klanten", _("Klanten")
    SALES_ORDERS = "verkooporders", _("Verkooporders")


class StreamCursor(models.Model):
    """Where a stream stands: the bookmark and, while a read runs, how far it got.

    ``bookmark`` is an instant (UTC) up to which every change has been stored; the
    'hoogste mutatiedatum' shown to users is ``highest_modified_on``, SnelStart's own text.
    A read in progress keeps its lower bound, its start and the next ``$skip`` so that an
    interrupted run resumes where it stopped instead of starting over.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    stream = models.CharField(max_length=20, choices=Stream.choices)
    bookmark = models.DateTimeField(null=True, blank=True)
    highest_modified_on = models.CharField(max_length=40, blank=True)
    run_started_at = models.DateTimeField(null=True, blank=True)
    run_lower_bound = models.CharField(max_length=40, blank=True)
    run_next_skip = models.PositiveIntegerField(default=0)
    run_highest_seen = models.CharField(max_length=40, blank=True)
    run_records = models.PositiveIntegerField(default=0)
    run_estimated_total = models.PositiveIntegerField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    records_stored = models.PositiveBigIntegerField(default=0)
    # Records stored whose change lies within the overlap below the highest change (id →
    # modifiedOn text): the next read sees them again and need not store them again.
    recent = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "stream"], name="unique_stream_cursor")
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.stream} @ {self.highest_modified_on or '-'}"

    @property
    def run_in_progress(self) -> bool:
        return self.run_started_at is not None


class Kind(models.TextChoices):
    INFO = "info", _("Info")
    APPROVAL = "goedkeuring", _("Goedkeuring")
    WARNING = "waarschuwing", _("Waarschuwing")
    ERROR = "foutmelding", _("Foutmelding")


class Table(models.TextChoices):
    WORK_ORDER = "werkbon", _("Werkbon")
    CUSTOMER = "klant", _("Klant")
    WORK_ADDRESS = "werkadres", _("Werkadres")
    ARTICLE = "artikel", _("Artikel")
    ARTICLE_GROUP = "artikelgroep", _("Artikelgroep")
    INTEGRATION = "koppeling", _("Koppeling")


class LogMessage(models.Model):
    """One message of the integration log, written only through ``integration_log.record``.

    Identical messages (same kind, table, record and text) are folded: the existing row's
    ``count`` and ``last_seen`` go up instead of a new row flooding the screen.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    code = models.UUIDField(default=uuid7, unique=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField()
    count = models.PositiveIntegerField(default=1)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    table = models.CharField(max_length=20, choices=Table.choices)
    record_code = models.UUIDField(null=True, blank=True)
    record_label = models.CharField(max_length=200, blank=True)
    message = models.TextField()
    action = models.TextField(blank=True)
    fold_key = models.CharField(max_length=64)
    resolved = models.BooleanField(default=False)
    # message and action as msgid + parameters (simon.lib.later_text), so the log reads in the
    # reader's language; ``message``/``action`` hold the Dutch text as written.
    texts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-last_seen", "-id"]
        indexes = [
            models.Index(fields=["organization", "-last_seen"]),
            models.Index(fields=["organization", "fold_key"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.message[:60]}"

    @property
    def shown_message(self) -> str:
        return later_text.render(self.texts.get("message"), self.message)

    @property
    def shown_action(self) -> str:
        return later_text.render(self.texts.get("action"), self.action)


class RunKind(models.TextChoices):
    SYNC = "sync", _("Synchronisatie")
    CLEANUP = "cleanup", _("Opschonen")


class SyncRun(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=RunKind.choices)
    worker = models.CharField(max_length=100, blank=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    ok = models.BooleanField(null=True)
    requests = models.PositiveIntegerField(default=0)
    retries = models.PositiveIntegerField(default=0)
    records = models.PositiveIntegerField(default=0)
    # SnelStart's answers by status ("200", "429", "ReadTimeout"), and the time spent waiting
    # for the call budget: what the metrics endpoint reports per hour.
    statuses = models.JSONField(default=dict, blank=True)
    quota_wait_ms = models.PositiveIntegerField(default=0)
    detail = models.TextField(blank=True)
    # What went wrong in the reader's words (simon.lib.later_text); ``detail`` is the raw error.
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["organization", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.organization} {self.kind} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def shown_summary(self) -> str:
        return later_text.render(self.summary, "")


class ExportState(models.TextChoices):
    PENDING = "pending", _("Wordt verstuurd")
    SENDING = "sending", _("Wordt verstuurd")
    SENT = "sent", _("In SnelStart")
    FAILED = "failed", _("Mislukt")
    SKIPPED = "skipped", _("Niet verstuurd")


class SkipReason(models.TextChoices):
    FILTER_WORD = "filterwoord", _("filterwoord")
    NOT_ACTIVE = "niet_actief", _("integratie niet actief")


class SalesOrderExport(models.Model):
    """The intent to send one archived work order to SnelStart as one sales order (S9, S22).

    Written in the archive's transaction with the settings version in force at that moment
    (S29). A worker claims it with one conditional UPDATE (``claimed_by``/``claim_expires_at``)
    and records every call as an ``ExportAttempt`` before making it, so an attempt whose outcome
    is unknown is always visible to the next worker, which looks the order up by ``marker``
    (SnelStart's ``orderreferentie``, see docs/decisions/0003) before posting again.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    code = models.UUIDField(default=uuid7, unique=True, editable=False)
    work_order = models.OneToOneField(
        "workorders.WorkOrder", on_delete=models.CASCADE, related_name="snelstart_export"
    )
    # RESTRICT: a settings version that an export follows is never deleted on its own.
    settings_version = models.ForeignKey(
        IntegrationSettings, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    state = models.CharField(max_length=20, choices=ExportState.choices)
    skip_reason = models.CharField(max_length=20, choices=SkipReason.choices, blank=True)
    marker = models.CharField(max_length=50)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    claim_expires_at = models.DateTimeField(null=True, blank=True)
    # An earlier POST may have reached SnelStart: look the order up (not before this moment,
    # so that a request SnelStart is still working on has landed) before anything is posted.
    lookup_required = models.BooleanField(default=False)
    lookup_not_before = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    failures_in_a_row = models.PositiveIntegerField(default=0)
    snelstart_order_id = models.UUIDField(null=True, blank=True)
    snelstart_order_number = models.BigIntegerField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # What stops it, in the user's words (failed), or why it waits (pending after a failure).
    problem = models.TextField(blank=True)
    action = models.TextField(blank=True)
    # problem and action as msgid + parameters (simon.lib.later_text), for English readers.
    texts = models.JSONField(default=dict, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("verkooporder-export")
        verbose_name_plural = _("verkooporder-exports")
        indexes = [
            models.Index(fields=["state", "next_attempt_at"]),
            models.Index(fields=["organization", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.work_order} -> SnelStart ({self.state})"

    @property
    def is_waiting(self) -> bool:
        return self.state in (ExportState.PENDING, ExportState.SENDING)

    @property
    def shown_problem(self) -> str:
        return later_text.render(self.texts.get("problem"), self.problem)

    @property
    def shown_action(self) -> str:
        return later_text.render(self.texts.get("action"), self.action)


class AttemptKind(models.TextChoices):
    POST = "post", _("Versturen")
    LOOKUP = "lookup", _("Opzoeken")


class AttemptOutcome(models.TextChoices):
    IN_FLIGHT = "in_flight", _("Onderweg")
    CREATED = "created", _("Aangemaakt")
    FOUND = "found", _("Gevonden")
    NOT_FOUND = "not_found", _("Niet gevonden")
    UNKNOWN = "unknown", _("Uitkomst onbekend")
    NOT_APPLIED = "not_applied", _("Niet aangekomen")
    TRANSIENT = "transient", _("Tijdelijke fout")
    REJECTED = "rejected", _("Geweigerd")
    ABORTED = "aborted", _("Afgebroken")
    ERROR = "error", _("Interne fout")


class ExportAttempt(models.Model):
    """One call made for an export: recorded (in flight) before it is made, finished after."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    export = models.ForeignKey(
        SalesOrderExport, on_delete=models.CASCADE, related_name="attempt_rows"
    )
    kind = models.CharField(max_length=10, choices=AttemptKind.choices)
    outcome = models.CharField(max_length=20, choices=AttemptOutcome.choices)
    worker = models.CharField(max_length=100, blank=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    request_summary = models.CharField(max_length=300, blank=True)
    request_body = models.JSONField(null=True, blank=True)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_excerpt = models.TextField(blank=True)
    detail = models.TextField(blank=True)

    class Meta:
        verbose_name = _("exportpoging")
        verbose_name_plural = _("exportpogingen")
        ordering = ["started_at", "id"]
        indexes = [models.Index(fields=["export", "outcome"])]

    def __str__(self) -> str:
        return f"{self.export_id} {self.kind} {self.outcome}"


class IncomingState(models.TextChoices):
    TAKEN = "taken", _("Werkbon gemaakt")
    WAITING = "waiting", _("Wacht op de klant")


class IncomingOrder(models.Model):
    """A SnelStart sales order that qualified for Simon (S23–S26), taken once.

    Unique per organization and SnelStart order id: a later change of the order in SnelStart
    finds this row and changes nothing (manual 5.13: 'eenmalig'). An order whose customer Simon
    does not have yet waits here (``raw`` holds the order as read) and is taken when the
    customer arrives.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    snelstart_order_id = models.UUIDField()
    number = models.BigIntegerField(null=True, blank=True)
    relatie_id = models.UUIDField(null=True, blank=True)
    state = models.CharField(max_length=20, choices=IncomingState.choices)
    raw = models.JSONField(default=dict, blank=True)
    work_order = models.OneToOneField(
        "workorders.WorkOrder",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="snelstart_incoming",
    )
    created = models.DateTimeField(auto_now_add=True)
    taken_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("opgehaalde verkooporder")
        verbose_name_plural = _("opgehaalde verkooporders")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "snelstart_order_id"], name="unique_incoming_order"
            )
        ]
        indexes = [models.Index(fields=["organization", "state", "relatie_id"])]

    def __str__(self) -> str:
        return f"{self.organization} order {self.number} ({self.state})"
