"""The client's age and language read from the question."""

from __future__ import annotations

import pytest

from routing.matcher.age import extract_age
from routing.matcher.language import detect_language
from routing.matcher.text import normalise, tokenise
from rules.model import RuleSet


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("olen 23-vuotias", 23),
        ("23v, asun Espoossa", 23),
        ("olen 19 ja etsin töitä", 19),
        ("täytin juuri 18", 18),
        ("täytän pian 18", 17),
        ("melkein 25 ja vieläkin pihalla", 24),
        ("ikää 52 vuotta", 52),
        ("Olen 35-vuotias", 35),
        ("Asumme Lahdessa, itse olen 46.", 46),
        ("jag är 19 år", 19),
        ("Jag bor i Borgå och är 41.", 41),
        ("en 17 år gammal pojke", 17),
        ("I'm 24", 24),
        ("I am 24 years old", 24),
        ("I turned 30 last week", 30),
        ("I'm almost 30", 29),
        ("a 24-year-old", 24),
        # a third person in the question is the client
        ("poikani 16v lopetti koulun", 16),
        ("Mun 16-vuotias tytär juo, itse olen 46", 16),
        ("kaveri on 40v ja asunnoton", 40),
        ("Veljenpoika 18v on ollut kotona", 18),
        ("my son is 17 and", 17),
        ("min son är 16", 16),
        ("Min dotter 16 år röker", 16),
        ("Asiakas on 22-vuotias", 22),
        # written the way people write on forms and in chat
        ("Esbo, 40 år. Jag har blivit uppsagd", 40),
        ("Jag är 40 år gammal och bor i Sibbo", 40),
        ("pojke 17 år i Kervo som vägrar gå till skolan", 17),
        ("en flicka på 15 år", 15),
        ("Jag är 17-årig och vill söka", 17),
        ("tyttö 15 v. juo viikonloppuisin", 15),
        ("ikä 41, asun Porvoossa", 41),
        ("41-vuotiaana vaihdan alaa", 41),
        ("aged 19, looking for my first job", 19),
        ("I'm 19 yo and", 19),
        ("19yo, kicked out from home", 19),
        ("Living in Kerava, 31.", 31),
        ("Pojalla (16) on koulussa vaikeuksia", 16),
        ("Poikani 14 v. kiusataan koulussa", 14),
        ("a boy aged 15 in our family", 15),
        # the number in words, standard or spoken
        ("hän on kuusitoista ja asuu kotona", 16),
        ("oon kakskytviis ja etsin duunia", 25),
        ("olen yhdeksäntoistavuotias", 19),
        ("jag är sjutton och bor i Åbo", 17),
        ("I'm nineteen and unemployed", 19),
        ("my sister is twenty-three", 23),
        ("my sister is twenty three", 23),
        # a person and a bare number, the way desks jot it down
        ("tytär 15, ei käy koulua", 15),
        ("Nainen 52 etsii töitä", 52),
        ("min dotter på 14 vill inte gå till skolan", 14),
        ("we're both 19 and need a flat", 19),
        ("ei oo rahaa vuokraan. 23", 23),
        ("I'm an exchange student, 24, Turku", 24),
        ("what should I do? 38, Oulu", 38),
        ("Isoäiti on 85 ja tarvitsee apua", 85),
        ("my grandma is 90 and lives alone", 90),
        ("Tyotön jo vuoden, ikaa 52", 52),
        ("Jag vill byta jobb men vet inte riktigt vad, är 38 och bor här", 38),
        # a birthday to come
        ("täytän ensi viikolla 18", 17),
        ("täytän 18 syksyllä ja haluan muuttaa", 17),
        ("jag fyller 20 i april", 19),
        ("täytin viime viikolla 18", 18),
        # someone else's age in a relative clause or after a comma: that person is the client
        ("Mun naapuri, joka on 72-vuotias, ei enää pärjää kotona", 72),
        ("Isäni, joka on 72, on alkanut juoda", 72),
        ("min granne som är 72 år dricker mycket", 72),
        ("my neighbour who is 72 forgets to eat", 72),
        ("my neighbour, 72, lives alone", 72),
        ("My brother who is 35 keeps using drugs", 35),
        ("Olen 40 ja naapuri 80 tarvitsee apua", 80),
        # the writer and another together
        ("We are 30 and 32 and want to learn Finnish", 30),
        # a decade from thirty up: the middle of it
        ("naapuri on kahdeksankymppinen ja asuu yksin", 84),
        ("olen nelikymppinen mies", 44),
        ("my mom is in her seventies and lives alone", 74),
        ("jag är i fyrtioårsåldern", 44),
    ],
)
def test_ages(text: str, age: int) -> None:
    assert extract_age(text) == age


