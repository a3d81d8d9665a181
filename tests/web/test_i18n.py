"""The catalogues: every text of the pages translated to Finnish and Swedish, compiled and up to date."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "routing" / "translations"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def _source_messages() -> set[str]:
    """Every msgid in the code and templates now (what `make i18n` would extract)."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found: set[str] = set()
    keywords = {**KEYWORDS, "ngettext": (1, 2)}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def _po(lang: str) -> Catalog:
    with open(CATALOGUES / lang / "LC_MESSAGES" / "messages.po", "rb") as fh:
        return read_po(fh, locale=lang)


@pytest.fixture(scope="module")
def source_messages() -> set[str]:
    return _source_messages()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_text_is_translated(lang: str, source_messages: set[str]) -> None:
    catalog = _po(lang)
    missing = []
    for msgid in sorted(source_messages):
        message = catalog.get(msgid)
        strings = message.string if message is not None else None
        done = all(strings) if isinstance(strings, tuple) else bool(strings)
        if message is None or not done or message.fuzzy:
            missing.append(msgid)
    assert not missing, f"{len(missing)} texts untranslated in {lang} (run `make i18n`, then translate): {missing[:10]}"


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_placeholders_match(lang: str) -> None:
    problems = [(m.id, errors) for m, errors in _po(lang).check()]
    assert not problems


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_compiled_catalogue_matches_the_po_file(lang: str) -> None:
    """The committed .mo is what compiling the .po gives (`make i18n` was run after editing)."""
    mo_path = CATALOGUES / lang / "LC_MESSAGES" / "messages.mo"
    with open(mo_path, "rb") as fh:
        compiled = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    fresh = io.BytesIO()
    write_mo(fresh, _po(lang))  # what `pybabel compile` writes for the .po as it is now
    fresh.seek(0)
    expected = gettext.GNUTranslations(fresh)._catalog  # type: ignore[attr-defined]
    # the messages, not the header: its "Generated-By" names whichever Babel compiled it
    compiled.pop("", None)
    expected.pop("", None)
    assert compiled == expected


def test_the_catalogues_are_shipped_in_the_package() -> None:
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "translations/*/LC_MESSAGES/*" in data["tool"]["setuptools"]["package-data"]["routing"]
    for lang in ("fi", "sv", "en"):
        assert (CATALOGUES / lang / "LC_MESSAGES" / "messages.mo").is_file()
