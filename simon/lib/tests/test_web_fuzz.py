"""A fuzz of the web pages: query parameters and form posts never get a 5xx (issue 9).

Every page of the web app (the SnelStart screens only where they make no call to SnelStart)
gets query strings and form posts built by hypothesis: the field names of the page's own forms
and a few of every page, with values at the edges (NUL, huge numbers, dates in years 1 and
9999, non-ASCII digits, 100,000 characters, codes of other rows and of another tenant),
from an office user, a monteur and an administrator, as plain and as htmx requests. A post
may change data (that is the point); whatever it does, the answer is never a server error.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simon.api import services as tokens
from simon.forms import services as forms_services
from simon.snelstart_sync.models import Connection, State
from simon.testing import DAY, make_address, make_article, make_customer
from simon.workorders import services

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=100,
    derandomize=True,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# Names every page reads or might: the fuzz adds them to the names found on the page itself.
COMMON_NAMES = [
    "q", "datum", "weergave", "status", "pagina", "page", "klant", "customer", "employee",
    "date_from", "date_to", "groep", "verborgen", "next", "organization", "tabel", "soort",
    "selected", "werkbon",
]  # fmt: skip
_NAME = re.compile(r"""<(?:input|select|textarea|button)\b[^>]*\bname=["']([^"']+)["']""")


EDGES = [
    "", "0", "-1", "1e999999", "1" + "0" * 60, "1e308", "NaN", "Infinity", "١٢", "１２",
    "1_000", "2,5", "0001-01-01", "9999-12-31", "2026-02-30", "24:00", "10:00+05:00", "on",
    "true", "werktijd", "reistijd", "concept", "gereed_gemeld", "a" * 100_000, "\x00",
    "<script>alert(1)</script>", "../../etc/passwd", "https://evil.example/", "//evil.example",
    "\u202e",
]  # fmt: skip


def edge_values(codes: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.text(max_size=30), st.sampled_from(codes), st.sampled_from(EDGES))


def page_names(client: Client, url: str) -> list[str]:
    response = client.get(url)
    if response.status_code != 200:
        return []
    return sorted(set(_NAME.findall(response.content.decode(errors="replace"))))


@pytest.fixture
def world(org_a, org_b, alice, karin, bob, charlie):
    customer = make_customer(org_a, "Bakkerij Jansen", relatiecode=1001)
    address = make_address(customer, "Winkel")
    article = make_article(org_a, "KRAAN-15", "Kraan 15 mm", unit="stuk")
    order = services.create_work_order(
        org_a, by=alice, customer=customer, work_address=address, description="CV-ketel",
        planned_date=DAY, employees=[bob],
    )  # fmt: skip
    entry = services.add_time_entry(
        order, by=bob, employee=bob, kind="werktijd", date=DAY, minutes=30
    )
    line = services.add_material(order, by=bob, article=article, quantity=1)
    template = forms_services.create_template(org_a, name="Oplevering")
    question = forms_services.add_question(template, label="Druk", kind="number")
    response = forms_services.attach_form(order, template, by=bob)
    token, _secret = tokens.create_token(bob, org_a, name="telefoon")
    connection = Connection.objects.create(
        organization=org_a, state=State.ACTIVE, activated_at=timezone.now()
    )
    theirs = make_customer(org_b, "Klant van B")
    wo, c = order.code, connection.code
    urls = [
        reverse("home"),
        reverse("workorders:list"),
        reverse("workorders:archive_selected"),
        reverse("workorders:create"),
        reverse("workorders:planning"),
        reverse("workorders:customer_options"),
        reverse("workorders:address_options"),
        reverse("workorders:article_options"),
        reverse("workorders:detail", args=[wo]),
        reverse("workorders:edit", args=[wo]),
        *[reverse("workorders:section", args=[wo, name]) for name in ("werkbon", "uren")],
        reverse("workorders:plan", args=[wo]),
        reverse("workorders:complete", args=[wo]),
        reverse("workorders:reopen", args=[wo]),
        reverse("workorders:hours_add", args=[wo]),
        reverse("workorders:hours_edit", args=[wo, entry.code]),
        reverse("workorders:hours_delete", args=[wo, entry.code]),
        reverse("workorders:materials_add", args=[wo]),
        reverse("workorders:materials_edit", args=[wo, line.code]),
        reverse("workorders:materials_delete", args=[wo, line.code]),
        reverse("workorders:forms_attach", args=[wo]),
        reverse("workorders:forms_answer", args=[wo, response.code]),
        reverse("customers:list"),
        reverse("customers:create"),
        reverse("customers:search"),
        reverse("customers:detail", args=[customer.code]),
        reverse("customers:edit", args=[customer.code]),
        reverse("customers:work_addresses", args=[customer.code]),
        reverse("customers:work_address_add", args=[customer.code]),
        reverse("customers:work_address_options", args=[customer.code]),
        reverse("customers:work_address_edit", args=[address.code]),
        reverse("customers:work_address_deactivate", args=[address.code]),
        reverse("catalog:list"),
        reverse("catalog:create"),
        reverse("catalog:search"),
        reverse("catalog:group_create"),
        reverse("catalog:detail", args=[article.code]),
        reverse("catalog:edit", args=[article.code]),
        reverse("forms:template_list"),
        reverse("forms:template_create"),
        reverse("forms:template_detail", args=[template.code]),
        reverse("forms:template_toggle", args=[template.code]),
        reverse("forms:question_add", args=[template.code]),
        reverse("forms:question_edit", args=[template.code, question.code]),
        reverse("forms:question_move", args=[template.code, question.code]),
        reverse("api_tokens:list"),
        reverse("api_tokens:revoke", args=[token.code]),
        reverse("switch_organization"),
        reverse("set_language"),
        reverse("login"),
        reverse("password_reset"),
        reverse("snelstart_sync:integrations"),
        reverse("snelstart_sync:logging", args=[c]),
        reverse("snelstart_sync:technical_log", args=[c]),
        reverse("snelstart_sync:progress", args=[c]),
    ]
    codes = [str(x.code) for x in (order, customer, address, article, template, theirs)]
    clients = {}
    for user in (alice, karin, bob):
        clients[user.username] = Client(raise_request_exception=False)
        clients[user.username].force_login(user)
    names = {url: page_names(clients["alice"], url) for url in urls}
    return {"urls": urls, "codes": codes, "clients": clients, "names": names}


def params(world: dict[str, Any], url: str) -> st.SearchStrategy[dict[str, str]]:
    names = st.sampled_from(world["names"][url] + COMMON_NAMES) | st.text(max_size=10)
    return st.dictionaries(names, edge_values(world["codes"]), max_size=6)


def check(response: Any, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"


@FUZZ
@given(data=st.data())
def test_query_parameters_never_get_a_server_error(world, data):
    url = data.draw(st.sampled_from(world["urls"]))
    who = data.draw(st.sampled_from(sorted(world["clients"])))
    query = data.draw(params(world, url))
    htmx = {"HX-Request": "true"} if data.draw(st.booleans()) else {}
    response = world["clients"][who].get(url, query, headers=htmx)
    check(response, f"GET {url} {query!r:.300} as {who}")


@FUZZ
@given(data=st.data())
def test_form_posts_never_get_a_server_error(world, data):
    url = data.draw(st.sampled_from(world["urls"]))
    who = data.draw(st.sampled_from(sorted(world["clients"])))
    form = data.draw(params(world, url))
    htmx = {"HX-Request": "true"} if data.draw(st.booleans()) else {}
    response = world["clients"][who].post(url, form, headers=htmx)
    check(response, f"POST {url} {form!r:.300} as {who}")


def test_every_edge_value_in_every_field_of_every_page(world):
    """The systematic half: each edge value in all of a page's fields at once, GET and POST
    (hypothesis above mixes them; this makes sure each one reaches each field)."""
    client = world["clients"]["karin"]
    for url in world["urls"]:
        names = world["names"][url] + COMMON_NAMES
        for value in EDGES:
            form = dict.fromkeys(names, value)
            check(client.get(url, form), f"GET {url} {value[:40]!r}")
            check(client.post(url, form), f"POST {url} {value[:40]!r}")


def test_a_post_with_thousands_of_fields_is_refused(world):
    client = world["clients"]["karin"]
    for url in (reverse("workorders:create"), reverse("customers:create")):
        response = client.post(url, {f"veld{n}": "x" for n in range(2000)})
        assert response.status_code == 400


def test_another_tenants_codes_are_not_found(world, charlie):
    client = Client()
    client.force_login(charlie)
    for url in world["urls"]:
        if any(code in url for code in world["codes"]):
            assert client.get(url).status_code in (404, 405), url
