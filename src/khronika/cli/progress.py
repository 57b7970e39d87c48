"""Progress of a long command on stderr.

On a terminal: a bar with the count, and the total and time left when the inputs' size is
known. Elsewhere (a log file, CI, cron): a plain line every ``interval`` seconds, since a
redrawn bar in a log is noise; a run shorter than that prints only its summary.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 document``, ``2 documents``; ``many`` for irregular words (``1 entry``)."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class PlainProgress:
    """One line every ``interval`` seconds: count, total, rate and time left."""

    def __init__(
        self,
        total: int | None,
        stream: TextIO,
        *,
        what: str = "document",
        interval: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.done = 0
        self._stream = stream
        self._what = what
        self._interval = interval
        self._clock = clock
        self._start = clock()
        self._last = self._start
        self._status = ""

    def __enter__(self) -> PlainProgress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None  # the command's own summary line closes the run

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = self._clock()
        if now - self._last >= self._interval:
            self._last = now
            self._line()

    def print(self, line: str) -> None:
        self._stream.write(line + "\n")
        self._stream.flush()

    def status(self, text: str) -> None:
        self._status = text  # said with the next periodic line, not on a line of its own

    def describe(self) -> str:
        elapsed = max(self._clock() - self._start, 1e-9)
        done = plural(self.done, self._what)
        if self.total:
            done = f"{self.done:,}/{plural(self.total, self._what)}"
        text = f"{done}, {self.done / elapsed:.1f}/s, {_clock(elapsed)} elapsed"
        if self.total and 0 < self.done < self.total:
            text += f", about {_clock((self.total - self.done) * elapsed / self.done)} left"
        return text

    def _line(self) -> None:
        status = f"{self._status}, " if self._status else ""
        self.print(f"khronika: {status}{self.describe()}")


class BarProgress:
    """rich's bar on a terminal, with a total and time left when the total is known."""

    def __init__(self, total: int | None, stream: TextIO, *, what: str = "document") -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        console = Console(file=stream, soft_wrap=True)  # one rejection, one line
        columns: list[ProgressColumn | str] = [TextColumn("{task.description}"), BarColumn()]
        if total:
            columns += [MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn()]
        else:
            columns += [TextColumn("{task.completed} " + what + "s"), TimeElapsedColumn()]
        self.total = total
        self.done = 0
        self._progress = Progress(*columns, console=console, transient=True)
        self._task = self._progress.add_task("extracting", total=total)

    def __enter__(self) -> BarProgress:
        self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.stop()

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.total is not None and self.done > self.total:
            self._progress.update(self._task, total=None)  # the estimate was short
            self.total = None
        self._progress.advance(self._task, n)

    def print(self, line: str) -> None:
        self._progress.console.print(line, markup=False, highlight=False)

    def status(self, text: str) -> None:
        self._progress.update(self._task, description=text)


def progress_for(
    total: int | None, stream: TextIO, *, what: str = "document"
) -> BarProgress | PlainProgress:
    if stream.isatty():
        return BarProgress(total, stream, what=what)
    return PlainProgress(total, stream, what=what)
