"""Find and normalise calendar dates written the ways news pages write them.

Shared by ``read`` (the JSONL ``date`` field) and ``extract`` (datelines in plain
text). Only unambiguous forms are read: ISO dates and date-times, ``YYYY/MM/DD``,
and dates with an English month name in either order ("June 19, 2024",
"19 June 2024"). All-numeric day/month orders such as 06/07/2024 are left alone
because they mean different days in the US and elsewhere.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["find_date"]

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_PATTERNS = (
    re.compile(r"(?<!\d)(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})(?!\d)"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d)", re.IGNORECASE),
)
# Years outside this range are page numbers, prices or typos, not publication dates.
_FIRST_YEAR, _LAST_YEAR = 1900, 2100


def find_date(text: str) -> str | None:
    """The first valid date written in ``text``, as ``YYYY-MM-DD``, or None."""
    found: list[tuple[int, str]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            iso = _to_iso(match)
            if iso is not None:
                found.append((match.start(), iso))
                break
    return min(found)[1] if found else None


def _to_iso(match: re.Match[str]) -> str | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text[:3].lower()]
    year, day = int(match.group("year")), int(match.group("day"))
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
