"""Verification codes: 80 random bits, written in Crockford's base32.

Crockford's alphabet leaves out I, L, O and U, so a code read off paper and
typed back cannot confuse 1 with I or L, or 0 with O: typing those letters is
read as the digit, case never matters, and hyphens and spaces are ignored.
Sixteen characters carry exactly 80 bits from `secrets`; grouped by four
(`7K3M-Q9XD-2HPB-W4TZ`) they are easy to read aloud. A code says nothing by
itself: it is only a key into the register.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16  # characters; 5 bits each
BITS = 5 * LENGTH
GROUP = 4
TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None, "\t": None})
MAX_TYPED = 200  # anything longer is not a code someone typed


def new_code() -> str:
    """A fresh code, as stored: 16 characters of ALPHABET, no hyphens."""
    number = secrets.randbits(BITS)
    return "".join(ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(LENGTH)))


def normalize(typed: str | None) -> str | None:
    """The stored form of a typed or scanned code, or None if it cannot be one.

    Accepts any case, hyphens and spaces, the look-alike letters O, I and L,
    and a whole verification URL pasted in (its last path segment)."""
    if not typed or len(typed) > MAX_TYPED:
        return None
    text = typed.strip().rstrip("/").rsplit("/", 1)[-1]
    code = text.upper().translate(TYPOS)
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def grouped(code: str) -> str:
    """`7K3MQ9XD2HPBW4TZ` as printed and shown: `7K3M-Q9XD-2HPB-W4TZ`."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))
