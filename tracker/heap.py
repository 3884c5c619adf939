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

While such a model is being built (`paused`), the collector does not run at
all: building one allocates hundreds of thousands of objects, each batch of
which set off a collection that walked everything allocated so far. On
dataset L that was a fifth of the first request as of a new day (about
0.4 of 1.9 s), all of it spent finding nothing: a read model has no garbage.
In a served worker the collector stays off until that request is over;
then `settle` walks the new objects once (the request's own garbage
cycles are found then), freezes the rest and turns it on again.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
from collections.abc import Iterator

SLOW = 0.05  # seconds: a request this long may have built a read model
LONGEST_OFF = 10.0  # seconds: builds overlapping for longer do not keep the collector off
_enabled = False
_pausing = 0  # builders running now (coroutines interleave: a count, not a flag)
_was_enabled = False
_deferred = False  # a served worker's collector is off until `settle` (see the module)
_off_since = 0.0  # when `paused` last turned the collector off
_lock = threading.Lock()  # tests drive apps from more than one thread


def enable() -> None:
    """Freeze after slow requests in this process: a served worker's, not a
    test run's, where apps come and go and their cycles must be collected."""
    global _enabled
    _enabled = True


def settle(started: float) -> None:
    """Call after a request that began at `started` (`time.perf_counter()`)."""
    global _deferred
    now = time.perf_counter()
    # A model was built: collect once, now the page is sent (at once after
    # LONGEST_OFF, should builds keep overlapping).
    if _deferred and (_pausing == 0 or now - _off_since > LONGEST_OFF):
        _deferred = False
        gc.collect(1)
        gc.freeze()
        gc.enable()
    elif _enabled and now - started >= SLOW:
        gc.collect(1)
        gc.freeze()


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No automatic collection while a read model is built (see the module).
    Reference counting still frees what is dropped; cycles wait for the next
    collection after the last builder ends (in a served worker, after the
    request: `settle`). Nests, and holds across awaits."""
    global _pausing, _was_enabled, _deferred, _off_since
    with _lock:
        if _pausing == 0 and not _deferred:
            _was_enabled = gc.isenabled()
            gc.disable()
            _off_since = time.perf_counter()
        _pausing += 1
    try:
        yield
    finally:
        with _lock:
            _pausing -= 1
            if _pausing == 0 and _was_enabled:
                if _enabled:
                    _deferred = True  # on again in `settle`, after the response
                else:
                    gc.enable()
