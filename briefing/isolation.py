"""Work that a template or a page could make endless or huge runs in a forked child process
with a wall-clock limit and an address-space limit; the parent gets the result or one error.
Work over many items (the parse of each article) runs in children with a wall-clock limit for
each item (a batch of items worked on at once has the sum of its items' limits); an item over it
costs only its own result. Those children are forked from a fork server (`start_server`), a fresh
process that loaded what they need, so each holds that and its own items, not this process's day.

Where `fork` is not available (Windows, macOS's default), the work runs in-process and only the
sandbox's own limits apply.
"""

from __future__ import annotations

import bisect
import itertools
import multiprocessing
import os
import resource
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing import forkserver
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from .errors import BriefingError

T = TypeVar("T")
R = TypeVar("R")


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
        if args is None:
            if not arrived(arguments):
                return  # its run ended before it was needed
            args = arguments.recv()
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


#: How often a child waiting for its process's word checks that the process still runs.
PARENT_CHECK_SECONDS = 0.5


def arrived(connection: Connection) -> bool:
    """Wait until `connection` has something to read (or its other end is closed): True; False if
    the process that forked this one ends first. Its end closing is not enough: children forked
    after this one hold copies of it."""
    parent = multiprocessing.parent_process()
    while not connection.poll(PARENT_CHECK_SECONDS):
        if parent is not None and os.getppid() != parent.pid:
            return False
    return True


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


#: The time a child of `bounded_each` has to start and prepare, before its first item's time.
START_SECONDS = 120


@dataclass(frozen=True)
class Failure:
    """Why the work on one item gave no result (one line)."""

    reason: str


