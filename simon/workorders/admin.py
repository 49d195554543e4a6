from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from simon.workorders.models import (
    Assignment,
    MaterialLine,
    StatusChange,
    TimeEntry,
    WorkOrder,
    WorkOrderSequence,
)


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    raw_id_fields = ["user"]


class TimeEntryInline(admin.TabularInline):
    model = TimeEntry
    extra = 0
    fields = ["employee", "kind", "date", "start_time", "end_time", "minutes", "note"]
    raw_id_fields = ["employee"]


class MaterialLineInline(admin.TabularInline):
    model = MaterialLine
    extra = 0
    fields = ["position", "article", "quantity", "note"]
    raw_id_fields = ["article"]


STATUS_CHANGE_FIELDS = ("at", "from_status", "to_status", "by", "note")


class StatusChangeInline(admin.TabularInline):
    """Read-only: history is written by the services only."""

    model = StatusChange
    extra = 0
    fields = readonly_fields = STATUS_CHANGE_FIELDS
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(WorkOrder)
class WorkOrderAdmin(admin.ModelAdmin):
    list_display = ["number", "customer", "status", "planned_date", "organization", "created"]
    list_filter = ["status", "source", "organization", "planned_date"]
    search_fields = ["number", "description", "customer__name", "customer_reference", "code"]
    readonly_fields = [
        "number",
        "code",
        "status",
        "snelstart_order_id",
        "created",
        "modified",
        "completed_at",
        "archived_at",
    ]
    raw_id_fields = ["customer", "work_address", "created_by"]
    list_select_related = ["customer", "organization"]
    date_hierarchy = "created"
    inlines = [AssignmentInline, TimeEntryInline, MaterialLineInline, StatusChangeInline]


@admin.register(TimeEntry)
class TimeEntryAdmin(admin.ModelAdmin):
    list_display = ["work_order", "employee", "kind", "date", "minutes"]
    list_filter = ["kind", "organization", "date"]
    search_fields = ["work_order__number", "employee__username", "note"]
    raw_id_fields = ["work_order", "employee", "created_by"]


@admin.register(MaterialLine)
class MaterialLineAdmin(admin.ModelAdmin):
    list_display = ["work_order", "article", "quantity", "position"]
    list_filter = ["organization"]
    search_fields = ["work_order__number", "article__article_code", "article__description"]
    raw_id_fields = ["work_order", "article", "created_by"]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["work_order", "from_status", "to_status", "by", "at"]
    list_filter = ["to_status", "organization"]
    search_fields = ["work_order__number"]
    readonly_fields = ["work_order", "from_status", "to_status", "by", "at", "note"]


@admin.register(WorkOrderSequence)
class WorkOrderSequenceAdmin(admin.ModelAdmin):
    list_display = ["organization", "year", "last_number"]
    list_filter = ["year"]
