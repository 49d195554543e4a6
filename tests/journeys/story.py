"""What the journeys share: the people, where things are, and the steps more than one chapter
takes (activating, syncing, making and archiving a work order, SnelStart's own screens).

Steps use what a user sees: labels, button texts, roles; ids and data attributes only where the
page has nothing better (a table row's ``data-stream``), and SnelStart's screens by the
``data-testid`` the emulator gives them.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from playwright.sync_api import Browser, Locator, expect

from tests.journeys.demo import Demo
from tests.journeys.screens import Person, Screen

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

#: The settings of chapter 5, as the beheerder fills them in (chapter 6 changes the suffix).
SETTINGS = {
    "travel_article_code": "REISTIJD",
    "work_article_code": "ARBEID",
    "article_groups": "Arbeid\nMaterialen",
    "fixed_article_code": "VOORRIJ",
    "send_filter_word": "Garantie",
    "description_suffix": "XXX",
    "pull_filter_word": "WB",
}
CHOICES = {
    "order_description": "werkomschrijving",
    "payment_reference": "werkbonnummer",
    "memo": "werkadres",
    "first_line_description": "ja",
    "template_name": "Werkbon",
    "order_type": "werkbon",
    "pull_orders": "ja",
    "pull_with_lines": "ja",
    "pull_description": "beide",
}
SETTINGS_ROWS = 17

#: Chapter 1 adds these in SnelStart; chapter 3 books them on a work order.
CUSTOMER = "Bakkerij De Zonnebloem"
ARTICLE = ("KK-22", "Kogelkraan 22 mm", "Materialen")
OTHER_GROUP_ARTICLE = ("WC-PACK", "Wandcloset compleet", "Sanitair")


@dataclass
class Story:
    demo: Demo
    browser: Browser
    #: The SnelStart administration (the emulator's id) and Simon's page of the integration.
    administration: str = ""
    overview: str = ""
    active: bool = False
    master_data: bool = False
    #: When 'Opslaan' started the integration (time.monotonic()).
    activated_at: float = 0.0
    people: list[Person] = field(default_factory=list)

    # -- people ---------------------------------------------------------------------------------
    def person(self, name: str, phone: bool = False) -> Person:
        person = Person(self.browser, self.demo.url, name, phone=phone)
        self.people.append(person)
        return person

    def office(self, username: str) -> Screen:
        """Someone at the office, logged in to Simon on a 1,366-pixel screen."""
        return self.person(username).login(username)

    def phone(self, username: str, hour: int = 7, minute: int = 30) -> Screen:
        """A monteur's phone (390 px) whose clock says today at hour:minute (for the timers)."""
        person = self.person(username, phone=True)
        today = dt.datetime.now(AMSTERDAM).date()
        person.context.clock.install(
            time=dt.datetime.combine(today, dt.time(hour, minute), tzinfo=AMSTERDAM)
        )
        return person.login(username)

    def snelstart(self) -> Screen:
        """SnelStart's screens (the emulator), in the administration Simon is linked with."""
        screen = self.person("snelstart").tab(self.demo.snelstart)
        if not self.administration:
            screen.goto("/")
            screen.click(screen.page.get_by_test_id("administratie").first)
            found = re.search(r"/a/([^/]+)/", screen.page.url)
            assert found, screen.page.url
            self.administration = found.group(1)
        return screen

    def close_people(self) -> list[str]:
        problems = [problem for person in self.people for problem in person.problems]
        for person in self.people:
            person.close()
        self.people.clear()
        return problems

    def at(self, path: str) -> str:
        """A path in the SnelStart administration: at('/relaties')."""
        return f"/a/{self.administration}{path}"

    def remember_overview(self, url: str) -> None:
        """Simon's page of the integration, from any of its pages' addresses."""
        found = re.search(r"(/integraties/snelstart/[0-9a-f-]+/)", url)
        assert found, url
        self.overview = found.group(1)

    # -- what a journey needs before it starts ------------------------------------------------
    def ensure_connected(self) -> None:
        """Chapter 4 as a beheerder does it, when no journey did it yet."""
        if self.overview:
            return
        beheerder, snelstart = self.office("beheerder"), self.snelstart()
        open_activation(beheerder)
        beheerder.click(beheerder.page.get_by_role("button", name="Start activatie"))
        wipe_everything(beheerder)
        connect(beheerder, snelstart, self)

    def ensure_active(self) -> None:
        """Chapters 4 and 5 as a beheerder does them, when no journey did them yet."""
        if self.active:
            return
        self.ensure_connected()
        beheerder = self.office("beheerder")
        beheerder.goto(self.overview + "instellingen/")
        fill_in_settings(beheerder)
        check_all_and_save(beheerder, self)
        wait_for_first_import(beheerder, self)

    def ensure_master_data(self) -> None:
        """Chapter 1's customer and articles, added in SnelStart and synced."""
        self.ensure_active()
        if self.master_data:
            return
        snelstart, beheerder = self.snelstart(), self.office("beheerder")
        add_customer(snelstart, self, CUSTOMER, "Zonnebloemstraat 4", "3581 AB", "Utrecht")
        for code, description, group in (ARTICLE, OTHER_GROUP_ARTICLE):
            add_article(snelstart, self, code, description, group)
        sync_now(beheerder, self)
        beheerder.goto(f"/klanten/?q={CUSTOMER}")
        beheerder.reload_until(beheerder.page.locator("main table"), CUSTOMER)
        self.master_data = True


