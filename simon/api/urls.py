from __future__ import annotations

from django.urls import path

from simon.api import views

app_name = "api_tokens"
urlpatterns = [
    path("", views.token_list, name="list"),
    path("<uuid:code>/intrekken/", views.token_revoke, name="revoke"),
]
