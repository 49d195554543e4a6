"""The work order services: the only way views, the API and jobs change work orders.

Split by concern into modules; import from here.
"""

from __future__ import annotations

from simon.workorders.services.board import Board, planning_board, week_start
from simon.workorders.services.corrections import correct_header, correct_material_article
from simon.workorders.services.history import record_status_change
from simon.workorders.services.lifecycle import (
    ArchiveResult,
    archive,
    archive_many,
    create_work_order,
    plan_work_order,
    reopen,
    report_complete,
    update_work_order,
)
from simon.workorders.services.numbers import allocate_number, format_number
from simon.workorders.services.queries import (
    EmployeeMinutes,
    WorkOrderTotals,
    filter_work_orders,
    minutes_to_hours,
    totals,
    with_totals,
)
from simon.workorders.services.registrations import (
    add_material,
    add_time_entry,
    compute_minutes,
    delete_material,
    delete_time_entry,
    parse_quantity,
    update_material,
    update_time_entry,
)

__all__ = [
    "ArchiveResult",
    "Board",
    "EmployeeMinutes",
    "WorkOrderTotals",
    "add_material",
    "add_time_entry",
    "allocate_number",
    "archive",
    "archive_many",
    "compute_minutes",
    "correct_header",
    "correct_material_article",
    "create_work_order",
    "delete_material",
    "delete_time_entry",
    "filter_work_orders",
    "format_number",
    "minutes_to_hours",
    "parse_quantity",
    "plan_work_order",
    "planning_board",
    "record_status_change",
    "reopen",
    "report_complete",
    "totals",
    "update_material",
    "update_time_entry",
    "update_work_order",
    "week_start",
    "with_totals",
]
