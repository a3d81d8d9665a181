"""Why a service is suggested: reasons as codes with their values, worded in any language.

The engine keeps a reason as a ``Why``; the route result's JSON words it in the client's
language (shared/CONTRACT.md), the staff pages in the staff member's own. The words come
from the Babel catalogues (``routing.core.texts``), like every other text a person reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from routing.core.texts import N_, text
from rules.taxonomy import need_name

_TEXT: dict[str, str] = {
    "need": N_("need: %(needs)s"),
    "needs": N_("needs: %(needs)s"),
    "part": N_("covers %(covered)d of %(wanted)d needs"),
    "language-fi": N_("available in Finnish"),
    "language-sv": N_("available in Swedish"),
    "language-en": N_("available in English"),
    "no-language-fi": N_("not available in Finnish"),
    "no-language-sv": N_("not available in Swedish"),
    "no-language-en": N_("not available in English"),
    "municipality": N_("area: %(place)s"),
    "region": N_("area: %(place)s (region)"),
    "national": N_("nationwide"),
    "local-unknown-place": N_("local service: check the home municipality"),
    "age-fits": N_("age %(band)s fits (%(age)s)"),
    "age-limit": N_("age limit %(band)s"),
    "no-need": N_("no specific need recognised"),
    "no-service": N_("no service for the need recognised: general guidance"),
    "general": N_("general guidance"),
}


@dataclass(frozen=True, slots=True)
class Why:
    """One reason: its key and values. A value that differs by language is a {language: words} dict;
    ``needs`` are need codes; ``rule`` is a rule's own reason, written in the rule file by language."""

    key: str
    values: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, **values: Any) -> Why:
        return cls(key, tuple(values.items()))


def word(why: Why, language: str) -> str:
    """The reason in ``language``."""
    values = dict(why.values)
    if why.key == "rule":
        texts = values["texts"]
        return str(texts.get(language) or texts.get("en") or next(iter(texts.values()), ""))
    filled: dict[str, Any] = {}
    for name, value in values.items():
        if name == "needs":
            filled[name] = ", ".join(need_name(code, language) for code in value)
        elif isinstance(value, dict):
            filled[name] = value.get(language) or value.get("fi") or next(iter(value.values()), "")
        else:
            filled[name] = value
    return text(language, _TEXT[why.key], **filled)


def words(whys: tuple[Why, ...] | list[Why], language: str) -> list[str]:
    """The reasons in ``language``, each once (two rules may give the same words)."""
    return list(dict.fromkeys(w for w in (word(why, language) for why in whys) if w))


def needs_reason(codes: list[str]) -> Why:
    return Why.of("need" if len(codes) == 1 else "needs", needs=tuple(codes))


def age_band(low: float | None, high: float | None) -> str:
    def show(value: float) -> str:
        return str(int(value)) if float(value).is_integer() else str(value)

    if low is not None and high is not None:
        return f"{show(low)}–{show(high)}"
    if low is not None:
        return f"{show(low)}–"
    return f"–{show(high)}" if high is not None else ""
