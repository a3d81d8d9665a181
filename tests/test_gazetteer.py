"""The gazetteer: the municipality list itself, form-field look-ups, and places in free text."""

from __future__ import annotations

import csv
import random
import time
import unicodedata
from importlib import resources

import pytest

from routing.matcher.gazetteer import Gazetteer, Municipality, finnish_forms, gazetteer

# Statistics Finland: 309 municipalities from 2021 (Honkajoki joined Kankaanpää) through
# 2024, when it noted "Suomen kuntien lukumäärä on 309, samoin kuin vuosina 2021-2023";
# no merger has taken effect since. 293 on the mainland, 16 on Åland.
MUNICIPALITY_COUNT = 309

REGIONS = {
    "01": ("Uusimaa", "Nyland"),
    "02": ("Varsinais-Suomi", "Egentliga Finland"),
    "04": ("Satakunta", "Satakunda"),
    "05": ("Kanta-Häme", "Egentliga Tavastland"),
    "06": ("Pirkanmaa", "Birkaland"),
    "07": ("Päijät-Häme", "Päijänne-Tavastland"),
    "08": ("Kymenlaakso", "Kymmenedalen"),
    "09": ("Etelä-Karjala", "Södra Karelen"),
    "10": ("Etelä-Savo", "Södra Savolax"),
    "11": ("Pohjois-Savo", "Norra Savolax"),
    "12": ("Pohjois-Karjala", "Norra Karelen"),
    "13": ("Keski-Suomi", "Mellersta Finland"),
    "14": ("Etelä-Pohjanmaa", "Södra Österbotten"),
    "15": ("Pohjanmaa", "Österbotten"),
    "16": ("Keski-Pohjanmaa", "Mellersta Österbotten"),
    "17": ("Pohjois-Pohjanmaa", "Norra Österbotten"),
    "18": ("Kainuu", "Kajanaland"),
    "19": ("Lappi", "Lappland"),
    "21": ("Ahvenanmaa", "Åland"),
}

# Municipalities per region after the 2021 changes of region (Heinävesi, Joroinen,
# Iitti, Kuhmoinen and Isokyrö moved).
REGION_SIZES = {
    "01": 26, "02": 27, "04": 16, "05": 11, "06": 23, "07": 10, "08": 6, "09": 9, "10": 12, "11": 19,
    "12": 13, "13": 22, "14": 18, "15": 14, "16": 8, "17": 30, "18": 8, "19": 21, "21": 16,
}  # fmt: skip

KNOWN = [
    # code, name_fi, name_sv, region
    ("091", "Helsinki", "Helsingfors", "01"),
    ("049", "Espoo", "Esbo", "01"),
    ("092", "Vantaa", "Vanda", "01"),
    ("245", "Kerava", "Kervo", "01"),
    ("186", "Järvenpää", "Träskända", "01"),
    ("106", "Hyvinkää", "Hyvinge", "01"),
    ("753", "Sipoo", "Sibbo", "01"),
    ("858", "Tuusula", "Tusby", "01"),
    ("710", "Raasepori", "Raseborg", "01"),
    ("078", "Hanko", "Hangö", "01"),
    ("444", "Lohja", "Lojo", "01"),
    ("638", "Porvoo", "Borgå", "01"),
    ("179", "Jyväskylä", "Jyväskylä", "13"),
    ("992", "Äänekoski", "Äänekoski", "13"),
    ("182", "Jämsä", "Jämsä", "13"),
    ("410", "Laukaa", "Laukaa", "13"),
    ("500", "Muurame", "Muurame", "13"),
    ("599", "Pedersören kunta", "Pedersöre", "15"),
    ("499", "Mustasaari", "Korsholm", "15"),
    ("790", "Sastamala", "Sastamala", "06"),
    ("020", "Akaa", "Akaa", "06"),
    ("508", "Mänttä-Vilppula", "Mänttä-Vilppula", "06"),
    ("322", "Kemiönsaari", "Kimitoön", "02"),
    ("445", "Parainen", "Pargas", "02"),
    ("853", "Turku", "Åbo", "02"),
    ("297", "Kuopio", "Kuopio", "11"),
    ("491", "Mikkeli", "S:t Michel", "10"),
    ("142", "Iitti", "Iitti", "07"),
    ("171", "Joroinen", "Jorois", "11"),
    ("090", "Heinävesi", "Heinävesi", "12"),
    ("291", "Kuhmoinen", "Kuhmoinen", "06"),
    ("152", "Isokyrö", "Storkyro", "14"),
    ("214", "Kankaanpää", "Kankaanpää", "04"),
    ("478", "Maarianhamina", "Mariehamn", "21"),
    ("284", "Koski Tl", "Koski Tl", "02"),
    ("139", "Ii", "Ii", "17"),
]


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return gazetteer()


