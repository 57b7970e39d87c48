"""Byte streams for readers: put a sniffed head back in front, cap what inflates."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import BinaryIO

MIB = 2**20
DOCUMENT_LIMIT = 16 * MIB  # a news page is rarely over 2 MiB; 16 leaves room for inline media
INFLATED_LIMIT = 256 * MIB


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one input may cost.

    ``document`` bounds one page, text file, JSON Lines line or WARC response: what cleaning
    and extraction then hold several times over. ``inflated`` bounds everything one file
    expands to (an archive's members together, a compressed file, a feed or Telegram export).
    """

    document: int = DOCUMENT_LIMIT
    inflated: int = INFLATED_LIMIT


class LimitExceeded(ValueError):
    """More bytes came out of a stream than allowed (a decompression bomb, an endless file)."""


class Prefixed(io.RawIOBase):
    """``head`` followed by the rest of ``stream``: sniffing reads a head without seeking."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head.nbytes:
            n = min(len(buffer), self._head.nbytes)
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class Capped(io.RawIOBase):
    """Reads through ``stream`` and raises :class:`LimitExceeded` past ``limit`` bytes."""

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self._stream = stream
        self.remaining = limit
        self.limit = limit
        self.exceeded = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(min(len(buffer), self.remaining + 1))
        if len(data) > self.remaining:
            self.exceeded = True
            raise LimitExceeded(f"inflates past the limit of {self.limit:,} bytes")
        self.remaining -= len(data)
        buffer[: len(data)] = data
        return len(data)


def buffered(raw: io.RawIOBase) -> BinaryIO:
    return io.BufferedReader(raw, buffer_size=1 << 16)


def read_capped(stream: BinaryIO, limit: int, what: str = "input") -> bytes:
    """All of ``stream``, or :class:`LimitExceeded` without holding more than ``limit + 1``."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise LimitExceeded(f"{what} larger than the limit of {limit:,} bytes")
    return data
