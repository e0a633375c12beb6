"""Work that a template or a page could make endless or huge runs in a forked child process
with a wall-clock limit and an address-space limit; the parent gets the result or one error.

Where `fork` is not available (Windows, macOS's default), the work runs in-process and only the
sandbox's own limits apply.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
from collections.abc import Callable
from typing import Any, TypeVar

from .errors import BriefingError

T = TypeVar("T")


def bounded(work: Callable[..., T], *args: Any, seconds: float, memory_mb: int, what: str,
            error: type[BriefingError]) -> T:
    """`work(*args)` in a child limited to `seconds` and `memory_mb` more memory than this
    process uses now. A `BriefingError` it raises is raised here again; any other failure
    (another exception, too long, out of memory, a dead child) becomes `error` naming `what`."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return work(*args)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, work, args, memory_mb, what, error), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(seconds):
            raise error(f"{what} took longer than {seconds:g} s and was stopped")
        status, value = receive.recv()
    except EOFError:
        raise error(f"{what} failed: the worker process died") from None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    if status == "ok":
        return value
    raise value


def _child(send, work: Callable, args: tuple, memory_mb: int, what: str, error: type[BriefingError]) -> None:
    out_of_memory = error(f"{what} ran out of memory (limit: {memory_mb:,} MB)")
    _limit_memory(memory_mb)
    try:
        outcome = ("ok", work(*args))
    except BriefingError as exc:
        outcome = ("error", exc)
    except MemoryError:
        outcome = ("error", out_of_memory)
    except Exception as exc:  # anything else is reported as one line, never a traceback
        outcome = ("error", error(f"{what} failed: {type(exc).__name__}: {exc}"))
    try:
        send.send(outcome)
    except MemoryError:
        send.send(("error", out_of_memory))
    send.close()


def _limit_memory(memory_mb: int) -> None:
    """Cap the child's address space at what it has now plus `memory_mb`."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return
    limit = current + memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