def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files("routing").joinpath("data", filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


# ---------------------------------------------------------------- the data


def test_municipalities_csv_is_the_official_list():
    rows = _rows("municipalities.csv")
    assert list(rows[0]) == ["code", "name_fi", "name_sv", "region_code", "region_name_fi", "region_name_sv"]
    assert len(rows) == MUNICIPALITY_COUNT
    codes = [row["code"] for row in rows]
    assert len(set(codes)) == len(codes)
    assert all(len(code) == 3 and code.isdigit() for code in codes)
    for row in rows:
        assert row["region_code"] in REGIONS
        assert (row["region_name_fi"], row["region_name_sv"]) == REGIONS[row["region_code"]]
        assert row["name_fi"] and row["name_sv"]
        assert row["name_fi"] == row["name_fi"].strip() and unicodedata.is_normalized("NFC", row["name_fi"])
    sizes: dict[str, int] = {}
    for row in rows:
        sizes[row["region_code"]] = sizes.get(row["region_code"], 0) + 1
    assert sizes == REGION_SIZES
    # merged away: Pohja, Karjaa, Tammisaari (2009), Jalasjärvi, Nastola (2016), Juankoski (2017),
    # Valtimo (2020), Honkajoki (2021)
    assert not {"606", "220", "835", "164", "532", "174", "911", "099"} & set(codes)


@pytest.mark.parametrize(("code", "name_fi", "name_sv", "region"), KNOWN)
def test_known_municipalities(g, code, name_fi, name_sv, region):
    m = g.get(code)
    assert m is not None
    assert (m.name_fi, m.name_sv, m.region_code) == (name_fi, name_sv, region)
    assert g.region_of(code) == region
    assert m.region_name("fi") == REGIONS[region][0]
    assert m.region_name("sv") == REGIONS[region][1]


def test_gazetteer_api(g):
    assert len(g.municipalities) == MUNICIPALITY_COUNT
    assert g.municipalities == sorted(g.municipalities, key=lambda m: m.code)
    assert g.regions == REGIONS
    assert g.get("91") is g.get("091") and g.get("091").name_fi == "Helsinki"
    assert g.get("000") is None and g.get("1234") is None and g.get("abc") is None
    assert g.region_of("999") is None
    assert g.region_name("13") == "Keski-Suomi"
    assert g.region_name("13", "sv") == "Mellersta Finland"
    assert g.region_name("1", "en") == "Uusimaa"
    assert g.region_name("03") is None
    m = g.get("245")
    assert m.name("fi") == "Kerava" and m.name("sv") == "Kervo" and m.name("en") == "Kerava"
    assert gazetteer() is g  # built once per process
    with pytest.raises(AttributeError):
        m.code = "000"  # type: ignore[misc]


def test_localities_csv(g):
    rows = _rows("localities.csv")
    assert list(rows[0]) == ["name", "language", "municipality_code", "kind"]
    assert len(rows) >= 300
    codes = {m.code for m in g.municipalities}
    official_names = {m.name_fi.casefold() for m in g.municipalities} | {m.name_sv.casefold() for m in g.municipalities}
    meaning: dict[str, str] = {}
    for row in rows:
        assert row["kind"] in ("former-municipality", "locality")
        assert row["language"] in ("fi", "sv")
        assert row["municipality_code"] in codes
        name = row["name"].casefold()
        assert name not in official_names, f"{row['name']} is a municipality's own name"
        # one name, one municipality: a name that could mean two places is left out
        assert meaning.setdefault(name, row["municipality_code"]) == row["municipality_code"], row["name"]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Karjaa", "710"), ("Karis", "710"), ("Tammisaari", "710"), ("Ekenäs", "710"), ("Pohja", "710"),
        ("Pojo", "710"), ("Nikkilä", "753"), ("Nickby", "753"), ("Söderkulla", "753"), ("Jokela", "858"),
        ("Hyrylä", "858"), ("Kellokoski", "858"), ("Klaukkala", "543"), ("Rajamäki", "543"),
        ("Nummela", "927"), ("Otalampi", "927"), ("Masala", "257"), ("Veikkola", "257"),
        ("Tikkurila", "092"), ("Myyrmäki", "092"), ("Korso", "092"), ("Leppävaara", "049"),
        ("Tapiola", "049"), ("Matinkylä", "049"), ("Korpilahti", "179"), ("Palokka", "179"),
        ("Vaajakoski", "179"), ("Suolahti", "992"), ("Konginkangas", "992"), ("Kuusankoski", "286"),
        ("Karjalohja", "444"), ("Nummi-Pusula", "444"), ("Piikkiö", "202"), ("Vehkalahti", "075"),
        ("Maaninka", "297"), ("Juankoski", "297"), ("Luopioinen", "635"), ("Ristiina", "491"),
        ("Suomenniemi", "491"), ("Honkajoki", "214"), ("Valtimo", "541"), ("Jalasjärvi", "301"),
        ("Nastola", "398"), ("Vähäkyrö", "905"), ("Lillkyro", "905"), ("Virmo", "503"),
    ],
)  # fmt: skip
def test_former_municipalities_and_localities_map_to_today(g, name, code):
    assert g.lookup(name).code == code


