from __future__ import annotations

from django.urls import path

from simon.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.placeholder, name="list"),
]
