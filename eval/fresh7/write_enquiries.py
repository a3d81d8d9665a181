#!/usr/bin/env python3
# ruff: noqa: E501  (the enquiries are data: one long line each)
"""Write eval/fresh7/enquiries.jsonl from the truth below (then run eval/label.py eval/fresh7).

The seventh held-out set, on eval/fresh7's network (Keski-Suomi, Kymenlaakso and
Etelä-Karjala, regions no other set uses). Written by hand, each truth (needs, municipality
code, age, language) set down from what the text says, before the engine was run on any of
it and without looking at the engine's vocabulary or rules. The questions are written the way
they arrive: e-mails wrapped at 72 columns (``mail``) with greetings and signatures, a quoted
earlier message, spoken Finnish and dialect, missing ä/ö, misspellings, inflected place
names, ages in words and birth years, sums of money, several needs, someone else's
situation, past and future clauses, negations, clients outside the area and a few with no
need at all. Lines with a `source` adapt (shortened, paraphrased, moved to a town of the
network) a real person's wording found in public news or forums with the project's search
tool. Ages from birth years are counted as of 2026.
"""

import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from enquiries import EnquirySet

ENQUIRIES = EnquirySet(__file__)
q = ENQUIRIES.add


def mail(*paragraphs: str) -> str:
    """An e-mail as a mail program sends it: each paragraph wrapped at 72 columns."""
    return "\n\n".join("\n".join(textwrap.wrap(p, 72)) if "\n" not in p else p for p in paragraphs)


JKL_VALMENNUS = "https://www.jyvaskyla.fi/uutinen/2025-06-02_jyvaskylassa-tyollisyyspalveluiden-valmennuskokeilut-auttoivat-nuoria-loytamaan-reitteja-tyoelamaan"
MTV_1000PAIVAA = "https://www.mtvuutiset.fi/artikkeli/tyopaikka-parisuhde-ja-terveys-juho-pekka-menetti-kaiken-lyhyessa-ajassa/9265216"
KU_SAARIJARVI = "https://www.kansanuutiset.fi/artikkeli/2415677-hallitus-pakko-osallistaa-nuoria-olemattomaan"
YLE_HAATO = "https://yle.fi/a/74-20057181?origin=rss"
HS_ULOSOTTO = "https://www.hs.fi/politiikka/art-2000008612049.html"
KU_VELKA = "https://www.kansanuutiset.fi/artikkeli/3889141-kun-velasta-tulee-isanta-ulosotossa"
ET_KONKURSSI = "https://www.etlehti.fi/node/31359"
ASPA_VAKUUS = "https://aspakoti.fi/asukkaille/vuokrasopimus/"
ELAMASSA_RUNO = "http://elamassa.fi/terveys/kiusaamiskokemukset-lapsuudessa-heijastuvat-terveyteen-masennuksen-kanssa-elaminen-vie-voimat"
KAUPUNKILEHTI_ANTERO = "https://www.kaupunkilehti.fi/minulla-oli-paine-olla-hauska-seuramies/"
KYLTERI_JAN = "https://kylteri.webflow.io/artikkelit/kympilla-seinaan"
KESKILAAKSO_KIELI = "http://mediaseuranta.blogspot.com/2011/01/keskilaakso-kielikoulutuksiin-tungosta.html"
YLE_HARKOVA = "https://yle.fi/a/74-20025976?origin=rss"
TA_JUOMINEN = "https://terveydenasialla.com/kuinka-voisin-kertoa-miehelleni-etta-han-juo-liikaa-laakari-vastaa/"
IS_KAARINA = "https://www.is.fi/menaiset/hyva-fiilis/art-2000009089359.html"
UKKO_STARTTIRAHA = "https://www.ukko.fi/yrittajyyskoulu/starttiraha/"
KELA_TYOKYKY = "http://www.kela.fi/web/en/supporting-work-capacity"
VN_SJUNDEA = "https://www.vastranyland.fi/artikel/sjundea-satsar-pa-de-unga/"
TAKUU_ULOSOTTO = "https://professordom69.rssing.com/chan-69464226/article380.html"
SVYLE_ABERG = "https://svenska.yle.fi/artikel/2017/03/20/arbetslosa-unga-gar-vilse-i-byrakratidjungeln?page=1"
DAGENS_TIM = "https://dagens.se/inrikes/tim-soker-20-jobb-i-manaden-men-far-inget-svar-det-kanns-hopplost"
SVYLE_SKULDER = "https://svenska.yle.fi/artikel/2020/11/26/lonar-det-sig-att-lata-skulder-ga-till-utmatning-vad-innebar-skuldsanering-i"
VT_SMSLAN = "https://vt.se/nyheter/skulder/artikel/skuldsatta-vantar-for-lange-med-att-soka-hjalp/r9yezd5l"
MEDIUM_EXPAT = "https://medium.com/the-shortcut/challenges-and-opportunities-an-expat-in-finland-34dd6ea2fa63"
PLEDGE_STUDENTS = "https://pledgetimes.com/language-skills-the-dream-of-finland-crumbled-when-the-student-arrived-in-helsinki-from-spain-and-faced-unrealistic-demands/"
TROTTI_JOBLESS = "https://fabriziotrotti.com/tag/finland/"
FALCK_BURNOUT = "https://beta.falckhelse.no/en/life-and-work/Difficult-balancing-act-after-burnout"


