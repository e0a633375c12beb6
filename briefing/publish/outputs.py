"""Writing a run's files: the day's set is staged in a hidden folder beside the dated one and
swapped in whole, so a failed or killed run never leaves a half-written file, never mixes a new
file with old ones, and never damages an earlier briefing. Files follow the user's umask.

On Linux the swap is one atomic `renameat2(RENAME_EXCHANGE)`; elsewhere two renames, and a run
killed between them is repaired by the next run before it writes. A re-render writes its files in
place instead (each renamed over the old one), so the folder stays a shell's working directory.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import IO

from ..errors import RenderError, SourceError
from ..intake.files import read_bytes
from ..models import Briefing

#: Largest saved briefing.json read back.
MAX_SAVED_BYTES = 200_000_000

STAGED = re.compile(r"\.(?P<day>[^.]{1,64})\.(?P<kind>new|old)-(?P<pid>\d{1,10})-\w{1,64}")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
RENAME_EXCHANGE = 2
AT_FDCWD = -100


def write_all(folder: Path, files: Mapping[str, bytes | IO[bytes]]) -> list[Path]:
    """Write every file into `folder` (created if need be), keeping the folder's other files;
    returns the paths written. A file given as a stream (read from where it stands) is copied a
    block at a time and closed."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        repair(folder)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-{os.getpid()}-", dir=folder.parent))
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise RenderError(f"{folder!s:.200}: cannot create output folder: {reason}") from None
    try:
        os.chmod(staging, 0o777 & ~_umask())
        if folder.is_dir():
            for kept in folder.iterdir():
                if kept.name not in files and kept.is_file():
                    os.link(kept, staging / kept.name)
        for name, content in files.items():
            with open(staging / name, "xb") as stream:
                _write(stream, content)
        _swap(staging, folder)
    except OSError as exc:
        raise RenderError(f"{folder}: cannot write outputs: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        _close(files)
    return [folder / name for name in files]


def _write(stream: IO[bytes], content: bytes | IO[bytes]) -> None:
    """Write `content` (bytes, or a stream copied a block at a time) to disk through `stream`."""
    if isinstance(content, bytes):
        stream.write(content)
    else:
        shutil.copyfileobj(content, stream)
    stream.flush()
    os.fsync(stream.fileno())


def _close(files: Mapping[str, bytes | IO[bytes]]) -> None:
    for content in files.values():
        if not isinstance(content, bytes):
            content.close()


def replace_files(folder: Path, files: Mapping[str, bytes | IO[bytes]]) -> list[Path]:
    """Write files into the existing `folder` in place: all to temporary files beside them first,
    then each renamed over its old one, so a full disk changes none of them and the folder itself
    (perhaps a shell's current directory) stays where it is; returns the paths written. A stream
    is written as `write_all` writes it."""
    paths = [folder / name for name in files]
    try:
        for path, content in zip(paths, files.values(), strict=True):
            with open(_temporary(path), "wb") as stream:
                _write(stream, content)
        for path in paths:
            os.replace(_temporary(path), path)
    except OSError as exc:
        for leftover in paths:
            _temporary(leftover).unlink(missing_ok=True)
        raise RenderError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        _close(files)
    return paths


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def read_saved(path: Path) -> Briefing:
    """A saved briefing.json."""
    try:
        return Briefing.model_validate_json(read_bytes(path, MAX_SAVED_BYTES))
    except SourceError as exc:
        raise SourceError(f"{path}: {exc}") from None
    except ValueError as exc:
        first = str(exc).splitlines()[0]
        raise SourceError(f"{path}: not a saved briefing ({first})") from None


def dated_folders(output: Path) -> list[Path]:
    """The day folders under `output`, oldest first."""
    if not output.is_dir():
        return []
    return sorted(p for p in output.iterdir() if _is_day(p.name) and p.is_dir())


def _is_day(name: str) -> bool:
    try:
        return bool(DAY.fullmatch(name)) and date.fromisoformat(name) is not None
    except ValueError:
        return False


def point_latest(output: Path) -> str | None:
    """Make `<output>/latest` a link to the newest dated folder (replaced atomically); a `latest`
    that is not a link is the user's and stays. Returns why `latest` was not updated, if it was not."""
    days = [p.name for p in dated_folders(output)]
    if not days:
        return None
    latest = output / "latest"
    if os.path.lexists(latest) and not latest.is_symlink():
        kind = "folder" if latest.is_dir() else "file"
        return f"{latest}: not updated: a {kind}, not briefing's link, is in its place (left as it is)"
    temporary = output / f".latest-{os.getpid()}"
    try:
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(days[-1], target_is_directory=True)
        os.replace(temporary, latest)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        return f"{latest}: not updated: {exc.strerror or exc}"
    return None


def repair(folder: Path) -> None:
    """Undo what a killed run left beside `folder`: restore the day's set if only the old copy
    remains, and remove staged folders of runs that are no longer running."""
    for leftover in sorted(folder.parent.glob(f".{folder.name}.*-*-*")):
        match = STAGED.fullmatch(leftover.name)
        if not match or match["day"] != folder.name or _running(int(match["pid"])):
            continue
        if match["kind"] == "old" and not folder.exists():
            os.rename(leftover, folder)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def _swap(staging: Path, folder: Path) -> None:
    """Put `staging` in place of `folder`; the previous contents end up in `staging`."""
    if not folder.exists():
        os.rename(staging, folder)
        return
    if _exchange(staging, folder):
        return
    old = staging.with_name(staging.name.replace(".new-", ".old-", 1))
    os.rename(folder, old)  # a run killed here is repaired by the next one
    os.rename(staging, folder)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically (Linux); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code))


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
