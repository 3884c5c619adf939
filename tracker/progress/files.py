"""Uploaded files kept once per content (SHA-256) in `evidence_file`: the
evidence of progress updates and the signed scans of notulen share it, with
the same limits and the same backups."""

from __future__ import annotations

from tracker.progress.tables import EvidenceFile


async def keep(digest: str, data: bytes) -> None:
    """Store the bytes under their digest, inside the caller's write transaction;
    the same file kept twice (even at once) is stored once."""
    await (
        EvidenceFile.insert(EvidenceFile(sha256=digest, data=data))
        .on_conflict(target=EvidenceFile.sha256, action="DO NOTHING")
        .run()
    )


async def read(digest: str) -> bytes:
    """The bytes kept under a digest (empty if none are)."""
    row = (
        await EvidenceFile.select(EvidenceFile.data)
        .where(EvidenceFile.sha256 == digest)
        .first()
        .run()
    )
    return bytes(row["data"]) if row else b""
