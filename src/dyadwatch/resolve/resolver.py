"""Find the spans of a parsed sentence that refer to state actors and resolve them.

The resolver works in two passes per sentence over our own token records:

1. table hits: the longest table phrase at each token (country, demonym, capital, named
   actor, office holder), each grown into its noun phrase: "Russia's foreign ministry",
   "North Korean troops", "Chinese Foreign Minister Wang Yi", "the Tass news agency";
2. references back: surnames and role descriptions of people met earlier in the article,
   "he"/"she" as a subject, and "the North"/"the South" in articles about the Koreas.

NER labels are used only as hints (a capital inside a longer PERSON name is not a capital;
an unknown name after a title is a person). spaCy is never imported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from dyadwatch.model import Actor, AnnotatedArticle, Article, Mention, Sentence, Token
from dyadwatch.resolve.lexicon import Head, HeadIndex, default_heads, leader_roles
from dyadwatch.resolve.tables import (
    ActorTables,
    Entry,
    Person,
    default_tables,
    fold,
    split_phrase,
)

__all__ = ["ActorResolver"]

# Name particles that may sit inside a person's name without a capital letter.
_PARTICLES = frozenset(
    [
        "al",
        "el",
        "bin",
        "ibn",
        "de",
        "da",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "der",
        "dos",
        "das",
        "e",
        "y",
        "zu",
    ]
)
# Tokens whose entity label says they are not part of a person's name.
_NOT_NAME = frozenset(
    ["DATE", "TIME", "CARDINAL", "ORDINAL", "GPE", "NORP", "LOC", "FAC", "MONEY", "PERCENT"]
)
# Prepositions that make a capital a place ("talks in Moscow"), not a government.
_LOCATIVE = frozenset(["in", "at", "near", "outside", "around", "across", "inside", "within"])
# Mentions that name an actor only through what surrounds them: a capital as a place,
# a demonym before a thing. A bare phrase of either names no actor.
_NOT_NAMED = frozenset(["place", "modifier"])
# Features named after a country ("Sea of Japan", "Gulf of Mexico", "Bay of Bengal").
_NAMED_WATERS = frozenset(["sea", "gulf", "bay", "strait", "straits", "ocean", "lake"])
# Pronouns that may stand for a state or one of its bodies ("Ukraine's armed forces said
# they had shot down ..."); "he" and "she" go to people instead.
_STATE_PRONOUNS = frozenset(["it", "its", "they", "their"])
# How people (not states or bodies) are resolved; a state pronoun never points at one.
_PERSON_VIAS = frozenset(["leader", "descriptor", "coreference", "pronoun"])
# Parts of speech that end a noun phrase.
_NOT_NOMINAL = frozenset(
    ["VERB", "AUX", "ADP", "PRON", "DET", "CCONJ", "SCONJ", "PART", "PUNCT", "SYM", "INTJ"]
)
_MODIFIER_DEPS = frozenset(["amod", "compound", "nmod", "npadvmod"])
_SUBJECT = frozenset(("nsubj", "nsubjpass"))
# A title, a group noun and a name together rarely run longer than this many tokens after
# the country word ("Foreign Ministry spokesperson Maria Zakharova" is 5).
_TAIL_LIMIT = 7


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    entries: tuple[Entry, ...]

    @property
    def kind(self) -> str:
        return self.entries[0].kind


@dataclass(frozen=True, slots=True)
class _Tail:
    """What follows a country word: a head noun or title, maybe a name or a named actor."""

    end: int
    head: Head | None = None
    name: tuple[int, int] | None = None
    named: _Hit | None = None  # a table hit (person or named actor) the phrase ends with


@dataclass(frozen=True, slots=True)
class _Known:
    """A person mentioned earlier in the article, for surnames, roles and pronouns."""

    where: tuple[int, int]  # (sentence index, token index)
    actor: Actor
    words: tuple[tuple[str, ...], ...]
    roles: frozenset[str]


@dataclass
class _ArticleState:
    date: str | None
    korea: bool
    people: list[_Known] = field(default_factory=list)

    def before(self, where: tuple[int, int]) -> list[_Known]:
        """People mentioned before ``where``, most recent first."""
        return sorted((p for p in self.people if p.where < where), key=lambda p: p.where)[::-1]


class _Sentence:
    """One sentence being resolved: tokens, folded keys, hits and claimed tokens."""

    def __init__(self, sentence: Sentence) -> None:
        self.s = sentence
        self.tokens: tuple[Token, ...] = sentence.tokens
        self.keys = [fold(t.text) for t in sentence.tokens]
        self.texts = [t.text for t in sentence.tokens]
        self.n = len(sentence.tokens)
        self.claimed = [False] * self.n
        self.hits: dict[int, _Hit] = {}
        self.mentions: list[Mention] = []

    def person_entity(self, i: int) -> tuple[int, int] | None:
        for ent in self.s.entities:
            if ent.label == "PERSON" and ent.token_start <= i < ent.token_end:
                return ent.token_start, ent.token_end
        return None

    def is_cap_propn(self, i: int) -> bool:
        t = self.tokens[i]
        return t.pos == "PROPN" and t.text[:1].isupper()

    def free(self, a: int, b: int) -> bool:
        return a >= 0 and b <= self.n and not any(self.claimed[a:b])

    def add(self, a: int, b: int, actor: Actor, via: str) -> Mention:
        first, last = self.tokens[a], self.tokens[b - 1]
        mention = Mention(
            text=self.s.span_text(a, b),
            start=first.start,
            end=last.end,
            token_start=a,
            token_end=b,
            head=self.head_of(a, b),
            actor=actor,
            via=via,
        )
        for k in range(a, b):
            self.claimed[k] = True
        self.mentions.append(mention)
        return mention

    def head_of(self, a: int, b: int) -> int:
        """The token of [a, b) whose head lies outside it; a nominal one if there are several."""
        outside = [t for t in self.tokens[a:b] if not a <= t.head < b or t.head == t.i]
        if not outside:
            return b - 1
        nominal = [t for t in outside if t.pos in ("NOUN", "PROPN", "PRON")]
        return (nominal or outside)[-1].i


class ActorResolver:
    """Resolves actor mentions in annotated articles against the actor tables."""

    def __init__(self, tables: ActorTables | None = None) -> None:
        self.tables = tables if tables is not None else default_tables()
        self.heads: HeadIndex = default_heads()

    # -- public API ------------------------------------------------------------------

    def resolve(self, article: AnnotatedArticle) -> list[list[Mention]]:
        """One list of mentions per sentence, sorted by token, never overlapping."""
        date = _day(article.article.published)
        sentences = [_Sentence(s) for s in article.sentences]
        for sent in sentences:
            self._find_hits(sent, date)
        korea = any(
            e.iso3 in ("PRK", "KOR")
            for sent in sentences
            for h in sent.hits.values()
            for e in h.entries
        )
        state = _ArticleState(date, korea)
        for sent in sentences:
            self._resolve_hits(sent, state)
            self._resolve_references(sent, state)
        return [
            sorted(
                _shared_sectors(
                    sent.s, _crowds_in_places(sent.s, sent.mentions, self.tables), self.tables
                ),
                key=lambda m: m.token_start,
            )
            for sent in sentences
        ]

    def resolve_phrase(self, text: str, as_of: str | None = None) -> Actor | None:
        """The actor a bare phrase names ("the Tass news agency" -> Tass, RUS, MED)."""
        sentence = _phrase_sentence(text)
        if not sentence.tokens:
            return None
        article = AnnotatedArticle(
            Article(doc_id="phrase", origin="phrase", text=text, published=as_of), (sentence,)
        )
        mentions = [m for m in self.resolve(article)[0] if m.via not in _NOT_NAMED]
        if not mentions:
            return None
        best = max(mentions, key=lambda m: (m.token_end - m.token_start, -m.token_start))
        return best.actor

    # -- pass 1: table hits ----------------------------------------------------------

    def _find_hits(self, sent: _Sentence, date: str | None) -> None:
        i = 0
        while i < sent.n:
            found = self.tables.phrases.match(sent.keys, sent.texts, i)
            if found is None:
                i += 1
                continue
            length, entries = found
            if any(e.kind == "block" for e in entries):
                i += length
                continue
            entries = tuple(e for e in entries if e.kind == "person" or e.applies(date))
            if entries and not self._inside_other_name(sent, i, i + length, entries):
                sent.hits[i] = _Hit(i, i + length, entries)
            i += length

    def _inside_other_name(
        self, sent: _Sentence, a: int, b: int, entries: tuple[Entry, ...]
    ) -> bool:
        """Whether a hit is part of a longer personal name ("George Washington", "Bill Gates")."""
        span = sent.person_entity(a)
        if span is None or (span[0] >= a and span[1] <= b):
            return False
        if span[0] >= a and all(sent.keys[k] in ("'s", "'") for k in range(b, span[1])):
            return False  # "Sri Lanka's" tagged as a person: only the possessive is extra
        if entries[0].kind != "person":
            return True
        if span[1] > b:
            return True
        # A table person may be preceded by a first name or initial the table lacks.
        known = {fold(w) for e in entries for w in (e.person or "").replace("-", " ").split()}
        return not all(
            sent.keys[k] in known or len(sent.keys[k]) <= 2 or sent.keys[k].endswith(".")
            for k in range(span[0], a)
        )

    def _resolve_hits(self, sent: _Sentence, state: _ArticleState) -> None:
        for start in sorted(sent.hits):
            hit = sent.hits[start]
            if not sent.free(hit.start, hit.end):
                continue
            kind = hit.kind
            if kind == "person":
                self._person_hit(sent, hit, state)
            elif kind in ("country", "demonym"):
                self._country_hit(sent, hit, state)
            elif kind == "capital":
                self._capital_hit(sent, hit)
            else:
                self._actor_hit(sent, hit)

    def _person_hit(self, sent: _Sentence, hit: _Hit, state: _ArticleState) -> None:
        person = self._pick_person(sent, hit, state)
        if person is None:
            return
        start = hit.start
        actor = person.actor_at(state.date)
        before = self.heads.ending_at(sent.keys, hit.start - 1) if hit.start else None
        if before is not None and before[1].title and sent.free(before[0], hit.start):
            start = before[0]
            actor = _titled(actor, before[1])
        self._remember(sent, state, start, actor, person)
        sent.add(start, hit.end, actor, "leader")

    def _pick_person(self, sent: _Sentence, hit: _Hit, state: _ArticleState) -> Person | None:
        word = tuple(sent.keys[hit.start : hit.end])
        if any(word in known.words for known in state.before((sent.s.index, hit.start))):
            # A bare "Kim" after "Kim Yong-hyun" is him: leave it to the coreference pass.
            return None
        people = [self.tables.people[e.person] for e in hit.entries if e.person]
        if len(word) == 1 and state.date is not None:
            # A bare surname names someone who holds or has held office, never a future
            # leader ("Kim" in 2005 is not Kim Jong-un).
            date = state.date
            people = [p for p in people if any(t.start <= date for t in p.terms)]
        if len(people) == 1:
            return people[0]
        names = {p.name for p in people}
        for known in state.before((sent.s.index, hit.start)):
            if known.actor.name in names:
                return self.tables.people[known.actor.name]
        in_office = [p for p in people if p.terms_at(state.date)]
        return in_office[0] if len(in_office) == 1 else None

    def _country_hit(self, sent: _Sentence, hit: _Hit, state: _ArticleState) -> None:
        entry = hit.entries[0]
        iso3 = entry.iso3 or ""
        demonym = entry.kind == "demonym"
        if (
            hit.start >= 2
            and sent.keys[hit.start - 1] == "of"
            and sent.keys[hit.start - 2] in _NAMED_WATERS
        ):
            return  # "the Sea of Japan", "the Gulf of Oman": a place's name, not the state
        # "the Ministry of Defence of Ukraine", "the President of France"
        left = self._head_of_country(sent, hit)
        if left is not None:
            first, head = left
            tail = self._name_after(sent, hit.end) if head.title else None
            end = tail.end if tail is not None else hit.end
            self._headed(sent, state, first, end, iso3, head, tail, "institution")
            return
        j = hit.end
        possessive = j < sent.n and sent.keys[j] in ("'s", "'")
        if possessive and not demonym:
            j += 1
        tail = self._tail(sent, j, iso3)
        last = sent.tokens[hit.end - 1]
        # "Saudi and Iranian officials": the second demonym is a conjunct of the first.
        attached = possessive or not last.head < hit.start or (demonym and last.dep == "conj")
        if tail is not None and attached:
            via = "demonym" if demonym else "institution"
            self._headed(sent, state, hit.start, tail.end, iso3, tail.head, tail, via)
            return
        if not demonym:
            sent.add(hit.start, hit.end, self.tables.country_actor(iso3), "country")
        elif self._bare_demonym(sent, hit):
            sent.add(hit.start, hit.end, self.tables.country_actor(iso3), "demonym")
        else:
            # "Russian targets", "the Russian invasion": the country behind a thing or an
            # act. The classifier reaches it only through the noun it modifies.
            sent.add(hit.start, hit.end, self.tables.country_actor(iso3), "modifier")

    def _bare_demonym(self, sent: _Sentence, hit: _Hit) -> bool:
        """ "the Russians", "the Chinese said": a demonym used as a noun, not a modifier."""
        last = sent.tokens[hit.end - 1]
        if hit.start == 0 and hit.end == sent.n:
            return True  # the whole phrase: resolve_phrase("Palestinian")
        if last.text.endswith("s") and last.pos in ("NOUN", "PROPN"):
            return True
        if last.pos == "ADJ" or last.dep in _MODIFIER_DEPS:
            return False
        return hit.start > 0 and sent.keys[hit.start - 1] == "the"

    def _head_of_country(self, sent: _Sentence, hit: _Hit) -> tuple[int, Head] | None:
        if hit.entries[0].kind != "country":
            return None
        of = hit.start - 1
        if of > 0 and sent.keys[of] == "the":
            of -= 1
        if of < 1 or sent.keys[of] != "of":
            return None
        found = self.heads.ending_at(sent.keys, of - 1)
        if found is None or not sent.free(found[0], of):
            return None
        return found

    def _tail(self, sent: _Sentence, j: int, iso3: str) -> _Tail | None:
        """The rest of the noun phrase after a country word, if it names an actor."""
        k = j
        found: tuple[int, int, Head] | None = None
        while k < sent.n and k - j < _TAIL_LIMIT:
            other = sent.hits.get(k)
            if other is not None:
                return self._tail_into_hit(found, other, iso3)
            token = sent.tokens[k]
            match = self.heads.match(sent.keys, k)
            if match is not None:
                length, head = match
                last = sent.tokens[k + length - 1]
                if last.pos in _NOT_NOMINAL:
                    break
                found = (k, k + length, head)
                k += length
                if head.title:
                    name = self._name_after(sent, k)
                    if name is None:
                        return _Tail(k, head)
                    return _Tail(name.end, head, name=name.name, named=name.named)
                continue
            after_hyphen = k > j and sent.texts[k - 1] == "-"
            if token.pos in _NOT_NOMINAL and token.text != "-" and not after_hyphen:
                break
            # The phrase goes on past the head noun: "Russian army base" is not the army.
            if token.pos in ("NOUN", "PROPN") and not after_hyphen:
                found = None
            k += 1
        if found is None:
            return None
        return _Tail(found[1], found[2])

    def _tail_into_hit(
        self, found: tuple[int, int, Head] | None, other: _Hit, iso3: str
    ) -> _Tail | None:
        """A country phrase that runs into a named actor or person: one mention for both."""
        entry = other.entries[0]
        if entry.kind == "person":
            if found is not None and found[2].title:
                return _Tail(other.end, found[2], named=other)
            return _Tail(found[1], found[2]) if found is not None else None
        sector = entry.actor.sector if entry.actor is not None else "-"
        same_country = entry.kind == "actor" and entry.iso3 == iso3
        if same_country and (found is None or found[2].sector == sector):
            return _Tail(other.end, found[2] if found else None, named=other)
        return _Tail(found[1], found[2]) if found is not None else None

    def _name_after(self, sent: _Sentence, k: int) -> _Tail | None:
        """A person's name right after a title, or after a comma ("minister, Sergei Lavrov")."""
        start = k
        if k < sent.n and sent.texts[k] == "," and k + 1 < sent.n:
            k += 1
        other = sent.hits.get(k)
        if other is not None:
            if other.kind == "person":
                return _Tail(other.end, None, named=other)
            return None
        m = k
        while m < sent.n and m - k < 5 and m not in sent.hits:
            token = sent.tokens[m]
            if token.ent_type in _NOT_NAME:
                break
            if sent.is_cap_propn(m) or sent.keys[m] in _PARTICLES or (token.text == "-" and m > k):
                m += 1
                continue
            break
        while m > k and (sent.texts[m - 1] == "-" or sent.keys[m - 1] in _PARTICLES):
            m -= 1
        if m == k:
            return None
        if start != k and not all(sent.tokens[x].ent_type == "PERSON" for x in range(k, m)):
            return None  # after a comma, only a tagged PERSON is taken as the name
        return _Tail(m, None, name=(k, m))

    def _headed(
        self,
        sent: _Sentence,
        state: _ArticleState,
        a: int,
        b: int,
        iso3: str,
        head: Head | None,
        tail: _Tail | None,
        via: str,
    ) -> None:
        """A noun phrase of country word + head noun/title (+ name or named actor)."""
        named = tail.named if tail is not None else None
        if named is not None and named.kind == "person":
            person = self._pick_person(sent, named, state)
            if person is not None:
                actor = _titled(person.actor_at(state.date), head)
                self._remember(sent, state, a, actor, person)
                sent.add(a, b, actor, "descriptor")
                return
        if named is not None and named.entries[0].actor is not None:
            entry = named.entries[0]
            sent.add(a, b, entry.actor, entry.via)  # type: ignore[arg-type]
            return
        if head is None:
            return
        if tail is not None and tail.name is not None:
            name = sent.s.span_text(*tail.name)
            actor = Actor.make(name, iso3, head.sector)
            role = frozenset(leader_roles(head.role, iso3)) if head.role else frozenset()
            state.people.append(_Known((sent.s.index, a), actor, _name_words(name), role))
            sent.add(a, b, actor, "descriptor")
            return
        if head.title and head.role is not None:
            actor, how = self._role_holder(sent, state, a, iso3, head.role)
            sent.add(a, b, actor, how)
            return
        sector = head.sector
        sent.add(a, b, self.tables.country_actor(iso3, sector), via)

    def _role_holder(
        self, sent: _Sentence, state: _ArticleState, a: int, iso3: str, role: str
    ) -> tuple[Actor, str]:
        """ "the Russian president": the holder at the article's date, or one named earlier."""
        roles = leader_roles(role, iso3)
        for office in roles:
            person = self.tables.holder(iso3, office, state.date)
            if person is not None:
                actor = person.actor_at(state.date)
                earlier = any(k.actor == actor for k in state.before((sent.s.index, a)))
                self._remember(sent, state, a, actor, person)
                return actor, "coreference" if earlier else "descriptor"
        for known in state.before((sent.s.index, a)):
            if known.actor.country == iso3 and known.roles & set(roles):
                return known.actor, "coreference"
        return self.tables.country_actor(iso3, "GOV"), "descriptor"

    def _capital_hit(self, sent: _Sentence, hit: _Hit) -> None:
        token = sent.tokens[hit.end - 1]
        governor = sent.tokens[token.head]
        entry = hit.entries[0]
        if entry.actor is None:
            return
        if token.dep == "pobj" and governor.lower in _LOCATIVE:
            # "talks in Moscow": a place, not the government. Kept as a place so that
            # the classifier can take it as the destination of a visit or an attack.
            sent.add(hit.start, hit.end, entry.actor, "place")
            return
        sent.add(hit.start, hit.end, entry.actor, "capital")

    def _actor_hit(self, sent: _Sentence, hit: _Hit) -> None:
        entry = hit.entries[0]
        actor = entry.actor
        if actor is None:
            return
        if entry.via == "capital":
            self._capital_hit(sent, hit)
            return
        start, end = hit.start, hit.end
        before = self.heads.ending_at(sent.keys, start - 1) if start else None
        if before is not None and before[1].sector == actor.sector and sent.free(before[0], start):
            start = before[0]
        after = self.heads.match(sent.keys, end) if end < sent.n else None
        if after is not None and after[1].sector == actor.sector and not after[1].title:
            end += after[0]
        sent.add(start, end, actor, entry.via)

    # -- pass 2: references back -------------------------------------------------------

    def _resolve_references(self, sent: _Sentence, state: _ArticleState) -> None:
        i = 0
        while i < sent.n:
            if sent.claimed[i]:
                i += 1
                continue
            step = (
                self._surname(sent, state, i)
                or self._pronoun(sent, state, i)
                or self._north_south(sent, state, i)
            )
            i += step or 1

    def _surname(self, sent: _Sentence, state: _ArticleState, i: int) -> int:
        if not sent.is_cap_propn(i):
            return 0
        start = i
        title = self.heads.ending_at(sent.keys, i - 1) if i else None
        if title is not None and title[1].title and sent.free(title[0], i):
            start = title[0]  # "President Xi", "Chairman Kim"
        elif i > 0 and sent.is_cap_propn(i - 1):
            return 0  # the end of some other name
        for known in state.before((sent.s.index, i)):
            for word in known.words:
                end = i + len(word)
                if tuple(sent.keys[i:end]) != word or not sent.free(i, end):
                    continue
                if end < sent.n and sent.is_cap_propn(end):
                    continue  # "Kim Yo-jong" is not "Kim" Jong-un
                self._remember_actor(sent, state, start, known)
                sent.add(start, end, known.actor, "coreference")
                return end - i
        return 0

    def _pronoun(self, sent: _Sentence, state: _ArticleState, i: int) -> int:
        token = sent.tokens[i]
        if token.lower in _STATE_PRONOUNS and (token.dep in _SUBJECT or token.dep == "poss"):
            return self._state_pronoun(sent, state, i)
        personal = token.lower in ("he", "she") and token.dep in _SUBJECT
        # "his support for Moscow": a possessive names the person as the one who acts.
        possessive = (
            token.lower in ("his", "her")
            and token.dep == "poss"
            # "his Russian counterpart Sergei Lavrov" names Lavrov, not the speaker.
            and not sent.claimed[token.head]
        )
        if not (personal or possessive):
            return 0
        index = sent.s.index
        for known in state.before((index, i)):
            if known.where[0] >= index - 1:
                sent.add(i, i + 1, known.actor, "pronoun")
                self._remember_actor(sent, state, i, known)
                return 1
            break
        return 0

    def _state_pronoun(self, sent: _Sentence, state: _ArticleState, i: int) -> int:
        """ "Tehran warned that it would respond": "it" is the last state named before it,
        in the same sentence; a person named last makes it unclear."""
        # Only an antecedent in the same sentence: across sentences "it" is as often
        # an expletive ("It rained") or a thing as a state.
        candidates = [
            m for m in sent.mentions if m.token_end <= i and m.via not in ("place", "modifier")
        ]
        if not candidates:
            return 0
        last = max(candidates, key=lambda m: (m.start, m.end))
        if last.actor.sector not in (None, "GOV", "MIL", "REB") or last.via in _PERSON_VIAS:
            return 0
        sent.add(i, i + 1, last.actor, "pronoun")
        return 1

    def _north_south(self, sent: _Sentence, state: _ArticleState, i: int) -> int:
        if not state.korea or sent.texts[i] not in ("North", "South"):
            return 0
        if i == 0 or sent.keys[i - 1] != "the":
            return 0
        if i + 1 < sent.n and sent.texts[i + 1][:1].isupper():
            return 0  # "the North Atlantic", "the South China Sea"
        iso3 = "PRK" if sent.texts[i] == "North" else "KOR"
        sent.add(i, i + 1, self.tables.country_actor(iso3, "GOV"), "country")
        return 1

    # -- people seen -----------------------------------------------------------------

    def _remember(
        self, sent: _Sentence, state: _ArticleState, i: int, actor: Actor, person: Person
    ) -> None:
        words = _name_words(person.name)
        roles = frozenset(t.role for t in person.terms_at(state.date))
        state.people.append(_Known((sent.s.index, i), actor, words, roles))

    def _remember_actor(self, sent: _Sentence, state: _ArticleState, i: int, known: _Known) -> None:
        state.people.append(_Known((sent.s.index, i), known.actor, known.words, known.roles))


