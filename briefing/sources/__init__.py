"""Turn the configured inputs (folders, globs, files) into articles, reader chosen by extension.

Everything is read before anything is written; an input that cannot be read becomes a
`Skipped` entry with its path and the reason, and the rest are still briefed.
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import SourceError
from ..models import Article, Skipped
from . import html, jsonl, markdown, text

Reader = Callable[[Path, str], list[Article | Skipped]]

READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".text": text.read,
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".jsonl": jsonl.read,
    ".html": html.read,
    ".htm": html.read,
}


def expand(inputs: Iterable[str], base_dir: Path) -> list[Path]:
    """The files named by folders, globs and paths, in a stable order, each once."""
    files: list[Path] = []
    for entry in inputs:
        path = Path(entry).expanduser()
        path = path if path.is_absolute() else base_dir / path
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in READERS)
        elif glob.has_magic(str(path)):
            found = sorted(Path(p) for p in glob.glob(str(path), recursive=True) if Path(p).is_file())
        elif path.exists():
            found = [path]
        else:
            raise SourceError(f"{entry}: no such file or folder")
        files.extend(shown for p in found if (shown := _relative(p)) not in files)
    return files


def _relative(path: Path) -> Path:
    """The path relative to the working folder when it lies inside it (shorter to show)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def read_articles(files: Iterable[Path], max_bytes: int) -> tuple[list[Article], list[Skipped]]:
    """Read each file with the reader for its extension; unreadable ones are skipped."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for path in files:
        reader = READERS.get(path.suffix.lower())
        try:
            if reader is None:
                raise SourceError(f"unsupported file type {path.suffix or '(none)'!r}")
            items = reader(path, decode(path, max_bytes))
        except SourceError as exc:
            skipped.append(Skipped(origin=str(path), reason=str(exc)))
            continue
        for item in items:
            (articles if isinstance(item, Article) else skipped).append(item)
    return articles, skipped


def decode(path: Path, max_bytes: int) -> str:
    """A file's text: UTF-8 (with or without BOM), else Windows-1252; refuses binary and empty files."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(f"too large ({size:,} bytes, limit {max_bytes:,})")
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}") from None
    if b"\x00" in raw:
        raise SourceError("binary file, not text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            content = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SourceError("not UTF-8 text and not decodable")
    if not content.strip():
        raise SourceError("empty file")
    return content.replace("\r\n", "\n").replace("\r", "\n")
