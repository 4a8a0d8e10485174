"""The interface's catalogue: every key in every language, with the same placeholders."""

from __future__ import annotations

import importlib
import pkgutil
import string

import pytest

from crisisplay import texts
from crisisplay.texts import LANGUAGES, catalogue, t


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _parts(lang: str) -> dict[str, dict[str, str]]:
    package = importlib.import_module(f"crisisplay.texts.{lang}")
    return {
        info.name: importlib.import_module(f"{package.__name__}.{info.name}").TEXTS
        for info in pkgutil.iter_modules(package.__path__)
    }


def test_every_language_has_every_key() -> None:
    keys = {lang: set(catalogue(lang)) for lang in LANGUAGES}
    for lang in LANGUAGES:
        for other in LANGUAGES:
            missing = sorted(keys[other] - keys[lang])
            assert not missing, f"missing in {lang}: {missing}"


def test_every_text_has_the_placeholders_of_the_others() -> None:
    french, english = catalogue("fr"), catalogue("en")
    for key, text in french.items():
        assert _placeholders(text) == _placeholders(english[key]), key


def test_every_language_has_the_same_parts_and_no_key_twice() -> None:
    names = {lang: set(_parts(lang)) for lang in LANGUAGES}
    assert names["fr"] == names["en"]
    for lang in LANGUAGES:
        seen: dict[str, str] = {}
        for part, table in _parts(lang).items():
            for key in table:
                assert key not in seen, f"{lang}: {key} in {part} and {seen[key]}"
                seen[key] = part


def test_a_missing_key_fails_loudly_and_an_unknown_language_speaks_english() -> None:
    with pytest.raises(KeyError):
        t("report.no-such-key", "fr")
    assert t("report.figures.title", "de") == "Key figures"
    assert t("report.figures.title", "fr") == "Chiffres clés"


def test_the_package_documents_where_the_texts_are() -> None:
    assert "crisisplay/texts/fr/" in (texts.__doc__ or "")
