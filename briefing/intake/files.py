"""Local inputs: folders, globs and files, each read by the reader for its extension.

Only regular files are read, never more than the size limit, and every folder is walked once
however many links lead to it. A file that cannot be read becomes a `Skipped` entry.
"""

from __future__ import annotations

import codecs
import fnmatch
import glob
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from ..errors import SourceError
from ..models import Article, Skipped
from . import jsonl, markdown, text


def _read_html(path: Path, content: str) -> list[Article]:
    """The page reader (trafilatura and lxml load only when a page is read)."""
    from . import html

    return html.read(path, content)


Reader = Callable[[Path, str], Sequence[Article | Skipped]]

READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".text": text.read,
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".jsonl": jsonl.read,
    ".html": _read_html,
    ".htm": _read_html,
}
#: Local files read as RSS or Atom feeds.
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
#: Files a glob or folder walk looks at, at most, before it stops with a note.
MAX_FILES = 100_000
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


#: Why a path that names nothing is not read.
MISSING = "no such file or folder"


def expand(inputs: Iterable[str], base_dir: Path) -> tuple[list[Path], list[Skipped]]:
    """The files named by folders, globs and paths, in a stable order, each once; a glob that
    matches nothing is reported as skipped."""
    files: list[Path] = []
    unmatched: list[Skipped] = []
    for entry in inputs:
        if "\x00" in entry:
            raise SourceError(f"{entry!r}: the path contains a NUL byte")
        path = Path(entry).expanduser()
        path = path if path.is_absolute() else base_dir / path
        if path.is_dir():
            found = sorted(p for p in path.iterdir()
                           if p.suffix.lower() in READERS.keys() | FEED_SUFFIXES and not p.is_dir())
        elif glob.has_magic(str(path)):
            found = sorted(_glob(path))
            if not found:
                unmatched.append(Skipped(origin=entry, reason="matched no files"))
        elif path.exists() or path.is_symlink():
            found = [path]
        else:
            raise SourceError(f"{entry}: {MISSING}")
        files.extend(shown for p in found if (shown := shown_path(p)) not in files)
    return files, unmatched


def _glob(pattern: Path) -> Iterator[Path]:
    """Files matching `pattern` (`**` spans folders), each real folder walked once."""
    parts = pattern.parts
    fixed = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    root, wanted = Path(*parts[:fixed]), parts[fixed:]
    seen: set[tuple[int, int]] = set()
    count = 0
    for folder, dirs, names in os.walk(root, followlinks=True):
        try:
            info = os.stat(folder)
        except OSError:
            dirs[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        dirs.sort()
        relative = Path(folder).relative_to(root).parts
        if "**" not in wanted and len(relative) >= len(wanted) - 1:
            dirs[:] = []  # deeper folders cannot match a pattern without **
        for name in sorted(names):
            count += 1
            if count > MAX_FILES:
                return
            candidate = Path(folder, name)
            if _matches((*relative, name), wanted) and not candidate.is_dir():
                yield candidate


def _matches(parts: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """Whether path parts match glob parts, `**` standing for any number of folders; wildcards
    do not match hidden names (as in `glob`)."""
    states = _past_globstars({0}, pattern)
    for part in parts:
        following = set()
        for j in states - {len(pattern)}:
            glob_part = pattern[j]
            hidden_ok = not part.startswith(".") or glob_part.startswith(".")
            if glob_part == "**" and hidden_ok:
                following.add(j)
            elif glob_part != "**" and hidden_ok and fnmatch.fnmatchcase(part, glob_part):
                following.add(j + 1)
        states = _past_globstars(following, pattern)
    return len(pattern) in states


def _past_globstars(states: set[int], pattern: tuple[str, ...]) -> set[int]:
    """The states plus those reached by letting each `**` match no folder."""
    reached = set(states)
    for j in states:
        while j < len(pattern) and pattern[j] == "**":
            j += 1
            reached.add(j)
    return reached


def shown_path(path: Path) -> Path:
    """The path relative to the working folder when it lies inside it (shorter to show)."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path.cwd())
    except (ValueError, OSError):
        return path


def read_file(path: Path, max_bytes: int) -> Sequence[Article | Skipped]:
    """The articles of one file, read with the reader for its extension, or why it was skipped."""
    reader = READERS.get(path.suffix.lower())
    try:
        if reader is None:
            raise SourceError(f"unsupported file type {path.suffix or '(none)'!r}")
        return reader(path, decode(path, max_bytes))
    except SourceError as exc:
        return [Skipped(origin=str(path), reason=str(exc))]


def decode(path: Path, max_bytes: int) -> str:
    """A regular file's text, at most `max_bytes` of it: a BOM's encoding, else UTF-8 (a few bad
    bytes replaced), else Windows-1252; refuses binary and empty files."""
    raw = read_bytes(path, max_bytes)
    encoding = next((name for bom, name in BOMS if raw.startswith(bom)), None)
    if encoding is None:
        if b"\x00" in raw:
            raise SourceError("binary file, not text")
        encoding = "utf-8" if _mostly_utf8(raw) else "cp1252"
    content = raw.decode(encoding, errors="replace")
    if not content.strip():
        raise SourceError("empty file")
    return content.replace("\r\n", "\n").replace("\r", "\n")


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file (never a device, pipe or folder), refusing more than `max_bytes`."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}") from None
    with os.fdopen(descriptor, "rb") as stream:
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                raise SourceError("not a regular file")
            raw = stream.read(max_bytes + 1)
        except OSError as exc:
            raise SourceError(f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise SourceError(f"too large (over {max_bytes:,} bytes)")
    return raw


def _mostly_utf8(raw: bytes) -> bool:
    """UTF-8 unless the bytes hold no valid multi-byte sequence but do hold invalid ones (then
    the file is in a single-byte encoding)."""
    try:
        raw.decode("utf-8")
        return True
    except UnicodeDecodeError:
        pass
    decoded = raw.decode("utf-8", errors="replace")
    return any(ord(char) > 0x7F and char != "\ufffd" for char in decoded)
