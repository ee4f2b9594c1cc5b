"""Serve an app with gunicorn on loopback for the length of a measurement."""

import os
import socket
import subprocess  # nosec B404  # the bench serves the app with gunicorn processes
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from gunicorn.config import KNOWN_SETTINGS

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
START_TIMEOUT = 60


@dataclass(frozen=True)
class ServerSettings:
    workers: int
    worker_class: str  # "sync" or "gthread"
    threads: int

    def describe(self) -> str:
        threads = f" x {self.threads} threads" if self.worker_class == "gthread" else ""
        return f"{self.workers} {self.worker_class} workers{threads}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Server:
    base_url: str
    pid: int

    def cpu_seconds(self) -> float | None:
        """CPU time used so far by the server's processes (Linux), whatever else runs."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        try:
            for entry in os.listdir("/proc"):
                if not entry.isdigit():
                    continue
                try:
                    fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                # After the name: state, ppid, ... utime (14th field), stime (15th).
                if int(entry) == self.pid or int(fields[1]) == self.pid:
                    total += int(fields[11]) + int(fields[12])
        except OSError:
            return None
        return total / ticks


@contextmanager
def gunicorn(application: str, settings: ServerSettings, environment: dict) -> Iterator[Server]:
    """Serve ``application`` (``module:name``) on loopback while the block runs."""
    port = free_port()
    command = [
        str(GUNICORN),
        f"--workers={settings.workers}",
        f"--worker-class={settings.worker_class}",
        f"--threads={settings.threads}",
        f"--bind=127.0.0.1:{port}",
        "--backlog=2048",
        "--log-level=warning",
    ]
    if any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS):
        # gunicorn 25 and later opens one control socket per user: each server started
        # here would take it from the others, and from a `make run` serving meanwhile.
        command.append("--no-control-socket")
    command.append(application)
    process = subprocess.Popen(command, cwd=ROOT, env=environment)  # nosec B603  # a fixed gunicorn command, no shell
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(base_url, process)
        yield Server(base_url, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_serving(base_url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:  # nosec B310  # the loopback server the bench started
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {base_url} within {START_TIMEOUT} s")