# --- Finnish

q(
    "k01",
    mail(
        "Hei,",
        "jäin keväällä työttömäksi ja sitten erottiin miehen kanssa, ja siitä lähtien laskut on alkanut jäädä maksamatta. Nyt ulosotosta tulee kirjeitä enkä ole avannut puoliakaan. Öisin valvon ja mietin että miten tästä ikinä selviää.",
        "Ystävällisin terveisin\nSari Laine\nKaunisnurmentie 7 A 3\n45130 Kouvola\np. 040 552 1876",
    ),
    ["debt", "mental-health"],
    "286",
    None,
    "fi",
    ["email", "wrap", "address", "postal-code", "phone", "several", "past-clause"],
    TAKUU_ULOSOTTO,
)
q(
    "k02",
    "moi oon 19 ja asun kotkassa. lukio jäi kesken viime keväänä ja nyt en tiiä yhtään mitä tekis. kaikki kaverit on jossain kouluis. mitä vaihtoehtoja mul on",
    ["study-guidance", "education"],
    "285",
    19,
    "fi",
    ["slang", "lowercase-place"],
)
q(
    "k03",
    mail(
        "Hei!",
        "Olen ensimmäistä kertaa elämässäni työtön ja se on rehellisesti sanottuna aika pelottavaa. Valmistuin tradenomiksi 2024 ja tein määräaikaisia, nyt ei ole mitään. CV on vanha enkä tiedä miten nykyään haetaan. Asun Jyväskylässä, 26 v.",
        "- Aino",
    ),
    ["employment"],
    "179",
    26,
    "fi",
    ["email", "wrap"],
    JKL_VALMENNUS,
)
q(
    "k04",
    "Tuhat päivää työttömänä tuli täyteen viime viikolla. Olen 33, maisteri, asun Jämsässä. Hakemuksia on lähtenyt satoja eikä kukaan ota. Mieli on ollut niin matalalla ettei aamuisin meinaa jaksaa nousta.",
    ["employment", "mental-health"],
    "182",
    33,
    "fi",
    ["several", "no-keyword"],
    MTV_1000PAIVAA,
)
q(
    "k05",
    mail(
        "Hyvä vastaanottaja",
        "Kirjoitan poikani puolesta, hän on 20. Hänellä ei ole omaa asuntoa vaan hän asuu milloin kenenkin kaverin sohvalla Saarijärvellä, ja hänellä on ollut paniikkikohtauksia niin ettei pysty menemään kauppaan. Me asumme itse Tampereella emmekä pysty auttamaan paikan päällä.",
        "Terveisin\nLeena Hakkarainen",
    ),
    ["housing", "mental-health"],
    "729",
    20,
    "fi",
    ["email", "wrap", "someone-else", "place-trap", "several"],
    KU_SAARIJARVI,
)
q(
    "k06",
    "Sain häädön jo toisen kerran kun vuokrat jäi maksamatta. Käytän aineita enkä pääse siitä irti vaikka yritän. Nyt oon kaverin sohvalla täällä Jyväskylässä, 24v.",
    ["housing", "substance-use"],
    "179",
    24,
    "fi",
    ["several", "colloquial"],
    YLE_HAATO,
)
q(
    "k07",
    "Ulosotto vie palkasta niin ison osan että mietin kannattaako töissä käydä ollenkaan. Velkaa on vielä noin 40 000 e ja kolme lasta elätettävänä. Imatralta kirjoittelen.",
    ["debt"],
    "153",
    None,
    "fi",
    ["sum", "trap-employment-word"],
    HS_ULOSOTTO,
)
q(
    "k08",
    "Isäni on 81 ja asuu Kotkassa. Äidin syöpähoitojen aikana laskut jäi hoitamatta ja nyt perintäkirjeitä on tullut yhteensä noin 6000 euron edestä. Isä ei itse osaa näitä selvittää. Mistä saisi apua?",
    ["debt"],
    "285",
    81,
    "fi",
    ["someone-else", "sum"],
    KU_VELKA,
)
q(
    "k09",
    "Mieheni yritys meni konkurssiin ja takauksista jäi meille henkilökohtaisesti velkaa. Hän on sulkeutunut kotiin viikoiksi eikä lähde mihinkään, en saa häntä edes puhumaan. Asumme Lappeenrannassa.",
    ["debt", "mental-health"],
    "405",
    None,
    "fi",
    ["someone-else", "several", "no-keyword"],
    ET_KONKURSSI,
)
q(
    "k10",
    "Haen vuokra-asuntoa Lappeenrannasta mutta mulla on maksuhäiriömerkintä ja vuokranantaja vaatii 500 e vakuuden. Voiko Kela maksaa vuokravakuuden? 22v",
    ["housing", "livelihood"],
    "405",
    22,
    "fi",
    ["sum", "several"],
    ASPA_VAKUUS,
)
q(
    "k11",
    "Mulla todettiin masennus ja psykiatri teki lähetteen Kelan kuntoutuspsykoterapiaan, mutta oon työtön eikä oo rahaa omavastuuseen. Opinnotkin on kesken. Imatra, 28",
    ["rehabilitation", "livelihood"],
    "153",
    28,
    "fi",
    ["several", "colloquial"],
    ELAMASSA_RUNO,
)
q(
    "k12",
    "Oon opiskellut pari vuotta alaa joka ei ollut se mihin halusin, ja mieliala on ollut maissa koko syksyn. Hävettää hakea apua. Mietin pitäisikö vaihtaa alaa kokonaan. Jyväskylä, 23",
    ["mental-health", "study-guidance"],
    "179",
    23,
    "fi",
    ["several", "no-keyword"],
    KAUPUNKILEHTI_ANTERO,
)
q(
    "k13",
    "Poikani on 17 ja lukiossa Kouvolassa. Hän tavoittelee pelkkiä kymppejä ja koeviikolla hän sai paniikkikohtauksen koulumatkalla ja kääntyi takaisin. Nyt hän ei ole mennyt kouluun viikkoon. Kenen puoleen kääntyä?",
    ["mental-health"],
    "286",
    17,
    "fi",
    ["someone-else", "no-keyword"],
    KYLTERI_JAN,
)
q(
    "k14",
    "Hei. Muutin Petroskoista Kouvolaan puoli vuotta sitten mieheni kanssa. Opiskelen suomea nyt. Minä olen terveydenhoitaja ja haluan opiskella lääkäriksi Suomessa. Miten voin hakea? Olen 27.",
    ["integration", "study-guidance"],
    "286",
    27,
    "fi",
    ["learner-finnish", "place-trap", "several"],
    KESKILAAKSO_KIELI,
)
q(
    "k15",
    "Olen Harkovasta Ukrainasta, minulla on tilapäinen suojelu. Asun Haminassa tyttären kanssa, hän on 9. Olen 36. Haluan suomen kielen kurssille ja myöhemmin töihin, olin kotiäiti ennen.",
    ["integration", "employment"],
    "075",
    36,
    "fi",
    ["learner-finnish", "several", "past-clause"],
    YLE_HARKOVA,
)
q(
    "k16",
    "Mieheni on 60 ja juo joka ilta saunakaljat ja viikonloppuisin pullon pari viiniä. Hänellä on diabetes ja pelkään hänen terveytensä puolesta, mutta hän pitää juomistaan normaalina. Miten tämän voisi ottaa puheeksi? Asumme Laukaassa.",
    ["substance-use"],
    "410",
    60,
    "fi",
    ["someone-else", "trap-health-word"],
    TA_JUOMINEN,
)
q(
    "k17",
    "Olen 62-vuotias ja käyn töissä ihan normaalisti, mutta joka ilta menee viisi lasillista viiniä. Haluaisin vähentää, mutta AA-ryhmä ei tunnu omalta. Asun Haminassa.",
    ["substance-use"],
    "075",
    62,
    "fi",
    ["no-keyword", "trap-employment-word"],
    IS_KAARINA,
)
q(
    "k18",
    "Oon työtön kokki ja haluaisin perustaa oman toiminimen, pitopalvelu. Saako starttirahaa jos on maksuhäiriömerkintä? Kotka, 41v",
    ["entrepreneurship"],
    "285",
    41,
    "fi",
    ["trap-debt-word", "trap-employment-word"],
    UKKO_STARTTIRAHA,
)
q(
    "k19",
    "Olin kahdeksan kuukautta sairauslomalla uupumuksen takia. Nyt pitäisi palata töihin mutta en pysty vielä täysiä päiviä. Voiko tehdä osa-aikaisesti ja saada osasairauspäivärahaa tai jotain työkokeilua? Äänekoski",
    ["rehabilitation", "livelihood"],
    "992",
    None,
    "fi",
    ["past-clause", "several"],
    KELA_TYOKYKY,
)
q(
    "k20",
    "Poikani täyttää kohta 18 ja muuttaa ensi kuussa meiltä Lappeenrannan keskustaan opiskelemaan. Hän tarvitsee asunnon eikä tiedä miten opintotukea ja asumistukea haetaan.",
    ["housing", "livelihood"],
    "405",
    18,
    "fi",
    ["someone-else", "future-clause", "several"],
    VN_SJUNDEA,
)
q(
    "k21",
    mail(
        "Moi",
        "Mulla loppui työt varastolla viime viikolla kun firma vähensi väkeä. Vuokra on 650 ja tilillä on 80 euroa, syön nyt äidillä. Pitäisi löytää uusi työ nopeasti ja saada rahaa siihen asti jostain.",
        "t. Jenna 24v\nJyväskylä",
    ),
    ["employment", "livelihood"],
    "179",
    24,
    "fi",
    ["email", "wrap", "sum", "signature-place", "several"],
)
q(
    "k22",
    "En tarvitse rahallista apua, Kela hoitaa sen puolen, mutta haluaisin puhua jollekin kun ero vei yöunet ja ruokahalun. Kotka, 45 v",
    ["mental-health"],
    "285",
    45,
    "fi",
    ["negation", "no-keyword"],
)
q(
    "k23",
    "Olin aiemmin päihdekuntoutuksessa ja oon ollut nyt kaks vuotta kuivilla. Haluaisin kouluttautua uudelleen, ehkä lähihoitajaksi. Asun Imatralla, ikää 38.",
    ["study-guidance", "education"],
    "153",
    38,
    "fi",
    ["past-clause", "several"],
)
q(
    "k24",
    "Kiitos eilisestä tapaamisesta! Lomake lähti eteenpäin ja kaikki on nyt kunnossa. Hyvää viikonloppua, t. Maija",
    [],
    None,
    None,
    "fi",
    ["no-need"],
)
q("k25", "Mihin aikaan teidän toimisto Kouvolassa aukeaa lauantaisin?", [], "286", None, "fi", ["no-need"])
q(
    "k26",
    "Asun Porissa ja oon 25, etin töitä ja asuntoa. Voiko teiltä saada apua vaikka en asu siellä?",
    ["employment", "housing"],
    "609",
    25,
    "fi",
    ["outside-area", "colloquial", "several"],
)
q(
    "k27",
    "Tampereella asuva 52-vuotias, velkaa kertynyt noin 20 000 euroa kulutusluotoista. Kuuluuko tämä teille?",
    ["debt"],
    "837",
    52,
    "fi",
    ["outside-area", "sum"],
)
q(
    "k28",
    "Mie oon 17 ja asun Imatral. Koulu ei kiinnosta yhtää, ois kiva päästä töihi mut kukaa ei ota alaikäistä. Äiti käski kysyy teiltä.",
    ["employment", "youth-work"],
    "153",
    17,
    "fi",
    ["dialect", "several"],
)
q(
    "k29",
    "tarvisin apua kelan hakemuksen kanssa en ymmärrä mitä siinä kysytään, asumistuki. asun äänekoskella 67v",
    ["livelihood"],
    "992",
    67,
    "fi",
    ["misspelling", "lowercase-place"],
)
q(
    "k30",
    "Jääkaapissa ei ole muuta kuin ketsuppia ja palkkapäivään on viikko. Lapset on 4 ja 7. Asun Muuramessa.",
    ["livelihood"],
    "500",
    None,
    "fi",
    ["no-keyword", "age-trap"],
)
q(
    "k31",
    "Poikani on 16 ja istuu huoneessaan yöt pelaten. Lopetti ammattikoulun syksyllä eikä halua puhua meidän kanssa mitään. Asumme Jämsässä.",
    ["youth-work", "education"],
    "182",
    16,
    "fi",
    ["someone-else", "no-keyword", "several"],
)
q(
    "k32",
    "Polvi on ollut kipeä puoli vuotta ja pitäis päästä lääkäriin, mut en tiedä mihin soittaa kun muutin just Kotkaan. 30v",
    ["health"],
    "285",
    30,
    "fi",
    ["colloquial"],
)
q(
    "k33",
    "Isäni on 74 ja asuu yksin Lappeenrannassa. Hän on muuttunut sekavaksi, laskut lojuu avaamatta ja asunto on siivoamatta, mutta hän ei suostu ottamaan apua vastaan.",
    ["social-work", "health"],
    "405",
    74,
    "fi",
    ["someone-else", "no-keyword", "several"],
)
q(
    "k34",
    "Vaimoni on Syyriasta ja haluaisi suomen kielen kurssille, mutta lapset ovat vielä kotona. Onko kursseja joissa on lastenhoito? Asumme Jyväskylässä.",
    ["integration"],
    "179",
    None,
    "fi",
    ["someone-else"],
)
q(
    "k35",
    "Ajattelin ryhtyä kevytyrittäjäksi tai perustaa toiminimen kun teen graafista suunnittelua sivutoimisesti. Kenen kanssa vois käydä läpi mikä kannattaa? 29v Lappeenranta",
    ["entrepreneurship"],
    "405",
    29,
    "fi",
    ["colloquial"],
)
q(
    "k36",
    mail(
        "Hei",
        "asun Haminassa ja olen ollut Kotkan satamassa töissä vuokrafirman kautta, mutta vuoroja ei enää tule. Saako tässä tilanteessa työttömyyskorvausta ja miten pääsisi johonkin vakituiseen hommaan?",
        "Mikko Virtanen\nSatamapalvelu Oy, Kotka\n044 901 2277",
    ),
    ["livelihood", "employment"],
    "075",
    None,
    "fi",
    ["email", "wrap", "signature-employer", "phone", "several"],
)
q(
    "k37",
    mail(
        "Hei taas,",
        "kiitos vinkistä, velkajärjestely on nyt haettu. Nyt on uusi ongelma: vuokranantaja irtisanoi asunnon ja lähtö on kuun lopussa. Mistä saisin apua uuden asunnon etsimiseen?",
        "Terveisin Tuula, Kouvola",
        "> Hei, kyselisin voiko teiltä saada apua velkojen\n> kanssa, niitä on kertynyt kulutusluotoista.",
    ),
    ["housing"],
    "286",
    None,
    "fi",
    ["email", "wrap", "quoted", "past-clause", "signature-place"],
)
q(
    "k38",
    "Selkä on leikattu kaks kertaa enkä pysty enää raskaisiin töihin. Olen entinen rakennusmies, 54v, Viitasaarelta. Mitä vaihtoehtoja on uudelleenkoulutukseen?",
    ["rehabilitation", "study-guidance"],
    "931",
    54,
    "fi",
    ["no-keyword", "several"],
)
q(
    "k39",
    "Hei! Oon 15 ja mun vanhemmat riitelee koko ajan ja isä juo. En halua olla kotona. Kenelle voin puhua? asun Kouvolassa",
    ["youth-work", "mental-health"],
    "286",
    15,
    "fi",
    ["colloquial", "trap-substance-word"],
)
q(
    "k40",
    "Oon pelannut nettikasinolla palkat ja nyt pikavippejä on 8 000 e. Pelihimo ei lähde millään. 31v Jyväskylä",
    ["substance-use", "debt"],
    "179",
    31,
    "fi",
    ["sum", "several"],
)
q(
    "k41",
    "Valmistun keväällä sähköasentajaksi ja mietin jo nyt miten löytäisin töitä. Haluaisin myös muuttaa omaan kämppään. 19v Kotkasta",
    ["employment", "housing"],
    "285",
    19,
    "fi",
    ["future-clause", "several"],
)
q(
    "k42",
    "Töitä mulla on ja asunto on kunnossa, mutta rahat ei riitä mihinkään kun ulosotto vie osan palkasta. Äänekoski, 35",
    ["debt"],
    "992",
    35,
    "fi",
    ["negation", "trap-employment-word"],
)
q(
    "k43",
    mail(
        "Hei,",
        "olen opinto-ohjaaja ja kirjoitan erään 17-vuotiaan opiskelijamme puolesta, joka asuu Laukaassa. Hän on jäänyt pois tunneilta, koska perheellä ei ole varaa työkaluihin ja kirjoihin eikä hän tiedä jatkaako opintoja vai ei. Toivoisin että joku auttaisi häntä miettimään jatkoa ja rahoja.",
        "Ystävällisesti\nPäivi Lahtinen\nopinto-ohjaaja, Gradia Jyväskylä\n050 412 3387",
    ),
    ["study-guidance", "livelihood"],
    "410",
    17,
    "fi",
    ["email", "wrap", "someone-else", "signature-employer", "phone", "several"],
)
q(
    "k44",
    "pikavippei kertyny ja perintäfirmat soittaa koko ajan, mitä mä teen. savitaipale",
    ["debt"],
    "739",
    None,
    "fi",
    ["slang", "lowercase-place"],
)
q("k45", "Asunnoton tällä hetkellä, nukun autossa. Lappeenranta, 44v mies", ["housing"], "405", 44, "fi", ["short"])
q(
    "k46",
    "Ei jaksa enää mitään, tuntuu että kaikki olis parempi ilman mua. Kotka",
    ["mental-health"],
    "285",
    None,
    "fi",
    ["no-keyword", "crisis"],
)
q(
    "k47",
    "Oon 45 ja olin 20 vuotta paperitehtaalla Kuusankoskella, joka lopetettiin. Haluaisin opiskella uuden ammatin. Asun Kouvolassa.",
    ["study-guidance", "education"],
    "286",
    45,
    "fi",
    ["past-clause", "several"],
)
q(
    "k48",
    "Olen venäläinen ja asunut Imatralla 3 vuotta, suomi on B1-tasolla. Etsin työtä kirjanpitäjänä. Pitääkö tutkinto tunnustaa jotenkin?",
    ["employment", "integration"],
    "153",
    None,
    "fi",
    ["learner-finnish", "several"],
)
q(
    "k49",
    "Naapuri 70v Pyhtäältä kysyi multa apua, kun Kelan päätös tuli kielteisenä eikä eläke riitä lääkkeisiin.",
    ["livelihood"],
    "624",
    70,
    "fi",
    ["someone-else", "trap-health-word"],
)
q(
    "k50",
    "Synt. 2003. Muutin Keuruulta Jyväskylään, ei töitä, vuokrarästiä kaks kuukautta ja ahdistaa ihan hirveesti.",
    ["employment", "housing", "mental-health"],
    "179",
    23,
    "fi",
    ["birth-year", "place-trap", "several"],
)

