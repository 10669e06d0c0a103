"""Where an event happened: a pure stage after classify.

For each event, in order:

1. a place attached to the trigger in the parse ("talks in Pyongyang", "strikes on
   Kharkiv", "visited Hanoi", "shelled Avdiivka");
2. else a place elsewhere in the sentence (a locative phrase first, then the nearest);
3. else the article's dateline ("SEOUL, June 19 —");
4. else no location (``None``).

Place mentions come from the tokens, not only from spaCy's GPE/LOC/FAC labels (the small
model tags Kyiv as PERSON). A country or capital the resolver took as an actor is a place
only when the text makes it one: the object of a locative preposition ("in Russia",
"strikes on Ukraine"), the destination of a visit, or the object of an attack.
Same-name places are chosen by a qualifier ("Paris, Texas"), then by the countries of the
event's actors and of the article, then by kind and population.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from dyadwatch.locate.gazetteer import Gazetteer, Place, fold
from dyadwatch.model import AnnotatedArticle, Event, Mention, Sentence, Token

__all__ = ["Location", "Locator"]

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Prepositions whose object is where something happens.
_LOCATIVE = {
    "in", "at", "on", "near", "inside", "outside", "across", "over", "into", "within", "off",
    "around", "throughout", "along", "onto", "toward", "towards", "upon", "beyond",
}  # fmt: skip
# "sanctions on Tehran" names a target; "strikes on Kharkiv" a place: "on" is locative
# for attacks only.
_ON = {"on", "onto", "upon"}
# Travel triggers: their direct object or "to" object is the place ("visited Hanoi").
_TRAVEL = {"visit", "travel", "fly", "arrive", "trip", "journey", "tour", "land", "head"}
# Attack triggers (CAMEO roots 18-20 and the strikes/shelling family): a place as their
# direct object is where it happened ("shelled Kharkiv", "struck Kyiv").
_ATTACK_ROOTS = ("18", "19", "20")
_ATTACK_LEMMAS = {
    "strike", "hit", "attack", "bomb", "shell", "raid", "seize", "capture", "invade",
    "storm", "target", "pound", "bombard", "occupy", "besiege", "shoot", "damage", "destroy",
}  # fmt: skip
# Modifier relations: "the Gaza truce", "Kharkiv's mayor" name a place without putting
# the event there.
_MODIFIER_DEPS = {"compound", "poss", "amod", "nmod", "npadvmod"}
# Nouns of a locative phrase that put the place on the event ("a village in Sagaing").
_PLACE_NOUNS = {
    "province", "region", "city", "town", "village", "port", "capital", "border", "coast",
    "area", "district", "oblast", "state", "territory", "outskirts", "north", "south", "east",
    "west", "centre", "center", "countryside", "governorate", "county", "island",
}  # fmt: skip
# Nouns whose locative phrase is the place of a standing situation, not of the event
# governing them ("praised the fight in Ukraine", "support for the operation in Gaza").
_ELSEWHERE_NOUNS = {
    "war", "fight", "fighting", "operation", "role", "policy", "interest", "presence",
    "situation", "crisis", "conflict", "invasion", "action", "aggression", "occupation",
    "campaign", "genocide",
}  # fmt: skip
# Words after a name that make it a region: "the Kharkiv region" -> Kharkiv Oblast.
_REGION_WORDS = {"region", "oblast", "province", "governorate", "state"}
_SKIP_FIRST = {"the"}
# How far up the parse a place may sit from the trigger and still be "attached" to it:
# pobj -> prep -> trigger is 2; pobj -> prep -> noun object -> trigger is 3 ("launched
# strikes on Kharkiv" when the trigger is "launched"). The gold sets score the same at
# 2, 3 and 4 (a locative phrase of the trigger's clause ranks next anyway); 3 is kept so
# that such noun-object phrases count as attached ahead of other places in the clause.
_ATTACH_DEPTH = 3

# A dateline at the start of a paragraph: "SEOUL, June 19, 2024 —", "KYIV (Reuters) -",
# "PARIS, Texas, May 2 –", "WASHINGTON —". The place is in capitals.
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})"
    r"(?:, (?P<qual>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?))?"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)?"
    r"(?: ?\([A-Za-z .]+\))?"
    r" ?[—–-]{1,2} ",
    re.MULTILINE,
)
# Datelines sit at the top of an article; a capitalised line further down is a heading.
_DATELINE_WINDOW = 600


@dataclass(frozen=True, slots=True)
class Location:
    """A located event: the evidence span and the gazetteer place it names."""

    text: str
    start: int | None
    end: int | None
    place: Place

    def to_dict(self) -> dict[str, Any]:
        p = self.place
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": p.name,
            "country": p.country,
            "admin1": p.admin1,
            "lat": p.lat,
            "lon": p.lon,
            "geonames_id": p.geonames_id,
            "precision": p.precision,
            # GeoNames' admin1 code ("UA.07"): GDELT's ADM1Code is built from it
            "admin1_code": p.admin1_code,
        }


@dataclass(frozen=True, slots=True)
class _Candidate:
    token_start: int  # sentence-relative, end exclusive
    token_end: int
    head: int  # the token of the span that hangs off the rest of the parse
    places: tuple[Place, ...]
    qualifier: tuple[Place, ...]  # "Texas" in "Paris, Texas"
    key: str  # the folded name as written


@dataclass
class Locator:
    """Adds ``location`` to every event (``None`` when the text gives no place)."""

    gazetteer: Gazetteer | None = None
    # Per-article memo (the article being located, its dateline, its sentences' place
    # names): events of one article share them. Reset when another article comes.
    _current: AnnotatedArticle | None = field(default=None, repr=False)
    _dateline_memo: tuple[Location | None] | None = field(default=None, repr=False)
    _match_memo: dict[int, list[_Candidate]] = field(default_factory=dict, repr=False)

    def _gaz(self) -> Gazetteer:
        # Built on first use so that a pipeline that never locates pays nothing.
        if self.gazetteer is None:
            self.gazetteer = Gazetteer()
        return self.gazetteer

    def country_of_place(self, name: str) -> str | None:
        """The ISO3 country of the best-known place called ``name``, or None."""
        places = self._gaz().lookup(fold(name))
        if not places:
            return None
        best = max(places, key=lambda p: (p.hand, p.population, p.names))
        return best.country

    def locate(
        self, item: AnnotatedArticle, mentions: list[list[Mention]], events: list[Event]
    ) -> list[Event]:
        """The events with ``extra["location"]`` set (a dict, or None)."""
        if not events:
            return events
        out: list[Event] = []
        for event in events:
            location = self.locate_trigger(
                item,
                mentions,
                event.sentence_index,
                event.trigger.start,
                event.trigger.end,
                actors=[m for m in (event.source, event.target) if m is not None],
                attack=event.cameo.startswith(_ATTACK_ROOTS),
            )
            extra = {**event.extra, "location": location.to_dict() if location else None}
            out.append(replace(event, extra=extra))
        return out

    def locate_trigger(
        self,
        item: AnnotatedArticle,
        mentions: list[list[Mention]],
        sentence_index: int,
        trigger_start: int,
        trigger_end: int,
        *,
        actors: Sequence[Mention] = (),
        attack: bool = False,
    ) -> Location | None:
        """The location of an event whose trigger spans ``trigger_start:trigger_end``."""
        self._switch_to(item)
        sent = item.sentences[sentence_index]
        triggers = [t.i for t in sent.tokens if trigger_start <= t.start < trigger_end]
        attack = attack or any(sent.tokens[t].lemma in _ATTACK_LEMMAS for t in triggers)
        dateline = self._dateline(item, _article_countries(mentions))
        actor_spans = [(m.token_start, m.token_end) for m in mentions[sentence_index]]
        found = self._candidates(sent, actor_spans, triggers, attack)
        if found:
            cand = found[0]
            first_start = sent.tokens[cand.token_start].start
            last_end = sent.tokens[cand.token_end - 1].end
            # The place's own mention ("Georgia" read as an actor) says nothing about it.
            actor_countries = [
                m.actor.country
                for m in actors
                if m.actor.country and (m.end <= first_start or m.start >= last_end)
            ]
            # Countries named elsewhere in the article, and the dateline's.
            context = {
                m.actor.country
                for ms in mentions
                for m in ms
                if m.actor.country and not (m.start < last_end and first_start < m.end)
            }
            if dateline is not None and dateline.place.country:
                context.add(dateline.place.country)
            place = _choose(cand, actor_countries, context)
            first, last = sent.tokens[cand.token_start], sent.tokens[cand.token_end - 1]
            return Location(item.article.text[first.start : last.end], first.start, last.end, place)
        return dateline

    # -- place mentions -------------------------------------------------------------

    def _candidates(
        self,
        sent: Sentence,
        actor_spans: list[tuple[int, int]],
        triggers: list[int],
        attack: bool,
    ) -> list[_Candidate]:
        """Place mentions of the sentence, best first for an event at ``triggers``."""
        tokens = sent.tokens
        scored: list[tuple[int, int, _Candidate]] = []
        for cand in self._matches(sent):
            is_actor = any(a < cand.token_end and cand.token_start < b for a, b in actor_spans)
            rank = _rank(tokens, cand, triggers, attack, is_actor)
            if rank is None:
                continue
            distance = min((abs(cand.head - t) for t in triggers), default=len(tokens))
            scored.append((rank, distance, cand))
        scored.sort(key=lambda x: (x[0], x[1]))
        return [c for _, _, c in scored]

    def _switch_to(self, item: AnnotatedArticle) -> None:
        if item is not self._current:
            self._current, self._dateline_memo = item, None
            self._match_memo = {}

    def _matches(self, sent: Sentence) -> list[_Candidate]:
        """Gazetteer names in the sentence, longest first at each token."""
        cached = self._match_memo.get(sent.index)
        if cached is not None:
            return cached
        gaz = self._gaz()
        found: list[_Candidate] = []
        i = 0
        while i < len(sent.tokens):
            match = self._match_at(sent, i, gaz)
            if match is None:
                i += 1
            else:
                found.append(match)
                i = match.token_end
        self._match_memo[sent.index] = found
        return found

    def _match_at(self, sent: Sentence, i: int, gaz: Gazetteer) -> _Candidate | None:
        tokens = sent.tokens
        start = i + 1 if tokens[i].lower in _SKIP_FIRST and i + 1 < len(tokens) else i
        first = tokens[start]
        if not first.text[:1].isupper() or fold(first.text) not in gaz.first_words:
            return None
        limit = min(len(tokens), start + gaz.max_words + 2)
        for end in range(limit, start, -1):
            last = tokens[end - 1]
            if not last.text[-1:].isalnum():
                continue  # "Ukraine." folds like "Ukraine"; the evidence stops at the name
            key = fold(sent.text[first.start - sent.start : last.end - sent.start])
            places = gaz.lookup(key)
            if not places or not self._plausible(sent, start, end):
                continue
            # "the Kharkiv region": prefer the region to the city.
            if end < len(tokens) and tokens[end].lower in _REGION_WORDS:
                region = gaz.lookup(f"{key} region")
                if region:
                    places, end, key = region, end + 1, f"{key} region"
            qualifier = _qualifier(sent, end, gaz)
            head = _span_head(tokens, start, end)
            return _Candidate(start, end, head, tuple(places), qualifier, key)
        return None

    @staticmethod
    def _plausible(sent: Sentence, start: int, end: int) -> bool:
        """Is tokens[start:end] a place name and not part of a person or organisation?"""
        tokens = sent.tokens[start:end]
        labels = {t.ent_type for t in tokens}
        if labels & _PLACE_LABELS:
            return True
        for entity in sent.entities:
            inside = entity.token_start < end and start < entity.token_end
            if inside and (entity.token_start < start or entity.token_end > end):
                return False  # "Jordan" in "Michael Jordan", "Kyiv" in "the Kyiv Independent"
        # A name of several words ("Red Sea", "Gaza Strip") is a place even when the tagger
        # calls a word of it an adjective; a single word must be a proper noun ("Police"
        # opening a sentence is not the Polish town).
        words = [t for t in tokens if t.text.isalpha()]
        return len(words) > 1 or all(t.pos == "PROPN" for t in words)

    # -- dateline ------------------------------------------------------------------

    def _dateline(self, item: AnnotatedArticle, context: set[str]) -> Location | None:
        if self._dateline_memo is None:
            self._dateline_memo = (self._find_dateline(item.article.text, context),)
        return self._dateline_memo[0]

    def _find_dateline(self, text: str, context: set[str]) -> Location | None:
        gaz = self._gaz()
        for match in _DATELINE.finditer(text[:_DATELINE_WINDOW]):
            places = gaz.lookup(fold(match["place"]))
            if not places:
                continue
            qualifier = tuple(gaz.lookup(fold(match["qual"]))) if match["qual"] else ()
            cand = _Candidate(0, 0, 0, tuple(places), qualifier, fold(match["place"]))
            place = _choose(cand, (), context)
            return Location(match["place"], match.start("place"), match.end("place"), place)
        return None


# -- helpers -------------------------------------------------------------------------


def _article_countries(mentions: list[list[Mention]]) -> set[str]:
    return {m.actor.country for ms in mentions for m in ms if m.actor.country}


def _span_head(tokens: Sequence[Token], start: int, end: int) -> int:
    for t in tokens[start:end]:
        if not start <= t.head < end or t.head == t.i:
            return t.i
    return end - 1


def _ancestors(tokens: Sequence[Token], i: int) -> list[int]:
    chain: list[int] = []
    while tokens[i].head != i and len(chain) < len(tokens):
        i = tokens[i].head
        chain.append(i)
    return chain


def _clause(tokens: Sequence[Token], i: int) -> int:
    """The verb that heads the clause of token ``i`` (the root if there is none)."""
    for j in [i, *_ancestors(tokens, i)]:
        if tokens[j].pos in ("VERB", "AUX") or tokens[j].head == j:
            return j
    return i


def _rank(
    tokens: Sequence[Token], cand: _Candidate, triggers: list[int], attack: bool, is_actor: bool
) -> int | None:
    """How well a place mention fits the event at ``triggers`` (lower is better).

    0: attached to the trigger; 1: a locative phrase of the trigger's clause; 2: a
    locative phrase elsewhere in the sentence; 3: another place name in the sentence.
    None: not this event's place (an actor, a modifier, the place of something else).
    """
    node = cand.head
    while tokens[node].dep in ("conj", "appos") and tokens[node].head != node:
        node = tokens[node].head  # "in Kyiv and Kharkiv": Kharkiv shares the phrase
    if tokens[node].dep in _MODIFIER_DEPS:
        # "in Iran's Sistan province": the place modifies a place noun of a phrase.
        # "strikes on Ukraine's power grid": the place owns the object of a locative.
        holder = tokens[tokens[node].head]
        if holder.i == node or holder.lemma in _ELSEWHERE_NOUNS:
            return None
        if holder.lemma not in _PLACE_NOUNS and holder.dep != "pobj":
            return None
        node = holder.i
    travel = any(tokens[t].lemma in _TRAVEL for t in triggers)
    token = tokens[node]
    prep = tokens[token.head] if token.dep == "pobj" and token.head != node else None
    locative = prep is not None and (
        (prep.lower in _LOCATIVE and (attack or prep.lower not in _ON))
        or (prep.lower == "to" and travel)
    )
    if token.dep in ("dobj", "obj") and token.head in triggers:
        # "shelled Avdiivka", "visited Hanoi"; "condemned Kyiv" names a target instead.
        return 0 if attack or travel else None
    # A name that is neither attached nor locative: a country or capital acting, or the
    # object of another verb, is no place; another place name ("Kharkiv came under fire")
    # is a last resort.
    elsewhere = (
        None
        if is_actor or cand.places[0].precision == "country" or token.dep in ("dobj", "obj")
        else 3
    )
    trigger_clauses = {_clause(tokens, t) for t in triggers}
    chain = _ancestors(tokens, node)
    for step, anc in enumerate(chain[:_ATTACH_DEPTH]):
        if anc in triggers:
            return 0 if locative and step > 0 else elsewhere
        if step > 0 and tokens[anc].lemma in _ELSEWHERE_NOUNS:
            return None  # "praised the fight in Ukraine": where the fight is, not the praise
        if tokens[anc].pos in ("VERB", "AUX") or tokens[anc].head == anc:
            break
    if locative:
        return 1 if _clause(tokens, node) in trigger_clauses else 2
    return elsewhere


def _is_travel(tokens: Sequence[Token], triggers: list[int]) -> bool:
    return any(tokens[t].lemma in _TRAVEL for t in triggers)


def _qualifier(sent: Sentence, end: int, gaz: Gazetteer) -> tuple[Place, ...]:
    """The regions or countries named right after a place: "Paris, Texas", "Mitrovica in
    northern Kosovo"."""
    tokens = sent.tokens
    if end >= len(tokens) or tokens[end].lower not in (",", "in"):
        return ()
    begin = end + 1
    # "in northern Kosovo", "in the south of Lebanon" is beyond this; two modifiers at most.
    while begin < min(len(tokens), end + 3) and tokens[begin].pos in ("ADJ", "DET"):
        begin += 1
    if begin >= len(tokens) or not tokens[begin].text[:1].isupper():
        return ()
    first = tokens[begin]
    for stop in range(min(len(tokens), begin + 3), begin, -1):
        last = tokens[stop - 1]
        found = gaz.lookup(fold(sent.text[first.start - sent.start : last.end - sent.start]))
        admins = tuple(p for p in found if p.precision in ("admin1", "country"))
        if admins:
            return admins
    return ()


