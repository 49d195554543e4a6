"""'Integraties' (manual chapters 4 to 9). Connection pages carry the connection's public code."""

from __future__ import annotations

from django.urls import path

from simon.snelstart_sync.views import activate, configure, integrations, log, push, running

app_name = "snelstart_sync"

snelstart = "snelstart/<uuid:code>/"

urlpatterns = [
    path("", integrations.integrations, name="integrations"),
    path("activeer/", integrations.catalogue, name="catalogue"),
    path("snelstart/activeren/", integrations.start, name="start"),
    path("snelstart/voorwaarden/", integrations.terms, name="terms"),
    path(snelstart, running.overview, name="overview"),
    path(snelstart + "wissen/", activate.wipe_data, name="wipe"),
    path(snelstart + "koppel/", activate.connect, name="connect"),
    path(snelstart + "instellingen/", configure.settings_page, name="settings"),
    path(snelstart + "instellingen/controleer/", configure.check_all, name="check_all"),
    path(snelstart + "instellingen/artikelen/", configure.article_search, name="article_search"),
    path(
        snelstart + "instellingen/controleer/<slug:name>/",
        configure.check,
        name="check",
    ),
    path(snelstart + "voortgang/", running.progress, name="progress"),
    path(snelstart + "synchroniseren/", running.sync_now, name="sync_now"),
    path(snelstart + "opschonen/", running.cleanup_now, name="cleanup_now"),
    path(snelstart + "deactiveren/", running.deactivate, name="deactivate"),
    path(snelstart + "logging/", log.logging_page, name="logging"),
    path(snelstart + "logging/technisch/", log.technical_log, name="technical_log"),
    path("werkbon/<uuid:code>/snelstart/", push.panel, name="push_panel"),
    path("werkbon/<uuid:code>/opnieuw-versturen/", push.resend, name="push_resend"),
]
