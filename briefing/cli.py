"""The command line: parse arguments, load the config, call one function, map errors to exit codes."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .config import Config, EmailConfig, load_config
from .errors import BriefingError, ConfigError, SourceError
from .models import ArticleBrief, LeftOut, Note, Skipped, printable

if TYPE_CHECKING:  # imported where used, so that `briefing --help` stays quick
    from rich.console import Console as RichConsole

    from .analysis.summarise import Length
    from .intake import Intake
    from .presentation.watch import Rendered

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])

#: Exit status of a run that wrote its briefing but had to skip some inputs.
EXIT_SKIPPED = 10
#: How far after and before today `run --date` may be without `--any-date`.
DAYS_AHEAD, DAYS_BACK = 2, 3653

class PathOption(click.Path):
    """A path argument; one with a NUL byte is a usage error, not a traceback."""

    def convert(self, value: str | os.PathLike[str], param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        if "\x00" in str(value):
            self.fail("the path contains a NUL byte", param, ctx)
        return super().convert(value, param, ctx)


config_option = click.option("--config", "config_path", type=PathOption(dir_okay=False, path_type=Path),
                             default=None, help="config.yaml to use (default: ./config.yaml if present).")


def _config(path: Path | None) -> Config:
    if path is None and Path("config.yaml").is_file():
        path = Path("config.yaml")
    return load_config(path)


class Console:
    """Where messages go: stderr, progress only on a terminal, quiet under cron."""

    def __init__(self, verbose: bool, quiet: bool) -> None:
        self.verbose, self.quiet = verbose, quiet
        if verbose:  # what the PDF renderer left out: stylesheet rules it ignored, resources refused
            logger = logging.getLogger("weasyprint")
            if not any(isinstance(h, _Echo) for h in logger.handlers):
                logger.addHandler(_Echo())

    def info(self, message: str) -> None:
        if not self.quiet:
            click.echo(message, err=True)

    def detail(self, message: str) -> None:
        if self.verbose:
            click.echo(message, err=True)

    def wrote(self, paths: list[Path]) -> None:
        """The paths written, on stdout (scripts capture them), unless quiet."""
        if not self.quiet:
            for path in paths:
                click.echo(f"wrote {printable(str(path))}")

    def skipped(self, skipped: Sequence[Skipped], notes: Sequence[Note] = ()) -> None:
        """Each input skipped, and each note on an input unless quiet (a note is no problem)."""
        for item in skipped:
            click.echo(f"skipped {item.origin}: {item.reason}", err=True)
        for note in notes:
            self.info(f"note {note.origin}: {note.text}")

    def left_out(self, entries: Sequence[LeftOut]) -> None:
        """How many feed entries fell outside the day's window (each with -v, covered ones too)."""
        from .pipeline import WHY_LEFT_OUT

        for entry in entries:
            self.detail(f"left out {entry.origin}: {WHY_LEFT_OUT[entry.reason]}"
                        + (f" ({entry.published})" if entry.published else ""))
        outside = Counter(entry.reason for entry in entries if entry.reason != "covered")
        for reason, count in outside.items():
            self.info(f"left out {count} feed entr{'y' if count == 1 else 'ies'} {WHY_LEFT_OUT[reason]}")

    def progress(self, items: Iterable[T], total: int) -> Iterable[T]:
        if self.quiet or not sys.stderr.isatty():
            return items
        from rich.progress import track

        return track(items, total=total, description="Briefing articles", transient=True,
                     console=_stderr_console())


class _Echo(logging.Handler):
    """Prints the PDF renderer's warnings on stderr, prefixed "pdf: ", where the running
    command writes (only for commands run with -v)."""

    def emit(self, record: logging.LogRecord) -> None:
        if _verbose():
            click.echo(f"pdf: {record.getMessage()}", err=True)


def _verbose() -> bool:
    context = click.get_current_context(silent=True)
    console = context.find_object(Console) if context else None
    return bool(console and console.verbose)


def _stderr_console() -> RichConsole:
    from rich.console import Console as RichConsole

    return RichConsole(stderr=True)


