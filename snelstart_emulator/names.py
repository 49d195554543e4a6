"""Word lists for Dutch demo data."""

from __future__ import annotations

FIRST_NAMES = (
    "Jan", "Piet", "Kees", "Henk", "Willem", "Johan", "Gerrit", "Bram", "Daan", "Sem", "Lucas",
    "Thijs", "Ruben", "Joost", "Marco", "Erik", "Anna", "Emma", "Sophie", "Julia", "Lotte", "Sanne",
    "Fleur", "Eva", "Marieke", "Ingrid", "Anouk", "Femke", "Noor", "Linda", "Wendy", "Petra",
)  # fmt: skip
SURNAMES = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
    "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel", "van der Veen",
    "van den Broek", "de Bruijn", "de Bruin", "van der Heijden", "Schouten", "van Beek", "Willems",
    "van Vliet", "van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster", "van Dam", "Prins",
    "Blom", "Huisman", "Peeters", "O'Brien",
)  # fmt: skip
COMPANY_KINDS = (
    "Installatiebedrijf", "Bakkerij", "Garage", "Kapsalon", "Bouwbedrijf", "Schildersbedrijf",
    "Hoveniersbedrijf", "Tandartspraktijk", "Restaurant", "Drukkerij", "Administratiekantoor",
    "Loodgietersbedrijf", "Elektrotechniek", "Dakdekkersbedrijf", "Camping", "Zorgboerderij",
)  # fmt: skip
COMPANY_SUFFIXES = ("", "", " B.V.", " V.O.F.", " & Zn.", " Holding B.V.")
STREETS = (
    "Kerkstraat", "Dorpsstraat", "Molenweg", "Schoolstraat", "Stationsweg", "Hoofdstraat",
    "Nieuwstraat", "Julianastraat", "Beatrixlaan", "Industrieweg", "Marktplein", "Wilhelminastraat",
    "Parallelweg", "Kastanjelaan", "Eikenlaan", "Lindenlaan", "Prinsengracht", "Havenstraat",
    "Burgemeester de Withstraat", "Van Goghstraat", "Rembrandtlaan", "Sportlaan", "Zuiderweg",
    "Oude Rijksweg", "Koningin Emmaplein",
)  # fmt: skip
HOUSE_NUMBER_ADDITIONS = ("", "", "", "", "", "", "a", "b", " bis", "-2", " A", "-1hg", " rood")
# (plaats, postcode prefix, telephone area code)
CITIES = (
    ("Amsterdam", 1011, "020"), ("Rotterdam", 3011, "010"), ("Utrecht", 3511, "030"),
    ("Den Haag", 2511, "070"), ("Eindhoven", 5611, "040"), ("Groningen", 9711, "050"),
    ("Tilburg", 5011, "013"), ("Almere", 1315, "036"), ("Breda", 4811, "076"),
    ("Nijmegen", 6511, "024"), ("Apeldoorn", 7311, "055"), ("Haarlem", 2011, "023"),
    ("Arnhem", 6811, "026"), ("Amersfoort", 3811, "033"), ("Zwolle", 8011, "038"),
    ("Leeuwarden", 8911, "058"), ("Maastricht", 6211, "043"), ("Dordrecht", 3311, "078"),
    ("Leiden", 2311, "071"), ("Enschede", 7511, "053"), ("'s-Hertogenbosch", 5211, "073"),
    ("Zaandam", 1501, "075"), ("Veenendaal", 3901, "0318"), ("Houten", 3991, "030"),
)  # fmt: skip
GROUPS = (
    ("Arbeid", "Hoog"), ("Materialen", "Hoog"), ("Sanitair", "Hoog"), ("Verwarming", "Hoog"),
    ("Elektra", "Hoog"), ("Klein materiaal", "Hoog"), ("Schilderwerk woningen", "Laag"),
    ("Gereedschap", "Hoog"), ("Boeken en tijdschriften", "Laag"), ("Export", "Geen"),
)  # fmt: skip
TEMPLATES = (("Standaard", True), ("Werkbon", True), ("Particulier", False))
PRODUCTS = (
    "Koperen knie", "Koperen bocht", "T-stuk", "Kogelkraan", "Thermostaatkraan", "PVC-buis",
    "Radiator", "Mengkraan", "Sifon", "Afvoerbuis", "Wandcloset", "Wastafel", "Douchegarnituur",
    "Installatiedraad", "Wandcontactdoos", "Schakelaar", "Groepenkast", "Aardlekschakelaar",
    "Kabelgoot", "Lasdop", "Isolatieband", "Siliconenkit", "Montagekit", "Pluggen", "Schroeven",
    "Expansievat", "Vulkraan", "Pomp", "Rookmelder", "Ventilatierooster",
)  # fmt: skip
VARIANTS = (
    "15 mm", "22 mm", "28 mm", "1/2\"", "3/4\"", "110 mm", "40 mm", "wit", "chroom", "RVS",
    "2,5 mm²", "1,5 mm²", "set van 10", "per meter", "type A", "type B", "zwart", "300 ml",
)  # fmt: skip
UNITS = ("stuk", "stuk", "stuk", "meter", "doos", None)
