"""The actor tables: countries, demonyms, capitals, named actors and dated office holders.

Every table phrase is split into tokens the way spaCy splits English (hyphens between
letters and a trailing ``'s`` become their own tokens) and folded (lower case, accents and
curly quotes removed), so that matching a sentence is a dictionary look-up on its folded
tokens: ``ActorTables.match`` tries the phrases that start with the token at hand, longest
first. Nothing here runs a regular expression over article text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

import pycountry

from dyadwatch.model import Actor

__all__ = [
    "ActorTables",
    "Entry",
    "EntryKind",
    "Person",
    "Role",
    "Term",
    "default_tables",
    "fold",
    "split_phrase",
]

EntryKind = Literal["country", "demonym", "capital", "actor", "person", "block"]
Role = Literal["head_of_state", "head_of_government", "foreign_minister", "defence_minister"]
ROLES: tuple[Role, ...] = (
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
)

_FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'", "ı": "i", "–": "-", "—": "-", "ø": "o"})
# A hyphen between a letter or digit and a letter is split off, as spaCy's infix rule does
# ("Jong-un" -> "Jong", "-", "un"; "G-7" and "COVID-19" stay whole).
_HYPHEN = re.compile(r"(?<=[^\W_])-(?=[^\W\d_])")


def fold(text: str) -> str:
    """The matching key of a token: lower case, without accents, straight quotes."""
    text = text.translate(_FOLD)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return text.lower()


def split_phrase(text: str) -> list[str]:
    """Split a table phrase into tokens the way spaCy splits running text."""
    tokens: list[str] = []
    for word in text.translate(_FOLD).split():
        tail: list[str] = []
        if len(word) > 2 and word.lower().endswith("'s"):
            word, tail = word[:-2], ["'s"]
        pieces = _HYPHEN.split(word)
        for n, piece in enumerate(pieces):
            if n:
                tokens.append("-")
            tokens.append(piece)
        tokens.extend(tail)
    return tokens


@dataclass(frozen=True, slots=True)
class Term:
    """One holder of one office: ``start`` inclusive, ``end`` exclusive (None: incumbent)."""

    name: str
    iso3: str
    role: Role
    start: str
    end: str | None

    def holds(self, date: str) -> bool:
        return self.start <= date and (self.end is None or date < self.end)


@dataclass(frozen=True, slots=True)
class Person:
    """A person of the leaders table with all the offices they held."""

    name: str
    terms: tuple[Term, ...]

    @property
    def iso3(self) -> str:
        return max(self.terms, key=lambda t: t.start).iso3

    def terms_at(self, date: str | None) -> list[Term]:
        if date is None:
            return [t for t in self.terms if t.end is None]
        return [t for t in self.terms if t.holds(date)]

    def actor_at(self, date: str | None) -> Actor:
        """The person as an actor: GOV while in office, ELI (CAMEO elites) otherwise."""
        current = self.terms_at(date)
        if current:
            return Actor.make(self.name, current[0].iso3, "GOV")
        if date is not None:
            past = [t for t in self.terms if t.start <= date]
            iso3 = max(past, key=lambda t: t.start).iso3 if past else self.iso3
        else:
            iso3 = self.iso3
        return Actor.make(self.name, iso3, "ELI")


@dataclass(frozen=True, slots=True)
class Entry:
    """What a table phrase stands for.

    ``exact`` holds the phrase's own spelling when case matters (all-capital abbreviations:
    ``US`` is not ``us``, ``WHO`` is not ``who``); otherwise the first matched token must
    merely start with a capital letter. ``start``/``end`` bound the dates it applies to.
    """

    kind: EntryKind
    iso3: str | None = None
    actor: Actor | None = None
    via: str = "country"
    person: str | None = None
    exact: tuple[str, ...] | None = None
    start: str | None = None
    end: str | None = None

    def applies(self, date: str | None) -> bool:
        if date is None:
            return self.end is None
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)


class PhraseIndex:
    """Folded token sequences -> entries, indexed by first token, longest match first."""

    def __init__(self, items: Iterable[tuple[Sequence[str], Entry]]) -> None:
        phrases: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
        lengths: dict[str, set[int]] = defaultdict(set)
        for raw, entry in items:
            key = tuple(fold(t) for t in raw)
            if not key or entry in phrases[key]:
                continue
            phrases[key].append(entry)
            lengths[key[0]].add(len(key))
        self._phrases = {k: tuple(v) for k, v in phrases.items()}
        self._lengths = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}

    def match(
        self, keys: Sequence[str], texts: Sequence[str], i: int
    ) -> tuple[int, tuple[Entry, ...]] | None:
        """The longest phrase starting at token ``i``: its length and the entries it names."""
        lengths = self._lengths.get(keys[i])
        if lengths is None:
            return None
        for length in lengths:
            if i + length > len(keys):
                continue
            entries = self._phrases.get(tuple(keys[i : i + length]))
            if entries is None:
                continue
            window = texts[i : i + length]
            kept = tuple(e for e in entries if _case_ok(e, window))
            if kept:
                return length, kept
        return None


def _case_ok(entry: Entry, texts: Sequence[str]) -> bool:
    if entry.kind == "block":
        return True
    if entry.exact is not None:
        return tuple(t.translate(_FOLD) for t in texts) == entry.exact
    first = texts[0][:1]
    return first.isupper() or not first.isalpha()


@dataclass(frozen=True)
class ActorTables:
    """All the tables the resolver matches against; build once with ``default_tables``."""

    phrases: PhraseIndex
    countries: dict[str, str]  # iso3 -> display name
    people: dict[str, Person]  # canonical name -> person
    terms: tuple[Term, ...]

    def holder(self, iso3: str, role: Role, date: str | None) -> Person | None:
        """Who held ``role`` in ``iso3`` on ``date`` (the latest holder when date is None)."""
        candidates = [t for t in self.terms if t.iso3 == iso3 and t.role == role]
        if date is not None:
            candidates = [t for t in candidates if t.holds(date)]
        if not candidates:
            return None
        best = max(candidates, key=lambda t: t.start)
        return self.people[best.name]

    def country_actor(self, iso3: str, sector: str | None = None) -> Actor:
        return Actor.make(self.countries.get(iso3, iso3), iso3, sector)


def _entry(kind: EntryKind, phrase: str, **fields: object) -> tuple[list[str], Entry]:
    tokens = split_phrase(phrase)
    letters = phrase.replace(".", "").replace("-", "")
    exact = None
    # Short all-capital abbreviations are matched case-sensitively (US/us, WHO/who, AU/Au).
    if letters.isalnum() and letters.isupper() and len(letters) <= 5:
        exact = tuple(tokens)
    return tokens, Entry(kind, exact=exact, **fields)  # type: ignore[arg-type]


def _plural(demonym: str) -> str | None:
    if demonym.endswith(("ese", "sh", "ch", "s", "z")) or "." in demonym:
        return None
    if demonym.endswith("man"):
        return demonym[:-3] + "men"
    return demonym + "s"


def _rows(name: str) -> list[list[str]]:
    text = resources.files("dyadwatch.resolve").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and line[0] != "#"]


def _pycountry_names(iso3: str) -> list[str]:
    record = pycountry.countries.get(alpha_3=iso3)
    if record is None:
        return []
    names = []
    for attr in ("name", "official_name", "common_name"):
        value = getattr(record, attr, None)
        if not value or "(" in value:
            continue
        if ", " in value:
            head, _, tail = value.partition(", ")
            if not tail.endswith((" of", " of the")):
                continue
            value = f"{tail} {head}"
        if value.lower().startswith("the "):
            value = value[4:]
        names.append(value)
    return names


# Territories whose names are mostly ordinary words or US places in English news.
_SKIP_PYCOUNTRY = {"JEY", "GGY", "UMI", "ATF", "HMD", "BVT", "SGS", "IOT"}


@cache
def default_tables() -> ActorTables:
    """The shipped tables, loaded once per process."""
    items: list[tuple[Sequence[str], Entry]] = []
    countries: dict[str, str] = {}
    for iso3, names, demonyms, capitals in _rows("countries.tsv"):
        name_list = [n for n in names.split("|") if n]
        countries[iso3] = name_list[0]
        for name in name_list:
            items.append(_entry("country", name, iso3=iso3))
        for demonym in filter(None, demonyms.split("|")):
            items.append(_entry("demonym", demonym, iso3=iso3, via="demonym"))
            plural = _plural(demonym)
            if plural:
                items.append(_entry("demonym", plural, iso3=iso3, via="demonym"))
        for capital in filter(None, capitals.split("|")):
            actor = Actor.make(name_list[0], iso3, "GOV")
            items.append(_entry("capital", capital, iso3=iso3, actor=actor, via="capital"))
    for record in pycountry.countries:
        iso3 = record.alpha_3
        if iso3 in _SKIP_PYCOUNTRY:
            continue
        countries.setdefault(iso3, getattr(record, "common_name", None) or record.name)
        for name in _pycountry_names(iso3):
            items.append(_entry("country", name, iso3=iso3))
    for phrases, name, iso3, sector, code, via, start, end in _rows("actors.tsv"):
        for phrase in phrases.split("|"):
            if via == "block":
                items.append(_entry("block", phrase))
                continue
            actor = Actor.make(name, iso3 or None, sector or None, code or None)
            items.append(
                _entry(
                    "actor",
                    phrase,
                    iso3=iso3 or None,
                    actor=actor,
                    via=via,
                    start=start or None,
                    end=end or None,
                )
            )
    terms: list[Term] = []
    aliases: dict[str, set[str]] = defaultdict(set)
    for name, alias_field, iso3, role, start, end in _rows("leaders.tsv"):
        if role not in ROLES:
            raise ValueError(f"leaders.tsv: unknown role {role!r} for {name}")
        terms.append(Term(name, iso3, role, start, end or None))
        aliases[name].update(a for a in alias_field.split("|") if a)
    people: dict[str, Person] = {}
    for name in aliases:
        people[name] = Person(name, tuple(t for t in terms if t.name == name))
        for alias in {name, *aliases[name], *_variants(name)}:
            items.append(_entry("person", alias, person=name, via="leader"))
    return ActorTables(PhraseIndex(items), countries, people, tuple(terms))


def _variants(name: str) -> list[str]:
    """Spellings news uses for the same name: hyphen or space between Korean syllables."""
    if "-" not in name:
        return []
    return [name.replace("-", " ")]
