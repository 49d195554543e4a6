from __future__ import annotations

from django.urls import path

from simon.workorders import views

app_name = "workorders"
urlpatterns = [
    path("", views.placeholder, name="list"),
    path("planning/", views.placeholder, name="planning"),
]
