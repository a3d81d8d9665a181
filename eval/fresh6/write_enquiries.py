#!/usr/bin/env python3
# ruff: noqa: E501  (the enquiries are data: one long line each)
"""Write eval/fresh6/enquiries.jsonl from the truth below (then run eval/label.py eval/fresh6).

The sixth held-out set, on eval/fresh6's network (Pohjois-Savo and Lappi, regions no other
set uses). Written by hand, with each truth (needs, municipality code, age, language) set
down from what the text says, before the engine was run on any of it and without looking at
the engine's vocabulary or rules. The questions are written the way they arrive: e-mails with
greetings, lines wrapped in mid-sentence, signatures, quoted and forwarded messages, spoken
Finnish, missing ä/ö, misspellings, inflected place names, ages in words, birth years or
"who is 72", sums of money, several needs, someone else's situation, past and future
clauses, negations, clients outside the area and a few with no need at all. Lines with a
`source` adapt (shortened, paraphrased, moved to a town of the network) a real person's
wording found in public news or forums with the project's search tool.
Ages from birth years are counted as of 2026.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from enquiries import EnquirySet

ENQUIRIES = EnquirySet(__file__)
q = ENQUIRIES.add

YLE_KEMI = "https://yle.fi/uutiset/3-10518767?origin=rss"
MTV_ELLI = "https://www.mtvuutiset.fi/artikkeli/yhteiset-elakepaivat-jaivat-haaveeksi-kun-puoliso-kuoli-elli-jai-elakkeelle-leskena-yksinolo-iski-vasten-kasvoja/8984940"
YLE_KIELIKAHVILA = "https://yle.fi/a/74-20025038?origin=rss"
YLE_KELAN_LUUKKU = "https://yle.fi/aihe/artikkeli/2021/02/15/kuka-parjaa-kelan-luukulla-kasikirjoitus"
ESAIMAA_PELIVELAT = "https://esaimaa.fi/uutiset/lahella/15189668-d666-4151-96d1-8a7cc4f21c62"
YLE_NETTIKASINO = "https://yle.fi/uutiset/3-11499940?origin=rss"
HS_ROOSA = "https://www.hs.fi/kotimaa/art-2000005812786.html?ref=rss"
YLE_AUTOSSA = "https://yle.fi/uutiset/3-10972131?origin=rss"
OIKOTIE_UUPUMUS = "https://tyopaikat.oikotie.fi/tyontekijalle/artikkelit/vaarantaako-pitka-sairausloma-tyouupuneen-tyohonpaluun?ref=navigate-next"
LIFEYES_SIILINJARVI = "http://lifeyes.info/tag/depressions/page/77"
YLE_LEIPAJONO = "https://yle.fi/uutiset/3-10599701?origin=rss"
ESS_VALIINPUTOAJA = "https://www.ess.fi/uutiset/paijathame/art2472797"
YLE_KIELIKURSSI = "https://yle.fi/a/74-20071112?origin=rss"
SOSIOLOGI_VETAYTYNEET = "https://sosiologi.fi/?p=414"
YLE_ASUNNOTON = "https://yle.fi/uutiset/3-12139845?origin=rss"
MTV_PIKAVIPIT = "https://www.mtvuutiset.fi/artikkeli/pikavippeihin-sortuvat-nyt-keskituloiset-perheelliset-jani-toivola-hapesi-velkatilannettaan/9055896"
SR_HAPARANDA = "https://sverigesradio.se/sida/artikel.aspx?programid=4738&artikel=6298306"
HBL_TORNEA = "http://gamla.hbl.fi/nyheter/2013-06-24/465561/byrakrati-hotar-granslost-samarbete"
SVYLE_SNABBLAN = "https://svenska.yle.fi/a/7-1200990"
REDDIT_BROKEN = "https://red.azn.boats/r/Finland/comments/aprjq9/im_broken_depressed_foreigners_struggle_to_find"
REDDIT_MATERNITY = "https://lr.eu.psf.lt/r/Finland/comments/19dn9ph/any_thoughts_on_this/kj8bbme/?context=3"
REDDIT_NOWORK = "http://retroreddit.com/r/Finland/comments/1jbp9cp"
NOMAD_WINTER = "https://www.thenomadtoday.com/opinion/tiago-martins-pinto/immigrants-winter-and-the-labyrinth-of-mental-health/20190513170752001883.html"
MOSAIIKKI = "https://mosaiikki.info/psykologi_fi.php?id=sopeutumisvaikeudet_en"
PLEDGE_LAWYER = "https://pledgetimes.com/war-of-ukraine-ukrainian-lawyer-maija-furtatova-is-now-applying-for-a-job-in-finland-even-though-she-does-not-know-the-language-or-the-countrys-law-i-am-not-used-to-doing-nothing/"


# --- Finnish

q(
    "h01",
    "Hei,\n\nmulla on kertynyt pikavippejä ja luottokorttivelkaa yhteensä about\n14 000 e ja nyt ulosotosta tuli kirje. En oo nukkunut kunnolla\nviikkoihin, koko ajan pyörii päässä et miten tästä selviää. Tarttisin\njonkun joka auttais käymään nää paperit läpi.\n\nt. Jani Heikkinen\nPuijonkatu 27 B 14\n70100 Kuopio\np. 044 512 7730",
    ["debt", "mental-health"],
    "297",
    None,
    "fi",
    ["email", "wrap", "address", "postal-code", "phone", "sum", "colloquial", "several"],
)
q(
    "h02",
    "moi. valmistuin eläintenhoitajaks pari vuotta sitte eikä töitä oo löytyny. päivät menee pleikkarilla ja koiran kans ulkoillessa ja seinät alkaa kaatua päälle. oon 21 ja asun kemissä. onko mitään mitä vois tehä",
    ["employment", "youth-work"],
    "240",
    21,
    "fi",
    ["slang", "several", "lowercase-place"],
    YLE_KEMI,
)
q(
    "h03",
    "Hyvä vastaanottaja\n\nKirjoitan poikani Eetun puolesta, hän täytti juuri 17. Hän lopetti lukion\nkesken syksyllä eikä ole sen jälkeen juuri poistunut huoneestaan, pelaa\nöisin ja nukkuu päivät. Minä en ole saanut häntä puhumaan. Voisiko joku\nnuorten kanssa työskentelevä ottaa häneen yhteyttä ja miettiä hänen\nkanssaan, miten hän pääsisi takaisin opiskelemaan? Asumme Iisalmessa.\n\nTerveisin\nMarjatta Kärkkäinen\nlähihoitaja, Kotihoito Ylä-Savo\n040 771 2093",
    ["youth-work", "education"],
    "140",
    17,
    "fi",
    ["email", "wrap", "someone-else", "signature-employer", "phone", "several"],
)
q(
    "h04",
    "Moi, vuokranantaja sano etta jos kesakuun vuokra ei tuu ni tulee hääto... siis haato. oon 26 ja asun rovaniemella yksin, rahat meni auton korjaukseen. mista apua",
    ["housing"],
    "698",
    26,
    "fi",
    ["no-umlauts", "misspelling", "colloquial"],
)
q(
    "h05",
    "En tarvitse rahaa enkä mitään tavaraa vaan jonkun jolle puhua. Vaimo kuoli keväällä ja talo on niin hiljainen. Olen 78-vuotias ja asun Siilinjärvellä.",
    ["mental-health"],
    "749",
    78,
    "fi",
    ["negation", "no-keyword"],
)
q(
    "h06",
    "Jäin syksyllä eläkkeelle ja mies kuoli jo ennen sitä, yhteiset eläkepäivät jäi haaveeksi. Nyt saattaa mennä monta päivää viikossa etten puhu kenenkään kanssa. Olen 65 ja asun Varkaudessa. Onko täällä jotain toimintaa tai keskusteluapua?",
    ["mental-health"],
    "915",
    65,
    "fi",
    ["past-clause", "no-keyword"],
    MTV_ELLI,
)
q(
    "h07",
    "Hei\n\nolen syntynyt 1979 ja ollut terästehtaalla vuorotöissä kohta 20\nvuotta. Selkä ei enää kestä kolmivuorotyötä ja työterveyslääkäri sanoi\nettä pitäisi miettiä muuta alaa. Mistä saisin apua siihen mitä voisin\nvielä opiskella ja onko siihen jotain tukea?\n\nTerv. Pekka\nTornio",
    ["rehabilitation", "study-guidance"],
    "851",
    47,
    "fi",
    ["email", "wrap", "birth-year", "signature-place", "several"],
)
q(
    "h08",
    "Hei. Mina olen asunut Suomessa kahdeksan vuotta, ensin Oulussa, sitten Porissa ja nyt Kuopiossa. Joka paikassa on eri murre ja se on vaikea. Haluan parempi suomen kieli kurssi ja myös työ. Olen 41.",
    ["integration", "employment"],
    "297",
    41,
    "fi",
    ["learner-finnish", "place-trap", "several"],
    YLE_KIELIKAHVILA,
)
q(
    "h09",
    "mie en saanu kesätöitä ja hain toimeentulotukea mut siinä kelan hakemuksessa on niin ihmeellisiä kysymyksiä et mie en ymmärrä mitä siihen pitää täyttää. oon 22, asun leppävirralla.",
    ["livelihood"],
    "420",
    22,
    "fi",
    ["dialect", "lowercase-place"],
    YLE_KELAN_LUUKKU,
)
q(
    "h10",
    "Asiakas 34 v, Sodankylä. Asunto lähti erossa, nyt asuu sukulaisella. Ei tuloja kun työttömyysetuus katkesi. Tarvitsee asunnon ja rahaa.",
    ["housing", "livelihood"],
    "758",
    34,
    "fi",
    ["desk", "several"],
)
q(
    "h11",
    "Moikka!\n\nOlen 31-vuotias eräopas ja asun Rovaniemellä. Olen tehnyt alan töitä\nkeikkaluontoisesti safariyrityksille, mutta haluaisin perustaa oman\nyrityksen talvikaudeksi. Tarvitsisin neuvoja liiketoimintasuunnitelmaan\nja tietoa siitä, saako starttirahaa jos on nyt työttömänä.\n\nTerveisin\nSanna Lehtola\nsanna.lehtola@example.com",
    ["entrepreneurship"],
    "698",
    31,
    "fi",
    ["email", "wrap", "trap-employment-word"],
)
q(
    "h12",
    "Pelasin jo yläasteella pitkävetoa kioskilla ja nyt nettipokeria ja vedonlyöntiä joka päivä. Otin tekstiviestivippejä pelaamiseen ja velkaa on jotain 15 000–20 000 euroa. En tiiä mistä alottaa. 28 v, Keminmaa",
    ["substance-use", "debt"],
    "241",
    28,
    "fi",
    ["sum", "several", "colloquial"],
    ESAIMAA_PELIVELAT,
)
q(
    "h13",
    "Mursin jalan ja olin pitkään sairauslomalla, aloin aikani kuluksi pelata netissä. Nyt pelaan kännykällä ulkomaisilla kasinoilla aamusta iltaan, vähintään 12 tuntia päivässä. Velat hoidan kyllä itse, ne ei ole se ongelma, mutta en pysty lopettamaan. Olen 49-vuotias nainen Suonenjoelta.",
    ["substance-use"],
    "778",
    49,
    "fi",
    ["negation", "past-clause", "no-keyword"],
    YLE_NETTIKASINO,
)
q(
    "h14",
    "Hei,\n\nkiitos nopeasta vastauksesta. Tyttäreni on 15 ja asumme Varkaudessa.\n\n> Voisitteko kertoa tarkemmin tyttärenne tilanteesta ja missä kunnassa\n> asutte, niin osaamme ohjata oikeaan paikkaan?\n\nHän ei päässyt yhteishaussa mihinkään ja on nyt tosi maassa, itkee\niltaisin. Mitä vaihtoehtoja hänellä on vielä tälle syksylle?\n\nTerveisin\nTiina",
    ["education", "study-guidance"],
    "915",
    15,
    "fi",
    ["email", "quoted", "someone-else", "wrap", "several"],
)
q(
    "h15",
    "Asun Joensuussa ja oon 24. Opiskelut jäi kesken ja nyt ei oo mitään. Voisinko tulla teidän Ohjaamoon Kuopioon vaikka en asu siellä?",
    ["study-guidance", "youth-work"],
    "167",
    24,
    "fi",
    ["outside-area", "place-trap", "colloquial", "several"],
)
q(
    "h16",
    "Hei, mitkä ovat aukioloajat Kuopion toimipisteessänne juhannusviikolla?",
    [],
    None,
    None,
    "fi",
    ["no-need", "place-trap"],
)
q(
    "h17",
    "Kiitos avusta viime viikolla, sain ajan varattua ja kaikki järjestyi!\n\nt. Leena, Iisalmi",
    [],
    "140",
    None,
    "fi",
    ["no-need", "signature-place"],
)
q(
    "h18",
    "oon 18 ja nukuin viime talven bussiterminaalissa, yleisissä vessoissa ja tuttujen sohvilla. nyt oon kaverilla kemissä mut sekin loppuu kuun lopussa. tarviin oman kämpän",
    ["housing"],
    "240",
    18,
    "fi",
    ["slang", "past-clause", "lowercase-place"],
    HS_ROOSA,
)
q(
    "h19",
    "Täytin 18 ja lähdin sijaisperheestä heti kun sain ajokortin. Asun nyt autossa levähdysalueella ja käyn peseytymässä uimahallilla. Tornio. Mistä saisi asunnon ja jonkun aikuisen tueksi?",
    ["housing", "social-work"],
    "851",
    18,
    "fi",
    ["several"],
    YLE_AUTOSSA,
)
q(
    "h20",
    "Olen ollut sairauslomalla työuupumuksen ja masennuksen takia yksitoista kuukautta. Ahdistus kasvoi loman aikana, koska aloin murehtia tulevaisuutta: entiseen työpaikkaan ei ole paluuta kun työolot eivät muuttuneet, ja mistä rahat kun sairauspäiväraha loppuu? Lakimies, 47, Kuopio.",
    ["rehabilitation", "mental-health", "livelihood"],
    "297",
    47,
    "fi",
    ["several"],
    OIKOTIE_UUPUMUS,
)
q(
    "h21",
    "Minulla on ollut mielenterveysongelmia lähes koko ikäni ja masennus vei lopulta työkyvyn. Olen 52 ja asun Siilinjärvellä. Haluaisin kuitenkin vielä tehdä jotain työtä, edes osa-aikaisesti.",
    ["mental-health", "rehabilitation"],
    "749",
    52,
    "fi",
    ["several"],
    LIFEYES_SIILINJARVI,
)
q(
    "h22",
    "Oon käyny jo monta valmennusta te-toimiston kautta eikä mikään niistä oo ollu mun juttu. Oon 25, asun Tornios. Haluisin oikeesti opiskella jotain mut en tiiä mitä.",
    ["study-guidance"],
    "851",
    25,
    "fi",
    ["colloquial", "inflected-place", "trap-employment-word"],
    YLE_KEMI,
)
q(
    "h23",
    "Opiskelen Kuopiossa ja saan opintotukea ja asumislisää, mutta vuokran jälkeen jää noin 500 e kuussa eikä se riitä ruokaan. Hävettää käydä leipäjonossa. 23 v.",
    ["livelihood"],
    "297",
    23,
    "fi",
    ["sum", "trap-housing-word"],
    YLE_LEIPAJONO,
)
q(
    "h24",
    "Olen 74-vuotias eläkeläinen Kiuruvedeltä. Pienestä eläkkeestä menee suurin osa lainojen lyhennyksiin, eikä toimeentulotukea kuulemma saa lainanlyhennyksiin. Pankki ei suostu järjestelemään velkoja iän ja pienten tulojen takia.",
    ["debt", "livelihood"],
    "263",
    74,
    "fi",
    ["several", "inflected-place"],
    ESS_VALIINPUTOAJA,
)
q(
    "h25",
    "Naapurini joka on 72 on ollut viime aikoina tosi sekava ja juo joka päivä, hän asuu yksin tässä meidän talossa Ylitorniolla. Kenelle tästä voi ilmoittaa?",
    ["substance-use", "social-work"],
    "976",
    72,
    "fi",
    ["age-who-is", "someone-else", "several"],
)
q(
    "h26",
    "Hei!\n\nMinut irtisanottiin tehtaalta tuotannollisista syistä 32 vuoden\njälkeen. Olen 58-vuotias ja minulla ei ole muuta koulutusta kuin\naikoinaan käyty kone- ja metallilinja. Tuntuu ettei tämän ikäistä kukaan\nenää palkkaa. Mistä kannattaisi lähteä liikkeelle?\n\nYstävällisin terveisin\nJorma Hyvönen\nKäärmeniementie 3 A\n78200 Varkaus",
    ["employment"],
    "915",
    58,
    "fi",
    ["email", "wrap", "address", "postal-code", "trap-education-word"],
)
q(
    "h27",
    "Lapsenlapseni (19) muutti Sodankylästä Rovaniemelle opiskelemaan mutta jätti koulun kesken eikä nyt vastaa puhelimeen viikkoihin. Hän asuu yksin Rovaniemellä. Olen huolissani, voiko joku käydä katsomassa häntä?",
    ["youth-work"],
    "698",
    19,
    "fi",
    ["someone-else", "place-trap"],
)
q(
    "h28",
    "Hyvää päivää. Asuin neljä vuotta Keminmaalla ja olin töissä kanalassa. Sain pysyvän oleskeluluvan mutta nyt olen työtön ja asun Kemissä. Opiskelen suomea koska haluan tehdä YKI-testin ja saada kansalaisuuden. Tarvitsen kurssi ja uusi työ. Ikä 37.",
    ["integration", "employment"],
    "240",
    37,
    "fi",
    ["learner-finnish", "place-trap", "several"],
    YLE_KIELIKURSSI,
)
q(
    "h29",
    "Tyttäremme on 16 ja löysimme hänen huoneestaan kannabista. Hän sanoo ettei se ole mitään, kaikki polttaa. Asumme Lapinlahdella. Kenen puoleen voi kääntyä?",
    ["substance-use"],
    "402",
    16,
    "fi",
    ["someone-else", "inflected-place"],
)
q(
    "h30",
    "Onko muilla sama et ei vaan jaksa mitään? Töissä käyn mut kotona makaan sohvalla koko illan enkä vastaa kenellekään. 35v mies",
    ["mental-health"],
    None,
    35,
    "fi",
    ["colloquial", "no-place", "no-keyword"],
)
q(
    "h31",
    "moro! oon 19 ja asun vielä porukoilla siilinjärvellä. tarttisin duunia et sais joskus oman kämpän kuopiosta, säästössä on joku 600e. mist kannattaa ettiä?",
    ["employment"],
    "749",
    19,
    "fi",
    ["slang", "future-clause", "place-trap", "sum", "trap-housing-word"],
)
q(
    "h32",
    "Hei, tarvitsisin lääkäriajan, korva on ollut kipeä jo viikon eikä särkylääke auta. Asun Kittilässä.",
    ["health"],
    "261",
    None,
    "fi",
    ["inflected-place"],
)
q(
    "h33",
    "Olen 20-vuotias ja asun Inarissa. Haluaisin opiskella jonkun käytännön ammatin ja mieluiten osittain saameksi, mutta en tiedä onko se mahdollista täällä vai pitääkö muuttaa.",
    ["education", "study-guidance"],
    "148",
    20,
    "fi",
    ["several"],
)
q(
    "h34",
    "Kävin velkaneuvonnassa viime vuonna ja velkajärjestely on nyt voimassa, se asia on kunnossa. Nyt ongelma on että en löydä töitä. Olen neljäkymmentäkaksi vuotta vanha ja asun Kemijärvellä.",
    ["employment"],
    "320",
    42,
    "fi",
    ["past-clause", "age-words", "trap-debt-word"],
)
q(
    "h35",
    "Hei,\n\nvälitän opiskelijani luvalla hänen viestinsä. Hän on 17-vuotias ja asuu\nMaaningalla (Kuopio).\n\n---------- Välitetty viesti ----------\n> mulla on kotona tosi huono tilanne, isä juo ja äiti ei jaksa mitään.\n> en haluu olla siellä enää. voiko jostain saada asunnon vaikka oon\n> alaikäinen\n\nTerveisin\nRiikka Miettinen\nopinto-ohjaaja, Savon ammattiopisto\nPresidentinkatu 3, 70100 Kuopio",
    ["housing", "social-work"],
    "297",
    17,
    "fi",
    ["email", "quoted", "someone-else", "signature-school", "wrap", "several"],
)
q(
    "h36",
    "moi olen 29 v ja asun kuopiossa, oon tyoton 8kk. haluaisin kouluttautua uudestaan esim lahihoitajaksi, mut pelkaan etta tyottomyysturva loppuu jos menen kouluun",
    ["education", "livelihood"],
    "297",
    29,
    "fi",
    ["no-umlauts", "several", "trap-employment-word"],
)
q(
    "h37",
    "Yksinhuoltaja, 2 lasta, Tornio. Elatusapu ei ole tullut kolmeen kuukauteen ja tilillä on 43 euroa. Vuokra on maksettu tälle kuulle mutta ruokaan ei ole enää.",
    ["livelihood"],
    "851",
    None,
    "fi",
    ["sum", "trap-housing-word"],
)
q(
    "h38",
    "Soittaja 61 v, Kuopio. Aivoinfarkti keväällä, ei pysty palaamaan entiseen työhön kirjanpitäjänä. Kysyy kuntoutuksesta ja siitä, millä elää ennen kuin eläkeasia ratkeaa.",
    ["rehabilitation", "livelihood"],
    "297",
    61,
    "fi",
    ["desk", "several"],
)
q(
    "h39",
    "oon 16 ja mua kiusataan koulussa, en haluu mennä sinne enää. en oo kertonu kellekään. asun rovaniemellä",
    ["mental-health", "youth-work"],
    "698",
    16,
    "fi",
    ["slang", "lowercase-place", "several"],
)
q(
    "h40",
    "Olen lääkäri Syyriasta ja asun Kuopiossa perheen kanssa. Puhun suomea B1-tasolla. Miten saan tutkinnon tunnustettua ja töitä omalta alalta?",
    ["employment", "integration"],
    "297",
    None,
    "fi",
    ["several"],
)
q(
    "h41",
    "Yritykseni meni konkurssiin viime vuonna ja nyt minulla on henkilökohtaisia takauksia noin 40 000 euroa. En halua enää yrittäjäksi vaan palkkatöihin. Siilinjärvi.",
    ["debt", "employment"],
    "749",
    None,
    "fi",
    ["sum", "negation", "trap-entrepreneur-word", "several"],
)
q(
    "h42",
    "en jaksa enaa mitaan, ajattelen etta olis helpompi jos ei olis. asun rovaniemella",
    ["mental-health"],
    "698",
    None,
    "fi",
    ["no-umlauts", "crisis", "no-keyword"],
)
q(
    "h43",
    "Aikuisena olisi tarkoitus hakea ammattikorkeakouluun, mutta en tiedä riittääkö 15 vuotta vanha ammattitutkinto pohjaksi. Olen 36, asun Leppävirralla.",
    ["study-guidance", "education"],
    "420",
    36,
    "fi",
    ["number-trap", "several"],
)
q(
    "h44",
    "Asun Pellossa eikä täältä ole bussiyhteyksiä oikein mihinkään. Olen 23 enkä omista ajokorttia, töitä pitäisi löytää. Voiko työnhakuun saada apua etänä?",
    ["employment"],
    "854",
    23,
    "fi",
    ["inflected-place"],
)
q(
    "h45",
    "Äitini (81) asuu Iisalmessa vuokralla ja isännöitsijä ilmoitti että talo puretaan ensi vuonna. Hän ei itse osaa hakea uutta asuntoa netistä. Keneltä saisi apua?",
    ["housing"],
    "140",
    81,
    "fi",
    ["someone-else", "future-clause"],
)
q(
    "h46",
    "kannabis ja ahdistus menee käsi kädessä, poltan et sais unta. 30 v kemi. haluun lopettaa",
    ["substance-use", "mental-health"],
    "240",
    30,
    "fi",
    ["slang", "lowercase-place", "several"],
)
q(
    "h47",
    "Lähdin lasten kanssa turvakotiin kun mies löi. Nyt pitäisi löytää oma asunto Rovaniemeltä ja selvittää rahat, kun kaikki tilit oli hänen nimissään.",
    ["housing", "livelihood", "social-work"],
    "698",
    None,
    "fi",
    ["several", "inflected-place"],
)
q(
    "h48",
    "oon 15 ja haluisin kesätöihin, mist niitä kannattaa hakea? asun joroisissa",
    ["employment"],
    "171",
    15,
    "fi",
    ["slang", "lowercase-place", "inflected-place"],
)
q(
    "h49",
    "Kajaanissa asuva 45-vuotias asiakas, velkaa verottajalle ja vuokranantajalle noin 7000 €. Tarvitsisi maksusuunnitelman ja neuvoja.",
    ["debt"],
    "205",
    45,
    "fi",
    ["desk", "outside-area", "sum"],
)
q(
    "h50",
    "En oo käyny vuoteen missään muualla ku kaupassa. Ei kavereita, ei koulua, ei töitä. Ei mulla oo mitään hätää mut ei tää oo elämää. 23, Kuopio",
    ["youth-work"],
    "297",
    23,
    "fi",
    ["colloquial", "no-keyword", "negation"],
    SOSIOLOGI_VETAYTYNEET,
)
q(
    "h51",
    "Olin neljä vuotta ilman omaa kotia ja nyt sain vihdoin yksiön. Haluan pysyä erossa aineista ja saada jotain järkevää tekemistä päiviin. 24, Rovaniemi",
    ["substance-use", "youth-work"],
    "698",
    24,
    "fi",
    ["past-clause", "trap-housing-word", "several"],
    YLE_ASUNNOTON,
)
q(
    "h52",
    "Olen 37-vuotias kahden lapsen äiti ja käyn töissä, mutta olen joutunut ottamaan pikavippejä ruokaan ja vuokraan kun palkka ei riitä. Nyt korot vie jo puolet palkasta. Tervola",
    ["debt"],
    "845",
    37,
    "fi",
    ["trap-housing-word"],
    MTV_PIKAVIPIT,
)
q(
    "h53",
    "kaavilla ei oo mitään tekemistä nuorille, oon 17 ja peruskoulu loppu keväällä enkä hakenu mihinkään. mitä vaihtoehtoja mulla on",
    ["study-guidance", "youth-work"],
    "204",
    17,
    "fi",
    ["slang", "lowercase-place", "several"],
)
q(
    "h54",
    "Hei. Vaimoni sairastui muistisairauteen ja hoidan häntä kotona yksin. Olen 55 enkä enää jaksa, nukun huonosti ja itken autossa. Asumme Pielavedellä.",
    ["social-work", "mental-health"],
    "595",
    55,
    "fi",
    ["several", "no-keyword"],
)
q(
    "h55",
    "Mun sossu vaihtu taas enkä tiiä kuka nyt hoitaa mun asiat. Kenelle mä soitan? Rautalampi",
    ["social-work"],
    "686",
    None,
    "fi",
    ["colloquial"],
)
q(
    "h56",
    "Olen 29 ja asun Utsjoella. Poronhoito ei yksin elätä, pitäisi keksiä jotain sivuun. Mietin pientä matkailuyritystä, revontuliretkiä ja majoitusta. Mistä neuvoja alkuun?",
    ["entrepreneurship"],
    "890",
    29,
    "fi",
    ["inflected-place"],
)
q(
    "h57",
    "Ranualla asun, 20 v, ei korttia. Haluaisin amikseen Rovaniemelle mutta ei oo varaa asua siellä. Miten muut on tän hoitanu?",
    ["education", "housing"],
    "683",
    20,
    "fi",
    ["colloquial", "place-trap", "several"],
)
q(
    "h58",
    "synt. 3.1.2001, asun Keminmaalla. Oon ollu kolme kuukautta työttömänä ja työttömyysetuutta ei oo vieläkään maksettu, hakemus on jossain jumissa. Laskut erääntyy.",
    ["livelihood"],
    "241",
    25,
    "fi",
    ["birth-date", "trap-employment-word", "colloquial"],
)
q(
    "h59",
    "Hei\n\nOlen Arja, sosiaaliohjaaja Varkaudesta. Asiakkaani (44 v, Joroinen) on\nollut pitkään työtön ja masentunut, eikä jaksa lähteä kotoa. Olisiko\nteillä jotain matalan kynnyksen päivätoimintaa, jossa voisi samalla\nmiettiä työllistymistä?\n\nYst. terv.\nArja Tikkanen\nsosiaaliohjaaja",
    ["employment", "mental-health"],
    "171",
    44,
    "fi",
    ["email", "wrap", "someone-else", "signature-place", "several"],
)
q(
    "h60",
    "Hei, sain Kelalta päätöksen että asumistukea peritään takaisin 1 200 euroa kun tulot nousi. Mulla ei oo sellasta summaa. Asun Kemissä, 27.",
    ["livelihood", "debt"],
    "240",
    27,
    "fi",
    ["sum", "trap-housing-word", "several"],
)

# --- Swedish

q(
    "s01",
    "Hej! Jag är 19 och bor i Torneå, gick gymnasiet här. Jag vet inte alls vad jag ska söka till i höst. Kan jag få studiehandledning på svenska?",
    ["study-guidance"],
    "851",
    19,
    "sv",
    ["swedish-place"],
    SR_HAPARANDA,
)
q(
    "s02",
    "Jag bor i Torneå men har jobbat i Haparanda i fem år. Nu blev jag uppsagd. Var ska jag anmäla mig som arbetssökande och får jag a-kassa från Finland eller Sverige?",
    ["employment", "livelihood"],
    "851",
    None,
    "sv",
    ["swedish-place", "place-trap", "several"],
    HBL_TORNEA,
)
q(
    "s03",
    "Hej, jag är 80 år, änka och bor ensam i Kemi. Mina barn bor i Sverige. Jag talar helst svenska. Finns det någon jag kan prata med ibland?",
    ["mental-health"],
    "240",
    80,
    "sv",
    ["no-keyword"],
)
q(
    "s04",
    "Hej\n\njag tog snabblån när jag blev arbetslös i våras och sökte aldrig\nutkomststöd. Nu har jag betalningsanmärkning och ca 6 500 euro i skulder.\nJag bor i Rovaniemi och är 34.\n\nMvh\nJonas",
    ["debt"],
    "698",
    34,
    "sv",
    ["email", "wrap", "sum", "past-clause"],
    SVYLE_SNABBLAN,
)
q(
    "s05",
    "Min son är 16 och har slutat gå till skolan. Han sitter vid datorn hela nätterna och sover på dagen. Vi bor i Torneå och pratar svenska hemma.",
    ["youth-work", "education"],
    "851",
    16,
    "sv",
    ["someone-else", "swedish-place", "several"],
)
q(
    "s06",
    "Jag är finlandssvensk och studerar i Kuopio. Jag mår dåligt och har panikångest inför tentorna, finns det samtalsstöd på svenska?",
    ["mental-health"],
    "297",
    None,
    "sv",
    [],
)
q(
    "s07",
    "Jag bor i Vasa och har spelskulder på ungefär 12 000 euro. Var kan jag få hjälp?",
    ["debt"],
    "905",
    None,
    "sv",
    ["outside-area", "swedish-place", "sum"],
)
q(
    "s08",
    "Jag har flyttat från Luleå till Torneå med min sambo. Jag vill lära mig finska och hitta jobb här. 31 år.",
    ["integration", "employment"],
    "851",
    31,
    "sv",
    ["swedish-place", "place-trap", "several"],
)
q(
    "s09",
    "Jag bor i Övertorneå på finska sidan och är pensionär, 70 år. Behöver hjälp att söka bostadsbidrag, blanketten är bara krånglig.",
    ["livelihood"],
    "976",
    70,
    "sv",
    ["swedish-place", "place-trap", "trap-housing-word"],
)
q(
    "s10",
    "Klient 45 år, Torneå, sjukskriven för ryggen sedan ett år, arbetsgivaren har inget lättare arbete. Behöver utredning av arbetsförmågan.",
    ["rehabilitation"],
    "851",
    45,
    "sv",
    ["desk", "swedish-place"],
)
q(
    "s11",
    "Jag dricker varje dag sedan skilsmässan. Jag vill sluta men vet inte vart jag ska vända mig. Torneå, 52 år",
    ["substance-use"],
    "851",
    52,
    "sv",
    ["swedish-place"],
)
q(
    "s12",
    "Vår dotter (20) studerar i Rovaniemi men har blivit vräkt från sin studentbostad. Vi föräldrar bor i Esbo. Vart kan hon vända sig?",
    ["housing"],
    "698",
    20,
    "sv",
    ["someone-else", "place-trap"],
)
q(
    "s13",
    "Jag vill starta ett eget café i Torneå nästa vår. Vem kan hjälpa mig med affärsplan och startpeng?",
    ["entrepreneurship"],
    "851",
    None,
    "sv",
    ["swedish-place", "future-clause"],
)
q(
    "s14",
    "Tack för hjälpen igår!\n\nHälsningar\nMaria i Torneå",
    [],
    "851",
    None,
    "sv",
    ["no-need", "signature-place"],
)
q(
    "s15",
    "Hej,\n\njag är 23 och söker jobb i Torneå, helst inom handel. Jag pratar svenska\noch lite finska. Hur gör jag för att söka jobb på finska sidan?\n\nMed vänlig hälsning\nElin Nilsson\nStorgatan 5\n953 31 Haparanda",
    ["employment"],
    None,
    23,
    "sv",
    ["email", "wrap", "address", "outside-finland", "place-trap"],
)
q(
    "s16",
    "jag är 17 och har så mycket ångest att jag inte orkar gå till skolan. bor i kemi. pratar svenska och finska",
    ["mental-health"],
    "240",
    17,
    "sv",
    ["lowercase-place"],
)
q(
    "s17",
    "Jag kommer från Eritrea och bodde i Sverige i sju år, nu bor jag i Kuopio med min man. Jag kan svenska men ingen finska. Jag vill gå en finskakurs.",
    ["integration"],
    "297",
    None,
    "sv",
    ["place-trap"],
)
q(
    "s18",
    "Min sjukdagpenning tar slut nästa månad och jag är fortfarande inte frisk. Vad händer med pengarna då? Bor i Kemi, 57.",
    ["livelihood"],
    "240",
    57,
    "sv",
    ["future-clause"],
)

# --- English

q(
    "e01",
    "I moved to Kuopio to be with my Finnish partner a year ago. I'm a qualified engineer with 6 years of experience but I haven't had a single interview. Honestly I'm broken and depressed at this point.",
    ["employment", "mental-health"],
    "297",
    None,
    "en",
    ["several"],
    REDDIT_BROKEN,
)
q(
    "e02",
    "I'm American, living in Rovaniemi with my Finnish partner and our baby. I speak survival Finnish. We get maternity and housing allowance but it's not enough, and every job I apply for, even cleaning, says my Finnish isn't good enough. I'd take a proper Finnish course if there was one with childcare.",
    ["livelihood", "employment", "integration"],
    "698",
    None,
    "en",
    ["several", "trap-housing-word"],
    REDDIT_MATERNITY,
)
q(
    "e03",
    "no money, no friends, no connections, adhd, autism, social anxiety. 27, living in Kemi. I'm Finnish but I write better in English. can't even get a kitchen assistant job",
    ["employment", "mental-health", "livelihood"],
    "240",
    27,
    "en",
    ["several", "lowercase-place"],
    REDDIT_NOWORK,
)
q(
    "e04",
    "This is my first full winter in Finland, in Rovaniemi. Breakup, no friends here, a precarious job and money worries, and my anxiety is coming back: no sleep, pain in my shoulders and heartburn. Where can I talk to someone?",
    ["mental-health"],
    "698",
    None,
    "en",
    ["trap-employment-word"],
    NOMAD_WINTER,
)
q(
    "e05",
    "Since we came to Finland everything is difficult. Our apartment in Varkaus is too small for five people, I have not even got a place in a language course and the benefits are not enough even for a bus card.",
    ["housing", "integration", "livelihood"],
    "915",
    None,
    "en",
    ["several"],
    MOSAIIKKI,
)
q(
    "e06",
    "Hi, I just graduated from my master's in Kuopio and my student residence permit expires in two months. I need a job to be able to stay. Who helps international graduates here?",
    ["employment"],
    "297",
    None,
    "en",
    ["trap-education-word"],
)
q(
    "e07",
    "I came from Ukraine with my son (9), we live in Tornio now. I was a lawyer for sixteen years. I'm not used to doing nothing, I'm ready to work as an assistant or anything. I also need Finnish classes. I'm 38.",
    ["employment", "integration"],
    "851",
    38,
    "en",
    ["number-trap", "several"],
    PLEDGE_LAWYER,
)
q(
    "e08",
    "Hi,\n\nMy wife and I run a small husky farm near Rovaniemi as a side business\nand we would like to make it full-time next winter. Is there free advice\nfor the business plan?\n\nBest,\nTom Whitfield\nArctic Paws (sole trader)\nNapapiirintie 88, 96930 Rovaniemi",
    ["entrepreneurship"],
    "698",
    None,
    "en",
    ["email", "wrap", "address", "postal-code", "future-clause"],
)
q(
    "e09",
    "My husband drinks every day since he lost his job at the mine. We live in Sodankylä. He is 44. He doesn't want help but I need advice on what to do.",
    ["substance-use"],
    "758",
    44,
    "en",
    ["someone-else", "trap-employment-word"],
)
q(
    "e10",
    "I need to see a doctor about my asthma, the inhaler ran out. I live in Kemi and have a residence permit.",
    ["health"],
    "240",
    None,
    "en",
    [],
)
q(
    "e11",
    "I'm 19, I came to Iisalmi as an au pair from the Philippines and the family ended the contract. I have nowhere to live after Friday.",
    ["housing"],
    "140",
    19,
    "en",
    ["place-trap"],
)
q(
    "e12",
    "I have about 3,000 euros of unpaid phone bills and a collection agency keeps calling me. Kuopio, 24.",
    ["debt"],
    "297",
    24,
    "en",
    ["sum"],
)
q(
    "e13",
    "I live in Helsinki. Can you help me find a Finnish course for beginners?",
    ["integration"],
    "091",
    None,
    "en",
    ["outside-area"],
)
q(
    "e14",
    "Hello, is this the right email address for Ohjaamo? Thanks",
    [],
    None,
    None,
    "en",
    ["no-need"],
)
q(
    "e15",
    "Born 1990, moved from Nigeria to Kuopio last year. I was a nurse back home and want to get licensed in Finland, and learn Finnish faster.",
    ["employment", "integration"],
    "297",
    36,
    "en",
    ["birth-year", "several"],
)
q(
    "e16",
    "Our son (22) studies in Rovaniemi and has stopped going to lectures. He sounds very low on the phone. We live in the UK and feel helpless.",
    ["mental-health", "study-guidance"],
    "698",
    22,
    "en",
    ["someone-else", "place-trap", "several"],
)
q(
    "e17",
    "I'm an EU citizen working winter seasons in Saariselkä (Inari). The season ended and I don't know if I can get any unemployment benefit here or if I should go home.",
    ["livelihood"],
    "148",
    None,
    "en",
    ["place-trap", "trap-employment-word"],
)

if __name__ == "__main__":
    ENQUIRIES.write(sys.argv[1:])
