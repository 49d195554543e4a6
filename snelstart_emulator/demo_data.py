"""Administrations and their deterministic demo data.

The same seed and counts give the same data - ids, names, prices and `modifiedOn` values - so
tests can compare two runs. Demo timestamps run from `DEMO_EPOCH` onwards (Amsterdam wall time),
a few seconds to minutes apart, so they never collide with what the live clock writes later.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from snelstart_emulator import names
from snelstart_emulator.clock import format_wall, truncate
from snelstart_emulator.collection import Record
from snelstart_emulator.domain import verkooporders
from snelstart_emulator.domain.common import EMPTY_EMAIL_SETTING, empty_address, ref
from snelstart_emulator.domain.landen import NEDERLAND_ID
from snelstart_emulator.domain.reference_data import company_data, group_data, template_data
from snelstart_emulator.state import Administration, ClientKey, Store

DEMO_EPOCH = datetime(2026, 1, 5, 8, 0, 0)


@dataclass
class DemoSpec:
    """What `create_administration` builds. Without `demo`, only the records every
    administration has: the own relatie, the two placeholders, groups and templates."""

    name: str | None = None
    demo: bool = True
    seed: int = 0
    customers: int = 25
    suppliers: int | None = None  # default: customers // 20, at least 2
    articles: int = 50
    groups: int = 6
    templates: int = 3
    orders: int = 5
    artikelcode_soort: str = "Alfanumeriek"
    artikelcode_max_lengte: int = 20


class _Builder:
    def __init__(self, store: Store, admin: Administration, seed: int) -> None:
        self.store = store
        self.admin = admin
        self.rng = random.Random(seed)
        self.moment = DEMO_EPOCH
        self.digits = store.settings.modified_on_fraction_digits
        self.group_refs: dict[str, dict[str, str] | None] = {}

    def uuid(self) -> str:
        """A version-4 UUID from the seeded RNG (formatted by hand: uuid.UUID is slow)."""
        h = f"{self.rng.getrandbits(128):032x}"
        variant = "89ab"[int(h[16], 16) & 3]
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant}{h[17:20]}-{h[20:32]}"

    def group_ref(self, group: Record) -> dict[str, str] | None:
        # One shared identifier per group: stored data is never mutated in place, and 100,000
        # articles then hold 100,000 references instead of 100,000 small dicts.
        if group.id not in self.group_refs:
            self.group_refs[group.id] = ref("artikelomzetgroepen", group.id)
        return self.group_refs[group.id]

    def pick(self, options: Sequence[Any]) -> Any:
        return options[int(self.rng.random() * len(options))]

    def record(self, data: dict[str, Any]) -> Record:
        # 1 to 90 seconds between demo changes, with millisecond fractions.
        self.moment += timedelta(milliseconds=int(1000 + self.rng.random() * 89000))
        modified = truncate(self.moment, self.digits)
        return Record(self.uuid(), self.admin.take_seq(), modified, format_wall(modified), data)

    # -- relaties -------------------------------------------------------------------------------
    def relatie(self, naam: str, soort: str, code: int, **extra: Any) -> Record:
        data: dict[str, Any] = {
            "relatiesoort": [soort],
            "relatiecode": code,
            "naam": naam,
            "vestigingsAdres": empty_address(),
            "correspondentieAdres": empty_address(),
            "telefoon": None,
            "mobieleTelefoon": None,
            "fax": None,
            "email": None,
            "btwNummer": None,
            "factuurkorting": 0.0,
            "krediettermijn": 0,
            "bankieren": False,
            "nonactief": False,
            "kredietLimiet": 0.0,
            "memo": None,
            "kvkNummer": None,
            "oin": None,
            "websiteUrl": None,
            "aanmaningsoort": "Nee",
            **{key: dict(EMPTY_EMAIL_SETTING) for key in _EMAIL_KEYS},
            "ublBestandAlsBijlage": False,
            "iban": None,
            "bic": None,
            "incassoSoort": "Geen",
            "factuurRelatie": None,
            "documents": [],
            "extraVeldenKlant": [],
        }
        data.update(extra)
        return self.record(data)

    def address(self) -> dict[str, Any]:
        rng = self.rng
        plaats, prefix, _ = rng.choice(names.CITIES)
        number = rng.randint(1, 250)
        addition = rng.choice(names.HOUSE_NUMBER_ADDITIONS)
        letters = "ABCDEGHJKLMNPRSTVWXZ"
        postcode = f"{prefix + rng.randint(0, 80)} {rng.choice(letters)}{rng.choice(letters)}"
        return {
            "contactpersoon": None,
            "straat": f"{rng.choice(names.STREETS)} {number}{addition}",
            "postcode": postcode,
            "plaats": plaats,
            "land": ref("landen", NEDERLAND_ID),
        }

    def customer(self, code: int, soort: str) -> Record:
        rng = self.rng
        first, surname = rng.choice(names.FIRST_NAMES), rng.choice(names.SURNAMES)
        person = f"{first} {surname}"
        if rng.random() < 0.7:
            kind, suffix = rng.choice(names.COMPANY_KINDS), rng.choice(names.COMPANY_SUFFIXES)
            naam = f"{kind} {surname[0].upper()}{surname[1:]}{suffix}"
        else:
            naam = f"{first[0]}. {surname}"
        address = self.address()
        address["contactpersoon"] = person
        mail_name = "".join(c for c in surname.lower() if c.isalpha())
        correspondentie = empty_address()
        if rng.random() < 0.2:
            correspondentie = {**address, "straat": f"Postbus {rng.randint(1, 9999)}"}
        _, _, area = next(c for c in names.CITIES if c[0] == address["plaats"])
        return self.relatie(
            naam[:50],
            soort,
            code,
            vestigingsAdres=address,
            correspondentieAdres=correspondentie,
            telefoon=f"{area}-{rng.randint(1000000, 9999999)}"[:11] if rng.random() < 0.8 else None,
            email=f"{first.lower()}@{mail_name}.example.nl" if rng.random() < 0.85 else None,
            krediettermijn=rng.choice((14, 14, 30)),
            nonactief=rng.random() < 0.05,
        )

    # -- artikelen ------------------------------------------------------------------------------
    def article(
        self, code: str, omschrijving: str, group: Record, price: float, **extra: Any
    ) -> Record:
        data = {
            "isHoofdartikel": False,
            "subartikelen": (),  # an empty tuple is shared and serialises as []
            "artikelcode": code,
            "omschrijving": omschrijving,
            "artikelOmzetgroep": self.group_ref(group),
            "verkoopprijs": price,
            "inkoopprijs": round(price * 0.6, 2),
            "eenheid": "stuk",
            "relatie": None,
            "isNonActief": False,
            "voorraadControle": False,
            "technischeVoorraad": 0.0,
            "vrijeVoorraad": 0.0,
            "extraVelden": (),
        }
        data.update(extra)
        return self.record(data)


_EMAIL_KEYS = (
    "offerteEmailVersturen", "bevestigingsEmailVersturen", "factuurEmailVersturen",
    "aanmaningEmailVersturen", "offerteAanvraagEmailVersturen", "bestellingEmailVersturen",
)  # fmt: skip


def create_administration(
    store: Store,
    spec: DemoSpec,
    client_key: str | None = None,
    scopes: tuple[str, ...] | None = None,
    administration_id: str | None = None,
) -> tuple[Administration, ClientKey]:
    """A new administration with its first koppelsleutel."""
    admin_id = administration_id or str(uuid.uuid4())
    name = spec.name or f"Demo administratie {spec.seed}"
    company = company_data(name, admin_id, str(spec.seed))
    company["artikelcodeSoort"] = spec.artikelcode_soort
    company["artikelcodeMaxLengte"] = spec.artikelcode_max_lengte
    admin = Administration(admin_id, name, company)
    _fill(store, admin, spec)
    store.add_administration(admin)
    entry = store.add_client_key(admin.id, scopes, client_key)
    store.changed()
    return admin, entry


def _fill(store: Store, admin: Administration, spec: DemoSpec) -> None:
    build = _Builder(store, admin, spec.seed)
    relaties = [
        build.relatie(spec.name or admin.name, "Eigen", 0),
        build.relatie("Leverancier onbekend", "Leverancier", -1),
        build.relatie("Klant onbekend", "Klant", -2),
    ]
    customers = spec.customers if spec.demo else 0
    suppliers = (
        (spec.suppliers if spec.suppliers is not None else max(2, customers // 20))
        if spec.demo
        else 0
    )
    relaties += [build.customer(1000 + i, "Klant") for i in range(customers)]
    relaties += [build.customer(9000 + i, "Leverancier") for i in range(suppliers)]
    admin.relaties.bulk_load(relaties)
    admin.relatiecodes.update({r.data["relatiecode"]: r.id for r in relaties})

    groups = []
    for index in range(max(1, spec.groups)):
        naam, btw = names.GROUPS[index % len(names.GROUPS)]
        if index >= len(names.GROUPS):
            naam = f"{naam} {index // len(names.GROUPS) + 1}"
        groups.append(build.record(group_data(index + 1, naam, btw, build.uuid())))
    admin.groepen.bulk_load(groups)
    templates = []
    for index in range(max(1, spec.templates)):
        naam, exclusive = names.TEMPLATES[index % len(names.TEMPLATES)]
        templates.append(
            build.record(template_data(naam if index < 3 else f"{naam} {index}", exclusive))
        )
    admin.sjablonen.bulk_load(templates)

    if spec.demo:
        _fill_articles(
            build, admin, spec, groups, [r for r in relaties if r.data["relatiecode"] >= 9000]
        )
        _fill_orders(build, admin, spec)


def _fill_articles(
    build: _Builder,
    admin: Administration,
    spec: DemoSpec,
    groups: list[Record],
    suppliers: list[Record],
) -> None:
    rng = build.rng
    numeric = spec.artikelcode_soort == "Numeriek"
    specials = [
        ("ARBEID", "Arbeid per uur", 65.0, "uur"),
        ("REISTIJD", "Reistijd per uur", 45.0, "uur"),
        ("VOORRIJ", "Voorrijkosten", 35.0, "stuk"),
    ]
    articles = []
    for index, (code, text, price, unit) in enumerate(specials[: spec.articles]):
        articles.append(
            build.article(str(index + 1) if numeric else code, text, groups[0], price, eenheid=unit)
        )
    random, pick = rng.random, build.pick
    for index in range(len(articles), spec.articles):
        group = pick(groups)
        price = round(0.5 + random() * 749.5, 2)
        stock = random() < 0.2
        extra: dict[str, Any] = {
            "eenheid": pick(names.UNITS),
            "isNonActief": random() < 0.03,
            "voorraadControle": stock,
        }
        if stock:
            amount = float(int(random() * 41))
            extra["technischeVoorraad"] = amount
            extra["vrijeVoorraad"] = amount
        if suppliers and random() < 0.1:
            extra["relatie"] = ref("relaties", pick(suppliers).id)
        text = f"{pick(names.PRODUCTS)} {pick(names.VARIANTS)}"
        articles.append(build.article(str(10000 + index), text, group, price, **extra))
    admin.artikelen.bulk_load(articles)
    admin.artikelcodes.update({a.data["artikelcode"].lower(): a.id for a in articles})


def _fill_orders(build: _Builder, admin: Administration, spec: DemoSpec) -> None:
    rng = build.rng
    klanten = [
        r
        for r in admin.relaties
        if r.data["relatiecode"] >= 1000 and "Klant" in r.data["relatiesoort"]
    ]
    klanten = [r for r in klanten if not r.data["nonactief"]]
    active = [a for a in list(admin.artikelen)[:500] if not a.data["isNonActief"]]
    if not klanten or not active:
        return
    orders = []
    for index in range(spec.orders):
        customer = rng.choice(klanten)
        lines: list[dict[str, Any]] = [
            {
                "artikel": ref("artikelen", article.id),
                "omschrijving": None,
                "stuksprijs": None,
                "aantal": float(rng.randint(1, 10)),
                "kortingsPercentage": 0.0,
                "totaal": None,
                "extraRegelVelden": [],
            }
            for article in rng.sample(active, min(len(active), rng.randint(1, 4)))
        ]
        data = {
            "relatie": ref("relaties", customer.id),
            "procesStatus": "Order",
            "nummer": admin.next_order_number,
            "datum": format_wall(build.moment.replace(hour=0, minute=0, second=0, microsecond=0)),
            "krediettermijn": None,
            "geblokkeerd": None,
            "omschrijving": f"Werkbon {1000 + index}",
            "betalingskenmerk": None,
            "incassomachtiging": None,
            "afleveradres": None,
            "factuuradres": None,
            "verkooporderBtwIngaveModel": None,
            "kostenplaats": None,
            "regels": lines,
            "memo": None,
            "orderreferentie": f"WB-{1000 + index}",
            "factuurkorting": 0.0,
            "verkoopfactuur": None,
            "verkoopordersjabloon": None,
            "verkoopOrderStatus": "InBehandeling",
            "totaalExclusiefBtw": None,
            "totaalInclusiefBtw": None,
            "extraHoofdVelden": [],
        }
        admin.next_order_number += 1
        orders.append(build.record(verkooporders.complete(admin, data)))
    admin.verkooporders.bulk_load(orders)