def test_locality_kinds(g):
    karjaa = g.find_in_text("Asun Karjaalla")[0]
    assert (karjaa.municipality.code, karjaa.source_kind) == ("710", "former-municipality")
    nikkila = g.find_in_text("Asun Nikkilässä")[0]
    assert (nikkila.municipality.code, nikkila.source_kind) == ("753", "locality")
    kerava = g.find_in_text("Asun Keravalla")[0]
    assert kerava.source_kind == "municipality"


# ---------------------------------------------------------------- form fields


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("245", "245"), (" 91 ", "091"), ("049", "049"), ("Kerava", "245"), ("kerava", "245"),
        ("KERAVA", "245"), ("Kervo", "245"), ("Esbo", "049"), ("Helsingfors", "091"),
        ("jarvenpaa", "186"), ("Järvenpää", "186"), ("JÄRVENPÄÄ", "186"), ("Traskanda", "186"),
        ("aanekoski", "992"), ("Keravalla", "245"), ("Järvenpäästä", "186"), ("Helsingissä", "091"),
        ("Pedersöre", "599"), ("Pedersören kunta", "599"), ("Koski Tl", "284"), ("Mänttä-Vilppula", "508"),
        ("Mariehamn", "478"), ("Maarianhamina", "478"), ("Karis", "710"), ("Raseborg", "710"),
        ("Jyvaskyla", "179"), ("Jyväskylää", "179"), ("Hyvinka", "106"), ("Jarvenpa", "186"),
        ("Lappenranta", "405"), ("Kirkonummi", "257"), ("Rovanimi", "698"), ("Espoo, Finland", "049"),
        ("00100 Helsinki", "091"), ("S:t Michel", "491"), ("St Michel", "491"), ("Uusikaupunki", "895"),
        ("Ja\u0308rvenpa\u0308a\u0308", "186"),
    ],
)  # fmt: skip
def test_lookup(g, text, code):
    found = g.lookup(text)
    assert found is not None, text
    assert found.code == code


@pytest.mark.parametrize(
    "text",
    ["", "   ", "0", "1000", "Finland", "Suomi", "tietokone", "velkaneuvonta", "asdfgh", "Stockholm",
     "Uusimaa", "Keski-Suomi", "x"],
)  # fmt: skip
def test_lookup_unknown(g, text):
    assert g.lookup(text) is None


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("13", "13"), ("1", "01"), ("01", "01"), ("Keski-Suomi", "13"), ("keski-suomi", "13"),
        ("Mellersta Finland", "13"), ("Uusimaa", "01"), ("Nyland", "01"), ("Uudellamaalla", "01"),
        ("Keski-Suomessa", "13"), ("Lappi", "19"), ("Lapissa", "19"), ("Åland", "21"), ("Aland", "21"),
        ("Paijat-Hame", "07"), ("Päijänne-Tavastland", "07"), ("Österbotten", "15"),
    ],
)  # fmt: skip
def test_lookup_region(g, text, region):
    assert g.lookup_region(text) == region


