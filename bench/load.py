"""Drive GET requests at a URL from a separate process: wrk where installed, else Python."""

import dataclasses
import http.client
import re
import shutil
import statistics
import subprocess  # nosec B404  # the load generator is wrk, a process of its own
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Measurement:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    # Server CPU time per request: steady whatever else the machine runs.
    cpu_ms: float | None = None


def load_generator() -> str:
    return "wrk" if shutil.which("wrk") else "python"


def measure(server, path: str, duration: float, concurrency: int, cookie: str = "") -> Measurement:
    """Send GETs to ``path`` over ``concurrency`` connections for ``duration`` seconds.

    With ``cookie``, as the member whose session it is.
    """
    url = server.base_url + path
    cpu_before = server.cpu_seconds()
    if shutil.which("wrk"):
        result = _wrk(url, duration, concurrency, cookie)
    else:
        result = _python_load(url, duration, concurrency, cookie)
    cpu_after = server.cpu_seconds()
    if cpu_before is None or cpu_after is None or not result.requests:
        return result
    cpu_ms = (cpu_after - cpu_before) * 1000 / result.requests
    return dataclasses.replace(result, cpu_ms=cpu_ms)


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk(url: str, duration: float, concurrency: int, cookie: str = "") -> Measurement:
    threads = min(2, concurrency)
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    output = subprocess.run(  # nosec B603 B607  # wrk from PATH with fixed arguments, no shell
        ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{duration:g}s", "--latency", *headers, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> Measurement:
    """Read throughput, the latency percentiles, and failures from wrk's report."""

    def latency(percentile: str) -> float:
        match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        return float(match.group(1)) * _UNITS_MS[match.group(2)]

    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        # A read error is a server closing a connection after its response (sync workers).
        connect, _read, write, timeout = (int(value) for value in socket_errors.groups())
        errors += connect + write + timeout
    return Measurement(rate, latency("50"), latency("99"), requests, errors)


def _python_load(url: str, duration: float, concurrency: int, cookie: str = "") -> Measurement:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors = [0] * concurrency
    deadline = time.monotonic() + duration

    def client(index: int) -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    errors[index] += 1
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                connection.close()
                continue
            latencies[index].append((time.perf_counter() - started) * 1000)
        connection.close()

    started = time.monotonic()
    workers = [threading.Thread(target=client, args=(i,)) for i in range(concurrency)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    every = sorted(value for values in latencies for value in values)
    if not every:
        return Measurement(0.0, 0.0, 0.0, 0, sum(errors))
    return Measurement(
        len(every) / elapsed,
        statistics.median(every),
        every[min(len(every) - 1, int(len(every) * 0.99))],
        len(every),
        sum(errors),
    )