def start_server(modules: Sequence[str], **environ: str) -> None:
    """Start the fork server `bounded_each` forks its children from, unless it runs: a fresh
    process, started now so it loads while this one goes on, that imports `modules` (which may
    read `environ`, set for them only). A server already running keeps what it loaded."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return
    multiprocessing.get_context("forkserver").set_forkserver_preload(list(modules))
    saved = {key: os.environ.get(key) for key in environ}
    os.environ.update(environ)
    try:
        forkserver.ensure_running()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def bounded_each(work: Callable[[T], R], runs: Sequence[Sequence[Sequence[T]]], *, seconds: float, processes: int,
                 together: Callable[[Sequence[T]], Iterator[R]] | None = None,
                 prepare: Callable[[], object] | None = None, server: bool = False) -> Iterator[R | Failure]:
    """`work(item)` for every item of every batch of every run, in order. Each run of batches goes
    to a child (at most `processes` at once) that has `seconds` for each item: an item that
    takes longer, kills its child or raises gives a `Failure`, and a new child goes on with the
    rest of its run. `together(batch)`, if given, yields `work`'s results for a whole batch at once,
    faster (spaCy's `nlp.pipe`): a child tries each batch that way first, with `seconds` for each of
    the batch's items not given yet; when that raises, overruns or kills the child, the rest of that
    batch goes item by item with `work`, so only the item at fault fails, and the next batch
    together again. With `server`, each child is forked from the fork server (`start_server`; the
    functions and items are pickled to it), so it holds none of this process's memory. A child's
    start and its `prepare()` (loading what the work needs, if the server has not) come before its
    first item's time, within `START_SECONDS`; a `BriefingError` that `prepare()` raises is raised
    here (the work cannot run at all)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        if prepare:
            prepare()
        yield from (outcome for run in runs for batch in run for outcome in _outcomes(work, together, batch))
        return
    context = multiprocessing.get_context("forkserver" if server and "forkserver" in multiprocessing.get_all_start_methods()
                                          else "fork")
    waiting, shown = deque(runs), 0
    lanes: deque[_Lane] = deque()
    try:
        while waiting or lanes:
            while waiting and sum(not lane.done for lane in lanes) < processes:
                lanes.append(_Lane(context, (work, together, prepare), waiting.popleft(), seconds))
            busy = [lane for lane in lanes if not lane.done]
            if busy:
                deadline = min(lane.deadline for lane in busy)
                ready = wait([lane.results for lane in busy], max(0.0, deadline - time.monotonic()))
                for lane in busy:
                    if lane.results in ready:
                        lane.receive()
                    elif time.monotonic() >= lane.deadline:
                        lane.fail("failed: its worker did not start" if lane.starting
                                  else f"took longer than {seconds:g} s and was stopped")
            while lanes and shown < len(lanes[0].outcomes):
                yield lanes[0].outcomes[shown]
                shown += 1
                if lanes[0].done and shown == len(lanes[0].outcomes):
                    lanes.popleft()
                    shown = 0
    finally:
        for lane in lanes:
            lane.stop()


class _Lane:
    """One run of batches in a child process: the outcomes so far, and when the current item's time
    ends. The items before `alone_until` (the rest of a batch whose work together failed) go one by one."""

    def __init__(self, context: Any, functions: tuple[Callable[[Any], Any], Callable[[Sequence[Any]], Iterator[Any]] | None,
                                                      Callable[[], object] | None],
                 run: Sequence[Sequence[Any]], seconds: float) -> None:
        self.context, self.functions, self.seconds = context, functions, seconds
        self.together = functions[1]
        self.items = [item for batch in run for item in batch]
        self.ends = list(itertools.accumulate(len(batch) for batch in run))
        self.outcomes: list[Any] = []
        self.alone_until = 0
        self.child: BaseProcess | None = None
        if self.items:
            self._start()

    @property
    def done(self) -> bool:
        return len(self.outcomes) == len(self.items)

    def _batch_end(self) -> int:
        """Where the batch of the current item ends."""
        return self.ends[bisect.bisect_right(self.ends, len(self.outcomes))]

    def _jointly(self) -> bool:
        """Whether the current item is worked on together with the rest of its batch."""
        return self.together is not None and len(self.outcomes) >= self.alone_until

    def _arm(self) -> None:
        """The current item's time: `seconds`, for each item its batch has still to give if together."""
        items = self._batch_end() - len(self.outcomes) if self._jointly() else 1
        self.deadline = time.monotonic() + self.seconds * items

    def _start(self) -> None:
        self.results, sending = self.context.Pipe(duplex=False)
        done, segments = len(self.outcomes), []
        for first, end in itertools.pairwise([0, *self.ends]):
            if end > done:
                segments.append((self.items[max(first, done):end], first >= self.alone_until))
        child = self.context.Process(target=_work_each, args=(sending, *self.functions, segments), daemon=True)
        child.start()
        self.child = child
        sending.close()
        self.starting, self.deadline = True, time.monotonic() + START_SECONDS

    def receive(self) -> None:
        """The child's next outcome (first, that it is ready); its death is the current item's failure."""
        try:
            outcome = self.results.recv()
        except (EOFError, OSError):
            return self.fail("failed: the worker process died")
        if self.starting:
            if isinstance(outcome, BriefingError):
                raise outcome
            self.starting = False
            return self._arm()
        self.outcomes.append(outcome)
        if self.done:
            return self.stop()
        self._arm()

    def fail(self, reason: str) -> None:
        """Stop the child, give the current item `reason`, and start a child for the rest; a batch
        worked on together fails none of its items: the rest of it goes item by item."""
        self.stop()
        if self._jointly():
            self.alone_until = self._batch_end()
        else:
            self.outcomes.append(Failure(reason))
        if not self.done:
            self._start()

    def stop(self) -> None:
        """Stop the child if it is still there (safe to call more than once)."""
        if self.child is None:
            return
        if self.child.is_alive():
            self.child.kill()
        self.child.join()
        self.results.close()
        self.child = None


def _work_each(results: Connection, work: Callable[[Any], Any], together: Callable[[Sequence[Any]], Iterator[Any]] | None,
               prepare: Callable[[], object] | None, segments: Sequence[tuple[Sequence[Any], bool]]) -> None:
    """That the child is ready (or the `BriefingError` its preparation raised), then the outcomes
    of each segment's items, together where it says so."""
    try:
        if prepare:
            prepare()
    except BriefingError as exc:
        results.send(exc)
        return
    except Exception:  # noqa: BLE001 - any other failed preparation shows when the work runs
        pass
    results.send(None)
    for items, jointly in segments:
        for outcome in _outcomes(work, together if jointly else None, items):
            results.send(outcome)
    results.close()


def _outcomes(work: Callable[[T], R], together: Callable[[Sequence[T]], Iterator[R]] | None,
              items: Sequence[T]) -> Iterator[R | Failure]:
    """The items' outcomes: from `together` while it goes, then from `work` item by item."""
    done = 0
    if together is not None:
        try:
            for outcome in together(items):
                yield outcome
                done += 1
        except Exception:  # noqa: BLE001 - whichever item raised, item by item tells it
            pass
    yield from (_attempt(work, item) for item in items[done:])


def _attempt(work: Callable[[T], R], item: T) -> R | Failure:
    """`work(item)`, or the exception it raised as one line."""
    try:
        return work(item)
    except Exception as exc:  # noqa: BLE001 - one item's failure, never a traceback
        message = next(iter(str(exc).splitlines()), "")[:300]
        return Failure(f"failed: {type(exc).__name__}{': ' + message if message else ''}")
