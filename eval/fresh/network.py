#!/usr/bin/env python3
"""A second region's network for the held-out set ``eval/fresh``: Pirkanmaa and Pohjanmaa.

The engine was built against the Uusimaa demo network; this directory is
another pair of regions (Finnish-speaking Pirkanmaa around Tampere, and
bilingual Pohjanmaa/Österbotten around Vaasa and Jakobstad) with national
services beside them, so that place names, organisation names, area rows
and language rows are all ones the engine has not been tuned on. The kinds
of service follow real guidance networks; names of people, phone numbers,
street addresses and e-mail addresses are fictional.

    python eval/fresh/network.py [DIR]   # rewrite eval/fresh/directory (or DIR), then: python eval/label.py eval/fresh
"""

from __future__ import annotations

import csv
import io
import json
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from routing.demo.network import LANGUAGE_NAMES, NEEDS, RESOURCES, TAXONOMY, Org, Place, Svc  # noqa: E402
from routing.gazetteer import gazetteer  # noqa: E402

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://eteinen.example.fi/eval/fresh")
DIRECTORY = Path(__file__).resolve().parent / "directory"
LANGUAGES = {**LANGUAGE_NAMES, "fa": "persia"}


def fresh_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}/{key}"))


# areas
TAMPERE_SEUTU = ("837", "211", "418", "536", "562", "604", "922", "980")
SASKY = ("790", "020", "908", "143", "581", "619", "887")
VAASA_SEUTU = ("905", "499", "399", "475", "946", "280")
JAKOBSTAD = ("598", "599", "440", "893", "288")
SYDOSTERBOTTEN = ("545", "287", "231", "280")
POHJANMAA_TOWNS = ("Vaasa", "Vasa", "Jakobstad", "Närpes", "Korsholm")
IMMIGRANT = ("fi", "en", "ar", "ru", "so", "uk", "fa")

ORGS = (
    Org("ohjaamo-tampere", "Ohjaamo Tampere", "Alle 30-vuotiaiden tamperelaisten ohjaus- ja neuvontapiste."),
    Org("nokia", "Nokian kaupunki", "Nokian kaupungin nuorisopalvelut ja Ohjaamo."),
    Org("kangasala", "Kangasalan kunta", "Kangasalan nuorisopalvelut ja etsivä nuorisotyö."),
    Org("ylojarvi", "Ylöjärven kaupunki", "Ylöjärven nuorisopalvelut ja nuorten työpaja."),
    Org("tampere", "Tampereen kaupunki", "Tampereen kaupungin nuorisopalvelut, aikuislukio ja kotoutumispalvelut."),
    Org(
        "tyollisyys-tampere",
        "Tampereen seudun työllisyysalue",
        "Kahdeksan kunnan yhteiset työllisyyspalvelut Tampereen seudulla.",
    ),
    Org("pirha", "Pirkanmaan hyvinvointialue", "Sosiaali- ja terveyspalvelut Pirkanmaalla."),
    Org("tredu", "Tampereen seudun ammattiopisto Tredu", "Ammatillista koulutusta nuorille ja aikuisille."),
    Org(
        "sasky", "Sastamalan koulutuskuntayhtymä Sasky", "Ammatillista koulutusta Sastamalassa, Akaassa ja Ikaalisissa."
    ),
    Org("a-klinikka-tampere", "Tampereen A-klinikka", "Päihde- ja riippuvuustyön avopalvelut."),
    Org(
        "oikeusapu-lsi",
        "Länsi- ja Sisä-Suomen oikeusapu- ja edunvalvontapiiri",
        "Valtion oikeusaputoimistot ja talous- ja velkaneuvonta Pirkanmaalla.",
    ),
    Org("ensimetri", "Ensimetri – Tampereen seudun uusyrityskeskus", "Neuvontaa yritystä perustaville."),
    Org("pnas", "Pirkanmaan nuorisoasuntosäätiö", "Vuokra-asuntoja ja asumisneuvontaa nuorille Tampereella."),
    Org("ohjaamo-vaasa", "Ohjaamo Vaasa – Navigatorn Vasa", "Kaksikielinen ohjauspiste alle 30-vuotiaille Vaasassa."),
    Org(
        "navigatorn-jakobstad",
        "Navigatorn Jakobstadsregionen",
        "Vägledning för unga under 30 i Jakobstad, Pedersöre, Larsmo, Nykarleby och Kronoby.",
    ),
    Org(
        "sysselsattning-vasa",
        "Vaasan seudun työllisyysalue – Vasaregionens sysselsättningsområde",
        "Työllisyyspalvelut Vaasan seudulla suomeksi ja ruotsiksi.",
    ),
    Org(
        "sysselsattning-jakobstad",
        "Jakobstadsregionens sysselsättningsområde",
        "Sysselsättningstjänster i Jakobstadsregionen på svenska och finska.",
    ),
    Org(
        "pohjanmaan-hva",
        "Pohjanmaan hyvinvointialue – Välfärdsområdet i Österbotten",
        "Social- och hälsovårdstjänster i Österbotten på svenska och finska.",
    ),
    Org("ya", "Yrkesakademin i Österbotten", "Svenskspråkig yrkesutbildning i Vasa och Närpes."),
    Org("vamia", "Vaasan ammattiopisto Vamia", "Suomenkielistä ammatillista koulutusta Vaasassa."),
    Org("optima", "Optima samkommun", "Svenskspråkig yrkesutbildning i Jakobstad."),
    Org(
        "vaasa",
        "Vaasan kaupunki – Vasa stad",
        "Nuorisopalvelut ja kotoutumispalvelut. Ungdomstjänster och integration.",
    ),
    Org("korsholm", "Mustasaaren kunta – Korsholms kommun", "Uppsökande ungdomsarbete och fritid."),
    Org("narpes", "Närpes stad", "Ungdomsarbete och integrationstjänster i Närpes."),
    Org(
        "skuld-osterbotten",
        "Ekonomi- och skuldrådgivningen i Österbotten",
        "Statens ekonomi- och skuldrådgivning i Österbotten. Talous- ja velkaneuvonta Pohjanmaalla.",
    ),
    Org("foretagscentralen", "FöretagsCentralen Österbotten", "Rådgivning för den som vill starta företag."),
    Org("kela", "Kela", "Perusturva: toimeentulotuki, opintotuki, asumistuki, työttömyysturva ja kuntoutus."),
    Org("takuusaatio", "Takuusäätiö", "Valtakunnallinen säätiö velkaantuneiden tueksi."),
    Org("mieli", "MIELI Suomen Mielenterveys ry", "Kriisipuhelin ja kriisikeskukset."),
    Org("sekasin", "Sekasin-chat (Sekasin247)", "Valtakunnallinen chat nuorille ja nuorille aikuisille."),
    Org("paihdelinkki", "Päihdelinkki", "Verkkopalvelu päihteistä ja riippuvuuksista."),
    Org("tyomarkkinatori", "Työmarkkinatori", "Valtakunnallinen työnhaun verkkopalvelu."),
    Org("infofinland", "InfoFinland", "Tietoa Suomeen muuttaville monella kielellä."),
)

