"""Fixtures of the documents tests: a small world (see factories.make_world) and a real SMTP server."""

from __future__ import annotations

import pytest

from .factories import make_credentials, make_world


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def credentials(world):
    return make_credentials(world)


def _unused_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(tmp_path):
    """A real SMTP server process (aiosmtpd) writing what it receives to a Maildir."""
    import socket
    import subprocess
    import sys
    import time

    port, maildir = _unused_port(), tmp_path / "maildir"
    process = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", str(maildir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        for _attempt in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(process.stderr.read()) from None
                time.sleep(0.1)
        yield port, maildir
    finally:
        process.terminate()
        process.wait(timeout=10)
