from __future__ import annotations

from django.urls import path

from simon.forms import views

app_name = "forms"

template = "<uuid:code>/"
question = template + "vragen/<uuid:question_code>/"

urlpatterns = [
    path("", views.template_list, name="template_list"),
    path("nieuw/", views.template_create, name="template_create"),
    path(template, views.template_detail, name="template_detail"),
    path(template + "actief/", views.template_toggle, name="template_toggle"),
    path(template + "vragen/", views.question_add, name="question_add"),
    path(question, views.question_edit, name="question_edit"),
    path(question + "verplaatsen/", views.question_move, name="question_move"),
    path(question + "verwijderen/", views.question_delete, name="question_delete"),
]
