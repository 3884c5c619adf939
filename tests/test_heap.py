"""Long-lived read models are frozen out of the garbage collector's way (tracker/heap.py)."""

from __future__ import annotations

import gc
import time

from tracker import heap


def test_a_slow_request_in_a_served_worker_freezes_what_it_built():
    gc.unfreeze()
    try:
        heap.settle(time.perf_counter() - 1)  # not a served worker: nothing frozen
        assert gc.get_freeze_count() == 0
        heap.enable()
        built = [{"action": i} for i in range(1000)]  # a read model, tracked by the collector
        heap.settle(time.perf_counter())  # a quick request: nothing frozen
        assert gc.get_freeze_count() == 0
        heap.settle(time.perf_counter() - 1)
        assert gc.get_freeze_count() >= len(built)
    finally:
        heap._enabled = False
        gc.unfreeze()
