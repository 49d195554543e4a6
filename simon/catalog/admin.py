from __future__ import annotations

from django.contrib import admin

from simon.catalog.models import Article, ArticleGroup


@admin.register(ArticleGroup)
class ArticleGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "number", "organization", "source", "active"]
    list_filter = ["source", "active", "organization"]
    search_fields = ["name", "code"]
    readonly_fields = ["code", "snelstart_id"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "article_code",
        "description",
        "unit",
        "sales_price",
        "group",
        "organization",
        "active",
    ]
    list_filter = ["source", "active", "organization", "group"]
    search_fields = ["article_code", "description", "code"]
    readonly_fields = ["snelstart_id", "created", "modified"]
    raw_id_fields = ["group"]
    list_select_related = ["group", "organization"]
