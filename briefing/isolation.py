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
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from .errors import BriefingError

T = TypeVar("T")


def bounded(work: Callable[..., T], *args: Any, seconds: float, memory_mb: int, what: str,
            error: type[BriefingError]) -> T:
    """`work(*args)` in a child limited to `seconds` and `memory_mb` more memory than this
    process uses now. A `BriefingError` it raises is raised here again; any other failure
    (another exception, too long, out of memory, a dead child) becomes `error` naming `what`."""
    return Bounded(work, args, seconds=seconds, memory_mb=memory_mb, what=what, error=error)()


class Bounded(Generic[T]):
    """Work in a child process, bounded as `bounded` says, forked when this is made. Arguments
    given now reach the child through the fork (any object); arguments given to the call later
    are sent to it (picklable ones), so the child can `prepare` (load what the work needs)
    meanwhile."""

    def __init__(self, work: Callable[..., T], args: tuple[Any, ...] | None = None, *,
                 prepare: Callable[[], object] | None = None,
                 seconds: float, memory_mb: int, what: str, error: type[BriefingError]) -> None:
        self.work, self.args, self.prepare = work, args, prepare
        self.seconds, self.what, self.error = seconds, what, error
        self.child: BaseProcess | None = None
        self.arguments: Connection
        self.results: Connection
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")
        self.arguments, to_child = context.Pipe(duplex=False)[::-1]
        from_child, self.results = context.Pipe(duplex=False)
        self.child = context.Process(target=_serve, daemon=True,
                                     args=(to_child, self.results, work, args, prepare, memory_mb, what, error))
        self.child.start()
        to_child.close()
        self.results.close()
        self.results = from_child

    def __call__(self, *args: Any) -> T:
        """The work's result (with the arguments given now, if none were given before)."""
        if self.child is None:  # no fork here: in-process, with the sandbox's own limits only
            if self.prepare:
                self.prepare()
            return self.work(*(args if self.args is None else self.args))
        try:
            if self.args is None:
                self.arguments.send(args)
            if not self.results.poll(self.seconds):
                raise self.error(f"{self.what} took longer than {self.seconds:g} s and was stopped")
            status, value = self.results.recv()
        except (EOFError, BrokenPipeError):
            raise self.error(f"{self.what} failed: the worker process died") from None
        finally:
            self.cancel()
        if status == "ok":
            result: T = value
            return result
        raise value

    def cancel(self) -> None:
        """Stop the child if it is still there (safe to call more than once)."""
        if self.child is None:
            return
        self.arguments.close()
        self.results.close()
        if self.child.is_alive():
            self.child.kill()
        self.child.join()
        self.child = None


def _serve(arguments: Connection, results: Connection, work: Callable[..., object], args: tuple[Any, ...] | None,
           prepare: Callable[[], object] | None, memory_mb: int,
           what: str, error: type[BriefingError]) -> None:
    out_of_memory = error(f"{what} ran out of memory (limit: {memory_mb:,} MB)")
    _limit_memory(memory_mb)
    try:
        if prepare:
            prepare()
    except Exception:  # noqa: BLE001 - a failed preparation shows when the work runs
        pass
    try:
        args = arguments.recv() if args is None else args
    except (EOFError, OSError):
        return  # cancelled before it was needed
    try:
        outcome = ("ok", work(*args))
    except BriefingError as exc:
        outcome = ("error", exc)
    except MemoryError:
        outcome = ("error", out_of_memory)
    except Exception as exc:  # anything else is reported as one line, never a traceback
        outcome = ("error", error(f"{what} failed: {type(exc).__name__}: {exc}"))
    try:
        results.send(outcome)
    except MemoryError:
        results.send(("error", out_of_memory))
    results.close()


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
