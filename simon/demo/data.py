"""The demo's fixed data: Dutch customers, articles and form templates of an installer."""

from __future__ import annotations

import base64
import io
import math
from decimal import Decimal

from PIL import Image, ImageDraw

ORGANIZATION_NAME = "Demo Installatietechniek"
PASSWORD = "simon-demo"

# username, role, first name, last name
USERS = [
    ("beheerder", "beheerder", "Bea", "de Boer"),
    ("kantoor", "kantoor", "Karin", "Kok"),
    ("monteur1", "monteur", "Mehmet", "Yilmaz"),
    ("monteur2", "monteur", "Sanne", "Visser"),
]

# name, street, house number, postcode, city, phone
CUSTOMERS = [
    ("Bakkerij De Korenaar", "Voorstraat", "14", "3512 AK", "Utrecht", "030 231 4455"),
    ("Van den Berg Vastgoed B.V.", "Maliebaan", "82", "3581 CW", "Utrecht", "030 254 1200"),
    ("Fam. Jansen", "Kastanjelaan", "7", "3722 AB", "Bilthoven", "06 1234 5678"),
    ("Huisartsenpraktijk Zuilen", "Amsterdamsestraatweg", "455", "3553 EE", "Utrecht", ""),
    ("Restaurant De Gouden Leeuw", "Oudegracht", "120", "3511 AW", "Utrecht", "030 232 9090"),
    ("Fam. de Vries", "Merelstraat", "23", "3404 BC", "IJsselstein", "06 2345 6789"),
    ("Basisschool De Regenboog", "Schoolstraat", "2", "3431 HG", "Nieuwegein", "030 603 1122"),
    ("Woningcorporatie Lekstede", "Stationsweg", "40", "3401 CN", "IJsselstein", "030 688 7700"),
    ("Fam. Bakker", "Julianaweg", "151", "3525 HL", "Utrecht", "06 3456 7890"),
    ("Sportschool FitZone", "Industrieweg", "9", "3542 AD", "Utrecht", "030 241 5566"),
    ("Dhr. P. Mulder", "Kerkplein", "3", "3981 CH", "Bunnik", "06 4567 8901"),
    ("Hotel Het Wapen", "Markt", "11", "3811 BD", "Amersfoort", "033 461 2233"),
    ("Tandartspraktijk Smile", "Burgemeester Reigerstraat", "56", "3581 KP", "Utrecht", ""),
    ("Fam. Visser", "Dorpsstraat", "88", "3732 HJ", "De Bilt", "06 5678 9012"),
    ("VvE Parkzicht", "Parkweg", "1", "3603 AB", "Maarssen", "0346 55 6677"),
    ("Kinderdagverblijf Ukkie", "Zonnebloemlaan", "12", "3435 SE", "Nieuwegein", "030 604 9988"),
    ("Garage Van Dijk", "Nijverheidsweg", "21", "3534 AM", "Utrecht", "030 244 3344"),
    ("Mevr. A. Smit", "Lindelaan", "5", "3768 BX", "Soest", "06 6789 0123"),
    ("Kerkgenootschap De Ark", "Kerkweg", "30", "3417 MA", "Montfoort", ""),
    ("Fam. Hendriks", "Esdoornstraat", "44", "3815 GA", "Amersfoort", "06 7890 1234"),
    ("Kantoorpand De Wissel", "Europalaan", "100", "3526 KS", "Utrecht", "030 280 1000"),
    ("Bloemisterij Flora", "Achterstraat", "8", "3441 EE", "Woerden", "0348 41 2233"),
    ("Fam. Peters", "Wilhelminastraat", "19", "3621 VK", "Breukelen", "06 8901 2345"),
    ("Zorgcentrum Het Baken", "Zorgweg", "2", "3941 XX", "Doorn", "0343 41 5500"),
    ("Fietsenmaker Rijwiel", "Twijnstraat", "47", "3511 ZH", "Utrecht", "030 231 7788"),
]

