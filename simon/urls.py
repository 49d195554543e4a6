from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from simon.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("api-tokens/", include("simon.api.urls")),
    path("werkbonnen/", include("simon.workorders.urls")),
    path("klanten/", include("simon.customers.urls")),
    path("artikelen/", include("simon.catalog.urls")),
    path("formulieren/", include("simon.forms.urls")),
    path("integraties/", include("simon.snelstart_sync.urls")),
    path("", include("simon.tenants.urls")),
]
