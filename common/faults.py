"""Named points where crash-safety tests stop a real build to kill it.

When the environment variable ``SPASMKG_FAULT_PAUSE`` names a point, the process announces it on
stderr and sleeps there, so a test can send ``SIGKILL`` at exactly that moment. Unset, a point costs
one dictionary look-up.
"""
from __future__ import annotations

import os
import sys
import time

ENV = "SPASMKG_FAULT_PAUSE"


def point(name: str) -> None:
    if os.environ.get(ENV) == name:
        print(f"fault point {name}: pausing", file=sys.stderr, flush=True)
        time.sleep(3600)
