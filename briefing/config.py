"""The typed schema of config.yaml, loaded safely; every problem is reported at once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import ConfigError


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SummaryConfig(Section):
    """How many key sentences each article gets: a count, a word budget or a share."""

    sentences: Annotated[int, Field(ge=1, le=50)] = 3
    """Key sentences per article (used when neither `words` nor `ratio` is set)."""
    words: Annotated[int, Field(ge=10)] | None = None
    """Word budget per article: sentences are added while they fit."""
    ratio: Annotated[float, Field(gt=0, le=1)] | None = None
    """Share of the article's sentences to keep."""

    @model_validator(mode="after")
    def _one_length(self) -> SummaryConfig:
        if self.words is not None and self.ratio is not None:
            raise ValueError("set either words or ratio, not both")
        return self


class ActorsConfig(Section):
    """How many actors the briefing shows."""

    per_article: Annotated[int, Field(ge=0, le=50)] = 6
    """Actors listed under each article, key ones first."""
    table: Annotated[int, Field(ge=0, le=200)] = 12
    """Rows of the actor table across articles."""


class Config(Section):
    """Everything a run needs; paths are resolved against the config file's folder."""

    title: str = "Daily brief"
    """Title of the briefing, shown in the title block and the running header."""
    marking: str | None = None
    """Handling marking such as OFFICIAL, shown in the running header; none if empty."""
    inputs: list[str] = ["seeds"]
    """Folders, globs or files to read articles from."""
    output: Path = Path("briefings")
    """Folder that receives one dated folder a run."""
    templates: Path | None = None
    """Template folder searched before the packaged default; none uses the default only."""
    model: str = "en_core_web_sm"
    """spaCy pipeline to load (an installed package name)."""
    batch_size: Annotated[int, Field(ge=1, le=1000)] = 16
    """Articles parsed together by spaCy."""
    max_file_bytes: Annotated[int, Field(ge=1)] = 5_000_000
    """Inputs larger than this are skipped, with a reason."""
    formats: list[Literal["pdf", "md", "html", "json"]] = ["pdf", "md", "html", "json"]
    """Outputs to write: any of pdf, md, html, json."""
    summary: SummaryConfig = SummaryConfig()
    actors: ActorsConfig = ActorsConfig()
    base_dir: Path = Field(default=Path("."), exclude=True)
    """The config file's folder (set by the loader, not in the file)."""

    def resolve(self, path: Path | str) -> Path:
        """A path from the config, made absolute against the config file's folder."""
        path = Path(path).expanduser()
        return path if path.is_absolute() else self.base_dir / path


def load_config(path: Path | str | None) -> Config:
    """Read and validate a config file; `None` gives the defaults, relative to the cwd."""
    if path is None:
        return Config(base_dir=Path.cwd())
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: the config must be a mapping of keys to values")
    if "base_dir" in data:
        raise ConfigError(f"base_dir: unknown key ({path}:{_line(root, ('base_dir',))})")
    try:
        return Config(**data, base_dir=path.resolve().parent)
    except ValidationError as exc:
        problems = [_describe(err, root, path) for err in exc.errors()]
        raise ConfigError("\n".join(problems)) from None


_EXPECTED = {"int": "an integer", "float": "a number", "bool": "true or false", "string": "a string",
             "list": "a list", "dict": "a mapping", "model": "a mapping", "path": "a path"}


def _describe(err: dict[str, Any], root: yaml.Node, path: Path) -> str:
    loc = tuple(err["loc"])
    key = ".".join(str(part) for part in loc) or "(top level)"
    where = f"{path}:{_line(root, loc)}"
    if err["type"] == "extra_forbidden":
        return f"{key}: unknown key ({where})"
    got = err.get("input")
    if err["type"].endswith("_type") or err["type"].endswith("_parsing"):
        expected = _EXPECTED.get(err["type"].split("_")[0], err["type"].split("_")[0])
        return f"{key}: expected {expected}, got {got!r} ({where})"
    message = re.sub(r"^Input should be ", "expected ", err["msg"].removeprefix("Value error, "))
    return f"{key}: {message}, got {got!r} ({where})" if "got" not in message else f"{key}: {message} ({where})"


def _line(root: yaml.Node | None, loc: tuple) -> int:
    """The 1-based line of the YAML node at `loc`, or of its nearest existing parent."""
    node, line = root, 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == str(part)), None)
            key_node = next((k for k, v in node.value if k.value == str(part)), None)
            if match is None:
                break
            line = key_node.start_mark.line + 1
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line
