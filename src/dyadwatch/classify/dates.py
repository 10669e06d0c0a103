"""When an event happened: a date phrase attached to the trigger, read against the article date.

News dates events relative to publication ("on Wednesday", "yesterday", "on June 19").
A phrase counts only when it modifies the trigger's own clause, so "the deal signed in
March" in a sentence about a visit today does not move the visit. Without one, the
event takes the article's date.
"""

from __future__ import annotations

import datetime as dt
import re

from dyadwatch.model import Sentence, Token

__all__ = ["event_date"]

_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1}
_DAY = re.compile(r"^(\d{1,2})(st|nd|rd|th)?$")
_YEAR = re.compile(r"^(19|20)\d\d$")
# How far up the parse a date phrase may sit from the trigger and still be its own
# (the trigger, its auxiliary chain and one clause head); chosen on the sample briefs,
# where a larger reach let dates of other clauses move events.
_REACH = 2


def event_date(sentence: Sentence, trigger: Token, published: str | None) -> str | None:
    """The date the trigger's clause gives for the event, else ``published``."""
    if published is None:
        return None
    try:
        base = dt.date.fromisoformat(published[:10])
    except ValueError:
        return published
    for phrase in _date_phrases(sentence, trigger):
        found = _read(phrase, base)
        if found is not None:
            return found.isoformat()
    return base.isoformat()


def _date_phrases(sentence: Sentence, trigger: Token) -> list[list[Token]]:
    """Runs of DATE tokens (or weekday/relative words) whose head reaches the trigger."""
    anchors = {trigger.i}
    token = trigger
    for _ in range(_REACH):
        if token.head == token.i:
            break
        token = sentence.tokens[token.head]
        if token.pos not in {"VERB", "AUX"}:
            break
        anchors.add(token.i)
    phrases: list[list[Token]] = []
    run: list[Token] = []
    for token in sentence.tokens:
        if token.ent_type == "DATE" or token.lower in _WEEKDAYS or token.lower in _RELATIVE_DAYS:
            run.append(token)
            continue
        if run:
            phrases.append(run)
            run = []
    if run:
        phrases.append(run)
    return [p for p in phrases if _attached(sentence, p, anchors)]


def _attached(sentence: Sentence, phrase: list[Token], anchors: set[int]) -> bool:
    members = {t.i for t in phrase}
    for token in phrase:
        current = token
        for _ in range(3):
            if current.head in anchors:
                return True
            if current.head == current.i:
                break
            current = sentence.tokens[current.head]
            if current.i not in members and current.pos not in {"ADP", "NOUN", "PROPN", "NUM"}:
                break
    return False


def _read(phrase: list[Token], base: dt.date) -> dt.date | None:
    words = [t.lower.strip(",.") for t in phrase]
    for word in words:
        if word in _RELATIVE_DAYS:
            return base + dt.timedelta(days=_RELATIVE_DAYS[word])
    month = next((_MONTHS[w] for w in words if w in _MONTHS), None)
    day = next((int(m.group(1)) for w in words if (m := _DAY.match(w))), None)
    year = next((int(w) for w in words if _YEAR.match(w)), None)
    if month is not None and day is not None and 1 <= day <= 31:
        try:
            found = dt.date(year or base.year, month, day)
        except ValueError:
            return None
        if year is None and found > base:
            # "on December 30" in an article of January 2: last year's.
            found = found.replace(year=found.year - 1)
        return found
    for word in words:
        if word in _WEEKDAYS and not {"next", "coming"} & set(words):
            # "on Wednesday" in news is the last such day, at most a week back.
            back = (base.weekday() - _WEEKDAYS[word]) % 7
            return base - dt.timedelta(days=back)
    return None