class BriefingGroup(click.Group):
    """The command group; an expected failure prints one `error:` line and exits with its code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BriefingError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except MemoryError:
            click.echo("error: out of memory", err=True)
            ctx.exit(1)


@click.group(cls=BriefingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Say more about each step.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems: errors, warnings and skipped inputs.")
@click.version_option(package_name="briefing")
@click.pass_context
def main(ctx: click.Context, verbose: bool, quiet: bool) -> None:
    """Daily briefing notes from news articles: key sentences, key actors, Markdown and PDF."""
    ctx.obj = Console(verbose, quiet)


def length_options(command: F) -> F:
    """--sentences / --words / --ratio: how much of each article to keep."""
    command = click.option("--ratio", type=click.FloatRange(0, 1, min_open=True),
                           help="Keep this share of each article's sentences.")(command)
    command = click.option("--words", type=click.IntRange(10), help="Word budget per article.")(command)
    return click.option("--sentences", "-k", type=click.IntRange(1, 50),
                        help="Key sentences per article (default: from the config).")(command)


def _length(config: Config, sentences: int | None, words: int | None, ratio: float | None) -> Length:
    """The length the options ask for, else the config's; only one of them may be given."""
    from .analysis.summarise import Length
    from .pipeline import length_of

    given = [f"--{name}" for name, value in (("sentences", sentences), ("words", words), ("ratio", ratio))
             if value is not None]
    if len(given) > 1:
        raise click.UsageError(f"{' and '.join(given)} cannot be used together: give one length option")
    if not given:
        return length_of(config)
    return Length(sentences=sentences or config.summary.sentences, words=words, ratio=ratio)


def date_option(command: F) -> F:
    """--date / --any-date: the day the brief is for (its feed window, what earlier days covered)."""
    command = click.option("--any-date", is_flag=True, help="Allow a --date further from today.")(command)
    return click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None,
                        help=f"Date of the briefing (default: today), at most {DAYS_AHEAD} days ahead and ten "
                             "years back: feed entries are taken up to its end.")(command)


@main.command()
@config_option
@date_option
@click.option("--output", type=PathOption(file_okay=False, path_type=Path), default=None,
              help="Folder for the dated briefing folders (default: from the config).")
@click.option("--all", "everything", is_flag=True,
              help="Brief every article read, also those an earlier day's brief covered.")
@click.option("--no-deliver", is_flag=True, help="Do not send the brief (deliver: in the config).")
@click.option("--from-records", "records", multiple=True, type=PathOption(dir_okay=False, path_type=Path),
              help="Compose from `extract --format records` output instead of reading and parsing.")
@click.argument("inputs", nargs=-1)
@length_options
@click.pass_obj
def run(console: Console, config_path: Path | None, day: datetime | None, any_date: bool, output: Path | None,
        everything: bool, no_deliver: bool, records: tuple[Path, ...], inputs: tuple[str, ...],
        sentences: int | None, words: int | None, ratio: float | None) -> None:
    """Brief the configured sources (or INPUTS) into OUTPUT/DATE/briefing.{pdf,md,html,json}."""
    from .pipeline import build, read_records

    config = _config(config_path)
    length = _length(config, sentences, words, ratio)
    if records and inputs:
        raise click.UsageError("give either --from-records or INPUTS, not both")
    result = build(config, _run_day(day, any_date), output, list(inputs) or None,
                   length=length, progress=console.progress, everything=everything,
                   records=read_records(list(records), config.actors.per_article) if records else None)
    console.skipped(result.skipped, result.briefing.notes)
    for brief in result.briefing.articles:
        console.detail(f"[{brief.number}] {brief.article.origin or brief.article.id}: "
                       f"{len(brief.key_sentences)} key sentences, {len(brief.actors)} actors shown")
    console.detail(f"{len(result.briefing.articles)} articles briefed, {len(result.briefing.copies)} copies, "
                   f"{result.briefing.already_covered} covered earlier, {len(result.skipped)} skipped")
    console.left_out(result.left_out)
    console.wrote(result.written)
    if result.removed:
        names = sorted(folder.name for folder in result.removed)
        console.info(f"retention: removed {len(names)} brief{'s' * (len(names) > 1)} older than "
                     f"{config.retention_days} days ({' to '.join(dict.fromkeys([names[0], names[-1]]))})")
    for warning in result.warnings:
        click.echo(f"warning: {printable(warning)}", err=True)
    quiet_day = not result.briefing.articles
    if quiet_day:
        covered = result.briefing.already_covered
        unchanged = sum(outcome.status == "unchanged" for outcome in result.briefing.source_outcomes)
        said = [f"all {covered} articles were covered by earlier briefs"] * bool(covered)
        said += [f"{unchanged} feed{'s' if unchanged != 1 else ''} unchanged since an earlier day"] * bool(unchanged)
        console.info("nothing new: " + "; ".join(said)
                     + ("; no e-mail sent" if config.deliver.email and config.deliver.quiet_days == "skip" else ""))
    if config.deliver.email and not no_deliver and not (quiet_day and config.deliver.quiet_days == "skip"):
        _deliver(console, config, config.deliver.email, result.folder)
    if result.skipped:
        sys.exit(EXIT_SKIPPED)