@pytest.mark.parametrize("text", ["03", "20", "99", "Kerava", "", "Ruotsi"])
def test_lookup_region_unknown(g, text):
    assert g.lookup_region(text) is None


# ---------------------------------------------------------------- places in text

FIND_CASES = [
    # Finnish, every inflection pattern: (sentence, expected first municipality code, evidence)
    ("Asun Keravalla ja tarvitsen apua", "245", "Keravalla"),
    ("Tulen Keravalta", "245", "Keravalta"),
    ("Muutan Keravalle ensi kuussa", "245", "Keravalle"),
    ("Keravan Ohjaamo on tuttu", "245", "Keravan"),
    ("Asun Järvenpäässä", "186", "Järvenpäässä"),
    ("Olen kotoisin Järvenpäästä", "186", "Järvenpäästä"),
    ("Muutin juuri Järvenpäähän", "186", "Järvenpäähän"),
    ("Asumme Hyvinkäällä", "106", "Hyvinkäällä"),
    ("Muutamme Hyvinkäälle", "106", "Hyvinkäälle"),
    ("Asun Äänekoskella", "992", "Äänekoskella"),
    ("Muutin pois Äänekoskelta", "992", "Äänekoskelta"),
    ("Asun Helsingissä", "091", "Helsingissä"),
    ("Muutin Helsingistä pois", "091", "Helsingistä"),
    ("Haluan muuttaa Helsinkiin", "091", "Helsinkiin"),
    ("Opiskelen Turussa", "853", "Turussa"),
    ("Lähdin Turusta", "853", "Turusta"),
    ("Asun Lahdessa", "398", "Lahdessa"),
    ("Asun Lappeenrannassa", "405", "Lappeenrannassa"),
    ("Asun Seinäjoella", "743", "Seinäjoella"),
    ("Asun Rovaniemellä", "698", "Rovaniemellä"),
    ("Asun Espoossa", "049", "Espoossa"),
    ("Asun Vantaalla", "092", "Vantaalla"),
    ("Asun Tampereella", "837", "Tampereella"),
    ("Asun Porvoossa", "638", "Porvoossa"),
    ("Kesät olen Hangossa", "078", "Hangossa"),
    ("Asun Kemiönsaarella", "322", "Kemiönsaarella"),
    ("Opiskelen Jyväskylässä", "179", "Jyväskylässä"),
    ("Asun Mikkelissä", "491", "Mikkelissä"),
    ("Asun Raahessa", "678", "Raahessa"),
    ("Asun Kuopiossa", "297", "Kuopiossa"),
    ("Asun Joensuussa", "167", "Joensuussa"),
    ("Asun Kokkolassa", "272", "Kokkolassa"),
    ("Asun Kajaanissa", "205", "Kajaanissa"),
    ("Asun Kotkassa", "285", "Kotkassa"),
    ("Asun Imatralla", "153", "Imatralla"),
    ("Asun Savonlinnassa", "740", "Savonlinnassa"),
    ("Asun Tammisaaressa", "710", "Tammisaaressa"),
    ("Asun Lohjalla", "444", "Lohjalla"),
    ("Asun Vihdissä", "927", "Vihdissä"),
    ("Asun Sipoossa", "753", "Sipoossa"),
    ("Asun Nurmijärvellä", "543", "Nurmijärvellä"),
    ("Asun Tuusulassa", "858", "Tuusulassa"),
    ("Asun Mäntsälässä", "505", "Mäntsälässä"),
    ("Asun Laukaassa", "410", "Laukaassa"),
    ("Asun Muuramessa", "500", "Muuramessa"),
    ("Asun Jämsässä", "182", "Jämsässä"),
    ("Asun Kirkkonummella", "257", "Kirkkonummella"),
    ("Asun Siuntiossa", "755", "Siuntiossa"),
    ("Asun Inkoossa", "149", "Inkoossa"),
    ("Asun Karkkilassa", "224", "Karkkilassa"),
    ("Asun Kauniaisissa", "235", "Kauniaisissa"),
    ("Asun Nikkilässä", "753", "Nikkilässä"),
    ("Asun Karjaalla", "710", "Karjaalla"),
    ("Asun Jokelassa", "858", "Jokelassa"),
    ("Asun Paraisilla", "445", "Paraisilla"),
    ("Asun Uudessakaupungissa", "895", "Uudessakaupungissa"),
    ("Asun Virroilla", "936", "Virroilla"),
    ("Asun Alavudella", "010", "Alavudella"),
    ("Asun Kannuksessa", "217", "Kannuksessa"),
    ("Asun Haapavedellä", "071", "Haapavedellä"),
    ("Asun Kiteellä", "260", "Kiteellä"),
    ("Asun Konginkankaalla", "992", "Konginkankaalla"),
    ("Asun Finströmissä", "060", "Finströmissä"),
    ("Asun Iissä", "139", "Iissä"),
    ("Asun Pieksämäellä", "593", "Pieksämäellä"),
    ("Asun Liedossa", "423", "Liedossa"),
    ("Asun Lopella", "433", "Lopella"),
    ("Asun Itä-Helsingissä", "091", "Helsingissä"),
    ("Helsingissäkin on jonoa", "091", "Helsingissäkin"),
    ("Asun Mänttä-Vilppulassa", "508", "Mänttä-Vilppulassa"),
    ("Asun Pedersören kunnassa", "599", "Pedersören kunnassa"),
    ("Asun Koski Tl:n keskustassa", "284", "Koski Tl:n"),
    ("Koski Tl:ssä asuu 2000 ihmistä", "284", "Koski Tl:ssä"),
    ("Asun Maarianhaminassa", "478", "Maarianhaminassa"),
    # without umlauts, and decomposed (NFD) text
    ("asun jarvenpaassa", "186", "jarvenpaassa"),
    ("asun aanekoskella", "992", "aanekoskella"),
    ("asun hyvinkaalla ja opiskelen", "106", "hyvinkaalla"),
    ("Asun Ja\u0308rvenpa\u0308a\u0308ssa\u0308", "186", "Ja\u0308rvenpa\u0308a\u0308ssa\u0308"),
    # colloquial
    ("asun keravalla ja tarttisin apua työnhakuun, oon 24", "245", "keravalla"),
    ("oon stadissa ja duunit loppu", "091", "stadissa"),
    # small typos in capitalised words or after a place word
    ("Asun Kervalla", "245", "Kervalla"),
    ("Opiskelen nyt Jyväskyläsä", "179", "Jyväskyläsä"),
    # lower-case misspelt forms with the residence word after them
    ("kervalla asun ja tarttis kesätyötä", "245", "kervalla"),
    ("jarvenpäässä asun nykyään", "186", "jarvenpäässä"),
    ("Asun jarvenpäässä ja tarvitsen apua", "186", "jarvenpäässä"),
    ("nurmijärvelä asutaan", "543", "nurmijärvelä"),
    # colloquial clipped case endings
    ("hyvinkääl asun", "106", "hyvinkääl"),
    ("mä asun Helsingis ja duunit loppu", "091", "Helsingis"),
    ("oon kotoisin Keravalt", "245", "Keravalt"),
    # a bare place closing the message is where the client is
    ("mitä mä nyt teen. kerava", "245", "kerava"),
    ("vad ska jag göra? Lovisa", "434", "Lovisa"),
    # ... and so is one followed only by the client's age (a first name alone is not a place)
    ("en jaksa mitään. Kaarina, 30v", "202", "Kaarina"),
    ("vad ska jag göra? Lovisa 19 år", "434", "Lovisa"),
    # Swedish
    ("Jag bor i Sibbo", "753", "Sibbo"),
    ("Jag kommer från Borgå", "638", "Borgå"),
    ("Jag bor i Esbo och studerar", "049", "Esbo"),
    ("Esbos ungdomstjänster", "049", "Esbos"),
    ("Jag bor i Karis", "710", "Karis"),
    ("Vi bor i Nickby", "753", "Nickby"),
    ("Jag bor på Kimitoön", "322", "Kimitoön"),
    ("Jag bor i Pedersöre", "599", "Pedersöre"),
    ("Jag bor i Mariehamn", "478", "Mariehamn"),
    ("Jag flyttade till Helsingfors", "091", "Helsingfors"),
    ("Jag bor i Raseborg men jobbar i Hangö", "710", "Raseborg"),
    ("Jag bor i Lovisa", "434", "Lovisa"),
    ("Jag bor i Vasa", "905", "Vasa"),
    ("Jag bor i S:t Karins", "202", "S:t Karins"),
    # compounds with an area word
    ("Bor i Borgåområdet.", "638", "Borgåområdet"),
    ("Jag bor i Lojotrakten", "444", "Lojotrakten"),
    ("Vi bor i Helsingforsregionen", "091", "Helsingforsregionen"),
    ("jag bor på Vasakanten", "905", "Vasakanten"),
    # English
    ("I live in Espoo", "049", "Espoo"),
    ("I'm from Kerava", "245", "Kerava"),
    ("I live in Helsinki and need help", "091", "Helsinki"),
    ("We moved to Tampere last year", "837", "Tampere"),
    ("Espoo's youth services", "049", "Espoo's"),
]


