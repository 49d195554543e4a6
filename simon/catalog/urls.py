from __future__ import annotations

from django.urls import path

from simon.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.article_list, name="list"),
    path("nieuw/", views.article_create, name="create"),
    path("zoeken/", views.article_options, name="search"),
    path("groepen/nieuw/", views.group_create, name="group_create"),
    path("<uuid:code>/", views.article_detail, name="detail"),
    path("<uuid:code>/wijzigen/", views.article_edit, name="edit"),
]