def _run_day(day: datetime | None, any_date: bool) -> date:
    """The date to brief: today, or `--date` if it is near today (or `--any-date` allows it), so a
    typed year never dates a brief in the future, where retention would count from it."""
    today = date.today()
    if day is None:
        return today
    if not any_date and not today - timedelta(days=DAYS_BACK) <= day.date() <= today + timedelta(days=DAYS_AHEAD):
        raise click.BadParameter(f"{day.date()} is more than {DAYS_AHEAD} days after or ten years before "
                                 f"today ({today}); give --any-date to brief it anyway", param_hint="'--date'")
    return day.date()


def _deliver(console: Console, config: Config, email: EmailConfig, folder: Path, everyone: bool = False) -> None:
    from .presentation.render import Renderer
    from .publish.deliver import deliver

    message, accepted = deliver(folder, email, Renderer.for_config(config), everyone)
    if accepted:
        console.info(f"sent {message['Subject']!r} to {', '.join(accepted)}")
    else:
        console.info("every recipient has accepted this brief already (--everyone sends it again)")


@main.command("deliver")
@config_option
@click.argument("day", metavar="DATE|latest")
@click.option("--output", type=PathOption(file_okay=False, path_type=Path), default=None,
              help="Folder of the dated briefing folders (default: from the config).")
@click.option("--everyone", is_flag=True, help="Send to every recipient, also those who have accepted it.")
@click.option("--to", "to", multiple=True, metavar="ADDRESS",
              help="Send to this address instead of the config's recipients (repeatable).")
@click.pass_obj
def deliver_command(console: Console, config_path: Path | None, day: str, output: Path | None,
                    everyone: bool, to: tuple[str, ...]) -> None:
    """Send the brief written for DATE (YYYY-MM-DD, or `latest`: the newest written) again, to the
    recipients who have not accepted it yet (deliver: in the config, or --to)."""
    from pydantic import ValidationError

    from .publish.outputs import dated_folders

    config = _config(config_path)
    email = config.deliver.email
    if not email:
        raise BriefingError("nothing to deliver to: the config has no deliver.email")
    if to:
        try:
            email = EmailConfig.model_validate({**email.model_dump(), "to": list(dict.fromkeys(to))})
        except ValidationError as exc:
            err = exc.errors()[0]
            raise click.BadParameter(f"{err['input']!r}: {err['msg'].removeprefix('Value error, ')}",
                                     param_hint="'--to'") from None
    folders = output or config.resolve(config.output)
    if day == "latest":
        written = [folder for folder in dated_folders(folders) if (folder / "briefing.json").is_file()]
        if not written:
            raise SourceError(f"{folders}: no brief written yet")
        folder = written[-1]
    else:
        try:
            folder = folders / date.fromisoformat(day).isoformat()
        except ValueError:
            raise click.BadParameter(f"{day!r} is neither a date (YYYY-MM-DD) nor latest",
                                     param_hint="'DATE|latest'") from None
        if not (folder / "briefing.json").is_file():
            raise SourceError(f"{folder}: no brief written for {folder.name}")
    _deliver(console, config, email, folder, everyone)


@main.command()
@config_option
@click.argument("paths", nargs=-1, required=True)
@length_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "markdown", "records"]), default="jsonl",
              show_default=True, help="records: everything `run --from-records` needs, one article a line.")
@click.option("--explain", is_flag=True,
              help="Give each actor the rules and evidence behind its name, type and roles (`why`; markdown: "
                   "a line under each actor). Bypasses the cache.")
