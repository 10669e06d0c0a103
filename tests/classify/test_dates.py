"""Event dates from date phrases attached to the trigger, read against the article date."""

from __future__ import annotations

from builders import sentence
from dyadwatch.classify.dates import event_date

# Wednesday 19 June 2024.
PUBLISHED = "2024-06-19"


def _date(spec: str, trigger: int, published: str | None = PUBLISHED) -> str | None:
    built = sentence(spec)
    return event_date(built, built.tokens[trigger], published)


def test_weekday_is_the_last_such_day() -> None:
    spec = (
        "Kim/PROPN/nsubj/1 met/VERB/ROOT/1 Putin/PROPN/dobj/1 on/ADP/prep/1 "
        "Monday/PROPN/pobj/3/DATE"
    )
    assert _date(spec, 1) == "2024-06-17"


def test_yesterday_and_explicit_dates() -> None:
    assert _date("Kim/PROPN/nsubj/1 arrived/VERB/ROOT/1 yesterday/NOUN/npadvmod/1/DATE", 1) == (
        "2024-06-18"
    )
    spec = (
        "They/PRON/nsubj/1 signed/VERB/ROOT/1 it/PRON/dobj/1 on/ADP/prep/1 "
        "March/PROPN/pobj/3/DATE 10/NUM/nummod/4/DATE"
    )
    assert _date(spec, 1) == "2024-03-10"
    late = spec.replace("March", "December")
    assert _date(late, 1) == "2023-12-10", "a date after publication is last year's"


def test_a_date_of_another_clause_does_not_move_the_event() -> None:
    spec = (
        "Kim/PROPN/nsubj/1 praised/VERB/ROOT/1 the/DET/det/3 treaty/NOUN/dobj/1 "
        "signed/VERB/acl/3 on/ADP/prep/4 Monday/PROPN/pobj/5/DATE"
    )
    assert _date(spec, 1) == PUBLISHED


def test_no_article_date_gives_none() -> None:
    assert _date("Kim/PROPN/nsubj/1 met/VERB/ROOT/1", 1, published=None) is None
