"""JSONL exports: one article a line with `id`, `text` and optional metadata."""

from __future__ import annotations

import json
from pathlib import Path

from ..models import Article, Skipped

OPTIONAL = ("title", "source", "url", "published", "author")


def read(path: Path, content: str) -> list[Article | Skipped]:
    items: list[Article | Skipped] = []
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        origin = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            items.append(Skipped(origin=origin, reason=f"not valid JSON ({exc.msg})"))
            continue
        except RecursionError:
            items.append(Skipped(origin=origin, reason="not readable JSON (nested too deeply)"))
            continue
        except ValueError:  # an integer with more digits than Python converts
            items.append(Skipped(origin=origin, reason="not readable JSON (a number has too many digits)"))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            items.append(Skipped(origin=origin, reason="no 'text' string in the record"))
            continue
        meta = {key: str(record[key]) for key in OPTIONAL
                if isinstance(record.get(key), (str, int, float)) and record[key] != ""}
        items.append(Article.model_validate({"id": str(record.get("id", f"{path.stem}:{number}")),
                                             "text": record["text"], "origin": origin, **meta}))
    return items
