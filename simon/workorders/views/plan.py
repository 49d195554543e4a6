"""The Planning section: (re)plan a work order on a date for one or more employees."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.http import require_POST

from simon.tenants.scoping import member_required
from simon.tenants.types import MemberRequest
from simon.workorders import services
from simon.workorders.errors import WorkOrderError, WorkOrderPermissionDenied
from simon.workorders.forms import PlanForm, add_domain_error
from simon.workorders.views.common import get_editable_work_order, handles_domain_errors
from simon.workorders.views.detail import section_response


@require_POST
@member_required
@handles_domain_errors
def plan(request: MemberRequest, code: str) -> HttpResponse:
    """'Inplannen': open or planned -> 'ingepland'. A monteur stays planned on it themselves."""
    work_order = get_editable_work_order(request, code)
    form = PlanForm(request.POST, organization=request.organization)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_work_order(
                work_order,
                by=request.user,
                date=data["planned_date"],
                start=data["planned_start"],
                end=data["planned_end"],
                employees=data["employees"],
            )
        except WorkOrderPermissionDenied:
            raise
        except WorkOrderError as error:
            add_domain_error(form, error)
        else:
            return section_response(request, work_order, "planning")
    return section_response(request, work_order, "planning", invalid=True, plan_form=form)