@pytest.mark.parametrize(("text", "code", "evidence"), FIND_CASES)
def test_find_in_text(g, text, code, evidence):
    mentions = g.find_in_text(text)
    assert mentions, text
    first = mentions[0]
    assert first.municipality.code == code
    assert first.evidence == evidence
    assert text[first.start : first.end] == first.evidence


def test_find_cases_cover_the_three_languages():
    assert len(FIND_CASES) >= 60


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # common words that equal or resemble a place
        ("koski oli upea ja kuohui", []),
        ("metsä ja salo ovat kauniita", []),
        ("olin kolarissa viime viikolla", []),
        ("Kolarin jälkeen olen ollut sairauslomalla.", []),
        ("lahden rannalla on mukavaa", []),
        ("Näin kotkan taivaalla", []),
        ("joudun maksamaan vuokran huomenna", []),
        ("siellä oli tiukka tilanne", []),
        ("puhelin on Nokia ja akku on loppu", ["536"]),  # capitalised Nokia is the town: documented
        ("Type II diabetes ja insuliini", []),
        ("TYPE II DIABETES", []),
        ("ii", []),
        ("jag har inga skulder", []),
        ("jag bor i en lägenhet", []),
        ("vattnet kokar", []),
        ("jag studerar kemi", []),
        ("det ska ingå i priset", []),
        ("en sund ekonomi", []),
        ("I have no aura of calm", []),
        ("Minulla on velkoja ja asunto on kallis", []),
        ("vastaus tuli nopeasti", []),
        ("pellolla oli lehmiä", []),
        ("eno tuli kylään", []),
        ("pohjalla oli kiviä", []),
        ("auto oli kallion vieressä", []),
        ("Luin Helsingin Sanomista ilmoituksen", []),
        ("Saanko ajan? Valtimo on tukossa, sanoi lääkäri", []),
        ("Poikani Juha Koskinen ja Katariina Lahtinen, terveisin Jari Turunen ja Sari Heinonen", []),
        ("Jag har förlorat mitt jobb och behöver hjälp med ansökan till FPA", []),
        ("I need help with my CV, I speak A2 in Finnish", []),
        ("Simo sanoi, että Inari tulee huomenna", []),
        ("Kaarina ja Salla ovat siskoni", []),
        ("Kaarina, 30 ja hakee töitä", []),
        ("Lovisa sa att hon kommer i morgon", []),
        ("Tarvitsen apua, terveisin Kaarina ja Salla", []),
        ("kaikki on mennyt pieleen", []),
        ("en jaksa enää, asun yksin", []),
        ("asun vuokralla ja palkka ei riitä", []),
        ("pois asunnosta asun nyt kaverilla", []),
        ("jag bor hos min mamma", []),
        ("Hän asuu Karinan kanssa", []),
        # but as places they are found
        ("Asun Kolarissa", ["273"]),
        ("Asun Salossa, Salo on kiva", ["734", "734"]),
        ("Lahdessa on hyvät palvelut", ["398"]),
        ("asun lahdessa", ["398"]),
        ("Olen Kaarinasta", ["202"]),
        # a be-verb of the writer and a place left from: where they are from, even lowercase
        ("oon nokialta ja tarviin duunia", ["536"]),
        ("ollaan kotkasta alunperin", ["285"]),
        ("olen 19 v porista", ["609"]),
        ("kala on lahdesta", []),  # the fish is from the bay
        # alone as the message's last sentence, even lowercase
        ("tarviin lääkärin. nokia", ["536"]),
        ("Asun Simossa", ["751"]),
        ("Jag bor i Ingå", ["149"]),
    ],
)
def test_no_false_places(g, text, expected):
    assert [m.municipality.code for m in g.find_in_text(text)] == expected