# People who act as a crowd; "protesters in Tehran" are Iranian civilians (CVL).
_CROWDS = frozenset(
    ["protester", "demonstrator", "activist", "student", "crowd", "rioter", "mob", "resident"]
)
_CROWD_PLACES = frozenset(["in", "from"])


def _shared_sectors(
    sentence: Sentence, mentions: list[Mention], tables: ActorTables
) -> list[Mention]:
    """ "Saudi and Iranian officials": the first demonym shares the noun of the second."""
    by_token = {i: m for m in mentions for i in range(m.token_start, m.token_end)}
    result: list[Mention] = []
    for mention in mentions:
        partner = None
        if mention.via == "modifier" and mention.actor.country is not None:
            for child in sentence.children(mention.head):
                other = by_token.get(child.i)
                if child.dep == "conj" and other is not None and other.actor.sector:
                    partner = other
                    break
        if partner is None or mention.actor.country is None:
            result.append(mention)
            continue
        actor = tables.country_actor(mention.actor.country, partner.actor.sector)
        result.append(replace(mention, actor=actor, via="demonym"))
    return result


def _crowds_in_places(
    sentence: Sentence, mentions: list[Mention], tables: ActorTables
) -> list[Mention]:
    """Replace "Protesters in Tehran" (a place mention) by one civilian mention over both."""
    by_head = {m.head: m for m in mentions if m.via in ("place", "capital", "country")}
    result = list(mentions)
    for token in sentence.tokens:
        if token.lemma not in _CROWDS or token.pos != "NOUN":
            continue
        for child in sentence.children(token.i):
            if child.dep != "prep" or child.lower not in _CROWD_PLACES:
                continue
            place = next((by_head[c.i] for c in sentence.children(child.i) if c.i in by_head), None)
            if place is None or place.actor.country is None or place.token_start < token.i:
                continue
            start = token.i
            while (
                start > 0
                and sentence.tokens[start - 1].head == token.i
                and sentence.tokens[start - 1].dep in ("amod", "nummod", "compound", "det")
            ):
                start -= 1
            if any(
                m is not place and m.token_start < place.token_end and start < m.token_end
                for m in result
            ):
                continue
            first = sentence.tokens[start]
            result.remove(place)
            result.append(
                Mention(
                    text=sentence.span_text(start, place.token_end),
                    start=first.start,
                    end=place.end,
                    token_start=start,
                    token_end=place.token_end,
                    head=token.i,
                    actor=tables.country_actor(place.actor.country, "CVL"),
                    via="group",
                )
            )
            break
    return result


