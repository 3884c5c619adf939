"""PDFs for the web workers, rendered in a child process (`python -m tracker.pdf`).

WeasyPrint and its fonts add about 45 MB to a process that has rendered once,
and a web worker would keep them for good; a child (about 0.4 s to start)
gives them back at once and keeps the workers lean. A crash or a runaway
document kills only the child. This module does not import WeasyPrint.
"""

from __future__ import annotations

import asyncio
import sys

TIMEOUT = 120  # seconds a PDF may take before its process is killed
PER_WORKER = 1  # PDFs rendered at once per web worker; the others wait their turn

MAX_WAITING = 6  # PDFs waiting their turn per worker; more are refused (Busy)
RETRY_AFTER = 30  # seconds a refused request is told to wait

_slots: asyncio.Semaphore | None = None
_waiting = 0


class Busy(RuntimeError):
    """Too many PDFs already wait in this worker: refused at once, so a burst
    of requests cannot make every later one wait minutes for its turn."""


async def render_pdf_isolated(html: str) -> bytes:
    """`tracker.pdf.render_pdf` in a child process; RuntimeError if it fails or
    runs past TIMEOUT. A request that goes away takes its child with it.

    A child killed by a signal (a crash in the native libraries, or killed
    from outside; seen once under a loaded test run, with nothing on stderr)
    is tried once more: the same HTML renders the same way, so a second death
    is a real failure. Busy when MAX_WAITING others wait already."""
    global _slots, _waiting
    _slots = _slots or asyncio.Semaphore(PER_WORKER)
    if _slots.locked() and _waiting >= MAX_WAITING:
        raise Busy(f"{_waiting} PDFs are waiting already")
    _waiting += 1
    try:
        await _slots.acquire()
    finally:
        _waiting -= 1
    try:
        return await _render_once(html)
    except _Killed:
        return await _render_once(html)
    finally:
        _slots.release()


class _Killed(RuntimeError):
    """The child died by a signal."""


async def _render_once(html: str) -> bytes:
    """One child renders `html`; _Killed if a signal ended it."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tracker.pdf",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(html.encode()), TIMEOUT)
    except TimeoutError:
        raise RuntimeError(f"PDF rendering took more than {TIMEOUT} s") from None
    finally:
        if process.returncode is None:  # timed out, or the request was cancelled
            process.kill()
            await process.wait()
    if process.returncode < 0:
        raise _Killed(
            f"PDF rendering failed: its process was killed by signal {-process.returncode}"
        )
    if process.returncode != 0 or not out.startswith(b"%PDF-"):
        raise RuntimeError(f"PDF rendering failed: {err.decode(errors='replace')[-2000:]}")
    return out