def test_where_the_client_lives_comes_first(g):
    def codes(text: str) -> list[str]:
        return [m.municipality.code for m in g.find_in_text(text)]

    assert codes("Käyn töissä Helsingissä mutta asun Keravalla") == ["245", "091"]
    assert codes("Menen huomenna Helsinkiin, asun Turussa") == ["853", "091"]
    assert codes("Muutin Järvenpäästä Hyvinkäälle") == ["106", "186"]
    assert codes("Jag flyttade från Borgå till Esbo") == ["049", "638"]
    assert codes("I work in Vantaa but I live in Espoo") == ["049", "092"]
    assert codes("Soitin Tampereelle ja Turkuun") == ["837", "853"]  # two destinations: in order
    assert codes("Tulin Helsinkiin töihin, kotona Vantaalla") == ["092", "091"]


def test_offsets_point_into_the_text_as_given(g):
    text = "Hei! Asun nyt Ja\u0308rvenpa\u0308a\u0308ssa\u0308 ja opiskelen Keravalla."
    found = g.find_in_text(text)
    assert [m.municipality.code for m in found] == ["186", "245"]
    for m in found:
        assert text[m.start : m.end] == m.evidence


def test_text_with_umlauts_does_not_match_without_them(g):
    # "jamsa" typed without umlauts is Jämsä; in a text that has umlauts it is not a form.
    assert [m.municipality.code for m in g.find_in_text("asun jamsassa")] == ["182"]
    assert g.find_in_text("Tämä on jamsassa, äiti") == []


