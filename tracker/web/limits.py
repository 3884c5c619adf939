"""Limits on what one person or address may ask for in a while, per process.

In process on purpose: a limit that holds per worker is enough to keep one
client from filling a queue (PDFs, file comparisons), and it costs no write.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque


class Limiter:
    """At most `limit` events per `window` seconds per key, in this process."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        self.events: dict[str, deque[float]] = defaultdict(deque)

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        events = self.events[key]
        while events and events[0] <= now - self.window:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(now)
        if len(self.events) > 10_000:  # forget idle addresses
            for idle in [k for k, v in self.events.items() if not v][:5_000]:
                del self.events[idle]
        return True

    def reset(self) -> None:
        """Forget every event (tests start each from none)."""
        self.events.clear()
