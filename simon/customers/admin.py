from __future__ import annotations

from django.contrib import admin

from simon.customers.models import Customer, WorkAddress


class WorkAddressInline(admin.TabularInline):
    model = WorkAddress
    extra = 0
    fields = ["label", "street", "house_number", "postcode", "city", "source", "active"]
    readonly_fields = ["source"]


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ["name", "relatiecode", "city", "organization", "source", "active", "modified"]
    list_filter = ["source", "active", "organization"]
    search_fields = ["name", "relatiecode", "city", "postcode", "email", "code"]
    readonly_fields = ["code", "snelstart_id", "created", "modified"]
    list_select_related = ["organization"]
    inlines = [WorkAddressInline]


@admin.register(WorkAddress)
class WorkAddressAdmin(admin.ModelAdmin):
    list_display = ["__str__", "customer", "city", "organization", "source", "active"]
    list_filter = ["source", "active", "organization"]
    search_fields = ["label", "street", "postcode", "city", "customer__name", "code"]
    readonly_fields = ["code", "created", "modified"]
    raw_id_fields = ["customer"]
    list_select_related = ["customer", "organization"]
