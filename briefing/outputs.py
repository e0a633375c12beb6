"""Writing a run's files: one dated folder, each file written to a temporary name and renamed,
so a failed run never leaves a half-written file nor damages an earlier one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import RenderError


def write_all(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file into `folder` (created if need be); returns the paths written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(f"{folder}: cannot create output folder: {exc.strerror or exc}") from None
    staged: list[tuple[str, Path]] = []
    try:
        for name, content in files.items():
            handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            staged.append((temporary, folder / name))
        for temporary, final in staged:
            os.replace(temporary, final)
    except OSError as exc:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        raise RenderError(f"{folder}: cannot write outputs: {exc.strerror or exc}") from None
    return [final for _, final in staged]
