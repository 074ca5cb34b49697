"""The README's examples, run for real, so what it shows is what the commands print.

An example is a ```` ```text ```` block holding a line that starts with ``$ spasmkg``. Each ``$ ``
line is a command (continued on the next lines while a quote is open); the lines up to the next
command are its output. Every command of every example runs in order, through the shell, in one
scratch folder holding copies of ``seeds/``, ``tests/corpus/`` and ``tests/graph/export/library/``, so an example may use what an
earlier one built (``out/``, ``shelf/``). A command ending in ``&`` starts a server in the
background, stopped at the end.

What the README shows is stdout, then the ``spasmkg: error:`` lines of stderr. Things that differ
from run to run are normalised: each loopback port the README names (``127.0.0.1:7878``) is a free
port while it runs and is written back as the README's; the scratch folder prints as ``.``; the
seconds the reasoner and each step of a build took print as ``… s``. An output line that is just ``…`` elides lines: the
fresh output keeps as many lines before and after it as the README did.

An HTML comment starting ``<!-- example: not run`` on the line just before a block leaves it alone.

    python tests/readme/examples.py            # show the examples whose output differs (exit 1)
    python tests/readme/examples.py --write    # rewrite every example's output in README.md
"""
from __future__ import annotations

import argparse
import difflib
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from spasmkg.common.atomic import atomic_write_text

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
# what the examples build from, copied into the scratch folder
COPIED = ("seeds", "tests/corpus", "tests/literature", "tests/graph/export/library")
SKIP = "<!-- example: not run"
ELIDED = "…"
_BLOCK = re.compile(r"^```text\n(.*?)^```[ \t]*$", re.M | re.S)
_PORT = re.compile(r"127\.0\.0\.1:(\d+)")
_NORMALISE = [(re.compile(r"· \d+(?:\.\d+)? s$", re.M), "· … s"),    # the reasoner's time
              (re.compile(r"(?<=[a-z]) \d+\.\d\d s(?= ·|$)", re.M), " … s"),   # a build's time by step
              (re.compile(r"(?<=[a-z]) \d+ MB(?= ·|$)", re.M), " … MB")]   # and its peak memory by step


@dataclass
class Command:
    shown: list[str]                       # the command's lines as the README shows them, without "$ "
    output: list[str] = field(default_factory=list)

    @property
    def shell(self) -> str:
        return "\n".join(self.shown)


@dataclass
class Example:
    start: int                             # offsets of the block's body in the README's text
    end: int
    commands: list[Command]


def _complete(text: str) -> bool:
    try:
        shlex.split(text, comments=True)
        return True
    except ValueError:                     # a quote still open: the command goes on
        return False


def parse(readme: str) -> list[Example]:
    """Every example block of ``readme`` that is to run, in order."""
    found = []
    for m in _BLOCK.finditer(readme):
        before = readme[: m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        body = m.group(1)
        if before.lstrip().startswith(SKIP) or not re.search(r"^\$ spasmkg\b", body, re.M):
            continue
        commands: list[Command] = []
        lines = body.splitlines()
        i = 0
        while i < len(lines):
            line = lines[i]
            if line.startswith("$ "):
                shown = [line[2:]]
                while not _complete("\n".join(shown)) and i + 1 < len(lines):
                    i += 1
                    shown.append(lines[i])
                commands.append(Command(shown))
            elif commands:
                commands[-1].output.append(line)
            i += 1
        found.append(Example(m.start(1), m.end(1), commands))
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_server(port: int, proc: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2).read()
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server on port {port} did not start")
            time.sleep(0.1)


def _elide(fresh: list[str], shown: list[str]) -> list[str]:
    """``fresh`` cut the way ``shown`` is: the lines around its ``…`` line, as many as it had."""
    if ELIDED not in shown:
        return fresh
    before = shown.index(ELIDED)
    after = len(shown) - before - 1
    if len(fresh) <= before + after:
        return fresh
    return fresh[:before] + [ELIDED] + (fresh[len(fresh) - after:] if after else [])


class Runner:
    """Runs commands in one scratch folder, with the README's ports mapped to free ones."""

    def __init__(self, workdir: Path):
        self.workdir = Path(workdir)
        self.ports: dict[str, str] = {}
        self.servers: list[subprocess.Popen] = []
        self.env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
                    "COLUMNS": "200"}
        for name in COPIED:
            shutil.copytree(ROOT / name, self.workdir / name)

    def _local(self, text: str) -> str:
        for port in _PORT.findall(text):
            self.ports.setdefault(port, str(_free_port()))
        return _PORT.sub(lambda m: f"127.0.0.1:{self.ports[m.group(1)]}", text)

    def _shown(self, text: str) -> str:
        back = {v: k for k, v in self.ports.items()}
        text = _PORT.sub(lambda m: f"127.0.0.1:{back.get(m.group(1), m.group(1))}", text)
        text = text.replace(str(self.workdir.resolve()), ".").replace(str(self.workdir), ".")
        for pattern, replacement in _NORMALISE:
            text = pattern.sub(replacement, text)
        return text

    def run(self, command: Command) -> list[str]:
        """The lines the README shows for ``command``, from a fresh run."""
        shell = self._local(command.shell)
        if shell.rstrip().endswith("&"):
            proc = subprocess.Popen(["bash", "-c", "exec " + shell.rstrip()[:-1]], cwd=self.workdir, env=self.env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.servers.append(proc)
            _wait_for_server(int(_PORT.search(shell).group(1)), proc)
            return []
        p = subprocess.run(["bash", "-c", shell], cwd=self.workdir, env=self.env, capture_output=True,
                           text=True, timeout=900)
        errors = [line for line in p.stderr.splitlines() if line.startswith("spasmkg: ")]
        text = self._shown("\n".join(p.stdout.splitlines() + errors))
        return [line.rstrip() for line in text.splitlines()]

    def close(self) -> None:
        for proc in self.servers:
            proc.terminate()
            proc.wait(timeout=10)


def regenerate(readme: str, workdir: Path) -> str:
    """``readme`` with the output of every example replaced by a fresh run's."""
    runner = Runner(workdir)
    pieces, at = [], 0
    try:
        for ex in parse(readme):
            body = []
            for c in ex.commands:
                body.append("\n".join("$ " + line if k == 0 else line for k, line in enumerate(c.shown)))
                body.extend(_elide(runner.run(c), c.output))
            pieces += [readme[at:ex.start], "\n".join(body) + "\n"]
            at = ex.end
    finally:
        runner.close()
    return "".join(pieces) + readme[at:]


def diff(old: str, new: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), "README.md", "fresh run"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Run the README's examples; show or write their output.")
    ap.add_argument("--write", action="store_true", help="rewrite README.md with the fresh output")
    a = ap.parse_args(argv)
    old = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="readme-examples-") as tmp:
        new = regenerate(old, Path(tmp))
    if a.write:
        if new != old:
            atomic_write_text(README, new)
        print(f"README.md: {len(parse(old))} examples run, {'rewritten' if new != old else 'unchanged'}")
        return 0
    print(diff(old, new) or "README.md: every example shows what its commands print")
    return 1 if new != old else 0


if __name__ == "__main__":
    sys.exit(main())
