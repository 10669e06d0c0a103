"""When two reports describe the same real-world event.

Two reports match when they agree on

* the dyad: same source and target, or the reverse when either report is symmetric
  or the act is cooperative (meetings, ties, agreements are mutual in substance);
* the code family: the CAMEO root, with "express intent to X" codes (03x) filed
  under the root of X, so "agreed to restore relations" meets "restored relations";
* the date: within a window, wider for expected and intended acts, which are
  reported ahead of the day;
* what was done: the same CAMEO code, two codes of the meeting root, the same
  trigger stem, or enough shared content words (or, with wordllama installed and
  chosen, close enough embeddings).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Protocol

from dyadwatch.cluster.report import Report

__all__ = [
    "LexicalSimilarity",
    "Matcher",
    "Similarity",
    "block_key",
    "family",
]

# "Express intent to ..." subcodes mapped to the root of the act they announce
# (CAMEO 2.0 codebook: 031 material cooperation -> 06, 032 diplomatic cooperation -> 05,
# 033 aid -> 07, 034/035 reform and yield -> 08, 036 meet -> 04, 037 settle -> 04,
# 038/039 mediation -> 04).
_INTENT_FAMILY = {
    "031": "06",
    "032": "05",
    "033": "07",
    "034": "08",
    "035": "08",
    "036": "04",
    "037": "04",
    "038": "04",
    "039": "04",
}
# Roots whose subcodes all describe one encounter when the dyad and day agree: a
# meeting, a visit and hosting the visitor are the same summit told from two sides.
_ENCOUNTER_ROOTS = frozenset({"04"})
# Cooperative families whose acts are mutual in substance even when the coder gives
# them a direction: "Saudi Arabia and Iran agreed to restore ties" and "Iran and Saudi
# Arabia restored relations" are one deal. Conflict families stay directed, since a
# reversed dyad there is usually a reply (sanctions answered by sanctions). On the
# briefs corpus this joined the four reversed-order Saudi-Iran reports and nothing else.
_MUTUAL_FAMILIES = frozenset({"04", "05", "06"})
# Days apart for two reports of a done act. Reports come out the day of the event or
# the next. On the briefs corpus 0 days drops recall from 0.91 to 0.74 (next-day
# reports) and 1 to 5 days score the same; 2 also covers time zones and a weekend lag
# while keeping weekly rounds of talks apart.
_WINDOW_DAYS = 2
# Expected and intended acts are announced ahead (a summit "this week", a signing
# "during the visit"): up to a week before the act. The corpus's one expectation is
# two days ahead, so it does not separate values from 2 to 14; a week is a judgement.
_AHEAD_WINDOW_DAYS = 7
# Jaccard overlap of two reports' content stems, for reports of one family whose codes
# and trigger stems differ. The briefs corpus never reaches this test (code and trigger
# decide all its pairs), so it is set for precision: half the content words shared.
# The overlap coefficient (shared / smaller set) was rejected because it joins "Kim
# praised the treaty" with "Kim signed the treaty" on the one word "treaty".
_LEXICAL_THRESHOLD = 0.5


def family(cameo: str) -> str:
    """The code family: the CAMEO root, intent codes filed under the act announced."""
    return _INTENT_FAMILY.get(cameo[:3], cameo[:2])


def block_key(report: Report) -> tuple[str, str, str]:
    """Reports that can match share this key: the unordered dyad and the family."""
    a, b = sorted((report.source, report.target or ""))
    return (a, b, family(report.cameo))


class Similarity(Protocol):
    """Whether two reports of one dyad, family and time describe the same act."""

    def similar(self, a: Report, b: Report) -> bool: ...

    def fields(self, report: Report) -> tuple[object, ...]:
        """What of ``report`` :meth:`similar` reads: equal fields, equal answers."""
        ...


@dataclass(frozen=True, slots=True)
class LexicalSimilarity:
    """Shared trigger stem, or mostly shared content stems (Jaccard)."""

    threshold: float = _LEXICAL_THRESHOLD

    def similar(self, a: Report, b: Report) -> bool:
        if a.trigger_stem and a.trigger_stem == b.trigger_stem:
            return True
        if not a.words or not b.words:
            return False
        return len(a.words & b.words) / len(a.words | b.words) >= self.threshold

    def fields(self, report: Report) -> tuple[object, ...]:
        return (report.trigger_stem, tuple(sorted(report.words)))


@dataclass(frozen=True, slots=True)
class Matcher:
    """The pairwise "same real-world event" test (see the module docstring)."""

    similarity: Similarity = field(default_factory=LexicalSimilarity)
    window_days: int = _WINDOW_DAYS
    ahead_window_days: int = _AHEAD_WINDOW_DAYS

    def window(self, report: Report) -> int:
        """Days either side of ``report`` within which a match may lie."""
        if report.status in ("expected", "intended"):
            return self.ahead_window_days
        return self.window_days

    def key(self, report: Report) -> str:
        """A digest of everything :meth:`same_event` reads of ``report``.

        Two reports with one key match exactly the same reports, so within a cluster
        only one of them needs comparing: a wire story reprinted on forty sites is one
        comparison per new report, not forty.
        """
        fields = (
            report.source,
            report.target,
            report.cameo,
            report.symmetric,
            # The status, not its window: a key stored today stays valid if windows change.
            report.status,
            report.date.isoformat() if report.date else None,
            # Undated reports match only within their own article.
            None if report.date else report.doc_id,
            self.similarity.fields(report),
        )
        return hashlib.blake2b(repr(fields).encode("utf-8"), digest_size=12).hexdigest()

    def same_event(self, a: Report, b: Report) -> bool:
        if block_key(a) != block_key(b) or not self._same_dyad(a, b):
            return False
        if a.date is None or b.date is None:
            # Without a date only the article itself places the report.
            if a.doc_id != b.doc_id:
                return False
        elif abs((a.date - b.date).days) > max(self.window(a), self.window(b)):
            return False
        if a.cameo == b.cameo or a.cameo[:3] == b.cameo[:3]:
            return True
        if a.cameo[:2] == b.cameo[:2] and a.cameo[:2] in _ENCOUNTER_ROOTS:
            return True
        return self.similarity.similar(a, b)

    @staticmethod
    def _same_dyad(a: Report, b: Report) -> bool:
        if (a.source, a.target) == (b.source, b.target):
            return True
        loose = a.symmetric or b.symmetric or family(a.cameo) in _MUTUAL_FAMILIES
        return loose and (a.source, a.target) == (b.target, b.source)
