"""'Planning': the board per employee per day or week, for the office."""

from __future__ import annotations

from datetime import date, timedelta

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from simon.lib import dates
from simon.lib.input_guard import bad_request
from simon.tenants.scoping import office_required
from simon.tenants.types import MemberRequest
from simon.workorders import services

DAY = "dag"
WEEK = "week"


def _day(value: str | None) -> date:
    """The requested day; today for a missing or garbage value."""
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return timezone.localdate()


@require_GET
@office_required
def board(request: MemberRequest) -> HttpResponse:
    mode = WEEK if request.GET.get("weergave") != DAY else DAY
    day = _day(request.GET.get("datum"))
    if not dates.in_range(day):
        # The week around 9999-12-31 (or 0001-01-01) cannot even be computed.
        message = _("Kies een datum tussen %(first)s en %(last)s.") % {
            "first": date_format(dates.FIRST_DAY, "SHORT_DATE_FORMAT"),
            "last": date_format(dates.LAST_DAY, "SHORT_DATE_FORMAT"),
        }
        return bad_request(request, message)
    if mode == WEEK:
        first, length, step = services.week_start(day), 7, timedelta(days=7)
    else:
        first, length, step = day, 1, timedelta(days=1)
    today = timezone.localdate()
    return render(
        request,
        "workorders/board.html",
        {
            "board": services.planning_board(request.organization, first, length),
            "mode": mode,
            "day": day,
            "first": first,
            "last": first + timedelta(days=length - 1),
            "previous": first - step,
            "next": first + step,
            "today": today,
            "week_number": first.isocalendar().week,
        },
    )
