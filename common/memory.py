"""A child process's memory cap: ``RLIMIT_AS`` set to what the process already holds plus a budget.

Used where a piece of work runs in a forked child that must not take the machine down with it (a
batch of documents under the build's budget, a PDF being read). Counting from the address space
the child already has keeps the cap about the work, not about the libraries the parent loaded.
"""
from __future__ import annotations

import os
import resource

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def address_space() -> int:
    """This process's virtual memory size, in bytes (``RLIMIT_AS`` counts against it)."""
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[0]) * PAGE


def cap_address_space(mb: float) -> None:
    """Let this process grow by ``mb`` megabytes at most (never past a hard limit already set);
    where ``/proc`` is missing, nothing is capped."""
    if not os.path.exists("/proc/self/statm"):
        return
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    cap = address_space() + int(mb * 1024 * 1024)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def send_result(conn, message: tuple) -> None:
    """Send a capped child's result to its parent and close the pipe; a result too large to pickle
    under the cap is reported as running out of memory."""
    try:
        conn.send(message)
    except MemoryError:
        conn.send(("memory", None))
    finally:
        conn.close()
