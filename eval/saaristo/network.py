#!/usr/bin/env python3
"""A third region's network for the held-out sets of issue 17: Varsinais-Suomi and Pohjois-Pohjanmaa.

Neither region appears in the demo network (Uusimaa) nor in eval/fresh (Pirkanmaa,
Pohjanmaa): Turku and its neighbours with bilingual Åboland (Pargas, Kimitoön),
and Oulu with its neighbours, beside national services. The kinds of service
follow real guidance networks; names, phone numbers, street addresses and e-mail
addresses are fictional.

    python eval/saaristo/network.py [DIR]   # rewrite eval/saaristo/directory, then: python eval/label.py eval/saaristo
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from routing.demo.network import LANGUAGE_NAMES, Network, Org, Place, Svc  # noqa: E402
from routing.demo.network import write as write_network  # noqa: E402

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://eteinen.example.fi/eval/saaristo")
DIRECTORY = Path(__file__).resolve().parent / "directory"
LANGUAGES = {**LANGUAGE_NAMES, "fa": "persia"}
OULU_TOWNS = ("Oulu", "Kempele", "Raahe", "Liminka")
IMMIGRANT = ("fi", "en", "ar", "ru", "so", "uk", "fa")


def make_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}/{key}"))


def org(key: str, name: str, description: str) -> Org:
    return Org(key, name, description)


ORGS = (
    org("ohjaamo-turku", "Ohjaamo Turku", "Alle 30-vuotiaiden ohjauspiste Turussa."),
    org("turku", "Turun kaupunki", "Nuorisopalvelut, aikuislukio ja kotoutumispalvelut."),
    org("kaarina", "Kaarinan kaupunki", "Nuorisopalvelut ja etsivä nuorisotyö."),
    org("salo", "Salon kaupunki", "Nuorisopalvelut ja Ohjaamo Salo."),
    org("parainen", "Paraisten kaupunki – Pargas stad", "Ungdomstjänster och uppsökande ungdomsarbete."),
    org("tyollisyys-turku", "Turun seudun työllisyysalue", "Työllisyyspalvelut Turun seudulla."),
    org("varha", "Varsinais-Suomen hyvinvointialue", "Sosiaali- ja terveyspalvelut Varsinais-Suomessa."),
    org("turun-ammattiopisto", "Turun ammatti-instituutti", "Ammatillista koulutusta nuorille ja aikuisille."),
    org("axxell", "Axxell Utbildning", "Svenskspråkig yrkesutbildning i Åboland och Åbo."),
    org("a-klinikka-turku", "Turun A-klinikka", "Päihde- ja riippuvuustyön avopalvelut."),
    org("oikeusapu-lounais", "Lounais-Suomen oikeusapu- ja edunvalvontapiiri", "Talous- ja velkaneuvonta Varsinais-Suomessa."),
    org("potkuri", "Potkuri – Turun seudun uusyrityskeskus", "Neuvontaa yritystä perustaville."),
    org("tys", "Turun Ylioppilaskyläsäätiö ja nuorisoasunnot", "Vuokra-asuntoja nuorille Turussa."),
    org("ohjaamo-oulu", "Ohjaamo Oulu", "Alle 30-vuotiaiden ohjauspiste Oulussa."),
    org("oulu", "Oulun kaupunki", "Nuorisopalvelut ja kotoutumispalvelut Oulussa."),
    org("tyollisyys-oulu", "Oulun seudun työllisyysalue", "Työllisyyspalvelut Oulun seudulla."),
    org("pohde", "Pohjois-Pohjanmaan hyvinvointialue Pohde", "Sosiaali- ja terveyspalvelut Pohjois-Pohjanmaalla."),
    org("osao", "Oulun seudun ammattiopisto OSAO", "Ammatillista koulutusta."),
    org("velka-oulu", "Pohjois-Suomen talous- ja velkaneuvonta", "Talous- ja velkaneuvonta Pohjois-Pohjanmaalla."),
    org("kela", "Kela", "Perusturva: toimeentulotuki, opintotuki, asumistuki, työttömyysturva ja kuntoutus."),
    org("takuusaatio", "Takuusäätiö", "Valtakunnallinen säätiö velkaantuneiden tueksi."),
    org("mieli", "MIELI Suomen Mielenterveys ry", "Kriisipuhelin ja kriisikeskukset."),
    org("sekasin", "Sekasin-chat", "Valtakunnallinen chat nuorille ja nuorille aikuisille."),
    org("paihdelinkki", "Päihdelinkki", "Verkkopalvelu päihteistä ja riippuvuuksista."),
    org("tyomarkkinatori", "Työmarkkinatori", "Valtakunnallinen työnhaun verkkopalvelu."),
    org("infofinland", "InfoFinland", "Tietoa Suomeen muuttaville monella kielellä."),
)


def place(key: str, org_key: str, name: str, street: str, code: str, city: str, lat: float, lon: float) -> Place:
    return Place(key, org_key, name, street, code, city, lat, lon)


PLACES = (
    place("ohjaamo-turku", "ohjaamo-turku", "Ohjaamo Turku", "Malliportti 4", "20100", "Turku", 60.4510, 22.2670),
    place("turku-keskusta", "turku", "Turun palvelupiste", "Aurakatu 2", "20100", "Turku", 60.4515, 22.2680),
    place("kaarina", "kaarina", "Kaarinan nuorisotalo", "Testikuja 3", "20780", "Kaarina", 60.4070, 22.3700),
    place("salo", "salo", "Ohjaamo Salo", "Esimerkkitie 5", "24100", "Salo", 60.3840, 23.1270),
    place("pargas", "parainen", "Ungdomsgården i Pargas", "Strandvägen 6", "21600", "Pargas", 60.3000, 22.3000),
    place("tyollisyys-turku", "tyollisyys-turku", "Työllisyyspalvelut, Turku", "Linnankatu 9", "20100", "Turku", 60.4500, 22.2600),
    place("varha-turku", "varha", "Turun sosiaali- ja terveysasema", "Sairaalakatu 1", "20100", "Turku", 60.4550, 22.2900),
    place("varha-salo", "varha", "Salon sosiaali- ja terveysasema", "Terveystie 2", "24100", "Salo", 60.3850, 23.1200),
    place("tai", "turun-ammattiopisto", "Turun ammatti-instituutti, Kupittaa", "Koulutie 8", "20520", "Turku", 60.4490, 22.2950),
    place("axxell", "axxell", "Axxell, Pargas", "Skolgatan 2", "21600", "Pargas", 60.3010, 22.3010),
    place("a-klinikka-turku", "a-klinikka-turku", "Turun A-klinikka", "Esimerkkikatu 12", "20100", "Turku", 60.4520, 22.2700),
    place("velka-turku", "oikeusapu-lounais", "Talous- ja velkaneuvonta, Turku", "Virastokatu 4", "20100", "Turku", 60.4530, 22.2650),
    place("potkuri", "potkuri", "Potkuri", "Yrittäjäntie 1", "20100", "Turku", 60.4540, 22.2640),
    place("tys", "tys", "Nuorisoasuntojen asiakaspalvelu", "Asuntokatu 2", "20500", "Turku", 60.4560, 22.2800),
    place("ohjaamo-oulu", "ohjaamo-oulu", "Ohjaamo Oulu", "Torikatu 10", "90100", "Oulu", 65.0120, 25.4680),
    place("oulu-keskusta", "oulu", "Oulun palvelupiste", "Kirkkokatu 3", "90100", "Oulu", 65.0130, 25.4700),
    place("tyollisyys-oulu", "tyollisyys-oulu", "Työllisyyspalvelut, Oulu", "Isokatu 8", "90100", "Oulu", 65.0110, 25.4690),
    place("pohde-oulu", "pohde", "Oulun sosiaali- ja terveysasema", "Kajaanintie 5", "90220", "Oulu", 65.0100, 25.5000),
    place("pohde-raahe", "pohde", "Raahen sosiaali- ja terveysasema", "Rantakatu 2", "92100", "Raahe", 64.6830, 24.4790),
    place("osao", "osao", "OSAO, Kaukovainion yksikkö", "Kaukovainiontie 1", "90570", "Oulu", 64.9900, 25.5200),
    place("velka-oulu", "velka-oulu", "Talous- ja velkaneuvonta, Oulu", "Pakkahuoneenkatu 6", "90100", "Oulu", 65.0140, 25.4660),
    Place("kela-verkko", "kela", "Kelan puhelinpalvelu ja asiointi verkossa", url="https://kela.example.fi/asiointi"),
    Place("takuusaatio", "takuusaatio", "Velkalinja (puhelin ja chat)", url="https://takuusaatio.example.fi/velkalinja"),
    Place("mieli", "mieli", "Kriisipuhelin", url="https://mieli.example.fi/kriisipuhelin"),
    Place("sekasin", "sekasin", "Sekasin-chat", url="https://sekasin.example.fi"),
    Place("paihdelinkki", "paihdelinkki", "Päihdelinkki verkossa", url="https://paihdelinkki.example.fi"),
    Place("tyomarkkinatori", "tyomarkkinatori", "Työmarkkinatori verkossa", url="https://tyomarkkinatori.example.fi"),
    Place("infofinland", "infofinland", "InfoFinland verkossa", url="https://infofinland.example.fi"),
)

TURKU_SEUTU = ("853", "202", "680", "529", "423")
OULU_SEUTU = ("564", "244", "425", "139", "494")
YOUTH = dict(minimum_age=15, maximum_age=29)

SERVICES = (
    # --- Varsinais-Suomi
    Svc("ohjaamo-turku", "ohjaamo-turku", "Ohjaamo Turku – ohjausta alle 30-vuotiaille",
        "Apua opiskelupaikan etsimiseen, työnhakuun, raha-asioihin, asumiseen ja jaksamiseen. Paikalla "
        "opinto-ohjaaja, työllisyysasiantuntija, sosiaaliohjaaja ja psykiatrinen sairaanhoitaja.",
        "Turussa asuvat 15–29-vuotiaat.",
        needs=("study-guidance", "education", "employment", "livelihood", "housing", "youth-work", "mental-health"),
        places=("ohjaamo-turku",), areas=("853",), languages=("fi", "sv", "en"), **YOUTH, phone="+358 40 200 0101"),
    Svc("kaarina-etsiva", "kaarina", "Etsivä nuorisotyö, Kaarina",
        "Etsivä nuorisotyöntekijä tukee nuorta, joka on jäänyt koulun tai työn ulkopuolelle.",
        "Kaarinassa asuvat 15–29-vuotiaat.", needs=("youth-work", "study-guidance"),
        places=("kaarina",), areas=("202",), **YOUTH, phone="+358 40 200 0201"),
    Svc("turku-etsiva", "turku", "Turun etsivä nuorisotyö",
        "Etsivät nuorisotyöntekijät auttavat nuoria, jotka ovat vailla opiskelu- tai työpaikkaa tai eivät jaksa.",
        "Turussa asuvat 15–29-vuotiaat.", needs=("youth-work", "study-guidance", "mental-health"),
        places=("turku-keskusta",), areas=("853",), languages=("fi", "sv"), **YOUTH, phone="+358 40 200 0301"),
    Svc("salo-ohjaamo", "salo", "Ohjaamo Salo",
        "Salolaisten nuorten ohjauspiste: opiskelu, työnhaku ja arjen asiat.", "Salossa asuvat 15–29-vuotiaat.",
        needs=("study-guidance", "employment", "youth-work"), places=("salo",), areas=("734",), **YOUTH,
        phone="+358 40 200 0401"),
    Svc("pargas-ungdom", "parainen", "Uppsökande ungdomsarbete i Pargas och Kimitoön",
        "Stöd för unga som står utanför skola och arbete. Etsivä nuorisotyö Paraisilla ja Kemiönsaarella.",
        "Unga 15–29 år i Pargas och Kimitoön.", needs=("youth-work", "study-guidance"),
        places=("pargas",), areas=("445", "322"), languages=("sv", "fi"), **YOUTH, phone="+358 40 200 0501"),
    Svc("turku-aikuislukio", "turku", "Turun aikuislukio",
        "Lukion oppimäärä, ylioppilastutkinto ja peruskoulun päättötodistus aikuisille, myös etänä.",
        "18 vuotta täyttäneet.", needs=("education",), places=("turku-keskusta",), areas=("region:02",),
        minimum_age=18, phone="+358 40 200 0601"),
    Svc("turku-kotoutuminen", "turku", "Turun kotoutumispalvelut ja suomen kielen kurssit",
        "Maahan muuttaneiden alkuvaiheen ohjaus, kotoutumissuunnitelma ja suomen kielen opinnot.",
        "Turun seudulle muuttaneet.", needs=("integration",), places=("turku-keskusta",), areas=TURKU_SEUTU,
        languages=IMMIGRANT, phone="+358 40 200 0701"),
    Svc("tyollisyys-turku", "tyollisyys-turku", "Turun seudun työllisyyspalvelut",
        "Työnhaun tuki, työkokeilut, palkkatuki ja koulutukseen ohjaus työttömille ja työttömyysuhan alla oleville.",
        "Turun seudulla asuvat työnhakijat.", needs=("employment",), places=("tyollisyys-turku",),
        areas=TURKU_SEUTU, languages=("fi", "sv", "en"), phone="+358 40 200 0801"),
    Svc("tyollisyys-turku-maahanmuuttajat", "tyollisyys-turku", "Työllisyyspalvelut maahan muuttaneille, Turku",
        "Työnhaku ja suomen kielen opinnot yhdessä: kielikoulutus, työkokeilu ja tutkintojen tunnustaminen.",
        "Turun seudulla asuvat maahan muuttaneet työnhakijat.", needs=("employment", "integration"),
        places=("tyollisyys-turku",), areas=TURKU_SEUTU, languages=IMMIGRANT, phone="+358 40 200 0802"),
    Svc("salo-tyollisyys", "salo", "Salon työllisyyspalvelut",
        "Työnhaun tuki ja työkokeilut salolaisille työnhakijoille.", "Salossa asuvat työnhakijat.",
        needs=("employment",), places=("salo",), areas=("734",), phone="+358 40 200 0402"),
    Svc("varha-aikuissosiaalityo", "varha", "Aikuissosiaalityö ja sosiaaliohjaus, Varsinais-Suomi",
        "Sosiaaliohjaus ja täydentävä ja ehkäisevä toimeentulotuki, kun rahat eivät riitä tai elämä on solmussa.",
        "Varsinais-Suomessa asuvat aikuiset.", needs=("social-work", "livelihood"),
        places=("varha-turku", "varha-salo"), areas=("region:02",), languages=("fi", "sv"), minimum_age=18,
        phone="+358 40 200 0901"),
    Svc("varha-mielenterveys", "varha", "Mielenterveys- ja päihdepalvelut, Varsinais-Suomi",
        "Matalan kynnyksen mielenterveys- ja päihdeneuvonta: masennus, ahdistus, uupumus ja päihteiden käyttö.",
        "Varsinais-Suomessa asuvat.", needs=("mental-health", "substance-use"),
        places=("varha-turku", "varha-salo"), areas=("region:02",), languages=("fi", "sv"),
        phone="+358 40 200 0902"),
    Svc("varha-terveys", "varha", "Terveysasemat, Varsinais-Suomi",
        "Lääkärin ja hoitajan vastaanotot, terveystarkastukset ja sairauksien hoito.", "Varsinais-Suomessa asuvat.",
        needs=("health",), places=("varha-turku", "varha-salo"), areas=("region:02",), languages=("fi", "sv"),
        phone="+358 40 200 0903"),
    Svc("varha-kuntoutus", "varha", "Kuntoutusohjaus ja työkykykoordinaattori, Varsinais-Suomi",
        "Kun sairaus tai vamma rajoittaa työtä: työkyvyn arviointi, kuntoutussuunnitelma ja ohjaus ammatilliseen kuntoutukseen.",
        "Varsinais-Suomessa asuvat työikäiset.", needs=("rehabilitation",), places=("varha-turku",),
        areas=("region:02",), languages=("fi", "sv"), minimum_age=16, maximum_age=67, phone="+358 40 200 0904"),
    Svc("tai", "turun-ammattiopisto", "Turun ammatti-instituutti – haku ja opinto-ohjaus",
        "Ammatilliset perustutkinnot, jatkuva haku, tuva-koulutus ja aikuisten näyttötutkinnot; opinto-ohjaus hakijoille.",
        "Koulutukseen hakevat.", needs=("education", "study-guidance"), places=("tai",), areas=("region:02",),
        phone="+358 40 200 1001"),
    Svc("axxell", "axxell", "Axxell – yrkesutbildning och studiehandledning",
        "Yrkesinriktade grundexamina, kontinuerlig ansökan och studiehandledning på svenska.",
        "Den som söker till utbildning.", needs=("education", "study-guidance"), places=("axxell",),
        areas=("region:02",), languages=("sv",), phone="+358 40 200 1101"),
    Svc("a-klinikka-turku", "a-klinikka-turku", "Turun A-klinikka",
        "Alkoholi-, huume-, lääke- ja peliongelmien avohoito; myös läheisille.", "Turun seudulla asuvat.",
        needs=("substance-use",), places=("a-klinikka-turku",), areas=TURKU_SEUTU, minimum_age=18,
        phone="+358 40 200 1201"),
    Svc("velka-turku", "oikeusapu-lounais", "Talous- ja velkaneuvonta, Varsinais-Suomi",
        "Maksuton apu velkoihin, maksuhäiriöihin, ulosottoon ja velkajärjestelyyn.", "Varsinais-Suomessa asuvat.",
        needs=("debt",), places=("velka-turku",), areas=("region:02",), languages=("fi", "sv"),
        phone="+358 40 200 1301"),
    Svc("potkuri", "potkuri", "Potkuri – neuvontaa yrityksen perustajalle",
        "Maksuton neuvonta liikeideasta, starttirahasta ja yrityksen perustamisesta.", "Turun seudulla yritystä suunnittelevat.",
        needs=("entrepreneurship",), places=("potkuri",), areas=TURKU_SEUTU, languages=("fi", "en"),
        phone="+358 40 200 1401"),
    Svc("tys-asunnot", "tys", "Nuorisoasunnot ja asumisneuvonta, Turku",
        "Vuokra-asuntoja alle 30-vuotiaille ja apua asunnon hakemiseen, vuokrarästeihin ja häädön uhkaan.",
        "Turussa asumista hakevat 18–29-vuotiaat.", needs=("housing",), places=("tys",), areas=("853",),
        minimum_age=18, maximum_age=29, phone="+358 40 200 1501"),
    Svc("varha-asumisneuvonta", "varha", "Asumisneuvonta, Varsinais-Suomi",
        "Neuvontaa vuokrarästeihin, häätöuhkaan ja asunnottomuuteen.", "Varsinais-Suomessa asuvat.",
        needs=("housing",), places=("varha-turku",), areas=("region:02",), languages=("fi", "sv"),
        phone="+358 40 200 0905"),
    # --- Pohjois-Pohjanmaa
    Svc("ohjaamo-oulu", "ohjaamo-oulu", "Ohjaamo Oulu – ohjausta alle 30-vuotiaille",
        "Opiskelu, työnhaku, raha, asuminen ja jaksaminen samassa paikassa ilman ajanvarausta.",
        "Oulussa asuvat 15–29-vuotiaat.",
        needs=("study-guidance", "education", "employment", "livelihood", "housing", "youth-work", "mental-health"),
        places=("ohjaamo-oulu",), areas=("564",), languages=("fi", "en"), **YOUTH, phone="+358 40 300 0101"),
    Svc("oulu-etsiva", "oulu", "Oulun etsivä nuorisotyö",
        "Tukea nuorelle, joka on koulun tai työn ulkopuolella tai jää kotiin.", "Oulun seudulla asuvat 15–29-vuotiaat.",
        needs=("youth-work", "study-guidance"), places=("oulu-keskusta",), areas=OULU_SEUTU, **YOUTH,
        phone="+358 40 300 0201"),
    Svc("oulu-kotoutuminen", "oulu", "Oulun kotoutumispalvelut",
        "Alkuvaiheen ohjaus, kotoutumissuunnitelma ja suomen kielen kurssit.", "Oulun seudulle muuttaneet.",
        needs=("integration",), places=("oulu-keskusta",), areas=OULU_SEUTU, languages=IMMIGRANT,
        phone="+358 40 300 0301"),
    Svc("tyollisyys-oulu", "tyollisyys-oulu", "Oulun seudun työllisyyspalvelut",
        "Työnhaun tuki, työkokeilut, palkkatuki ja ohjaus koulutukseen.", "Oulun seudulla asuvat työnhakijat.",
        needs=("employment",), places=("tyollisyys-oulu",), areas=OULU_SEUTU, languages=("fi", "en"),
        phone="+358 40 300 0401"),
    Svc("pohde-sosiaali", "pohde", "Aikuissosiaalityö, Pohjois-Pohjanmaa",
        "Sosiaaliohjaus ja täydentävä toimeentulotuki.", "Pohjois-Pohjanmaalla asuvat aikuiset.",
        needs=("social-work", "livelihood"), places=("pohde-oulu", "pohde-raahe"), areas=("region:17",),
        minimum_age=18, phone="+358 40 300 0501"),
    Svc("pohde-mielenterveys", "pohde", "Mielenterveys- ja päihdeneuvonta, Pohjois-Pohjanmaa",
        "Matalan kynnyksen apu masennukseen, ahdistukseen, uupumukseen ja päihteisiin.",
        "Pohjois-Pohjanmaalla asuvat.", needs=("mental-health", "substance-use"),
        places=("pohde-oulu", "pohde-raahe"), areas=("region:17",), phone="+358 40 300 0502"),
    Svc("pohde-terveys", "pohde", "Terveysasemat, Pohjois-Pohjanmaa",
        "Lääkärin ja hoitajan vastaanotot.", "Pohjois-Pohjanmaalla asuvat.", needs=("health",),
        places=("pohde-oulu", "pohde-raahe"), areas=("region:17",), phone="+358 40 300 0503"),
    Svc("pohde-kuntoutus", "pohde", "Kuntoutusohjaus, Pohjois-Pohjanmaa",
        "Työkyvyn arviointi ja kuntoutussuunnitelma, kun terveys rajoittaa työtä.",
        "Pohjois-Pohjanmaalla asuvat työikäiset.", needs=("rehabilitation",), places=("pohde-oulu",),
        areas=("region:17",), minimum_age=16, maximum_age=67, phone="+358 40 300 0504"),
    Svc("pohde-asuminen", "pohde", "Asumisneuvonta, Pohjois-Pohjanmaa",
        "Neuvontaa vuokrarästeihin, häätöuhkaan ja asunnottomuuteen.", "Pohjois-Pohjanmaalla asuvat.",
        needs=("housing",), places=("pohde-oulu",), areas=("region:17",), phone="+358 40 300 0505"),
    Svc("osao", "osao", "OSAO – haku ja opinto-ohjaus",
        "Ammatilliset tutkinnot, jatkuva haku ja opinto-ohjaus hakijoille.", "Koulutukseen hakevat.",
        needs=("education", "study-guidance"), places=("osao",), areas=("region:17",), phone="+358 40 300 0601"),
    Svc("velka-oulu", "velka-oulu", "Talous- ja velkaneuvonta, Pohjois-Pohjanmaa",
        "Maksuton apu velkoihin, ulosottoon ja velkajärjestelyyn.", "Pohjois-Pohjanmaalla asuvat.",
        needs=("debt",), places=("velka-oulu",), areas=("region:17",), phone="+358 40 300 0701"),
    # --- national
    Svc("kela", "kela", "Kela – perusturva ja toimeentulotuki",
        "Toimeentulotuki, asumistuki, työttömyysturva, opintotuki ja sairauspäiväraha.", "Suomessa asuvat.",
        needs=("livelihood",), places=("kela-verkko",), areas=("country:FI",), languages=("fi", "sv", "en")),
    Svc("kela-kuntoutus", "kela", "Kelan ammatillinen kuntoutus",
        "Ammatillinen kuntoutus ja kuntoutuspsykoterapia, kun sairaus uhkaa työkykyä.", "Suomessa asuvat 16–67-vuotiaat.",
        needs=("rehabilitation",), places=("kela-verkko",), areas=("country:FI",), languages=("fi", "sv", "en"),
        minimum_age=16, maximum_age=67),
    Svc("takuusaatio", "takuusaatio", "Velkalinja",
        "Neuvontaa velkaantuneille puhelimessa ja chatissa, myös peliongelmasta velkaantuneille.", "Kaikki.",
        needs=("debt",), places=("takuusaatio",), areas=("country:FI",), languages=("fi", "sv", "en")),
    Svc("mieli", "mieli", "Kriisipuhelin",
        "Keskusteluapua kriisissä ja kun mieli on maassa, ympäri vuorokauden.", "Kaikki.",
        needs=("mental-health",), places=("mieli",), areas=("country:FI",), languages=("fi", "sv", "en", "ar")),
    Svc("sekasin", "sekasin", "Sekasin-chat",
        "Nimetön chat 12–29-vuotiaille kaikesta, mikä painaa mieltä.", "12–29-vuotiaat.",
        needs=("mental-health", "youth-work"), places=("sekasin",), areas=("country:FI",), languages=("fi", "sv"),
        minimum_age=12, maximum_age=29),
    Svc("paihdelinkki", "paihdelinkki", "Päihdelinkki",
        "Tietoa ja nimetöntä neuvontaa päihteistä, peliongelmista ja riippuvuuksista.", "Kaikki.",
        needs=("substance-use",), places=("paihdelinkki",), areas=("country:FI",), languages=("fi", "sv")),
    Svc("tyomarkkinatori", "tyomarkkinatori", "Työmarkkinatori",
        "Avoimet työpaikat, oma profiili ja työnhaun palvelut verkossa.", "Kaikki työnhakijat.",
        needs=("employment",), places=("tyomarkkinatori",), areas=("country:FI",), languages=("fi", "sv", "en")),
    Svc("infofinland", "infofinland", "InfoFinland",
        "Tietoa Suomeen muuttamisesta, oleskeluluvista ja kielikursseista monella kielellä.", "Suomeen muuttavat.",
        needs=("integration",), places=("infofinland",), areas=("country:FI",),
        languages=("fi", "sv", "en", "ru", "so", "ar", "uk", "fa")),
)

SAARISTO = Network(
    "eteinen-eval-saaristo",
    "Eteinen held-out network: Varsinais-Suomi and Pohjois-Pohjanmaa (fictional contact details)",
    ORGS,
    PLACES,
    SERVICES,
    make_id,
    lambda p: "Pohjois-Pohjanmaa" if p.city in OULU_TOWNS else "Varsinais-Suomi",
    LANGUAGES,
)


def write(directory: Path = DIRECTORY) -> None:
    write_network(directory, SAARISTO)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DIRECTORY
    write(target)
    print(f"wrote {len(SERVICES)} services to {target}")
