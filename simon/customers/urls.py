from __future__ import annotations

from django.urls import path

from simon.customers import views

app_name = "customers"
urlpatterns = [
    path("", views.placeholder, name="list"),
]