PLACES = (
    Place(
        "ohjaamo-tampere",
        "ohjaamo-tampere",
        "Ohjaamo Tampere",
        "Esimerkkikatu 10",
        "33100",
        "Tampere",
        61.4981,
        23.7610,
    ),
    Place("ohjaamo-nokia", "nokia", "Ohjaamo Nokia", "Mallikatu 2", "37100", "Nokia", 61.4780, 23.5090),
    Place("kangasala", "kangasala", "Kangasalan nuorisotila", "Testitie 4", "36200", "Kangasala", 61.4640, 24.0650),
    Place("ylojarvi", "ylojarvi", "Ylöjärven nuorten työpaja", "Pajatie 1", "33470", "Ylöjärvi", 61.5560, 23.5960),
    Place(
        "tampere-keskusta", "tampere", "Tampereen palvelupiste", "Keskustori 1", "33100", "Tampere", 61.4978, 23.7610
    ),
    Place(
        "tyollisyys-tampere",
        "tyollisyys-tampere",
        "Työllisyyspalvelut, Tampere",
        "Hallituskatu 8",
        "33200",
        "Tampere",
        61.4990,
        23.7590,
    ),
    Place(
        "tyollisyys-verkko",
        "tyollisyys-tampere",
        "Työllisyyspalvelujen puhelin ja chat",
        url="https://tyollisyys-tampere.example.fi",
    ),
    Place(
        "pirha-tampere",
        "pirha",
        "Tampereen sosiaali- ja terveysasema",
        "Sairaalankatu 3",
        "33100",
        "Tampere",
        61.5000,
        23.7700,
    ),
    Place(
        "pirha-puhelin",
        "pirha",
        "Pirkanmaan hyvinvointialueen neuvontapuhelin",
        url="https://pirha.example.fi/neuvonta",
    ),
    Place("tredu", "tredu", "Tredu, Sammonkadun toimipiste", "Sammonkatu 20", "33540", "Tampere", 61.4950, 23.8000),
    Place("sasky", "sasky", "Sasky, Sastamalan kampus", "Koulukatu 5", "38200", "Sastamala", 61.3400, 22.9100),
    Place(
        "a-klinikka",
        "a-klinikka-tampere",
        "Tampereen A-klinikka",
        "Esimerkkikatu 22",
        "33200",
        "Tampere",
        61.4970,
        23.7500,
    ),
    Place(
        "oikeusapu-tampere",
        "oikeusapu-lsi",
        "Talous- ja velkaneuvonta, Tampere",
        "Virastotie 1",
        "33100",
        "Tampere",
        61.4960,
        23.7650,
    ),
    Place("ensimetri", "ensimetri", "Ensimetri", "Yrittäjänkatu 3", "33100", "Tampere", 61.4985, 23.7630),
    Place("pnas", "pnas", "Nuorisoasuntojen asiakaspalvelu", "Asuntokatu 6", "33500", "Tampere", 61.4900, 23.7800),
    Place(
        "ohjaamo-vaasa",
        "ohjaamo-vaasa",
        "Ohjaamo Vaasa – Navigatorn Vasa",
        "Hovioikeudenpuistikko 9",
        "65100",
        "Vaasa",
        63.0960,
        21.6150,
    ),
    Place(
        "navigatorn-jakobstad",
        "navigatorn-jakobstad",
        "Navigatorn Jakobstad",
        "Storgatan 5",
        "68600",
        "Jakobstad",
        63.6740,
        22.7030,
    ),
    Place(
        "sysselsattning-vasa",
        "sysselsattning-vasa",
        "Työllisyyspalvelut Vaasa – Sysselsättning Vasa",
        "Kauppapuistikko 12",
        "65100",
        "Vaasa",
        63.0950,
        21.6160,
    ),
    Place(
        "sysselsattning-jakobstad",
        "sysselsattning-jakobstad",
        "Sysselsättning Jakobstad",
        "Skolgatan 2",
        "68600",
        "Jakobstad",
        63.6730,
        22.7000,
    ),
    Place(
        "hva-vaasa",
        "pohjanmaan-hva",
        "Vaasan sosiaali- ja terveysasema – Vasa social- och hälsostation",
        "Sandögatan 1",
        "65100",
        "Vaasa",
        63.0900,
        21.6000,
    ),
    Place(
        "hva-jakobstad",
        "pohjanmaan-hva",
        "Jakobstads social- och hälsostation",
        "Sjukhusgatan 4",
        "68600",
        "Jakobstad",
        63.6700,
        22.7100,
    ),
    Place("hva-narpes", "pohjanmaan-hva", "Närpes hälsostation", "Vårdvägen 1", "64200", "Närpes", 62.4740, 21.3370),
    Place(
        "hva-puhelin",
        "pohjanmaan-hva",
        "Rådgivningstelefon – Neuvontapuhelin",
        url="https://osterbotten.example.fi/radgivning",
    ),
    Place("ya-vasa", "ya", "Yrkesakademin, campus Vasa", "Yrkesvägen 3", "65100", "Vasa", 63.0880, 21.6200),
    Place("ya-narpes", "ya", "Yrkesakademin, campus Närpes", "Skolvägen 2", "64200", "Närpes", 62.4720, 21.3400),
    Place("vamia", "vamia", "Vamia, Ruutikellarin kampus", "Koulutie 7", "65200", "Vaasa", 63.0850, 21.6400),
    Place("optima", "optima", "Optima, Jakobstad", "Trädgårdsgatan 11", "68600", "Jakobstad", 63.6760, 22.7050),
    Place(
        "vaasa",
        "vaasa",
        "Vasa stad – Vaasan kaupunki, servicepunkt",
        "Rådhusgatan 8",
        "65100",
        "Vasa",
        63.0970,
        21.6170,
    ),
    Place("korsholm", "korsholm", "Korsholms ungdomsgård", "Centrumvägen 2", "65610", "Korsholm", 63.1000, 21.7000),
    Place("narpes", "narpes", "Närpes stad, servicepunkt", "Kyrkvägen 3", "64200", "Närpes", 62.4730, 21.3360),
    Place(
        "skuld-vasa",
        "skuld-osterbotten",
        "Ekonomi- och skuldrådgivning, Vasa",
        "Kyrkoesplanaden 1",
        "65100",
        "Vasa",
        63.0940,
        21.6140,
    ),
    Place(
        "foretagscentralen",
        "foretagscentralen",
        "FöretagsCentralen, Vasa",
        "Handelsesplanaden 4",
        "65100",
        "Vasa",
        63.0955,
        21.6130,
    ),
    Place("kela-verkko", "kela", "Kelan puhelinpalvelu ja asiointi verkossa", url="https://kela.example.fi/asiointi"),
    Place(
        "takuusaatio-puhelin",
        "takuusaatio",
        "Velkalinja (puhelin ja chat)",
        url="https://takuusaatio.example.fi/velkalinja",
    ),
    Place("mieli-puhelin", "mieli", "Kriisipuhelin", url="https://mieli.example.fi/kriisipuhelin"),
    Place("sekasin", "sekasin", "Sekasin-chat", url="https://sekasin.example.fi"),
    Place("paihdelinkki", "paihdelinkki", "Päihdelinkki verkossa", url="https://paihdelinkki.example.fi"),
    Place("tyomarkkinatori", "tyomarkkinatori", "Työmarkkinatori verkossa", url="https://tyomarkkinatori.example.fi"),
    Place("infofinland", "infofinland", "InfoFinland verkossa", url="https://infofinland.example.fi"),
)