def _titled(actor: Actor, head: Head | None) -> Actor:
    """A table person named with a title ("Foreign Minister Wang Yi") holds that office now,
    whatever the table says about the date: the text is the better witness."""
    if head is None or not head.title or actor.sector not in ("ELI", None):
        return actor
    return Actor.make(actor.name, actor.country, head.sector)


def _name_words(name: str) -> tuple[tuple[str, ...], ...]:
    """The first and last words of a name, as folded token tuples, for later surnames."""
    words = [w for w in name.split() if fold(w) not in _PARTICLES and len(w) > 1]
    picked = {words[0], words[-1]} if len(words) > 1 else set()
    return tuple(tuple(fold(t) for t in split_phrase(w)) for w in sorted(picked))


def _day(published: str | None) -> str | None:
    if not published or len(published) < 10:
        return None
    return published[:10]


# -- bare phrases -------------------------------------------------------------------------

_WORD = re.compile(r"\S+")
_HYPHEN = re.compile(r"(?<=[^\W_])-(?=[^\W\d_])")
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "this",
        "that",
        "these",
        "those",
    ]
)
_KEEP_PERIOD = frozenset(
    [
        "gen.",
        "sen.",
        "col.",
        "lt.",
        "maj.",
        "adm.",
        "st.",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "u.s.",
        "u.k.",
        "u.n.",
    ]
)


