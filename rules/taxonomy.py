"""The need taxonomy of HSDS-PROFILE.md: codes and their names in fi/sv/en."""

from __future__ import annotations

LANGUAGES = ("fi", "sv", "en")

NEEDS: dict[str, dict[str, str]] = {
    "education": {"fi": "Koulutus ja opiskelu", "sv": "Utbildning och studier", "en": "Education and studies"},
    "study-guidance": {
        "fi": "Opinto- ja uraohjaus",
        "sv": "Studie- och karriärvägledning",
        "en": "Study and career guidance",
    },
    "employment": {
        "fi": "Työnhaku ja työllistyminen",
        "sv": "Jobbsökning och sysselsättning",
        "en": "Job seeking and employment",
    },
    "livelihood": {"fi": "Toimeentulo ja etuudet", "sv": "Utkomst och förmåner", "en": "Income and benefits"},
    "debt": {"fi": "Velka- ja talousneuvonta", "sv": "Skuld- och budgetrådgivning", "en": "Debt and money advice"},
    "housing": {"fi": "Asuminen", "sv": "Boende", "en": "Housing"},
    "rehabilitation": {
        "fi": "Kuntoutus ja työkyky",
        "sv": "Rehabilitering och arbetsförmåga",
        "en": "Rehabilitation and work ability",
    },
    "mental-health": {
        "fi": "Mielenterveys ja jaksaminen",
        "sv": "Psykisk hälsa och ork",
        "en": "Mental health and wellbeing",
    },
    "substance-use": {
        "fi": "Päihteet ja riippuvuudet",
        "sv": "Missbruk och beroende",
        "en": "Substance use and addiction",
    },
    "integration": {
        "fi": "Kotoutuminen ja kielikoulutus",
        "sv": "Integration och språkundervisning",
        "en": "Integration and language courses",
    },
    "youth-work": {
        "fi": "Nuorisotyö ja etsivä nuorisotyö",
        "sv": "Ungdomsarbete och uppsökande arbete",
        "en": "Youth work and outreach",
    },
    "health": {"fi": "Terveys", "sv": "Hälsa", "en": "Health"},
    "entrepreneurship": {"fi": "Yrittäjyys", "sv": "Företagande", "en": "Entrepreneurship"},
    "social-work": {
        "fi": "Sosiaalityö ja sosiaaliohjaus",
        "sv": "Socialt arbete och handledning",
        "en": "Social work and social counselling",
    },
}

NEED_CODES: tuple[str, ...] = tuple(NEEDS)


def check_need_codes(value: object) -> tuple[str, ...]:
    """Need codes chosen by a person (a desk's correction): a list of distinct codes of the
    taxonomy, in the order given; raises ValueError saying what is wrong."""
    if not isinstance(value, list | tuple):
        raise ValueError("must be a list of need codes")
    if len(value) > len(NEED_CODES):
        raise ValueError(f"has {len(value)} codes; the taxonomy has only {len(NEED_CODES)}")
    seen: list[str] = []
    for item in value:
        if not isinstance(item, str):
            raise ValueError("must be a list of need codes (strings)")
        if item not in NEEDS:
            raise ValueError(f"unknown need code '{item[:64]}': use one of {', '.join(NEED_CODES)}")
        if item in seen:
            raise ValueError(f"need code '{item}' is given twice")
        seen.append(item)
    return tuple(seen)


def need_name(code: str, language: str) -> str:
    """The need's name in `language`, lower-cased for use inside a sentence."""
    names = NEEDS.get(code)
    if names is None:
        return code
    name = names.get(language, names["en"])
    return name[:1].lower() + name[1:]
