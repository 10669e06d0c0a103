"""Story clusters as connected components, each named by its smallest doc_id."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from dyadwatch.dedupe.components import Components
from dyadwatch.dedupe.minhash import PERMUTATIONS, Signature, band_keys, near_duplicate_rows

__all__ = ["Candidates", "ClusterIndex", "Lookup", "Merge"]


@dataclass(frozen=True, slots=True)
class Merge:
    """Clusters ``absorbed`` (ids of earlier clusters) now all have the id ``cluster``."""

    cluster: str
    absorbed: tuple[str, ...]
    members: tuple[str, ...]  # the new articles that joined


@dataclass(frozen=True, slots=True)
class Candidates:
    """Known articles sharing band keys with new ones: one row each of ``signatures``."""

    doc_ids: list[str]
    clusters: list[str]
    signatures: npt.NDArray[np.uint32]  # shape (len(doc_ids), PERMUTATIONS)

    @staticmethod
    def of(rows: Iterable[tuple[str, str, Signature]]) -> Candidates:
        """From (doc_id, cluster, signature) rows."""
        listed = list(rows)
        matrix = np.array([sig for _, _, sig in listed], dtype=np.uint32)
        return Candidates(
            [doc for doc, _, _ in listed],
            [cluster for _, cluster, _ in listed],
            matrix.reshape(len(listed), PERMUTATIONS),
        )


# Known articles sharing any of the band keys given, with their clusters and signatures.
Lookup = Callable[[list[str]], Candidates]


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
        found = self._candidates(sorted({k for ks in keys.values() for k in ks}))
        kept = [i for i, doc in enumerate(found.doc_ids) if doc not in new]
        known = {found.doc_ids[i]: found.clusters[i] for i in kept}
        new_ids = sorted(new)
        ids = [*new_ids, *(found.doc_ids[i] for i in kept)]
        rows = np.vstack(
            [
                np.array([new[d] for d in new_ids], dtype=np.uint32),
                found.signatures[kept].reshape(len(kept), PERMUTATIONS),
            ]
        )
        groups = Components(ids)
        # Known articles of one cluster are one component already.
        first_known: dict[str, str] = {}
        for doc in sorted(known):
            groups.union(doc, first_known.setdefault(known[doc], doc))
        for doc in new_ids:
            for row in np.flatnonzero(near_duplicate_rows(new[doc], rows)):
                groups.union(doc, ids[row])
        merges = []
        for members in groups.groups().values():
            joined = sorted(d for d in members if d in new)
            if not joined:
                continue
            old = sorted({known[d] for d in members if d in known})
            cluster = min([*joined, *old])
            merges.append(Merge(cluster, tuple(c for c in old if c != cluster), tuple(joined)))
        self._remember(new, keys, merges)
        return sorted(merges, key=lambda m: m.cluster)

    def cluster_of(self, doc_id: str) -> str | None:
        return self._cluster.get(doc_id)

    def _candidates(self, keys: list[str]) -> Candidates:
        if self.lookup is not None:
            return self.lookup(keys)
        docs = sorted({doc for key in keys for doc in self._bands.get(key, ())})
        return Candidates.of((d, self._cluster[d], self._signatures[d]) for d in docs)

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
