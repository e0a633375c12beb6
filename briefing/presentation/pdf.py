"""The PDF: WeasyPrint renders the HTML brief, loading only files inside the template folders
and data: URLs. Imported only by the runs that make a PDF (WeasyPrint takes a while to load)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import weasyprint
from weasyprint.urls import URLFetcher

from ..errors import RenderError

WEASYPRINT_LOG = logging.getLogger("weasyprint")
#: WeasyPrint warnings about the machine, not the templates: left out of what a user is shown.
NOT_FOR_USERS = ("Using fontTools instead of HarfBuzz-Subset",)


def write_pdf(html: str, folders: tuple[Path, ...], fonts: Path, variant: str | None = None, tagged: bool = True,
              data: bytes | None = None) -> tuple[bytes, list[str]]:
    """The PDF of rendered HTML (resources resolve against the first template folder; `fonts:`
    URLs against `fonts`), tagged for screen readers unless not `tagged`, in the PDF `variant`
    asked for, with `data` (the briefing.json) attached; and the warnings WeasyPrint logged
    (refused resources, ignored rules)."""
    warnings = _Collected()
    others, WEASYPRINT_LOG.handlers = WEASYPRINT_LOG.handlers, [warnings]
    # PDF/A-2 allows only PDF/A files as attachments; PDF/A-3 was made for data such as this
    attach = data is not None and not (variant or "").startswith("pdf/a-2")
    attachments = [weasyprint.Attachment(string=data, name="briefing.json", description="The briefing as data",
                                         relationship="Data")] if attach else None
    try:
        pdf = weasyprint.HTML(string=html, base_url=folders[0].resolve().as_uri() + "/",
                              url_fetcher=TemplateFilesOnly(folders, fonts)).write_pdf(
            pdf_variant=variant, pdf_tags=tagged or variant == "pdf/ua-1", attachments=attachments)
    except Exception as exc:  # WeasyPrint raises many kinds; all mean the same to a user
        raise RenderError(f"PDF rendering failed: {str(exc) or type(exc).__name__}") from None
    finally:
        WEASYPRINT_LOG.handlers = others
    return pdf, warnings.messages


class _Collected(logging.Handler):
    """Keeps the messages of warnings logged while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(NOT_FOR_USERS) and ": refused: " not in message:  # the fetcher said it
            self.messages.append(" ".join(message.split()))


class TemplateFilesOnly(URLFetcher):
    """A WeasyPrint fetcher that serves data: URLs, files inside the template folders and the
    shipped fonts (`fonts:NAME`) only; everything else (http, other local files) is refused and
    left out of the PDF."""

    def __init__(self, folders: tuple[Path, ...], fonts: Path) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = tuple(f.resolve() for f in folders)
        self.fonts = fonts.resolve()

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
        try:
            return self._fetch(url, headers)
        except ValueError as exc:
            WEASYPRINT_LOG.warning("%s", exc)
            raise

    def _fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
        parsed = urlparse(url)
        if parsed.scheme == "fonts":
            font = (self.fonts / unquote(parsed.path)).resolve()
            if font.parent != self.fonts or not font.is_file():
                raise ValueError(f"refused: {url} is not a shipped font")
            url = font.as_uri()
        elif parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ValueError(f"refused: {url} is outside the template folders")
        elif parsed.scheme != "data":
            raise ValueError(f"refused: {url} (only template files and data: URLs are allowed)")
        return super().fetch(url, headers)