SERVICES = (
    # --- Pirkanmaa: Ohjaamot and youth work
    Svc(
        "ohjaamo-tampere",
        "ohjaamo-tampere",
        "Ohjaamo Tampere – ohjausta alle 30-vuotiaille",
        "Ohjaamosta saat apua opiskelupaikan etsimiseen, työnhakuun, raha-asioihin, asunnon hakemiseen ja "
        "jaksamiseen. Paikalla ovat opinto-ohjaaja, työllisyyspalvelujen asiantuntija, sosiaaliohjaaja, "
        "nuorisotyöntekijä ja psykiatrinen sairaanhoitaja. Ei ajanvarausta.",
        "Tampereella asuvat 15–29-vuotiaat.",
        needs=("study-guidance", "education", "employment", "livelihood", "housing", "youth-work", "mental-health"),
        places=("ohjaamo-tampere",),
        areas=("837",),
        languages=("fi", "en"),
        minimum_age=15,
        maximum_age=29,
        phone="+358 40 100 0101",
    ),
    Svc(
        "ohjaamo-nokia",
        "nokia",
        "Ohjaamo Nokia",
        "Nokialaisten nuorten ohjauspiste: opiskelu, työnhaku ja arjen asiat. Nuorisotyöntekijä ja "
        "työllisyysasiantuntija samassa paikassa.",
        "Nokialla asuvat 15–29-vuotiaat.",
        needs=("study-guidance", "employment", "youth-work"),
        places=("ohjaamo-nokia",),
        areas=("536",),
        minimum_age=15,
        maximum_age=29,
        phone="+358 40 100 0201",
    ),
    Svc(
        "kangasala-etsiva",
        "kangasala",
        "Etsivä nuorisotyö, Kangasala",
        "Etsivä nuorisotyöntekijä tukee nuorta, joka on jäänyt koulun tai työn ulkopuolelle tai ei tiedä, "
        "mistä apua saa. Yhteyttä voi ottaa nuori itse tai läheinen.",
        "Kangasalla asuvat 15–29-vuotiaat.",
        needs=("youth-work", "study-guidance"),
        places=("kangasala",),
        areas=("211",),
        minimum_age=15,
        maximum_age=29,
        phone="+358 40 100 0301",
    ),
    Svc(
        "ylojarvi-etsiva",
        "ylojarvi",
        "Etsivä nuorisotyö ja nuorten työpaja, Ylöjärvi",
        "Tukea nuorelle, jolla ei ole opiskelu- tai työpaikkaa: yksilöllinen ohjaus ja työpajajakso.",
        "Ylöjärvellä asuvat 15–29-vuotiaat.",
        needs=("youth-work", "study-guidance"),
        places=("ylojarvi",),
        areas=("980",),
        minimum_age=15,
        maximum_age=29,
        phone="+358 40 100 0311",
    ),
    Svc(
        "tampere-etsiva",
        "tampere",
        "Tampereen etsivä nuorisotyö",
        "Etsivät nuorisotyöntekijät auttavat 15–28-vuotiaita, jotka ovat vailla opiskelu- tai työpaikkaa, "
        "ja kulkevat tarvittaessa mukana virastoissa.",
        "Tampereella asuvat 15–28-vuotiaat.",
        needs=("youth-work", "study-guidance", "mental-health"),
        places=("tampere-keskusta",),
        areas=("837",),
        languages=("fi", "en"),
        minimum_age=15,
        maximum_age=28,
        phone="+358 40 100 0401",
    ),
    Svc(
        "tampere-aikuislukio",
        "tampere",
        "Tampereen aikuislukio",
        "Lukion oppimäärä, ylioppilastutkinto ja yksittäiset kurssit aikuisille päivä-, ilta- ja etäopetuksena. "
        "Myös peruskoulun päättötodistus aikuisille.",
        "18 vuotta täyttäneet.",
        needs=("education",),
        places=("tampere-keskusta",),
        areas=("region:06",),
        minimum_age=18,
        phone="+358 40 100 0402",
    ),
    Svc(
        "tampere-kotoutuminen",
        "tampere",
        "Tampereen kotoutumispalvelut ja suomen kielen kurssit",
        "Maahan muuttaneiden alkuvaiheen ohjaus, kotoutumissuunnitelma ja suomen kielen opinnot. Palvelua "
        "monella kielellä.",
        "Tampereelle muuttaneet.",
        needs=("integration",),
        places=("tampere-keskusta",),
        areas=("837",),
        languages=IMMIGRANT,
        phone="+358 40 100 0403",
    ),
    Svc(
        "tampere-asumisneuvonta",
        "tampere",
        "Asumisneuvonta, Tampere",
        "Asumisneuvoja auttaa vuokrarästeissä, häätöuhassa ja asunnon hakemisessa kaikenikäisiä tamperelaisia.",
        "Tampereella asuvat.",
        needs=("housing",),
        places=("tampere-keskusta",),
        areas=("837",),
        phone="+358 40 100 0404",
    ),
    # --- Pirkanmaa: work, money
    Svc(
        "tyollisyys-tampere",
        "tyollisyys-tampere",
        "Työnhakijan palvelut, Tampereen seudun työllisyysalue",
        "Ilmoittautuminen työnhakijaksi, työnhaun tuki, työvoimakoulutus, palkkatuki ja urasuunnittelu.",
        "Tampereen seudun kunnissa asuvat työnhakijat.",
        needs=("employment",),
        places=("tyollisyys-tampere", "tyollisyys-verkko"),
        areas=TAMPERE_SEUTU,
        languages=("fi", "sv", "en"),
        minimum_age=17,
        phone="+358 40 100 0501",
    ),
    Svc(
        "tyollisyys-tampere-nuoret",
        "tyollisyys-tampere",
        "Nuorten työllisyyspalvelut, Tampereen seutu",
        "Alle 30-vuotiaiden työnhakijoiden oma valmentaja: työnhaku, kesätyöt, oppisopimus ja koulutukseen "
        "hakeutuminen.",
        "Tampereen seudun 16–29-vuotiaat.",
        needs=("employment", "study-guidance"),
        places=("tyollisyys-tampere",),
        areas=TAMPERE_SEUTU,
        languages=("fi", "en"),
        minimum_age=16,
        maximum_age=29,
        phone="+358 40 100 0502",
    ),
    Svc(
        "tyollisyys-tampere-koto",
        "tyollisyys-tampere",
        "Maahan muuttaneiden työllisyys- ja kotoutumispalvelut, Tampereen seutu",
        "Kotoutumiskoulutus, kielikoulutus ja työnhaun tuki maahan muuttaneille.",
        "Tampereen seudun maahan muuttaneet työnhakijat.",
        needs=("integration", "employment"),
        places=("tyollisyys-tampere",),
        areas=TAMPERE_SEUTU,
        languages=IMMIGRANT,
        minimum_age=17,
        phone="+358 40 100 0503",
    ),
    Svc(
        "tyollisyys-tampere-tyokyky",
        "tyollisyys-tampere",
        "Työkykyvalmennus, Tampereen seutu",
        "Kun terveys tai jaksaminen rajoittaa työnhakua: työkyvyn arviointi, kuntoutukseen ohjaus ja "
        "valmennus takaisin työhön.",
        "Tampereen seudun työnhakijat.",
        needs=("rehabilitation", "employment"),
        places=("tyollisyys-tampere",),
        areas=TAMPERE_SEUTU,
        minimum_age=17,
        phone="+358 40 100 0504",
    ),
    Svc(
        "oikeusapu-velkaneuvonta",
        "oikeusapu-lsi",
        "Talous- ja velkaneuvonta, Pirkanmaa",
        "Talous- ja velkaneuvojat auttavat maksuvaikeuksissa, ulosotossa ja velkajärjestelyn hakemisessa.",
        "Pirkanmaalla asuvat yksityishenkilöt.",
        needs=("debt",),
        places=("oikeusapu-tampere",),
        areas=("region:06",),
        phone="+358 40 100 0601",
    ),
    Svc(
        "ensimetri",
        "ensimetri",
        "Ensimetri – neuvontaa yrityksen perustajalle",
        "Liiketoimintasuunnitelma, starttiraha ja yrityksen perustaminen: maksuton ja luottamuksellinen neuvonta.",
        "Tampereen seudulla yritystä suunnittelevat.",
        needs=("entrepreneurship",),
        places=("ensimetri",),
        areas=TAMPERE_SEUTU,
        languages=("fi", "en"),
        phone="+358 40 100 0701",
    ),
    Svc(
        "pnas-asunnot",
        "pnas",
        "Nuorisoasunnot ja asumisneuvonta nuorille, Tampere",
        "Vuokra-asuntoja ja asumisneuvontaa nuorille: ensimmäinen oma asunto, asumistuki ja vuokrarästit.",
        "18–29-vuotiaat, jotka asuvat tai muuttavat Tampereelle.",
        needs=("housing",),
        places=("pnas",),
        areas=("837",),
        languages=("fi", "en"),
        minimum_age=18,
        maximum_age=29,
        phone="+358 40 100 0801",
    ),
    # --- Pirkanmaa: education
    Svc(
        "tredu-hakijapalvelut",
        "tredu",
        "Tredun hakijapalvelut ja opinto-ohjaus",
        "Ammatillisen koulutuksen haku, jatkuva haku, aiemmin keskeytyneiden opintojen jatkaminen ja "
        "ammatinvalinnan ohjaus.",
        "Pirkanmaalla asuvat hakijat.",
        needs=("education", "study-guidance"),
        places=("tredu",),
        areas=("region:06",),
        languages=("fi", "en"),
        phone="+358 40 100 0901",
    ),
    Svc(
        "tredu-tuva",
        "tredu",
        "Tutkintoon valmentava koulutus (TUVA), Tredu",
        "Peruskoulun jälkeen: kokeile eri aloja, korota arvosanoja ja vahvista opiskelutaitoja ennen ammatillista "
        "koulutusta tai lukiota.",
        "16 vuotta täyttäneet ilman toisen asteen tutkintoa.",
        needs=("education",),
        places=("tredu",),
        areas=("region:06",),
        minimum_age=16,
        phone="+358 40 100 0902",
    ),
    Svc(
        "tredu-oppisopimus",
        "tredu",
        "Oppisopimuskoulutus, Tredu",
        "Tutkinto työn ohessa oppisopimuksella: palkallista työtä ja opiskelua samaan aikaan.",
        "15 vuotta täyttäneet, joilla on työpaikka tai työnantaja tiedossa.",
        needs=("education", "employment"),
        places=("tredu",),
        areas=("region:06",),
        minimum_age=15,
        phone="+358 40 100 0903",
    ),
    Svc(
        "sasky-haku",
        "sasky",
        "Saskyn hakijapalvelut",
        "Ammatillisen koulutuksen hakuneuvonta Sastamalassa, Akaassa, Valkeakoskella ja Ikaalisissa.",
        "Saskyn alueen kunnissa asuvat.",
        needs=("education", "study-guidance"),
        places=("sasky",),
        areas=SASKY,
        phone="+358 40 100 1001",
    ),
    # --- Pirkanmaa: wellbeing county
    Svc(
        "pirha-aikuissosiaalityo",
        "pirha",
        "Aikuissosiaalityö ja sosiaaliohjaus, Pirkanmaa",
        "Sosiaaliohjaaja auttaa vaikeissa elämäntilanteissa: raha-asiat, täydentävä ja ehkäisevä toimeentulotuki, "
        "asunnottomuus ja arjen hallinta.",
        "Pirkanmaalla asuvat 18 vuotta täyttäneet.",
        needs=("social-work", "livelihood"),
        places=("pirha-tampere", "pirha-puhelin"),
        areas=("region:06",),
        minimum_age=18,
        phone="+358 40 100 1101",
    ),
    Svc(
        "pirha-nuorten-sosiaaliohjaus",
        "pirha",
        "Nuorten aikuisten sosiaaliohjaus, Pirkanmaa",
        "18–29-vuotiaiden oma sosiaaliohjaaja: toimeentulo, asuminen ja itsenäistyminen.",
        "Pirkanmaalla asuvat 18–29-vuotiaat.",
        needs=("social-work", "livelihood", "housing"),
        places=("pirha-tampere",),
        areas=("region:06",),
        minimum_age=18,
        maximum_age=29,
        phone="+358 40 100 1102",
    ),
    Svc(
        "pirha-mielenterveys",
        "pirha",
        "Mielenterveys- ja päihdepalvelujen matalan kynnyksen vastaanotto, Pirkanmaa",
        "Apua ahdistukseen, masennukseen, uupumukseen ja päihteiden käyttöön ilman lähetettä.",
        "Pirkanmaalla asuvat 18 vuotta täyttäneet.",
        needs=("mental-health", "substance-use"),
        places=("pirha-tampere", "pirha-puhelin"),
        areas=("region:06",),
        minimum_age=18,
        phone="+358 40 100 1103",
    ),
    Svc(
        "pirha-nuorisoasema",
        "pirha",
        "Nuorisoasema, Pirkanmaa",
        "Nuorten mielenterveys- ja päihdetyön avopalvelu: keskusteluapua, pelaamisen ja päihteiden käytön "
        "tukea nuorelle ja perheelle.",
        "13–22-vuotiaat Pirkanmaalla.",
        needs=("mental-health", "substance-use"),
        places=("pirha-tampere",),
        areas=("region:06",),
        minimum_age=13,
        maximum_age=22,
        phone="+358 40 100 1104",
    ),
    Svc(
        "pirha-terveysasemat",
        "pirha",
        "Terveysasemat, Pirkanmaa",
        "Lääkärin ja hoitajan vastaanotot, ajanvaraus ja kiireellinen hoito arkisin.",
        "Pirkanmaalla asuvat.",
        needs=("health",),
        places=("pirha-tampere", "pirha-puhelin"),
        areas=("region:06",),
        languages=("fi", "sv", "en"),
        phone="+358 40 100 1105",
    ),
    Svc(
        "pirha-opiskeluterveys",
        "pirha",
        "Opiskeluterveydenhuolto, Pirkanmaa",
        "Toisen asteen opiskelijoiden terveydenhoitaja-, lääkäri- ja psykologipalvelut.",
        "Pirkanmaalla opiskelevat 15–25-vuotiaat.",
        needs=("health", "mental-health"),
        places=("pirha-tampere",),
        areas=("region:06",),
        minimum_age=15,
        maximum_age=25,
        phone="+358 40 100 1106",
    ),
    Svc(
        "pirha-tyokykykeskus",
        "pirha",
        "Työkykykeskus, Pirkanmaa",
        "Työkyvyn arviointi ja kuntoutus, kun sairaus tai vamma vaikeuttaa työssä jatkamista tai työhön paluuta.",
        "Pirkanmaalla asuvat työikäiset.",
        needs=("rehabilitation", "health"),
        places=("pirha-tampere",),
        areas=("region:06",),
        minimum_age=18,
        maximum_age=67,
        phone="+358 40 100 1107",
    ),
    Svc(
        "pirha-sosiaalipaivystys",
        "pirha",
        "Sosiaalipäivystys, Pirkanmaa",
        "Kiireellinen sosiaalihuolto ympäri vuorokauden: lähisuhdeväkivalta, asunnottomuus, lasten ja nuorten kriisit.",
        "Pirkanmaalla asuvat tai oleskelevat.",
        needs=("social-work",),
        places=("pirha-puhelin",),
        areas=("region:06",),
        status="temporarily closed",
    ),
    Svc(
        "a-klinikka-tampere",
        "a-klinikka-tampere",
        "A-klinikan avopalvelut, Tampere",
        "Alkoholi-, huume-, lääke- ja rahapeliongelmien hoito ja tuki läheisille.",
        "Tampereen seudulla asuvat aikuiset.",
        needs=("substance-use",),
        places=("a-klinikka",),
        areas=TAMPERE_SEUTU,
        minimum_age=18,
        phone="+358 40 100 1201",
    ),
    # --- Pohjanmaa
    Svc(
        "ohjaamo-vaasa",
        "ohjaamo-vaasa",
        "Ohjaamo Vaasa – Navigatorn Vasa",
        "Ohjausta opiskeluun, työnhakuun, raha-asioihin ja asumiseen. Vägledning om studier, jobb, ekonomi och "
        "boende på svenska, finska och engelska.",
        "Vaasassa ja Mustasaaressa asuvat 15–29-vuotiaat. Unga 15–29 år i Vasa och Korsholm.",
        needs=("study-guidance", "education", "employment", "livelihood", "housing", "youth-work"),
        places=("ohjaamo-vaasa",),
        areas=("905", "499"),
        languages=("fi", "sv", "en"),
        minimum_age=15,
        maximum_age=29,
        phone="+358 40 200 0101",
    ),
    Svc(
        "navigatorn-jakobstad",
        "navigatorn-jakobstad",
        "Navigatorn Jakobstadsregionen",
        "Stöd för unga med studier, jobb, ekonomi, boende och ork. Ohjaamo palvelee myös suomeksi.",
        "Unga 15–29 år i Jakobstadsregionen.",
        needs=("study-guidance", "education", "employment", "livelihood", "housing", "youth-work", "mental-health"),
        places=("navigatorn-jakobstad",),
        areas=JAKOBSTAD,
        languages=("sv", "fi"),
        minimum_age=15,
        maximum_age=29,
        phone="+358 40 200 0201",
    ),
    Svc(
        "sysselsattning-vasa",
        "sysselsattning-vasa",
        "Työllisyyspalvelut – Sysselsättningstjänster, Vaasan seutu",
        "Arbetssökning, utbildning för arbetssökande och lönesubvention. Työnhaku, työvoimakoulutus ja palkkatuki.",
        "Arbetssökande i Vasaregionen. Vaasan seudun työnhakijat.",
        needs=("employment",),
        places=("sysselsattning-vasa",),
        areas=VAASA_SEUTU,
        languages=("fi", "sv", "en"),
        minimum_age=17,
        phone="+358 40 200 0301",
    ),
    Svc(
        "sysselsattning-vasa-integration",
        "sysselsattning-vasa",
        "Integration och sysselsättning för inflyttade – Maahan muuttaneiden palvelut, Vaasan seutu",
        "Integrationsplan, språkkurser i svenska och finska och stöd i jobbsökandet.",
        "Invandrare i Vasaregionen.",
        needs=("integration", "employment"),
        places=("sysselsattning-vasa",),
        areas=VAASA_SEUTU,
        languages=("sv", "fi", "en", "ar", "so", "uk"),
        minimum_age=17,
        phone="+358 40 200 0302",
    ),
    Svc(
        "sysselsattning-jakobstad",
        "sysselsattning-jakobstad",
        "Sysselsättningstjänster, Jakobstadsregionen",
        "Arbetssökning, jobbcoachning, läroavtal och arbetskraftsutbildning.",
        "Arbetssökande i Jakobstadsregionen.",
        needs=("employment",),
        places=("sysselsattning-jakobstad",),
        areas=JAKOBSTAD,
        languages=("sv", "fi"),
        minimum_age=17,
        phone="+358 40 200 0401",
    ),
    Svc(
        "hva-socialarbete",
        "pohjanmaan-hva",
        "Vuxensocialarbete – Aikuissosiaalityö, Österbotten",
        "Socialhandledning i svåra livssituationer, kompletterande och förebyggande utkomststöd. "
        "Sosiaaliohjaus ja täydentävä toimeentulotuki.",
        "Vuxna i Österbotten. Pohjanmaalla asuvat aikuiset.",
        needs=("social-work", "livelihood"),
        places=("hva-vaasa", "hva-jakobstad", "hva-puhelin"),
        areas=("region:15",),
        languages=("sv", "fi"),
        minimum_age=18,
        phone="+358 40 200 0501",
    ),
    Svc(
        "hva-mental",
        "pohjanmaan-hva",
        "Mentalvårds- och missbrukartjänster – Mielenterveys- ja päihdepalvelut, Österbotten",
        "Låg tröskel: samtalsstöd vid ångest, depression och missbruk. Matalan kynnyksen vastaanotto.",
        "Vuxna i Österbotten.",
        needs=("mental-health", "substance-use"),
        places=("hva-vaasa", "hva-jakobstad"),
        areas=("region:15",),
        languages=("sv", "fi"),
        minimum_age=18,
        phone="+358 40 200 0502",
    ),
    Svc(
        "hva-ungdom",
        "pohjanmaan-hva",
        "Ungdomsmottagningen – Nuorisovastaanotto, Österbotten",
        "Samtalsstöd, sexualhälsa och stöd vid rusmedel för unga. Nuorten keskusteluapu ja terveysneuvonta.",
        "Unga 13–24 år i Österbotten.",
        needs=("mental-health", "health", "substance-use"),
        places=("hva-vaasa", "hva-jakobstad", "hva-narpes"),
        areas=("region:15",),
        languages=("sv", "fi"),
        minimum_age=13,
        maximum_age=24,
        phone="+358 40 200 0503",
    ),
    Svc(
        "hva-halsostationer",
        "pohjanmaan-hva",
        "Hälsostationer – Terveysasemat, Österbotten",
        "Läkar- och skötarmottagning, tidsbokning och brådskande vård vardagar.",
        "Alla som bor i Österbotten.",
        needs=("health",),
        places=("hva-vaasa", "hva-jakobstad", "hva-narpes", "hva-puhelin"),
        areas=("region:15",),
        languages=("sv", "fi", "en"),
        phone="+358 40 200 0504",
    ),
    Svc(
        "hva-rehab",
        "pohjanmaan-hva",
        "Rehabilitering och arbetsförmåga – Kuntoutus, Österbotten",
        "Bedömning av arbetsförmåga och rehabilitering efter sjukdom eller skada.",
        "Vuxna i Österbotten.",
        needs=("rehabilitation",),
        places=("hva-vaasa",),
        areas=("region:15",),
        languages=("sv", "fi"),
        minimum_age=18,
        phone="+358 40 200 0505",
    ),
    Svc(
        "hva-boende",
        "pohjanmaan-hva",
        "Bostadsrådgivning – Asumisneuvonta, Vasa",
        "Hjälp vid hyresskulder, vräkningshot och när du söker bostad.",
        "Boende i Vasa och Korsholm.",
        needs=("housing",),
        places=("hva-vaasa",),
        areas=("905", "499"),
        languages=("sv", "fi"),
        phone="+358 40 200 0506",
    ),
    Svc(
        "ya-ansokan",
        "ya",
        "Yrkesakademin – ansökan och studiehandledning",
        "Information om yrkesutbildning, kontinuerlig ansökan och studiehandledning.",
        "Sökande i Österbotten.",
        needs=("education", "study-guidance"),
        places=("ya-vasa", "ya-narpes"),
        areas=("region:15",),
        languages=("sv",),
        phone="+358 40 200 0601",
    ),
    Svc(
        "ya-hux",
        "ya",
        "Handledande utbildning för examensutbildning (HUX), Yrkesakademin",
        "Förbered dig för yrkesutbildning eller gymnasiet, höj vitsord och pröva olika branscher.",
        "Från 16 år, utan examen på andra stadiet.",
        needs=("education",),
        places=("ya-vasa", "ya-narpes"),
        areas=("region:15",),
        languages=("sv",),
        minimum_age=16,
        phone="+358 40 200 0602",
    ),
    Svc(
        "vamia-haku",
        "vamia",
        "Vamian hakijapalvelut",
        "Ammatillisen koulutuksen haku ja opinto-ohjaus Vaasassa. Apply for vocational education in English.",
        "Pohjanmaalla asuvat hakijat.",
        needs=("education", "study-guidance"),
        places=("vamia",),
        areas=("region:15",),
        languages=("fi", "en"),
        phone="+358 40 200 0701",
    ),
    Svc(
        "optima-ansokan",
        "optima",
        "Optima – ansökan och läroavtal",
        "Yrkesutbildning och läroavtal i Jakobstad: hjälp med ansökan och studieval.",
        "Sökande i Jakobstadsregionen.",
        needs=("education", "study-guidance"),
        places=("optima",),
        areas=JAKOBSTAD,
        languages=("sv", "fi"),
        phone="+358 40 200 0801",
    ),
    Svc(
        "vaasa-uppsokande",
        "vaasa",
        "Etsivä nuorisotyö – Uppsökande ungdomsarbete, Vaasa",
        "Vi hittar en väg vidare för unga utan studieplats eller jobb. Etsivä nuorisotyö suomeksi ja ruotsiksi.",
        "Unga 15–29 år i Vasa.",
        needs=("youth-work", "study-guidance"),
        places=("vaasa",),
        areas=("905",),
        languages=("fi", "sv"),
        minimum_age=15,
        maximum_age=29,
        phone="+358 40 200 0901",
    ),
    Svc(
        "vaasa-integration",
        "vaasa",
        "Kotoutumispalvelut – Integrationstjänster, Vaasa",
        "Alkuvaiheen ohjaus, kielikurssit ja neuvonta maahan muuttaneille. Rådgivning för inflyttade.",
        "Vaasaan muuttaneet.",
        needs=("integration",),
        places=("vaasa",),
        areas=("905",),
        languages=("fi", "sv", "en", "ar", "so", "uk"),
        phone="+358 40 200 0902",
    ),
    Svc(
        "korsholm-uppsokande",
        "korsholm",
        "Uppsökande ungdomsarbete, Korsholm",
        "Stöd för unga som står utanför skola och arbete.",
        "Unga 15–29 år i Korsholm.",
        needs=("youth-work",),
        places=("korsholm",),
        areas=("499",),
        languages=("sv", "fi"),
        minimum_age=15,
        maximum_age=29,
        phone="+358 40 200 1001",
    ),
    Svc(
        "narpes-ungdom",
        "narpes",
        "Ungdomsarbete och uppsökande arbete, Närpes",
        "Ungdomsgården och uppsökande ungdomsarbete för unga i Närpes.",
        "Unga 13–29 år i Närpes.",
        needs=("youth-work",),
        places=("narpes",),
        areas=("545",),
        languages=("sv",),
        minimum_age=13,
        maximum_age=29,
        phone="+358 40 200 1101",
    ),
    Svc(
        "narpes-integration",
        "narpes",
        "Integrationstjänster, Närpes",
        "Rådgivning och språkkurser för inflyttade, många arbetar inom växthusnäringen.",
        "Inflyttade i Närpes och Kristinestad.",
        needs=("integration",),
        places=("narpes",),
        areas=("545", "287"),
        languages=("sv", "en", "fa", "ar"),
        phone="+358 40 200 1102",
    ),
    Svc(
        "skuld-osterbotten",
        "skuld-osterbotten",
        "Ekonomi- och skuldrådgivning – Talous- ja velkaneuvonta, Österbotten",
        "Rådgivning vid betalningssvårigheter, utsökning och skuldsanering.",
        "Privatpersoner i Österbotten.",
        needs=("debt",),
        places=("skuld-vasa",),
        areas=("region:15",),
        languages=("sv", "fi"),
        phone="+358 40 200 1201",
        fees="Avgiftsfritt.",
    ),
    Svc(
        "foretagscentralen",
        "foretagscentralen",
        "FöretagsCentralen Österbotten – Uusyrityskeskus",
        "Affärsplan, startpeng och grundande av företag. Neuvontaa yrityksen perustamiseen.",
        "Blivande företagare i Österbotten.",
        needs=("entrepreneurship",),
        places=("foretagscentralen",),
        areas=("region:15",),
        languages=("sv", "fi", "en"),
        phone="+358 40 200 1301",
        fees="Avgiftsfritt.",
    ),
    # --- national
    Svc(
        "kela-toimeentulo",
        "kela",
        "Kela: perustoimeentulotuki, asumistuki ja työttömyysturva",
        "Kelan etuudet: perustoimeentulotuki, yleinen asumistuki, peruspäiväraha ja työmarkkinatuki, opintotuki.",
        "Suomessa asuvat.",
        needs=("livelihood",),
        places=("kela-verkko",),
        areas=("country:FI",),
        languages=("fi", "sv", "en"),
        phone="+358 40 300 0101",
    ),
    Svc(
        "kela-kuntoutus",
        "kela",
        "Kelan kuntoutus ja nuoren kuntoutusraha",
        "Ammatillinen ja lääkinnällinen kuntoutus, kuntoutuspsykoterapia ja nuoren kuntoutusraha.",
        "Suomessa asuvat.",
        needs=("rehabilitation",),
        places=("kela-verkko",),
        areas=("country:FI",),
        languages=("fi", "sv", "en"),
        phone="+358 40 300 0102",
    ),
    Svc(
        "takuusaatio",
        "takuusaatio",
        "Velkalinja",
        "Maksutonta neuvontaa velka- ja raha-asioissa puhelimessa ja chatissa koko Suomessa.",
        "Kaikki Suomessa asuvat.",
        needs=("debt",),
        places=("takuusaatio-puhelin",),
        languages=("fi", "sv"),
        phone="+358 40 300 0201",
    ),
    Svc(
        "mieli-kriisipuhelin",
        "mieli",
        "Kriisipuhelin – Kristelefonen",
        "Keskusteluapua kriisissä ja itsetuhoisissa ajatuksissa ympäri vuorokauden. Samtalsstöd i kris.",
        "Kaikenikäiset.",
        needs=("mental-health",),
        places=("mieli-puhelin",),
        areas=("country:FI",),
        languages=("fi", "sv", "en"),
        phone="+358 40 300 0301",
    ),
    Svc(
        "sekasin",
        "sekasin",
        "Sekasin-chat nuorille",
        "Anonyymi chat 12–29-vuotiaille, kun mieli on maassa, ahdistaa tai haluaa vain jutella.",
        "12–29-vuotiaat.",
        needs=("mental-health", "youth-work"),
        places=("sekasin",),
        languages=("fi", "sv"),
        minimum_age=12,
        maximum_age=29,
    ),
    Svc(
        "paihdelinkki",
        "paihdelinkki",
        "Päihdelinkki – testit ja chat",
        "Tietoa ja anonyymia neuvontaa alkoholista, huumeista, rahapelaamisesta ja muista riippuvuuksista.",
        "Kaikenikäiset.",
        needs=("substance-use",),
        places=("paihdelinkki",),
        areas=("country:FI",),
        languages=("fi", "sv"),
    ),
    Svc(
        "tyomarkkinatori",
        "tyomarkkinatori",
        "Työmarkkinatori – Jobbmarknad – Job Market Finland",
        "Avoimet työpaikat, työnhakijaksi ilmoittautuminen ja työnhaun ohjeet verkossa.",
        "Kaikki.",
        needs=("employment",),
        places=("tyomarkkinatori",),
        areas=("country:FI",),
        languages=("fi", "sv", "en"),
    ),
    Svc(
        "infofinland",
        "infofinland",
        "InfoFinland",
        "Tietoa Suomeen muuttamisesta, oleskeluluvista, kielikursseista ja arjesta monella kielellä.",
        "Suomeen muuttavat ja muuttaneet.",
        needs=("integration",),
        places=("infofinland",),
        areas=("country:FI",),
        languages=("fi", "sv", "en", "ru", "so", "ar", "uk", "fa"),
    ),
)


