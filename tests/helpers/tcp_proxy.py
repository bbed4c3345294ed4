"""A small TCP proxy in front of the test server, to cut the network without touching the server.

``drop()`` is the usual failure in the field: connections are still accepted and the bytes sent are
still taken, but nothing comes back (packets silently lost). ``refuse()`` closes the listening port
and every connection (the server host is down). ``restore()`` forwards again.
"""

from __future__ import annotations

import select
import socket
import threading
from contextlib import suppress


class TcpProxy:
    def __init__(self, target_host: str, target_port: int, listen_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self._lock = threading.Lock()
        self._forwarding = True
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._stopped = threading.Event()
        self.listen_host = listen_host
        self._listener = socket.create_server((listen_host, 0))
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._loop, name="tcp-proxy", daemon=True)
        self._thread.start()

    def url_for(self, url: str) -> str:
        """``url`` (a SQLAlchemy URL) pointed at this proxy instead of the server."""
        from sqlalchemy.engine import make_url

        return make_url(url).set(host=self.listen_host, port=self.port).render_as_string(hide_password=False)

    def drop(self) -> None:
        with self._lock:
            self._forwarding = False

    def restore(self) -> None:
        with self._lock:
            self._forwarding = True
            if self._listener.fileno() < 0:
                self._listener = socket.create_server((self.listen_host, self.port))

    def refuse(self) -> None:
        with self._lock:
            self._listener.close()
            for a, b in self._pairs:
                a.close()
                b.close()
            self._pairs.clear()

    def close(self) -> None:
        self._stopped.set()
        self.refuse()
        self._thread.join(5)

    def _loop(self) -> None:
        while not self._stopped.is_set():
            with self._lock:
                listener = self._listener if self._listener.fileno() >= 0 else None
                pairs = list(self._pairs)
                forwarding = self._forwarding
            watched: list[socket.socket] = [listener] if listener is not None else []
            if forwarding:
                watched += [s for pair in pairs for s in pair]
            try:
                ready, _, _ = select.select(watched, [], [], 0.05)
            except (OSError, ValueError):
                continue  # a socket was closed under us by refuse(): look again
            for sock in ready:
                if sock is listener:
                    self._accept(listener)
                else:
                    self._forward(sock, pairs)

    def _accept(self, listener: socket.socket) -> None:
        try:
            client, _ = listener.accept()
        except OSError:
            return
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            client.close()
            return
        with self._lock:
            self._pairs.append((client, upstream))

    def _forward(self, sock: socket.socket, pairs: list[tuple[socket.socket, socket.socket]]) -> None:
        for a, b in pairs:
            if sock is a or sock is b:
                other = b if sock is a else a
                data = b""
                with suppress(OSError):
                    data = sock.recv(65536)
                if data:
                    with suppress(OSError):
                        other.sendall(data)
                    return
                with self._lock:
                    if (a, b) in self._pairs:
                        self._pairs.remove((a, b))
                a.close()
                b.close()
                return
