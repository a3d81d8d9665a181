#!/usr/bin/env python3
# ruff: noqa: E501  (the enquiries are data: one long line each)
"""Write eval/fresh5/enquiries.jsonl: the last held-out set of issue 17, written after the changes.

On eval/saaristo's directory (Varsinais-Suomi and Pohjois-Pohjanmaa); written and labelled
before the engine was run on it, scored once with the engine before and after the changes.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from enquiries import EnquirySet

ENQUIRIES = EnquirySet(__file__)
q = ENQUIRIES.add

q(
    "f01",
    "Moi,\n\noon 22 ja asun Raisiossa. Jäin just pois amiksesta kun ei vaan\nkiinnostanut yhtään, nyt en tiiä mitä tekis.\n\nt. Joni",
    ["study-guidance", "youth-work"],
    "680",
    22,
    "fi",
    ["email", "wrap", "slang"],
)
q(
    "f02",
    "Hei! Tarttisin neuvoja miten saan maksettua rästissä olevat sähkölaskut, kaikki on myöhässä. Oulu, 38",
    ["debt"],
    "564",
    38,
    "fi",
    ["colloquial"],
)
q(
    "f03",
    "Hyvää päivää,\n\nolen syntynyt 1961 ja minut irtisanottiin tuotannollisista syistä Salon\ntehtaalta. Haluaisin tietää, mitä vaihtoehtoja minulla on.\n\nYstävällisin terveisin\nRaimo Lehtinen\nRaimontie 4, 24100 Salo",
    ["employment"],
    "734",
    65,
    "fi",
    ["email", "birth-year", "address"],
)
q(
    "f04",
    "Mä oon ollu koko syksyn tosi väsyny enkä jaksa käydä koulussa, itken vaan. Oon 16, asun Kaarinassa",
    ["mental-health"],
    "202",
    16,
    "fi",
    ["slang"],
)
q(
    "f05",
    "Hej,\n\njag heter Sofia och är 19. Jag bor i Pargas och behöver hjälp att hitta\nen egen bostad, det går inte längre att bo hemma.\n\nMvh Sofia",
    ["housing"],
    "445",
    19,
    "sv",
    ["email", "wrap"],
)
q(
    "f06",
    "Hi,\nI'm writing for my neighbour who is 72 and lives alone in Turku. She can't\nafford her medicines and food this month. Who could help her?\nBest regards,\nTom\nUniversity of Turku",
    ["livelihood"],
    "853",
    72,
    "en",
    ["email", "someone-else", "signature-place"],
)
q(
    "f07",
    "Etin kämppää Oulusta, oon 20 ja opiskelen OSAOssa. Mitä kautta kannattaa hakea?",
    ["housing"],
    "564",
    20,
    "fi",
    ["colloquial", "trap-education-word"],
)
q(
    "f08",
    "Minulla on todettu masennus ja olen ollut kaksi vuotta pois töistä. Haluaisin kokeilla työkokeilua tai jotain kuntouttavaa. 44 v, Lieto",
    ["rehabilitation"],
    "423",
    44,
    "fi",
    [],
)
q(
    "f09",
    "Kaveri sanoi et te autatte jos on velkoja. Mul on vippejä ehkä 5000€ edestä ja luottotiedot meni. Asun Turussa",
    ["debt"],
    "853",
    None,
    "fi",
    ["colloquial", "sum"],
)
q(
    "f10",
    "Hei\n\n> Voisitko kertoa, missä kunnassa asut?\n\nAsun Iissä. Ja oon 25.\n\nTerveisin Sanni\n\n> Hei Sanni, kiitos viestistä. Kerroit että tarvitset apua työnhakuun.",
    ["employment"],
    "139",
    25,
    "fi",
    ["email", "quoted"],
)
q(
    "f11",
    "Jag dricker och röker på för mycket och mina föräldrar är oroliga. Jag är 18 och bor i Kimitoön.",
    ["substance-use"],
    "322",
    18,
    "sv",
    [],
)
q(
    "f12",
    "We moved to Kempele last week from Vietnam because of my husband's job. I would like to study Finnish and later work as a nurse. I'm 29.",
    ["integration"],
    "244",
    29,
    "en",
    ["several-background"],
)
q(
    "f13",
    "Haluaisin ryhtyä yrittäjäksi, minulla on idea kahvilasta Naantalissa. Olen 33.",
    ["entrepreneurship"],
    "529",
    33,
    "fi",
    [],
)
q(
    "f14",
    "Asiakas (synt. 1990) asuu Raahessa, on ollut työttömänä vuoden ja hänellä on paljon velkaa. Tarvitsee sekä työnhaun että talousneuvonnan tukea.",
    ["employment", "debt"],
    "678",
    36,
    "fi",
    ["desk", "birth-year", "several"],
)
q(
    "f15",
    "oon 19 ja mun pitäis muuttaa pois kotoa kuukauden päästä mut ei oo rahaa vuokraan eikä takuuvuokraan. turku",
    ["housing", "livelihood"],
    "853",
    19,
    "fi",
    ["slang", "several"],
)
q(
    "f16",
    "I'm 41, living in Salo. My knees are bad and I can't continue as a cleaner. I need to figure out what work I could still do.",
    ["rehabilitation"],
    "734",
    41,
    "en",
    [],
)
q(
    "f17",
    "Hei,\nmeidän 15-vuotias poika on jäänyt kiinni kannabiksesta. Mistä saisimme apua\nperheelle? Asumme Kemiönsaarella.\nKiitos,\nHanna ja Jukka",
    ["substance-use", "youth-work"],
    "322",
    15,
    "fi",
    ["email", "someone-else", "wrap"],
)
q(
    "f18",
    "En pysty hoitamaan asioitani enää yksin, kaikki on sekaisin: Kelan paperit, laskut, asunto. Olen 58 ja asun Liminkassa.",
    ["social-work"],
    "425",
    58,
    "fi",
    ["several-vague"],
)
q(
    "f19",
    "Hej! Jag är 27 och har en examen från Sverige som inte räcker här. Jag bor i Åbo och vill söka jobb som socionom.",
    ["employment"],
    "853",
    27,
    "sv",
    [],
)
q(
    "f20",
    "Moro, lukio on nyt käyty ja en päässy mihinkään jatko-opiskelemaan. Mitäs nyt? Oon 19 ja asun Muhoksella.",
    ["education", "study-guidance"],
    "494",
    19,
    "fi",
    ["slang", "several"],
)
q(
    "f21",
    "Tytär 24v asuu Turussa ja on ollut pitkään kotona, ei käy missään eikä tapaa ketään. Olemme huolissamme. Itse asumme Helsingissä.",
    ["youth-work", "mental-health"],
    "853",
    24,
    "fi",
    ["someone-else", "place-trap"],
)
q(
    "f22",
    "Kela peri takaisin asumistukea 1200 euroa ja nyt ei ole rahaa mihinkään. Asun Uudessakaupungissa.",
    ["livelihood", "debt"],
    "895",
    None,
    "fi",
    ["sum", "several"],
)
q(
    "f23",
    "Hello, I'm 32 and live in Raisio. I was diagnosed with diabetes and have not seen a doctor in ages. Where do I go?",
    ["health"],
    "680",
    32,
    "en",
    [],
)
q(
    "f24",
    "Lähetän tämän äitini puolesta: hän on 63, asuu Oulussa ja on juonut paljon viime aikoina. Hän ei itse halua ottaa yhteyttä.",
    ["substance-use"],
    "564",
    63,
    "fi",
    ["someone-else"],
)
q(
    "f25",
    "Hei. Olen 18 ja asun Paraisilla. Haluan päästä oppisopimukseen automekaanikoksi.",
    ["education"],
    "445",
    18,
    "fi",
    [],
)
q(
    "f26",
    "Vastaanotolla 30-vuotias mies Kaarinasta: asunto lähtenyt alta, nukkuu autossa, ei tuloja. Tarvitsee kiireesti asunnon ja toimeentulon.",
    ["housing", "livelihood"],
    "202",
    30,
    "fi",
    ["desk", "several"],
)
q("f27", "Jag har panikångest och kan inte gå till jobbet. Åbo, 35.", ["mental-health"], "853", 35, "sv", [])
q(
    "f28",
    "Moikka! Ois kiva päästä jonnekin pajalle tai kokeiluun, oon ollu kotona puol vuotta. 21, Kempele",
    ["youth-work", "employment"],
    "244",
    21,
    "fi",
    ["slang", "several"],
)
q(
    "f29",
    "Please advise: I am an asylum seeker who got a residence permit, I live in Oulu now and don't know how to register as a job seeker or where to learn the language.",
    ["integration", "employment"],
    "564",
    None,
    "en",
    ["several"],
)
q(
    "f30",
    "Hei,\n\nolen 45-vuotias ja mietin alanvaihtoa, nykyinen työ kaupan kassalla\nei riitä elämään eikä kiinnosta. Voisinko opiskella jotain aikuisena?\n\nterveisin\nMarika\nS-market Lieto",
    ["study-guidance", "education"],
    "423",
    45,
    "fi",
    ["email", "wrap", "signature-place", "several"],
)
q(
    "f31",
    "mulla on velkaa ulosotossa ja pelaan liikaa netissä, en saa itteeni kuriin. 28v Turku",
    ["debt", "substance-use"],
    "853",
    28,
    "fi",
    ["slang", "several"],
)
q("f32", "Jag är 66 och pensionär i Pargas, min pension räcker inte till hyran.", ["livelihood"], "445", 66, "sv", [])
q(
    "f33",
    "Soitin teille viime viikolla. Nyt tilanne: asiakas 17 v, asuu Salossa äitinsä luona, lintsaa koulusta ja on ollut poliisin kanssa tekemisissä.",
    ["youth-work"],
    "734",
    17,
    "fi",
    ["desk"],
)
q(
    "f34",
    "Hi there! I'd like to start my own web design company in Turku. I'm from Spain, 31. What help is available?",
    ["entrepreneurship"],
    "853",
    31,
    "en",
    [],
)
q(
    "f35",
    "Puoliso kuoli keväällä ja nyt on vaikea jaksaa, rahatkin ovat vähissä. Olen 70 ja asun Naantalissa.",
    ["mental-health", "livelihood"],
    "529",
    70,
    "fi",
    ["several"],
)
q(
    "f36",
    "Hei, olen 26 v. ja asun Oulussa. Sain juuri potkut ja vuokranmaksu huolettaa.",
    ["employment", "livelihood"],
    "564",
    26,
    "fi",
    ["several"],
)
q(
    "f37",
    "Min son, 16, vill inte gå till skolan och sitter hela nätterna vid datorn. Vi bor i Kimitoön.",
    ["youth-work"],
    "322",
    16,
    "sv",
    ["someone-else"],
)
q(
    "f38",
    "Kysyisin mistä voisi saada suomen kielen opetusta, olen asunut Suomessa 3 vuotta mutta puhun huonosti. Asun Liedossa, 37.",
    ["integration"],
    "423",
    37,
    "fi",
    ["number-trap"],
)
q(
    "f39",
    "I'm 23, studying in Oulu, and I've been feeling really low and anxious for months. I can't focus on anything.",
    ["mental-health"],
    "564",
    23,
    "en",
    ["trap-education-word"],
)
q(
    "f40",
    "Hei!\nOlen töissä Turussa mutta asun Raisiossa. Tarvitsen apua, koska\ntyönantaja ei maksa palkkaa ja laskut kasaantuu.\nt: Mika, 0407654321",
    ["debt"],
    "680",
    None,
    "fi",
    ["email", "wrap", "phone", "place-trap"],
)
q(
    "f41",
    "Terve, synt. 2005, Salo. Haluaisin hakea ammattikouluun mut en tiiä mille alalle.",
    ["education", "study-guidance"],
    "734",
    21,
    "fi",
    ["birth-year", "colloquial", "several"],
)
q(
    "f42",
    "Asun Muhoksella ja minulla on selkäsairaus. Olen 52 enkä pysty enää raskaaseen työhön. Kuka auttaa selvittämään työkykyä?",
    ["rehabilitation"],
    "494",
    52,
    "fi",
    [],
)
q("f43", "Jag är 30 och vill börja studera till sjukskötare på svenska. Bor i Åbo.", ["education"], "853", 30, "sv", [])
q(
    "f44",
    "Muutin Turkuun Tampereelta ja etin nyt duunia, oon 28. Ei oo viel kämppääkään, asun kaverilla.",
    ["employment", "housing"],
    "853",
    28,
    "fi",
    ["colloquial", "several", "place-trap"],
)
q(
    "f45",
    "Hello, my brother who is 19 and lives with me in Kaarina has stopped going out and says he wants to die.",
    ["mental-health"],
    "202",
    19,
    "en",
    ["someone-else", "crisis"],
)

if __name__ == "__main__":
    ENQUIRIES.write(sys.argv[1:])
