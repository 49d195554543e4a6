"""The Planning section: (re)plan a work order on a date for one or more employees."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.http import require_POST

from simon.tenants.scoping import member_required
from simon.tenants.types import MemberRequest
from simon.workorders import services
from simon.workorders.forms import PlanForm
from simon.workorders.views.common import get_editable_work_order, handles_domain_errors, saved
from simon.workorders.views.detail import section_response


@require_POST
@member_required
@handles_domain_errors
def plan(request: MemberRequest, code: str) -> HttpResponse:
    """'Inplannen': open or planned -> 'ingepland'. A monteur stays planned on it themselves."""
    work_order = get_editable_work_order(request, code)
    form = PlanForm(request.POST, organization=request.organization)

    def save() -> None:
        data = form.cleaned_data
        services.plan_work_order(
            work_order,
            by=request.user,
            date=data["planned_date"],
            start=data["planned_start"],
            end=data["planned_end"],
            employees=data["employees"],
        )

    if saved(form, save):
        return section_response(request, work_order, "planning")
    return section_response(request, work_order, "planning", invalid=True, plan_form=form)
