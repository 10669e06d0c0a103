"""Story clusters as connected components, each named by its smallest doc_id."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from dyadwatch.dedupe.components import Components
from dyadwatch.dedupe.minhash import Signature, band_keys, is_near_duplicate

__all__ = ["Candidate", "ClusterIndex", "Lookup", "Merge"]


@dataclass(frozen=True, slots=True)
class Merge:
    """Clusters ``absorbed`` (ids of earlier clusters) now all have the id ``cluster``."""

    cluster: str
    absorbed: tuple[str, ...]
    members: tuple[str, ...]  # the new articles that joined


@dataclass(frozen=True, slots=True)
class Candidate:
    """A known article sharing band keys with new ones: the keys, its signature, its cluster."""

    doc_id: str
    signature: Signature
    cluster: str
    keys: frozenset[str]


# Known articles sharing any of the band keys given, each with the keys it shares.
Lookup = Callable[[list[str]], Iterable[Candidate]]


@dataclass
class ClusterIndex:
    """Assigns cluster ids to articles as they come.

    ``lookup`` answers "which known articles share one of these band keys" with their
    signatures and cluster ids; by default the index remembers what it was given, and
    the store passes a lookup that queries the database instead, so the index itself
    holds nothing between batches.
    """

    lookup: Lookup | None = None
    _signatures: dict[str, Signature] = field(default_factory=dict, init=False)
    _bands: dict[str, set[str]] = field(default_factory=dict, init=False)
    _cluster: dict[str, str] = field(default_factory=dict, init=False)

    def add(self, batch: Iterable[tuple[str, Signature]]) -> list[Merge]:
        """Add articles (doc_id, signature); returns the cluster changes, one per component.

        Articles already known are ignored. The result is the same whatever the order
        of articles within and across calls.
        """
        new = {d: s for d, s in batch if d not in self._cluster or self.lookup is not None}
        if not new:
            return []
        keys = {d: band_keys(s) for d, s in new.items()}
        known = {
            c.doc_id: c
            for c in self._candidates(sorted({k for ks in keys.values() for k in ks}))
            if c.doc_id not in new
        }
        groups = Components([*new, *known])
        # Known articles of one cluster are one component already.
        first_known: dict[str, str] = {}
        for doc in sorted(known):
            groups.union(doc, first_known.setdefault(known[doc].cluster, doc))

        by_key: dict[str, list[str]] = {}
        for doc, doc_keys in keys.items():
            for key in doc_keys:
                by_key.setdefault(key, []).append(doc)
        for candidate in known.values():
            for key in candidate.keys:
                by_key.setdefault(key, []).append(candidate.doc_id)
        signatures = {**{d: c.signature for d, c in known.items()}, **new}
        for doc, doc_keys in keys.items():
            for mate in sorted({m for k in doc_keys for m in by_key[k]}):
                # Joined already (a reprint of a reprint): no comparison needed.
                if groups.find(doc) == groups.find(mate):
                    continue
                if is_near_duplicate(signatures[doc], signatures[mate]):
                    groups.union(doc, mate)
        merges = []
        for members in groups.groups().values():
            joined = sorted(d for d in members if d in new)
            if not joined:
                continue
            old = sorted({known[d].cluster for d in members if d in known})
            cluster = min([*joined, *old])
            merges.append(Merge(cluster, tuple(c for c in old if c != cluster), tuple(joined)))
        self._remember(new, keys, merges)
        return sorted(merges, key=lambda m: m.cluster)

    def cluster_of(self, doc_id: str) -> str | None:
        return self._cluster.get(doc_id)

    def _candidates(self, keys: list[str]) -> Iterable[Candidate]:
        if self.lookup is not None:
            return self.lookup(keys)
        shared: dict[str, set[str]] = {}
        for key in keys:
            for doc in self._bands.get(key, ()):
                shared.setdefault(doc, set()).add(key)
        return [
            Candidate(d, self._signatures[d], self._cluster[d], frozenset(shared[d]))
            for d in sorted(shared)
        ]

    def _remember(
        self, new: dict[str, Signature], keys: dict[str, list[str]], merges: list[Merge]
    ) -> None:
        if self.lookup is not None:
            return
        for doc, sig in new.items():
            self._signatures[doc] = sig
            for key in keys[doc]:
                self._bands.setdefault(key, set()).add(doc)
        for merge in merges:
            absorbed = set(merge.absorbed)
            for doc, cluster in self._cluster.items():
                if cluster in absorbed:
                    self._cluster[doc] = merge.cluster
            for doc in merge.members:
                self._cluster[doc] = merge.cluster
