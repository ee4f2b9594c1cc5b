"""Run the real server (gunicorn) in its own process group, and talk to it like a browser.

Every test that serves the site from gunicorn starts it here: on a free port, without the
per-user control socket that servers started at the same time would fight over, its
output in a log file when asked, and stopped on the way out.
"""

import http.client
import os
import re
import signal
import socket
import subprocess  # nosec B404: the tests start the project's own server
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

from gunicorn.config import KNOWN_SETTINGS

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")
START_SECONDS = 60
CSRF_INPUT = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(database_url: str, **settings: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "live-server-secret",
        # Mail stays in the outbox: the tests read it there, and no .eml lands in instance/.
        "COMMUNITY_MAIL_DELIVERY_THREAD": "0",
        **settings,
    }


def gunicorn_command(port: int, app: str, workers: int, threads: int) -> list[str]:
    command = [str(GUNICORN), "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    if threads > 1:
        command += ["--worker-class", "gthread", "--threads", str(threads)]
    if any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS):
        command.append("--no-control-socket")
    return [*command, "--graceful-timeout", "5", app]


@contextmanager
def gunicorn(
    database_url: str,
    *,
    app: str = "wsgi:app",
    workers: int = 2,
    threads: int = 1,
    log: Path | None = None,
    **settings: str,
) -> Iterator["Server"]:
    """Serve ``app`` on a free port with ``settings`` as environment variables.

    The output goes to ``log`` (or nowhere); the server is stopped on the way out unless
    the test killed it.
    """
    port = free_port()
    with open(log or os.devnull, "w") as output:
        process = subprocess.Popen(  # nosec B603: a fixed command line
            gunicorn_command(port, app, workers, threads),
            cwd=ROOT,
            env=server_environment(database_url, **settings),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(process, port, log)
    try:
        server.wait_until_up()
        yield server
    finally:
        server.stop()


class Server:
    def __init__(self, process: subprocess.Popen, port: int, log: Path | None = None) -> None:
        self.process = process
        self.port = port
        self.log = log

    def wait_until_up(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited before serving:\n{self.log_tail()}")
            try:
                if Browser(self.port).get("/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer /healthz in time:\n{self.log_tail()}")

    def log_tail(self) -> str:
        return self.log.read_text()[-3000:] if self.log else "(no log kept)"

    def kill(self) -> None:
        """SIGKILL the master and every worker at once: no shutdown, no cleanup."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


class Browser:
    """Keep a session cookie and read CSRF tokens, as a browser does; follow no redirect."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.token = ""

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode({**form, "csrf_token": self.token})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";")[0]
        found = CSRF_INPUT.search(text)
        if found:
            self.token = found.group(1)
        return response.status, text

    def get(self, path: str) -> tuple[int, str]:
        return self.request("GET", path)

    def post(self, path: str, form: dict) -> tuple[int, str]:
        return self.request("POST", path, form)

    def log_in(self, username: str, password: str) -> None:
        self.get("/auth/login")
        status, _ = self.post("/auth/login", {"identifier": username, "password": password})
        assert status == 302, f"{username} could not log in"