# --- Swedish

q(
    "s01",
    "Jag är utbildad närvårdare men har varit arbetslös i fyra år. Jag har varit deprimerad och drar mig för att gå ut bland folk. Bor i Kotka, 31 år.",
    ["employment", "mental-health"],
    "285",
    31,
    "sv",
    ["several"],
    SVYLE_ABERG,
)
q(
    "s02",
    "Jag är 20 och söker 20 jobb i månaden men får aldrig svar. Bor i Pyttis. Det känns hopplöst.",
    ["employment"],
    "624",
    20,
    "sv",
    [],
    DAGENS_TIM,
)
q(
    "s03",
    "Vi bor i Villmanstrand. Min son (19) vill flytta hemifrån och börja studera men vet inte vilken utbildning som passar och hittar ingen bostad.",
    ["study-guidance", "housing"],
    "405",
    19,
    "sv",
    ["someone-else", "several", "swedish-place-name"],
    VN_SJUNDEA,
)
q(
    "s04",
    "Skulderna hopar sig, inkassobrev varje vecka och nu har det gått till utmätning. Jag skäms och har inte berättat för min man. Fredrikshamn",
    ["debt"],
    "075",
    None,
    "sv",
    ["swedish-place-name"],
    SVYLE_SKULDER,
)
q(
    "s05",
    "Tog ett sms-lån på 300 euro för att klara hyran och nu har det vuxit. Hur kommer jag ur det? Bor i Kotka, 23 år",
    ["debt"],
    "285",
    23,
    "sv",
    ["sum", "trap-housing-word"],
    VT_SMSLAN,
)
q(
    "s06",
    "Min dotter är 17 och går inte i skolan längre, hon sitter bara hemma. Vi bor i Pyttis och hon talar svenska.",
    ["youth-work", "education"],
    "624",
    17,
    "sv",
    ["someone-else", "no-keyword", "several"],
)
q(
    "s07",
    "Hej! Jag har flyttat till Jyväskylä för studier vid universitetet men mår inte bra, sover dåligt och gråter mycket. Finns det hjälp på svenska? /Ella, 21",
    ["mental-health"],
    "179",
    21,
    "sv",
    ["no-keyword"],
)
q(
    "s08",
    "Jag vill starta eget företag inom städning i Kotka. Vem kan hjälpa med affärsplan och startpeng?",
    ["entrepreneurship"],
    "285",
    None,
    "sv",
    [],
)
q(
    "s09",
    "Min pappa (78) i Kotka dricker för mycket sedan mamma dog och han är väldigt ensam.",
    ["substance-use", "mental-health"],
    "285",
    78,
    "sv",
    ["someone-else", "several"],
)
q(
    "s10",
    "Jag blev uppsagd från pappersbruket och undrar hur man söker inkomstrelaterad dagpenning och hur man hittar ett nytt jobb. Kouvola, 58 år",
    ["livelihood", "employment"],
    "286",
    58,
    "sv",
    ["several"],
)
q(
    "s11",
    "Jag behöver inte hjälp med jobb, jag har ett, men jag har ingen bostad efter skilsmässan. Fredrikshamn",
    ["housing"],
    "075",
    None,
    "sv",
    ["negation", "swedish-place-name"],
)
q("s12", "Tack för hjälpen senast, allt ordnade sig!", [], None, None, "sv", ["no-need"])
q("s13", "Jag bor i Vasa och söker jobb på svenska, 26 år.", ["employment"], "905", 26, "sv", ["outside-area"])
q(
    "s14",
    "Jag kommer från Afghanistan och bor i Kotka sedan i fjol. Jag vill lära mig finska eller svenska och sedan studera till elektriker.",
    ["integration", "education"],
    "285",
    None,
    "sv",
    ["several", "future-clause"],
)
q(
    "s15",
    "Efter min stroke kan jag inte längre arbeta som förut. Vilken rehabilitering kan jag få? Bor i Pyttis, 57.",
    ["rehabilitation"],
    "624",
    57,
    "sv",
    ["past-clause"],
)
q(
    "s16",
    "Pengarna räcker inte till mat i slutet av månaden, jag är ensamstående med tre barn i Kotka.",
    ["livelihood"],
    "285",
    None,
    "sv",
    ["no-keyword"],
)
q(
    "s17",
    mail(
        "Hej,",
        "jag är studiehandledare och skriver för en elev (16) som bor i Pyttis och funderar på vad hon ska studera efter nian. Hon talar svenska hemma och vill gärna ha vägledning på svenska.",
        "Med vänlig hälsning\nAnna Lindholm\nstudiehandledare, Kotka svenska samskola",
    ),
    ["study-guidance"],
    "624",
    16,
    "sv",
    ["email", "wrap", "someone-else", "signature-employer"],
)

