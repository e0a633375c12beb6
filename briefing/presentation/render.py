"""Rendering: a sandboxed Jinja environment over a template search path, then Markdown, HTML,
and a PDF from the HTML through WeasyPrint, which may read only template files and data: URLs.

Templates get read-only data (`sandbox.template_data`), and each render runs in a child process
bounded in time and memory (`isolation.bounded`), so no template can run commands, hang the run
or exhaust memory. Every template file is autoescaped (HTML); a Markdown template also gets every
string of its data escaped for Markdown and marked safe, so article text is inert in every format.
A template file whose real path (links followed) is outside the template folders is refused.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import os
import re
import signal
import tempfile
import threading
import traceback
import typing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, partial
from multiprocessing.connection import Connection
from pathlib import Path
from types import FrameType, MappingProxyType
from typing import Any, NoReturn
from urllib.parse import quote

from jinja2 import (
    ChoiceLoader,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    Template,
    TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2 import TemplateError as JinjaError
from markupsafe import Markup
from pydantic import TypeAdapter

from .. import __version__
from ..config import Config, LimitsConfig, PdfConfig
from ..errors import RenderError, TemplateError
from ..isolation import Bounded, arrived
from ..models import (
    Actor,
    ActorRow,
    Article,
    ArticleBrief,
    Briefing,
    Claim,
    Copy,
    Disagreement,
    Note,
    Point,
    Role,
    RoleCitation,
    Section,
    Sentence,
    Skipped,
    Story,
    StoryActor,
)
from .sandbox import BriefingSandbox, template_data
from .template_sets import SETS, shipped

WEASYPRINT_LOG = logging.getLogger("weasyprint")
BRIEFING = TypeAdapter(Briefing)
ARTICLE = TypeAdapter(ArticleBrief)
SECTION = TypeAdapter(Section)
WEASYPRINT_LOG.addHandler(logging.NullHandler())  # as WeasyPrint does: its warnings only where asked for
TEMPLATES = {"md": "briefing.md.j2", "html": "briefing.html.j2", "email": "briefing.email.html.j2"}
ARCHIVE_TEMPLATE = "archive.html.j2"
#: The template of what a set shows; its `fit_pages` and `fit_rows` set a page budget.
PARTS = "parts.j2"
#: The largest page budget and the most rows a fit tries.
FIT_MOST = 1000
#: The stylesheet of a template set; a user's file of this name is added after it.
STYLESHEET = "style.css"
#: The packaged set is also reachable under this prefix, so a user's file can extend its namesake.
DEFAULT_PREFIX = "default"
MARKDOWN_SPECIAL = re.compile(r"([\\`*{}\[\]<>#|~!]|(?<!\w)_|_(?!\w))")
LINE_START_MARKER = re.compile(r"([-+=]|\d{1,9}\.)(?= |$)")
#: A backslash escape as `md_escape` writes it (CommonMark: any ASCII punctuation).
MARKDOWN_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
#: How every template is compiled. Jinja keys its bytecode cache by source only (pallets/jinja#1738),
#: so the cache files are named by these settings too: a change of them compiles everything again.
COMPILE_SETTINGS = {"autoescape": "every file; text given in the config: none", "trim_blocks": True,
                    "lstrip_blocks": True, "keep_trailing_newline": True}


def search_path(user_folder: Path | None, template_set: str = DEFAULT_PREFIX) -> list[Path]:
    """The configured folder first, then the chosen shipped set, then the shipped default."""
    folders: list[Path] = []
    for folder in (user_folder, shipped(template_set), shipped()):
        if folder is not None and all(folder.resolve() != f.resolve() for f in folders):
            folders.append(folder)
    return folders


def md_escape(text: object) -> str:
    """Text made inert inline in Markdown: one line, markup characters escaped, and a leading
    list or heading marker escaped."""
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    marker = LINE_START_MARKER.match(escaped)
    if marker:
        escaped = escaped[:marker.end() - 1] + "\\" + escaped[marker.end() - 1:]
    return escaped


def md_link(url: object) -> str:
    """A web address made safe as a Markdown link destination (no spaces, brackets or angle
    brackets left to end it early)."""
    return quote(str(url), safe=":/?#@!$&'*+,;=%-._~")


def is_markdown(name: str) -> bool:
    """Whether the template `name` writes Markdown (and so gets its data escaped for Markdown)."""
    return name.endswith(".md.j2")


def markdown_text(text: object) -> Markup:
    """Text escaped for Markdown and marked safe, so autoescaping leaves it alone; text that is
    already marked safe stays as it is."""
    return text if isinstance(text, Markup) else Markup(md_escape(text))


def markdown_link(url: object) -> Markup:
    """`md_link` in a Markdown template, where a web address from the data comes escaped for
    Markdown: the escapes are undone first."""
    plain = MARKDOWN_ESCAPED.sub(r"\1", url) if isinstance(url, Markup) else url
    return Markup(md_link(plain))


@dataclass(frozen=True)
class Laid:
    """A brief laid out: its PDF (a temporary file read from its start and removed when closed;
    none when only the layout was wanted), the HTML it was made from, the rows it lists (`fit`:
    none without a page budget) and WeasyPrint's warnings."""

    pdf: typing.IO[bytes] | None
    html: str
    fit: int | None
    warnings: list[str]


