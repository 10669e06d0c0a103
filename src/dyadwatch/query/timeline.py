"""Dyad timelines: events per week or month, counted per QuadClass, with mean Goldstein."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from dyadwatch.errors import BadOption
from dyadwatch.store import EventFilter, Store
from dyadwatch.store.event_clusters import EVENTS_WITH_CLUSTERS, Count, count_sql
from dyadwatch.store.filters import where_clause

__all__ = ["PERIODS", "Period", "TimelineRow", "timeline"]

Period = Literal["week", "month"]
PERIODS: tuple[Period, ...] = ("week", "month")

# The period key as SQL; chosen from this fixed table, never from user text. A week is
# named by its Monday. Events whose date is not a full ISO date have no week.
_PERIOD_SQL: dict[str, str] = {
    "month": "CASE WHEN length(date) >= 7 THEN left(date, 7) END",
    "week": "strftime(date_trunc('week', try_cast(date AS DATE)), '%Y-%m-%d')",
}


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One week (its Monday, ``YYYY-MM-DD``) or month (``YYYY-MM``) of a timeline."""

    period: str
    events: int
    verbal_cooperation: int  # QuadClass 1
    material_cooperation: int  # QuadClass 2
    verbal_conflict: int  # QuadClass 3
    material_conflict: int  # QuadClass 4
    goldstein: float | None  # mean; None for a period without events

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "events": self.events,
            "quad_class": {
                "1": self.verbal_cooperation,
                "2": self.material_cooperation,
                "3": self.verbal_conflict,
                "4": self.material_conflict,
            },
            "goldstein": self.goldstein,
        }


def timeline(
    store: Store, flt: EventFilter, by: str = "month", count: Count = "events"
) -> list[TimelineRow]:
    """Periods from the first to the last dated matching event, empty ones included.

    ``count="events"`` counts event clusters (a summit told by ten outlets counts
    once; a cluster reported across two periods counts in both); ``"reports"``
    counts event records.

    ``flt.limit``/``offset`` are ignored: a timeline covers every matching event.
    """
    if by not in _PERIOD_SQL:
        raise BadOption("by", f"{by!r} is not a period", "Pass week or month")
    where, params = where_clause(flt)
    rows = store.select(
        f"""
        SELECT period, {count_sql(count)},
               {count_sql(count, "quad_class = 1")}, {count_sql(count, "quad_class = 2")},
               {count_sql(count, "quad_class = 3")}, {count_sql(count, "quad_class = 4")},
               avg(goldstein)
        FROM (SELECT {_PERIOD_SQL[by]} AS period, quad_class, goldstein, cluster_id
              FROM {EVENTS_WITH_CLUSTERS} WHERE {where})
        WHERE period IS NOT NULL
        GROUP BY period ORDER BY period
        """,
        params,
    )
    found = {
        str(r[0]): TimelineRow(str(r[0]), r[1], r[2], r[3], r[4], r[5], round(float(r[6]), 3))
        for r in rows
    }
    if not found:
        return []
    keys = sorted(found)
    return [
        found.get(key) or TimelineRow(key, 0, 0, 0, 0, 0, None)
        for key in _span(keys[0], keys[-1], by)
    ]


def _span(first: str, last: str, by: str) -> list[str]:
    if by == "week":
        start, end = date.fromisoformat(first), date.fromisoformat(last)
        return [
            (start + timedelta(weeks=i)).isoformat() for i in range((end - start).days // 7 + 1)
        ]
    year, month = int(first[:4]), int(first[5:7])
    keys = []
    while f"{year:04d}-{month:02d}" <= last:
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys
