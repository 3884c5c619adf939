"""Calendar feed tokens: a calendar app subscribes by URL and cannot log in.

A party's feed URL carries an HMAC of the party key under the app's secret,
shown only to logged-in users. It opens that party's deadlines and nothing
else; rotating the secret (`setting` table) revokes every feed link.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache


@lru_cache(maxsize=4096)
def feed_token(secret: str, party: str) -> str:
    """The token of a party's feed (a status page shows one per party listed)."""
    return hmac.new(secret.encode(), f"ical:{party}".encode(), hashlib.sha256).hexdigest()[:32]


def valid_token(secret: str, party: str, token: str | None) -> bool:
    return bool(token) and hmac.compare_digest(feed_token(secret, party).encode(), token.encode())
