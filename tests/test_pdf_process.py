"""PDFs render in a child process; a child killed by a signal is tried once more."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest
from conftest import run

from tracker.pdf_process import render_pdf_isolated

HTML = "<html><body>" + "<p>Rencana aksi bersama Bali dan NTT.</p>" * 2000 + "</body></html>"


async def next_child(seen: set[int]) -> int:
    """The pid of this process's next `tracker.pdf` child, once it runs."""
    for _ in range(600):
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) in seen:
                continue
            try:
                stat = (entry / "stat").read_text()
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == os.getpid() and b"tracker.pdf" in command:
                seen.add(int(entry.name))
                return int(entry.name)
        await asyncio.sleep(0.01)
    raise AssertionError("no PDF child started")


def test_a_child_killed_mid_render_is_tried_once_more():
    async def go():
        seen: set[int] = set()
        rendering = asyncio.create_task(render_pdf_isolated(HTML))
        os.kill(await next_child(seen), signal.SIGKILL)
        assert (await rendering).startswith(b"%PDF-")

    run(go())


def test_a_child_killed_twice_is_a_failure_that_names_the_signal():
    async def go():
        seen: set[int] = set()
        rendering = asyncio.create_task(render_pdf_isolated(HTML))
        os.kill(await next_child(seen), signal.SIGKILL)
        os.kill(await next_child(seen), signal.SIGKILL)
        with pytest.raises(RuntimeError, match="killed by signal 9"):
            await rendering

    run(go())
