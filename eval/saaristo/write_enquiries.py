#!/usr/bin/env python3
# ruff: noqa: E501  (the enquiries are data: one long line each)
"""Write eval/saaristo/enquiries.jsonl from the truth below (then run eval/label.py eval/saaristo).

Written before the engine was run on any of it (issue 17): e-mails with greetings, wrapped lines,
signatures and quoted messages, slang, several needs, someone else's situation, traps.
Each row: id, question, true needs, municipality code, age, language, tags.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from enquiries import EnquirySet

ENQUIRIES = EnquirySet(__file__)
q = ENQUIRIES.add

q(
    "s01",
    "Hei,\n\nolen 24-vuotias ja asun Turussa. Valmistuin keväällä datanomiksi mutta en ole saanut\ntöitä vaikka olen hakenut kymmeniä paikkoja. Mistä saisin apua työnhakuun?\n\nTerveisin\nMikko Virtanen\n040 123 4567",
    ["employment"],
    "853",
    24,
    "fi",
    ["email", "wrap", "phone"],
)
q(
    "s02",
    "moi, mul on ihan hirvee ahistus ja en oo käyny koulus kolmeen viikkoon. oon 17 ja asun kaarinas. mitä mä teen",
    ["mental-health", "youth-work"],
    "202",
    17,
    "fi",
    ["slang"],
)
q(
    "s03",
    "Tarttisin apua kun vuokrat on rästissä kolmelta kuukaudelta ja vuokranantaja uhkaa häädöllä. Asun Raisiossa, 41 v.",
    ["housing"],
    "680",
    41,
    "fi",
    ["colloquial"],
)
q(
    "s04",
    "Hyvä vastaanottaja,\n\nkirjoitan poikani puolesta. Hän on 19-vuotias, keskeytti ammattikoulun viime\nkeväänä ja on sen jälkeen ollut vain kotona pelaamassa. Asumme Oulussa.\nToivoisin että joku ottaisi häneen yhteyttä.\n\nYstävällisin terveisin\nAnneli Korhonen\nOulun Energia Oy, asiakaspalvelu\nPL 116, 90101 Oulu",
    ["youth-work", "education"],
    "564",
    19,
    "fi",
    ["email", "someone-else", "signature-place"],
)
q(
    "s05",
    "Etin töitä, mistä kannattaa alottaa? oon 33 ja muutin just Kempeleeseen",
    ["employment"],
    "244",
    33,
    "fi",
    ["colloquial"],
)
q(
    "s06",
    "Velkaa on kertynyt pikavipeistä noin 8000 euroa ja ulosotto alkaa. En saa nukuttua. Salo",
    ["debt", "mental-health"],
    "734",
    None,
    "fi",
    ["sum", "several"],
)
q(
    "s07",
    "Olen synt. 1998 ja haluaisin vaihtaa alaa, nykyinen työ varastossa ei enää kiinnosta. Asun Liedossa.",
    ["study-guidance"],
    "423",
    28,
    "fi",
    ["birth-year"],
)
q(
    "s08",
    "Hei! Perustaisin oman kampaamon, tarvitsisin neuvoja starttirahasta ja y-tunnuksesta. Naantali, 29v",
    ["entrepreneurship"],
    "529",
    29,
    "fi",
    [],
)
q(
    "s09",
    "Asiakas 52 v, selkä leikattu, ei pysty palaamaan rakennustöihin. Mikä taho arvioi työkyvyn? Asuu Turussa.",
    ["rehabilitation"],
    "853",
    52,
    "fi",
    ["desk"],
)
q(
    "s10",
    "Minulla on ollut alkoholin kanssa ongelmia jo pitkään ja nyt vaimo sanoi että lähtee jos en hae apua. Oulu, 45",
    ["substance-use"],
    "564",
    45,
    "fi",
    [],
)
q(
    "s11",
    "Jag är 22 år och bor i Pargas. Jag har inget jobb och ingen studieplats och vet inte vad jag ska göra.",
    ["youth-work", "study-guidance"],
    "445",
    22,
    "sv",
    [],
)
q(
    "s12",
    "I moved to Turku from India with my husband last month. I need to learn Finnish and find out how things work here.",
    ["integration"],
    "853",
    None,
    "en",
    [],
)
q(
    "s13",
    "Rahat loppu kesken kuun eikä kela oo vieläkään maksanu asumistukea. Ei oo ruokaa. Raahe",
    ["livelihood"],
    "678",
    None,
    "fi",
    ["colloquial"],
)
q(
    "s14",
    "Hei\n\nMeidän tytär (16) ei ole päässyt mihinkään yhteishaussa ja on ihan maassa. Mitä vaihtoehtoja\nhänellä on nyt syksyllä? Asumme Kaarinassa.\n\nt. Sari",
    ["education", "study-guidance"],
    "202",
    16,
    "fi",
    ["email", "someone-else", "wrap"],
)
q(
    "s15",
    "Olen ollut sairauslomalla uupumuksen takia puoli vuotta ja pitäisi palata töihin, mutta pelottaa. Apua? Lieto, 38",
    ["mental-health", "rehabilitation"],
    "423",
    38,
    "fi",
    ["several"],
)
q(
    "s16",
    "Haluaisin suorittaa lukion loppuun aikuisena, jäi kesken 2010. Olen nyt 32 ja asun Uudessakaupungissa.",
    ["education"],
    "895",
    32,
    "fi",
    ["year-trap"],
)
q(
    "s17",
    "Hej, min mamma som är 58 har fått sparken och vet inte hur hon ska söka jobb. Hon bor i Åbo och talar bara svenska.",
    ["employment"],
    "853",
    58,
    "sv",
    ["someone-else"],
)
q(
    "s18",
    "I'm 27, living in Oulu, unemployed for a year and honestly getting pretty depressed about it.",
    ["employment", "mental-health"],
    "564",
    27,
    "en",
    ["several"],
)
q(
    "s19",
    "Mä en tiiä yhtään mitä mä haluun tehä isona. Lukio loppuu keväällä. Oon Paraisilta, 18",
    ["study-guidance"],
    "445",
    18,
    "fi",
    ["slang"],
)
q(
    "s20",
    "Terve. Oon 21v ja asun kavereiden sohvilla, ei oo omaa kämppää. Turku.",
    ["housing"],
    "853",
    21,
    "fi",
    ["slang"],
)
q(
    "s21",
    "Hei,\n\nkiitos viestistä. Vastaan kysymyksiinne: asun Salossa, olen 44-vuotias.\n\n> Kertoisitteko missä asutte ja minkä ikäinen olette, niin voimme\n> ohjata teidät oikeaan paikkaan? Palvelu on tarkoitettu alle 30-vuotiaille.\n\nAsia on siis se, että minulla on velkoja ja perintäkirjeitä tulee joka viikko.\n\nMatti",
    ["debt"],
    "734",
    44,
    "fi",
    ["email", "quoted"],
)
q(
    "s22",
    "Kolme lasta, mies lähti, rahat ei riitä ruokaan eikä vuokraan. Asun Muhoksella.",
    ["livelihood", "housing"],
    "494",
    None,
    "fi",
    ["several"],
)
q(
    "s23",
    "Jag dricker för mycket, varje helg och nu också på vardagar. Jag bor i Pargas och är 35.",
    ["substance-use"],
    "445",
    35,
    "sv",
    [],
)
q(
    "s24",
    "My Finnish is A2 now but it's not enough for any job. I live in Raisio, 31 years old. What can I do?",
    ["integration", "employment"],
    "680",
    31,
    "en",
    ["several"],
)
q(
    "s25",
    "Opiskelija 20v, opinnot amk:ssa ei etene, en jaksa mennä luennoille ja itken joka päivä. Oulu",
    ["mental-health"],
    "564",
    20,
    "fi",
    ["trap-education-word"],
)
q(
    "s26",
    "Soitin tänään ja lupasitte soittaa takaisin. Asiakas on 63-vuotias mies Naantalista, terveys heikko, ei ole käynyt lääkärissä vuosiin.",
    ["health"],
    "529",
    63,
    "fi",
    ["desk"],
)
q(
    "s27",
    "Hei,\n\nolen opinto-ohjaaja Turun ammatti-instituutista. Opiskelijamme (18 v) asuu Liedossa ja on\nkertonut, että kotona on ongelmia ja hän joutuu ehkä muuttamaan pois. Hän tarvitsisi\napua asunnon kanssa.\n\nYstävällisesti\nLaura Nieminen\nopinto-ohjaaja, Turun ammatti-instituutti\npuh. 044 765 4321",
    ["housing"],
    "423",
    18,
    "fi",
    ["email", "signature-place", "signature-service"],
)
q(
    "s28",
    "Muutin Ukrainasta Ouluun 2023. Haluan opiskella suomea ja löytää työtä. Olen 40.",
    ["integration", "employment"],
    "564",
    40,
    "fi",
    ["year-trap", "several"],
)
q(
    "s29",
    "Mun kaveri käyttää tosi paljon kamaa ja oon huolissani. Se on 24 ja asuu Turussa. mitä voin tehdä",
    ["substance-use"],
    "853",
    24,
    "fi",
    ["someone-else", "slang"],
)
q(
    "s30",
    "En enää jaksa mitään. Yksi aamu en vaan päässyt ylös sängystä ja siitä asti olen ollut kotona. Kempele, 30 v",
    ["mental-health"],
    "244",
    30,
    "fi",
    ["no-keyword"],
)
q(
    "s31",
    "Haluan hakea oppisopimukseen sähköasentajaksi, olen 25 ja asun Raahessa. Mistä aloitan?",
    ["education"],
    "678",
    25,
    "fi",
    [],
)
q(
    "s32",
    "Hej! Jag skulle vilja starta eget företag som fotograf. Bor i Kimitoön. Vem kan hjälpa med affärsplan?",
    ["entrepreneurship"],
    "322",
    None,
    "sv",
    [],
)
q(
    "s33",
    "Työkkäri lopetti työmarkkinatuen ja nyt ei oo mitään tuloja. Toimeentulotuki hylättiin. Ii, 27",
    ["livelihood"],
    "139",
    27,
    "fi",
    ["colloquial"],
)
q(
    "s34",
    "Olen 55-vuotias ja jäin juuri työttömäksi tehtaalta Salossa, 30 vuotta samassa paikassa. Mitä nyt?",
    ["employment"],
    "734",
    55,
    "fi",
    [],
)
q(
    "s35",
    "Hi, my son is 15 and refuses to go to school, he stays in his room all day. We live in Kaarina. He only speaks English at home.",
    ["youth-work"],
    "202",
    15,
    "en",
    ["someone-else"],
)
q(
    "s36",
    "Moro! oon 19 ja haluisin päästä amikseen mut en päässy yhteishaussa. Asun Oulussa. Onko jatkuvaa hakua?",
    ["education"],
    "564",
    19,
    "fi",
    ["slang"],
)
q(
    "s37",
    "Pelasin kaikki rahat nettikasinolla ja nyt on 12 000 € velkaa. En uskalla kertoa kenellekään. Turku, 26",
    ["debt", "substance-use"],
    "853",
    26,
    "fi",
    ["sum", "several"],
)
q(
    "s38",
    "Hei\n\nTerveyskeskuksessa sanottiin että minun pitäisi ottaa yhteyttä sosiaalityöntekijään, kun\nasiat ovat niin sekaisin. Olen 47 ja asun Liedossa. En tiedä mistä aloittaa.\n\nTerveisin Pirjo\nLieto 21420",
    ["social-work"],
    "423",
    47,
    "fi",
    ["email", "postal-code"],
)
q(
    "s39",
    "I'm 19 and my parents kicked me out. Sleeping at a friend's place in Oulu. Need somewhere to live and some money.",
    ["housing", "livelihood"],
    "564",
    19,
    "en",
    ["several"],
)
q(
    "s40",
    "Kiusaamista töissä, olen aivan loppu ja sairauslomalla. Haluaisin puhua jonkun kanssa. Uusikaupunki, 36",
    ["mental-health"],
    "895",
    36,
    "fi",
    [],
)
q(
    "s41",
    "Mulla on diabetes ja jalka tulehtunu eikä oo lääkäriä. Asun Muhoksella, 60",
    ["health"],
    "494",
    60,
    "fi",
    ["colloquial"],
)
q(
    "s42",
    "Jag flyttade till Åbo från Sverige och behöver ett ställe att bo. Jag är 24.",
    ["housing"],
    "853",
    24,
    "sv",
    [],
)
q(
    "s43",
    "Hei, olen Kemiönsaarelta, 28-vuotias. Ammattikoulu jäi kesken ja haluaisin jatkaa opintoja, mieluiten ruotsiksi.",
    ["education"],
    "322",
    28,
    "fi",
    [],
)
q(
    "s44",
    "Asiakkaalla (34 v, Raisio) useita ongelmia: työtön, vuokrarästejä ja juo liikaa. Ohjaisin eteenpäin.",
    ["employment", "housing", "substance-use"],
    "680",
    34,
    "fi",
    ["desk", "several"],
)
q(
    "s45",
    "Mä oon 16 ja mulla on tosi paha olo, vanhemmat riitelee koko ajan. En haluu puhua kenenkään tutun kaa. Salo",
    ["mental-health"],
    "734",
    16,
    "fi",
    ["slang"],
)
q(
    "s46",
    "How can I start my own cleaning business in Oulu? I have a residence permit based on work, I'm 35.",
    ["entrepreneurship"],
    "564",
    35,
    "en",
    [],
)
q(
    "s47",
    "Moikka,\n\nolin yhteydessä viime viikolla työnhausta. Nyt tilanne on muuttunut: sain potkut ja\nsamalla loppui asunto, koska asuin työsuhdeasunnossa. Olen 23 ja asun edelleen\nTurussa kaverin luona.\n\nt. Jani\n0401112233",
    ["employment", "housing"],
    "853",
    23,
    "fi",
    ["email", "wrap", "phone", "several"],
)
q(
    "s48",
    "Lapseni isä ei maksa elatusmaksuja ja olen yksin kahden lapsen kanssa. Rahat ovat tiukalla. Asun Naantalissa.",
    ["livelihood"],
    "529",
    None,
    "fi",
    [],
)
q(
    "s49",
    "Hei! Mietin pitäiskö hakea yliopistoon vai amk:hon, en oo varma alasta. Oon 20 ja asun Turussa.",
    ["study-guidance"],
    "853",
    20,
    "fi",
    ["colloquial"],
)
q(
    "s50",
    "Isäni 70 v alkaa unohdella asioita ja asuu yksin Raahessa. Kenen puoleen kääntyä?",
    ["health", "social-work"],
    "678",
    70,
    "fi",
    ["someone-else"],
)
q("s51", "Jag har skulder på 20 000 euro och kan inte betala. Bor i Salo, 50 år.", ["debt"], "734", 50, "sv", ["sum"])
q(
    "s52",
    "Olen syntynyt 2007 ja asun Paraisilla. En ole päässyt mihinkään kouluun ja kaikki kaverit on jo opiskelemassa.",
    ["education", "youth-work"],
    "445",
    19,
    "fi",
    ["birth-year"],
)
q(
    "s53",
    "I was on sick leave for back pain and now my employer says I can't do my old job. I'm 48, living in Turku.",
    ["rehabilitation"],
    "853",
    48,
    "en",
    [],
)
q(
    "s54",
    "Tarviin apua Kelan hakemusten kanssa, en ymmärrä niitä lomakkeita. 67 v, Oulu",
    ["livelihood"],
    "564",
    67,
    "fi",
    ["colloquial"],
)
q(
    "s55",
    "Arbetar i ett lager i Pargas men vill byta bransch, kanske studera till sjukskötare. 31 år.",
    ["study-guidance", "education"],
    "445",
    31,
    "sv",
    ["several"],
)
q(
    "s56",
    "poika 14v, alkanu polttaa ja juomaan kavereiden kanssa. kemiönsaari. mitä tehdä",
    ["substance-use", "youth-work"],
    "322",
    14,
    "fi",
    ["someone-else", "slang"],
)
q(
    "s57",
    "Muutin Lahteen Oulusta, etin nyt töitä ja asuntoa. Oon 26.",
    ["employment", "housing"],
    "398",
    26,
    "fi",
    ["outside-area", "colloquial"],
)
q(
    "s58",
    "Hei\n\nolen 30-vuotias sairaanhoitaja ja asun Kaarinassa. Olen uupunut työssäni ja mietin\nalan vaihtoa kokonaan. Toisaalta pelottaa taloudellisesti.\n\nYst. terv.\nHeidi Laine\nsairaanhoitaja, Varsinais-Suomen hyvinvointialue, Turku",
    ["study-guidance", "mental-health"],
    "202",
    30,
    "fi",
    ["email", "signature-place", "several"],
)
q(
    "s59",
    "My brother (29) has been using drugs and now he's homeless in Turku. I live in Helsinki but want to help him.",
    ["substance-use", "housing"],
    "853",
    29,
    "en",
    ["someone-else", "place-trap"],
)
q(
    "s60",
    "Olen 18 ja haluaisin muuttaa omaan asuntoon Turussa, mutta en tiedä miten vuokra-asuntoa haetaan.",
    ["housing"],
    "853",
    18,
    "fi",
    [],
)
q(
    "s61",
    "Mul on hirvee jännitys ja paniikkikohtauksia, en pysty menee kauppaan. 23, Liminka",
    ["mental-health"],
    "425",
    23,
    "fi",
    ["slang"],
)
q(
    "s62",
    "Jag kom till Finland som flykting och bor nu i Åbo. Jag vill lära mig finska och svenska.",
    ["integration"],
    "853",
    None,
    "sv",
    [],
)
q(
    "s63",
    "Oon ollu työttömänä kaks vuotta ja toimeentulotuella. Haluisin päästä johonki töihin tai kurssille. Raisio 37",
    ["employment"],
    "680",
    37,
    "fi",
    ["colloquial", "livelihood-background"],
)
q(
    "s64",
    "Hi, I'm a master's student in Turku, 25, I'll graduate in May and I have no idea how to find a job here without Finnish.",
    ["employment", "integration"],
    "853",
    25,
    "en",
    ["several"],
)
q(
    "s65",
    "Vaimolla todettiin syöpä ja itse jouduin jäämään pois töistä hoitamaan. Rahat ei riitä. Kempele, 42",
    ["livelihood"],
    "244",
    42,
    "fi",
    ["someone-else-background"],
)
q(
    "s66",
    "Tulostettu hakemus: Nimi Jussi K., s. 15.3.2001, osoite Kaskenkatu 12 B 23, 20700 Turku. Tarve: työkokeilupaikka.",
    ["employment"],
    "853",
    25,
    "fi",
    ["birth-date", "address", "postal-code"],
)
q(
    "s67",
    "Jag är 17 och har hoppat av gymnasiet. Bor i Pargas. Mina föräldrar vet inte.",
    ["youth-work", "education"],
    "445",
    17,
    "sv",
    [],
)
q(
    "s68",
    "Haluan lopettaa tupakan ja nuuskan, olen yrittänyt monesti. Turku, 34",
    ["substance-use"],
    "853",
    34,
    "fi",
    [],
)
q(
    "s69",
    "Hei,\nolen yhteydessä asiakkaamme puolesta. Hän on 31-vuotias somalinkielinen nainen, asuu Oulussa, ja haluaa\npäästä suomen kielen kurssille. Lapsia on neljä.\nTerveisin,\nneuvola, Oulun kaupunki",
    ["integration"],
    "564",
    31,
    "fi",
    ["email", "desk", "signature-place"],
)
q(
    "s70",
    "Mistä saisin apua kun mies juo ja lyö? Asun lasten kanssa Salossa.",
    ["social-work"],
    "734",
    None,
    "fi",
    ["no-keyword"],
)
q(
    "s71",
    "I have a lot of debt from my failed restaurant and the business is closed now. 44, Oulu. Who can advise me?",
    ["debt"],
    "564",
    44,
    "en",
    ["trap-entrepreneur-word"],
)
q(
    "s72",
    "En saa mistään kesätöitä, oon hakenu jo kaikkialle. Oon 16 ja asun Liedossa.",
    ["employment"],
    "423",
    16,
    "fi",
    ["colloquial"],
)
q(
    "s73",
    "Jag har varit sjukskriven för depression i ett år och vill tillbaka till arbetslivet stegvis. Åbo, 40.",
    ["rehabilitation", "mental-health"],
    "853",
    40,
    "sv",
    ["several"],
)
q(
    "s74",
    "Tarviin jonkun jolle puhua, ei oo ketään. Oon 27 ja asun yksin Oulussa.",
    ["mental-health"],
    "564",
    27,
    "fi",
    ["colloquial", "no-keyword"],
)
q(
    "s75",
    "Hei, olen 29-vuotias ja minulla on 3 lasta. Mieheni on työtön ja velkaa on 15000 euroa. Asumme Uudessakaupungissa ja emme saa laskuja maksettua.",
    ["debt", "livelihood"],
    "895",
    29,
    "fi",
    ["sum", "several", "number-trap"],
)
q(
    "s76",
    "Please help, I got a letter from Kela that they want money back. I don't understand Finnish. I live in Kaarina.",
    ["livelihood"],
    "202",
    None,
    "en",
    [],
)
q(
    "s77",
    "Olis kiva saada jotain tekemistä päiviin, oon ollu kotona vuoden. 22v, Ii",
    ["youth-work"],
    "139",
    22,
    "fi",
    ["colloquial", "no-keyword"],
)
q(
    "s78",
    "Eläkkeellä oleva mies, 68, asuu Turussa ja hänellä on peliongelma. Vaimo otti yhteyttä.",
    ["substance-use"],
    "853",
    68,
    "fi",
    ["someone-else"],
)
q(
    "s79",
    "Hejsan, jag är 26 och har ingen utbildning efter grundskolan. Jag bor i Kimitoön och vill bli elektriker.",
    ["education"],
    "322",
    26,
    "sv",
    [],
)
q(
    "s80",
    "Vuokranantaja irtisanoi asunnon remontin takia ja pitäisi löytää uusi kuukaudessa. Oulu, 55",
    ["housing"],
    "564",
    55,
    "fi",
    [],
)
q(
    "s81",
    "Olen 35-vuotias ja minulla on ADHD. En ole koskaan pysynyt töissä kauaa. Haluaisin selvittää mihin työhön pystyisin. Lieto.",
    ["rehabilitation", "employment"],
    "423",
    35,
    "fi",
    ["several"],
)
q(
    "s82",
    "Hej, min dotter är 20 och har ångest och sover hela dagarna. Hon bor hemma hos oss i Pargas.",
    ["mental-health"],
    "445",
    20,
    "sv",
    ["someone-else"],
)
q(
    "s83",
    "Hello, I'm from Syria and I live in Oulu with my family. We need help with everything: language, work and money.",
    ["integration", "employment", "livelihood"],
    "564",
    None,
    "en",
    ["several"],
)
q(
    "s84",
    "Koulu loppui kesken ja työt ei kiinnosta, mitä mä teen elämällä. 18, Naantali",
    ["study-guidance", "youth-work"],
    "529",
    18,
    "fi",
    ["slang"],
)
q(
    "s85",
    "Hei\n\nvälitän tämän viestin eteenpäin:\n\n---------- Välitetty viesti ----------\nLähettäjä: Tuomas\n> oon 24 ja mulla on 3000e velkaa puhelinliittymistä ja pikavipeistä, muutin\n> juuri Raisioon. en tiiä mitä tehdä.\n\nTerv. Marja, Ohjaamo Turku",
    ["debt"],
    "680",
    24,
    "fi",
    ["email", "quoted", "signature-place", "sum"],
)
q(
    "s86",
    "I'm 30 and I just moved to Salo for my partner. Looking for a job in IT, English speaker.",
    ["employment"],
    "734",
    30,
    "en",
    [],
)

if __name__ == "__main__":
    ENQUIRIES.write(sys.argv[1:])
