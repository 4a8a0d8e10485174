"""Headless Debian chromium driven over the DevTools protocol on a pipe, and a small PNG reader.

No websocket, no port, no third-party driver: `--remote-debugging-pipe` makes chromium read
commands on fd 3 and answer on fd 4, one JSON message per NUL-terminated frame. The protocol's
Network events are per page, which is what "no request left the machine" needs: the browser's
own background calls (which happen here even with the background-networking flags) are not
the page's.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import struct
import subprocess
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
MISSING = (
    "chromium is not installed: the report's browser test needs Debian's chromium; "
    "install it with `apt-get install chromium` (as root; CI's .ci/run does it)"
)


def require_chromium() -> str:
    """The chromium binary; its absence FAILS the test (a report never rendered is untested)."""
    import pytest

    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail(MISSING, pytrace=False)
    return found


@dataclass
class DevTools:
    """One chromium process and its protocol pipe."""

    process: subprocess.Popen[bytes]
    commands: int  # our end of chromium's fd 3
    answers: int  # our end of chromium's fd 4
    events: list[dict[str, Any]] = field(default_factory=list)
    _next_id: int = 0
    _buffer: bytes = b""

    def send(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
        timeout: float = 20.0,
    ) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def wait_for(self, method: str, session: str, timeout: float = 20.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for event in self.events[seen:]:
                if event.get("method") == method and event.get("sessionId") == session:
                    return event
            seen = len(self.events)
            self.events.append(self._read(deadline))

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.answers], [], [], max(left, 0))
            if not ready:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self.answers, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed its protocol pipe")
            self._buffer += chunk
        frame, _, self._buffer = self._buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(frame)
        return message

    def requests(self, session: str) -> list[str]:
        """Every URL the page asked for (before any DNS or connection: attempts count)."""
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e.get("method") == "Network.requestWillBeSent" and e.get("sessionId") == session
        ]


def _high_fd(fd: int) -> int:
    """A copy of ``fd`` above 9, so that moving pipes onto 3 and 4 cannot clobber one another."""
    copy = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return copy


@contextmanager
def devtools(binary: str, profile: Path, log: Path) -> Iterator[DevTools]:
    cmd_read, cmd_write = (_high_fd(fd) for fd in os.pipe())
    ans_read, ans_write = (_high_fd(fd) for fd in os.pipe())
    args = [
        *FLAGS,
        f"--user-data-dir={profile}",
        "--remote-debugging-pipe",
        # nothing the browser itself tries can resolve a name either
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "about:blank",
    ]
    # bash (dash takes single-digit fds only) moves the pipe ends onto 3 and 4 for chromium.
    move = f'exec "$0" "$@" 3<&{cmd_read} 4>&{ans_write} {cmd_read}<&- {ans_write}>&-'
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            ["/bin/bash", "-c", move, binary, *args],
            stdin=subprocess.DEVNULL,
            stdout=stderr,
            stderr=stderr,
            pass_fds=(cmd_read, ans_write),
        )
    os.close(cmd_read)
    os.close(ans_write)
    tools = DevTools(process, cmd_write, ans_read)
    try:
        yield tools
    finally:
        with contextlib.suppress(OSError, RuntimeError, TimeoutError):
            tools.send("Browser.close", timeout=5)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        os.close(cmd_write)
        os.close(ans_read)


@dataclass(frozen=True)
class Page:
    session: str
    requests: list[str]
    facts: dict[str, Any]
    screenshot: bytes
    errors: list[str]


PROBE = """JSON.stringify((() => {
  const svg = document.querySelector('svg.timeline');
  const box = svg ? svg.getBoundingClientRect() : null;
  return {
    svg: box ? {x: box.x + scrollX, y: box.y + scrollY, width: box.width, height: box.height}
             : null,
    marks: document.querySelectorAll('svg.timeline g.marks > g.mark').length,
    shapes: Array.from(new Set(Array.from(document.querySelectorAll('svg.timeline g.mark'))
                                   .map(g => g.dataset.shape))).sort(),
    resources: performance.getEntriesByType('resource').map(r => r.name),
    scripts: document.scripts.length,
    images: document.images.length,
    height: document.documentElement.scrollHeight,
    labels: Array.from(document.querySelectorAll('svg.timeline text')).map(t => {
      const r = t.getBoundingClientRect();
      return {text: t.textContent, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom};
    }),
    lang: document.documentElement.lang,
  };
})())"""


def open_page(tools: DevTools, url: str, width: int = 1280) -> Page:
    target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
        "sessionId"
    ]
    for domain in ("Network", "Page", "Runtime", "Log"):
        tools.send(f"{domain}.enable", session=session)
    tools.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
        session=session,
    )
    tools.send("Page.navigate", {"url": url}, session=session)
    tools.wait_for("Page.loadEventFired", session)
    probe = tools.send(
        "Runtime.evaluate", {"expression": PROBE, "returnByValue": True}, session=session
    )
    facts = json.loads(probe["result"]["value"])
    # the top of the report: header, key figures and the chart (the tables follow)
    svg = facts["svg"] or {"y": 0, "height": 0}
    height = min(int(facts["height"]), int(svg["y"] + svg["height"]) + 400)
    shot = tools.send(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        },
        session=session,
    )
    errors = [
        e["params"]["entry"]["text"]
        for e in tools.events
        if e.get("method") == "Log.entryAdded"
        and e.get("sessionId") == session
        and e["params"]["entry"]["level"] == "error"
    ]
    return Page(session, tools.requests(session), facts, base64.b64decode(shot["data"]), errors)


def print_pdf(tools: DevTools, session: str) -> bytes:
    """The page as "print to PDF" gives it, with the page size its print style sheet asks."""
    printed = tools.send(
        "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True}, session=session
    )
    return base64.b64decode(printed["data"])


def pdf_page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height (points) of each page of ``pdf``, from the pages' media boxes."""
    import re

    sizes = []
    for match in re.finditer(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", pdf):
        x0, y0, x1, y1 = (float(v) for v in match.groups())
        sizes.append((x1 - x0, y1 - y0))
    return sizes


# ---------------------------------------------------------------------------- PNG


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    channels: int
    rows: list[bytes]

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        start = x * self.channels
        r, g, b = self.rows[y][start : start + 3]
        return r, g, b

    def colours(self, x0: int, y0: int, x1: int, y1: int) -> Counter[tuple[int, int, int]]:
        """How many pixels of each colour the rectangle holds (every other pixel and row)."""
        found: Counter[tuple[int, int, int]] = Counter()
        c = self.channels
        for y in range(max(y0, 0), min(y1, self.height), 2):
            row = self.rows[y]
            for x in range(max(x0, 0), min(x1, self.width), 2):
                found[(row[x * c], row[x * c + 1], row[x * c + 2])] += 1
        return found


def read_png(data: bytes) -> Image:
    """8-bit RGB or RGBA PNG (what chromium writes), decoded with zlib alone."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, [], b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    return Image(width, height, channels, _unfilter(raw, width * channels, height, channels))


def _unfilter(raw: bytes, stride: int, height: int, bpp: int) -> list[bytes]:
    rows: list[bytes] = []
    previous = bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = previous[i], previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = rows[-1]
    return rows