class TemplateOutsideFolders(JinjaError):
    """A template file that is a link to a file outside the template folders."""


class FolderLoader(FileSystemLoader):
    """Jinja's file loader, refusing a template whose real path is outside its folders."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(real.is_relative_to(Path(folder).resolve()) for folder in self.searchpath):
            raise TemplateOutsideFolders(f"{filename}: refused: a link to {real}, outside the template folders")
        return source, filename, uptodate


class TextsChild(Bounded[list[str]]):
    """The child that renders the Markdown and HTML (`Renderer.texts_started`), forked now, and the
    pipe that sends it the rows to list (`rows`) once the PDF is laid out: it blocks on the pipe."""

    def __init__(self, renderer: Renderer) -> None:
        received, self.rows = multiprocessing.Pipe(duplex=False)
        super().__init__(partial(renderer._texts_of, received), prepare=name_child,
                         seconds=renderer.limits.template_seconds, memory_mb=renderer.limits.memory_mb,
                         what="template", error=TemplateError)
        if self.child is not None:
            received.close()  # the child's end


@dataclass(frozen=True)
class Renderer:
    """Renders a briefing with the templates found along `folders`, within `limits`."""

    folders: tuple[Path, ...]
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    pdf_settings: PdfConfig = field(default_factory=PdfConfig)
    stylesheets: tuple[str, ...] = (f"{DEFAULT_PREFIX}/{STYLESHEET}",)
    """The stylesheets the HTML includes, in order (template names along the search path)."""
    sample: Briefing = field(default_factory=lambda: sample_briefing())
    """What `check` renders every template with (the config's own title, marking and extra)."""

    @classmethod
    def for_config(cls, config: Config) -> Renderer:
        """The renderer for a config's templates, template set, stylesheets, limits and PDF
        settings, checked with a sample carrying the config's title, marking and extra."""
        renderer = cls.for_folder(config.resolve(config.templates) if config.templates else None, config.limits,
                                  config.template_set, config.pdf, tuple(config.extra_css), config.replace_css)
        return replace(renderer, sample=sample_briefing(config))

    @classmethod
    def for_folder(cls, user_folder: Path | None, limits: LimitsConfig | None = None,
                   template_set: str = DEFAULT_PREFIX, pdf: PdfConfig | None = None,
                   extra_css: tuple[str, ...] = (), replace_css: bool = False) -> Renderer:
        """The renderer for the templates in `user_folder` over the shipped set `template_set`:
        the set's stylesheet, then the folder's `style.css` (instead, with `replace_css`), then
        `extra_css`."""
        if user_folder is not None and not user_folder.is_dir():
            raise TemplateError(f"templates: folder {user_folder} does not exist")
        missing = [name for name in extra_css if user_folder is None or not (user_folder / name).is_file()]
        if missing:
            raise TemplateError(f"extra_css: {missing[0]}: no such file in {user_folder}")
        own = user_folder is not None and (user_folder / STYLESHEET).is_file()
        stylesheets = ([] if replace_css else [f"{template_set}/{STYLESHEET}"]) \
            + [STYLESHEET] * (own or replace_css) + list(extra_css)
        return cls(tuple(search_path(user_folder, template_set)), limits or LimitsConfig(), pdf or PdfConfig(),
                   tuple(stylesheets))

    @cached_property
    def loader(self) -> ChoiceLoader:
        """The template search path: the folders, then the shipped sets by prefix."""
        return ChoiceLoader([FileSystemLoader([str(f) for f in self.folders]),
                             PrefixLoader({name: FileSystemLoader(str(shipped(name))) for name in SETS})])

    @cached_property
    def environment(self) -> BriefingSandbox:
        """The sandboxed Jinja environment of HTML templates and config text (built once)."""
        return self._environment(md_escape, md_link)

    @cached_property
    def markdown_environment(self) -> BriefingSandbox:
        """The environment of Markdown templates: `md` and `md_link` give text marked safe."""
        return self._environment(markdown_text, markdown_link)

    def _environment(self, md, link) -> BriefingSandbox:
        loader = ChoiceLoader([FolderLoader([str(f) for f in self.folders]),
                               PrefixLoader({name: FolderLoader(str(shipped(name))) for name in SETS})])
        settings = hashlib.sha256(repr(sorted(COMPILE_SETTINGS.items())).encode()).hexdigest()[:16]
        env = BriefingSandbox(
            loader=loader, bytecode_cache=FileSystemBytecodeCache(pattern=f"__jinja2_{settings}_%s.cache"),
            autoescape=_every_file, undefined=StrictUndefined,
            **{key: value for key, value in COMPILE_SETTINGS.items() if key != "autoescape"})
        env.globals["generator"] = f"briefing {__version__}"
        env.globals["stylesheets"] = self.stylesheets
        env.globals["fit"] = None  # the rows a set with a page budget lists (`lay_out`)
        env.filters["md"] = md
        env.filters["md_link"] = link
        return env

    def _environment_of(self, name: str) -> BriefingSandbox:
        return self.markdown_environment if is_markdown(name) else self.environment

    def check(self) -> None:
        """Load every template and render it once with a sample briefing (and the archive page
        with a sample entry), so a missing or broken template fails before any work is done."""
        self.start_check()()

    def start_check(self) -> Bounded[list[str]]:
        """The check, started in a child now; calling the result waits for it (and raises)."""
        sample = self.sample
        archive = [{"date": sample.date, "folder": "2026-01-01", "briefing": sample,
                    "files": {"pdf": "2026-01-01/briefing.pdf", "json": "2026-01-01/briefing.json"}, "problem": None}]
        return self._start_all([(name, {"briefing": sample}) for name in TEMPLATES.values()]
                               + [(ARCHIVE_TEMPLATE, {"archive": archive, "title": sample.title})])

    def text(self, kind: str, briefing: Briefing, fit: int | None = None) -> str:
        """The briefing rendered with the `md`, `html` or `email` template, listing `fit` rows
        where the set fits a page budget."""
        return self.render(TEMPLATES[kind], briefing=briefing, fit=fit)

    def render(self, name: str, **context: Any) -> str:
        """The template `name` rendered with `context` (handed over as read-only data)."""
        return self.render_all([(name, context)])[0]

    def render_all(self, jobs: list[tuple[str, dict[str, Any]]]) -> list[str]:
        """Each template rendered with its context, in one child process (each template gets
        `limits.template_seconds`)."""
        return self._start_all(jobs)()

    def render_with(self, name: str, context_of: Callable[[], dict[str, Any]], seconds: float,
                    prepared: Bounded[list[str]] | None = None) -> str:
        """The template `name` rendered with the context `context_of()` (a picklable function) makes
        in the child (in `seconds` more; the `prepared` child if given), so what it reads (e.g.
        every saved brief) never takes this process's memory."""
        return (prepared or self.prepare_render_with(name, seconds))([(name, context_of)])[0]

    def prepare_render_with(self, name: str, seconds: float) -> Bounded[list[str]]:
        """A child for `render_with`, started now: one started before the day is read holds what it
        reads, not the run's day (a child has the memory of the process it was forked from)."""
        return Bounded(self._render_each, prepare=name_child, seconds=self.limits.template_seconds + seconds,
                       memory_mb=self.limits.memory_mb, what=f"template {name}", error=TemplateError)

    def _start_all(self, jobs: Sequence[tuple[str, dict[str, Any] | Callable[[], dict[str, Any]]]],
                   seconds: float = 0) -> Bounded[list[str]]:
        """The jobs rendered in a forked child, which turns each context into template data
        itself: this process keeps no second copy of the brief."""
        seconds += sum(_data_seconds(context) for _, context in jobs if not callable(context))
        return Bounded(self._render_each, (jobs,), prepare=name_child, seconds=self.limits.template_seconds * len(jobs) + seconds,
                       memory_mb=self.limits.memory_mb, what="template " + ", ".join(name for name, _ in jobs),
                       error=TemplateError)

    def _render_each(self, jobs: Sequence[tuple[str, dict[str, Any] | Callable[[], dict[str, Any]]]]) -> list[str]:
        rendered = []
        for name, context in jobs:
            text = markdown_text if is_markdown(name) else None
            data = {key: template_data(value, text) for key, value in (context() if callable(context) else context).items()}
            with _time_limit(self.limits.template_seconds):
                rendered.append(self._render(name, data))
        return rendered

    def render_string(self, source: str, label: str, **context: Any) -> str:
        """A template given as text (e.g. an e-mail subject from the config), rendered likewise;
        errors name it by `label`."""
        return Bounded(self._render, (label, {key: template_data(value) for key, value in context.items()}, source),
                       prepare=name_child, seconds=self.limits.template_seconds, memory_mb=self.limits.memory_mb,
                       what=label, error=TemplateError)()

    def prepare_pdf(self) -> Bounded[Laid]:
        """A child that loads WeasyPrint now, while the run goes on, and lays the brief out later."""
        return Bounded(self._lay_out, prepare=_load_weasyprint, seconds=self.limits.pdf_seconds,
                       memory_mb=self.limits.memory_mb, what="PDF rendering", error=RenderError)

    def lay_out(self, briefing: Briefing, prepared: Bounded[Laid] | None = None, write: bool = True) -> Laid:
        """The briefing's HTML laid out (in the `prepared` child if given) and, if `write`, its PDF,
        with its `briefing_json` attached if the settings ask (`lay_out_saved`)."""
        with saved_json(briefing) as saved:
            return self.lay_out_saved(saved, prepared, write)

    def lay_out_saved(self, saved: str, prepared: Bounded[Laid] | None = None, write: bool = True) -> Laid:
        """The brief saved (as `briefing_json` writes it) in the file `saved` laid out as `lay_out`
        says; resources resolve against the first template folder. When the set's `parts.j2` sets a
        page budget, the HTML lists as many rows as keep the PDF within it (`Laid.fit`). The child
        reads the brief a line at a time (`streamed_data`), so no copy of it is pickled here and the
        child never holds it whole. The child writes the PDF into a temporary file (`Laid.pdf`), so
        its bytes (with the JSON attached, 22 MB on a day of 10,000 articles) are never sent here.
        WeasyPrint's warnings (refused resources, ignored rules) are logged here again."""
        child = prepared or self.prepare_pdf()  # forked first: it holds no copy of the file's object
        pdf = tempfile.NamedTemporaryFile(prefix="briefing-", suffix=".pdf") if write else None  # noqa: SIM115
        try:
            laid = child(saved, pdf.name if pdf else None)
        except BaseException:
            if pdf:
                pdf.close()  # removed
            raise
        for message in laid.warnings:
            WEASYPRINT_LOG.warning("%s", message)
        return replace(laid, pdf=pdf)

    def prepare_texts(self) -> TextsChild:
        """A child for `texts_started`, started now: one started before the day is read holds the
        brief's template data only, not the run's memory (a child has that of its parent)."""
        return TextsChild(self)

    @contextmanager
    def texts_started(self, kinds: list[str], saved: str, articles: int, prepared: TextsChild | None = None
                      ) -> Iterator[Callable[[int | None], list[str]]]:
        """A function of `fit` giving the brief of `articles` articles saved in the file `saved`
        rendered with the `md`, `html` or `email` template of each kind, listing `fit` rows where
        the set fits a page budget. The `prepared` child (else a new one) reads the brief a line at
        a time (`streamed_data`) from now on, so its data is made while the PDF is laid out, then
        blocks until the fit is sent through its pipe; a block that ends without sending it stops it."""
        if not kinds:
            yield lambda fit: []
            return
        child = prepared or self.prepare_texts()
        child.what = "template " + ", ".join(TEMPLATES[kind] for kind in kinds)
        child.seconds = self.limits.pdf_seconds \
            + (self.limits.template_seconds + DATA_SECONDS_PER_ARTICLE * articles) * len(kinds)  # the layout too
        outcome: list[Any] = []
        thread = threading.Thread(target=_outcome, args=(outcome, child, saved, kinds), daemon=True)
        thread.start()

        def rendered(fit: int | None) -> list[str]:
            with contextlib.suppress(OSError):  # a child that has ended takes no rows: its outcome says why
                child.rows.send(fit)
            thread.join()
            if isinstance(outcome[0], BaseException):
                raise outcome[0]
            return typing.cast(list[str], outcome[0])

        try:
            yield rendered
        finally:
            process = child.child  # read once: the thread clears it as it ends
            if thread.is_alive() and process is not None and process.pid is not None:
                with contextlib.suppress(OSError):  # it waits for a fit that will not come
                    os.kill(process.pid, signal.SIGKILL)
            child.rows.close()  # a wait in this process (no fork) ends at once
            thread.join()

    def _texts_of(self, rows: Connection, saved: str, kinds: list[str]) -> list[str]:
        rendered: list[str] = []
        fit: int | None = None
        for number, kind in enumerate(kinds):
            name = TEMPLATES[kind]
            data = streamed_data(Path(saved), markdown_text if is_markdown(name) else None)
            if number == 0:
                fit = _handed(rows)  # the data is made while the PDF is laid out
            with _time_limit(self.limits.template_seconds):
                rendered.append(self._render(name, {"briefing": data, "fit": fit}))
        return rendered

    def pdf(self, briefing: Briefing) -> bytes:
        """The briefing's PDF."""
        with typing.cast(typing.IO[bytes], self.lay_out(briefing).pdf) as pdf:
            return pdf.read()

    def fit(self, briefing: Briefing) -> int | None:
        """The rows a set with a page budget lists for `briefing` (laid out, no PDF written), else None."""
        return self.lay_out(briefing, write=False).fit if self.budget(briefing) else None

    def budget(self, briefing: Briefing) -> tuple[int, int] | None:
        """The page budget the set's `parts.j2` sets (`fit_pages`, `fit_rows`) for `briefing`, if any."""
        return Bounded(self._budget_of, (briefing,), prepare=name_child,
                       seconds=self.limits.template_seconds + _data_seconds({"briefing": briefing}),
                       memory_mb=self.limits.memory_mb, what="parts.j2", error=TemplateError)()

    def _budget_of(self, briefing: Briefing) -> tuple[int, int] | None:
        return self._budget(template_data(briefing))

    def _budget(self, briefing: Any) -> tuple[int, int] | None:
        with _time_limit(self.limits.template_seconds):
            try:
                module = self._load(PARTS).make_module({"briefing": briefing})
            except TemplateError:
                raise
            except Exception as exc:  # as in `_render`: any failure is the template's
                raise TemplateError(f"{_where(exc, PARTS)}: {_describe(exc, PARTS)}") from None
        if getattr(module, "fit_pages", None) is None:
            return None
        return _whole(module, "fit_pages", 1), _whole(module, "fit_rows", 0)

    def _render(self, name: str, data: dict[str, Any], source: str | None = None) -> str:
        template = self._load(name) if source is None else self._compile(source, name)
        pieces: list[str] = []
        size = 0
        try:
            for piece in template.generate(**data):
                size += len(piece)
                if size > self.limits.output_chars:
                    raise TemplateError(f"{name}: output larger than {self.limits.output_chars:,} characters")
                pieces.append(piece)
        except TemplateError:
            raise
        except Exception as exc:  # a template can fail in any way; all are the template's error
            raise TemplateError(f"{_where(exc, name)}: {_describe(exc, name)}") from None
        return "".join(pieces)

    def _lay_out(self, saved: str, target: str | None) -> Laid:
        from .pdf import lay_out  # WeasyPrint is imported by the runs that make a PDF only

        context = {"briefing": streamed_data(Path(saved))}  # cleared once laid out, before the attachment is read

        def html_of(fit: int | None) -> str:
            with _time_limit(self.limits.template_seconds):
                return self._render(TEMPLATES["html"], {**context, "fit": fit})

        attached = (lambda: Path(saved).read_bytes()) if self.pdf_settings.attach_data else None
        return Laid(None, *lay_out(html_of, self.folders, shipped("fonts"), self._budget(context["briefing"]),
                                   self.pdf_settings.variant, self.pdf_settings.tagged, attached, target, context.clear))

    def _compile(self, source: str, label: str) -> Template:
        try:
            return self.environment.from_string(source)
        except TemplateSyntaxError as exc:
            raise TemplateError(f"{label}: {exc.message}") from None

    def _load(self, name: str) -> Template:
        environment = self._environment_of(name)
        try:
            return environment.get_template(name)
        except TemplateOutsideFolders as exc:
            raise TemplateError(str(exc)) from None
        except TemplateNotFound:
            searched = ", ".join(str(f) for f in self.folders)
            raise TemplateError(f"template {name} not found in: {searched}") from None
        except TemplateSyntaxError as exc:
            raise TemplateError(f"{exc.filename or name}:{exc.lineno}: {exc.message}") from None
        except Exception as exc:  # compiling can fail too, e.g. on a constant too large to write
            filename = environment.loader.get_source(environment, name)[1] if environment.loader else None
            raise TemplateError(f"{filename or name}: cannot compile: {_describe(exc, name)}") from None


def _outcome(outcome: list[Any], child: Bounded[list[str]], *args: Any) -> None:
    """`child(*args)`, or the error it raised, appended to `outcome` (a thread's result)."""
    try:
        outcome.append(child(*args))
    except BaseException as exc:  # handed to the thread that waits for it
        outcome.append(exc)


def _handed(rows: Connection) -> int | None:
    """The rows to list, once the run sends them (`TextsChild.rows`); a RenderError if the run's
    process ends first (the child's time limit bounds the wait otherwise)."""
    if not arrived(rows):
        raise RenderError("rendering stopped: the run ended before the PDF was laid out")
    return typing.cast(int | None, rows.recv())


#: The time a rendering child has, beyond its templates' own, to turn each article of a brief into
#: template data before it renders (about 0.75 ms an article on a quiet 2-core machine: this
#: leaves room for a loaded one, and a 10,000-article day 50 s).
DATA_SECONDS_PER_ARTICLE = 0.005


def _data_seconds(context: dict[str, Any]) -> float:
    """The time the child takes to make the template data of `context`'s briefs."""
    return DATA_SECONDS_PER_ARTICLE * sum(len(value.articles) for value in context.values() if isinstance(value, Briefing))


def briefing_json(briefing: Briefing) -> bytes:
    """The brief as briefing.json holds it (indented), encoded straight to bytes: no text copy."""
    return BRIEFING.dump_json(briefing, indent=2)


def write_briefing_json(briefing: Briefing, stream: typing.IO[bytes]) -> None:
    """Write the brief's `briefing_json` to `stream` a section of the also-today list and an article
    at a time (each one's lines indented as within the brief): its bytes are never held whole, and
    the rest (1 MB on a day of 10,000 articles) is written from where it stands."""
    if not briefing.articles:
        stream.write(briefing_json(briefing))
        return
    frame = briefing_json(briefing.model_copy(update={"also_today": [], "articles": []}))
    start = 0
    for key, items, adapter in (("also_today", briefing.also_today, SECTION), ("articles", briefing.articles, ARTICLE)):
        empty = f'\n  "{key}": [],\n'.encode()
        at = frame.index(empty, start)
        stream.write(memoryview(frame)[start:at])
        _write_items(stream, key, items, adapter)
        start = at + len(empty)
    stream.write(memoryview(frame)[start:])


def _write_items(stream: typing.IO[bytes], key: str, items: Sequence[Any], adapter: TypeAdapter[Any]) -> None:
    """The brief's list `key` of `items`, each encoded on its own, as `briefing_json` writes it."""
    if not items:
        stream.write(f'\n  "{key}": [],\n'.encode())
        return
    stream.write(f'\n  "{key}": [\n'.encode())
    for number, item in enumerate(items, start=1):
        data = adapter.dump_json(item, indent=2)
        view, start = memoryview(data), 0
        while (end := data.find(b"\n", start)) >= 0:  # each line indented; a text's line breaks are escaped
            stream.write(b"    ")
            stream.write(view[start:end + 1])
            start = end + 1
        stream.write(b"    ")
        stream.write(view[start:])
        stream.write(b",\n" if number < len(items) else b"\n")
    stream.write(b"  ],\n")


def json_file(briefing: Briefing, what: str = "PDF rendering") -> typing.IO[bytes]:
    """A temporary file holding the brief's `briefing_json` (`write_briefing_json`), read from its
    start and removed when closed; a RenderError naming `what` if it cannot be written."""
    saved = tempfile.NamedTemporaryFile(prefix="briefing-", suffix=".json")  # noqa: SIM115 (closed by its taker)
    try:
        write_briefing_json(briefing, saved)
        saved.flush()
        saved.seek(0)
    except BaseException as exc:
        with contextlib.suppress(OSError):  # flushing what is left fails as the write did; it is removed
            saved.close()
        if isinstance(exc, OSError):
            raise RenderError(f"{what} failed: {exc}") from None
        raise
    return saved


@contextmanager
def saved_json(briefing: Briefing, what: str = "PDF rendering") -> Iterator[str]:
    """The path of a temporary file holding the brief's `briefing_json` (`json_file`), removed after."""
    with json_file(briefing, what) as saved:
        yield saved.name


#: The line that opens the articles in `briefing_json` (indented by 2: each article's own lines
#: are indented by 4 or more, its last one by 4, and the list ends with the next line indented by 2).
ARTICLES_OPEN = b'  "articles": [\n'
#: The key of a brief saved before stories existed (`Briefing._from_first_version`).
FIRST_VERSION = b'  "overview": '


def streamed_data(saved: Path, text: Callable[[str], str] | None = None) -> Any:
    """The template data of the brief in `saved` (as `briefing_json` wrote it), read a line at a
    time and each article validated and made into data on its own: the whole brief is never held
    as models, nor its JSON as bytes. No property of `Briefing` reads its articles, so its data
    is made from its other fields. A ValueError if the brief is not valid or of the first version."""
    head: list[bytes] = []
    article: list[bytes] = []
    articles = []
    with saved.open("rb") as lines:
        for line in lines:
            if article or (head and head[-1] == ARTICLES_OPEN and not line.startswith(b"  ]")):
                article.append(line)
                if line.startswith(b"    }"):
                    one = ArticleBrief.model_validate_json(b"".join(article).rstrip().removesuffix(b","))
                    articles.append(template_data(one, text))
                    article.clear()
            else:
                head.append(line)
    if articles and any(line.startswith(FIRST_VERSION) for line in head):
        raise ValueError("a brief of the first version: its stories are made from its articles")
    brief = Briefing.model_validate_json(b"".join(head))
    return MappingProxyType({**template_data(brief, text), "articles": tuple(articles)})


def _every_file(name: str | None) -> bool:
    """Autoescape every template file; text given in the config (the e-mail subject) is plain text."""
    return name is not None


def _whole(module: Any, name: str, least: int) -> int:
    """The whole number `module` sets as `name`, from `least` to `FIT_MOST`."""
    value = getattr(module, name, None)
    if type(value) is not int or not least <= value <= FIT_MOST:
        raise TemplateError(f"{PARTS}: {name} must be a whole number from {least} to {FIT_MOST}, not {value!r}")
    return value


#: What `ps` and `top` call a rendering child (`/proc/PID/comm`), and the benchmark tells it by.
CHILD_NAME = "briefing-render"


def name_child() -> None:
    """Name this process `CHILD_NAME` (Linux; elsewhere nothing), so it is told from a parse worker."""
    with contextlib.suppress(OSError):
        Path("/proc/self/comm").write_text(CHILD_NAME)


def _load_weasyprint() -> None:
    name_child()
    from . import pdf  # noqa: F401 - loading it is the point


class _Overtime(Exception):
    """A template ran past its time limit."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise `_Overtime` in the running template after `seconds` (main thread only; elsewhere
    the limit of the whole render applies)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def overtime(signum: int, frame: FrameType | None) -> NoReturn:
        raise _Overtime(f"took longer than {seconds:g} s and was stopped")

    previous = signal.signal(signal.SIGALRM, overtime)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _where(exc: BaseException, name: str) -> str:
    """`file:line` of the template line that failed, from the traceback Jinja rewrites."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else name


def _describe(exc: BaseException, name: str) -> str:
    if isinstance(exc, RecursionError):
        return (f"the template extends, includes or calls itself without end (to extend the packaged "
                f"{name}, name it '{DEFAULT_PREFIX}/{name}')")
    if isinstance(exc, MemoryError):
        return "ran out of memory"
    if isinstance(exc, _Overtime):
        return str(exc)
    message = " ".join(str(exc).split())
    return message if isinstance(exc, JinjaError) and message else f"{type(exc).__name__}: {message}"


def sample_briefing(config: Config | None = None) -> Briefing:
    """A small briefing with every field filled, to try templates on; with a `config`, its title,
    marking and extra text, as the run's briefing will have."""
    article = Article(id="sample.txt", title="Sample headline", text="Jane Doe, the minister, spoke.",
                      source="Sample source", url="https://example.org/story", published="2026-01-01",
                      author="A. Writer", origin="sample.txt")
    copy = article.model_copy(update={"id": "copy.txt", "source": "Wire", "origin": "copy.txt"})
    role = Role(title="minister", sentence="Jane Doe, the minister, spoke.")
    actor = Actor(name="Jane Doe", type="person", mentions=2, aliases=["Doe"], roles=[role], key=True, weight=1.0)
    sentence = Sentence(text="Jane Doe, the minister, spoke.", paragraph=0, start=0, end=30, score=1.0)
    row = ActorRow(name="Jane Doe", type="person", roles=[RoleCitation(title="minister", sources=[1])],
                   mentions=[2], key=True, weight=1.0, roles_differ=True, stories=[1])
    lead = Point(text=sentence.text, sources=[1, 2], story=1)
    story = Story(number=1, headline="Sample headline", section="Politics", sources=[1], copies=[2], lead=lead,
                  points=[Point(text="A second point.", sources=[1], story=1)],
                  actors=[StoryActor(name="Jane Doe", type="person", role="minister", key=True)],
                  in_bottom_line=True, published="2026-01-01")
    return Briefing(date=date(2026, 1, 1), bottom_line=[lead],
                    sections=[Section(name="Politics", stories=[story])],
                    articles=[ArticleBrief(number=1, article=article, key_sentences=[sentence], actors=[actor],
                                           also_in=[2])],
                    actors=[row], key_actors=["Jane Doe"], copies=[Copy(number=2, article=copy, copy_of=1)],
                    disagreements=[Disagreement(subject="Jane Doe", kind="role",
                                                claims=[Claim(value="minister", sources=[1]),
                                                        Claim(value="MP", sources=[2])])],
                    already_covered=1, skipped=[Skipped(origin="bad.txt", reason="not UTF-8")],
                    notes=[Note(origin="copy.txt", text="a copy of source [1]")],
                    **({"title": config.title, "marking": config.marking or None, "extra": dict(config.extra)}
                       if config else {"title": "Sample brief", "marking": "SAMPLE",
                                       "extra": {"purpose": "To try templates on."}}))
