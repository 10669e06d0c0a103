"""Connected groups of ids (union-find), the smallest id standing for its group.

Both near-duplicate articles and reports of one event are connected groups of a
"same as" relation; taking the smallest id as the group's name keeps the result the
same whatever order the ids arrive in.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["Components"]


class Components:
    """Groups of ids joined pair by pair."""

    def __init__(self, ids: Iterable[str]) -> None:
        self._parent = {i: i for i in ids}

    def find(self, item: str) -> str:
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]  # path halving keeps the chains short
            item = parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self._parent[max(root_a, root_b)] = min(root_a, root_b)

    def groups(self) -> dict[str, set[str]]:
        """Each group's members, keyed by its smallest id."""
        found: dict[str, set[str]] = {}
        for item in self._parent:
            found.setdefault(self.find(item), set()).add(item)
        return found
