"""The whole run as named stages: read (intake), extract (analysis), compose (editorial),
render (presentation), write and archive (publish)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from .analysis.actors import extract_actors
from .analysis.cache import Extracted, ExtractionCache, key_of
from .analysis.figures import key_figures
from .analysis.quotes import direct_quotes
from .analysis.summarise import Length, key_sentences
from .analysis.upcoming import upcoming
from .config import Config
from .editorial.compose import Pinned, compose
from .errors import SourceError
from .intake import Intake, read_bytes, read_inputs
from .intake.copies import group_copies
from .intake.state import State
from .isolation import Bounded, Failure, bounded_each
from .models import Article, ArticleBrief, Briefing, Skipped
from .presentation.render import Renderer
from .publish.archive import rebuild_index, remove_old
from .publish.lock import run_lock
from .publish.manifest import Stopwatch, manifest
from .publish.outputs import point_latest, read_saved, replace_files, write_all

#: Largest records file read by `run --from-records`.
MAX_RECORDS_BYTES = 2_000_000_000

Progress = Callable[[Iterable[ArticleBrief | Skipped], int], Iterable[ArticleBrief | Skipped]]


@dataclass(frozen=True)
class RunResult:
    folder: Path
    written: list[Path]
    briefing: Briefing
    warnings: tuple[str, ...] = ()
    """What the run left undone without costing an output (e.g. a `latest` that is not its link)."""

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
            "sections": [Pinned(s.name, tuple(s.keywords), tuple(s.actors)) for s in config.sections],
            "top_stories": config.top_stories, "section_priority": dict(config.section_priority)}


def cache_of(config: Config) -> ExtractionCache | None:
    """The config's extraction cache, if it has one."""
    return ExtractionCache(config.resolve(config.cache), config.cache_max_mb) if config.cache else None


def brief_articles(articles: list[Article], config: Config, length: Length,
                   cache: ExtractionCache | None = None, explain: bool = False) -> Iterator[ArticleBrief | Skipped]:
    """Key sentences, actors, quotes, figures and what is to come of each article, in input order:
    from the cache where an unchanged article was extracted before, else parsed (by `config.workers`
    processes); an article whose parse fails or overruns `limits.parse_seconds` is skipped with the
    reason. `explain`: each actor carries the rules behind it (not cached)."""
    keys = [key_of(article, repr(length), config.model) for article in articles]
    known = cache.get(keys) if cache else {}
    missing = [article for article, key in zip(articles, keys, strict=True) if key not in known]
    extracted = extract_all(missing, config, length, explain)
    fresh: dict[str, Extracted] = {}
    for number, (article, key) in enumerate(zip(articles, keys, strict=True), start=1):
        if key not in known:
            outcome = next(extracted)
            if isinstance(outcome, Failure):
                yield Skipped(origin=article.origin, reason=f"parse {outcome.reason}")
                continue
            fresh[key] = known[key] = outcome
        yield ArticleBrief(number=number, article=article, **dict(known[key]))
    if cache and fresh:
        cache.put(fresh)


def extract_all(articles: list[Article], config: Config, length: Length,
                explain: bool = False) -> Iterator[Extracted | Failure]:
    """What the analysis gives each article, in order, each article parsed on its own in a
    forked worker (`config.workers` of them, `batch_size` articles each), within
    `limits.parse_seconds`: one that takes longer, kills its worker or fails is a `Failure`."""
    if not articles:
        return iter(())
    from .analysis import nlp

    nlp.load(config.model)  # loaded before forking, so each worker has it
    batches = [articles[i:i + config.batch_size] for i in range(0, len(articles), config.batch_size)]
    workers = min(config.workers or available_cores(), len(batches))
    return bounded_each(partial(_extract, model=config.model, length=length, explain=explain), batches,
                        seconds=config.limits.parse_seconds, processes=workers)


def _extract(article: Article, model: str, length: Length, explain: bool = False) -> Extracted:
    from .analysis import nlp

    document = next(nlp.parse(nlp.load(model), [article]))
    sentences = key_sentences(document, length)
    actors = extract_actors(document, sentences, explain)
    return Extracted(key_sentences=sentences, actors=actors, quotes=direct_quotes(document, actors),
                     figures=key_figures(document, sentences), upcoming=upcoming(document))


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class _Inputs:
    """Where a run's articles and their extraction come from: the config's sources (or the
    INPUT given), parsed here through the extraction cache."""

    def __init__(self, config: Config, inputs: list[str] | None, length: Length) -> None:
        self.config, self.inputs, self.length = config, inputs, length
        self.cache = cache_of(config)

    def read(self, day: date) -> Intake:
        return read_inputs(self.config, self.inputs, day)

    def extract(self, articles: list[Article]) -> Iterable[ArticleBrief | Skipped]:
        return brief_articles(articles, self.config, self.length, self.cache)

    @property
    def from_cache(self) -> int:
        return self.cache.hits if self.cache else 0


class _Records:
    """Articles extracted elsewhere (`briefing extract --format records`): nothing is read or
    parsed, the records are composed as they are."""

    def __init__(self, records: list[ArticleBrief]) -> None:
        self.records = {id(record.article): record for record in records}
        self.from_cache = 0

    def read(self, day: date) -> Intake:
        return Intake([record.article for record in self.records.values()])

    def extract(self, articles: list[Article]) -> Iterable[ArticleBrief | Skipped]:
        return (self.records[id(article)] for article in articles)


