#!/usr/bin/env python3
# ruff: noqa: E501  (the enquiries are data: one long line each)
"""Write eval/dev17/enquiries.jsonl: the development set issue 17's reading changes were made against.

On eval/fresh's directory (Pirkanmaa and Pohjanmaa). Not held out: it was looked at while the
engine changed, so its figures say nothing about wordings nobody tuned on.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from enquiries import EnquirySet

ENQUIRIES = EnquirySet(__file__)
q = ENQUIRIES.add

q(
    "d01",
    "Hei,\n\nolen 26-vuotias ja asun Nokialla. Jäin työttömäksi kesällä enkä ole\nlöytänyt uutta työtä. Mistä saisin apua?\n\nTerveisin\nPekka Mäkinen\np. 040 555 1234",
    ["employment"],
    "536",
    26,
    "fi",
    ["email"],
)
q("d02", "Etin töitä Tampereelta, oon 22", ["employment"], "837", 22, "fi", ["colloquial"])
q(
    "d03",
    "mä tarttisin apua raha-asioiden kanssa, kaikki laskut myöhässä. Kangasala",
    ["debt"],
    "211",
    None,
    "fi",
    ["colloquial"],
)
q("d04", "Mul on velkaa ja vuokrat rästissä, asun Ylöjärvellä", ["debt", "housing"], "980", None, "fi", ["colloquial"])
q(
    "d05",
    "Synt. 2003, asun Tampereella. Haluaisin päästä opiskelemaan mutta en tiedä mitä.",
    ["study-guidance"],
    "837",
    23,
    "fi",
    ["birth-year"],
)
q("d06", "Jag är född 1999 och bor i Vasa. Jag söker jobb.", ["employment"], "905", 27, "sv", ["birth-year"])
q(
    "d07",
    "Hei\n\nOlen etsinyt töitä jo pitkään.\n\nYstävällisin terveisin\nAnna Koskinen\nTredu, Tampere\npuh. 050 123 4567",
    ["employment"],
    None,
    None,
    "fi",
    ["email", "signature-place"],
)
q(
    "d08",
    "Muutin just Lahteen ja etin töitä, mistä kannattaa alottaa? oon 27",
    ["employment"],
    "398",
    27,
    "fi",
    ["outside-area", "colloquial"],
)
q(
    "d09",
    "Hei, osoitteeni on Hämeenkatu 15 B 12, 33100 Tampere. Tarvitsen apua velkojen kanssa.",
    ["debt"],
    "837",
    None,
    "fi",
    ["address", "postal-code"],
)
q("d10", "Velkaa on 4500 euroa ja palkka 1800 €. Asun Nokialla.", ["debt"], "536", None, "fi", ["sum"])
q(
    "d11",
    "Moikka\n\n> Voisitko kertoa missä asut ja kuinka vanha olet?\n\nAsun Kangasalla, oon 19. Mä haluisin amikseen.\n\n-Aleksi",
    ["education"],
    "211",
    19,
    "fi",
    ["email", "quoted"],
)
q(
    "d12",
    "Hello, I was born in 2001 and I live in Tampere. I'm looking for a job.",
    ["employment"],
    "837",
    25,
    "en",
    ["birth-year"],
)
q(
    "d13",
    "Olen kaksikymmentäneljä vuotta ja asun Orivedellä, tarvitsen asunnon",
    ["housing"],
    "562",
    24,
    "fi",
    ["age-words"],
)
q(
    "d14",
    "Poikani (s. 2008) ei käy koulussa ja pelaa öisin. Asumme Ylöjärvellä.",
    ["youth-work"],
    "980",
    18,
    "fi",
    ["someone-else", "birth-year"],
)
q(
    "d15",
    "Hei, kirjoitan tätä työpaikalta Tampereelta mutta asun Nokialla. Tarttisin apua alkoholiongelmaan.",
    ["substance-use"],
    "536",
    None,
    "fi",
    ["place-trap", "colloquial"],
)
q("d16", "Etsin asuntoa, mul on koira. Vaasa, 31v", ["housing"], "905", 31, "fi", ["colloquial"])
q("d17", "I need to find a flat in Tampere, my lease ends in March. I'm 29.", ["housing"], "837", 29, "en", [])
q("d18", "Jag behöver hjälp med skulder, jag har 3 barn. Jakobstad.", ["debt"], "598", None, "sv", ["number-trap"])
q(
    "d19",
    "Asiakas syntynyt 1985, asuu Sastamalassa, etsii työtä ja kuntoutusta selkävaivojen takia.",
    ["employment", "rehabilitation"],
    "790",
    41,
    "fi",
    ["birth-year", "desk"],
)
q(
    "d20",
    "Hei!\nOlen 34v. yksinhuoltaja Akaasta ja rahat ei riitä\nruokaan. Kela hylkäsi hakemukseni.\nKiitos etukäteen!",
    ["livelihood"],
    "020",
    34,
    "fi",
    ["email", "wrap"],
)
q(
    "d21",
    "Oon 17 ja mua ahistaa tosi paljon, en oo käyny koulussa. Lempäälä",
    ["mental-health", "youth-work"],
    "418",
    17,
    "fi",
    ["slang"],
)
q(
    "d22",
    "Kuinka voin hakea toimeentulotukea? Asun Tampereella, puh 0401234567",
    ["livelihood"],
    "837",
    None,
    "fi",
    ["phone"],
)
q(
    "d23",
    "Hej!\nJag är 23 och flyttade nyss till Korsholm. Jag letar efter\nett jobb och en lägenhet.\nHälsningar, Emma\nYrkesakademin i Österbotten, Vasa",
    ["employment", "housing"],
    "499",
    23,
    "sv",
    ["email", "signature-place", "wrap"],
)
q(
    "d24",
    "Tarviin tukea opintoihin, amk jäi kesken ja haluisin jatkaa. Oon 25, Tampere",
    ["education"],
    "837",
    25,
    "fi",
    ["colloquial"],
)
q("d25", "Hei. Mitä palveluita teillä on?", [], None, None, "fi", ["no-need"])
q("d26", "Asun Helsingissä mutta tarvitsen apua velkoihin", ["debt"], "091", None, "fi", ["outside-area"])
q(
    "d27",
    "My wife and I moved to Vaasa from Kenya. We want to learn Finnish or Swedish. We are 30 and 32.",
    ["integration"],
    "905",
    30,
    "en",
    [],
)
q("d28", "Moi! Etin kesätyötä, oon 16 ja asun Nokialla", ["employment"], "536", 16, "fi", ["colloquial"])
q(
    "d29",
    "Hei\nhaluaisin aloittaa oman yrityksen\nmutta en tiedä mistä aloittaa.\nOlen 40 ja asun Pirkkalassa",
    ["entrepreneurship"],
    "604",
    40,
    "fi",
    ["wrap"],
)
q(
    "d30",
    "Isä (synt. 1950) tarvitsee apua raha-asioissa, asuu Tampereella",
    ["debt"],
    "837",
    76,
    "fi",
    ["someone-else", "birth-year"],
)

if __name__ == "__main__":
    ENQUIRIES.write(sys.argv[1:])
