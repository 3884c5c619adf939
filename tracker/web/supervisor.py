"""A small pre-fork supervisor: one listening socket, N uvicorn workers.

`tracker serve` prepares the database, then replaces itself with this module
(`python -m tracker.web.supervisor`), which imports almost nothing: the parent
stays at a few MB, and each worker imports the app after the fork. uvicorn's
own multi-worker mode would keep a heavier parent plus a resource-tracker
process. A worker that dies is started again; SIGTERM or SIGINT stops all.
The supervisor also starts the notify runs (`NotifyRuns`).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import signal
import socket
import sys
import time
from collections.abc import Iterator

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
        _as_child()
        try:
            run_worker(sock)
        finally:
            os._exit(0)
    return pid


STOPS = {signal.SIGTERM, signal.SIGINT}


@contextlib.contextmanager
def _stops_held() -> Iterator[None]:
    """SIGTERM and SIGINT wait while a child is forked and recorded: a stop
    in between would miss the new child (never told to stop), or reach the
    child while it still has the supervisor's handler. A forked child lets
    them through again in `_as_child`, once its own handlers are set."""
    signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)


def _as_child() -> None:
    """In a forked child: the signals as a fresh process has them (the
    supervisor's handlers and its blocked signals are its own)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD, *STOPS})


class NotifyRuns:
    """`tracker notify --quiet` every `interval` seconds, in a short-lived child.

    The supervisor starts the runs itself (a loop process of its own held
    about 10 MB for the life of the server). Its run lock
    (tracker/notifications/runner.py) lets one run at a time work across every
    server of the database; a run that finds it held does nothing. The planning
    and sending happen in that child, so their memory is returned when it
    ends and no web worker's loop ever waits for them; it runs at a lower
    priority (NOTIFY_NICENESS) than the workers. The next run is due
    `interval` seconds after the last one ended.
    """

    def __init__(self, interval: int) -> None:
        self.interval = interval
        self.running: int | None = None
        # First wait, so a server (re)started often does not run it each time.
        self.due = time.monotonic() + interval

    def wait(self) -> float:
        """Seconds until a run is due (the longest wait while one runs)."""
        if self.running is not None:
            return float(self.interval)
        return max(0.0, self.due - time.monotonic())

    def tick(self) -> None:
        """Start a run if one is due and none is running."""
        if self.running is None and time.monotonic() >= self.due:
            try:
                with _stops_held():
                    self.running = self._start()
            except OSError as exc:  # no fork now (memory, process limit): try again later
                print(f"tracker: cannot start a notify run: {exc}", file=sys.stderr)
                self.due = time.monotonic() + self.interval

    def ended(self, pid: int) -> bool:
        """Whether `pid` was the run (its end schedules the next)."""
        if pid != self.running:
            return False
        self.running = None
        self.due = time.monotonic() + self.interval
        return True

    def stop(self) -> None:
        if self.running is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.running, signal.SIGTERM)

    @staticmethod
    def _start() -> int:
        pid = os.fork()
        if pid == 0:
            try:
                _as_child()
                os.nice(NOTIFY_NICENESS)
                # Only stdin, stdout and stderr go on (as subprocess's close_fds
                # had it): not the listening socket nor the server's lock.
                os.closerange(3, os.sysconf("SC_OPEN_MAX"))
                os.execv(sys.executable, [sys.executable, "-m", "tracker", "notify", "--quiet"])
            finally:
                os._exit(127)
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
    # A child's end is waited for with a timeout (the next notify run):
    # SIGCHLD is blocked and taken with sigtimedwait, never lost in between.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
    children: set[int] = set()
    notify = NotifyRuns(notify_interval) if notify_interval > 0 else None
    stopping = False
    restarts: list[float] = []

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        if notify:
            notify.stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    with _stops_held():
        children.update(spawn(sock) for _ in range(workers))
    while children or (notify and notify.running):
        for pid in _ended():
            if notify and notify.ended(pid):
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
            with _stops_held():
                children.add(spawn(sock))
        if notify and not stopping:
            notify.tick()
        if children or (notify and notify.running):
            if notify and not stopping:
                signal.sigtimedwait({signal.SIGCHLD}, notify.wait())
            else:  # no run to start: only a child's end is waited for
                signal.sigwaitinfo({signal.SIGCHLD})
    return 0


def _ended() -> list[int]:
    """The children that have ended since last asked (reaped)."""
    found = []
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            break
        found.append(pid)
    return found


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