@click.pass_obj
def extract(console: Console, config_path: Path | None, paths: tuple[str, ...], sentences: int | None,
            words: int | None, ratio: float | None, fmt: str, explain: bool) -> None:
    """Print the key sentences, actors, quotes, figures and what is to come of each article in PATHS,
    in input order."""
    from .intake import read_inputs
    from .pipeline import brief_articles, cache_of

    config = _config(config_path)
    length = _length(config, sentences, words, ratio)
    intake = read_stdin(config) if list(paths) == ["-"] else read_inputs(config, list(paths))
    console.skipped(intake.skipped, intake.notes)
    skipped = list(intake.skipped)
    outcomes = brief_articles(intake.articles, config, length, None if explain else cache_of(config), explain)
    briefs = _briefed(console.progress(outcomes, len(intake.articles)), console, skipped)
    if fmt == "records":
        for brief in briefs:
            click.echo(brief.model_dump_json())
        sys.exit(EXIT_SKIPPED if skipped else 0)
    records = (extract_record(brief) for brief in briefs)
    if fmt == "jsonl":
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
    elif fmt == "json":
        click.echo(json.dumps(list(records), ensure_ascii=False, indent=2))
    else:
        for record in records:
            click.echo(markdown_record(record))
    if skipped:
        sys.exit(EXIT_SKIPPED)


def _briefed(outcomes, console: Console, skipped: list[Skipped]):
    """The briefs among `outcomes`; an article skipped in parsing is told at once and kept in `skipped`."""
    for outcome in outcomes:
        if isinstance(outcome, Skipped):
            console.skipped([outcome])
            skipped.append(outcome)
        else:
            yield outcome


def read_stdin(config: Config) -> Intake:
    """Articles of a JSONL export given on standard input (`extract -`)."""
    from .intake import Intake
    from .intake.jsonl import read

    intake = Intake(max_chars=config.max_article_chars)
    intake.add(read(Path("<stdin>"), sys.stdin.read(config.max_file_bytes)))
    return intake


def extract_record(brief: ArticleBrief) -> dict[str, Any]:
    """The stable shape of `briefing extract` output (the eval scripts read it)."""
    return {
        "id": brief.article.id,
        "title": brief.article.title,
        "key_sentences": [s.text for s in brief.key_sentences],
        "actors": [{"name": a.name, "type": a.type, "role": a.role, "mentions": a.mentions,
                    "aliases": a.aliases, "key": a.key} | ({"why": a.why} if a.why is not None else {})
                   for a in brief.actors],
        "quotes": [q.model_dump() for q in brief.quotes],
        "figures": [f.text for f in brief.figures],
        "upcoming": [{"date": u.date, "when": u.when, "text": u.text} for u in brief.upcoming],
    }


def markdown_record(record: dict[str, Any]) -> str:
    lines = [f"## {record['title'] or record['id']}", ""]
    lines += [f"{n}. {s}" for n, s in enumerate(record["key_sentences"], start=1)]
    lines += ["", "Actors: " + "; ".join(
        f"{a['name']} ({a['type']}{', ' + a['role'] if a['role'] else ''})" for a in record["actors"]), ""]
    lines += [line for a in record["actors"] if "why" in a for line in _explained(a)]
    lines += [f"> {_speaker(q)}: \"{q['text']}\"" for q in record["quotes"]] + [""] * bool(record["quotes"])
    lines += ["Figures: " + "; ".join(record["figures"]), ""] if record["figures"] else []
    lines += [f"- {u['date'] or u['when']}: {u['text']}" for u in record["upcoming"]] + [""] * bool(record["upcoming"])
    return "\n".join(lines)


def _explained(actor: dict[str, Any]) -> list[str]:
    """An actor's rules, one line each for name, type and roles, then its evidence."""
    why = actor["why"]
    lines = [f"- {actor['name']}: name by {', '.join(why['name'])}; type {actor['type']} by {', '.join(why['type'])}"
             + (f"; roles by {', '.join(why['roles'])}" if why["roles"] else "")]
    return lines + [f"    - {e}" for e in why["evidence"]]


def _speaker(quote: dict[str, str | None]) -> str:
    """"Name (Role)", or the words for an unnamed speaker."""
    speaker, role = quote["speaker"], quote["role"]
    if speaker:
        return speaker + (f" ({role})" if role else "")
    return role or "Unnamed"


@main.command()
@config_option
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True)
@date_option
@click.pass_obj
def read(console: Console, config_path: Path | None, paths: tuple[str, ...], fmt: str, day: datetime | None,
         any_date: bool) -> None:
    """Print the articles in PATHS (files, folders, globs, page or feed addresses) exactly as a
    run for DATE reads them (feed entries in its window), without any language processing."""
    from .intake import read_inputs

    intake = read_inputs(_config(config_path), list(paths), _run_day(day, any_date))
    console.skipped(intake.skipped, intake.notes)
    console.left_out(intake.left_out)
    records = [article.model_dump(include=set(READ_FIELDS)) for article in intake.articles]
    records = [{name: record[name] for name in READ_FIELDS} for record in records]
    if fmt == "jsonl":
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
    else:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    if intake.skipped:
        sys.exit(EXIT_SKIPPED)


