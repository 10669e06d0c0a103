"""Find the publication date that a plain-text page states near its top."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dyadwatch.read.dates import find_date

__all__ = ["find_dateline"]

# Datelines and "Published: ..." lines sit above the first paragraphs of the story;
# looking at the first six paragraphs covers a headline, a kicker, a byline, a
# timestamp and the lead, without reaching dates the story itself talks about.
_TOP_PARAGRAPHS = 6
# A line this short that holds a date is a timestamp ("Published: 13 September 2023,
# 09:12 GMT" is 6 words); a longer one is prose whose dates are about events.
_TIMESTAMP_WORDS = 12
# A wire dateline opens the lead: "VLADIVOSTOK, Sept 13, 2023 (Agency) - ..."; the
# date must come within this many characters of the start.
_DATELINE_CHARS = 60
_DATELINE_START = re.compile(r"^[A-Z][A-Z .'-]{2,}(?:,|\s*\(|\s+[–—-]\s)")
_WORD = re.compile(r"\w+")


def find_dateline(paragraphs: Sequence[str]) -> str | None:
    """The date of a timestamp line or wire dateline at the top, as YYYY-MM-DD, or None."""
    for paragraph in paragraphs[:_TOP_PARAGRAPHS]:
        if len(_WORD.findall(paragraph)) <= _TIMESTAMP_WORDS:
            date = find_date(paragraph)
        elif _DATELINE_START.match(paragraph):
            date = find_date(paragraph[:_DATELINE_CHARS])
        else:
            date = None
        if date is not None:
            return date
    return None