@pytest.mark.parametrize(
    "text",
    [
        "Luottokorttivelkaa on yli 10 000 euroa",
        "olen ollut 2 vuotta työttömänä",
        "olen asunut täällä 20 vuotta",
        "olen 3 kuukautta ollut sairauslomalla",
        "jag har bott här i 15 år",
        "I have lived here 10 years",
        "I've been unemployed for 2 years",
        "meillä on 2 lasta",
        "vuokra on 900 euroa",
        "i am 5 months pregnant",
        "klockan är 10",
        "olen 250 kilometrin päässä",
        "teini-ikäinen poikani ei käy koulua",
        "I'm in my twenties and feel depressed",
        "parikymppinen poika ei käy koulua",
        "velkaa on 10 000 euroa ja 2 kk vuokrat rästissä",
        "olen ollut kolme vuotta työttömänä",
        "Mulla on 3 lasta",
        "Vuonna 2019 leikattiin polvi",
        "klo 16 asti pääsen soittamaan",
        "skulder på 15 000 euro",
        "I have lived in Kerava for 12 years, 3 kids.",
        "jag har bott i Borgå i 40 år",
        "Asun osoitteessa Kauppakatu 31",
        "olen ollut 15 vuotta samassa työssä",
        "olen ollut kaksikymmentä vuotta samassa työssä",
        "I need to make 30 applications a month",
        "äiti ja 2 lasta",
        "jag fyller i ansökan den 15 maj",
        "isä 40 000 euroa velkaa",
        "meitä on kaksitoista",
        "Asun osoitteessa Koulukatu 5, Tampere",
        "vuokra 500, 600, Helsinki",
        # a relative clause about a thing, people counted, a sum after "som är"
        "asunto joka on 72 neliötä",
        "vi är 5 personer i familjen",
        "Olemme 4 hengen perhe",
        "Jag har jobbat som 20 år",
        "lånet som är 30 000 euro",
    ],
)
def test_numbers_that_are_not_ages(text: str) -> None:
    assert extract_age(text) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("mul ei oo rahaa", "fi"),
        ("Asun Laukaassa ja jain juuri tyottomaksi", "fi"),
        ("Haluaisin oppia ruotsia", "fi"),
        ("Hej! Jag bor i Åbo och har svårt att klara mina räkningar", "sv"),
        ("jag har inga skulder", "sv"),
        ("I don't have any debts", "en"),
        ("I'm 24 and live in Kerava", "en"),
        # language skill or wish mentioned: still the language written in
        ("My Finnish is only A2 and I speak some Swedish", "en"),
        ("Asiakas puhuu englantia ja ruotsia", "fi"),
        ("Jag talar finska och engelska", "sv"),
        ("I would like service in Finnish, suomeksi", "en"),
    ],
)
def test_languages(ruleset: RuleSet, text: str, language: str) -> None:
    function_words = {lang: cues.function_words for lang, cues in ruleset.cues.items()}
    detected, confidence = detect_language(tokenise(normalise(text)), function_words, set())
    assert detected == language
    assert 0 <= confidence <= 1