def test_inflection_rules():
    forms = set(finnish_forms("Kerava"))
    assert {"keravalla", "keravalta", "keravalle", "keravan", "keravassa", "keravaan", "keravana"} <= forms
    assert {"helsingissä", "helsingistä", "helsinkiin", "helsingin"} <= set(finnish_forms("Helsinki"))
    assert {"turussa", "turusta", "turkuun", "turun"} <= set(finnish_forms("Turku"))
    assert {"hangossa", "hankoon"} <= set(finnish_forms("Hanko"))
    assert {"lahdessa", "lahteen", "lahden"} <= set(finnish_forms("Lahti"))
    assert {"lappeenrannassa", "lappeenrantaan"} <= set(finnish_forms("Lappeenranta"))
    assert {"seinäjoella", "seinäjokeen", "seinäjoen"} <= set(finnish_forms("Seinäjoki"))
    assert {"rovaniemellä", "rovaniemeen"} <= set(finnish_forms("Rovaniemi"))
    assert {"kirkkonummella", "kirkkonummen"} <= set(finnish_forms("Kirkkonummi"))
    assert {"vihdissä", "vihtiin"} <= set(finnish_forms("Vihti"))
    assert {"kauniaisissa", "kauniaisten", "kauniaisiin"} <= set(finnish_forms("Kauniainen"))
    assert {"järvenpäähän", "järvenpääseen", "järvenpäästä"} <= set(finnish_forms("Järvenpää"))
    assert {"tampereella", "tampereen", "tampereelle"} <= set(finnish_forms("Tampere"))
    assert {"muuramessa", "muurameen"} <= set(finnish_forms("Muurame"))
    assert {"uudessakaupungissa", "uudenkaupungin", "uuteenkaupunkiin"} <= set(finnish_forms("Uusikaupunki"))
    assert {"pedersören kunnassa"} <= set(finnish_forms("Pedersören kunta"))
    assert {"mänttä-vilppulassa"} <= set(finnish_forms("Mänttä-Vilppula"))
    assert finnish_forms("Kerava")["keravalla"] == "ade"
    assert finnish_forms("Helsinki")["helsinkiin"] == "ill"


