"""The classifier on hand-built parses: roles, status, hedging, attribution, noise control."""

from __future__ import annotations

from builders import article
from dyadwatch.classify import Classifier, intent_code
from dyadwatch.classify.lexicon import TriggerRule
from dyadwatch.model import Actor, AnnotatedArticle, Event, Mention

RUS = Actor("Russia", "RUS", None, "RUS")
PRK = Actor("North Korea", "PRK", None, "PRK")
KIM = Actor("Kim Jong-un", "PRK", "GOV", "PRKGOV")
TASS = Actor("Tass", "RUS", "MED", "RUSMED")
CHN = Actor("China", "CHN", None, "CHN")


def _rule(lemma: str, pos: str, code: str, **conditions: str) -> TriggerRule:
    parsed = tuple((key, frozenset(value.split(","))) for key, value in conditions.items())
    return TriggerRule(lemma, pos, parsed, code, 0)


LEXICON = {
    ("praise", "VERB"): (_rule("praise", "VERB", "051"),),
    ("meet", "VERB"): (_rule("meet", "VERB", "040"),),
    ("supply", "VERB"): (
        _rule("supply", "VERB", "072", obj="munition,weapon"),
        _rule("supply", "VERB", "070"),
    ),
    ("talk", "NOUN"): (_rule("talk", "NOUN", "046"),),
    ("say", "VERB"): (_rule("say", "VERB", "010"),),
}


def _mentions(
    annotated: AnnotatedArticle, *spans: tuple[int, int, int, Actor]
) -> list[list[Mention]]:
    """Mentions given as (sentence, token_start, token_end, actor); the head is the last token."""
    found: list[list[Mention]] = [[] for _ in annotated.sentences]
    for index, start, end, actor in spans:
        sentence = annotated.sentences[index]
        first, last = sentence.tokens[start], sentence.tokens[end - 1]
        text = annotated.article.text[first.start : last.end]
        found[index].append(Mention(text, first.start, last.end, start, end, end - 1, actor))
    return found


def _code(annotated: AnnotatedArticle, mentions: list[list[Mention]]) -> list[Event]:
    return Classifier(lexicon=LEXICON).classify(annotated, mentions)


def test_active_verb_gives_source_target_and_evidence_offsets() -> None:
    doc = article(
        "Kim/PROPN/nsubj/1/PERSON praised/VERB/ROOT/1/-/praise "
        "Russia/PROPN/dobj/1/GPE ./PUNCT/punct/1"
    )
    events = _code(doc, _mentions(doc, (0, 0, 1, KIM), (0, 2, 3, RUS)))
    assert len(events) == 1
    event = events[0].to_dict()
    assert (event["source"]["code"], event["cameo"], event["target"]["code"]) == (
        "PRKGOV",
        "051",
        "RUS",
    )
    text = doc.article.text
    assert text[event["trigger"]["start"] : event["trigger"]["end"]] == "praised"
    assert text[event["target"]["start"] : event["target"]["end"]] == "Russia"
    assert event["status"] == "reported" and event["hedged"] is False
    assert event["plover"]["type"] == "SUPPORT"


def test_passive_voice_takes_the_agent_as_source() -> None:
    doc = article(
        "Russia/PROPN/nsubjpass/2/GPE was/AUX/auxpass/2 praised/VERB/ROOT/2/-/praise "
        "by/ADP/agent/2 Kim/PROPN/pobj/3/PERSON ./PUNCT/punct/2"
    )
    events = _code(doc, _mentions(doc, (0, 0, 1, RUS), (0, 4, 5, KIM)))
    assert [(e.source.actor.code, e.target.actor.code if e.target else None) for e in events] == [
        ("PRKGOV", "RUS")
    ]


def test_negation_marks_the_event_denied() -> None:
    doc = article(
        "Kim/PROPN/nsubj/3/PERSON did/AUX/aux/3 not/PART/neg/3 meet/VERB/ROOT/3 "
        "Putin/PROPN/dobj/3/PERSON ./PUNCT/punct/3"
    )
    putin = Actor("Vladimir Putin", "RUS", "GOV", "RUSGOV")
    events = _code(doc, _mentions(doc, (0, 0, 1, KIM), (0, 4, 5, putin)))
    assert [e.status for e in events] == ["denied"]
    assert events[0].symmetric is True


def test_hedge_and_trailing_reporter_become_hedged_and_attribution() -> None:
    doc = article(
        "Pyongyang/PROPN/nsubj/2/GPE reportedly/ADV/advmod/2 supplied/VERB/ccomp/8/-/supply "
        "munitions/NOUN/dobj/2/-/munition to/ADP/prep/2 Russia/PROPN/pobj/4/GPE ,/PUNCT/punct/8 "
        "Tass/PROPN/nsubj/8/ORG reported/VERB/ROOT/8/-/report ./PUNCT/punct/8"
    )
    events = _code(doc, _mentions(doc, (0, 0, 1, PRK), (0, 5, 6, RUS), (0, 7, 8, TASS)))
    assert len(events) == 1
    event = events[0]
    assert event.cameo == "072"  # the object condition picked military aid over the general rule
    assert event.hedged is True
    assert event.attribution is not None
    assert (event.attribution.text, event.attribution.country) == ("Tass", "RUS")


