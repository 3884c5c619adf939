"""A small pre-fork supervisor: one listening socket, N uvicorn workers.

`tracker serve` prepares the database, then replaces itself with this module
(`python -m tracker.web.supervisor`), which imports almost nothing: the parent
stays at a few MB, and each worker imports the app after the fork. uvicorn's
own multi-worker mode would keep a heavier parent plus a resource-tracker
process. A worker that dies is started again; SIGTERM or SIGINT stops all.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import signal
import socket
import subprocess
import sys
import time

MAX_RESTARTS_PER_MINUTE = 10
# The notifier runs below the web workers' priority: on a busy machine a
# planning run (a second or more of CPU) waits, instead of pausing pages
# (it showed as p99 spikes of 450 ms in a benchmark).
NOTIFY_NICENESS = 10


def run_worker(sock: socket.socket) -> None:
    import uvicorn

    from tracker import heap

    heap.enable()

    config = uvicorn.Config(
        "tracker.web.app:create_app",
        factory=True,
        loop="uvloop",
        http="httptools",
        ws="none",  # no websockets here: their module is never imported
        log_level="warning",
        access_log=False,
        proxy_headers=True,
    )
    uvicorn.Server(config).run(sockets=[sock])


def spawn(sock: socket.socket) -> int:
    pid = os.fork()
    if pid == 0:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        try:
            run_worker(sock)
        finally:
            os._exit(0)
    return pid


def notify_loop(interval: int) -> None:
    """Every `interval` seconds, `tracker notify --quiet` in a child process.

    Its run lock (tracker/notifications/runner.py) lets one run at a time work
    across every server of the database; a run that finds it held does nothing.
    The planning and sending happen in that short-lived child, so their memory
    is returned when it ends and no web worker's loop ever waits for them;
    it runs at a lower priority (NOTIFY_NICENESS) than the workers.
    """
    os.nice(NOTIFY_NICENESS)  # this loop and every run it starts
    current: list[subprocess.Popen] = []

    def stop(signum: int, frame: object) -> None:
        for child in current:
            with contextlib.suppress(ProcessLookupError):
                child.terminate()
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while True:
        # First wait, so a server (re)started often does not run it each time.
        time.sleep(interval)
        child = subprocess.Popen([sys.executable, "-m", "tracker", "notify", "--quiet"])
        current[:] = [child]
        child.wait()
        current.clear()


def spawn_notifier(interval: int) -> int:
    pid = os.fork()
    if pid == 0:
        try:
            notify_loop(interval)
        finally:
            os._exit(0)
    return pid


def listen(host: str, port: int) -> socket.socket:
    """The listening socket; OSError when the address cannot be had."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    return sock


def bind_problem(host: str, port: int, exc: OSError) -> str:
    """One plain sentence (no traceback) on why the server cannot listen, and
    what to do: which port is taken and how to choose another."""
    if exc.errno == errno.EADDRINUSE:
        free = next((p for p in range(port + 1, port + 50) if _free(host, p)), None)
        example = free or port + 1
        return (
            f"port {port} on {host} is already taken (another tracker or another program "
            f"is listening there). Choose another port with --port, for example "
            f"`scripts/run --port {example}` or `tracker serve --port {example}`"
            + (f" ({example} is free)." if free else ".")
        )
    if exc.errno == errno.EACCES:
        return (
            f"not allowed to listen on port {port} (ports below 1024 need root). "
            "Choose another port with --port, for example --port 8000."
        )
    return f"cannot listen on {host}:{port}: {exc.strerror or exc}. Check --host and --port."


def _free(host: str, port: int) -> bool:
    try:
        listen(host, port).close()
    except OSError:
        return False
    return True


def check_address(host: str, port: int) -> str | None:
    """None if the server could listen at host:port now, else what is wrong."""
    try:
        listen(host, port).close()
    except OSError as exc:
        return bind_problem(host, port, exc)
    return None


def serve(host: str, port: int, workers: int, notify_interval: int = 0) -> int:
    try:
        sock = listen(host, port)
    except OSError as exc:
        print(f"tracker serve: {bind_problem(host, port, exc)}", file=sys.stderr)
        return 1
    sock.set_inheritable(True)

    children = {spawn(sock) for _ in range(workers)}
    notifier = spawn_notifier(notify_interval) if notify_interval > 0 else None
    if notifier:
        children.add(notifier)
    stopping = False
    restarts: list[float] = []

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while children:
        try:
            pid, _ = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        children.discard(pid)
        if stopping:
            continue
        now = time.monotonic()
        restarts = [t for t in restarts if now - t < 60] + [now]
        if len(restarts) > MAX_RESTARTS_PER_MINUTE:
            print("tracker: workers keep dying; stopping", file=sys.stderr)
            stop(signal.SIGTERM, None)
            continue
        if pid == notifier:
            notifier = spawn_notifier(notify_interval)
            children.add(notifier)
        else:
            children.add(spawn(sock))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="tracker.web.supervisor")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--notify-interval", type=int, default=0, help="seconds between notify runs; 0: none"
    )
    args = parser.parse_args()
    return serve(args.host, args.port, max(1, args.workers), max(0, args.notify_interval))


if __name__ == "__main__":
    sys.exit(main())