def _area(extent: str) -> tuple[str, str]:
    if extent == "country:FI":
        return extent, "Suomi"
    places = gazetteer()
    if extent.startswith("region:"):
        name = places.region_name(extent.removeprefix("region:"))
    else:
        municipality = places.get(extent)
        name = municipality.name() if municipality and municipality.code == extent else None
        extent = f"municipality:{extent}"
    if name is None:
        raise ValueError(f"{extent} is not a current municipality or region code")
    return extent, name


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def rows() -> dict[str, list[dict[str, str]]]:
    org_ids = {o.key: fresh_id("organization", o.key) for o in ORGS}
    place_ids = {p.key: fresh_id("location", p.key) for p in PLACES}
    taxonomy_id = fresh_id("taxonomy", TAXONOMY)
    term_ids = {code: fresh_id("taxonomy_term", code) for code, _, _ in NEEDS}
    out: dict[str, list[dict[str, str]]] = {file: [] for _, file, _ in RESOURCES}
    for o in ORGS:
        out["organizations.csv"].append(
            {"id": org_ids[o.key], "name": o.name, "description": o.description, "email": "", "website": ""}
        )
    for p in PLACES:
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
            region = "Pohjanmaa" if p.city in POHJANMAA_TOWNS else "Pirkanmaa"
            out["addresses.csv"].append(
                {
                    "id": fresh_id("address", p.key),
                    "location_id": place_ids[p.key],
                    "address_1": p.street,
                    "city": p.city or "",
                    "region": region,
                    "state_province": region,
                    "postal_code": p.postal_code or "",
                    "country": "FI",
                    "address_type": "physical",
                }
            )
    out["taxonomies.csv"].append(
        {"id": taxonomy_id, "name": TAXONOMY, "description": "Eteinen need taxonomy", "version": "1"}
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
    for s in SERVICES:
        sid = fresh_id("service", s.key)
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
                    "id": fresh_id("service_at_location", f"{s.key}@{place}"),
                    "service_id": sid,
                    "location_id": place_ids[place],
                }
            )
        for area in s.areas:
            extent, name = _area(area)
            out["service_areas.csv"].append(
                {
                    "id": fresh_id("service_area", f"{s.key}@{extent}"),
                    "service_id": sid,
                    "name": name,
                    "extent": extent,
                    "extent_type": "text",
                }
            )
        for code in s.languages:
            out["languages.csv"].append(
                {
                    "id": fresh_id("language", f"{s.key}@{code}"),
                    "service_id": sid,
                    "name": LANGUAGES[code],
                    "code": code,
                }
            )
        if s.phone:
            out["phones.csv"].append(
                {"id": fresh_id("phone", s.key), "service_id": sid, "number": s.phone, "type": "voice"}
            )
        for code in s.needs:
            out["attributes.csv"].append(
                {
                    "id": fresh_id("attribute", f"{s.key}@{code}"),
                    "link_id": sid,
                    "taxonomy_term_id": term_ids[code],
                    "link_type": "need",
                    "link_entity": "service",
                    "value": "",
                }
            )
    return out


def write(directory: Path = DIRECTORY) -> None:
    spec = json.loads((ROOT / "routing" / "data" / "hsds-3.0-tabular.json").read_text("utf-8"))
    types = {r["name"]: {f["name"]: f["type"] for f in r["fields"]} for r in spec["resources"]}
    by_file = rows()
    directory.mkdir(parents=True, exist_ok=True)
    resources = []
    for name, file, columns in RESOURCES:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(by_file[file])
        with open(directory / file, "w", encoding="utf-8", newline="") as fh:
            fh.write(buffer.getvalue())
        resources.append(
            {
                "name": name,
                "path": file,
                "profile": "tabular-data-resource",
                "schema": {"fields": [{"name": c, "type": types[name][c]} for c in columns], "primaryKey": "id"},
            }
        )
    package = {
        "name": "eteinen-eval-fresh",
        "title": "Eteinen held-out network: Pirkanmaa and Pohjanmaa (fictional contact details)",
        "profile": "tabular-data-package",
        "version": "3.0.0",
        "resources": resources,
    }
    (directory / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DIRECTORY
    write(target)
    print(f"wrote {len(SERVICES)} services to {target}")
