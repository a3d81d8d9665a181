"""The demo network, written out as an HSDS 3.0 tabular folder (``routing/demo/directory``).

The organisations and kinds of service are drawn from real Finnish guidance
networks (the Keski-Uusimaa Ohjaamos and education providers, a Länsi-Uusimaa
front-door partnership, an Uusimaa phone guidance ring); the people, phone
numbers, street addresses and e-mail addresses are fictional. Ids are uuid5
of a fixed namespace and a readable key, so a rewrite gives the same ids.

This module is the source of the demo directory: edit it, then run
``python -m routing.demo`` to rewrite the CSV files (a test checks
that they are in step). The demo is loaded by the HSDS importer like any
real directory.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from routing.matcher.gazetteer import gazetteer

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://eteinen.example.fi/demo")
DIRECTORY = Path(__file__).parent / "directory"


def demo_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}/{key}"))


# --- the need taxonomy (shared/HSDS-PROFILE.md): code, Finnish name, English name

TAXONOMY = "eteinen-needs"
NEEDS = (
    ("education", "Koulutus ja opiskelu", "Education and studies"),
    ("study-guidance", "Opinto- ja uraohjaus", "Study and career guidance"),
    ("employment", "Työnhaku ja työllistyminen", "Job seeking and employment"),
    ("livelihood", "Toimeentulo ja etuudet", "Income and benefits"),
    ("debt", "Velka- ja talousneuvonta", "Debt and money advice"),
    ("housing", "Asuminen", "Housing"),
    ("rehabilitation", "Kuntoutus ja työkyky", "Rehabilitation and work ability"),
    ("mental-health", "Mielenterveys ja jaksaminen", "Mental health and wellbeing"),
    ("substance-use", "Päihteet ja riippuvuudet", "Substance use and addiction"),
    ("integration", "Kotoutuminen ja kielikoulutus", "Integration and language courses"),
    ("youth-work", "Nuorisotyö ja etsivä nuorisotyö", "Youth work and outreach"),
    ("health", "Terveys", "Health"),
    ("entrepreneurship", "Yrittäjyys", "Entrepreneurship"),
    ("social-work", "Sosiaalityö ja sosiaaliohjaus", "Social work and social counselling"),
)
NEED_CODES = frozenset(code for code, _, _ in NEEDS)

# --- places: Statistics Finland municipality codes (named by the gazetteer) and maakunta codes

# areas reused by several services
KESKI_UUSIMAA = ("106", "186", "245", "505", "543", "611", "753", "858")
KEUSOTE = ("106", "186", "245", "505", "543", "858")  # the wellbeing county: Sipoo and Pornainen are in Itä-Uusimaa
KEUDA = ("186", "245", "505", "543", "611", "753", "858")
LANSI_UUSIMAA = ("444", "927", "224", "710", "078", "149", "755")
LUVN = (*LANSI_UUSIMAA, "257")
LUKSIA = ("444", "927", "224", "755", "149")

LANGUAGE_NAMES = {
    "fi": "suomi",
    "sv": "ruotsi",
    "en": "englanti",
    "ar": "arabia",
    "ru": "venäjä",
    "so": "somali",
    "uk": "ukraina",
    "fa": "persia",
}
IMMIGRANT_LANGUAGES = ("fi", "en", "ar", "ru", "so", "uk")


@dataclass(frozen=True)
class Org:
    key: str
    name: str
    description: str
    email: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class Place:
    """A location: physical (street address and coordinates) or virtual (phone, chat, video)."""

    key: str
    org: str
    name: str
    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    url: str | None = None

    @property
    def location_type(self) -> str:
        return "physical" if self.street else "virtual"


@dataclass(frozen=True)
class Svc:
    key: str
    org: str
    name: str
    description: str
    eligibility: str
    needs: tuple[str, ...]
    places: tuple[str, ...]
    areas: tuple[str, ...] = ()  # municipality codes, "region:01", "country:FI"; none = everywhere
    languages: tuple[str, ...] = ("fi",)
    minimum_age: int | None = None
    maximum_age: int | None = None
    phone: str | None = None
    email: str | None = None
    url: str | None = None
    status: str = "active"
    alternate_name: str | None = None
    application_process: str | None = None
    fees: str | None = "Maksuton."


ORGS = (
    # Keski-Uusimaa
    Org(
        "ohjaamo-kerava",
        "Ohjaamo Kerava",
        "Alle 30-vuotiaiden matalan kynnyksen ohjaus- ja neuvontapiste Keravan keskustassa. Samasta paikasta "
        "saa apua opiskeluun, työnhakuun, toimeentuloon, asumiseen ja jaksamiseen ilman ajanvarausta.",
        "ohjaamo.kerava@example.fi",
        "https://ohjaamo-kerava.example.fi",
    ),
    Org(
        "ohjaamo-jarvenpaa",
        "Ohjaamo Järvenpää",
        "Järvenpään ja Pornaisen nuorten yhteinen ohjauspiste, jossa nuorisotyö, työllisyyspalvelut, sosiaaliohjaus "
        "ja opinto-ohjaus toimivat saman katon alla.",
        "ohjaamo.jarvenpaa@example.fi",
        "https://ohjaamo-jarvenpaa.example.fi",
    ),
    Org(
        "ohjaamo-hyvinkaa",
        "Ohjaamo Hyvinkää",
        "Hyvinkääläisten 15–29-vuotiaiden ohjauspiste: opiskelu, työ, raha-asiat, asuminen ja arjen pulmat.",
        "ohjaamo.hyvinkaa@example.fi",
        "https://ohjaamo-hyvinkaa.example.fi",
    ),
    Org(
        "keuda",
        "Keski-Uudenmaan koulutuskuntayhtymä Keuda",
        "Ammatillista koulutusta, lukiokoulutusta ja tutkintoon valmentavaa koulutusta järjestävä koulutuskuntayhtymä, "
        "jonka kampukset ovat Järvenpäässä, Keravalla, Mäntsälässä, Nurmijärvellä, Sipoossa ja Tuusulassa.",
        "info.keuda@example.fi",
        "https://keuda.example.fi",
    ),
    Org(
        "keravan-lukio",
        "Keravan lukio",
        "Keravan kaupungin lukio, jossa voi opiskella ylioppilastutkintoon ja suorittaa yksittäisiä lukiokursseja.",
        "lukio.kerava@example.fi",
        "https://keravanlukio.example.fi",
    ),
    Org(
        "keusote",
        "Keski-Uudenmaan hyvinvointialue",
        "Sosiaali- ja terveyspalvelut sekä pelastustoimi Hyvinkäällä, Järvenpäässä, Keravalla, Mäntsälässä, "
        "Nurmijärvellä ja Tuusulassa.",
        "kirjaamo.hyvinvointialue@example.fi",
        "https://hyvinvointialue-ku.example.fi",
    ),
    Org(
        "tyollisyysalue-ku",
        "Keski-Uudenmaan työllisyysalue",
        "Kuntien yhteinen työllisyysalue, joka hoitaa entiset TE-palvelut: työnhaun, työvoimakoulutuksen, "
        "palkkatuen, nuorten työllisyyspalvelut ja maahan muuttaneiden työllisyys- ja kotoutumispalvelut.",
        "tyollisyys.ku@example.fi",
        "https://tyollisyys-ku.example.fi",
    ),
    Org(
        "kela",
        "Kela",
        "Kansaneläkelaitos hoitaa Suomessa asuvien perusturvaa: toimeentulotuen, opintotuen, asumistuen, "
        "työttömyysturvan peruspäivärahan ja kuntoutuksen.",
        None,
        "https://kela.example.fi",
    ),
    Org(
        "takuusaatio",
        "Takuusäätiö",
        "Valtakunnallinen säätiö, joka auttaa velkaantuneita neuvonnalla, takauksilla ja järjestelylainoilla.",
        "neuvonta.takuusaatio@example.fi",
        "https://takuusaatio.example.fi",
    ),
    Org(
        "oikeusapu-etela",
        "Etelä-Suomen oikeusapu- ja edunvalvontapiiri",
        "Valtion oikeusapu- ja edunvalvontapiiri, jonka talous- ja velkaneuvojat auttavat maksuvaikeuksissa "
        "Uudellamaalla. Toimipisteet Keravalla ja Lohjalla.",
        "velkaneuvonta.uusimaa@example.fi",
        "https://oikeusapu-etela.example.fi",
    ),
    Org(
        "kerava",
        "Keravan kaupunki",
        "Keravan kaupungin nuorisopalvelut, oppivelvollisuuden ohjaus sekä kotoutumispalvelut.",
        "kirjaamo.kerava@example.fi",
        "https://kerava.example.fi",
    ),
    Org(
        "jarvenpaa",
        "Järvenpään kaupunki",
        "Järvenpään kaupungin nuorisopalvelut ja etsivä nuorisotyö.",
        "nuoriso.jarvenpaa@example.fi",
        "https://jarvenpaa.example.fi",
    ),
    Org(
        "tuusula",
        "Tuusulan kunta",
        "Tuusulan kunnan nuorisopalvelut ja etsivä nuorisotyö Hyrylässä, Jokelassa ja Kellokoskella.",
        "nuoriso.tuusula@example.fi",
        "https://tuusula.example.fi",
    ),
    Org(
        "sipoo",
        "Sipoon kunta – Sibbo kommun",
        "Kaksikielinen kunta: nuorisopalvelut ja työllisyyspalvelut suomeksi ja ruotsiksi. "
        "Tvåspråkig kommun: ungdomstjänster och sysselsättningstjänster på svenska och finska.",
        "sibbo@example.fi",
        "https://sipoo.example.fi",
    ),
    Org(
        "mieli",
        "MIELI Suomen Mielenterveys ry",
        "Mielenterveysjärjestö, joka ylläpitää valtakunnallista kriisipuhelinta ja nuorten chat-palvelua.",
        "mieli@example.fi",
        "https://mieli.example.fi",
    ),
    Org(
        "uusyrityskeskus",
        "Uusyrityskeskus Keski-Uusimaa",
        "Maksutonta ja luottamuksellista neuvontaa yrityksen perustamista suunnitteleville Keski-Uudellamaalla.",
        "neuvonta.uyk@example.fi",
        "https://uusyrityskeskus-ku.example.fi",
    ),
    Org(
        "nal",
        "Nuorisoasuntoliitto",
        "Nuorten asumisen järjestö: kohtuuhintaisia nuorisoasuntoja ja asumisneuvontaa alle 30-vuotiaille.",
        "asumisneuvonta.nal@example.fi",
        "https://nal.example.fi",
    ),
    Org(
        "vamos",
        "Vamos (Helsingin Diakonissalaitos)",
        "Valmennusta 16–29-vuotiaille, joilla ei ole opiskelu- tai työpaikkaa tai joiden jaksaminen on koetuksella.",
        "vamos@example.fi",
        "https://vamos.example.fi",
    ),
    Org(
        "opin-ovi-uusimaa",
        "Opin ovi Uusimaa",
        "Uudenmaan oppilaitosten ja ohjauspalvelujen verkosto, jonka ohjaajat vastaavat yhteiseen puhelin- ja "
        "sähköpostineuvontaan ja sopivat keskenään, kuka asiakkaan asian hoitaa.",
        "opinovi.uusimaa@example.fi",
        "https://opinovi-uusimaa.example.fi",
    ),
    # Länsi-Uusimaa
    Org(
        "luksia",
        "Luksia, Länsi-Uudenmaan koulutuskuntayhtymä",
        "Ammatillista koulutusta nuorille ja aikuisille Lohjalla, Vihdissä ja Karkkilassa.",
        "hakijapalvelut.luksia@example.fi",
        "https://luksia.example.fi",
    ),
    Org(
        "axxell",
        "Axxell Utbildning Ab",
        "Svenskspråkig yrkesutbildning i Västra Nyland med campus i Ekenäs. Ruotsinkielistä ammatillista koulutusta "
        "Raaseporissa.",
        "sokandeservice.axxell@example.fi",
        "https://axxell.example.fi",
    ),
    Org(
        "ohjaamo-lohja",
        "Ohjaamo Lohja",
        "Lohjan, Inkoon ja Siuntion alle 30-vuotiaiden ohjauspiste, jossa toimii myös Lohjan etsivä nuorisotyö.",
        "ohjaamo.lohja@example.fi",
        "https://ohjaamo-lohja.example.fi",
    ),
    Org(
        "luvn",
        "Länsi-Uudenmaan hyvinvointialue",
        "Sosiaali- ja terveyspalvelut Länsi-Uudellamaalla suomeksi ja ruotsiksi. Social- och hälsovårdstjänster "
        "i Västra Nyland på finska och svenska.",
        "kirjaamo.luvn@example.fi",
        "https://luvn.example.fi",
    ),
    Org(
        "raasepori",
        "Raaseporin kaupunki – Raseborgs stad",
        "Kaksikielisen kaupungin työllisyyspalvelut ja nuorisotyö. Sysselsättningstjänster och ungdomsarbete "
        "i en tvåspråkig stad.",
        "raseborg@example.fi",
        "https://raasepori.example.fi",
    ),
)

PLACES = (
    Place("ohjaamo-kerava", "ohjaamo-kerava", "Ohjaamo Kerava", "Esimerkkikatu 1", "04200", "Kerava", 60.4036, 25.1051),
    Place(
        "ohjaamo-kerava-chat",
        "ohjaamo-kerava",
        "Ohjaamo Kerava – chat ja videotapaaminen",
        url="https://ohjaamo-kerava.example.fi/chat",
    ),
    Place(
        "ohjaamo-jarvenpaa",
        "ohjaamo-jarvenpaa",
        "Ohjaamo Järvenpää",
        "Mallitie 3",
        "04400",
        "Järvenpää",
        60.4738,
        25.0902,
    ),
    Place(
        "ohjaamo-hyvinkaa",
        "ohjaamo-hyvinkaa",
        "Ohjaamo Hyvinkää",
        "Esimerkkikatu 7",
        "05800",
        "Hyvinkää",
        60.6306,
        24.8593,
    ),
    Place(
        "keuda-jarvenpaa",
        "keuda",
        "Keuda, Järvenpään kampus (hakijapalvelut)",
        "Koulutie 12",
        "04400",
        "Järvenpää",
        60.4701,
        25.0868,
    ),
    Place("keuda-kerava", "keuda", "Keuda, Keravan kampus", "Opintie 5", "04200", "Kerava", 60.4081, 25.0979),
    Place("keuda-mantsala", "keuda", "Keuda, Mäntsälän kampus", "Mallitie 9", "04600", "Mäntsälä", 60.6349, 25.3160),
    Place(
        "keuda-puhelin",
        "keuda",
        "Keudan hakijapalvelujen puhelin ja chat",
        url="https://keuda.example.fi/hakijapalvelut",
    ),
    Place("keravan-lukio", "keravan-lukio", "Keravan lukio", "Lukiokatu 2", "04200", "Kerava", 60.4052, 25.1090),
    Place(
        "keusote-kerava",
        "keusote",
        "Keravan sosiaali- ja terveysasema",
        "Esimerkkikatu 20",
        "04200",
        "Kerava",
        60.4018,
        25.1101,
    ),
    Place(
        "keusote-jarvenpaa",
        "keusote",
        "Järvenpään sosiaali- ja terveyskeskus",
        "Testikuja 4",
        "04400",
        "Järvenpää",
        60.4745,
        25.0951,
    ),
    Place(
        "keusote-puhelin",
        "keusote",
        "Hyvinvointialueen neuvontapuhelin",
        url="https://hyvinvointialue-ku.example.fi/neuvonta",
    ),
    Place(
        "tyollisyys-jarvenpaa",
        "tyollisyysalue-ku",
        "Työllisyyspalvelujen asiakaspalvelu, Järvenpää",
        "Mallitie 11",
        "04400",
        "Järvenpää",
        60.4726,
        25.0880,
    ),
    Place(
        "tyollisyys-kerava",
        "tyollisyysalue-ku",
        "Työllisyyspalvelujen palvelupiste, Kerava",
        "Esimerkkikatu 14",
        "04200",
        "Kerava",
        60.4029,
        25.1037,
    ),
    Place(
        "tyollisyys-verkko",
        "tyollisyysalue-ku",
        "Työllisyyspalvelut puhelimessa ja verkossa",
        url="https://tyollisyys-ku.example.fi/asioi",
    ),
    Place("kela-verkko", "kela", "Kelan puhelinpalvelu ja verkkoasiointi", url="https://kela.example.fi/asiointi"),
    Place(
        "kela-jarvenpaa", "kela", "Kelan palvelupiste, Järvenpää", "Testikuja 8", "04400", "Järvenpää", 60.4731, 25.0919
    ),
    Place(
        "takuusaatio-velkalinja",
        "takuusaatio",
        "Velkalinja (puhelin ja chat)",
        url="https://takuusaatio.example.fi/velkalinja",
    ),
    Place(
        "velkaneuvonta-kerava",
        "oikeusapu-etela",
        "Talous- ja velkaneuvonta, Keravan toimipiste",
        "Esimerkkikatu 22",
        "04200",
        "Kerava",
        60.4040,
        25.1066,
    ),
    Place(
        "velkaneuvonta-lohja",
        "oikeusapu-etela",
        "Talous- ja velkaneuvonta, Lohjan toimipiste",
        "Mallitie 2",
        "08100",
        "Lohja",
        60.2490,
        24.0658,
    ),
    Place(
        "kerava-nuorisopalvelut",
        "kerava",
        "Keravan nuorisopalvelut, nuorisotalo",
        "Testikuja 1",
        "04200",
        "Kerava",
        60.4047,
        25.1012,
    ),
    Place(
        "kerava-palvelupiste",
        "kerava",
        "Keravan kaupungin palvelupiste",
        "Esimerkkikatu 5",
        "04200",
        "Kerava",
        60.4033,
        25.1043,
    ),
    Place(
        "jarvenpaa-nuorisotalo",
        "jarvenpaa",
        "Järvenpään nuorisotalo",
        "Testikuja 10",
        "04400",
        "Järvenpää",
        60.4751,
        25.0874,
    ),
    Place("tuusula-nuorisotila", "tuusula", "Hyrylän nuorisotila", "Mallitie 15", "04300", "Tuusula", 60.4045, 25.0262),
    Place(
        "sipoo-nikkila",
        "sipoo",
        "Nikkilän nuorisotalo – Nickby ungdomsgård",
        "Exempelvägen 3",
        "04130",
        "Sipoo",
        60.3770,
        25.2690,
    ),
    Place(
        "sipoo-sysselsattning",
        "sipoo",
        "Sipoon työllisyyspalvelut – Sibbo sysselsättningstjänster",
        "Exempelvägen 8",
        "04130",
        "Sipoo",
        60.3762,
        25.2671,
    ),
    Place("kriisipuhelin", "mieli", "Kriisipuhelin", url="https://mieli.example.fi/kriisipuhelin"),
    Place("sekasin-chat", "mieli", "Nuorten chat", url="https://mieli.example.fi/nuorten-chat"),
    Place(
        "uusyrityskeskus",
        "uusyrityskeskus",
        "Uusyrityskeskus, Järvenpää",
        "Esimerkkikatu 30",
        "04400",
        "Järvenpää",
        60.4729,
        25.0893,
    ),
    Place(
        "nal-neuvonta",
        "nal",
        "Nuorisoasuntoliiton asumisneuvonta (puhelin ja chat)",
        url="https://nal.example.fi/asumisneuvonta",
    ),
    Place("vamos-helsinki", "vamos", "Vamos Helsinki", "Esimerkkikatu 40", "00530", "Helsinki", 60.1841, 24.9506),
    Place("vamos-verkossa", "vamos", "Vamos verkossa", url="https://vamos.example.fi/verkossa"),
    Place(
        "opin-ovi-neuvonta",
        "opin-ovi-uusimaa",
        "Opin ovi Uusimaa -neuvontapuhelin ja sähköposti",
        url="https://opinovi-uusimaa.example.fi/neuvonta",
    ),
    Place(
        "luksia-lohja",
        "luksia",
        "Luksia, Lohjan kampus (hakijapalvelut)",
        "Koulutie 1",
        "08100",
        "Lohja",
        60.2511,
        24.0701,
    ),
    Place("luksia-vihti", "luksia", "Luksia, Nummelan kampus", "Opintie 10", "03100", "Vihti", 60.3320, 24.3240),
    Place(
        "axxell-ekenas", "axxell", "Axxell, campus Ekenäs", "Exempelvägen 12", "10600", "Raasepori", 59.9738, 23.4376
    ),
    Place("ohjaamo-lohja", "ohjaamo-lohja", "Ohjaamo Lohja", "Esimerkkikatu 9", "08100", "Lohja", 60.2483, 24.0649),
    Place("luvn-lohja", "luvn", "Lohjan sosiaali- ja terveysasema", "Testikuja 6", "08100", "Lohja", 60.2497, 24.0613),
    Place(
        "luvn-ekenas",
        "luvn",
        "Ekenäs social- och hälsostation",
        "Exempelvägen 20",
        "10600",
        "Raasepori",
        59.9751,
        23.4402,
    ),
    Place("luvn-puhelin", "luvn", "Neuvontapuhelin – Rådgivningstelefon", url="https://luvn.example.fi/neuvonta"),
    Place(
        "raasepori-ekenas",
        "raasepori",
        "Raaseporin kaupungintalo – Raseborgs stadshus",
        "Exempelvägen 1",
        "10600",
        "Raasepori",
        59.9733,
        23.4360,
    ),
)


SERVICES = (
    # --- Ohjaamot
    Svc(
        "ohjaamo-kerava",
        "ohjaamo-kerava",
        "Ohjaamo Kerava – ohjaus ja neuvonta nuorille",
        "Ohjaamoon voit tulla ilman ajanvarausta, kun mietit opiskelua, töitä, rahaa, asumista tai jaksamista. "
        "Ohjaajat, nuorisotyöntekijä, sosiaaliohjaaja ja työllisyyspalvelujen asiantuntija selvittävät tilanteesi "
        "kanssasi ja hoitavat asiat eteenpäin, esimerkiksi koulutukseen hakemisen, työnhaun, Kelan hakemukset tai "
        "asunnon hakemisen.",
        "Keravalla asuvat 15–29-vuotiaat. Palvelu on maksuton eikä vaadi lähetettä.",
        needs=("study-guidance", "education", "employment", "livelihood", "housing", "youth-work", "mental-health"),
        places=("ohjaamo-kerava",),
        areas=("245",),
        languages=("fi", "en"),
        minimum_age=15,
        maximum_age=29,
        phone="+358 40 000 1101",
        email="ohjaamo.kerava@example.fi",
        url="https://ohjaamo-kerava.example.fi",
    ),
    Svc(
        "ohjaamo-kerava-chat",
        "ohjaamo-kerava",
        "Ohjaamo Kerava – chat ja videotapaaminen",
        "Jos et pääse käymään, voit kysyä Ohjaamon ohjaajalta chatissa tai varata videotapaamisen. Chatissa voi "
        "kysyä nimettömästi opiskelusta, työnhausta ja raha-asioista.",
        "Keravalla asuvat 15–29-vuotiaat.",
        needs=("study-guidance", "employment", "livelihood"),
        places=("ohjaamo-kerava-chat",),
        areas=("245",),
        languages=("fi", "en"),
        minimum_age=15,
        maximum_age=29,
        url="https://ohjaamo-kerava.example.fi/chat",
    ),
    Svc(
        "ohjaamo-jarvenpaa",
        "ohjaamo-jarvenpaa",
        "Ohjaamo Järvenpää – ohjaus ja neuvonta nuorille",
        "Ohjaamo auttaa, kun koulu tai työ ei suju tai seuraava askel on hukassa. Samassa paikassa toimivat "
        "opinto-ohjaaja, nuorten työllisyyspalvelut, sosiaaliohjaaja ja psykiatrinen sairaanhoitaja. Tule käymään "
        "arkisin klo 12–16 tai sovi aika.",
        "Järvenpäässä ja Pornaisissa asuvat 15–29-vuotiaat.",
        needs=("study-guidance", "education", "employment", "livelihood", "housing", "youth-work", "mental-health"),
        places=("ohjaamo-jarvenpaa",),
        areas=("186", "611"),
        languages=("fi", "en"),
        minimum_age=15,
        maximum_age=29,
        phone="+358 40 000 1201",
        email="ohjaamo.jarvenpaa@example.fi",
    ),
    Svc(
        "ohjaamo-hyvinkaa",
        "ohjaamo-hyvinkaa",
        "Ohjaamo Hyvinkää – ohjaus ja neuvonta nuorille",
        "Maksutonta ohjausta opiskeluun, työhön, toimeentuloon ja asumiseen. Ohjaamossa voi myös hoitaa Kelan ja "
        "työllisyyspalvelujen asiat yhdessä ohjaajan kanssa.",
        "Hyvinkäällä asuvat 15–29-vuotiaat.",
        needs=("study-guidance", "education", "employment", "livelihood", "housing", "youth-work"),
        places=("ohjaamo-hyvinkaa",),
        areas=("106",),
        languages=("fi", "en", "ru"),
        minimum_age=15,
        maximum_age=29,
        phone="+358 40 000 1301",
        email="ohjaamo.hyvinkaa@example.fi",
    ),
    Svc(
        "ohjaamo-hyvinkaa-asuminen",
        "ohjaamo-hyvinkaa",
        "Ohjaamo Hyvinkää – nuorten asumisneuvonta",
        "Asumisneuvoja auttaa ensimmäisen oman asunnon hakemisessa, vuokrarästeissä, häätöuhan tilanteissa ja "
        "asumistuen hakemisessa.",
        "Hyvinkääläiset 18–29-vuotiaat.",
        needs=("housing", "livelihood"),
        places=("ohjaamo-hyvinkaa",),
        areas=("106",),
        languages=("fi",),
        minimum_age=18,
        maximum_age=29,
        phone="+358 40 000 1302",
    ),
    Svc(
        "ohjaamo-lohja",
        "ohjaamo-lohja",
        "Ohjaamo Lohja – ohjaus ja neuvonta nuorille",
        "Ohjaamosta saat apua opintoihin hakeutumiseen, työnhakuun, raha-asioihin ja asumiseen. Palvelemme myös "
        "ruotsiksi. Vi betjänar också på svenska.",
        "Lohjalla, Inkoossa ja Siuntiossa asuvat 15–29-vuotiaat.",
        needs=("study-guidance", "education", "employment", "livelihood", "housing", "youth-work"),
        places=("ohjaamo-lohja",),
        areas=("444", "149", "755"),
        languages=("fi", "sv", "en"),
        minimum_age=15,
        maximum_age=29,
        phone="+358 40 000 2101",
        email="ohjaamo.lohja@example.fi",
    ),
    Svc(
        "ohjaamo-lohja-etsiva",
        "ohjaamo-lohja",
        "Etsivä nuorisotyö, Lohja",
        "Etsivä nuorisotyöntekijä tukee nuorta, joka on jäänyt koulutuksen tai työn ulkopuolelle tai tarvitsee apua "
        "palvelujen löytämiseen. Nuori voi ottaa yhteyttä itse, tai yhteyden voi ottaa oppilaitos, vanhempi tai muu "
        "läheinen.",
        "Lohjalla asuvat 15–29-vuotiaat.",
        needs=("youth-work", "study-guidance", "mental-health"),
        places=("ohjaamo-lohja",),
        areas=("444",),
        languages=("fi", "sv"),
        minimum_age=15,
        maximum_age=29,
        phone="+358 40 000 2102",
    ),
    # --- Keuda
    Svc(
        "keuda-hakijapalvelut",
        "keuda",
        "Keudan hakijapalvelut ja opinto-ohjaus",
        "Hakijapalvelujen opinto-ohjaajat kertovat Keudan ammatillisista koulutuksista, lukiosta ja "
        "tutkintoon valmentavasta koulutuksesta sekä jatkuvasta hausta. Autamme myös, jos opinnot toisessa "
        "oppilaitoksessa ovat keskeytyneet ja mietit, mitä seuraavaksi. Oppivelvollisille nuorille etsimme "
        "opiskelupaikan yhdessä kotikunnan kanssa.",
        "Keski-Uudellamaalla asuvat hakijat iästä riippumatta; alle 18-vuotiaat myös huoltajan kanssa.",
        needs=("education", "study-guidance"),
        places=("keuda-jarvenpaa", "keuda-kerava", "keuda-puhelin"),
        areas=KEUDA,
        languages=("fi", "en"),
        phone="+358 40 000 1401",
        email="hakijapalvelut.keuda@example.fi",
        url="https://keuda.example.fi/hakijapalvelut",
        application_process="Tule käymään kampuksella, soita tai varaa aika verkossa.",
    ),
    Svc(
        "keuda-hakijapalvelut-mantsala",
        "keuda",
        "Keudan hakijapalvelut, Mäntsälä",
        "Mäntsälän kampuksen hakijapalvelupiste on suljettuna peruskorjauksen ajan. Mäntsälän ja Pornaisen hakijoita "
        "palvellaan Järvenpään kampuksella ja puhelimessa.",
        "Mäntsälässä ja Pornaisissa asuvat hakijat.",
        needs=("education", "study-guidance"),
        places=("keuda-mantsala",),
        areas=("505", "611"),
        languages=("fi",),
        phone="+358 40 000 1402",
        status="temporarily closed",
    ),
    Svc(
        "keuda-tuva",
        "keuda",
        "Tutkintoon valmentava koulutus (TUVA), Keuda",
        "TUVA-koulutuksessa voit vahvistaa opiskelutaitojasi, tutustua eri aloihin ja suorittaa peruskoulun "
        "arvosanojen korotuksia ennen hakeutumista ammatilliseen koulutukseen tai lukioon. Koulutukseen voi "
        "hakea jatkuvasti ympäri vuoden.",
        "16 vuotta täyttäneet, joilla ei ole toisen asteen tutkintoa. Oppivelvollisille maksuton.",
        needs=("education",),
        places=("keuda-kerava", "keuda-jarvenpaa"),
        areas=KEUDA,
        languages=("fi",),
        minimum_age=16,
        maximum_age=None,
        phone="+358 40 000 1403",
        email="tuva.keuda@example.fi",
    ),
    Svc(
        "keuda-oppisopimus",
        "keuda",
        "Oppisopimuskoulutus, Keuda",
        "Oppisopimuksella opiskelet ammatillisen tutkinnon työpaikalla ja saat työstäsi palkkaa. Oppisopimustoimisto "
        "neuvoo sekä opiskelijaa että työnantajaa ja laatii henkilökohtaisen opiskelusuunnitelman.",
        "Työsuhde tai työpaikkalupaus Keski-Uudellamaalla tarvitaan ennen sopimuksen alkua.",
        needs=("education", "employment"),
        places=("keuda-jarvenpaa",),
        areas=KEUDA,
        languages=("fi",),
        phone="+358 40 000 1404",
        email="oppisopimus.keuda@example.fi",
    ),
    Svc(
        "keuda-aikuiset",
        "keuda",
        "Keuda – opinto-ohjaus aikuisille ja alanvaihtajille",
        "Aikuisten opinto-ohjaus auttaa, kun harkitset alanvaihtoa, tutkinnon osan suorittamista työn ohessa tai "
        "osaamisen päivittämistä. Kartoitamme aiemman osaamisesi ja etsimme sopivan koulutuspolun.",
        "18 vuotta täyttäneet Keski-Uudellamaalla asuvat.",
        needs=("study-guidance", "education", "employment"),
        places=("keuda-jarvenpaa", "keuda-puhelin"),
        areas=KEUDA,
        languages=("fi", "en"),
        minimum_age=18,
        maximum_age=None,
        phone="+358 40 000 1405",
    ),
    # --- Keravan lukio
    Svc(
        "keravan-lukio-ohjaus",
        "keravan-lukio",
        "Keravan lukio – opinto-ohjaus ja hakeutuminen",
        "Lukion opinto-ohjaajat auttavat opintojen suunnittelussa, jatko-opintoihin hakemisessa ja silloin, kun "
        "lukio-opinnot ovat keskeytymässä tai jo keskeytyneet. Yhdessä mietitään vaihtoehdot, esimerkiksi siirto "
        "ammatilliseen koulutukseen tai kaksoistutkinto.",
        "Keravan lukion nykyiset ja keskeyttäneet opiskelijat sekä lukioon hakevat keravalaiset nuoret.",
        needs=("study-guidance", "education"),
        places=("keravan-lukio",),
        areas=("245",),
        languages=("fi", "en"),
        minimum_age=15,
        maximum_age=19,
        phone="+358 40 000 1501",
        email="opo.lukio.kerava@example.fi",
    ),
    Svc(
        "keravan-lukio-opiskeluhuolto",
        "keravan-lukio",
        "Keravan lukion opiskeluhuolto (kuraattori ja psykologi)",
        "Kuraattori ja psykologi tukevat, kun opiskelu ei maistu, elämässä on vaikeuksia tai mieliala on matalalla. "
        "Ajan voi varata itse tai opettajan kautta.",
        "Keravan lukion opiskelijat.",
        needs=("mental-health", "social-work"),
        places=("keravan-lukio",),
        areas=("245",),
        languages=("fi",),
        minimum_age=15,
        maximum_age=19,
        phone="+358 40 000 1502",
    ),
    # --- Keski-Uudenmaan hyvinvointialue
    Svc(
        "keusote-sosiaalineuvonta",
        "keusote",
        "Sosiaalineuvonta ja aikuissosiaalityö",
        "Sosiaalineuvonnasta saat apua, kun raha ei riitä, asuminen on uhattuna tai elämäntilanne on muuten "
        "vaikea. Sosiaaliohjaaja arvioi tilanteen kanssasi ja ohjaa tarvittaessa täydentävään ja ehkäisevään "
        "toimeentulotukeen tai aikuissosiaalityöhön.",
        "Hyvinvointialueen kunnissa asuvat 18 vuotta täyttäneet.",
        needs=("social-work", "livelihood", "housing"),
        places=("keusote-kerava", "keusote-jarvenpaa", "keusote-puhelin"),
        areas=KEUSOTE,
        languages=("fi", "sv", "en"),
        minimum_age=18,
        maximum_age=None,
        phone="+358 40 000 1601",
    ),
    Svc(
        "keusote-mielenterveys-paihde",
        "keusote",
        "Mielenterveys- ja päihdeneuvonta",
        "Matalan kynnyksen neuvonta aikuisille, kun huolena on oma tai läheisen mieliala, ahdistus, alkoholin tai "
        "muiden päihteiden käyttö tai rahapelaaminen. Puhelimessa arvioidaan tilanne ja varataan tarvittaessa "
        "aika mielenterveys- ja päihdepalveluihin ilman lähetettä.",
        "Hyvinvointialueen kunnissa asuvat 18 vuotta täyttäneet ja heidän läheisensä.",
        needs=("mental-health", "substance-use"),
        places=("keusote-puhelin", "keusote-jarvenpaa"),
        areas=KEUSOTE,
        languages=("fi", "sv", "en"),
        minimum_age=18,
        maximum_age=None,
        phone="+358 40 000 1602",
    ),
    Svc(
        "keusote-nuorisoasema",
        "keusote",
        "Nuorisoasema – nuorten päihde- ja mielenterveyspalvelut",
        "Nuorisoasemalla tuetaan nuoria, joilla on huolta päihteistä, pelaamisesta tai jaksamisesta. Myös "
        "vanhemmat voivat ottaa yhteyttä. Käynnit ovat luottamuksellisia.",
        "Hyvinvointialueen kunnissa asuvat 13–24-vuotiaat ja heidän perheensä.",
        needs=("substance-use", "mental-health"),
        places=("keusote-kerava",),
        areas=KEUSOTE,
        languages=("fi",),
        minimum_age=13,
        maximum_age=24,
        phone="+358 40 000 1603",
    ),
    Svc(
        "keusote-nuorten-sosiaaliohjaus",
        "keusote",
        "Nuorten sosiaaliohjaus",
        "Sosiaaliohjaaja auttaa nuorta, kun itsenäinen elämä on alkamassa tai arki ei suju: toimeentulo, asunto, "
        "opintojen keskeytyminen tai jälkihuolto. Yhteydenoton voi tehdä nuori itse tai ammattilainen nuoren "
        "luvalla.",
        "Hyvinvointialueen kunnissa asuvat 16–24-vuotiaat.",
        needs=("social-work", "livelihood", "housing", "youth-work"),
        places=("keusote-kerava", "keusote-jarvenpaa"),
        areas=KEUSOTE,
        languages=("fi", "en"),
        minimum_age=16,
        maximum_age=24,
        phone="+358 40 000 1604",
    ),
    Svc(
        "keusote-tyokyky",
        "keusote",
        "Työkykykoordinaatio ja kuntoutusohjaus",
        "Työkykykoordinaattori selvittää työkykyä ja kuntoutustarvetta, kun sairaus tai vamma vaikeuttaa "
        "työllistymistä. Apuna ovat työ- ja toimintakyvyn arviot, kuntouttava työtoiminta ja Kelan kuntoutus.",
        "Hyvinvointialueen kunnissa asuvat työikäiset, joiden työkyky on heikentynyt.",
        needs=("rehabilitation", "employment", "health"),
        places=("keusote-jarvenpaa",),
        areas=KEUSOTE,
        languages=("fi", "sv"),
        minimum_age=18,
        maximum_age=None,
        phone="+358 40 000 1605",
    ),
    Svc(
        "keusote-terveysneuvonta",
        "keusote",
        "Terveysasemien neuvontapuhelin ja ajanvaraus",
        "Sairaanhoitaja arvioi hoidon tarpeen puhelimessa ja varaa tarvittaessa ajan terveysasemalle. Kiireellisissä "
        "tilanteissa ohjataan päivystykseen.",
        "Hyvinvointialueen kunnissa asuvat, kaiken ikäiset.",
        needs=("health",),
        places=("keusote-puhelin",),
        areas=KEUSOTE,
        languages=("fi", "sv", "en"),
        phone="+358 40 000 1606",
    ),
    # --- Keski-Uudenmaan työllisyysalue
    Svc(
        "tyollisyys-nuoret",
        "tyollisyysalue-ku",
        "Nuorten työllisyyspalvelut",
        "Nuorten työllisyysasiantuntijat auttavat ensimmäisen työpaikan, kesätyön, työkokeilun tai koulutuksen "
        "löytämisessä. Ilmoittautuminen työnhakijaksi onnistuu samalla käynnillä.",
        "Keski-Uudellamaalla asuvat 16–29-vuotiaat.",
        needs=("employment", "study-guidance"),
        places=("tyollisyys-kerava", "tyollisyys-jarvenpaa"),
        areas=KESKI_UUSIMAA,
        languages=("fi", "en"),
        minimum_age=16,
        maximum_age=29,
        phone="+358 40 000 1701",
    ),
    Svc(
        "tyollisyys-tyonhaku",
        "tyollisyysalue-ku",
        "Työnhaun aloitus ja työnhakijan palvelut",
        "Ilmoittaudu työnhakijaksi, laadi työnhakusuunnitelma ja saa tietoa avoimista työpaikoista, "
        "työvoimakoulutuksesta, palkkatuesta ja starttirahasta. Työttömyysturvan edellytyksenä on voimassa oleva "
        "työnhaku.",
        "Keski-Uudellamaalla asuvat työnhakijat.",
        needs=("employment",),
        places=("tyollisyys-jarvenpaa", "tyollisyys-kerava", "tyollisyys-verkko"),
        areas=KESKI_UUSIMAA,
        languages=("fi", "sv", "en"),
        phone="+358 40 000 1702",
        url="https://tyollisyys-ku.example.fi/asioi",
    ),
    Svc(
        "tyollisyys-maahanmuuttajat",
        "tyollisyysalue-ku",
        "Maahan muuttaneiden työllisyys- ja kotoutumispalvelut",
        "Kotoutumisen asiantuntijat tekevät osaamiskartoituksen ja kotoutumissuunnitelman, ohjaavat suomen kielen "
        "kursseille ja auttavat työnhaussa. Tulkkaus järjestetään tarvittaessa.",
        "Keski-Uudellamaalla asuvat maahan muuttaneet työnhakijat, myös tilapäistä suojelua saavat.",
        needs=("integration", "employment"),
        places=("tyollisyys-kerava", "tyollisyys-verkko"),
        areas=KESKI_UUSIMAA,
        languages=IMMIGRANT_LANGUAGES,
        minimum_age=17,
        maximum_age=None,
        phone="+358 40 000 1703",
    ),
    # --- Kela (national)
    Svc(
        "kela-toimeentulotuki",
        "kela",
        "Perustoimeentulotuki",
        "Perustoimeentulotuki on viimesijainen taloudellinen tuki, kun tulot ja varat eivät riitä välttämättömiin "
        "menoihin. Haetaan verkossa tai paperilomakkeella; palvelupisteessä ja puhelimessa neuvotaan hakemisessa.",
        "Suomessa asuvat; alle 18-vuotiaat huoltajan hakemuksen kautta.",
        needs=("livelihood",),
        places=("kela-verkko", "kela-jarvenpaa"),
        areas=("country:FI",),
        languages=("fi", "sv", "en"),
        phone="+358 40 000 3001",
        url="https://kela.example.fi/toimeentulotuki",
    ),
    Svc(
        "kela-opintotuki",
        "kela",
        "Opintotuki ja koulumatkatuki",
        "Opintoraha, opintolainan valtiontakaus ja koulumatkatuki toisen asteen ja korkeakoulun opiskelijoille.",
        "Päätoimisesti opiskelevat; koulumatkatuki toisen asteen opiskelijoille.",
        needs=("livelihood", "education"),
        places=("kela-verkko",),
        areas=("country:FI",),
        languages=("fi", "sv", "en"),
        phone="+358 40 000 3002",
    ),
    Svc(
        "kela-asumistuki",
        "kela",
        "Yleinen asumistuki",
        "Asumistuki pienituloisille vuokra- ja omistusasujille. Kela neuvoo, miten tuki lasketaan ja mitä liitteitä "
        "hakemukseen tarvitaan.",
        "Suomessa asuvat pienituloiset ruokakunnat.",
        needs=("housing", "livelihood"),
        places=("kela-verkko", "kela-jarvenpaa"),
        areas=("country:FI",),
        languages=("fi", "sv", "en"),
        phone="+358 40 000 3003",
    ),
    Svc(
        "kela-kuntoutus",
        "kela",
        "Kelan ammatillinen kuntoutus",
        "Ammatillinen kuntoutus auttaa pysymään työelämässä, palaamaan sinne tai pääsemään opiskelemaan, kun sairaus "
        "uhkaa työ- tai opiskelukykyä. Kuntoutusneuvoja selvittää sopivat vaihtoehdot.",
        "Työikäiset, joiden työ- tai opiskelukyky on sairauden vuoksi uhattuna.",
        needs=("rehabilitation", "employment"),
        places=("kela-verkko",),
        areas=("country:FI",),
        languages=("fi", "sv", "en"),
        minimum_age=16,
        maximum_age=None,
        phone="+358 40 000 3004",
    ),
    Svc(
        "kela-nuotti",
        "kela",
        "NUOTTI-valmennus nuorille",
        "Henkilökohtaista valmennusta nuorelle, jonka opiskelu tai työllistyminen on pysähtynyt. Valmentaja tapaa "
        "nuorta noin 10 kertaa ja auttaa tekemään suunnitelman opiskeluun tai työhön.",
        "16–29-vuotiaat, joiden opiskelu- tai työkyky on heikentynyt; ei vaadi lääkärinlausuntoa.",
        needs=("rehabilitation", "study-guidance", "youth-work"),
        places=("kela-verkko",),
        areas=("country:FI",),
        languages=("fi", "sv"),
        minimum_age=16,
        maximum_age=29,
        phone="+358 40 000 3005",
    ),
    # --- debt
    Svc(
        "takuusaatio-velkalinja",
        "takuusaatio",
        "Velkalinja – maksuton neuvonta puhelimessa ja chatissa",
        "Velkalinjalta saat neuvoja, kun laskut ovat jääneet maksamatta, velkoja on liikaa tai pelaaminen on "
        "aiheuttanut raha-ongelmia. Neuvonta on nimetöntä.",
        "Kaikki, joilla on huoli omasta tai läheisen taloudesta; myös ammattilaiset.",
        needs=("debt",),
        places=("takuusaatio-velkalinja",),
        areas=(),
        languages=("fi", "sv", "en"),
        phone="+358 40 000 3101",
        url="https://takuusaatio.example.fi/velkalinja",
    ),
    Svc(
        "takuusaatio-jarjestelylaina",
        "takuusaatio",
        "Järjestelylaina ja takaus velkojen yhdistämiseen",
        "Takuusäätiö voi taata pankin myöntämän järjestelylainan, jolla maksetaan pois useampia pieniä velkoja. "
        "Hakemuksen käsittelyssä selvitetään maksukyky yhdessä velallisen kanssa.",
        "18 vuotta täyttäneet, joilla on säännölliset tulot ja kohtuullinen maksukyky.",
        needs=("debt",),
        places=("takuusaatio-velkalinja",),
        areas=("country:FI",),
        languages=("fi", "sv"),
        minimum_age=18,
        maximum_age=None,
    ),
    Svc(
        "velkaneuvonta-keski-uusimaa",
        "oikeusapu-etela",
        "Talous- ja velkaneuvonta, Keski-Uusimaa",
        "Talous- ja velkaneuvoja tekee kanssasi selvityksen veloista, neuvottelee velkojien kanssa maksujärjestelyistä "
        "ja auttaa velkajärjestelyn hakemisessa. Aika varataan puhelimitse.",
        "Keski-Uudellamaalla asuvat yksityishenkilöt ja yksityisyrittäjät.",
        needs=("debt",),
        places=("velkaneuvonta-kerava",),
        areas=KESKI_UUSIMAA,
        languages=("fi", "en"),
        phone="+358 40 000 1801",
    ),
    Svc(
        "velkaneuvonta-lansi-uusimaa",
        "oikeusapu-etela",
        "Talous- ja velkaneuvonta, Länsi-Uusimaa",
        "Apua velkojen selvittämiseen, maksusuunnitelman tekemiseen ja velkajärjestelyn hakemiseen suomeksi ja "
        "ruotsiksi. Hjälp med att reda ut skulder, göra upp en betalningsplan och ansöka om skuldsanering.",
        "Länsi-Uudellamaalla asuvat yksityishenkilöt. Privatpersoner som bor i Västra Nyland.",
        needs=("debt",),
        places=("velkaneuvonta-lohja",),
        areas=LANSI_UUSIMAA,
        languages=("fi", "sv"),
        phone="+358 40 000 2201",
        alternate_name="Ekonomi- och skuldrådgivning, Västra Nyland",
    ),
    # --- municipal youth work, compulsory education guidance, integration
    Svc(
        "kerava-etsiva",
        "kerava",
        "Etsivä nuorisotyö, Kerava",
        "Etsivät nuorisotyöntekijät auttavat nuorta, joka on keskeyttänyt opinnot, on ilman työtä tai opiskelupaikkaa "
        "tai ei tiedä, mistä apua saisi. Tapaamme siellä, missä nuorelle sopii, ja kuljemme mukana palveluihin.",
        "Keravalla asuvat 15–29-vuotiaat. Yhteyttä voi ottaa nuori itse, huoltaja, oppilaitos tai muu ammattilainen.",
        needs=("youth-work", "study-guidance", "mental-health"),
        places=("kerava-nuorisopalvelut",),
        areas=("245",),
        languages=("fi", "en"),
        minimum_age=15,
        maximum_age=29,
        phone="+358 40 000 1901",
        email="etsiva.kerava@example.fi",
    ),
    Svc(
        "kerava-oppivelvollisuus",
        "kerava",
        "Oppivelvollisuuden ohjaus ja valvonta, Kerava",
        "Kun alle 18-vuotiaan opinnot keskeytyvät, kotikunta auttaa löytämään uuden opiskelupaikan. "
        "Ohjaaja ottaa yhteyttä nuoreen ja huoltajaan ja sopii jatkosta yhdessä oppilaitosten kanssa.",
        "Keravalla asuvat oppivelvolliset 16–17-vuotiaat, joiden toisen asteen opinnot ovat keskeytyneet tai "
        "keskeytymässä.",
        needs=("education", "study-guidance"),
        places=("kerava-palvelupiste",),
        areas=("245",),
        languages=("fi", "en"),
        minimum_age=16,
        maximum_age=17,
        phone="+358 40 000 1902",
        email="oppivelvollisuus.kerava@example.fi",
    ),
    Svc(
        "kerava-kotoutuminen",
        "kerava",
        "Keravan kotoutumispalvelut ja monikielinen neuvonta",
        "Neuvontaa maahan muuttaneille arjen asioissa: oleskelulupa, Kelan etuudet, asunto, koulu ja suomen kielen "
        "opiskelu. Neuvojat puhuvat useita kieliä; muilla kielillä käytetään tulkkia.",
        "Keravalla asuvat maahan muuttaneet, kaiken ikäiset.",
        needs=("integration", "livelihood", "social-work"),
        places=("kerava-palvelupiste",),
        areas=("245",),
        languages=IMMIGRANT_LANGUAGES,
        phone="+358 40 000 1903",
    ),
    Svc(
        "jarvenpaa-etsiva",
        "jarvenpaa",
        "Etsivä nuorisotyö, Järvenpää",
        "Tukea nuorelle, joka tarvitsee apua opiskelupaikan, työn tai sopivan palvelun löytämiseen. Etsivä "
        "nuorisotyöntekijä tapaa kahvilassa, nuorisotalolla tai kotona.",
        "Järvenpäässä asuvat 15–29-vuotiaat.",
        needs=("youth-work", "study-guidance", "mental-health"),
        places=("jarvenpaa-nuorisotalo",),
        areas=("186",),
        languages=("fi",),
        minimum_age=15,
        maximum_age=29,
        phone="+358 40 000 2001",
    ),
    Svc(
        "tuusula-etsiva",
        "tuusula",
        "Etsivä nuorisotyö, Tuusula",
        "Etsivä nuorisotyö tavoittaa nuoria, jotka ovat koulutuksen ja työn ulkopuolella, ja auttaa heitä "
        "eteenpäin omassa tahdissa. Toimimme Hyrylässä, Jokelassa ja Kellokoskella.",
        "Tuusulassa asuvat 15–29-vuotiaat.",
        needs=("youth-work", "study-guidance"),
        places=("tuusula-nuorisotila",),
        areas=("858",),
        languages=("fi",),
        minimum_age=15,
        maximum_age=29,
        phone="+358 40 000 2002",
    ),
    Svc(
        "sipoo-uppsokande",
        "sipoo",
        "Uppsökande ungdomsarbete i Sibbo",
        "Den uppsökande ungdomsarbetaren stöder unga som har avbrutit sina studier, saknar arbete eller studieplats "
        "eller inte vet vart de ska vända sig. Vi träffas där det passar den unga och går med till tjänsterna.",
        "Unga i åldern 15–29 som bor i Sibbo. Den unga kan själv ta kontakt, men också vårdnadshavare eller "
        "läroanstalt.",
        needs=("youth-work", "study-guidance", "mental-health"),
        places=("sipoo-nikkila",),
        areas=("753",),
        languages=("sv", "fi"),
        minimum_age=15,
        maximum_age=29,
        phone="+358 40 000 2003",
        alternate_name="Etsivä nuorisotyö, Sipoo",
        fees="Avgiftsfritt.",
    ),
    Svc(
        "sipoo-sysselsattning",
        "sipoo",
        "Sysselsättningstjänster i Sibbo",
        "Hjälp med jobbsökning, arbetsprövning och lönesubvention för invånare i Sibbo. Vi betjänar på svenska, "
        "finska och engelska.",
        "Arbetssökande som bor i Sibbo.",
        needs=("employment", "livelihood"),
        places=("sipoo-sysselsattning",),
        areas=("753",),
        languages=("sv", "fi", "en"),
        phone="+358 40 000 2004",
        alternate_name="Sipoon työllisyyspalvelut",
        fees="Avgiftsfritt.",
    ),
    # --- national helplines and chats
    Svc(
        "kriisipuhelin",
        "mieli",
        "Kriisipuhelin",
        "Kriisipuhelimeen voi soittaa ympäri vuorokauden, kun oma tai läheisen elämäntilanne tuntuu ylivoimaiselta, "
        "myös itsetuhoisissa ajatuksissa. Päivystäjät ovat koulutettuja vapaaehtoisia ja ammattilaisia.",
        "Kaikki, iästä ja asuinpaikasta riippumatta. Arabiaksi päivystetään arkisin.",
        needs=("mental-health",),
        places=("kriisipuhelin",),
        areas=(),
        languages=("fi", "sv", "en", "ar"),
        phone="+358 40 000 3201",
        application_process="Soita; ajanvarausta ei tarvita.",
    ),
    Svc(
        "mieli-nuorten-chat",
        "mieli",
        "Nuorten chat – keskusteluapua mieltä painaviin asioihin",
        "Anonyymi chat, jossa nuori voi jutella koulutetun päivystäjän kanssa mistä tahansa mieltä painavasta: "
        "yksinäisyys, ahdistus, kiusaaminen, perheen riidat.",
        "12–29-vuotiaat koko Suomessa.",
        needs=("mental-health", "youth-work"),
        places=("sekasin-chat",),
        areas=("country:FI",),
        languages=("fi", "sv"),
        minimum_age=12,
        maximum_age=29,
        url="https://mieli.example.fi/nuorten-chat",
    ),
    Svc(
        "uusyrityskeskus-neuvonta",
        "uusyrityskeskus",
        "Yrityksen perustamisneuvonta",
        "Neuvoja käy läpi liikeidean, laskelmat ja yritysmuodon ja auttaa starttirahan hakemisessa. Neuvonta on "
        "maksutonta ja luottamuksellista.",
        "Keski-Uudellamaalla yritystä perustavat ja alle kolme vuotta toimineet yrittäjät.",
        needs=("entrepreneurship",),
        places=("uusyrityskeskus",),
        areas=KESKI_UUSIMAA,
        languages=("fi", "en", "sv"),
        phone="+358 40 000 1911",
        email="neuvonta.uyk@example.fi",
    ),
    Svc(
        "nal-asumisneuvonta",
        "nal",
        "Nuorten asumisneuvonta",
        "Neuvontaa ensimmäisen asunnon hakemiseen, vuokrasopimukseen, asumisen kustannuksiin ja vuokrarästeihin. "
        "Nuorisoasuntoja voi hakea samalla.",
        "16–29-vuotiaat koko Suomessa.",
        needs=("housing",),
        places=("nal-neuvonta",),
        areas=("country:FI",),
        languages=("fi", "en"),
        minimum_age=16,
        maximum_age=29,
        phone="+358 40 000 3301",
    ),
    Svc(
        "vamos-valmennus",
        "vamos",
        "Vamos – valmennus nuorille",
        "Yksilö- ja ryhmävalmennusta nuorille, joiden arki, opiskelu tai työnhaku kaipaa vauhtia. Valmentajat "
        "auttavat myös asunto- ja raha-asioissa sekä yhteydenpidossa muihin palveluihin.",
        "Helsingissä, Espoossa ja Vantaalla asuvat 16–29-vuotiaat, jotka eivät opiskele tai ole töissä.",
        needs=("youth-work", "study-guidance", "employment", "mental-health", "social-work"),
        places=("vamos-helsinki",),
        areas=("091", "049", "092"),
        languages=("fi", "en"),
        minimum_age=16,
        maximum_age=29,
        phone="+358 40 000 3401",
    ),
    Svc(
        "vamos-verkossa",
        "vamos",
        "Vamos verkossa",
        "Valmennusta chatissa ja videolla nuorille, jotka eivät pääse paikan päälle. Voit jutella valmentajan kanssa "
        "opiskelusta, työstä ja jaksamisesta.",
        "16–29-vuotiaat koko Suomessa.",
        needs=("youth-work", "study-guidance", "mental-health"),
        places=("vamos-verkossa",),
        areas=("country:FI",),
        languages=("fi", "en"),
        minimum_age=16,
        maximum_age=29,
        url="https://vamos.example.fi/verkossa",
    ),
    Svc(
        "opin-ovi-neuvonta",
        "opin-ovi-uusimaa",
        "Opin ovi Uusimaa – opiskelun ja uran neuvonta puhelimessa ja sähköpostissa",
        "Maksuton neuvonta aikuisille, jotka miettivät opiskelua, alanvaihtoa tai osaamisen päivittämistä. "
        "Kysymykseen vastaa Keudan, Luksian, Axxellin tai Opin oven ohjaaja; asia hoidetaan loppuun, vaikka "
        "oikea paikka löytyisi muualta.",
        "Uudellamaalla asuvat 18 vuotta täyttäneet.",
        needs=("study-guidance", "education", "employment"),
        places=("opin-ovi-neuvonta",),
        areas=("region:01",),
        languages=("fi", "sv", "en"),
        minimum_age=18,
        maximum_age=None,
        phone="+358 40 000 3501",
        email="opinovi.uusimaa@example.fi",
    ),
    Svc(
        "opin-ovi-maahanmuuttajat",
        "opin-ovi-uusimaa",
        "Opin ovi Uusimaa – koulutusneuvonta maahan muuttaneille",
        "Neuvontaa suomen kielen koulutuksiin, tutkintojen tunnustamiseen ja opiskeluun hakemiseen maahan "
        "muuttaneille. Neuvontaa saa usealla kielellä.",
        "Uudellamaalla asuvat maahan muuttaneet aikuiset.",
        needs=("integration", "study-guidance", "education"),
        places=("opin-ovi-neuvonta",),
        areas=("region:01",),
        languages=IMMIGRANT_LANGUAGES,
        minimum_age=18,
        maximum_age=None,
        phone="+358 40 000 3502",
    ),
    # --- Länsi-Uusimaa
    Svc(
        "luksia-hakijapalvelut",
        "luksia",
        "Luksian hakijapalvelut",
        "Hakijapalveluista saat tietoa Luksian koulutuksista, jatkuvasta hausta ja hakemisen aikatauluista. "
        "Opinto-ohjaaja auttaa alan valinnassa ja kertoo, miten aiemmat opinnot voi hyväksilukea.",
        "Länsi-Uudellamaalla asuvat hakijat iästä riippumatta.",
        needs=("education", "study-guidance"),
        places=("luksia-lohja", "luksia-vihti"),
        areas=LUKSIA,
        languages=("fi", "en"),
        phone="+358 40 000 2301",
        email="hakijapalvelut.luksia@example.fi",
    ),
    Svc(
        "luksia-aikuiset",
        "luksia",
        "Luksia – aikuisten opinto-ohjaus ja työn ohessa opiskelu",
        "Ohjausta aikuisille, jotka haluavat suorittaa tutkinnon tai sen osan työn ohessa, oppisopimuksella tai "
        "työttömyysetuudella opiskellen.",
        "18 vuotta täyttäneet Länsi-Uudellamaalla asuvat.",
        needs=("study-guidance", "education", "employment"),
        places=("luksia-lohja",),
        areas=LUKSIA,
        languages=("fi",),
        minimum_age=18,
        maximum_age=None,
        phone="+358 40 000 2302",
    ),
    Svc(
        "axxell-sokandeservice",
        "axxell",
        "Axxell – sökandeservice och studiehandledning i Ekenäs",
        "Studiehandledarna berättar om Axxells yrkesutbildningar på svenska, den kontinuerliga ansökan och hur du "
        "kan bygga vidare på tidigare studier. Vi hjälper också dig som har avbrutit studier på annat håll.",
        "Sökande i Raseborg, Hangö och Ingå, oberoende av ålder.",
        needs=("education", "study-guidance"),
        places=("axxell-ekenas",),
        areas=("710", "078", "149"),
        languages=("sv", "fi", "en"),
        phone="+358 40 000 2401",
        email="sokandeservice.axxell@example.fi",
        alternate_name="Axxell – hakijapalvelut ja opinto-ohjaus, Tammisaari",
        fees="Avgiftsfritt.",
    ),
    Svc(
        "axxell-integration",
        "axxell",
        "Axxell – integrationsutbildning på svenska",
        "Integrationsutbildning för vuxna invandrare: svenska språket, samhällskunskap och arbetslivsorientering. "
        "Kotoutumiskoulutus ruotsiksi aikuisille maahan muuttaneille.",
        "Vuxna invandrare i Västra Nyland med en integrationsplan.",
        needs=("integration", "education"),
        places=("axxell-ekenas",),
        areas=("710", "078", "149", "444"),
        languages=("sv", "en", "ar", "uk"),
        minimum_age=18,
        maximum_age=None,
        phone="+358 40 000 2402",
        alternate_name="Axxell – kotoutumiskoulutus ruotsiksi",
        fees="Avgiftsfritt.",
    ),
    Svc(
        "luvn-sosiaalityo",
        "luvn",
        "Aikuissosiaalityö ja sosiaaliohjaus, Länsi-Uusimaa",
        "Sosiaaliohjausta ja -työtä aikuisille, kun toimeentulo, asuminen tai arjen hallinta tuottaa vaikeuksia. "
        "Socialhandledning och socialt arbete för vuxna när försörjningen eller boendet är i fara.",
        "Länsi-Uudellamaalla asuvat 18 vuotta täyttäneet. Vuxna som bor i Västra Nyland.",
        needs=("social-work", "livelihood", "housing"),
        places=("luvn-lohja", "luvn-ekenas", "luvn-puhelin"),
        areas=LUVN,
        languages=("fi", "sv"),
        minimum_age=18,
        maximum_age=None,
        phone="+358 40 000 2501",
        alternate_name="Socialt arbete och socialhandledning för vuxna, Västra Nyland",
    ),
    Svc(
        "luvn-mielenterveys-paihde",
        "luvn",
        "Mielenterveys- ja päihdeneuvonta, Länsi-Uusimaa",
        "Puhelinneuvonta ja matalan kynnyksen vastaanotto mielenterveyden ja päihteiden käytön huoliin. "
        "Telefonrådgivning och mottagning utan remiss för frågor om psykisk hälsa och missbruk.",
        "Länsi-Uudellamaalla asuvat aikuiset ja nuoret sekä heidän läheisensä.",
        needs=("mental-health", "substance-use"),
        places=("luvn-puhelin", "luvn-lohja"),
        areas=LUVN,
        languages=("fi", "sv", "en"),
        phone="+358 40 000 2502",
        alternate_name="Rådgivning inom mentalvård och missbrukarvård, Västra Nyland",
    ),
    Svc(
        "luvn-ungdomsmottagning",
        "luvn",
        "Ungdomsmottagningen i Raseborg",
        "Ungdomsmottagningen erbjuder hälsovård, preventivrådgivning och samtalsstöd för unga. Du kan boka tid själv "
        "eller komma på drop-in på onsdagar.",
        "Unga i åldern 13–25 som bor i Raseborg eller Hangö.",
        needs=("health", "mental-health"),
        places=("luvn-ekenas",),
        areas=("710", "078"),
        languages=("sv", "fi"),
        minimum_age=13,
        maximum_age=25,
        phone="+358 40 000 2503",
        alternate_name="Nuorten vastaanotto, Raasepori",
        fees="Avgiftsfritt.",
    ),
    Svc(
        "raasepori-sysselsattning",
        "raasepori",
        "Raseborgs sysselsättningstjänster",
        "Vi hjälper arbetssökande att hitta jobb, arbetsprövning, lönesubventionerat arbete eller utbildning. "
        "Autamme työnhakijoita löytämään työn, työkokeilun tai koulutuksen suomeksi ja ruotsiksi.",
        "Arbetssökande som bor i Raseborg, Hangö eller Ingå.",
        needs=("employment", "livelihood"),
        places=("raasepori-ekenas",),
        areas=("710", "078", "149"),
        languages=("sv", "fi"),
        phone="+358 40 000 2601",
        alternate_name="Raaseporin työllisyyspalvelut",
        fees="Avgiftsfritt.",
    ),
    Svc(
        "raasepori-uppsokande",
        "raasepori",
        "Uppsökande ungdomsarbete i Raseborg",
        "Stöd för unga som står utanför studier och arbete: vi hjälper med ansökningar, myndighetsärenden och att "
        "hitta rätt tjänst. Etsivä nuorisotyö palvelee myös suomeksi.",
        "Unga i åldern 15–29 som bor i Raseborg.",
        needs=("youth-work", "study-guidance"),
        places=("raasepori-ekenas",),
        areas=("710",),
        languages=("sv", "fi"),
        minimum_age=15,
        maximum_age=29,
        phone="+358 40 000 2602",
        alternate_name="Etsivä nuorisotyö, Raasepori",
        fees="Avgiftsfritt.",
    ),
)


# --- the ring and the staff accounts that `eteinen demo` adds after the import


@dataclass(frozen=True)
class Account:
    email: str
    org: str
    role: str
    password: str
    name: str
    language: str | None = None


RING_NAME = "Uudenmaan opinto-ohjausrengas"
RING_MEMBERS = ("opin-ovi-uusimaa", "keuda", "luksia", "axxell")

ACCOUNTS = (
    Account("desk@kerava.example.fi", "keravan-lukio", "front-desk", "demo-desk-2026", "Veera Vahtimestari", "fi"),
    Account("desk@lohja.example.fi", "ohjaamo-lohja", "front-desk", "demo-lohja-2026", "Liisa Lähtökohta", "fi"),
    Account("ohjaus@keuda.example.fi", "keuda", "counsellor", "demo-keuda-2026", "Olli Ohjaaja", "fi"),
    Account("ohjaus@luksia.example.fi", "luksia", "counsellor", "demo-luksia-2026", "Outi Opinto", "fi"),
    Account("handledare@axxell.example.fi", "axxell", "counsellor", "demo-axxell-2026", "Stina Exempel", "sv"),
    Account(
        "ohjaaja@ohjaamo-kerava.example.fi",
        "ohjaamo-kerava",
        "counsellor",
        "demo-ohjaamo-2026",
        "Niko Nuorisotyö",
        "fi",
    ),
    Account(
        "admin@ohjaamo-kerava.example.fi",
        "ohjaamo-kerava",
        "org-admin",
        "demo-orgadmin-2026",
        "Anna Asiakaspalvelu",
        "fi",
    ),
    Account(
        "koordinaattori@example.fi",
        "opin-ovi-uusimaa",
        "coordinator",
        "demo-koordinaattori-2026",
        "Kaisa Koordinaattori",
        "fi",
    ),
    Account("admin@example.fi", "opin-ovi-uusimaa", "admin", "demo-admin-2026", "Aapo Ylläpitäjä", "en"),
)


# --- writing the HSDS tabular folder

# (resource name, file, columns): the HSDS 3.0 field names the demo fills, in HSDS order
RESOURCES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("organization", "organizations.csv", ("id", "name", "description", "email", "website")),
    (
        "service",
        "services.csv",
        (
            "id",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "application_process",
            "fees_description",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
        ),
    ),
    ("location", "locations.csv", ("id", "location_type", "url", "organization_id", "name", "latitude", "longitude")),
    (
        "address",
        "addresses.csv",
        (
            "id",
            "location_id",
            "address_1",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ),
    ),
    ("service_at_location", "service_at_location.csv", ("id", "service_id", "location_id")),
    ("service_area", "service_areas.csv", ("id", "service_id", "name", "extent", "extent_type")),
    ("language", "languages.csv", ("id", "service_id", "name", "code")),
    ("phone", "phones.csv", ("id", "service_id", "number", "type")),
    ("taxonomy", "taxonomies.csv", ("id", "name", "description", "version")),
    (
        "taxonomy_term",
        "taxonomy_terms.csv",
        ("id", "code", "name", "description", "taxonomy", "language", "taxonomy_id"),
    ),
    ("attribute", "attributes.csv", ("id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value")),
)


def _area(extent: str) -> tuple[str, str]:
    """(extent, name) of an area given as a municipality code, ``region:NN`` or ``country:FI``."""
    if extent == "country:FI":
        return extent, "Suomi"
    places = gazetteer()
    if extent.startswith("region:"):
        name = places.region_name(extent.removeprefix("region:"))
    else:
        municipality = places.get(extent)
        # a retired code would not match the clients' municipality codes
        name = municipality.name() if municipality and municipality.code == extent else None
        extent = f"municipality:{extent}"
    if name is None:
        raise ValueError(f"{extent} is not a current municipality or region code")
    return extent, name


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


@dataclass(frozen=True)
class Network:
    """A generated directory: its organisations, places and services, and how its ids and
    addresses are made (the demo here; eval/fresh/network.py makes another region's)."""

    name: str
    title: str
    orgs: tuple[Org, ...]
    places: tuple[Place, ...]
    services: tuple[Svc, ...]
    make_id: Callable[[str, str], str]
    region_of: Callable[[Place], str]  # an address's region
    language_names: Mapping[str, str]


DEMO = Network(
    "eteinen-demo-uusimaa",
    "Eteinen demo network: Keski-Uusimaa and Länsi-Uusimaa (fictional contact details)",
    ORGS,
    PLACES,
    SERVICES,
    demo_id,
    lambda place: "Uusimaa",
    LANGUAGE_NAMES,
)


def rows(net: Network = DEMO) -> dict[str, list[dict[str, str]]]:
    """Every row of a generated directory, by file name."""
    make_id = net.make_id
    org_ids = {o.key: make_id("organization", o.key) for o in net.orgs}
    place_ids = {p.key: make_id("location", p.key) for p in net.places}
    taxonomy_id = make_id("taxonomy", TAXONOMY)
    term_ids = {code: make_id("taxonomy_term", code) for code, _, _ in NEEDS}
    out: dict[str, list[dict[str, str]]] = {file: [] for _, file, _ in RESOURCES}

    for o in net.orgs:
        out["organizations.csv"].append(
            {
                "id": org_ids[o.key],
                "name": o.name,
                "description": o.description,
                "email": o.email or "",
                "website": o.website or "",
            }
        )
    for p in net.places:
        out["locations.csv"].append(
            {
                "id": place_ids[p.key],
                "location_type": p.location_type,
                "url": p.url or "",
                "organization_id": org_ids[p.org],
                "name": p.name,
                "latitude": _number(p.latitude),
                "longitude": _number(p.longitude),
            }
        )
        if p.street:
            out["addresses.csv"].append(
                {
                    "id": make_id("address", p.key),
                    "location_id": place_ids[p.key],
                    "address_1": p.street,
                    "city": p.city or "",
                    "region": net.region_of(p),
                    "state_province": net.region_of(p),
                    "postal_code": p.postal_code or "",
                    "country": "FI",
                    "address_type": "physical",
                }
            )
    out["taxonomies.csv"].append(
        {
            "id": taxonomy_id,
            "name": TAXONOMY,
            "description": "Eteinen need taxonomy (shared/HSDS-PROFILE.md)",
            "version": "1",
        }
    )
    for code, fi, en in NEEDS:
        out["taxonomy_terms.csv"].append(
            {
                "id": term_ids[code],
                "code": code,
                "name": fi,
                "description": en,
                "taxonomy": TAXONOMY,
                "language": "fi",
                "taxonomy_id": taxonomy_id,
            }
        )
    for s in net.services:
        sid = make_id("service", s.key)
        out["services.csv"].append(
            {
                "id": sid,
                "organization_id": org_ids[s.org],
                "name": s.name,
                "alternate_name": s.alternate_name or "",
                "description": s.description,
                "url": s.url or "",
                "email": s.email or "",
                "status": s.status,
                "application_process": s.application_process or "",
                "fees_description": s.fees or "",
                "eligibility_description": s.eligibility,
                "minimum_age": _number(s.minimum_age),
                "maximum_age": _number(s.maximum_age),
            }
        )
        for place in s.places:
            out["service_at_location.csv"].append(
                {
                    "id": make_id("service_at_location", f"{s.key}@{place}"),
                    "service_id": sid,
                    "location_id": place_ids[place],
                }
            )
        for area in s.areas:
            extent, name = _area(area)
            out["service_areas.csv"].append(
                {
                    "id": make_id("service_area", f"{s.key}@{extent}"),
                    "service_id": sid,
                    "name": name,
                    "extent": extent,
                    "extent_type": "text",
                }
            )
        for code in s.languages:
            out["languages.csv"].append(
                {
                    "id": make_id("language", f"{s.key}@{code}"),
                    "service_id": sid,
                    "name": net.language_names[code],
                    "code": code,
                }
            )
        if s.phone:
            out["phones.csv"].append(
                {"id": make_id("phone", s.key), "service_id": sid, "number": s.phone, "type": "voice"}
            )
        for code in s.needs:
            out["attributes.csv"].append(
                {
                    "id": make_id("attribute", f"{s.key}@{code}"),
                    "link_id": sid,
                    "taxonomy_term_id": term_ids[code],
                    "link_type": "need",
                    "link_entity": "service",
                    "value": "",
                }
            )
    return out


def _field_types() -> dict[str, dict[str, str]]:
    """The official HSDS 3.0 type of every field, by resource name."""
    spec = json.loads((Path(__file__).parent.parent / "data" / "hsds-3.0-tabular.json").read_text("utf-8"))
    return {r["name"]: {f["name"]: f["type"] for f in r["fields"]} for r in spec["resources"]}


def files(net: Network = DEMO) -> dict[str, str]:
    """The text of every file of a generated directory, by file name."""
    types = _field_types()
    by_file = rows(net)
    result: dict[str, str] = {}
    resources = []
    for name, file, columns in RESOURCES:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(by_file[file])
        result[file] = buffer.getvalue()
        resources.append(
            {
                "name": name,
                "path": file,
                "profile": "tabular-data-resource",
                "schema": {"fields": [{"name": c, "type": types[name][c]} for c in columns], "primaryKey": "id"},
            }
        )
    package = {
        "name": net.name,
        "title": net.title,
        "profile": "tabular-data-package",
        "version": "3.0.0",
        "resources": resources,
    }
    result["datapackage.json"] = json.dumps(package, ensure_ascii=False, indent=1) + "\n"
    return result


def write(directory: Path = DIRECTORY, net: Network = DEMO) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files(net).items():
        # newline="" keeps the CSV line ends (CRLF, RFC 4180) as written
        with open(directory / name, "w", encoding="utf-8", newline="") as f:
            f.write(text)
