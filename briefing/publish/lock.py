"""One run at a time per config: an exclusive lock on a file beside the state. A second run
waits a bounded time, then gives up with its own exit status; the kernel releases the lock of a
run that was killed, so a stale lock never blocks the next day. The lock file is opened without
following a link and must be a plain file with no other name, so it never writes to another file."""

from __future__ import annotations

import fcntl
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import BriefingError, StateError


class LockBusy(BriefingError):
    """Another run holds the lock."""

    exit_code = 7


@contextmanager
def run_lock(path: Path, wait_seconds: float) -> Iterator[None]:
    """Hold the lock at `path` while the block runs, waiting up to `wait_seconds` for it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StateError(f"{path.parent}: cannot create the state folder: {exc.strerror or exc}") from None
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o666)
    except OSError as exc:
        reason = "it is a symbolic link" if os.path.islink(path) else exc.strerror or exc
        raise StateError(f"{path}: cannot open the run lock: {reason}") from None
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode) or status.st_nlink != 1:
            raise StateError(f"{path}: cannot use the run lock: it is not a plain file of its own "
                             "(a pipe, device or hard link); remove it")
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(handle, 32, 0).decode("ascii", "replace").strip() or "unknown"
                    raise LockBusy(f"another run of this config is running (process {holder}, lock {path}); "
                                   f"waited {wait_seconds:g} s") from None
                time.sleep(0.1)
        os.ftruncate(handle, 0)
        os.pwrite(handle, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        os.close(handle)
