"""A small thread-safe least-recently-used cache for what is built from frozen records.

A frozen snapshot or a finished assessment run never changes, so what is built from it (a
snapshot's tables, a run's parsed result, a page's view, a province row's figures) can be kept
per process under a key that names that version. Each cache is bounded by a count chosen for
the size of what it holds.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class BoundedCache(Generic[V]):
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_build(self, key: Hashable, build: Callable[[], V], keep: bool = True) -> V:
        """The value kept under ``key``, or ``build()`` (outside the lock: two threads may build
        the same value once each, which is harmless for frozen runs); kept only if ``keep``."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = build()
        if keep:
            with self._lock:
                self._items[key] = value
                self._items.move_to_end(key)
                while len(self._items) > self.limit:
                    self._items.popitem(last=False)
        return value
