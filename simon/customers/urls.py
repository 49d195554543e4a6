from __future__ import annotations

from django.urls import path

from simon.customers import views
from simon.customers import work_address_views as addresses

app_name = "customers"
urlpatterns = [
    path("", views.customer_list, name="list"),
    path("nieuw/", views.customer_create, name="create"),
    path("zoeken/", views.customer_options, name="search"),
    path("<uuid:code>/", views.customer_detail, name="detail"),
    path("<uuid:code>/wijzigen/", views.customer_edit, name="edit"),
    path("<uuid:code>/werkadressen/", addresses.work_address_section, name="work_addresses"),
    path("<uuid:code>/werkadressen/nieuw/", addresses.work_address_add, name="work_address_add"),
    path(
        "<uuid:code>/werkadressen/opties/",
        addresses.work_address_options,
        name="work_address_options",
    ),
    path(
        "werkadressen/<uuid:code>/wijzigen/", addresses.work_address_edit, name="work_address_edit"
    ),
    path(
        "werkadressen/<uuid:code>/deactiveren/",
        addresses.work_address_deactivate,
        name="work_address_deactivate",
    ),
]