# -- Simon: activation and settings (chapters 4 and 5) --------------------------------------------
def open_activation(beheerder: Screen) -> None:
    """'Integraties' → 'Activeer integratie' → SnelStart 'Inzetbaar': the explanation page."""
    page = beheerder.page
    beheerder.click(page.get_by_role("navigation", name="Hoofdmenu").get_by_text("Integraties"))
    beheerder.click(page.get_by_role("link", name="Activeer integratie"))
    beheerder.click(page.locator("tr", has_text="SnelStart").get_by_role("link", name="Inzetbaar"))
    expect(page.get_by_role("button", name="Start activatie")).to_be_visible()


def wipe_everything(beheerder: Screen) -> None:
    page = beheerder.page
    expect(page.locator("h1")).to_have_text("Wissen Simon data")
    beheerder.click(page.get_by_role("button", name="Wissen Simon data"))
    expect(page.locator("h1")).to_contain_text("Weet je zeker")
    beheerder.click(page.get_by_role("button", name="Ja, wis de data"))


def new_koppelsleutel(snelstart: Screen, story: Story) -> str:
    """SnelStart: 'Koppelingen' → Simon → 'Koppeling instellen' → akkoord → copy the key."""
    page = snelstart.page
    snelstart.goto(story.at("/koppelingen"))
    snelstart.click(page.get_by_test_id("app-simon"))
    snelstart.click(page.get_by_test_id("koppeling-instellen"))
    snelstart.click(page.get_by_test_id("akkoord"))
    page.get_by_test_id("kopieer-sleutel").click()
    expect(page.get_by_text("Gekopieerd!")).to_be_visible()
    return page.get_by_test_id("koppelsleutel").inner_text().strip()


def paste_koppelsleutel(beheerder: Screen, key: str) -> None:
    """'Koppelsleutel' → 'Check in SnelStart'; Simon goes on to 'Instellingen'."""
    page = beheerder.page
    page.get_by_label("Koppelsleutel").fill(key)
    beheerder.click(page.get_by_role("button", name="Check in SnelStart"))


def connect(beheerder: Screen, snelstart: Screen, story: Story) -> str:
    expect(beheerder.page.locator("h1")).to_have_text("Koppel Simon met SnelStart")
    key = new_koppelsleutel(snelstart, story)
    paste_koppelsleutel(beheerder, key)
    expect(beheerder.page.locator("h1")).to_have_text("Instellingen")
    story.remember_overview(beheerder.page.url)
    return key


def setting_row(beheerder: Screen, name: str) -> Locator:
    return beheerder.page.locator(f'tr[data-check="{name}"]')


def check(beheerder: Screen, name: str) -> str:
    """Press the row's 'Controleer' and return the answer (✓ or ✗ and why)."""
    row = setting_row(beheerder, name)
    result = row.locator(".check-result")
    row.get_by_role("button", name="Controleer").click()
    expect(result).to_have_text(re.compile(r"^[✓✗]"))
    return result.inner_text()


def fill_in_settings(beheerder: Screen, values: dict[str, str] | None = None) -> None:
    page = beheerder.page
    for name, value in (values or SETTINGS).items():
        page.locator(f"#id_{name}").fill(value)
    for name, value in CHOICES.items():
        page.locator(f"#id_{name}").select_option(value)


