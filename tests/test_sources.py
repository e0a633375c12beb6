from pathlib import Path

import pytest

from briefing.errors import SourceError
from briefing.intake import expand, read_articles
from briefing.models import Article, Skipped


def read(tmp_path: Path, name: str, content, max_bytes: int = 100_000):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    intake = read_articles([path], max_bytes)
    return intake.articles, intake.skipped


def test_text_headline_followed_by_blank_line(tmp_path):
    (article,), skipped = read(tmp_path, "a.txt", "A long headline that ends with a full stop.\n\nBody one.\n\nBody two.")
    assert article.title == "A long headline that ends with a full stop."
    assert article.text == "Body one.\n\nBody two."
    assert not skipped


def test_text_headline_that_reads_as_one(tmp_path):
    (article,), _ = read(tmp_path, "a.txt", "Minister resigns over leak\nThe minister resigned today.\nMore text.")
    assert article.title == "Minister resigns over leak"
    assert article.text.startswith("The minister resigned today.")


def test_text_without_headline(tmp_path):
    text = "The minister resigned today after a long row.\nShe said so in a statement."
    (article,), _ = read(tmp_path, "a.txt", text)
    assert article.title is None and article.text == text


def test_markdown_front_matter_and_markup(tmp_path):
    md = ("---\ntitle: Talks resume\nsource: Wire\nurl: https://example.org/a\npublished: 2026-11-20\n---\n"
          "Talks **resumed** on [Monday](https://example.org/m).\n\n## Background\n\nThey stalled in May.\n")
    (article,), _ = read(tmp_path, "a.md", md)
    assert (article.title, article.source, article.url, article.published) == (
        "Talks resume", "Wire", "https://example.org/a", "2026-11-20")
    assert article.text == "Talks resumed on Monday.\n\nBackground\n\nThey stalled in May."


def test_markdown_heading_is_the_title_without_front_matter(tmp_path):
    (article,), _ = read(tmp_path, "a.md", "# Storm hits coast\n\nThe storm hit the coast at dawn.\n")
    assert article.title == "Storm hits coast"
    assert article.text == "The storm hit the coast at dawn."


def test_jsonl_reads_records_and_skips_bad_lines(tmp_path):
    lines = ['{"id": "a1", "title": "One", "text": "First article text.", "source": "Wire"}',
             "not json", '{"id": "a3"}', '{"id": 4, "text": "Fourth article text."}']
    articles, skipped = read(tmp_path, "feed.jsonl", "\n".join(lines))
    assert [(a.id, a.title, a.source) for a in articles] == [("a1", "One", "Wire"), ("4", None, None)]
    assert [s.origin.rsplit(":", 1)[1] for s in skipped] == ["2", "3"]
    assert "not valid JSON" in skipped[0].reason and "'text'" in skipped[1].reason


def test_html_keeps_paragraphs_and_drops_page_furniture(tmp_path):
    first = ("The storm hit the coast on Monday night, bringing down trees and power lines across the county, "
             "and left thousands of homes without heating.")
    second = "Roads &amp; rail closed for most of Tuesday while crews cleared fallen trees from the lines and lanes."
    page = ("<html><head><title>Site | Story</title><script>var x = 1;</script></head><body>"
            f"<nav>Home News</nav><h1>Storm hits coast</h1><p>{first}</p>"
            f"<figure><figcaption>A photo</figcaption></figure><p>{second}</p></body></html>")
    (article,), _ = read(tmp_path, "a.html", page)
    assert article.title == "Storm hits coast"
    assert article.text == f"{first}\n\n{second.replace('&amp;', '&')}"


@pytest.mark.parametrize("name, content, reason", [
    ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    ("empty.txt", b"  \n", "empty"),
    ("big.txt", b"word " * 100, "too large"),
    ("notes.docx", b"PK\x03\x04", "unsupported file type"),
])
def test_unreadable_files_are_skipped_with_a_reason(tmp_path, name, content, reason):
    articles, skipped = read(tmp_path, name, content, max_bytes=200)
    assert articles == []
    assert skipped == [Skipped(origin=str(tmp_path / name), reason=skipped[0].reason)]
    assert reason in skipped[0].reason


def test_windows_1252_text_is_decoded(tmp_path):
    (article,), _ = read(tmp_path, "a.txt", "Caf\xe9 owners protest\n\nThe caf\xe9 shut.".encode("cp1252"))
    assert article.title == "Café owners protest"


def test_expand_folders_globs_and_files_once_each(tmp_path):
    for name in ("b.txt", "a.md", "c.jsonl", "skip.pdf"):
        (tmp_path / name).write_text("x")
    files, unmatched = expand([str(tmp_path), str(tmp_path / "*.txt"), str(tmp_path / "a.md")], Path("/"))
    assert not unmatched
    assert [f.name for f in files] == ["a.md", "b.txt", "c.jsonl"]


def test_expand_names_a_missing_input(tmp_path):
    with pytest.raises(SourceError, match="nowhere: no such file or folder"):
        expand(["nowhere"], tmp_path)


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "good.txt").write_text("Headline here\n\nA sentence of the body.")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    intake = read_articles(expand([str(tmp_path)], tmp_path)[0], 10_000)
    articles, skipped = intake.articles, intake.skipped
    assert [a.id for a in articles] == ["good.txt"] and isinstance(articles[0], Article)
    assert [Path(s.origin).name for s in skipped] == ["bad.txt"]
