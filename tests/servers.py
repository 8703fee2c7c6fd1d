"""Start `newsdesk serve` (or another server) on a free loopback port for a test."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, log: Path | None = None,
                  timeout: float = 300) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail("server exited: " + (log.read_text()[-3000:] if log else ""))
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers (e.g. 401 behind auth)
        except OSError:
            time.sleep(0.5)
    proc.kill()
    pytest.fail("server did not start: " + (log.read_text()[-3000:] if log else ""))


@contextmanager
def newsdesk_server(log: Path, *args: str, command: str = "serve"):
    """Yields (url, process); the log file collects its output."""
    port = free_port()
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "newsdesk", command, "--port", str(port),
                                 *args], stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/"
        try:
            wait_until_up(url, proc, log)
            yield url, proc
        finally:
            proc.terminate()
            proc.wait(timeout=30)
