"""Markdown articles with optional YAML front matter (title, source, url, published, author).

The text is parsed with markdown-it-py (CommonMark, linear time), not with regular expressions:
each paragraph, heading, list item and quotation becomes a paragraph of plain text; code, raw
HTML and images are left out. A leading heading is the headline when the front matter has none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from .. import safe_yaml
from ..errors import SourceError
from ..models import Article
from .jsonl import OPTIONAL

PARSER = MarkdownIt("commonmark")
#: Inline pieces whose text a reader sees.
VISIBLE = {"text", "code_inline"}
BREAKS = {"softbreak", "hardbreak"}


def read(path: Path, content: str) -> list[Article]:
    meta, content = front_matter(content)
    paragraphs = plain_paragraphs(content)
    title = meta.get("title")
    if paragraphs and paragraphs[0][0] and not title:
        title = paragraphs.pop(0)[1]
    elif paragraphs and paragraphs[0][0] and str(title).strip() == paragraphs[0][1]:
        paragraphs.pop(0)
    body = "\n\n".join(text for _, text in paragraphs)
    if not body.strip():
        raise SourceError("no article text")
    fields: dict[str, str | None] = {key: str(meta[key]) for key in OPTIONAL if meta.get(key) not in (None, "")}
    fields["title"] = str(title) if title else None
    return [Article.model_validate({"id": path.name, "text": body, "origin": str(path), **fields})]


def front_matter(content: str) -> tuple[dict[str, Any], str]:
    """The YAML front matter (between `---` lines at the very start) and the rest of the text."""
    if not content.startswith("---\n"):
        return {}, content
    ends = [end for end in (content.find("\n---\n", 3), content.find("\n...\n", 3)) if end >= 0]
    if not ends:
        return {}, content
    end = min(ends)
    try:
        meta, _ = safe_yaml.load(content[4:end])
    except safe_yaml.YamlProblem as exc:
        where = f" (line {exc.line + 1})" if exc.line else ""
        raise SourceError(f"front matter is not valid YAML{where}: {exc}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SourceError("front matter must be a mapping")
    return meta, content[end + 5:]


def plain_paragraphs(markdown: str) -> list[tuple[bool, str]]:
    """`(is_heading, text)` of each block a reader sees, in order."""
    paragraphs: list[tuple[bool, str]] = []
    heading = False
    for token in PARSER.parse(markdown):
        if token.type == "heading_open":
            heading = True
        elif token.type == "inline":
            words = []
            for child in token.children or ():
                if child.type in VISIBLE:
                    words.append(child.content)
                elif child.type in BREAKS:
                    words.append(" ")
            text = " ".join("".join(words).split())
            if text:
                paragraphs.append((heading, text))
            heading = False
    return paragraphs
