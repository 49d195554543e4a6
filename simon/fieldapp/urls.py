from __future__ import annotations

from django.urls import path

from simon.fieldapp import views

app_name = "fieldapp"

urlpatterns = [
    path("", views.today, name="today"),
    path("werkbon/<uuid:code>/", views.work_order, name="work_order"),
    path("versturen/", views.outbox, name="outbox"),
    path("toestel/", views.device_token, name="device_token"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
]
