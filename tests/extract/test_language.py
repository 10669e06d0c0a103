"""Language identification and the thresholds for believing it."""

from __future__ import annotations

from dyadwatch.extract import detect_language
from dyadwatch.extract.language import MIN_CONFIDENCE, MIN_WORDS, guess_language

ENGLISH = (
    "North Korean leader Kim Jong-un met Russian President Vladimir Putin at a spaceport in the "
    "Russian Far East on Wednesday, the state news agency reported, amid concerns about arms."
)
FRENCH = (
    "Le dirigeant nord-coréen Kim Jong-un a rencontré le président russe Vladimir Poutine dans "
    "un cosmodrome de l'Extrême-Orient russe mercredi, selon l'agence de presse officielle."
)
SPANISH = (
    "El líder norcoreano Kim Jong-un se reunió el miércoles con el presidente ruso Vladimir "
    "Putin en un cosmódromo del Lejano Oriente ruso, según la agencia estatal de noticias."
)


def test_detects_languages_of_news_sentences() -> None:
    assert detect_language(ENGLISH) == "en"
    assert detect_language(FRENCH) == "fr"
    assert detect_language(SPANISH) == "es"


def test_long_confident_guesses_are_reliable() -> None:
    for text in (ENGLISH, FRENCH, SPANISH):
        guess = guess_language(text)
        assert guess.words >= MIN_WORDS
        assert guess.confidence >= MIN_CONFIDENCE
        assert guess.reliable


def test_short_texts_are_never_reliable() -> None:
    guess = guess_language("Kim met Putin at the cosmodrome.")
    assert guess.words < MIN_WORDS
    assert not guess.reliable


def test_name_lists_are_not_reliable_even_when_long() -> None:
    # A page that is mostly names must not be refused as some other language.
    names = " ".join(["Kim Jong-un, Vladimir Putin, Sergei Shoigu, Choe Son-hui, Pyongyang,"] * 4)
    guess = guess_language(names)
    assert guess.words >= MIN_WORDS
    assert not guess.reliable
