"""Progress of a build as a person reads it: documents done of the total, the rate, the time left.

On a terminal the line is rewritten in place; elsewhere (CI logs, a file) each step is a plain
line. Notes (a skipped file, the step that runs now) always get a line of their own. The build
talks to a :class:`Progress`; a plain callable taking one line of text is wrapped in one
(:func:`as_progress`), so ``build(progress=print)`` keeps working.
"""
from __future__ import annotations

import sys
import time
from typing import Callable, TextIO


def _duration(seconds: float) -> str:
    """``42 s``, ``3 min 5 s``, ``1 h 12 min``: whole units, enough to plan a coffee by."""
    s = max(0, round(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60} s"
    return f"{s // 3600} h {s % 3600 // 60} min"


class Progress:
    """Counts documents done and writes one status line per step to ``write`` (plain lines), or
    rewrites one line on ``stream`` when ``live``."""

    def __init__(self, write: Callable[[str], None] | None = None, stream: TextIO | None = None,
                 live: bool = False, clock: Callable[[], float] = time.monotonic):
        self._write = write
        self.stream = stream
        self.live = live and stream is not None
        self.clock = clock
        self.total: int | None = None
        self.done = 0
        self._started = clock()
        self._shown = 0           # width of the live line on screen

    @classmethod
    def to_stderr(cls) -> "Progress":
        """Live on a terminal, plain lines otherwise."""
        stream = sys.stderr
        return cls(stream=stream, live=stream.isatty())

    def begin(self, total: int | None) -> None:
        """Start counting; ``total`` is the number of inputs when it is known cheaply."""
        self.total, self.done, self._started = total, 0, self.clock()

    def status(self, label: str = "") -> str:
        """``[12/150] name · 3.2 documents/s · about 40 s left`` (the parts that are known)."""
        elapsed = self.clock() - self._started
        # a file may hold many documents (a PubMed file): past the count of files, the count alone
        count = f"{self.done}/{self.total}" if self.total and self.done <= self.total else f"{self.done}"
        parts = [f"[{count}] {label}".rstrip()]
        if elapsed > 0 and self.done:
            rate = self.done / elapsed
            parts.append(f"{rate:.1f} documents/s")
            if self.total and self.total > self.done:
                parts.append(f"about {_duration((self.total - self.done) / rate)} left")
        return " · ".join(parts)

    def step(self, label: str = "") -> None:
        """One more document done (read, taken from the cache, or skipped)."""
        self.done += 1
        line = self.status(label)
        if self.live:
            self._rewrite(line)
        else:
            self._line(line)

    def note(self, message: str) -> None:
        """A line that stays: a skipped file, or the step the build is on."""
        if self.live and self._shown:
            self._rewrite("")
        self._line(message)

    def end(self) -> None:
        """Leave the live line on screen, ended, with the time the documents took."""
        if self.live and self._shown:
            self._rewrite("")
        if self.done:
            self._line(f"{self.done} document(s) in {_duration(self.clock() - self._started)}")

    def __call__(self, message: str) -> None:
        self.note(message)

    def _line(self, text: str) -> None:
        if self._write is not None:
            self._write(text)
        elif self.stream is not None:
            print(text, file=self.stream, flush=True)

    def _width(self) -> int:
        """The terminal's width (of the progress stream itself: stdout may be piped elsewhere)."""
        import os
        try:
            return os.get_terminal_size(self.stream.fileno()).columns or 80   # 0: a terminal with no size set
        except (AttributeError, OSError, ValueError):
            return 80

    def _rewrite(self, text: str) -> None:
        text = text[: max(20, self._width() - 1)]   # a wrapped line cannot be rewritten
        pad = max(0, self._shown - len(text))
        self.stream.write("\r" + text + " " * pad + ("\r" + text if pad else ""))
        self.stream.flush()
        self._shown = len(text)


def as_progress(progress: "Progress | Callable[[str], None] | None") -> Progress | None:
    """``progress`` as a :class:`Progress`: a callable gets each line of text."""
    if progress is None or isinstance(progress, Progress):
        return progress
    return Progress(write=progress)
