"""The words of a route result, in the client's language."""

from __future__ import annotations

from rules.taxonomy import need_name

_TEXT: dict[str, dict[str, str]] = {
    "need": {"fi": "tarve: {}", "sv": "behov: {}", "en": "need: {}"},
    "needs": {"fi": "tarpeet: {}", "sv": "behov: {}", "en": "needs: {}"},
    "part": {"fi": "kattaa {} / {} tarvetta", "sv": "täcker {} av {} behov", "en": "covers {} of {} needs"},
    "language": {"fi": "palvelee suomeksi", "sv": "ges på svenska", "en": "available in English"},
    "no-language": {
        "fi": "ei palvele suomeksi",
        "sv": "ges inte på svenska",
        "en": "not available in English",
    },
    "municipality": {"fi": "alue: {}", "sv": "område: {}", "en": "area: {}"},
    "region": {"fi": "alue: {} (maakunta)", "sv": "område: {} (landskap)", "en": "area: {} (region)"},
    "national": {"fi": "valtakunnallinen", "sv": "hela landet", "en": "nationwide"},
    "local-unknown-place": {
        "fi": "paikallinen palvelu: tarkista asuinkunta",
        "sv": "lokal tjänst: kontrollera hemkommunen",
        "en": "local service: check the home municipality",
    },
    "age-fits": {"fi": "ikä {} sopii ({})", "sv": "ålder {} passar ({})", "en": "age {} fits ({})"},
    "age-limit": {"fi": "ikäraja {}", "sv": "åldersgräns {}", "en": "age limit {}"},
    "no-need": {
        "fi": "ei erityistä tarvetta tunnistettu",
        "sv": "inget särskilt behov identifierat",
        "en": "no specific need recognised",
    },
    "no-service": {
        "fi": "ei palvelua tunnistetulle tarpeelle: yleinen ohjaus",
        "sv": "ingen tjänst för behovet: allmän vägledning",
        "en": "no service for the need recognised: general guidance",
    },
    "general": {"fi": "yleinen ohjaus ja neuvonta", "sv": "allmän vägledning", "en": "general guidance"},
}

LANGUAGE_NAMES = {
    "fi": {"fi": "suomeksi", "sv": "ruotsiksi", "en": "englanniksi"},
    "sv": {"fi": "på finska", "sv": "på svenska", "en": "på engelska"},
    "en": {"fi": "in Finnish", "sv": "in Swedish", "en": "in English"},
}


def text(key: str, language: str, *args: object) -> str:
    template = _TEXT[key].get(language) or _TEXT[key]["en"]
    return template.format(*args)


def needs_reason(codes: list[str], language: str) -> str:
    names = [need_name(code, language) for code in codes]
    return text("need" if len(names) == 1 else "needs", language, ", ".join(names))


def age_band(low: float | None, high: float | None) -> str:
    def show(value: float) -> str:
        return str(int(value)) if float(value).is_integer() else str(value)

    if low is not None and high is not None:
        return f"{show(low)}–{show(high)}"
    if low is not None:
        return f"{show(low)}–"
    return f"–{show(high)}" if high is not None else ""
