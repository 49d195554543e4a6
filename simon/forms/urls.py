from __future__ import annotations

from django.urls import path

from simon.forms import views

app_name = "forms"
urlpatterns = [
    path("", views.placeholder, name="template_list"),
]
