"""What a sync and a clean-up of one organization share (S1–S5).

Both read SnelStart's article groups first (the clean-up needs the chosen groups to list the
articles that belong in Simon, and the group of every article it fetches again) and both store
customers, whose addresses name a country by SnelStart's land id. ``RunContext`` holds the
connection, the client, the settings in force, the groups read and the country codes, so each
is read once per run.
"""

from __future__ import annotations

from uuid import UUID

from django.utils.translation import gettext_noop

from simon.lib.later_text import later
from simon.snelstart_sync import configuration, integration_log, mapping, record_warnings, upsert
from simon.snelstart_sync.models import (
    Connection,
    CountryCodes,
    Kind,
    Stream,
    StreamCursor,
    Table,
)
from simon.tenants.models import Organization
from snelstart import Relatie, SnelStartClient


class RunContext:
    """One run's connection, client and what it read once: settings, groups, country codes."""

    def __init__(self, connection: Connection, client: SnelStartClient, owner: str) -> None:
        self.connection = connection
        self.organization = connection.organization
        self.client = client
        self.owner = owner
        self.settings = configuration.current(self.organization)
        self.chosen: set[UUID] | None = None
        self.group_pks: dict[UUID, int] = {}
        self.countries: dict[UUID, str] = CountryCodes.of(connection)
        self.countries_refreshed = False
        # Every cursor in one query; a stream's own is created on its first read.
        self.cursors = {
            c.stream: c for c in StreamCursor.objects.filter(organization=self.organization)
        }

    def cursor(self, stream: str) -> StreamCursor:
        if stream not in self.cursors:
            self.cursors[stream], _created = StreamCursor.objects.get_or_create(
                organization=self.organization, stream=stream
            )
        return self.cursors[stream]

    def sync_groups(self) -> upsert.PageOutcome:
        """Read and store SnelStart's article groups. Sets ``chosen`` (the settings' groups by
        id; None when every group counts) and ``group_pks``; warns about chosen groups that
        SnelStart does not have."""
        groups = self.client.artikelomzetgroepen.list()
        self.group_pks = {}
        outcome = upsert.upsert_groups(self.organization, groups, self.group_pks)
        report(self.organization, Stream.ARTICLE_GROUPS, outcome)
        names = self.settings.article_groups if self.settings else []
        self.chosen = mapping.chosen_group_ids(groups, names)
        missing = sorted(set(names) - {mapping.group_name(g) for g in groups})
        if missing:
            integration_log.record(
                self.organization,
                kind=Kind.WARNING,
                table=Table.ARTICLE_GROUP,
                message=later(
                    gettext_noop(
                        "De gekozen artikelgroep(en) %(names)s bestaan niet in SnelStart."
                    ),
                    names=", ".join(f"'{n}'" for n in missing),
                ),
                action=later(
                    gettext_noop(
                        "Pas bij 'Instellingen' de artikelgroepen aan (let op hoofdletters)."
                    )
                ),
            )
        cursor = self.cursor(Stream.ARTICLE_GROUPS)
        if cursor.records_stored != len(groups):
            StreamCursor.objects.filter(pk=cursor.pk).update(records_stored=len(groups))
            cursor.records_stored = len(groups)
        return outcome

    def learn_countries(self, relaties: list[Relatie]) -> None:
        """Make ``countries`` know the land of every address of these relaties: SnelStart's list
        of countries is read again (once per run at most) when one is missing."""
        wanted = {
            a.land.id
            for r in relaties
            for a in (r.vestigings_adres, r.correspondentie_adres)
            if a is not None and a.land is not None and a.land.id is not None
        }
        if self.countries_refreshed or wanted <= self.countries.keys():
            return
        self.countries_refreshed = True
        self.countries = {
            land.id: mapping.country_code(land.landcode_iso or land.landcode)
            for land in self.client.landen.list()
            if land.id is not None
        }
        CountryCodes.store(self.connection.pk, self.countries)


def report(organization: Organization, stream: str, outcome: upsert.PageOutcome) -> None:
    """Warn about every record of a page that was set aside or shortened."""
    for record, reason in outcome.problems:
        record_warnings.set_aside(organization, stream, record, reason)
    for record, fields in outcome.cut:
        record_warnings.shortened(organization, stream, record, fields)
