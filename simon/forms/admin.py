from __future__ import annotations

from django.contrib import admin

from simon.forms.models import Answer, FormResponse, FormTemplate, Question


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "label", "kind", "required", "choices", "help_text"]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["question", "value"]
    raw_id_fields = ["question"]


@admin.register(FormTemplate)
class FormTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "active", "modified"]
    list_filter = ["active", "organization"]
    search_fields = ["name", "description"]
    readonly_fields = ["code", "created", "modified"]
    inlines = [QuestionInline]


@admin.register(FormResponse)
class FormResponseAdmin(admin.ModelAdmin):
    # The order of the model's own fields (Registration's columns come first in the model).
    fields = ["organization", "work_order", "template", "created_by", "completed"]
    list_display = ["template", "work_order", "completed", "created_by", "modified"]
    list_filter = ["completed", "organization"]
    search_fields = ["work_order__number", "template__name"]
    raw_id_fields = ["work_order", "template", "created_by"]
    inlines = [AnswerInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["label", "template", "kind", "required", "position"]
    list_filter = ["kind", "required", "organization"]
    search_fields = ["label", "template__name"]
