"""How a sentence presents an event: status, hedging, and who asserts it.

All decisions read the clause chain from the trigger up to the sentence root, so a
negation or a conditional in another clause of the same sentence does not leak in.
"""

from __future__ import annotations

from dataclasses import dataclass

from dyadwatch.model import Sentence, Status, Token

__all__ = [
    "INTENT_GOVERNORS",
    "REPORTING_VERBS",
    "Modality",
    "clause_chain",
    "read_modality",
]

# Verbs that frame what someone asserts. The event is in the clause they govern;
# they themselves are never coded as statements.
REPORTING_VERBS = frozenset(
    {
        "say", "report", "tell", "announce", "state", "add", "claim", "note", "write",
        "quote", "confirm", "insist", "declare", "stress", "emphasize", "emphasise",
        "assert", "reiterate", "explain", "allege", "suggest", "indicate", "show",
        "believe", "think", "suspect", "understand", "know", "argue", "acknowledge",
    }
)  # fmt: skip

# Verbs whose "that" clause is someone's claim: its subject is the attribution, though
# "warn" may also be an event of its own (a threat) when it has a target.
_ASSERTING_VERBS = REPORTING_VERBS | {"warn", "caution", "fear", "predict", "estimate"}

# Verbs whose complement is an actor's own plan, pledge or wish (status "intended").
INTENT_GOVERNORS = frozenset(
    {
        "plan", "pledge", "vow", "promise", "intend", "want", "seek", "hope", "aim",
        "agree", "offer", "propose", "decide", "wish", "resolve", "commit", "prepare",
        "try", "attempt", "look", "mean", "push", "move", "consider", "weigh", "vote",
        # adjectives: "ready to mediate", "willing to hold talks"
        "ready", "willing", "prepared", "eager", "keen", "determined",
    }
)  # fmt: skip

# Verbs and adjectives by which the writer foresees an event (status "expected").
_EXPECTATION_WORDS = frozenset({"expect", "likely", "set", "due", "poised", "slate", "schedule"})

_NEGATIONS = frozenset({"not", "n't", "never", "no"})
_DENIAL_GOVERNORS = frozenset({"deny", "reject", "refuse", "decline", "rule", "dismiss", "fail"})
_HEDGE_ADVERBS = frozenset(
    {"reportedly", "allegedly", "purportedly", "apparently", "supposedly", "possibly", "probably"}
)
# "X is believed to have sent ...": a passive belief verb governing the event.
_HEDGE_PASSIVES = frozenset({"believe", "say", "think", "report", "allege", "suspect", "rumor"})
_CONDITION_MARKERS = frozenset({"if", "unless", "should", "whether"})
_FUTURE_MODALS = frozenset({"will", "shall", "'ll", "would", "could", "might", "may"})


@dataclass(frozen=True, slots=True)
class Modality:
    status: Status
    hedged: bool
    # True when the trigger is in the condition of a conditional ("if it were attacked").
    condition: bool
    # Index of the reporting verb that frames the event, if any (for attribution).
    reporter: int | None


def clause_chain(sentence: Sentence, index: int) -> list[Token]:
    """The trigger and the heads above it, up to the sentence root."""
    chain = [sentence.tokens[index]]
    seen = {index}
    token = sentence.tokens[index]
    while token.head != token.i and token.head not in seen:
        token = sentence.tokens[token.head]
        seen.add(token.i)
        chain.append(token)
    return chain


def read_modality(sentence: Sentence, trigger: int) -> Modality:
    tokens = sentence.tokens
    chain = clause_chain(sentence, trigger)
    status: Status = "reported"
    hedged = False
    condition = False
    reporter: int | None = None
    # Walk from the trigger upwards; the first clause-level cue decides the status.
    for depth, token in enumerate(chain):
        children = sentence.children(token.i)
        lemmas = {c.lemma for c in children}
        lowers = {c.lower for c in children}
        is_verb_like = token.pos in {"VERB", "AUX"} or depth == 0
        if is_verb_like and (
            any(c.dep == "neg" for c in children) or (lowers & _NEGATIONS and depth == 0)
        ):
            status = _stronger(status, "denied")
        if (
            depth > 0
            and token.lemma in _DENIAL_GOVERNORS
            and _governs_by_complement(chain[depth - 1])
        ):
            status = _stronger(status, "denied")
        if any(c.dep == "mark" and c.lower in _CONDITION_MARKERS for c in children) and (
            token.dep == "advcl" or depth == 0
        ):
            status = _stronger(status, "hypothetical")
            if token.dep == "advcl" and token.head != token.i:
                condition = True
        if lemmas & _HEDGE_ADVERBS or lowers & _HEDGE_ADVERBS:
            hedged = True
        if depth > 0 and _governs_by_complement(chain[depth - 1]):
            if token.lemma in _HEDGE_PASSIVES and any(c.dep == "auxpass" for c in children):
                hedged = True
            elif token.lemma in INTENT_GOVERNORS and chain[depth - 1].dep == "xcomp":
                status = _stronger(status, "intended")
            elif token.lemma in _EXPECTATION_WORDS:
                status = _stronger(status, "expected")
            elif token.lemma in REPORTING_VERBS and reporter is None:
                reporter = token.i
        if depth <= 1 and any(c.dep == "aux" and c.lower in _FUTURE_MODALS for c in children):
            status = _stronger(status, "expected")
        if token.dep in {"ccomp", "parataxis"} and token.head != token.i:
            # The clause ends here; what governs it frames it rather than qualifies it.
            governor = tokens[token.head]
            if governor.lemma in _ASSERTING_VERBS and reporter is None:
                reporter = governor.i
    if reporter is None:
        reporter = _trailing_reporter(sentence, chain)
    # A conditional clause elsewhere in the sentence makes a "would" main clause hypothetical.
    if status == "expected" and _has_condition_clause(sentence, chain):
        status = "hypothetical"
    return Modality(status, hedged, condition, reporter)


# Ordered by how much each overrides the others: a denied plan is denied, a
# conditional expectation is hypothetical.
_STRENGTH: dict[Status, int] = {
    "reported": 0,
    "expected": 1,
    "intended": 2,
    "hypothetical": 3,
    "denied": 4,
}


def _stronger(current: Status, new: Status) -> Status:
    return new if _STRENGTH[new] > _STRENGTH[current] else current


def _governs_by_complement(child: Token) -> bool:
    return child.dep in {"xcomp", "ccomp", "dobj", "pcomp", "prep", "acomp", "oprd"}


def _trailing_reporter(sentence: Sentence, chain: list[Token]) -> int | None:
    """A reporting verb that the parse made the root ("..., Tass reported.")."""
    root = chain[-1]
    if root.lemma in REPORTING_VERBS and root.i != chain[0].i:
        return root.i
    return None


def _has_condition_clause(sentence: Sentence, chain: list[Token]) -> bool:
    chain_ids = {t.i for t in chain}
    for token in sentence.tokens:
        if token.dep == "mark" and token.lower in {"if", "unless"}:
            clause = sentence.tokens[token.head]
            if clause.dep == "advcl" and clause.head in chain_ids:
                return True
    return False
