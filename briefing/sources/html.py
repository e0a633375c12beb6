"""HTML pages: the title, then the text of headings, paragraphs and list items."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from ..errors import SourceError
from ..models import Article

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div", "section", "article"}
SKIPPED = {"script", "style", "nav", "header", "footer", "aside", "figure", "figcaption", "noscript",
           "form", "button", "svg", "template"}


class _ArticleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.h1 = ""
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in SKIPPED:
            self._skip += 1
        elif tag in BLOCKS or tag in ("title", "br"):
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self.title = " ".join("".join(self._current).split())
            self._current = []
        elif tag == "h1" and not self.h1:
            self.h1 = " ".join("".join(self._current).split())
            self._current = []
        elif tag in BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._current.append(data)

    def _flush(self) -> None:
        block = " ".join("".join(self._current).split())
        if block:
            self.blocks.append(block)
        self._current = []


def read(path: Path, content: str) -> list[Article]:
    parser = _ArticleText()
    parser.feed(content)
    parser.close()
    parser._flush()
    body = "\n\n".join(parser.blocks)
    if not body:
        raise SourceError("no article text in the page")
    return [Article(id=path.name, title=parser.h1 or parser.title or None, text=body, origin=str(path))]
