"""Values kept per process under a key that names what they are made from.

A worker keeps what is costly to make and the same for every reader (a page
of a status report, a rendered table, a summary): the key names exactly the
data it comes from (a revision, a version, a language), so nothing kept is
ever out of date, only dropped when least recently used.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Kept(Generic[V]):
    """At most `limit` values, the least recently used dropped first."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._kept: OrderedDict[Hashable, V] = OrderedDict()

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value kept under `key`, or `make()`'s, kept from now on."""
        if key in self._kept:
            self._kept.move_to_end(key)
            return self._kept[key]
        value = self._kept[key] = make()
        while len(self._kept) > self.limit:
            self._kept.popitem(last=False)
        return value

    def clear(self) -> None:
        self._kept.clear()