#: The fields `briefing read` prints, in this order.
READ_FIELDS = ("id", "title", "text", "url", "source", "published", "dated_by", "page_published", "place", "author", "origin")


@main.command()
@config_option
@click.argument("saved", type=PathOption(dir_okay=False, path_type=Path))
@click.option("--watch", "watching", is_flag=True,
              help="Render again on every save of a template, stylesheet or the config; Ctrl-C stops.")
@click.option("--output", type=PathOption(file_okay=False, path_type=Path), default=None,
              help="Folder to write into (default: beside SAVED, unless a run wrote it there).")
@click.pass_obj
def render(console: Console, config_path: Path | None, saved: Path, watching: bool, output: Path | None) -> None:
    """Render a saved briefing.json again with the current templates and config (no parsing),
    beside it or into --output. A day's brief as a run wrote it (its folder has the run's
    manifest.json) is left as it was, archived and perhaps mailed: give --output."""
    from .pipeline import rerender
    from .publish.manifest import MANIFEST

    if output is None and (saved.parent / MANIFEST).is_file():
        raise BriefingError(f"{printable(str(saved.parent))} holds a day's brief as the run wrote it (archived, "
                            "perhaps mailed): give --output DIR to render elsewhere, or that folder to replace it")
    if not watching:
        console.wrote(rerender(saved, _config(config_path), output).written)
        return
    from .presentation.watch import watch

    def report(rendered: Rendered) -> None:
        if rendered.error:
            click.echo(f"error: {rendered.error}", err=True)
        else:
            console.info(f"rendered {len(rendered.written)} files in {rendered.seconds:.2f} s")

    console.info("watching the templates and the config; Ctrl-C stops")
    watch(saved, lambda: _config(config_path), lambda path, config: rerender(path, config, output).written, report)
    console.info("stopped watching")


@main.command("check-config")
@config_option
@click.pass_obj
def check_config(console: Console, config_path: Path | None) -> None:
    """Validate the config and the templates it selects."""
    from .intake import missing_sources
    from .intake.files import MISSING
    from .presentation.render import Renderer

    config = _config(config_path)
    Renderer.for_config(config).check()
    for entry in missing_sources(config):
        click.echo(f"warning: sources: {printable(entry)}: {MISSING} (a run skips it)", err=True)
    console.info("config OK")


@main.command()
@config_option
@click.option("--at", "at", default="07:00", show_default=True, help="Time of day, HH:MM (24-hour).")
@click.pass_obj
def schedule(console: Console, config_path: Path | None, at: str) -> None:
    """Print a crontab line and a systemd service and timer that run the brief daily."""
    from .publish.schedule import schedules

    config = _config(config_path)
    if config.config_file is None:
        raise ConfigError("no config.yaml here: give --config PATH (a scheduled run needs a config file)")
    click.echo(schedules(at, config, config.config_file))


@main.group()
def templates() -> None:
    """The template sets: list them, or copy one into a folder to edit."""


@templates.command("list")
def templates_list() -> None:
    """Name the template sets shipped, one line each with what it is for."""
    from .presentation.template_sets import SETS

    for name, purpose in SETS.items():
        click.echo(f"{name}: {purpose}")


@templates.command("vars")
def templates_vars() -> None:
    """Print the variables templates can use, with their types and meanings (from the models)."""
    from .presentation.template_vars import variables

    rows = variables()
    width = max(len(name) for name, _, _ in rows)
    kinds = max(len(kind) for _, kind, _ in rows)
    for name, kind, meaning in rows:
        click.echo(f"{name:<{width}}  {kind:<{kinds}}  {meaning}")


@templates.command("init")
@click.argument("folder", type=PathOption(file_okay=False, path_type=Path))
@click.option("--set", "name", default="default", show_default=True, help="The set to copy.")
@click.pass_obj
def templates_init(console: Console, folder: Path, name: str) -> None:
    """Copy a template set into FOLDER for editing, and print the config line that uses it."""
    from .presentation.template_sets import init

    console.wrote(init(folder, name))
    click.echo(f"templates: {folder.resolve()}    # the line to put in config.yaml")


def entry() -> None:
    """Run the CLI; expected failures print one line and exit with their code."""
    main(prog_name="briefing")
