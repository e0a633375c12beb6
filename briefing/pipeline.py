"""The whole run: read all inputs, then parse, extract, compose, render, write."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from .actors import extract_actors
from .archive import rebuild_index, remove_old
from .cache import ExtractionCache, Extracted, key_of
from .compose import Pinned, compose
from .config import Config
from .copies import group_copies
from .errors import SourceError
from .models import Article, ArticleBrief, Briefing, Skipped
from .isolation import Bounded, Failure, bounded_each
from .lock import run_lock
from .manifest import Stopwatch, manifest
from .outputs import point_latest, read_saved, write_all
from .render import Renderer
from .sources import Intake, read_bytes, read_inputs
from .state import State
from .summarise import Length, key_sentences

#: Largest records file read by `run --from-records`.
MAX_RECORDS_BYTES = 2_000_000_000

Progress = Callable[[Iterable[ArticleBrief | Skipped], int], Iterable[ArticleBrief | Skipped]]


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


def editorial(config: Config) -> dict:
    """The config's choices for `compose`: bottom line, sections, actor counts, extra text."""
    return {"bottom_line_points": config.bottom_line, "actors_per_article": config.actors.per_article,
            "table_rows": config.actors.table, "extra": config.extra,
            "sections": [Pinned(s.name, tuple(s.keywords), tuple(s.actors)) for s in config.sections]}


def cache_of(config: Config) -> ExtractionCache | None:
    """The config's extraction cache, if it has one."""
    return ExtractionCache(config.resolve(config.cache), config.cache_max_mb) if config.cache else None


def brief_articles(articles: list[Article], config: Config, length: Length,
                   cache: ExtractionCache | None = None) -> Iterator[ArticleBrief | Skipped]:
    """Key sentences and actors of each article, in input order: from the cache where an
    unchanged article was extracted before, else parsed (by `config.workers` processes); an
    article whose parse fails or overruns `limits.parse_seconds` is skipped with the reason."""
    keys = [key_of(article, repr(length), config.model) for article in articles]
    known = cache.get(keys) if cache else {}
    missing = [article for article, key in zip(articles, keys, strict=True) if key not in known]
    extracted = extract_all(missing, config, length)
    fresh: dict[str, Extracted] = {}
    for number, (article, key) in enumerate(zip(articles, keys, strict=True), start=1):
        if key not in known:
            outcome = next(extracted)
            if isinstance(outcome, Failure):
                yield Skipped(origin=article.origin, reason=f"parse {outcome.reason}")
                continue
            fresh[key] = known[key] = outcome
        sentences, actors = known[key]
        yield ArticleBrief(number=number, article=article, key_sentences=sentences, actors=actors)
    if cache and fresh:
        cache.put(fresh)


def extract_all(articles: list[Article], config: Config, length: Length) -> Iterator[Extracted | Failure]:
    """Key sentences and actors of each article, in order, each article parsed on its own in a
    forked worker (`config.workers` of them, `batch_size` articles each), within
    `limits.parse_seconds`: one that takes longer, kills its worker or fails is a `Failure`."""
    if not articles:
        return iter(())
    from . import nlp

    nlp.load(config.model)  # loaded before forking, so each worker has it
    batches = [articles[i:i + config.batch_size] for i in range(0, len(articles), config.batch_size)]
    workers = min(config.workers or available_cores(), len(batches))
    return bounded_each(partial(_extract, model=config.model, length=length), batches,
                        seconds=config.limits.parse_seconds, processes=workers)


