from __future__ import annotations

from django.urls import path

from simon.tenants import views

urlpatterns = [
    path("", views.home, name="home"),
    path("organisatie/wisselen/", views.switch_organization, name="switch_organization"),
]