@dataclass(frozen=True)
class _Day:
    """What a run read: every article, which an earlier day covered, and the new ones grouped
    with their copies (the first of each group is briefed)."""

    intake: Intake
    covered: list[bool]
    groups: list[list[Article]]

    @property
    def fresh(self) -> list[Article]:
        return [article for article, old in zip(self.intake.articles, self.covered, strict=True) if not old]

    @property
    def old(self) -> list[Article]:
        return [article for article, old in zip(self.intake.articles, self.covered, strict=True) if old]


def build(config: Config, day: date, output: Path | None = None, inputs: list[str] | None = None,
          length: Length | None = None, progress: Progress | None = None, everything: bool = False,
          records: list[ArticleBrief] | None = None) -> RunResult:
    """Brief the sources and write `<output>/<day>/briefing.{pdf,md,html,json}` and `manifest.json`;
    with `only_new`, articles an earlier day covered are left out unless `everything`. Given
    `records` (from `briefing extract --format records`), nothing is read or parsed: they are
    composed and rendered as they are. The stages: read, extract, compose, render, write."""
    source = _Records(records) if records is not None else _Inputs(config, inputs, length or length_of(config))
    renderer = Renderer.for_config(config)
    checking = renderer.start_check()  # the templates are tried while the inputs are read
    state = State(config.resolve(config.state))
    pdf = renderer.prepare_pdf() if "pdf" in config.formats else None  # loads WeasyPrint meanwhile
    lock = run_lock(state.path.with_name("run.lock"), config.lock_wait_seconds)
    with _cancelled(checking), _cancelled(pdf), lock:
        clock = Stopwatch()
        read = _read(source, config, day, state, everything)
        checking()
        clock.lap("read")
        extracting = source.extract([group[0] for group in read.groups])
        outcomes = list(progress(extracting, len(read.groups)) if progress else extracting)
        clock.lap("parse and extract")
        briefed = [(o, group) for o, group in zip(outcomes, read.groups, strict=True) if isinstance(o, ArticleBrief)]
        skipped = read.intake.skipped + [o for o in outcomes if isinstance(o, Skipped)]
        if read.groups and not briefed:
            raise _nothing_to_brief("no article could be parsed", skipped)
        briefing = compose([brief for brief, _ in briefed], skipped, read.intake.notes, title=config.title, day=day,
                           marking=config.marking, copies=[group[1:] for _, group in briefed],
                           already_covered=len(read.intake.articles) - len(read.fresh), **editorial(config))
        clock.lap("compose")
        files = render_files(briefing, renderer, config.formats, pdf)
        clock.lap("render")
        extraction = {"from cache": source.from_cache, "parsed": len(read.groups) - source.from_cache}
        files["manifest.json"] = manifest(briefing, read.old, config.config_file, config.model, clock.stages, extraction)
        folder = (output or config.resolve(config.output)) / day.isoformat()
        written = write_all(folder, files)
        latest = point_latest(folder.parent)
        state.record([article for _, group in briefed for article in group], day.isoformat())
        written.append(_archive(folder.parent, renderer, config, day))
    return RunResult(folder, written, briefing, (latest,) if latest else ())


def _read(source: _Inputs | _Records, config: Config, day: date, state: State, everything: bool) -> _Day:
    """The day's articles, which an earlier day covered (with `only_new`), the new ones grouped."""
    intake = source.read(day)
    if not intake.articles:
        raise _nothing_to_brief("no readable articles in the inputs", intake.skipped)
    covered = state.covered_before(intake.articles, day.isoformat()) if config.only_new and not everything \
        else [False] * len(intake.articles)
    fresh = [a for a, old in zip(intake.articles, covered, strict=True) if not old]
    return _Day(intake, covered, group_copies(fresh))


def _archive(output: Path, renderer: Renderer, config: Config, day: date) -> Path:
    """Days past retention removed and the archive's index rebuilt; the index's path."""
    if config.retention_days:
        remove_old(output, day, date.today(), config.retention_days)
    return rebuild_index(output, renderer)


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
    if "md" in formats:
        files["briefing.md"] = rendered["md"].encode("utf-8")
    if "html" in formats:
        files["briefing.html"] = rendered["html"].encode("utf-8")
    data = briefing.model_dump_json(indent=2).encode("utf-8")
    if "json" in formats:
        files["briefing.json"] = data
    if "pdf" in formats:
        files["briefing.pdf"] = renderer.pdf(rendered["html"], pdf, data)
    return files


def rerender(saved: Path, config: Config) -> RunResult:
    """Render a saved briefing.json again with the current templates and the current config's
    title, marking and extra text, beside the saved file (in place: its folder stays)."""
    briefing = read_saved(saved).model_copy(update={"title": config.title, "marking": config.marking or None,
                                                    "extra": dict(config.extra)})
    formats = [f for f in config.formats if f != "json"]
    files = render_files(briefing, Renderer.for_config(config), formats)
    return RunResult(saved.parent, replace_files(saved.parent, files), briefing)