# Extra work addresses: customer index -> (label, street, number, postcode, city, contact)
EXTRA_ADDRESSES = {
    1: [
        ("Appartementen Lombok", "Kanaalstraat", "200", "3531 CN", "Utrecht", "Beheerder Kees"),
        ("Winkelpand Centrum", "Steenweg", "33", "3511 JN", "Utrecht", ""),
    ],
    4: [("Opslag", "Vlampijpstraat", "60", "3534 AR", "Utrecht", "Chef Ahmed")],
    6: [("Gymzaal", "Sportlaan", "4", "3431 HH", "Nieuwegein", "Conciërge Wim")],
    7: [
        ("Complex Hoge Biezen", "Biezenwade", "2", "3402 AA", "IJsselstein", "Huismeester Jan"),
        ("Complex Achtersloot", "Achtersloot", "10", "3401 NW", "IJsselstein", ""),
    ],
    11: [("Dependance", "Langestraat", "5", "3811 AA", "Amersfoort", "")],
    14: [("Parkeergarage", "Parkweg", "1A", "3603 AB", "Maarssen", "VvE-beheer")],
    20: [("Verdieping 3", "Europalaan", "100", "3526 KS", "Utrecht", "Facilitair: Lisa")],
    23: [("Locatie Driebergen", "Hoofdstraat", "150", "3971 KL", "Driebergen", "Teamleider Mia")],
}

D = Decimal
# group -> [(code, description, unit, price)]
ARTICLES = {
    "Arbeid": [
        ("ARB-UUR", "Arbeid monteur per uur", "uur", D("62.50")),
        ("REIS-UUR", "Reistijd per uur", "uur", D("45.00")),
        ("ARB-SPOED", "Spoedtoeslag per uur", "uur", D("30.00")),
        ("ARB-LEER", "Leerling-monteur per uur", "uur", D("38.00")),
        ("VOORRIJ", "Voorrijkosten", "stuk", D("35.00")),
    ],
    "Materialen": [
        ("KOP-15", "Koperen buis 15 mm", "meter", D("7.95")),
        ("KOP-22", "Koperen buis 22 mm", "meter", D("11.50")),
        ("KNIE-15", "Knie 90° 15 mm", "stuk", D("1.20")),
        ("KNIE-22", "Knie 90° 22 mm", "stuk", D("1.85")),
        ("TEE-15", "T-stuk 15 mm", "stuk", D("1.60")),
        ("KRAAN-15", "Kogelkraan 15 mm", "stuk", D("9.75")),
        ("TEFLON", "Teflontape 12 m", "rol", D("1.10")),
        ("SIFON-32", "Sifon 32 mm", "stuk", D("12.40")),
        ("PVC-40", "PVC afvoerbuis 40 mm", "meter", D("3.25")),
        ("PVC-BOCHT-40", "PVC bocht 40 mm", "stuk", D("1.45")),
        ("ISOL-15", "Buisisolatie 15 mm", "meter", D("1.95")),
        ("KIT-SAN", "Sanitairkit wit", "koker", D("8.90")),
        ("PAKKING-SET", "Pakkingset assorti", "set", D("6.50")),
        ("FLEX-30", "Flexibele slang 30 cm", "stuk", D("5.40")),
        ("BEUGEL-15", "Buisbeugel 15 mm", "stuk", D("0.65")),
    ],
    "Installatie": [
        ("CV-COMBI-28", "CV-ketel combi HR 28 kW", "stuk", D("1895.00")),
        ("CV-COMBI-36", "CV-ketel combi HR 36 kW", "stuk", D("2195.00")),
        ("THERMO-SLIM", "Slimme thermostaat", "stuk", D("219.00")),
        ("RAD-600", "Paneelradiator 600x1000 type 22", "stuk", D("189.00")),
        ("RADKRAAN-TH", "Thermostatische radiatorkraan", "stuk", D("34.50")),
        ("WP-HYBRIDE", "Hybride warmtepomp 4 kW", "stuk", D("3450.00")),
        ("BOILER-80", "Elektrische boiler 80 liter", "stuk", D("495.00")),
        ("MV-BOX", "Mechanische ventilatiebox", "stuk", D("325.00")),
        ("EXPANSIE-18", "Expansievat 18 liter", "stuk", D("59.00")),
        ("VULSET", "CV-vulset", "stuk", D("24.50")),
        ("ROOKGAS-60", "Rookgasafvoer 60/100 set", "set", D("145.00")),
        ("OVERSTORT", "Overstortventiel 3 bar", "stuk", D("18.75")),
    ],
    "Diensten": [
        ("ONDERH-CV", "Onderhoud CV-ketel", "stuk", D("119.00")),
        ("KEURING-GAS", "Gasdichtheidskeuring", "stuk", D("95.00")),
        ("LEKDETECTIE", "Lekdetectie", "stuk", D("175.00")),
        ("ONTSTOP", "Ontstoppen afvoer", "stuk", D("89.00")),
        ("INREGELEN", "Waterzijdig inregelen", "stuk", D("145.00")),
        ("STORING", "Storingsdienst buiten kantoortijd", "stuk", D("125.00")),
        ("ADVIES", "Adviesgesprek verduurzaming", "stuk", D("0.00")),
        ("AFVOER-OUD", "Afvoeren oude installatie", "stuk", D("45.00")),
    ],
}

