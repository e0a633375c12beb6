"""The whole run: read all inputs, then parse, extract, compose, render, write."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import nlp
from .actors import extract_actors
from .compose import compose
from .config import Config
from .errors import SourceError
from .models import Article, ArticleBrief, Briefing, Skipped
from .outputs import write_all
from .render import Renderer
from .sources import expand, read_articles
from .summarise import Length, key_sentences

Progress = Callable[[Iterable[ArticleBrief], int], Iterable[ArticleBrief]]


@dataclass(frozen=True)
class RunResult:
    folder: Path
    written: list[Path]
    briefing: Briefing

    @property
    def skipped(self) -> list[Skipped]:
        return self.briefing.skipped


def length_of(config: Config) -> Length:
    """The summary length the config asks for."""
    summary = config.summary
    return Length(sentences=summary.sentences, words=summary.words, ratio=summary.ratio)


def read_inputs(config: Config, inputs: list[str] | None = None) -> tuple[list[Article], list[Skipped]]:
    """Every article of the inputs (the config's unless given), and those that were skipped."""
    base = config.base_dir if inputs is None else Path.cwd()
    return read_articles(expand(inputs or config.inputs, base), config.max_file_bytes)


def brief_articles(articles: list[Article], config: Config, length: Length) -> Iterator[ArticleBrief]:
    """Key sentences and actors of each article, in input order."""
    pipeline = nlp.load(config.model)
    for number, document in enumerate(nlp.parse(pipeline, articles, config.batch_size), start=1):
        sentences = key_sentences(document, length)
        yield ArticleBrief(number=number, article=document.article, key_sentences=sentences,
                           actors=extract_actors(document, sentences))


def build(config: Config, day: date, output: Path | None = None, inputs: list[str] | None = None,
          length: Length | None = None, progress: Progress | None = None) -> RunResult:
    """Brief the inputs and write `<output>/<day>/briefing.{pdf,md,html,json}`."""
    renderer = Renderer.for_folder(config.resolve(config.templates) if config.templates else None)
    renderer.check()
    articles, skipped = read_inputs(config, inputs)
    if not articles:
        raise SourceError("no readable articles in the inputs" + "".join(
            f"\n  skipped {s.origin}: {s.reason}" for s in skipped))
    briefs = brief_articles(articles, config, length or length_of(config))
    briefs = list(progress(briefs, len(articles)) if progress else briefs)
    briefing = compose(briefs, skipped, title=config.title, day=day, marking=config.marking,
                       actors_per_article=config.actors.per_article, table_rows=config.actors.table)
    folder = (output or config.resolve(config.output)) / day.isoformat()
    return RunResult(folder, write_all(folder, render_files(briefing, renderer, config.formats)), briefing)


def render_files(briefing: Briefing, renderer: Renderer, formats: Iterable[str]) -> dict[str, bytes]:
    """Every requested output, rendered in memory before anything is written."""
    formats = set(formats)
    files: dict[str, bytes] = {}
    html = renderer.text("html", briefing) if formats & {"html", "pdf"} else None
    if "md" in formats:
        files["briefing.md"] = renderer.text("md", briefing).encode("utf-8")
    if "html" in formats:
        files["briefing.html"] = html.encode("utf-8")
    if "json" in formats:
        files["briefing.json"] = briefing.model_dump_json(indent=2).encode("utf-8")
    if "pdf" in formats:
        files["briefing.pdf"] = renderer.pdf(html)
    return files


def rerender(saved: Path, config: Config) -> RunResult:
    """Render a saved briefing.json again with the current templates, beside the saved file."""
    try:
        briefing = Briefing.model_validate_json(saved.read_bytes())
    except OSError as exc:
        raise SourceError(f"{saved}: cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:
        first = str(exc).splitlines()[0]
        raise SourceError(f"{saved}: not a saved briefing ({first})") from None
    renderer = Renderer.for_folder(config.resolve(config.templates) if config.templates else None)
    formats = [f for f in config.formats if f != "json"]
    return RunResult(saved.parent, write_all(saved.parent, render_files(briefing, renderer, formats)), briefing)
