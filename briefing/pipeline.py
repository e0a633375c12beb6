"""The whole run as named stages: read (intake), extract (analysis), compose (editorial),
render (presentation), write and archive (publish)."""

from __future__ import annotations

import io
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import IO, Any

from threadpoolctl import threadpool_limits

from .analysis.actors import extract_actors
from .analysis.cache import Extracted, ExtractionCache, key_of
from .analysis.figures import key_figures
from .analysis.headline import lead_headline
from .analysis.quotes import direct_quotes
from .analysis.summarise import Length, key_sentences
from .analysis.upcoming import upcoming
from .config import Config
from .editorial.compose import Pinned, compose
from .errors import BriefingError, RenderError, SourceError
from .intake import Intake, read_bytes, read_inputs
from .intake.copies import group_copies
from .intake.state import Seen, State
from .intake.text import split_headline
from .isolation import Bounded, Failure, bounded_each, start_server
from .models import Article, ArticleBrief, Briefing, LeftOut, Note, Skipped
from .presentation.render import Renderer, TextsChild, json_file
from .publish.archive import prepare_index, rebuild_index, remove_old
from .publish.lock import run_lock
from .publish.manifest import Stopwatch, manifest, record_fit
from .publish.outputs import point_latest, read_saved, replace_files, write_all
from .versions import model_language

#: The longest file name most file systems allow (NAME_MAX).
MAX_NAME_CHARS = 255
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
    left_out: list[LeftOut] = field(default_factory=list)
    """Feed entries left out unfetched: outside the day's window, or covered by an earlier day's brief."""
    removed: tuple[Path, ...] = ()
    """The day folders retention removed (`retention_days`)."""

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
    fresh: dict[str, Extracted] = {}  # kept for the cache only: the briefs hold what they need
    for number, (article, key) in enumerate(zip(articles, keys, strict=True), start=1):
        outcome = known[key] if key in known else next(extracted)  # each article parsed has its own outcome
        if isinstance(outcome, Failure):
            yield Skipped(origin=article.origin, reason=f"parse {outcome.reason}")
            continue
        if cache and key not in known:
            fresh[key] = outcome
        yield ArticleBrief(number=number, article=article, **dict(outcome))
    if cache and fresh:
        cache.put(fresh)


def extract_all(articles: list[Article], config: Config, length: Length,
                explain: bool = False) -> Iterator[Extracted | Failure]:
    """What the analysis gives each article, in order, parsed in workers (`config.workers` of them)
    by `nlp.pipe` a batch at a time (`batches`), each worker forked for a run of up to
    `RUN_BATCHES` batches (`lanes`), within `limits.parse_seconds` an article (a batch within that
    times its articles): one that takes longer, kills its worker or fails is a `Failure`, and the
    rest of its batch is parsed article by article. A day with more batches than workers forks them
    from the server of `start_workers`, so a worker started late holds none of what this process
    gathered meanwhile; a smaller day forks them from this process, which loads the model first
    (no server to start). A model that cannot load is a `ModelError`."""
    if not articles:
        return iter(())
    from .analysis import nlp

    runs, workers, served = _runs(articles, config)
    if served:
        start_workers(config)
    else:
        nlp.load(config.model)  # loaded before forking, so each worker has it
    return bounded_each(partial(_extract, model=config.model, length=length, explain=explain),
                        runs, seconds=config.limits.parse_seconds, processes=workers,
                        together=partial(_extract_together, model=config.model, length=length, explain=explain),
                        prepare=partial(nlp.load, config.model), server=served)


def _runs(articles: list[Article], config: Config) -> tuple[list[list[list[Article]]], int, bool]:
    """The articles' runs of batches (`lanes`), the workers that parse them, and whether they are
    forked from the server: on a day with more batches than workers, which is worth starting (it
    loads the model while the day is read)."""
    cut = batches(articles, config.batch_size, config.max_article_chars)
    workers = min(config.workers or available_cores(), len(cut))
    return lanes(cut, workers), workers, len(cut) > workers


def start_workers(config: Config) -> None:
    """Start the server the parse workers are forked from, if it does not run: it loads the
    config's model meanwhile, so a worker holds the model and its own batches, not the day."""
    from .analysis import warm

    start_server(["briefing.pipeline", warm.__name__], **{warm.MODEL_VARIABLE: config.model})


#: The most batches a worker parses before the next is forked in its place: a bounded life (spaCy's
#: string store grows with each article; a worker levels off at 400-420 MB within 30 batches), and
#: few forks, for a fresh worker's first batches are slower (its heap and caches are cold): runs of
#: 4 batches parsed 11% slower than one worker for all.
RUN_BATCHES = 32
#: Each run is at most the batches left over this many times the workers (guided self-scheduling),
#: so the runs shrink toward the end of the day and the workers end within a batch of each other.
RUNS_AHEAD = 2


