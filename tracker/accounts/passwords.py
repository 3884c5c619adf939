"""Password hashing with scrypt from the standard library.

Hashing is slow on purpose (tens of milliseconds, 32 MB): callers on the event
loop use `hash_password_async`/`verify_password_async`, which run it in a thread.
The parameters are stored in each hash, so they can be raised later.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import secrets

from tracker import settings

# TRACKER_PASSWORD_COST is log2 of scrypt's N: 15 (the default) takes about
# 0.1 s and 32 MB; the test suite lowers it to 10 to stay fast.
N = 2 ** settings.password_cost()
R, P = 8, 1
MIN_LENGTH = 8


class WeakPassword(ValueError):
    pass


def _maxmem(n: int, r: int) -> int:
    """scrypt needs 128·r·N bytes; allow that plus room."""
    return 2 * 128 * r * n + 1024 * 1024


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"a password needs at least {MIN_LENGTH} characters")


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode(), salt=salt, n=N, r=R, p=P, maxmem=_maxmem(N, R), dklen=32
    )
    b64 = base64.b64encode
    return f"scrypt${N}${R}${P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=_maxmem(int(n), int(r)),
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


async def hash_password_async(password: str) -> str:
    return await asyncio.to_thread(hash_password, password)


async def verify_password_async(password: str, stored: str) -> bool:
    return await asyncio.to_thread(verify_password, password, stored)


# Verified against when the username is unknown, so timing does not tell.
# A constant (of a random password nobody knows): hashing one at import would
# cost every worker a 32 MB peak and a tenth of a second at start.
DUMMY_HASH = (
    f"scrypt${N}${R}${P}$c2FsdHNhbHRzYWx0c2FsdA==$mJcyEKaXQbTrXr0j2JLQX5Ns1a5tGnm+f3qGQyVWbMs="
)