# (name, description, [(label, kind, required, choices, help_text)])
FORM_TEMPLATES: list[tuple[str, str, list[tuple[str, str, bool, list[str], str]]]] = [
    (
        "Opleverformulier CV-ketel",
        "In te vullen bij oplevering of onderhoud van een CV-ketel.",
        [
            ("Merk en type ketel", "text", True, [], ""),
            ("Waterdruk na vullen (bar)", "number", True, [], "Tussen 1,5 en 2 bar."),
            ("Rookgasafvoer gecontroleerd", "yes_no", True, [], ""),
            ("Soort werkzaamheden", "choice", True, ["Nieuwe ketel", "Onderhoud", "Storing"], ""),
            ("Volgende onderhoudsdatum", "date", False, [], ""),
            ("Handtekening klant", "signature", True, [], "Laat de klant hier tekenen."),
        ],
    ),
    (
        "Veiligheidscheck",
        "Korte controle vóór het starten van de werkzaamheden.",
        [
            ("Gas afgesloten waar nodig", "yes_no", True, [], ""),
            ("Werkplek veilig en opgeruimd", "yes_no", True, [], ""),
            ("Bijzonderheden", "text", False, [], ""),
            ("Handtekening monteur", "signature", False, [], ""),
        ],
    ),
]


def _signature() -> str:
    """A drawn signature as the pad on the work order page stores it: a PNG data URL."""
    image = Image.new("RGBA", (200, 60), (0, 0, 0, 0))
    curve = [(10 + 9 * n, 30 + int(18 * math.sin(n / 2.2)) - n // 2) for n in range(21)]
    ImageDraw.Draw(image).line(curve, fill="black", width=2, joint="curve")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


SIGNATURE = _signature()

DESCRIPTIONS = [
    "Jaarlijks onderhoud CV-ketel",
    "Lekkage onder het aanrecht verhelpen",
    "CV-ketel vervangen door HR combi 28 kW",
    "Radiator bijplaatsen in de woonkamer",
    "Storing: ketel geeft foutcode E1",
    "Afvoer keuken verstopt",
    "Slimme thermostaat installeren",
    "Hybride warmtepomp plaatsen",
    "Mechanische ventilatie vervangen",
    "Gasdichtheidskeuring na verbouwing",
    "Boiler vervangen in de personeelsruimte",
    "Waterzijdig inregelen van de installatie",
]
