"""Near-duplicate clusters: reprints join, different stories don't, order never matters."""

from __future__ import annotations

import itertools
import random

import numpy as np

from dyadwatch.dedupe import (
    PERMUTATIONS,
    ClusterIndex,
    band_keys,
    is_near_duplicate,
    near_duplicate_rows,
    signature,
    similarity,
)
from dyadwatch.store import Store

WIRE = (
    "Ministers from the two neighbouring states met on Tuesday in the border town and agreed "
    "to reopen the mountain crossing that has been shut since the spring floods washed away "
    "the old bridge. Trucks carrying grain and fuel will be allowed through from next month, "
    "officials said, and a joint commission will inspect the new bridge every quarter. The "
    "agreement ends a long quarrel over who should pay for the repairs, which both sides had "
    "blamed on the other. Traders on both sides of the pass welcomed the news and said prices "
    "in the valley markets had doubled while the road was closed."
)
# A reprint: new opening words, one sentence cut, a closing line added by the site.
REPRINT = (
    "BORDER TOWN - Ministers from the two neighbouring states met on Tuesday in the border "
    "town and agreed to reopen the mountain crossing that has been shut since the spring "
    "floods washed away the old bridge. Trucks carrying grain and fuel will be allowed through "
    "from next month, officials said, and a joint commission will inspect the new bridge every "
    "quarter. Traders on both sides of the pass welcomed the news and said prices in the "
    "valley markets had doubled while the road was closed. Reporting by our regional desk."
)
# A corrected version of the reprint: one figure changed.
CORRECTED = REPRINT.replace("doubled", "tripled")
# The same event, written up independently.
OTHER_STORY = (
    "The crossing in the mountains will open again next month after the governments of the "
    "two countries settled their dispute over the cost of a replacement bridge, according to "
    "a statement from the transport ministry. Grain and fuel shipments are expected to resume "
    "first. Market traders in the valley, who saw prices climb during the closure, said they "
    "hoped the deal would hold through the winter."
)
UNRELATED = (
    "The coastal republic recalled its ambassador on Friday after a dispute over fishing "
    "rights in the shared bay grew sharper, with both navies sending patrol boats to the "
    "contested waters. The foreign ministry said talks would resume only when the other side "
    "withdrew its vessels and released the crews it had detained earlier in the week."
)

ARTICLES = {
    "d-wire": WIRE,
    "b-reprint": REPRINT,
    "c-corrected": CORRECTED,
    "a-other": OTHER_STORY,
    "e-unrelated": UNRELATED,
}


def clusters_of(order: list[str], batch: int) -> dict[str, str]:
    index = ClusterIndex()
    for start in range(0, len(order), batch):
        index.add([(d, signature(ARTICLES[d])) for d in order[start : start + batch]])
    return {d: index.cluster_of(d) or "" for d in ARTICLES}


def test_reprints_are_near_duplicates_and_other_stories_are_not() -> None:
    wire, reprint = signature(WIRE), signature(REPRINT)
    assert is_near_duplicate(wire, reprint)
    assert is_near_duplicate(reprint, signature(CORRECTED))
    assert similarity(wire, signature(OTHER_STORY)) < 0.1
    assert similarity(wire, signature(UNRELATED)) < 0.1


def test_signatures_are_stable() -> None:
    assert signature(WIRE) == signature(WIRE)
    assert signature(WIRE)[:3] == signature(WIRE.upper())[:3]  # case does not matter


def test_a_story_cluster_is_named_by_its_smallest_doc_id() -> None:
    got = clusters_of(list(ARTICLES), batch=len(ARTICLES))
    assert got == {
        "d-wire": "b-reprint",
        "b-reprint": "b-reprint",
        "c-corrected": "b-reprint",
        "a-other": "a-other",
        "e-unrelated": "e-unrelated",
    }


def test_order_and_batching_do_not_change_the_clusters() -> None:
    expected = clusters_of(list(ARTICLES), batch=len(ARTICLES))
    for order in itertools.permutations(ARTICLES):
        for batch in (1, 2, 5):
            assert clusters_of(list(order), batch) == expected, (order, batch)


def test_a_late_article_bridges_two_clusters() -> None:
    # A chain: left and right share too little to be one story, but each is a close
    # version of the middle one, which arrives last and joins them.
    base = [f"word{i}" for i in range(200)]
    left = " ".join(base[:130])
    middle = " ".join(base[35:165])
    right = " ".join(base[70:200])
    assert not is_near_duplicate(signature(left), signature(right))
    index = ClusterIndex()
    index.add([("x-left", signature(left)), ("z-right", signature(right))])
    assert index.cluster_of("z-right") == "z-right"
    merges = index.add([("y-middle", signature(middle))])
    assert {index.cluster_of(d) for d in ("x-left", "y-middle", "z-right")} == {"x-left"}
    assert merges[0].absorbed == ("z-right",)


def test_store_keeps_clusters_across_batches_and_runs(tmp_path: object) -> None:
    order = list(ARTICLES)
    random.Random(7).shuffle(order)
    with Store(":memory:") as store:
        for doc in order:
            store.cluster_articles({doc: signature(ARTICLES[doc])})
            store.mark_ingested({doc: "h-" + doc})
        got = store.clusters()
        assert store.ingested(["d-wire", "nope"]) == {"d-wire": "h-d-wire"}
        # Recording the same article again changes nothing.
        store.cluster_articles({"d-wire": signature(WIRE)})
        store.mark_ingested({"d-wire": "h-d-wire"})
        assert store.clusters() == got
    assert got == clusters_of(list(ARTICLES), batch=len(ARTICLES))


def test_rows_at_once_agree_with_pairs_one_by_one() -> None:
    # near_duplicate_rows is the pairwise rule (an LSH band shared, then the threshold),
    # vectorized: it must give the same answer on every pair.
    rng = random.Random(11)
    base = list(signature(WIRE))
    others: list[tuple[int, ...]] = [signature(t) for t in ARTICLES.values()]
    for changed in (0, 8, 40, 60, 64, 70, 100, 128):
        sig = list(base)
        for index in rng.sample(range(PERMUTATIONS), changed):
            sig[index] = rng.randrange(1 << 32)
        others.append(tuple(sig))
    matrix = np.array(others, dtype=np.uint32)
    got = near_duplicate_rows(tuple(base), matrix)
    for row, other in enumerate(others):
        pairwise = bool(set(band_keys(tuple(base))) & set(band_keys(other))) and (
            is_near_duplicate(tuple(base), other)
        )
        assert bool(got[row]) == pairwise, row
    assert got.sum() >= 3  # the wire copy and the lightly changed ones
