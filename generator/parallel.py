"""Two independent pieces of work at once, on a machine with more than one core.

Rendering the Thai pages and rendering the English pages share nothing but the catalog, so
``lertrat build`` renders one language in a forked child process while it renders the other.
On a 2-core machine this takes about a third off the generator step of a large archive.

The child is a fork: it starts with the catalog already in memory and sends back only its
result. Forking is done only where it is safe: on Linux, with no other thread running (so
not inside ``mkdocs serve``, whose server runs threads), when the machine has a second
core, and unless ``LERTRAT_SERIAL=1`` is set. Otherwise, and whenever the child fails for
any reason, the work runs here, one piece after the other, with the same result.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

A = TypeVar("A")
B = TypeVar("B")

SERIAL_ENV = "LERTRAT_SERIAL"


def can_fork() -> bool:
    return (sys.platform == "linux" and hasattr(os, "fork") and threading.active_count() == 1
            and (os.cpu_count() or 1) > 1 and not os.environ.get(SERIAL_ENV))


def both(here: Callable[[], A], there: Callable[[], B]) -> tuple[A, B]:
    """``(here(), there())``, with ``there`` run in a forked child when that is safe."""
    if not can_fork():
        return here(), there()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the work, send it back, and leave without running any cleanup
        code = 1
        try:
            os.close(read_end)
            data = pickle.dumps(there(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        first = here()
    finally:
        with os.fdopen(read_end, "rb") as incoming:
            data = incoming.read()
        _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) == 0 and data:
        return first, pickle.loads(data)  # sent by our own child process just now
    return first, there()  # the child failed: do it here, so that any error shows as usual
