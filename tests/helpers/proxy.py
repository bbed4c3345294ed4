"""A TCP proxy in front of the test server, to cut the network without touching the server itself.

``cut()`` closes the listening socket and every open connection (the server host is down: refused);
``blackhole()`` keeps accepting connections and taking the bytes sent but forwards nothing (packets
silently lost, the usual failure in the field); ``restore()`` forwards again on the same port, on new
connections. ``listen_host`` lets a test reach the server under another of this machine's addresses.
"""

from __future__ import annotations

import socket
import threading
from contextlib import suppress


class TcpProxy:
    def __init__(self, target_host: str, target_port: int, listen_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self.listen_host = listen_host
        self.port = 0
        self._listener: socket.socket | None = None
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()
        self._silent = False
        self.start()

    def start(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.listen_host, self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            with self._lock:
                self._conns.append(client)
            if self._silent:
                continue  # accepted, never answered
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._conns.append(upstream)
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket) -> None:
        with suppress(OSError):
            while data := src.recv(65536):
                if self._silent:
                    continue  # dropped
                dst.sendall(data)
        for s in (src, dst):
            with suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def url(self, base: str) -> str:
        """``base`` (a postgresql URL) pointed at this proxy."""
        from sqlalchemy.engine import make_url

        return make_url(base).set(host=self.listen_host, port=self.port).render_as_string(hide_password=False)

    def cut(self) -> None:
        self._silent = False
        if self._listener is not None:
            with suppress(OSError):  # shutdown wakes the thread blocked in accept(); close alone does not
                self._listener.shutdown(socket.SHUT_RDWR)
            with suppress(OSError):
                self._listener.close()
            self._listener = None
        self._close_all()

    def blackhole(self) -> None:
        self._silent = True
        if self._listener is None:
            self.start()

    def restore(self) -> None:
        self._close_all()
        self._silent = False
        if self._listener is None:
            self.start()

    def _close_all(self) -> None:
        with self._lock:
            conns, self._conns = self._conns, []
        for s in conns:
            with suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            with suppress(OSError):
                s.close()

    def close(self) -> None:
        self.cut()
