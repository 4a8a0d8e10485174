"""A TCP proxy on the loopback that can lose an answer: it forwards both ways, and when told to,
swallows the server's answer to the request that completes a delivery and cuts the client off.
The server has taken the message; the client never hears it. A connector must then record the
outcome as unknown, and never send it again by itself.

    end_of_data = lambda sent: sent.endswith(b"\\r\\n.\\r\\n")
    with DropProxy(("127.0.0.1", server_port), drops=end_of_data) as proxy:
        ... connect the client to ("127.0.0.1", proxy.port) ...

``drops(sent)`` is asked with everything the client has sent on the connection so far, each time
the server answers; when it says yes, that answer is dropped and both sides are closed. ``armed``
turns the dropping on and off (off: a plain relay); ``dropped`` counts the answers lost.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from types import TracebackType

Trigger = Callable[[bytes], bool]


class DropProxy:
    def __init__(self, upstream: tuple[str, int], drops: Trigger) -> None:
        self.upstream = upstream
        self.drops = drops
        self.armed = True
        self.dropped = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> DropProxy:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._closing.set()
        self._listener.close()

    def _accept(self) -> None:
        while not self._closing.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            server = socket.create_connection(self.upstream, timeout=30)
        except OSError:
            client.close()
            return
        sent = bytearray()
        lock = threading.Lock()

        def upward() -> None:
            try:
                while chunk := client.recv(65536):
                    with lock:
                        sent.extend(chunk)
                    server.sendall(chunk)
            except OSError:
                pass
            finally:
                _shut(server)

        threading.Thread(target=upward, daemon=True).start()
        try:
            while chunk := server.recv(65536):
                with lock:
                    lose = self.armed and self.drops(bytes(sent))
                if lose:
                    self.dropped += 1
                    break
                client.sendall(chunk)
        except OSError:
            pass
        finally:
            _shut(client)
            _shut(server)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
