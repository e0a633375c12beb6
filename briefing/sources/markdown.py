"""Markdown articles with optional YAML front matter (title, source, url, published, author)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..errors import SourceError
from ..models import Article
from .jsonl import OPTIONAL

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.S)
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.M)
QUOTE_MARK = re.compile(r"^\s*>\s?", re.M)


def read(path: Path, content: str) -> list[Article]:
    meta: dict = {}
    match = FRONT_MATTER.match(content)
    if match:
        try:
            meta = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as exc:
            raise SourceError(f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}") from None
        if not isinstance(meta, dict):
            raise SourceError("front matter must be a mapping")
        content = content[match.end():]
    body = plain_text(content)
    title = meta.get("title")
    first = HEADING.match(content.lstrip("\n"))
    if first:
        title = title or first.group(1)
        body = plain_text(content.lstrip("\n")[first.end():])
    if not body.strip():
        raise SourceError("no article text")
    fields = {key: str(meta[key]) for key in OPTIONAL if meta.get(key) not in (None, "")}
    fields["title"] = str(title) if title else None
    return [Article(id=path.name, text=body, origin=str(path), **fields)]


def plain_text(markdown: str) -> str:
    """Markdown reduced to the words a reader sees, paragraphs kept apart by blank lines."""
    text = IMAGE.sub("", markdown)
    text = LINK.sub(r"\1", text)
    text = HEADING.sub(lambda m: f"\n{m.group(1)}\n", text)
    text = EMPHASIS.sub(r"\2", text)
    text = LIST_MARK.sub("", text)
    text = QUOTE_MARK.sub("", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