def batches(articles: list[Article], batch_size: int, max_chars: int) -> list[list[Article]]:
    """The articles cut, in order, into batches of at most `batch_size` articles and `max_chars`
    characters (an article longer goes alone), so a worker holds no more parsed text at once than
    one longest article."""
    cut: list[list[Article]] = []
    chars = 0
    for article in articles:
        if not cut or len(cut[-1]) == batch_size or chars + len(article.text) > max_chars:
            cut.append([])
            chars = 0
        cut[-1].append(article)
        chars += len(article.text)
    return cut


def lanes(cut: list[list[Article]], workers: int) -> list[list[list[Article]]]:
    """The batches grouped into runs, one worker each: `RUN_BATCHES` batches, fewer toward the end
    of a day with more than one worker, where each run is at most the batches left over
    `RUNS_AHEAD` times the workers (the last ones a batch each), so none idles while another parses
    a long run."""
    runs, start = [], 0
    while start < len(cut):
        size = RUN_BATCHES if workers == 1 else -(-(len(cut) - start) // (RUNS_AHEAD * workers))
        runs.append(cut[start:start + min(size, RUN_BATCHES)])
        start += len(runs[-1])
    return runs


def _extract(article: Article, model: str, length: Length, explain: bool = False) -> Extracted:
    return next(_extract_together([article], model, length, explain))


def _extract_together(articles: Sequence[Article], model: str, length: Length, explain: bool = False) -> Iterator[Extracted]:
    """What `_extract` gives each article, the articles parsed by `nlp.pipe` as one batch. NumPy's
    BLAS runs on one thread meanwhile: an article's matrices are small, and the threads of its pool
    spinning for work on a busy machine cost more CPU than the analysis itself (a third of it)."""
    from .analysis import nlp

    with threadpool_limits(limits=1, user_api="blas"):
        for document in nlp.parse(nlp.load(model), articles, batch_size=len(articles)):
            sentences = key_sentences(document, length)
            actors = extract_actors(document, sentences, explain)
            yield Extracted(key_sentences=sentences, actors=actors, quotes=direct_quotes(document, actors),
                            figures=key_figures(document, sentences), upcoming=upcoming(document),
                            headline=lead_headline(document, sentences))


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

    def read(self, day: date, seen: Seen | None) -> Intake:
        return read_inputs(self.config, self.inputs, day, seen)

    def extract(self, articles: list[Article]) -> Iterable[ArticleBrief | Skipped]:
        return brief_articles(articles, self.config, self.length, self.cache)

    @property
    def from_cache(self) -> int:
        return self.cache.hits if self.cache else 0


class _Records:
    """Articles extracted elsewhere (`briefing extract --format records`): nothing is read or
    parsed, the records are composed as they are."""

    def __init__(self, records: list[ArticleBrief], shown: int) -> None:
        self.records = {id(record.article): record.lean(shown) for record in records}
        self.from_cache = 0

    def read(self, day: date, seen: Seen | None) -> Intake:
        articles = [record.article for record in self.records.values()]
        return Intake(articles, source_of=[None] * len(articles))

    def extract(self, articles: list[Article]) -> Iterable[ArticleBrief | Skipped]:
        """The records of the articles, each handed over (not kept here)."""
        return (self.records.pop(id(article)) for article in articles)


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

    @property
    def already_covered(self) -> int:
        """Articles read and feed entries left unfetched that an earlier day's brief covered."""
        return len(self.old) + sum(entry.reason == "covered" for entry in self.intake.left_out)


def build(config: Config, day: date, output: Path | None = None, inputs: list[str] | None = None,
          length: Length | None = None, progress: Progress | None = None, everything: bool = False,
          records: list[ArticleBrief] | None = None) -> RunResult:
    """Brief the sources and write `<output>/<day>/briefing.{pdf,md,html,json}` and `manifest.json`;
    with `only_new`, articles an earlier day covered are left out unless `everything`. Given
    `records` (from `briefing extract --format records`), nothing is read or parsed: they are
    composed and rendered as they are. The stages: read, extract, compose, render, write."""
    texts = [entry for entry in inputs or [] if is_text(entry)]
    if texts:
        raise SourceError(f"inputs: {' '.join(texts[0].split())[:40]!r}... is text, not a file, folder or address "
                          "(to brief texts in memory, use briefing.brief)")
    shown = config.actors.per_article
    source = _Records(records, shown) if records is not None else _Inputs(config, inputs, length or length_of(config))
    del records  # the source holds them until extraction hands them to compose
    renderer = Renderer.for_config(config)
    checking = renderer.start_check()  # the templates are tried while the inputs are read
    state = State(config.resolve(config.state))
    pdf = renderer.prepare_pdf() if "pdf" in config.formats else None  # loads WeasyPrint meanwhile
    md = renderer.prepare_texts() if {"md", "html"} & set(config.formats) else None  # the Markdown and HTML
    index = prepare_index(output or config.resolve(config.output), renderer)  # forked while this process is small
    lock = run_lock(state.path.with_name("run.lock"), config.lock_wait_seconds)
    with _cancelled(checking), _cancelled(pdf), _cancelled(md), _cancelled(index), lock:
        clock = Stopwatch()
        read = _read(source, config, day, state, everything)
        checking()
        clock.lap("read")
        extracting = (o.lean(shown) if isinstance(o, ArticleBrief) else o
                      for o in source.extract([group[0] for group in read.groups]))  # held lean as they come
        outcomes = list(progress(extracting, len(read.groups)) if progress else extracting)
        clock.lap("parse and extract")
        briefing, briefed = _compose(config, day, read.intake, read.groups, outcomes,
                                     already_covered=read.already_covered,
                                     source_outcomes=read.intake.with_covered(read.covered))
        del outcomes  # the records: what the brief shows of them is in it, the rest (most actors) goes
        clock.lap("compose")
        files, fit = rendered_files(briefing, renderer, {*config.formats, "json"}, pdf, md)  # the record is always kept
        clock.lap("render")
        extraction = {"from cache": source.from_cache, "parsed": len(read.groups) - source.from_cache}
        files["manifest.json"] = manifest(briefing, read.old, config.config_file, config.model, clock.stages, extraction,
                                          read.intake.left_out, fit)
        folder = (output or config.resolve(config.output)) / day.isoformat()
        written = write_all(folder, files)
        latest = point_latest(folder.parent)
        state.record([article for group in briefed for article in group], day.isoformat(), read.intake.validators)
        removed = remove_old(folder.parent, day, date.today(), config.retention_days) if config.retention_days else []
        written.append(rebuild_index(folder.parent, renderer, config.title, index))
    return RunResult(folder, written, briefing, (latest,) if latest else (), read.intake.left_out, tuple(removed))


def is_text(entry: str) -> bool:
    """Whether an input meant as a path or address is text: it has a line break, or a part longer
    than any file name can be."""
    return "\n" in entry or any(len(part) > MAX_NAME_CHARS for part in entry.split("/"))


def _compose(config: Config, day: date, intake: Intake, groups: list[list[Article]],
             outcomes: list[ArticleBrief | Skipped], **known: Any) -> tuple[Briefing, list[list[Article]]]:
    """The briefing of the groups parsed (`outcomes[i]` is the first of `groups[i]`, the rest its
    copies), and those groups; `known`: what the run knows beside them (`already_covered`,
    `source_outcomes`)."""
    briefed = [(o, group) for o, group in zip(outcomes, groups, strict=True) if isinstance(o, ArticleBrief)]
    skipped = intake.skipped + [o for o in outcomes if isinstance(o, Skipped)]
    if groups and not briefed:
        raise _nothing_to_brief("no article could be parsed", skipped)
    briefing = compose([brief for brief, _ in briefed], skipped, intake.notes, title=config.title, day=day,
                       marking=config.marking, copies=[group[1:] for _, group in briefed],
                       **known, **editorial(config))
    return briefing, [group for _, group in briefed]


def brief(texts_or_articles: Iterable[str | Article] | str | Article, config: Config | None = None,
          day: date | None = None, length: Length | None = None) -> Briefing:
    """The briefing of texts in memory (each as a .txt file holds one: a headline line, a blank
    line, then paragraphs) or `Article`s (or of one), composed as a run composes one, that writes
    nothing: no files, no state, and no extraction cache unless `config` sets `cache:` itself."""
    if isinstance(texts_or_articles, (str, Article)):
        texts_or_articles = [texts_or_articles]
    config = config or Config(cache=None)
    if "cache" not in config.model_fields_set:
        config = config.model_copy(update={"cache": None})
    intake = Intake(max_chars=config.max_article_chars)
    intake.add(_in_memory(texts_or_articles))
    if not intake.articles:
        raise _nothing_to_brief("no text to brief", intake.skipped)
    groups = group_copies(in_language(intake.articles, config.model, intake))
    outcomes = list(brief_articles([group[0] for group in groups], config, length or length_of(config),
                                   cache_of(config)))
    return _compose(config, day or date.today(), intake, groups, outcomes)[0]


def _in_memory(texts_or_articles: Iterable[str | Article]) -> Iterator[Article | Skipped]:
    """Each text as an article named `text N` (its first line the headline where it reads as one)."""
    for number, item in enumerate(texts_or_articles, start=1):
        if isinstance(item, Article):
            yield item
            continue
        if not isinstance(item, str):
            raise TypeError(f"brief() takes texts (str) or Article, not {type(item).__name__} (item {number})")
        title, text = split_headline(item)
        if text.strip():
            yield Article(id=f"text {number}", title=title, text=text, origin=f"text {number}")
        else:
            yield Skipped(origin=f"text {number}", reason="no text")


def _read(source: _Inputs | _Records, config: Config, day: date, state: State, everything: bool) -> _Day:
    """The day's articles, which an earlier day covered (with `only_new`), the new ones grouped
    (the parse workers' fork server starting meanwhile, on a day that will use it). With
    `only_new`, links an earlier day covered are not fetched and feeds read on an earlier day are
    asked for conditionally, so a day may read nothing new: a quiet day, not a failure."""
    only_new = config.only_new and not everything
    intake = source.read(day, state.seen(day.isoformat()) if only_new else None)
    quiet = any(outcome.status == "unchanged" or outcome.covered for outcome in intake.sources)
    if not intake.articles and not quiet:
        raise _nothing_to_brief("no readable articles in the inputs" + _left_out(intake.left_out), intake.skipped)
    covered = state.covered_before(intake.articles, day.isoformat()) if only_new else [False] * len(intake.articles)
    fresh = [a for a, old in zip(intake.articles, covered, strict=True) if not old]
    if isinstance(source, _Inputs) and fresh and _runs(fresh, config)[2]:
        start_workers(config)  # a day whose workers come from the server: it loads the model meanwhile
    return _Day(intake, covered, group_copies(in_language(fresh, config.model, intake)))


def _left_out(entries: list[LeftOut]) -> str:
    """"; 11 feed entries left out as published before the window" and the like, or nothing."""
    counts = Counter(entry.reason for entry in entries)
    return "".join(f"; {n} feed entr{'y' if n == 1 else 'ies'} left out as {WHY_LEFT_OUT[reason]}"
                   for reason, n in counts.items() if reason != "covered")


#: Why feed entries were left out, as messages say it.
WHY_LEFT_OUT = {"too old": "published before the window (window_hours)",
                "after the day": "published after the brief's day", "covered": "covered by an earlier brief"}


def in_language(articles: list[Article], model: str, intake: Intake) -> list[Article]:
    """The articles written in the language of `model`; each other one is left out with a note
    in `intake` (a model given as a folder is loaded to tell its language)."""
    if not articles:
        return articles
    from .analysis.language import language_of

    expected = model_language(model)  # from the package's meta.json, without loading the pipeline
    if expected is None:
        from .analysis import nlp

        expected = nlp.load(model).lang
    if not expected:  # a pipeline that names no language: nothing to compare with
        return articles
    kept = []
    for article in articles:
        language = language_of(article.text, expected)
        if language == expected:
            kept.append(article)
        else:
            written = f"written in '{language}'" if language else "its language not told"
            intake.notes.append(Note(origin=article.origin or article.id,
                                     text=f"left out: {written}, not '{expected}', the language of the model "
                                          f"{model}" + (f" (a {language} pipeline as model: briefs it)" if language
                                                        else "")))
    return kept


def _nothing_to_brief(problem: str, skipped: list[Skipped]) -> SourceError:
    return SourceError(problem + "".join(f"; skipped {s.origin}: {s.reason}" for s in skipped))


def read_articles(config: Config, day: date | None = None) -> list[Article]:
    """The articles of the config's sources as a run reads them (cleaned and bounded), to extract
    elsewhere with `extract_records`."""
    return read_inputs(config, None, day).articles


def extract_records(articles: Iterable[Article], config: Config) -> list[str]:
    """The map step of an extraction spread over a cluster (Dask's `map_partitions`, Spark's
    `mapPartitions`): a partition of articles to their records, one JSON line each, as
    `briefing extract --format records` prints them for `run --from-records` (`parse_records`);
    an article whose parse fails is left out, as `extract` leaves it. It forks as a run does, so
    a worker process must not be daemonic (Dask: `distributed.worker.daemon: false`)."""
    if multiprocessing.current_process().daemon:
        raise BriefingError("extraction forks its parse workers, which a daemonic process cannot: "
                            "start the engine's workers as non-daemonic (Dask: distributed.worker.daemon false)")
    return [brief.model_dump_json() for brief in brief_articles(list(articles), config, length_of(config))
            if isinstance(brief, ArticleBrief)]


def parse_records(lines: Iterable[str | bytes], where: str = "records", shown: int | None = None) -> list[ArticleBrief]:
    """The records of `extract_records` (or `briefing extract --format records`), in order, for
    `build(records=...)`; `where` names them in an error. With `shown` (the config's
    `actors.per_article`), each is held lean as it is read (`ArticleBrief.lean`), for `build` only."""
    records: list[ArticleBrief] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            try:
                record = ArticleBrief.model_validate_json(line)
            except ValueError as exc:
                first = str(exc).splitlines()[0]
                raise SourceError(f"{where}:{number}: not an extracted record ({first})") from None
            records.append(record if shown is None else record.lean(shown))
    return records


def read_records(paths: list[Path], shown: int | None = None) -> list[ArticleBrief]:
    """The per-article records that `briefing extract --format records` wrote, in order, each
    line parsed from the file's bytes as it is reached (no decoded copy of the file, and a line
    ends at a newline only, never at a line separator inside a record's text); `shown`: as
    `parse_records` takes it."""
    records: list[ArticleBrief] = []
    for path in paths:
        try:
            raw = read_bytes(path, MAX_RECORDS_BYTES)
        except SourceError as exc:
            raise SourceError(f"{path}: cannot read records: {exc}") from None
        records += parse_records(io.BytesIO(raw), str(path), shown)
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
    """Every requested output, rendered in memory before anything is written (`rendered_files`)."""
    files = rendered_files(briefing, renderer, formats, pdf)[0]
    return {name: content if isinstance(content, bytes) else _read_closed(content) for name, content in files.items()}


def _read_closed(stream: IO[bytes]) -> bytes:
    with stream:
        return stream.read()


def rendered_files(briefing: Briefing, renderer: Renderer, formats: Iterable[str], pdf: Bounded | None = None,
                   texts: TextsChild | None = None) -> tuple[dict[str, bytes | IO[bytes]], int | None]:
    """Every requested output, rendered before anything is written (the PDF in the `pdf` child,
    the Markdown and HTML in the `texts` child, when they were prepared), and the rows they list
    (`fit`, none without a page budget). Both children read the brief from its JSON in a
    temporary file, which is the JSON output (removed when closed), and the PDF child writes the
    PDF into another: neither's bytes are ever held here. A set with a page budget is laid out
    first, even for Markdown alone, so every format lists the rows the PDF has room for."""
    formats = set(formats)
    files: dict[str, bytes | IO[bytes]] = {}
    laying = "pdf" in formats or bool(formats & {"md", "html"} and renderer.budget(briefing))
    kinds: list[str] = [kind for kind in ("md", "html") if kind in formats and not (kind == "html" and laying)]
    saved = json_file(briefing, "PDF rendering" if "pdf" in formats else "rendering")
    with ExitStack() as closing:
        closing.callback(saved.close)
        with renderer.texts_started(kinds, saved.name, len(briefing.articles), texts) as texts_of:
            laid = renderer.lay_out_saved(saved.name, pdf, write="pdf" in formats) if laying else None
            if laid and laid.pdf is not None:
                closing.callback(laid.pdf.close)
            rendered = dict(zip(kinds, texts_of(laid.fit if laid else None), strict=True))
        if "md" in formats:
            files["briefing.md"] = rendered["md"].encode("utf-8")
        if "html" in formats:
            files["briefing.html"] = (laid.html if laid else rendered["html"]).encode("utf-8")
        closing.pop_all()  # the files handed over open, to be written and closed
    if "json" in formats:
        files["briefing.json"] = saved
    else:
        saved.close()
    if laid and laid.pdf is not None:
        files["briefing.pdf"] = laid.pdf
    return files, laid.fit if laid else None


def rerender(saved: Path, config: Config, output: Path | None = None) -> RunResult:
    """Render a saved briefing.json again with the current templates and the current config's
    title, marking and extra text, into `output` (made if missing), else beside the saved file
    (in place: its folder stays)."""
    briefing = read_saved(saved).model_copy(update={"title": config.title, "marking": config.marking or None,
                                                    "extra": dict(config.extra)})
    formats = [f for f in config.formats if f != "json"]
    files, fit = rendered_files(briefing, Renderer.for_config(config), formats)
    folder = output or saved.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(f"{folder}: cannot make the folder: {exc.strerror or exc}") from None
    written = replace_files(folder, files)
    record_fit(folder, fit)
    return RunResult(folder, written, briefing)