def check_all_and_save(beheerder: Screen, story: Story) -> None:
    page = beheerder.page
    page.get_by_role("button", name="Alles controleren").click()
    expect(page.locator(".check-result[data-passed]")).to_have_count(SETTINGS_ROWS)
    terms = page.get_by_label("Ik ga akkoord met de algemene voorwaarden van de integratie")
    if terms.count():  # asked once, when the integration starts
        terms.check()
    story.activated_at = time.monotonic()
    beheerder.click(page.get_by_role("button", name="Opslaan"))


def wait_for_first_import(beheerder: Screen, story: Story) -> None:
    page = beheerder.page
    expect(page.locator("main .integration-status")).to_have_text("Actief", timeout=60_000)
    expect(page.locator("#import-progress")).to_contain_text("De eerste import is klaar")
    story.active = True


def open_overview(beheerder: Screen, story: Story) -> None:
    beheerder.goto(story.overview)


def sync_now(beheerder: Screen, story: Story) -> None:
    """'Nu synchroniseren' on the integration's page (the worker does the rest)."""
    open_overview(beheerder, story)
    beheerder.click(beheerder.page.get_by_role("button", name="Nu synchroniseren"))
    expect(beheerder.page.locator(".messages")).to_contain_text("De synchronisatie is gestart")


def wait_for_first_scheduled_run(beheerder: Screen, story: Story) -> None:
    """After 'Opslaan' the worker's next minute tick runs one more sync (and the first
    clean-up); after that, with the journeys' hour-long interval, nothing syncs unless someone
    asks. A step that needs Simon not to have seen a change in SnelStart yet waits for that
    tick: it comes within a minute of 'Opslaan' (Huey's scheduler looks every minute), and
    the sync it starts takes well under ten seconds here."""
    assert story.activated_at, "the integration was not started in this session"
    left = story.activated_at + 70 - time.monotonic()
    if left > 0:
        beheerder.page.wait_for_timeout(left * 1000)


# -- Simon: work orders ---------------------------------------------------------------------------
def choose_customer(office: Screen, name: str) -> None:
    """'Klant zoeken', then pick the customer; the work address list follows the choice."""
    page = office.page
    page.get_by_label("Klant zoeken").fill(name)
    option = page.locator("#id_customer option", has_text=name)
    expect(option).to_have_count(1)
    page.get_by_label("Klant", exact=True).select_option(option.get_attribute("value"))
    addresses = page.locator("#id_work_address option")
    expect(addresses).not_to_have_count(1)  # more than '— geen werkadres —'


def new_work_order(
    office: Screen,
    description: str,
    customer: str | None = None,
    reference: str = "",
    plan_for: str | None = None,
) -> str:
    """'Werkbonnen' → 'Nieuwe werkbon' → 'Werkbon aanmaken'; returns the work order's number.

    With a customer, its first work address (its SnelStart address) is taken; with plan_for,
    the work order is planned today from 08:00 to 12:00 for that employee.
    """
    page = office.page
    office.goto("/werkbonnen/")
    office.click(page.get_by_role("link", name="Nieuwe werkbon"))
    if customer is not None:
        choose_customer(office, customer)
        page.get_by_label("Werkadres").select_option(index=1)
    page.get_by_label("Werkomschrijving").fill(description)
    page.get_by_label("Klantreferentie").fill(reference)
    if plan_for is not None:
        page.get_by_label("Datum").fill(dt.datetime.now(AMSTERDAM).date().isoformat())
        page.get_by_label("Begintijd").fill("08:00")
        page.get_by_label("Eindtijd").fill("12:00")
        page.get_by_label(plan_for).check()
    office.click(page.get_by_role("button", name="Werkbon aanmaken"))
    title = page.locator("h1")
    expect(title).to_have_text(re.compile(r"^Werkbon \d{4}-\d+$"))
    return title.inner_text().removeprefix("Werkbon ")


def open_work_order(office: Screen, number: str) -> None:
    office.goto(f"/werkbonnen/?q={number}")
    office.click(office.page.get_by_role("link", name=number, exact=True))
    expect(office.page.locator("h1")).to_have_text(f"Werkbon {number}")


