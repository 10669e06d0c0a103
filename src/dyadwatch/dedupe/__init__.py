"""Near-duplicate articles: MinHash signatures, LSH candidates, story clusters.

A wire story reprinted on twenty sites, or a page re-published with a corrected
paragraph, has a cluster id shared by all its versions, so counts can be taken per
story while every report (and its events) is kept. Pure: no I/O; the store keeps the
signatures and cluster ids (see :meth:`dyadwatch.store.Store.assign_clusters`).

Clusters are the connected components of the "near-duplicate" relation and a
cluster's id is the smallest doc_id in it, so the result does not depend on the order
in which articles arrive, and adding articles one batch at a time (incrementally)
gives the same clusters as adding them all at once.
"""

from dyadwatch.dedupe.clusters import Candidates, ClusterIndex, Lookup, Merge
from dyadwatch.dedupe.minhash import (
    BANDS,
    PERMUTATIONS,
    SCHEME,
    Signature,
    band_keys,
    is_near_duplicate,
    near_duplicate_rows,
    pack_signature,
    signature,
    signature_rows,
    similarity,
    unpack_signature,
)

__all__ = [
    "BANDS",
    "PERMUTATIONS",
    "SCHEME",
    "Candidates",
    "ClusterIndex",
    "Lookup",
    "Merge",
    "Signature",
    "band_keys",
    "is_near_duplicate",
    "near_duplicate_rows",
    "pack_signature",
    "signature",
    "signature_rows",
    "similarity",
    "unpack_signature",
]
