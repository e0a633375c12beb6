"""Rendering: a sandboxed Jinja environment over a template search path, then Markdown, HTML,
and a PDF from the HTML through WeasyPrint, which may read only template files and data: URLs."""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlparse

from jinja2 import (FileSystemLoader, StrictUndefined, TemplateError as JinjaError, TemplateNotFound,
                    TemplateSyntaxError, select_autoescape)
from jinja2.sandbox import SandboxedEnvironment
import weasyprint
from weasyprint.urls import URLFetcher

from .errors import RenderError, TemplateError
from .models import Briefing

TEMPLATES = {"md": "briefing.md.j2", "html": "briefing.html.j2"}
MARKDOWN_SPECIAL = re.compile(r"([\\`*{}\[\]<>#|~!]|(?<!\w)_|_(?!\w))")


def default_templates() -> Path:
    """The template set shipped with the package."""
    return Path(str(resources.files("briefing").joinpath("templates/default")))


def search_path(user_folder: Path | None) -> list[Path]:
    """The configured folder first, then the packaged default."""
    folders = [default_templates()]
    if user_folder is not None and user_folder.resolve() != folders[0].resolve():
        folders.insert(0, user_folder)
    return folders


def md_escape(text: object) -> str:
    """Article text made inert in Markdown: markup characters escaped, line-start markers too."""
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
    escaped = re.sub(r"^(\s*)([-+=])(\s)", r"\1\\\2\3", escaped, flags=re.M)
    return re.sub(r"^(\s*\d+)\.(\s)", r"\1\\.\2", escaped, flags=re.M)


@dataclass(frozen=True)
class Renderer:
    """Renders a briefing with the templates found along `folders`."""

    folders: tuple[Path, ...]

    @classmethod
    def for_folder(cls, user_folder: Path | None) -> Renderer:
        if user_folder is not None and not user_folder.is_dir():
            raise TemplateError(f"templates: folder {user_folder} does not exist")
        return cls(tuple(search_path(user_folder)))

    @cached_property
    def environment(self) -> SandboxedEnvironment:
        """The sandboxed Jinja environment over the search path (built once per renderer)."""
        env = SandboxedEnvironment(
            loader=FileSystemLoader([str(f) for f in self.folders]),
            autoescape=select_autoescape(enabled_extensions=("html.j2", "html"), default_for_string=False),
            undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        env.filters["md"] = md_escape
        return env

    def check(self) -> None:
        """Load every template now, so a missing or broken one fails before any work is done."""
        for name in TEMPLATES.values():
            self._load(name)

    def text(self, kind: str, briefing: Briefing) -> str:
        """The briefing rendered with the `md` or `html` template."""
        template = self._load(TEMPLATES[kind])
        try:
            return template.render(briefing=briefing)
        except JinjaError as exc:
            raise TemplateError(f"{_where(exc, TEMPLATES[kind])}: {exc}") from None

    def pdf(self, html: str) -> bytes:
        """The PDF of rendered HTML; resources resolve against the first template folder."""
        fetcher = TemplateFilesOnly(self.folders)
        try:
            return weasyprint.HTML(string=html, base_url=self.folders[0].resolve().as_uri() + "/",
                                   url_fetcher=fetcher).write_pdf()
        except Exception as exc:  # WeasyPrint raises many kinds; all mean the same to a user
            raise RenderError(f"PDF rendering failed: {exc}") from None

    def _load(self, name: str):
        try:
            return self.environment.get_template(name)
        except TemplateNotFound:
            searched = ", ".join(str(f) for f in self.folders)
            raise TemplateError(f"template {name} not found in: {searched}") from None
        except TemplateSyntaxError as exc:
            raise TemplateError(f"{exc.filename or name}:{exc.lineno}: {exc.message}") from None


def _where(exc: Exception, name: str) -> str:
    """`file:line` of the template line that failed, from the traceback Jinja rewrites."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else name


class TemplateFilesOnly(URLFetcher):
    """A WeasyPrint fetcher that serves data: URLs and files inside the template folders only;
    everything else (http, other local files) is refused and left out of the PDF."""

    def __init__(self, folders: tuple[Path, ...]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = tuple(f.resolve() for f in folders)

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ValueError(f"refused: {url} is outside the template folders")
        elif parsed.scheme != "data":
            raise ValueError(f"refused: {url} (only template files and data: URLs are allowed)")
        return super().fetch(url, headers)
