"""Only the API, mounted where simon/urls.py mounts it: the API tests do not depend on the
state of the web app's URLs (``test_mounting`` checks the real URLconf separately)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import path

from simon.api.api import api

urlpatterns = [path("api/v1/", api.urls), path("admin/", admin.site.urls)]