def test_intent_governor_maps_the_plan_to_its_intent_code() -> None:
    doc = article(
        "Russia/PROPN/nsubj/1/GPE pledged/VERB/ROOT/1/-/pledge to/PART/aux/3 supply/VERB/xcomp/1 "
        "munitions/NOUN/dobj/3/-/munition to/ADP/prep/3 China/PROPN/pobj/5/GPE ./PUNCT/punct/1"
    )
    events = _code(doc, _mentions(doc, (0, 0, 1, RUS), (0, 6, 7, CHN)))
    assert [(e.cameo, e.status) for e in events] == [("0332", "intended")]
    assert intent_code("042") == "036" and intent_code("190") == "138"


def test_coordinated_subject_with_noun_trigger_is_one_symmetric_event() -> None:
    doc = article(
        "China/PROPN/nsubj/3/GPE and/CCONJ/cc/0 Russia/PROPN/conj/0/GPE held/VERB/ROOT/3/-/hold "
        "talks/NOUN/dobj/3/-/talk ./PUNCT/punct/3"
    )
    events = _code(doc, _mentions(doc, (0, 0, 1, CHN), (0, 2, 3, RUS)))
    assert [
        (e.cameo, e.symmetric, e.source.actor.code, e.target and e.target.actor.code)
        for e in events
    ] == [("046", True, "CHN", "RUS")]


def test_no_event_without_a_resolved_target_or_between_one_country() -> None:
    one_side = article(
        "Kim/PROPN/nsubj/1/PERSON praised/VERB/ROOT/1 "
        "the/DET/det/3 plan/NOUN/dobj/1 ./PUNCT/punct/1"
    )
    assert _code(one_side, _mentions(one_side, (0, 0, 1, KIM))) == []
    same = article(
        "Kim/PROPN/nsubj/1/PERSON praised/VERB/ROOT/1 Pyongyang/PROPN/dobj/1/GPE ./PUNCT/punct/1"
    )
    assert _code(same, _mentions(same, (0, 0, 1, KIM), (0, 2, 3, PRK))) == []


def test_a_reporting_verb_that_frames_a_clause_is_not_a_statement() -> None:
    doc = article(
        "Tass/PROPN/nsubj/1/ORG said/VERB/ROOT/1/-/say "
        "Kim/PROPN/nsubj/3/PERSON praised/VERB/ccomp/1/-/praise "
        "Russia/PROPN/dobj/3/GPE ./PUNCT/punct/1"
    )
    events = _code(doc, _mentions(doc, (0, 0, 1, TASS), (0, 2, 3, KIM), (0, 4, 5, RUS)))
    assert [e.cameo for e in events] == ["051"]
    assert events[0].attribution is not None and events[0].attribution.sector == "MED"


def test_conditional_clause_makes_the_event_hypothetical() -> None:
    doc = article(
        "If/SCONJ/mark/1 attacked/VERB/advcl/5 ,/PUNCT/punct/5 "
        "Russia/PROPN/nsubj/5/GPE would/AUX/aux/5 "
        "supply/VERB/ROOT/5 munitions/NOUN/dobj/5/-/munition "
        "to/ADP/prep/5 China/PROPN/pobj/7/GPE ./PUNCT/punct/5"
    )
    events = _code(doc, _mentions(doc, (0, 3, 4, RUS), (0, 8, 9, CHN)))
    assert [e.status for e in events] == ["hypothetical"]


def test_event_ids_are_stable_and_depend_on_the_document() -> None:
    spec = (
        "Kim/PROPN/nsubj/1/PERSON praised/VERB/ROOT/1/-/praise "
        "Russia/PROPN/dobj/1/GPE ./PUNCT/punct/1"
    )
    first, again, other = article(spec), article(spec), article(spec, doc_id="other")
    ids = [
        _code(doc, _mentions(doc, (0, 0, 1, KIM), (0, 2, 3, RUS)))[0].event_id
        for doc in (first, again, other)
    ]
    assert ids[0] == ids[1] != ids[2]


def test_a_city_attacked_stands_for_its_state_through_the_gazetteer() -> None:
    doc = article(
        "Russia/PROPN/nsubj/1/GPE shelled/VERB/ROOT/1/-/shell Kharkiv/PROPN/dobj/1/GPE "
        "./PUNCT/punct/1"
    )
    lexicon = {("shell", "VERB"): (_rule("shell", "VERB", "194"),)}
    places = {"Kharkiv": "UKR"}
    coder = Classifier(lexicon=lexicon, place_country=places.get)
    events = coder.classify(doc, _mentions(doc, (0, 0, 1, RUS)))
    assert [(e.cameo, e.target.actor.country if e.target else None) for e in events] == [
        ("194", "UKR")
    ]
    assert events[0].target is not None and events[0].target.text == "Kharkiv"
    # Without a gazetteer the city is no actor, and the event has no target.
    assert Classifier(lexicon=lexicon).classify(doc, _mentions(doc, (0, 0, 1, RUS))) == []
