from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.views import PasswordResetView
from django.urls import include, path

from simon.api.api import api
from simon.snelstart_sync import metrics
from simon.tenants.password_reset import QueuedPasswordResetForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("api-tokens/", include("simon.api.urls")),
    path("veld/", include("simon.fieldapp.urls")),
    path("werkbonnen/", include("simon.workorders.urls")),
    path("klanten/", include("simon.customers.urls")),
    path("artikelen/", include("simon.catalog.urls")),
    path("formulieren/", include("simon.forms.urls")),
    path("integraties/", include("simon.snelstart_sync.urls")),
    path("metrics", metrics.metrics, name="metrics"),
    path("", include("simon.tenants.urls")),
]
