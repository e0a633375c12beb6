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
from .archive import rebuild_index, remove_old
from .copies import group_copies
from .lock import run_lock
from .manifest import Stopwatch, manifest
from .outputs import point_latest, read_saved, write_all
from .render import Renderer
from .sources import read_inputs
from .state import State
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


def brief_articles(articles: list[Article], config: Config, length: Length) -> Iterator[ArticleBrief]:
    """Key sentences and actors of each article, in input order."""
    pipeline = nlp.load(config.model)
    for number, document in enumerate(nlp.parse(pipeline, articles, config.batch_size), start=1):
        sentences = key_sentences(document, length)
        yield ArticleBrief(number=number, article=document.article, key_sentences=sentences,
                           actors=extract_actors(document, sentences))


def build(config: Config, day: date, output: Path | None = None, inputs: list[str] | None = None,
          length: Length | None = None, progress: Progress | None = None, everything: bool = False) -> RunResult:
    """Brief the sources and write `<output>/<day>/briefing.{pdf,md,html,json}` and `manifest.json`;
    with `only_new`, articles an earlier day covered are left out unless `everything`."""
    renderer = Renderer.for_config(config)
    renderer.check()
    state = State(config.resolve(config.state))
    with run_lock(state.path.with_name("run.lock"), config.lock_wait_seconds):
        clock = Stopwatch()
        intake = read_inputs(config, inputs, day)
        if not intake.articles:
            raise SourceError("no readable articles in the inputs" + "".join(
                f"; skipped {s.origin}: {s.reason}" for s in intake.skipped))
        covered = state.covered_before(intake.articles, day.isoformat()) if config.only_new and not everything \
            else [False] * len(intake.articles)
        fresh = [a for a, old in zip(intake.articles, covered, strict=True) if not old]
        groups = group_copies(fresh)
        clock.lap("read")
        briefs = brief_articles([group[0] for group in groups], config, length or length_of(config))
        briefs = list(progress(briefs, len(groups)) if progress else briefs)
        clock.lap("parse and extract")
        briefing = compose(briefs, intake.skipped, intake.notes, title=config.title, day=day, marking=config.marking,
                           actors_per_article=config.actors.per_article, table_rows=config.actors.table,
                           copies=[group[1:] for group in groups], already_covered=len(intake.articles) - len(fresh))
        clock.lap("compose")
        files = render_files(briefing, renderer, config.formats)
        clock.lap("render")
        old = [a for a, was in zip(intake.articles, covered, strict=True) if was]
        files["manifest.json"] = manifest(briefing, old, config.config_file, config.model, clock.stages)
        folder = (output or config.resolve(config.output)) / day.isoformat()
        written = write_all(folder, files)
        point_latest(folder.parent)
        state.record(fresh, day.isoformat())
        if config.retention_days:
            remove_old(folder.parent, day, config.retention_days)
        written.append(rebuild_index(folder.parent, renderer))
    return RunResult(folder, written, briefing)


def render_files(briefing: Briefing, renderer: Renderer, formats: Iterable[str]) -> dict[str, bytes]:
    """Every requested output, rendered in memory before anything is written."""
    formats = set(formats)
    files: dict[str, bytes] = {}
    kinds = [kind for kind, wanted in (("md", "md" in formats), ("html", bool(formats & {"html", "pdf"}))) if wanted]
    rendered = dict(zip(kinds, renderer.texts(kinds, briefing) if kinds else [], strict=True))
    html = rendered.get("html")
    if "md" in formats:
        files["briefing.md"] = rendered["md"].encode("utf-8")
    if "html" in formats:
        files["briefing.html"] = html.encode("utf-8")
    if "json" in formats:
        files["briefing.json"] = briefing.model_dump_json(indent=2).encode("utf-8")
    if "pdf" in formats:
        files["briefing.pdf"] = renderer.pdf(html)
    return files


def rerender(saved: Path, config: Config) -> RunResult:
    """Render a saved briefing.json again with the current templates, beside the saved file."""
    briefing = read_saved(saved)
    formats = [f for f in config.formats if f != "json"]
    return RunResult(saved.parent, write_all(saved.parent, render_files(briefing, Renderer.for_config(config), formats)),
                     briefing)