def test_precision_of_generated_forms(g):
    """No generated form of a place may be a common Finnish, Swedish or English word
    (by simplemma's dictionaries) unless its name is in the module's common-word
    lists, or it was reviewed here as harmless (simplemma also knows many place
    names in lower case: hamina, joensuu, tampere)."""
    simplemma = pytest.importorskip("simplemma")
    import routing.matcher.gazetteer as module

    flagged = module._COMMON_WORD_NAMES | module._STRICT_NAMES | module._PERSON_NAMES
    reviewed = {
        "backas", "berghäll", "björkhagen", "böle", "enare", "esse", "fiskars", "hamina", "harjavalta",
        "hesa", "himos", "inkeroinen", "jaala", "joensuu", "jämsä", "kaakkuri", "kamppi", "karkku",
        "kaskinen", "kausala", "kaustinen", "kiikka", "kitee", "kiukainen", "kluuvi", "korso", "kuusisto",
        "kymi", "kymmene", "kälviä", "lammi", "lappo", "latokartano", "liperi", "luopioinen", "maaria",
        "malax", "malmgård", "mikkeli", "myllykoski", "männistö", "nystad", "näse", "outokumpu", "paltamo",
        "pojo", "posio", "rauma", "renko", "rovaniemi", "ruutana", "saloinen", "sauvo", "skanssi", "soukka",
        "stapelstaden", "sulkava", "sökö", "sörnäs", "talma", "tampere", "tapulikaupunki", "turku",
        "tuulos", "uurainen", "valko", "vanda", "vantaa", "varisto", "vasa", "vehmaa", "vieremä", "vihanti",
        "voikkaa", "ylämaa", "ähtävä", "åbo",
    }  # fmt: skip
    colliding: set[str] = set()
    for table in (g._forms, g._ascii_forms):
        for form, entries in table.items():
            lemmas = {e.lemma for e in entries}
            if " " in form or lemmas & flagged:
                continue
            for lang in ("fi", "sv", "en"):
                if simplemma.is_known(form, lang=lang) and simplemma.lemmatize(form, lang=lang)[:1].islower():
                    colliding |= lemmas
    assert colliding <= reviewed, sorted(colliding - reviewed)


def test_no_form_means_two_places_of_the_same_kind(g):
    clashes = {}
    for form, entries in g._forms.items():
        best = [e for e in entries if e.kind == entries[0].kind]
        if len({e.code for e in best}) > 1:
            clashes[form] = sorted({e.code for e in best})
    assert clashes == {}


def test_find_in_text_speed(g):
    """A thousand varied enquiries: tokenising and dictionary look-ups, well under a millisecond each."""
    rng = random.Random(7)
    places = ["Keravalla", "Järvenpäässä", "i Sibbo", "in Espoo", "Hyvinkäälle", "Tikkurilassa", "Kervalla"]
    templates = [
        "Asun {} ja tarvitsen apua työnhakuun, olen 24-vuotias.",
        "Mul ei oo rahaa vuokraan ja kämppä lähtee alta, {} asun.",
        "Jag bor {} och behöver hjälp med att söka jobb och bostad.",
        "I live {} and I need help with my debts, the landlord wants the rent.",
        "Poikani 16v on pudonnut koulusta eikä tiedä mitä tehdä, Kiitos Matti Virtanen.",
        "Tarvitsen neuvoja opiskeluun, olen kotoisin Äänekoskelta mutta nyt {}.",
    ]
    sentences = [rng.choice(templates).format(rng.choice(places)) for _ in range(1000)]
    g.find_in_text("warm up")
    started = time.perf_counter()
    for sentence in sentences:
        g.find_in_text(sentence)
    per_sentence = (time.perf_counter() - started) / len(sentences)
    assert per_sentence < 0.002, f"{per_sentence * 1e6:.0f} µs per sentence"


def test_bad_locality_rows_are_refused():
    rows = _rows("municipalities.csv")
    with pytest.raises(ValueError, match="unknown municipality 606"):
        Gazetteer(rows, [{"name": "Pohja", "language": "fi", "municipality_code": "606", "kind": "locality"}])
    with pytest.raises(ValueError, match="unknown kind"):
        Gazetteer(rows, [{"name": "Pohja", "language": "fi", "municipality_code": "710", "kind": "village"}])


def test_municipality_is_a_plain_value():
    m = Municipality("245", "Kerava", "Kervo", "01", "Uusimaa", "Nyland")
    assert m == gazetteer().get("245")
    assert hash(m) == hash(gazetteer().get("245"))


@pytest.mark.parametrize("code", ["606", "220", "835"])
def test_retired_codes_of_raasepori_mean_raasepori(code: str) -> None:
    found = gazetteer().get(code)
    assert found is not None and found.code == "710" and found.region_code == "01"