def _extract(article: Article, model: str, length: Length) -> Extracted:
    from . import nlp

    document = next(nlp.parse(nlp.load(model), [article]))
    sentences = key_sentences(document, length)
    return sentences, extract_actors(document, sentences)


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def build(config: Config, day: date, output: Path | None = None, inputs: list[str] | None = None,
          length: Length | None = None, progress: Progress | None = None, everything: bool = False,
          records: list[ArticleBrief] | None = None) -> RunResult:
    """Brief the sources and write `<output>/<day>/briefing.{pdf,md,html,json}` and `manifest.json`;
    with `only_new`, articles an earlier day covered are left out unless `everything`. Given
    `records` (from `briefing extract --format records`), nothing is read or parsed: they are
    composed and rendered as they are."""
    renderer = Renderer.for_config(config)
    checking = renderer.start_check()  # the templates are tried while the inputs are read
    state = State(config.resolve(config.state))
    pdf = renderer.prepare_pdf() if "pdf" in config.formats else None  # loads WeasyPrint meanwhile
    lock = run_lock(state.path.with_name("run.lock"), config.lock_wait_seconds)
    with _cancelled(checking), _cancelled(pdf), lock:
        clock = Stopwatch()
        intake = read_inputs(config, inputs, day) if records is None else Intake([r.article for r in records])
        if not intake.articles:
            raise _nothing_to_brief("no readable articles in the inputs", intake.skipped)
        covered = state.covered_before(intake.articles, day.isoformat()) if config.only_new and not everything \
            else [False] * len(intake.articles)
        fresh = [a for a, old in zip(intake.articles, covered, strict=True) if not old]
        groups = group_copies(fresh)
        checking()
        clock.lap("read")
        cache = cache_of(config) if records is None else None
        if records is None:
            briefs = brief_articles([group[0] for group in groups], config, length or length_of(config), cache)
        else:
            extracted = {id(record.article): record for record in records}
            briefs = (extracted[id(group[0])] for group in groups)
        outcomes = list(progress(briefs, len(groups)) if progress else briefs)
        clock.lap("parse and extract")
        briefed = [(o, group) for o, group in zip(outcomes, groups, strict=True) if isinstance(o, ArticleBrief)]
        skipped = intake.skipped + [o for o in outcomes if isinstance(o, Skipped)]
        if groups and not briefed:
            raise _nothing_to_brief("no article could be parsed", skipped)
        briefing = compose([brief for brief, _ in briefed], skipped, intake.notes, title=config.title, day=day,
                           marking=config.marking, copies=[group[1:] for _, group in briefed],
                           already_covered=len(intake.articles) - len(fresh), **editorial(config))
        clock.lap("compose")
        files = render_files(briefing, renderer, config.formats, pdf)
        clock.lap("render")
        old = [a for a, was in zip(intake.articles, covered, strict=True) if was]
        extraction = {"from cache": cache.hits if cache else 0,
                      "parsed": len(groups) - (cache.hits if cache else 0)}
        files["manifest.json"] = manifest(briefing, old, config.config_file, config.model, clock.stages, extraction)
        folder = (output or config.resolve(config.output)) / day.isoformat()
        written = write_all(folder, files)
        point_latest(folder.parent)
        state.record([article for _, group in briefed for article in group], day.isoformat())
        if config.retention_days:
            remove_old(folder.parent, day, config.retention_days)
        written.append(rebuild_index(folder.parent, renderer))
    return RunResult(folder, written, briefing)


def _nothing_to_brief(problem: str, skipped: list[Skipped]) -> SourceError:
    return SourceError(problem + "".join(f"; skipped {s.origin}: {s.reason}" for s in skipped))


def read_records(paths: list[Path]) -> list[ArticleBrief]:
    """The per-article records that `briefing extract --format records` wrote, in order."""
    records: list[ArticleBrief] = []
    for path in paths:
        try:
            lines = read_bytes(path, MAX_RECORDS_BYTES).decode("utf-8").splitlines()
        except (SourceError, UnicodeDecodeError) as exc:
            raise SourceError(f"{path}: cannot read records: {exc}") from None
        for number, line in enumerate(lines, start=1):
            if line.strip():
                try:
                    records.append(ArticleBrief.model_validate_json(line))
                except ValueError as exc:
                    first = str(exc).splitlines()[0]
                    raise SourceError(f"{path}:{number}: not an extracted record ({first})") from None
    return records


@contextmanager
def _cancelled(job: Bounded | None) -> Iterator[None]:
    """Stop a prepared child however the block ends."""
    try:
        yield
    finally:
        if job is not None:
            job.cancel()


def render_files(briefing: Briefing, renderer: Renderer, formats: Iterable[str],
                 pdf: Bounded | None = None) -> dict[str, bytes]:
    """Every requested output, rendered in memory before anything is written (the PDF in the
    `pdf` child when one was prepared)."""
    formats = set(formats)
    files: dict[str, bytes] = {}
    kinds = [kind for kind, wanted in (("md", "md" in formats), ("html", bool(formats & {"html", "pdf"}))) if wanted]
    rendered = dict(zip(kinds, renderer.texts(kinds, briefing) if kinds else [], strict=True))
    html = rendered.get("html")
    if "md" in formats:
        files["briefing.md"] = rendered["md"].encode("utf-8")
    if "html" in formats:
        files["briefing.html"] = html.encode("utf-8")
    data = briefing.model_dump_json(indent=2).encode("utf-8")
    if "json" in formats:
        files["briefing.json"] = data
    if "pdf" in formats:
        files["briefing.pdf"] = renderer.pdf(html, pdf, data)
    return files


def rerender(saved: Path, config: Config) -> RunResult:
    """Render a saved briefing.json again with the current templates and the current config's
    title, marking and extra text, beside the saved file."""
    briefing = read_saved(saved).model_copy(update={"title": config.title, "marking": config.marking or None,
                                                    "extra": dict(config.extra)})
    formats = [f for f in config.formats if f != "json"]
    files = render_files(briefing, Renderer.for_config(config), formats)
    return RunResult(saved.parent, write_all(saved.parent, files), briefing)