# Base preference by kind when nothing else decides: a country name usually means the
# country ("Georgia"), the hand table holds the places the news means, and among cities
# the bigger and better-known one wins (log-population: 0.6 for a city of 10 million, 0.4
# for 10,000; log-count of its names in other languages: 0.4 for 100 names, 0.2 for 10:
# Geneva in Switzerland over Geneva, Illinois).
# A qualifier ("Paris, Texas") decides; an event inside one country ("Libyan militias
# clashed in Tripoli") leans strongly to that country, and a country named in the article
# leans a little. Weights tuned by hand on the gold set's same-name and dateline lines.
_KIND_WEIGHT = {"country": 2.5, "admin1": 0.5, "city": 0.0}
_HAND_WEIGHT = 1.5
_QUALIFIER_WEIGHT = 4.0
_DOMESTIC_WEIGHT = 2.5
_CONTEXT_WEIGHT = 0.3
_NAMESAKE_SHARE = 0.2
_NAMESAKE_FAME = 0.5


def _choose(cand: _Candidate, actors: Sequence[str], context: Iterable[str]) -> Place:
    """Pick one of the places a name can mean."""
    context = set(context)
    actor_set = set(actors)
    domestic = len(actor_set) == 1
    qual_countries = {q.country for q in cand.qualifier}
    qual_admins = {q.admin1 for q in cand.qualifier if q.precision == "admin1"}

    cities = [p for p in cand.places if p.precision == "city"]
    biggest = max((p.population for p in cities), default=0)
    best_known = max((p.names for p in cities), default=0)

    def score(p: Place) -> float:
        # A town a fifth the size of its famous namesake, with half as many names in other
        # languages, needs a qualifier, not just a matching country: Geneva, Illinois;
        # Loanda, Brazil. (Islamabad is smaller than Chattogram, once also called so, but
        # as well known.)
        known = (
            p.precision != "city"
            or p.population >= _NAMESAKE_SHARE * biggest
            or p.names >= _NAMESAKE_FAME * best_known
        )
        s = _KIND_WEIGHT[p.precision] + (_HAND_WEIGHT if p.hand else 0.0)
        s += math.log10(max(p.population, 1)) / 10 - 0.1 if p.precision == "city" else 0.0
        s += math.log10(1 + p.names) / 5 if p.precision == "city" else 0.0
        if cand.qualifier and (
            (p.admin1 and p.admin1 in qual_admins) or (p.country in qual_countries)
        ):
            s += _QUALIFIER_WEIGHT
        if known and domestic and p.country in actor_set:
            s += _DOMESTIC_WEIGHT
        elif known and (p.country in actor_set or p.country in context):
            s += _CONTEXT_WEIGHT
        return s

    return max(cand.places, key=score)
