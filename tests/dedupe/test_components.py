"""Connected groups are named by their smallest id, whatever the order of joins."""

from __future__ import annotations

import itertools

from dyadwatch.dedupe.components import Components

PAIRS = [("c", "d"), ("e", "a"), ("d", "e"), ("x", "y")]


def test_groups_take_their_smallest_id_in_any_order() -> None:
    results = []
    for order in itertools.permutations(PAIRS):
        groups = Components(["a", "b", "c", "d", "e", "x", "y"])
        for left, right in order:
            groups.union(left, right)
        results.append(groups.groups())
    assert all(r == results[0] for r in results)
    assert results[0] == {"a": {"a", "c", "d", "e"}, "b": {"b"}, "x": {"x", "y"}}
