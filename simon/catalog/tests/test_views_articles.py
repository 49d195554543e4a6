"""Artikelen screens: list with search and groups, detail, create and edit, S4, tenants."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from simon.catalog.models import Article, ArticleGroup
from simon.customers.tests.html import parse, table_rows
from simon.lib.choices import Source
from simon.testing import SNELSTART_MESSAGE, make_article, make_group, managed_by_snelstart

pytestmark = pytest.mark.django_db

LIST = reverse("catalog:list")
CREATE = reverse("catalog:create")
GROUP_CREATE = reverse("catalog:group_create")
VALID = {
    "article_code": "BUIS-22",
    "description": "Koperen buis 22 mm",
    "unit": "meter",
    "sales_price": "1.234,50",
}


def detail_url(article: Article) -> str:
    return reverse("catalog:detail", args=[article.code])


def edit_url(article: Article) -> str:
    return reverse("catalog:edit", args=[article.code])


def field_errors(response, name: str) -> list[str]:
    for field in parse(response).find_all("div", class_="field"):
        if field.find_all(name=name):
            return [li.text for li in field.find_all("li")]
    raise AssertionError(f"no field {name}")


def messages_of(response) -> list[str]:
    return [li.text for li in parse(response).find_all("li", class_="message")]


# --- anonymous and roles ---------------------------------------------------------------------


def test_anonymous_users_are_sent_to_the_login(client, org_a):
    article = make_article(org_a)
    for url in (LIST, CREATE, detail_url(article), edit_url(article)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={url}"


def test_a_monteur_may_view_but_not_create_or_edit(bob_client, org_a):
    article = make_article(org_a)

    assert bob_client.get(LIST).status_code == 200
    assert bob_client.get(detail_url(article)).status_code == 200
    assert bob_client.get(CREATE).status_code == 403
    assert bob_client.post(CREATE, VALID).status_code == 403
    assert bob_client.post(edit_url(article), VALID).status_code == 403
    assert bob_client.post(GROUP_CREATE, {"name": "Nieuw"}).status_code == 403
    assert list(Article.objects.values_list("article_code", flat=True)) == ["KRAAN-15"]
    assert ArticleGroup.objects.count() == 0
    page = parse(bob_client.get(LIST))
    assert page.find_all("a", class_="button") == []
    assert page.find_all("form", class_="group-add") == []


# --- list --------------------------------------------------------------------------------------


def test_the_list_shows_visible_articles_with_a_dutch_price(bob_client, org_a):
    group = make_group(org_a, "Sanitair")
    make_article(
        org_a,
        "KRAAN-15",
        "Kraan 15 mm",
        unit="stuk",
        sales_price=Decimal("12.5"),
        group=group,
        source=Source.SNELSTART,
    )
    make_article(org_a, "BOUT-M8", "Bout M8", unit="stuk", sales_price=Decimal("0.035"))
    make_article(org_a, "UUR", "Arbeid", unit="uur", sales_price=Decimal("1234.5"))
    make_article(org_a, "GRATIS", "Zonder prijs")
    make_article(org_a, "OUD-1", "Verborgen artikel", active=False)

    response = bob_client.get(LIST)

    assert "€\u00a012,50" in response.content.decode()  # never broken over two lines
    assert table_rows(response, class_="articles") == [
        ["BOUT-M8", "Bout M8", "stuk", "€ 0,035", "", "Simon"],
        ["GRATIS", "Zonder prijs", "", "", "", "Simon"],
        ["KRAAN-15", "Kraan 15 mm", "stuk", "€ 12,50", "Sanitair", "SnelStart"],
        ["UUR", "Arbeid", "uur", "€ 1.234,50", "", "Simon"],
    ]


def test_the_search_puts_code_prefixes_first(bob_client, org_a):
    make_article(org_a, "AKR-1", "Adapter")
    make_article(org_a, "KRAAN-15", "Kraan 15 mm")
    make_article(org_a, "SLANG", "Slang voor kraan")

    response = bob_client.get(LIST, {"q": "kr"})

    assert [r[0] for r in table_rows(response, class_="articles")] == ["KRAAN-15", "AKR-1", "SLANG"]


def test_the_group_filter_and_the_side_bar(bob_client, org_a):
    sanitair, elektra = make_group(org_a, "Sanitair"), make_group(org_a, "Elektra")
    make_article(org_a, "KRAAN-15", "Kraan", group=sanitair)
    make_article(org_a, "KRAAN-22", "Kraan groot", group=sanitair)
    make_article(org_a, "KABEL", "Kabel", group=elektra)
    make_article(org_a, "OUD", "Oude kraan", group=sanitair, active=False)

    response = bob_client.get(LIST, {"groep": str(sanitair.code)})
    searched = bob_client.get(LIST, {"groep": str(sanitair.code), "q": "groot"})

    assert [r[0] for r in table_rows(response, class_="articles")] == ["KRAAN-15", "KRAAN-22"]
    assert [r[0] for r in table_rows(searched, class_="articles")] == ["KRAAN-22"]
    sidebar = parse(response).find("aside")
    assert [li.text for li in sidebar.find_all("li")] == [
        "Alle artikelgroepen",
        "Elektra 1",
        "Sanitair 2",
    ]
    assert sidebar.find("a", aria_current="true").text == "Sanitair"
    assert parse(response).find("h1").text == "Artikelen · Sanitair"


def test_a_snelstart_group_without_articles_is_not_shown_an_own_empty_one_is(bob_client, org_a):
    imported = make_group(org_a, "Diensten")
    not_chosen = make_group(org_a, "Klein materiaal")  # a SnelStart group the settings skip
    ArticleGroup.objects.filter(pk__in=[imported.pk, not_chosen.pk]).update(source="snelstart")
    make_article(org_a, "UUR", "Arbeid", group=imported)
    make_group(org_a, "Eigen groep")  # made in Simon, still empty

    sidebar = parse(bob_client.get(LIST)).find("aside")

    assert [li.text for li in sidebar.find_all("li")] == [
        "Alle artikelgroepen",
        "Diensten 1",
        "Eigen groep 0",
    ]


def test_a_garbage_group_filters_nothing(bob_client, org_a):
    make_article(org_a)

    response = bob_client.get(LIST, {"groep": "geen-uuid"})

    assert response.status_code == 200
    assert [r[0] for r in table_rows(response, class_="articles")] == ["KRAAN-15"]


def test_the_list_pages_by_25(bob_client, org_a):
    for number in range(27):
        make_article(org_a, f"ART-{number:02d}", "Artikel")

    second = bob_client.get(LIST, {"page": 2})

    assert [r[0] for r in table_rows(second, class_="articles")] == ["ART-25", "ART-26"]
    assert parse(second).find("nav", class_="pagination").text == (
        "« Vorige Pagina 2 van 2 (27 resultaten)"
    )


def test_empty_states(karin_client, org_a):
    empty = parse(karin_client.get(LIST)).find("div", class_="empty")
    none_found = parse(karin_client.get(LIST, {"q": "Nergens"})).find("p", class_="empty")
    with managed_by_snelstart(org_a):
        managed = parse(karin_client.get(LIST)).find("div", class_="empty")

    assert empty.text == (
        "Nog geen artikelen. Werk je met SnelStart? Activeer dan de integratie onder "
        "'Integraties': Simon haalt je artikelen uit SnelStart en SnelStart blijft leidend. "
        "Zonder integratie maakt kantoor hier zelf artikelen aan. Nieuw artikel"
    )
    assert none_found.text == "Geen artikelen gevonden voor 'Nergens'."
    assert managed.text == (
        "Nog geen artikelen. Je artikelen komen uit SnelStart, uit de artikelgroepen die in de "
        "instellingen van de integratie zijn gekozen: elk nieuw of gewijzigd artikel staat "
        "binnen een paar minuten in Simon."
    )


# --- detail ------------------------------------------------------------------------------------


def test_the_detail_shows_the_article(bob_client, org_a):
    group = make_group(org_a, "Sanitair")
    article = make_article(
        org_a, unit="stuk", sales_price=Decimal("12.5"), group=group, source=Source.SNELSTART
    )

    page = parse(bob_client.get(detail_url(article)))

    assert page.find("h1").text == "KRAAN-15 · Kraan 15 mm SnelStart"
    facts = page.find("dl", class_="facts")
    pairs = list(zip(facts.find_all("dt"), facts.find_all("dd"), strict=True))
    assert [(dt.text, dd.text) for dt, dd in pairs][:6] == [
        ("Artikelcode", "KRAAN-15"),
        ("Omschrijving", "Kraan 15 mm"),
        ("Eenheid", "stuk"),
        (
            "Verkoopprijs",
            "€ 12,50 (ter informatie: op de verkooporder gelden de prijzen uit SnelStart)",
        ),
        ("Artikelgroep", "Sanitair"),
        ("Herkomst", "SnelStart"),
    ]
    assert page.find_all("a", class_="button") == []


def test_a_hidden_article_stays_reachable_and_says_why(karin_client, org_a):
    article = make_article(org_a, active=False)

    page = parse(karin_client.get(detail_url(article)))

    assert page.find("h1").text == "KRAAN-15 · Kraan 15 mm Simon Verborgen"
    assert page.find("div", class_="warning").text.startswith("Dit artikel is verborgen:")


# --- create and edit ---------------------------------------------------------------------------


def test_the_office_creates_an_article_with_a_dutch_price(karin_client, org_a):
    group = make_group(org_a, "Sanitair")

    response = karin_client.post(CREATE, {**VALID, "group": str(group.code)})

    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(article)
    assert (article.article_code, article.description, article.unit) == (
        "BUIS-22",
        "Koperen buis 22 mm",
        "meter",
    )
    assert (article.sales_price, article.group, article.source) == (
        Decimal("1234.5000"),
        group,
        "local",
    )
    assert messages_of(karin_client.get(response["Location"])) == ["Artikel BUIS-22 is aangemaakt."]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("12,50", "12.5"), ("€ 12,50", "12.5"), ("12.5", "12.5"), ("0,035", "0.035"), ("", None)],
)
def test_prices_are_read_as_typed_by_dutch_users(karin_client, org_a, typed, stored):
    karin_client.post(CREATE, {**VALID, "sales_price": typed})

    price = Article.objects.get().sales_price
    assert price == (Decimal(stored) if stored else None)


def test_the_article_form_says_in_dutch_what_is_wrong(karin_client, org_a):
    other = make_group(org_a, "Elders")
    other_code = str(other.code)
    other.delete()

    response = karin_client.post(
        CREATE,
        {"article_code": "", "description": "", "sales_price": "twaalf", "group": other_code},
    )
    precise = karin_client.post(CREATE, {**VALID, "sales_price": "1,23456"})

    assert response.status_code == 200
    assert field_errors(response, "article_code") == ["Vul de artikelcode in."]
    assert field_errors(response, "description") == ["Vul de omschrijving in."]
    assert field_errors(response, "sales_price") == [
        "Vul een geldige prijs in, bijvoorbeeld 12,50."
    ]
    assert field_errors(response, "group") == ["Kies een artikelgroep uit de lijst."]
    assert field_errors(precise, "sales_price") == [
        "Een prijs heeft hoogstens 4 cijfers achter de komma."
    ]
    assert Article.objects.count() == 0


def test_a_taken_article_code_is_a_field_error_from_the_service(karin_client, org_a):
    make_article(org_a, "BUIS-22", "Bestaat al")

    response = karin_client.post(CREATE, VALID)

    assert field_errors(response, "article_code") == ["Artikelcode BUIS-22 bestaat al."]
    assert Article.objects.count() == 1


def test_the_office_edits_an_article(alice_client, org_a):
    group = make_group(org_a, "Sanitair")
    article = make_article(org_a, sales_price=Decimal("1234.5"), group=group)

    form = parse(alice_client.get(edit_url(article)))
    response = alice_client.post(edit_url(article), {**VALID, "sales_price": "15,75"})

    assert form.find("input", name="sales_price").attrs["value"] == "1.234,50"
    assert form.find("option", selected="").text == "Sanitair"
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.article_code, article.sales_price, article.group) == (
        "BUIS-22",
        Decimal("15.75"),
        None,
    )


def test_a_hidden_group_stays_choosable_on_its_own_article(alice_client, org_a):
    hidden = make_group(org_a, "Oud")
    ArticleGroup.objects.filter(pk=hidden.pk).update(active=False)
    article = make_article(org_a, group=hidden)

    response = alice_client.post(edit_url(article), {**VALID, "group": str(hidden.code)})
    new = parse(alice_client.get(CREATE))

    assert response.status_code == 302
    assert Article.objects.get().group == hidden
    assert [o.text for o in new.find("select", name="group").find_all("option")] == [
        "Geen artikelgroep"
    ]


def test_the_office_adds_an_article_group(karin_client, org_a):
    response = karin_client.post(GROUP_CREATE, {"name": " Sanitair "})
    empty = karin_client.post(GROUP_CREATE, {"name": ""})

    group = ArticleGroup.objects.get()
    assert (group.name, group.organization, group.source) == ("Sanitair", org_a, "local")
    assert response["Location"] == f"{LIST}?groep={group.code}"
    # The first answer's message was not shown yet, so both are waiting.
    assert [m.message for m in empty.wsgi_request._messages] == [
        "Artikelgroep Sanitair is aangemaakt.",
        "Vul de naam van de artikelgroep in.",
    ]


# --- SnelStart leads (S4) ----------------------------------------------------------------------


def test_while_snelstart_manages_articles_nothing_offers_to_create_or_edit(alice_client, org_a):
    article = make_article(org_a)

    with managed_by_snelstart(org_a):
        listing = parse(alice_client.get(LIST))
        detail = parse(alice_client.get(detail_url(article)))

    for page in (listing, detail):
        assert page.find(data_testid="managed-note").text == SNELSTART_MESSAGE
        assert page.find_all("a", class_="button") == []
    assert listing.find_all("form", class_="group-add") == []


def test_while_snelstart_manages_articles_create_and_edit_refuse(karin_client, org_a):
    article = make_article(org_a)

    with managed_by_snelstart(org_a):
        responses = [
            karin_client.get(CREATE),
            karin_client.post(CREATE, VALID),
            karin_client.get(edit_url(article)),
            karin_client.post(edit_url(article), VALID),
        ]
        group = karin_client.post(GROUP_CREATE, {"name": "Sanitair"})

    for response in responses:
        assert response.status_code == 403
        assert parse(response).find(data_testid="refusal").text == SNELSTART_MESSAGE
    assert [m.message for m in group.wsgi_request._messages] == [SNELSTART_MESSAGE]
    assert list(Article.objects.values_list("article_code", "description")) == [
        ("KRAAN-15", "Kraan 15 mm")
    ]
    assert ArticleGroup.objects.count() == 0


def test_csrf_is_enforced_on_edit(karin, org_a):
    article = make_article(org_a)
    client = Client(enforce_csrf_checks=True)
    client.force_login(karin)

    response = client.post(edit_url(article), VALID)

    assert response.status_code == 403
    assert Article.objects.get().article_code == "KRAAN-15"


# --- tenants -----------------------------------------------------------------------------------


def test_a_user_of_b_cannot_see_or_change_articles_of_a(charlie_client, org_a, org_b):
    group = make_group(org_a, "Sanitair van A")
    article = make_article(org_a, group=group)
    make_article(org_b, "BRAVO-1", "Van B")
    before = list(Article.objects.order_by("pk").values())

    assert charlie_client.get(detail_url(article)).status_code == 404
    assert charlie_client.get(edit_url(article)).status_code == 404
    assert charlie_client.post(edit_url(article), VALID).status_code == 404
    listing = charlie_client.get(LIST)
    filtered = charlie_client.get(LIST, {"groep": str(group.code)})
    created = charlie_client.post(CREATE, {**VALID, "group": str(group.code)})

    assert [r[0] for r in table_rows(listing, class_="articles")] == ["BRAVO-1"]
    assert [r[0] for r in table_rows(filtered, class_="articles")] == ["BRAVO-1"]
    assert "Sanitair van A" not in listing.content.decode()
    assert field_errors(created, "group") == ["Kies een artikelgroep uit de lijst."]
    assert list(Article.objects.order_by("pk").values()) == before
