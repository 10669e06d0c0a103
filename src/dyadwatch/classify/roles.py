"""Argument roles: who is the source and who the target of a trigger, read off the parse.

The functions take a sentence, its actor mentions indexed by token, and a trigger
token, and return mentions. They never guess an actor that the resolve stage did not
find: a role with no resolved actor stays empty, and the classifier drops the event.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dyadwatch.model import Mention, Sentence, Token

__all__ = ["Roles", "actors_at", "find_roles", "paired"]

_SUBJECTS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
_OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
# Prepositions that introduce the side an action is aimed at, in order of preference.
# Not "over": it gives the cause ("sanctions over arms sales to Taiwan"), not the side.
_TARGET_PREPOSITIONS = (
    "with", "to", "against", "on", "for", "toward", "towards", "into", "at", "upon",
    "from", "of", "in", "around",
)  # fmt: skip
_LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "over", "near"})
_RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
# Heads through which a role reaches the actor it names: "the leader of North Korea",
# "troops from Russia", "a delegation led by Wang Yi".
# "npadvmod": "British-flagged", "US-drafted", "Chinese-owned".
_NOUN_LINKS = frozenset({"poss", "compound", "amod", "nmod", "appos", "npadvmod"})
_NOUN_PREPS = frozenset({"of", "from", "with", "to", "against"})


@dataclass(frozen=True, slots=True)
class Roles:
    sources: tuple[Mention, ...]
    targets: tuple[Mention, ...]
    # True when the two sides were named together ("X and Y met", "talks between X and Y").
    paired: bool = False
    # True when the target came through "with" ("met with", "signed a deal with").
    via_with: bool = False


def actors_at(
    sentence: Sentence,
    index: int,
    by_token: Mapping[int, Mention],
    depth: int = 0,
    *,
    owners: bool = False,
) -> list[Mention]:
    """The actors a noun phrase headed at ``index`` names, including coordinated ones.

    A possessive pronoun names the owner of the thing: the actor when the phrase is a
    subject ("its artillery shelled ..."), never the other side when it is an object
    ("deployed troops to its border with Ukraine"); ``owners`` says which.
    """
    found: list[Mention] = []
    mention = by_token.get(index)
    token = sentence.tokens[index]
    if mention is None and token.pos == "ADP":
        # A dative "to": "sent aid to Syria".
        inner = _object_of(sentence, token)
        if inner is not None:
            return actors_at(sentence, inner, by_token, depth, owners=owners)
    if mention is not None:
        found.append(mention)
        # "Saudi and Iranian officials": the first demonym hangs off the shared noun.
        found.extend(
            other
            for child in sentence.children(index)
            if child.dep in {"amod", "compound"}
            and (other := by_token.get(child.i)) is not None
            and other is not mention
            and other.via == "demonym"
        )
        found.sort(key=lambda m: m.start)
    elif depth < 2:
        for child in sentence.children(index):
            if child.dep in _NOUN_LINKS or (child.dep == "prep" and child.lower in _NOUN_PREPS):
                target = _object_of(sentence, child) if child.dep == "prep" else child.i
                if target is not None:
                    found.extend(
                        m
                        for m in actors_at(sentence, target, by_token, depth + 1, owners=owners)
                        if owners or not (m.via == "pronoun" and child.dep == "poss")
                    )
            if found:
                break
    for child in sentence.children(index):
        if child.dep == "conj":
            found.extend(
                m
                for m in actors_at(sentence, child.i, by_token, depth, owners=owners)
                if m not in found
            )
    return found


def _of_objects(sentence: Sentence, noun: Token) -> list[Token]:
    return [
        sentence.tokens[target]
        for child in sentence.children(noun.i)
        if child.dep == "prep" and child.lower == "of"
        for target in [_object_of(sentence, child)]
        if target is not None
    ]


def _object_of(sentence: Sentence, preposition: Token) -> int | None:
    for child in sentence.children(preposition.i):
        if child.dep in {"pobj", "pcomp"}:
            return child.i
    return None


def _subject(sentence: Sentence, verb: Token, by_token: Mapping[int, Mention]) -> list[Mention]:
    """The actor doing ``verb``, inherited through xcomp, conj, relative and participle heads."""
    token = verb
    for step in range(6):
        children = sentence.children(token.i)
        # The small model sometimes hangs the subject on the auxiliary ("X are mediating").
        children += [
            grandchild
            for child in children
            if child.dep in {"aux", "auxpass"}
            for grandchild in sentence.children(child.i)
        ]
        for child in children:
            if child.dep in _SUBJECTS or (step > 0 and child.dep in _PASSIVE_SUBJECTS):
                # The second case is raising: "North Korea is believed to have supplied".
                if child.lower in _RELATIVE_PRONOUNS and token.dep == "relcl":
                    return actors_at(sentence, token.head, by_token, owners=True)
                return actors_at(sentence, child.i, by_token, owners=True)
            if child.dep == "agent":
                agent = _object_of(sentence, child)
                if agent is not None:
                    return actors_at(sentence, agent, by_token, owners=True)
        if token.dep in {"xcomp", "conj", "advcl", "ccomp", "acomp"} and token.head != token.i:
            if token.dep == "ccomp":
                return []
            governor = sentence.tokens[token.head]
            if token.dep == "xcomp":
                # Object control: "prompting Trump to order tariffs" - Trump orders.
                for other in sentence.children(governor.i):
                    if other.dep in {"dobj", "dative"}:
                        controller = actors_at(sentence, other.i, by_token, owners=True)
                        if controller:
                            return controller
            token = governor
            continue
        if token.dep == "relcl" and token.head != token.i:
            return actors_at(sentence, token.head, by_token)
        return []
    return []


def _passive_subject(
    sentence: Sentence, verb: Token, by_token: Mapping[int, Mention]
) -> list[Mention]:
    for child in sentence.children(verb.i):
        if child.dep in _PASSIVE_SUBJECTS:
            return actors_at(sentence, child.i, by_token)
    return []


def _prepositional_targets(
    sentence: Sentence, head: Token, by_token: Mapping[int, Mention]
) -> tuple[list[Mention], str | None]:
    by_preposition: dict[str, list[Mention]] = {}
    for child in sentence.children(head.i):
        if child.dep in {"prep", "dative"} and child.lower in _TARGET_PREPOSITIONS:
            target = _object_of(sentence, child)
            if target is not None:
                found = actors_at(sentence, target, by_token)
                if found:
                    by_preposition.setdefault(child.lower, found)
    for preposition in _TARGET_PREPOSITIONS:
        if preposition in by_preposition:
            return by_preposition[preposition], preposition
    return [], None


def _between(sentence: Sentence, noun: Token, by_token: Mapping[int, Mention]) -> list[Mention]:
    for child in sentence.children(noun.i):
        if child.dep == "prep" and child.lower in {"between", "among"}:
            target = _object_of(sentence, child)
            if target is not None:
                return actors_at(sentence, target, by_token)
    return []


def find_roles(sentence: Sentence, trigger: Token, by_token: Mapping[int, Mention]) -> Roles:
    if trigger.pos == "NOUN" or trigger.pos == "PROPN":
        return _noun_roles(sentence, trigger, by_token)
    return _verb_roles(sentence, trigger, by_token)


def _verb_roles(sentence: Sentence, verb: Token, by_token: Mapping[int, Mention]) -> Roles:
    passive = any(c.dep == "auxpass" for c in sentence.children(verb.i))
    if verb.dep == "acl" and verb.tag == "VBN":
        # "troops sent by Russia to Ukraine": the participle's head is what was acted on.
        passive = True
    via_with = False
    if passive:
        sources = []
        for child in sentence.children(verb.i):
            if child.dep == "agent":
                agent = _object_of(sentence, child)
                if agent is not None:
                    sources = actors_at(sentence, agent, by_token)
        if verb.dep == "acl":
            objects = actors_at(sentence, verb.head, by_token)
        else:
            objects = _passive_subject(sentence, verb, by_token)
    else:
        sources = _subject(sentence, verb, by_token)
        objects = []
        for child in sentence.children(verb.i):
            if child.dep in _OBJECTS:
                # "Beijing lifted its tariffs on ...": a possessive pronoun on the object
                # is the subject itself, never the target.
                objects = [
                    m
                    for m in actors_at(sentence, child.i, by_token)
                    if not (m.via == "pronoun" and sentence.tokens[m.head].dep == "poss")
                ]
                if objects:
                    break
    targets = list(objects)
    preposition: str | None = None
    if not targets:
        found, preposition = _prepositional_targets(sentence, verb, by_token)
        via_with = preposition == "with"
        targets = found
    if len(sources) >= 2 and preposition in _LOCATIVE_PREPOSITIONS:
        # "China and Russia held drills in the Sea of Japan": a place, not a side.
        targets = []
    if not targets and sources:
        # "Egypt and Qatar are mediating between Israel and Hamas": both are targets.
        targets = _between(sentence, verb, by_token)
    if not targets:
        for child in sentence.children(verb.i):
            if child.dep == "ccomp":
                # "China demanded that the United States stop ...": the addressee.
                targets = [
                    m
                    for grandchild in sentence.children(child.i)
                    if grandchild.dep in _SUBJECTS
                    for m in actors_at(sentence, grandchild.i, by_token)
                ]
            elif child.dep == "xcomp":
                # "Germany pledged to deliver systems to Ukraine": the plan's target.
                targets = list(_verb_roles(sentence, child, by_token).targets)
            if targets:
                break
    if not targets:
        # The object is not an actor ("provided munitions to Russia", "support for Russia"):
        # look for the target inside the object phrase.
        for child in sentence.children(verb.i):
            if child.dep in _OBJECTS or child.dep in _PASSIVE_SUBJECTS:
                between = _between(sentence, child, by_token)
                if between and sources:
                    # "Qatar mediated the talks between Israel and Hamas": both are targets.
                    return Roles(tuple(sources), tuple(between))
                if len(between) >= 2:
                    return Roles(tuple(between[:1]), tuple(between[1:2]), paired=True)
                found, preposition = _prepositional_targets(sentence, child, by_token)
                if not found:
                    # "a package of sanctions against Russia": the noun after "of".
                    for inner in _of_objects(sentence, child):
                        found, preposition = _prepositional_targets(sentence, inner, by_token)
                        if found:
                            break
                if found:
                    targets = found
                    via_with = preposition == "with"
                    break
    return _finish(sources, targets, via_with)


def _noun_roles(sentence: Sentence, noun: Token, by_token: Mapping[int, Mention]) -> Roles:
    between = _between(sentence, noun, by_token)
    if len(between) >= 2:
        return Roles((between[0],), (between[1],), paired=True)
    sources: list[Mention] = []
    for child in sentence.children(noun.i):
        if child.dep in {"poss", "compound", "amod", "nmod"}:
            sources = actors_at(sentence, child.i, by_token, owners=True)
            if sources:
                break
    targets, preposition = _prepositional_targets(sentence, noun, by_token)
    via_with = preposition == "with"
    if not sources:
        head = sentence.tokens[noun.head]
        if noun.dep in _OBJECTS and head.i != noun.i:
            # "Kim held talks with Putin": the light verb's subject acts.
            sources = _subject(sentence, head, by_token)
            if not targets:
                targets, preposition = _prepositional_targets(sentence, head, by_token)
                via_with = preposition == "with"
        elif noun.dep in _SUBJECTS and head.i != noun.i and not targets:
            targets, preposition = _prepositional_targets(sentence, head, by_token)
            via_with = preposition == "with"
    if between and sources and not targets:
        targets = between
    return _finish(sources, targets, via_with)


def _finish(sources: Sequence[Mention], targets: Sequence[Mention], via_with: bool) -> Roles:
    return Roles(tuple(sources), tuple(targets), via_with=via_with)


def paired(roles: Roles, *, mutual: bool = False) -> Roles:
    """ "China and Russia held talks": a coordinated subject holds both sides of a joint act.

    For a joint act (``mutual``) the pair wins over any target but one reached by
    "with": "Modi and Xi met on the sidelines of the BRICS summit" is Modi and Xi.
    """
    if len(roles.sources) >= 2 and (not roles.targets or (mutual and not roles.via_with)):
        return Roles((roles.sources[0],), (roles.sources[1],), paired=True)
    return roles
