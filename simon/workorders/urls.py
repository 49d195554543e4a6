from __future__ import annotations

from django.urls import path

from simon.workorders.views import (
    answers,
    board,
    detail,
    edit,
    hours,
    materials,
    overview,
    pickers,
    plan,
    start,
)

app_name = "workorders"

order = "<uuid:code>/"

urlpatterns = [
    path("", overview.work_order_list, name="list"),
    path("overzicht/", start.start, name="start"),
    path("archiveren/", overview.archive_selected, name="archive_selected"),
    path("nieuw/", edit.create, name="create"),
    path("planning/", board.board, name="planning"),
    path("kies/klanten/", pickers.customer_options, name="customer_options"),
    path("kies/werkadressen/", pickers.address_options, name="address_options"),
    path("kies/artikelen/", pickers.article_options, name="article_options"),
    path(order, detail.detail, name="detail"),
    path(order + "wijzigen/", edit.edit, name="edit"),
    path(order + "deel/<slug:name>/", detail.section, name="section"),
    path(order + "inplannen/", plan.plan, name="plan"),
    path(order + "gereed-melden/", detail.complete, name="complete"),
    path(order + "heropenen/", detail.reopen, name="reopen"),
    path(order + "archiveren/", detail.archive, name="archive"),
    path(order + "uren/", hours.add, name="hours_add"),
    path(order + "uren/<uuid:entry_code>/", hours.edit, name="hours_edit"),
    path(order + "uren/<uuid:entry_code>/verwijderen/", hours.delete, name="hours_delete"),
    path(order + "materialen/", materials.add, name="materials_add"),
    path(order + "materialen/<uuid:line_code>/", materials.edit, name="materials_edit"),
    path(
        order + "materialen/<uuid:line_code>/verwijderen/",
        materials.delete,
        name="materials_delete",
    ),
    path(order + "formulieren/", answers.attach, name="forms_attach"),
    path(order + "formulieren/<uuid:response_code>/", answers.response_view, name="forms_answer"),
]