def _phrase_sentence(text: str) -> Sentence:
    """A one-sentence stand-in for a bare phrase: every token modifies the last one."""
    pieces: list[tuple[str, int]] = []
    for match in _WORD.finditer(text):
        pieces.extend(_split_word(match.group(), match.start()))
    last = len(pieces) - 1
    tokens: list[Token] = []
    for i, (word, start) in enumerate(pieces):
        if word in ("'s", "’s"):
            pos, dep = "PART", "case"
        elif not word[0].isalnum():
            pos, dep = "PUNCT", "punct"
        elif word.lower() in _DETERMINERS:
            pos, dep = "DET", "det"
        else:
            pos, dep = ("PROPN" if word[0].isupper() else "NOUN"), "compound"
        head = last
        if i == last:
            dep = "ROOT"
        tokens.append(Token(i, word, word.lower(), pos, pos, dep, head, start))
    end = pieces[-1][1] + len(pieces[-1][0]) if pieces else 0
    return Sentence(0, 0, end, text[:end], tuple(tokens))


def _split_word(word: str, start: int) -> list[tuple[str, int]]:
    lead: list[tuple[str, int]] = []
    while word and not word[0].isalnum() and len(word) > 1:
        lead.append((word[0], start))
        word, start = word[1:], start + 1
    trail: list[tuple[str, int]] = []
    while (len(word) > 1 and word[-1] in ",;:)\"'!?") or (
        len(word) > 2
        and word[-1] == "."
        and word.lower() not in _KEEP_PERIOD
        and "." not in word[:-1]
        and not (len(word) == 2 and word[0].isupper())
    ):
        trail.insert(0, (word[-1], start + len(word) - 1))
        word = word[:-1]
    possessive: list[tuple[str, int]] = []
    if len(word) > 2 and word[-2:].lower() in ("'s", "’s"):
        possessive = [(word[-2:], start + len(word) - 2)]
        word = word[:-2]
    middle: list[tuple[str, int]] = []
    offset = start
    for n, piece in enumerate(_HYPHEN.split(word)):
        if n:
            middle.append(("-", offset))
            offset += 1
        middle.append((piece, offset))
        offset += len(piece)
    return [*lead, *middle, *possessive, *trail]
