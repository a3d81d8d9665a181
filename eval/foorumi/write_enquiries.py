#!/usr/bin/env python3
# ruff: noqa: E501  (the enquiries are data: one long line each)
"""Write eval/foorumi/enquiries.jsonl: real people's wordings from public forums and news (issue 17).

Each question quotes a short wording found with the project's search tool (the address is in
`source`), sometimes with the place or age a desk would add; the truth was written down before
the engine was run. Directory: eval/saaristo's (Varsinais-Suomi and Pohjois-Pohjanmaa).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from enquiries import EnquirySet

ENQUIRIES = EnquirySet(__file__)


def q(i, text, needs, muni, age, lang, source, tags=()):
    ENQUIRIES.add(i, text, needs, muni, age, lang, tags, source)


YLE_HOMELESS = "https://yle.fi/uutiset/3-10924017"
IL_VIPIT = "https://www.iltalehti.fi/raha-nyt/a/ee405da5-ce7f-4f9c-a2cd-7cc971de85a1"
IL_VESA = "https://www.iltalehti.fi/raha-nyt/a/3e6ba4b5-a405-4aa5-8c00-3a52fb113824"
REDDIT_BROKEN = "https://red.azn.boats/r/Finland/comments/aprjq9/im_broken_depressed_foreigners_struggle_to_find"
REDDIT_NOWORK = "http://retroreddit.com/r/Finland/comments/1jbp9cp"
REDDIT_MATERNITY = "https://lr.eu.psf.lt/r/Finland/comments/19dn9ph/any_thoughts_on_this/kj8bbme/?context=3"
SR_UNGA = "https://sverigesradio.se/artikel/5834059"
TUKINET = "https://9pdf.co/article/avun-hakemisen-ensiaskeleet-tukea-avun-hakemiseen.qvl8p7nr"
MTV_PETE = "https://www.mtvuutiset.fi/artikkeli/peliongelma-ajoi-peten-37-lopulta-itsemurhan-partaalle-pahimmilta-ajoilta-jai-mieleen-yksi-puolison-lause-tilit-oli-kaikki-pelattu-ja-lainattukin-viela-rahaa/7359298"
YLE_KOUVOLA = "https://yle.fi/uutiset/3-11499940"
IL_ESSI = "https://www.iltalehti.fi/rakkausjaseksiartikkelit/201808132201129372_rk.shtml"
ESS_RITVA = "https://www.ess.fi/uutiset/paijathame/art2472797"
YLE_VAMOS = "https://yle.fi/uutiset/3-10526301"
AKAA = "https://akaanseutu.fi/2018/08/15/etsiva-nuorisotyo-auttaa-nuoria-naiden-omilla-ehdoilla/"
MIELI_TYOTON = "https://mieli.fi/vaikea-elamantilanne/tyottomyys-voi-kuormittaa/kun-tyottomyys-jatkuu-ja-jatkuu/"
UTA = "https://aikalainen.uta.fi/2018/03/22/apua-saa-se-joka-taitaa-avun-hakemisen/"
FAMILIARY = "https://en.familiary.fi/atoz/category/l"
OVERLOAD = "https://www.overload.fi/vi-behover-tala/"
SVT = "https://www.svt.se/nyheter/granskning/ug/ug-referens-den-sjuka-stressen?mobilmeny=1"

q(
    "r01",
    "Nukkunut kolme kuukautta kavereiden sohvilla, välillä kesäöitä ulkona. Luottotiedot menneet. Asun Turussa, 28.",
    ["housing", "debt"],
    "853",
    28,
    "fi",
    YLE_HOMELESS,
    ["several"],
)
q(
    "r02",
    "Otin 18-vuotiaana pikavippejä, minulla oli päihdeongelma. Nyt ulosotossa. Oulu, 28 v",
    ["debt", "substance-use"],
    "564",
    28,
    "fi",
    YLE_HOMELESS,
    ["several"],
)
q(
    "r03",
    "Alkuun ajattelin että otan vain 200 euron lainan ja maksan sen takaisin, mutta mistäs sen 300 saat? Pikku hiljaa kaikki laskut alkoivat kasaantua. 22, Salo",
    ["debt"],
    "734",
    22,
    "fi",
    IL_VIPIT,
    ["sum"],
)
q(
    "r04",
    "Muuttohetkellä työtön, ajattelin saavani tukia mutta tukia ei myönnetty. Vuokra on kuitenkin pakko maksaa. Raisio, 19",
    ["livelihood", "employment"],
    "680",
    19,
    "fi",
    IL_VIPIT,
    ["several"],
)
q(
    "r05",
    "Yksiö oli todella kallis, sen vuokraa ei opintotuilla maksettu. Joka kuukausi tarvitsin lisärahaa pelkkään vuokraan. Opiskelen Turussa, 21",
    ["livelihood"],
    "853",
    21,
    "fi",
    IL_VESA,
    ["trap-education-word"],
)
q(
    "r06",
    "Hävettää ja harmittaa, että tuli mokattua, ulosottovelkaa kertyi 30 000 euroa. Kaarina, 29",
    ["debt"],
    "202",
    29,
    "fi",
    IL_VESA,
    ["sum"],
)
q(
    "r07",
    "I moved to Finland to be with my Finnish partner, spent a year unsuccessfully trying to find employment. Broken and depressed is an understatement. Living in Oulu.",
    ["employment", "mental-health"],
    "564",
    None,
    "en",
    REDDIT_BROKEN,
    ["several"],
)
q(
    "r08",
    "Its really hard to get a job here... thats why i drive a taxi now since i cant find another job. Turku",
    ["employment"],
    "853",
    None,
    "en",
    REDDIT_BROKEN,
    [],
)
q(
    "r09",
    "As a native I cant find work. You would think finding simple kitchen assistant position would be easy but no. I'm 24, Raisio.",
    ["employment"],
    "680",
    24,
    "en",
    REDDIT_NOWORK,
    [],
)
q(
    "r10",
    "no money, no friends, no connections, adhd, autism, social anxiety. 26, living in Oulu",
    ["livelihood", "mental-health"],
    "564",
    26,
    "en",
    REDDIT_NOWORK,
    ["several", "no-keyword"],
)
q(
    "r11",
    "I speak somewhat survival level Finnish. Landing a job is impossible, literally ANY job that I apply for, even cleaning jobs. Turku.",
    ["employment", "integration"],
    "853",
    None,
    "en",
    REDDIT_MATERNITY,
    ["several"],
)
q(
    "r12",
    "Jag är 19 och har ingen plan för framtiden, varken jobb eller studier. Man kommer liksom ingen vart, det känns bara deprimerande. Bor i Pargas.",
    ["youth-work", "study-guidance"],
    "445",
    19,
    "sv",
    SR_UNGA,
    ["several"],
)
q(
    "r13",
    "När man inte har några pengar för att betala hyran och sånt blir det ganska stressigt, man får mer och mer ångest. Åbo, 20 år.",
    ["livelihood", "mental-health"],
    "853",
    20,
    "sv",
    SR_UNGA,
    ["several"],
)
q(
    "r14",
    "Ligger hemma och blir trött, krökar lite för mycket kanske, gör inget vettigt av min tid. 19, Kimitoön",
    ["substance-use", "youth-work"],
    "322",
    19,
    "sv",
    SR_UNGA,
    ["slang", "several"],
)
q(
    "r15",
    "kuuluuko masennukseen voimakas pohjaton uupuneisuuden tunne?? olen 17 ja asun Liedossa",
    ["mental-health"],
    "423",
    17,
    "fi",
    TUKINET,
    [],
)
q(
    "r16",
    "Jos on palkkansa pelannut parissa tunnissa, niin kuukausi eletään pikavipeillä. Tilit oli kaikki pelattu. Oulu, 37",
    ["substance-use", "debt"],
    "564",
    37,
    "fi",
    MTV_PETE,
    ["several"],
)
q(
    "r17",
    "Mursin jalkani ja jäin sairauslomalle, surffailin netissä ja kokeilin rahapeliä, nyt pelaan joka päivä ja velkaa kertyy. Raahe, 49",
    ["substance-use", "debt"],
    "678",
    49,
    "fi",
    YLE_KOUVOLA,
    ["several"],
)
q(
    "r18",
    "Poikaystävä tunnusti, että hänellä on velkoja pikavipeistä eikä varaa maksaa vuokraa, rahaa on kulunut pelaamiseen. Hän on 22, asumme Turussa.",
    ["debt", "substance-use"],
    "853",
    22,
    "fi",
    IL_ESSI,
    ["someone-else", "several"],
)
q(
    "r19",
    "Pienistä tuloista suuri osa menee lainojen lyhentämiseen ja pankit eivät auta velkojen järjestelyssä. 74 v, Naantali",
    ["debt"],
    "529",
    74,
    "fi",
    ESS_RITVA,
    [],
)
q(
    "r20",
    "En tiedä, mihin suuntaan lähteä. Asuminen ja raha-asiat on sekaisin ja mieli maassa. 23, Oulu",
    ["study-guidance", "housing", "livelihood", "mental-health"],
    "564",
    23,
    "fi",
    YLE_VAMOS,
    ["several"],
)
q(
    "r21",
    "Koulu jäi kesken, eikä ala tuntunut omalta. En tiedä mitä nyt. Kaarina, 17",
    ["study-guidance", "education"],
    "202",
    17,
    "fi",
    AKAA,
    ["several"],
)
q(
    "r22",
    "Työttömyys on jatkunut yli vuoden, masentuneena ei edes jaksa hakea töitä. Salo, 45",
    ["employment", "mental-health"],
    "734",
    45,
    "fi",
    MIELI_TYOTON,
    ["several"],
)
q(
    "r23",
    "Koen epämääräistä pahaa oloa, jota en oikein osaa kuvailla, ja terveyskeskuksessa minua ei oteta vakavasti. Katkonainen ura ja työttömyyttä taustalla. 31, Turku",
    ["mental-health"],
    "853",
    31,
    "fi",
    UTA,
    ["no-keyword"],
)
q(
    "r24",
    "How long will it take me to learn Finnish? Do I need Finnish to find a job? I live in Kaarina with my Finnish husband.",
    ["integration", "employment"],
    "202",
    None,
    "en",
    FAMILIARY,
    ["several"],
)
q(
    "r25",
    "Jag har bränt ut mig på jobbet och är sjukskriven. Jag vet inte hur jag ska orka tillbaka. Åbo, 34",
    ["mental-health", "rehabilitation"],
    "853",
    34,
    "sv",
    OVERLOAD,
    ["several"],
)
q(
    "r26",
    "Jag tycker det är pinsamt att erkänna att jag inte klarar av att ta hand om mina barn. Jag är helt slut. Pargas.",
    ["mental-health", "social-work"],
    "445",
    None,
    "sv",
    SVT,
    ["several", "no-keyword"],
)
q(
    "r27",
    "Sairauslomalta pitäisi palata töihin mutta pelottaa, onko minulla enää paikkaa työelämässä. Mielenterveyssyistä pois töistä jo vuosi. Oulu, 50",
    ["rehabilitation", "mental-health"],
    "564",
    50,
    "fi",
    "https://pdfslide.net/documents/milt-masennus-tuntuu-2020-2-10-mtt-joka-kolmas-ammattilainen-uskoi.html",
    ["several"],
)
q(
    "r28",
    "Nuoret jäävät kotiin ja bunkkeroituvat: meidän 20-vuotias ei ole poistunut huoneestaan kuukausiin. Asumme Iissä.",
    ["youth-work"],
    "139",
    20,
    "fi",
    "https://yle.fi/uutiset/3-12260320",
    ["someone-else"],
)
q(
    "r29",
    "I already have a vocational degree but whenever I applied for jobs they said I didn't know Finnish. Living in Turku, 30.",
    ["employment", "integration"],
    "853",
    30,
    "en",
    REDDIT_MATERNITY,
    ["trap-education-word", "several"],
)
q(
    "r30",
    "Kannustaminen olisi tarpeen: jäin työttömäksi, talous huolettaa ja kriisi kuormittaa mieltä. Haluaisin vain jäädä kotiin neljän seinän sisälle. Uusikaupunki, 52",
    ["employment", "livelihood", "mental-health"],
    "895",
    52,
    "fi",
    "https://www.ts.fi/lukijoilta/5879766",
    ["several"],
)

if __name__ == "__main__":
    ENQUIRIES.write(sys.argv[1:])
