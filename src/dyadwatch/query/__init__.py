"""The query layer shared by the CLI, the JSON API and the dashboard.

One filter spec (``make_filter`` builds the store's ``EventFilter`` from user values),
dyad timelines by week or month, search, and exports (parquet, csv, jsonl, GDELT 2.0,
POLECAT/PLOVER)::

    with Store(path, read_only=True) as store:
        rows = timeline(store, make_filter(dyad="PRK-RUS", since="2023"), by="month")
"""

from dyadwatch.query.export import EXPORT_FORMATS, export_events, flat_event, iter_events
from dyadwatch.query.gdelt import GDELT_COLUMNS, cameo_country, fips_country, gdelt_row
from dyadwatch.query.plover import PLOVER_COLUMNS, plover_row
from dyadwatch.query.search import ActorHit, ArticleHit, SearchResult, search
from dyadwatch.query.spec import MAX_PAGE, STATUSES, make_filter, parse_dyad
from dyadwatch.query.timeline import PERIODS, TimelineRow, timeline

__all__ = [
    "EXPORT_FORMATS",
    "GDELT_COLUMNS",
    "MAX_PAGE",
    "PERIODS",
    "PLOVER_COLUMNS",
    "STATUSES",
    "ActorHit",
    "ArticleHit",
    "SearchResult",
    "TimelineRow",
    "cameo_country",
    "export_events",
    "fips_country",
    "flat_event",
    "gdelt_row",
    "iter_events",
    "make_filter",
    "parse_dyad",
    "plover_row",
    "search",
    "timeline",
]
