"""Choices shared by several apps."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    """Where a row of master data (or a work order) came from.

    Customers, work addresses, article groups, articles and work orders carry it, so that the
    SnelStart clean-up (S4, S5) can tell records it owns from records users made in Simon.
    """

    SNELSTART = "snelstart", _("SnelStart")
    LOCAL = "local", _("Simon")
