"""TLS to a team server: the certificate is verified against the server's name by default.

Needs a server with TLS on (``.ci/run`` sets it up with a self-signed CA) and DESK_TEST_PG_CA naming that
CA's certificate; skipped otherwise.
"""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from desk.clock import FakeClock
from desk.store.engine import StoreError, open_store
from tests.helpers.proxy import TcpProxy

PG_URL = os.environ.get("DESK_TEST_PG_URL", "")
CA = os.environ.get("DESK_TEST_PG_CA", "")
pytestmark = pytest.mark.skipif(
    not PG_URL or not CA, reason="DESK_TEST_PG_URL / DESK_TEST_PG_CA not set (no PostgreSQL server with TLS)"
)


def _with(url: str, **query: str) -> str:
    return make_url(url).update_query_dict(query).render_as_string(hide_password=False)


def _outward_address() -> str:
    """This machine's address on its network (not loopback), as another workstation would reach it."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # nothing is sent: this only picks the outgoing interface
        return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


@pytest.fixture
def remote() -> Iterator[TcpProxy]:
    """The test server as seen from another machine: through this machine's network address."""
    address = _outward_address()
    if address.startswith("127."):
        pytest.skip("no network address besides loopback")
    parsed = make_url(PG_URL)
    proxy = TcpProxy(parsed.host or "localhost", parsed.port or 5432, listen_host=address)
    yield proxy
    proxy.close()


def test_a_verified_connection_uses_tls(clock: FakeClock) -> None:
    url = _with(PG_URL, sslmode="verify-full", sslrootcert=CA)
    store = open_store(url, clock=clock)
    try:
        with store.read() as session:
            assert session.execute(text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).scalar()
    finally:
        store.close()


def test_a_certificate_from_another_authority_is_refused_with_a_clear_message(clock: FakeClock, tmp_path: Path) -> None:
    other_ca = tmp_path / "other-ca.crt"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=not ours",
         "-keyout", str(tmp_path / "other.key"), "-out", str(other_ca)],
        check=True, capture_output=True,
    )  # fmt: skip
    with pytest.raises(StoreError) as refused:
        open_store(_with(PG_URL, sslmode="verify-full", sslrootcert=str(other_ca)), clock=clock)
    assert refused.value.code == "server_tls"
    assert "certificate" in str(refused.value) and "sslrootcert" in str(refused.value)


def test_a_server_on_another_machine_is_verified_by_default(remote: TcpProxy, clock: FakeClock) -> None:
    url = remote.url(PG_URL)
    assert "sslmode" not in url
    with pytest.raises(StoreError) as unverified:  # no CA given: nothing to trust the server's certificate with
        open_store(url, clock=clock)
    assert unverified.value.code == "server_tls"
    with pytest.raises(StoreError) as wrong_name:  # the right CA, but the certificate names another host
        open_store(_with(url, sslrootcert=CA), clock=clock)
    assert wrong_name.value.code == "server_tls"
    assert remote.listen_host in str(wrong_name.value)