# --- English

q(
    "e01",
    "Trained pastry chef from the US, moved to Lappeenranta with my Finnish wife two years ago. I have done language courses but my Finnish is still weak and I can't find any work. It's starting to feel hopeless.",
    ["employment", "integration"],
    "405",
    None,
    "en",
    ["several"],
    MEDIUM_EXPAT,
)
q(
    "e02",
    "I'm a master's student at the University of Jyväskylä. Every internship I look at asks for Finnish. Where could I take an intensive Finnish course in the evenings?",
    ["integration"],
    "179",
    None,
    "en",
    ["trap-employment-word"],
    PLEDGE_STUDENTS,
)
q(
    "e03",
    "I've been looking for a job for 12 months now in Jyväskylä. My unemployment benefit ends soon and I have a family to support. What happens then?",
    ["employment", "livelihood"],
    "179",
    None,
    "en",
    ["several"],
    TROTTI_JOBLESS,
)
q(
    "e04",
    "After a long sick leave for burnout I'm supposed to go back to work, but my doctor says part time first. Is there some rehabilitation or partial allowance for that? I live in Kouvola.",
    ["rehabilitation", "livelihood"],
    "286",
    None,
    "en",
    ["past-clause", "several"],
    KELA_TYOKYKY,
)
q(
    "e05",
    "I hit the wall at work. Can't concentrate, tired all the time, now on sick leave. I need someone to talk to. Kotka.",
    ["mental-health"],
    "285",
    None,
    "en",
    ["no-keyword"],
    FALCK_BURNOUT,
)
q(
    "e06",
    "My brother (19) in Imatra dropped out of vocational school and just stays in his room gaming all day. He won't talk to our parents. Who could reach out to him?",
    ["youth-work", "education"],
    "153",
    19,
    "en",
    ["someone-else", "several"],
)
q(
    "e07",
    "Hi, I'm 27 from Kenya and just moved to Kouvola for my wife's job. I'd like to learn Finnish and start my own small IT business.",
    ["integration", "entrepreneurship"],
    "286",
    27,
    "en",
    ["several"],
)
q(
    "e08",
    "I'm 35 and owe about 12,000 euros on credit cards and a car loan. The collection letters keep coming. Jyväskylä.",
    ["debt"],
    "179",
    35,
    "en",
    ["sum"],
)
q(
    "e09",
    "We're being evicted from our apartment in Lappeenranta at the end of the month because of unpaid rent. Two kids. Where can we go?",
    ["housing"],
    "405",
    None,
    "en",
    ["future-clause"],
)
q(
    "e10",
    "I don't need money, I've got savings, but I'm really struggling with drinking since I lost my job. Hamina, 44.",
    ["substance-use"],
    "075",
    44,
    "en",
    ["negation", "past-clause"],
)
q("e11", "What are your opening hours in Imatra?", [], "153", None, "en", ["no-need"])
q("e12", "I live in Helsinki and need help finding a job, I'm 24.", ["employment"], "091", 24, "en", ["outside-area"])
q(
    "e13",
    "Born 1999, living in Äänekoski. I have ADHD and I've never managed to finish any studies. I want to figure out what I could actually study.",
    ["study-guidance"],
    "992",
    27,
    "en",
    ["birth-year"],
)
q(
    "e14",
    mail(
        "Dear Sir or Madam,",
        "I am writing on behalf of my mother, 68, who moved to Kotka from Ukraine last year. She needs to see a doctor about her heart medication and does not speak Finnish.",
        "Kind regards,\nOlena Shevchenko",
    ),
    ["health"],
    "285",
    68,
    "en",
    ["email", "wrap", "someone-else"],
)
q(
    "e15",
    "I'm an international student at LUT in Lappeenranta. My scholarship got cancelled and I can't pay next month's rent. Can I get any benefits?",
    ["livelihood"],
    "405",
    None,
    "en",
    ["trap-housing-word"],
)
q(
    "e16",
    "Is there anyone I can talk to about my gaming? I lost my job because of it. I'm 22, Kouvola.",
    ["substance-use"],
    "286",
    22,
    "en",
    ["past-clause", "trap-employment-word"],
)
q(
    "e17",
    "hey im 18 and living in jyvaskyla, moving out of foster care next month, need a flat and someone to help me with money stuff",
    ["housing", "livelihood"],
    "179",
    18,
    "en",
    ["lowercase-place", "no-umlauts", "several"],
)

if __name__ == "__main__":
    ENQUIRIES.write(sys.argv[1:])
