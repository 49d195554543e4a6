from __future__ import annotations

from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "simon.forms"
    label = "simon_forms"
