"""The long-lived read models, kept out of the garbage collector's way.

A worker keeps large read models: the latest update of every action and
part, the catalog of actions, kept status reports (about 825,000 objects the
collector tracks on dataset L). Python's full collection walks every one of
them; under load on L it paused a worker for up to 385 ms every few seconds.

A request that took long most likely built such a model. After it, the young
generations are collected (cheap) and everything still alive is frozen
(`gc.freeze`): moved where collections never look. Frozen objects are still
freed as soon as nothing refers to them (reference counting); only garbage
in reference cycles among them would wait, and the young collection just
before the freeze leaves little of that.
"""

from __future__ import annotations

import gc
import time

SLOW = 0.05  # seconds: a request this long may have built a read model
_enabled = False


def enable() -> None:
    """Freeze after slow requests in this process: a served worker's, not a
    test run's, where apps come and go and their cycles must be collected."""
    global _enabled
    _enabled = True


def settle(started: float) -> None:
    """Call after a request that began at `started` (`time.perf_counter()`)."""
    if _enabled and time.perf_counter() - started >= SLOW:
        gc.collect(1)
        gc.freeze()