def report_complete(office: Screen) -> None:
    """'Gereed melden' from the office, and 'Ja, gereed melden' on its summary when asked."""
    page = office.page
    header = page.locator("#werkbon")
    action = header.get_by_role("link", name="Gereed melden").or_(
        header.get_by_role("button", name="Gereed melden")
    )
    office.click(action)
    confirm = page.get_by_role("button", name="Ja, gereed melden")
    status = page.locator("#status")
    expect(confirm.or_(status.get_by_text("Gereed gemeld"))).to_be_visible()
    if confirm.is_visible():
        office.click(confirm)
    expect(status).to_have_text("Gereed gemeld")


def archive(office: Screen) -> None:
    """'Archiveren' → the confirmation with the sales order it will make → 'Ja, archiveren'."""
    page = office.page
    office.click(page.locator("#werkbon").get_by_role("link", name="Archiveren"))
    expect(page.locator("h1")).to_contain_text("archiveren?")
    office.click(page.get_by_role("button", name="Ja, archiveren"))
    expect(page.locator(".messages")).to_contain_text("is gearchiveerd")


def export_status(office: Screen) -> Locator:
    return office.page.locator("section#snelstart .export-status")


# -- SnelStart's screens --------------------------------------------------------------------------
def add_customer(
    snelstart: Screen, story: Story, name: str, street: str, postcode: str, city: str
) -> None:
    page = snelstart.page
    snelstart.goto(story.at("/relaties/nieuw"))
    form = page.locator("form.form")
    form.get_by_label("Naam").fill(name)
    form.get_by_label("Straat en huisnummer").fill(street)
    form.get_by_label("Postcode").fill(postcode)
    form.get_by_label("Plaats").fill(city)
    snelstart.click(form.get_by_role("button", name="Opslaan"))
    expect(page.get_by_test_id("relaties")).to_be_visible()


def add_article(snelstart: Screen, story: Story, code: str, description: str, group: str) -> None:
    page = snelstart.page
    snelstart.goto(story.at("/artikelen/nieuw"))
    form = page.locator("form.form")
    form.get_by_label("Artikelcode").fill(code)
    form.get_by_label("Omschrijving").fill(description)
    group_select = form.get_by_label("Artikelomzetgroep")
    value = group_select.locator("option", has_text=re.compile(rf"\d+ {group}$")).get_attribute(
        "value"
    )
    group_select.select_option(value)
    form.get_by_label("Verkoopprijs").fill("12,50")
    snelstart.click(form.get_by_role("button", name="Opslaan"))
    expect(page.get_by_test_id("artikelen")).to_be_visible()


def open_relatie(snelstart: Screen, story: Story, name: str) -> None:
    snelstart.goto(story.at(f"/relaties?q={name}"))
    snelstart.click(snelstart.page.get_by_test_id("relaties").get_by_role("link", name=name))


def open_sales_order(snelstart: Screen, story: Story, search: str) -> None:
    """'Verkooporders', search, open the one order found."""
    page = snelstart.page
    snelstart.goto(story.at(f"/verkooporders?q={search}"))
    orders = page.get_by_test_id("verkooporder")
    expect(orders).to_have_count(1)
    snelstart.click(orders.get_by_test_id("verkooporder-link"))


def sales_order_lines(snelstart: Screen) -> list[tuple[str, str, str]]:
    """(article code, description, quantity) of the order's lines, as SnelStart shows them."""
    rows = snelstart.page.get_by_test_id("verkooporder-regel")
    lines = []
    for row in rows.all():
        cells = row.locator("td").all_inner_texts()
        lines.append((cells[0].strip(), cells[1].strip(), cells[2].strip()))
    return lines


def no_sales_order_for(snelstart: Screen, story: Story, search: str) -> None:
    snelstart.goto(story.at(f"/verkooporders?q={search}"))
    expect(snelstart.page.get_by_test_id("verkooporders")).to_contain_text(
        "Geen verkooporders gevonden."
    )


# -- the log's colours -------------------------------------------------------------------------
def row_colour(row: Locator) -> str:
    """What a person calls the colour of a log row: 'wit', 'groen', 'geel', 'rood', 'blauw'."""
    text = row.locator("td").first.evaluate("cell => getComputedStyle(cell).backgroundColor")
    r, g, b = (int(n) for n in re.findall(r"\d+", text)[:3])
    if min(r, g, b) >= 245:
        return "wit"
    if r >= b + 20 and g >= b + 20:  # red and green well above blue: yellow (or orange)
        return "geel"
    if r > g and r > b:
        return "rood"
    if g > r and g >= b:
        return "groen"
    if b > r:
        return "blauw"
    return f"? ({r}, {g}, {b})"
