"""Template filters of the integration's screens."""

from __future__ import annotations

from datetime import timedelta

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def duration(value: timedelta | None) -> str:
    """A lag or run time in short Dutch: '45 s', '3 min 5 s', '2 uur 10 min', '3 dagen 4 uur'."""
    if value is None:
        return ""
    seconds = max(0, int(value.total_seconds()))
    minutes, secs = divmod(seconds, 60)
    hours, mins = divmod(minutes, 60)
    days, hrs = divmod(hours, 24)
    if days:
        return ngettext("%(d)d dag %(h)d uur", "%(d)d dagen %(h)d uur", days) % {
            "d": days,
            "h": hrs,
        }
    if hours:
        return _("%(h)d uur %(m)d min") % {"h": hours, "m": mins}
    if minutes:
        return _("%(m)d min %(s)d s") % {"m": minutes, "s": secs}
    return _("%(s)d s") % {"s": secs}


@register.filter
def get_item(mapping: dict[str, object], key: str) -> object:
    return mapping.get(key)
