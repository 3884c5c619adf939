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


class _Cycle:
    """Garbage only the collector can free (it refers to itself)."""

    def __init__(self) -> None:
        self.me = self


def _reset() -> None:
    heap._enabled = heap._deferred = False
    heap._pausing = 0
    gc.enable()
    gc.unfreeze()


def test_no_collection_while_a_read_model_is_built_then_on_again():
    _reset()
    try:
        with heap.paused():
            assert not gc.isenabled()
            with heap.paused():  # builders nest (a catalog inside a report)
                assert not gc.isenabled()
            assert not gc.isenabled()  # the outer one is still building
        assert gc.isenabled()
        gc.disable()  # someone else's choice is kept
        with heap.paused():
            pass
        assert not gc.isenabled()
    finally:
        _reset()


def test_a_served_worker_collects_once_the_request_that_built_is_over():
    _reset()
    try:
        heap.enable()
        before = gc.get_freeze_count()
        with heap.paused():
            built = [{"action": i} for i in range(1000)]
            _Cycle()  # the request's own garbage
        # The page is still being rendered: no collection walks the new model yet.
        assert not gc.isenabled()
        collected_before = gc.get_stats()[1]["collected"]
        heap.settle(time.perf_counter())  # even a quick request ends the pause
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + len(built)  # the model is frozen...
        assert gc.get_stats()[1]["collected"] > collected_before  # ...the cycle collected first
        with heap.paused():
            pass
        assert not gc.isenabled()  # the next build defers again
        heap.settle(time.perf_counter())
        assert gc.isenabled()
    finally:
        _reset()


def test_builds_that_keep_overlapping_do_not_keep_the_collector_off():
    _reset()
    try:
        heap.enable()
        with heap.paused():
            pass
        with heap.paused():  # another build began before any request ended
            heap.settle(time.perf_counter())
            assert not gc.isenabled()  # a build is running: not yet
            heap._off_since -= heap.LONGEST_OFF + 1  # ...but off for too long now
            heap.settle(time.perf_counter())
            assert gc.isenabled()
    finally:
        _reset()
