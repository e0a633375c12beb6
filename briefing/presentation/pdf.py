"""The PDF: WeasyPrint lays the HTML brief out (as many rows as a set's page budget holds) and
renders it, loading only files inside the template folders and data: URLs. Imported only by the
runs that make a PDF or fit a page budget (WeasyPrint takes a while to load)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import weasyprint
from weasyprint.urls import URLFetcher

from ..errors import RenderError, TemplateError

WEASYPRINT_LOG = logging.getLogger("weasyprint")
#: WeasyPrint warnings about the machine, not the templates: left out of what a user is shown.
NOT_FOR_USERS = ("Using fontTools instead of HarfBuzz-Subset",)


#: At most this many layouts while fitting a page budget (one more when none of them fitted).
FIT_LAYOUTS = 6


def lay_out(html_of: Callable[[int | None], str], folders: tuple[Path, ...], fonts: Path,
            budget: tuple[int, int] | None = None, variant: str | None = None, tagged: bool = True,
            data: Callable[[], bytes] | None = None, target: str | None = None,
            laid_out: Callable[[], object] = lambda: None) -> tuple[str, int | None, list[str]]:
    """The brief `html_of(fit)` renders, laid out and (given a `target` path) written there as a PDF (resources
    resolve against the first template folder; `fonts:` URLs against `fonts`), tagged for screen
    readers unless not `tagged`, in the PDF `variant` asked for, with `data()` (the briefing.json)
    attached; and the HTML, the number of rows it lists and the warnings WeasyPrint logged (refused
    resources, ignored rules). With a `budget` (pages, rows), the rows are the most up to `rows`
    whose layout keeps within `pages` (`most_within`); without one, `html_of(None)` is laid out.
    Each number of rows is rendered once; `laid_out()` is called once no more HTML is needed, and
    the attachment read after it, so the template data and the attachment are never held at once."""
    warnings = _Collected()
    others, WEASYPRINT_LOG.handlers = WEASYPRINT_LOG.handlers, [warnings]
    options: dict[str, Any] = {"pdf_variant": variant, "pdf_tags": tagged or variant == "pdf/ua-1"}
    fetcher, base = TemplateFilesOnly(folders, fonts), folders[0].resolve().as_uri() + "/"
    laid: dict[int | None, tuple[str, Any]] = {}  # the layout of the most rows found to fit
    pages, most = budget or (0, 0)

    html_by_rows: dict[int | None, str] = {}

    def html(rows: int | None) -> str:
        if rows not in html_by_rows:
            html_by_rows[rows] = html_of(rows)
        return html_by_rows[rows]

    def layout(rows: int | None) -> tuple[str, Any]:
        return html(rows), weasyprint.HTML(string=html(rows), base_url=base, url_fetcher=fetcher).render(**options)

    def fits(rows: int) -> bool:
        html, document = layout(rows)
        if len(document.pages) > pages:
            return False
        laid.clear()
        laid[rows] = html, document
        return True

    # PDF/A-2 allows only PDF/A files as attachments; PDF/A-3 was made for data such as this
    attach = data is not None and not (variant or "").startswith("pdf/a-2")
    try:
        fit = None if budget is None else most_within(fits, most)
        if fit is not None and fit < most and html(most - 1) == html(most):
            fit = None  # the last row changes nothing (a block that ignores `fit`): no fit to pass on
        page, document = laid[fit] if fit in laid else layout(fit)
        html_by_rows.clear()
        laid_out()
        attachments = [weasyprint.Attachment(string=data(), name="briefing.json", description="The briefing as data",
                                             relationship="Data")] if attach and data and target else None
        if target:  # written to the file as it is made: its bytes are never held whole, nor sent
            document.write_pdf(target, attachments=attachments, **options)
    except TemplateError:
        raise
    except Exception as exc:  # WeasyPrint raises many kinds; all mean the same to a user
        raise RenderError(f"PDF rendering failed: {str(exc) or type(exc).__name__}") from None
    finally:
        WEASYPRINT_LOG.handlers = others
    return page, fit, list(dict.fromkeys(warnings.messages))


def most_within(fits: Callable[[int], bool], most: int, layouts: int = FIT_LAYOUTS) -> int:
    """The largest number of rows from 0 to `most` that `fits`: `most` itself first (a short day
    takes one layout), then by halving the range between the most found to fit (0 assumed) and
    the fewest found not to; after `layouts` tries, the most found to fit (with 6, the answer itself
    up to 32 rows)."""
    low, high, rows = 0, most + 1, most
    for _ in range(layouts):
        if fits(rows):
            low = rows
        else:
            high = rows
        if high - low <= 1:
            break
        rows = (low + high) // 2
    return low


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
