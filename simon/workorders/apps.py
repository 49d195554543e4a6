from __future__ import annotations

from django.apps import AppConfig


class WorkordersConfig(AppConfig):
    name = "simon.workorders"
    label = "workorders"
