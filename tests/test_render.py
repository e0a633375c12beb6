import logging
import multiprocessing
import os
import shutil
import time
from datetime import date
from pathlib import Path

import pytest

from briefing.config import LimitsConfig
from briefing.editorial.compose import compose
from briefing.errors import RenderError, TemplateError
from briefing.isolation import Bounded
from briefing.models import Article, ArticleBrief, Briefing, Sentence
from briefing.pipeline import render_files
from briefing.presentation.pdf import TemplateFilesOnly
from briefing.presentation.render import Renderer, md_escape, saved_json
from briefing.presentation.template_sets import shipped


def briefing_with(text: str, title: str = "Plain title") -> Briefing:
    article = Article(id="a.txt", title=title, text=text, origin="a.txt")
    sentence = Sentence(text=text, paragraph=0, start=0, end=len(text), score=1.0)
    brief = ArticleBrief(number=1, article=article, key_sentences=[sentence], actors=[])
    return compose([brief], [], title="Brief", day=date(2026, 11, 21), marking="OFFICIAL")


def test_user_folder_overrides_one_file_and_falls_back_for_the_rest(tmp_path):
    (tmp_path / "briefing.md.j2").write_text("CUSTOM {{ briefing.title }}\n")
    renderer = Renderer.for_folder(tmp_path)
    assert renderer.text("md", briefing_with("Text.")) == "CUSTOM Brief\n"
    assert "<h1>Brief</h1>" in renderer.text("html", briefing_with("Text."))


def test_user_template_can_extend_the_default_css(tmp_path):
    (tmp_path / "style.css").write_text("h1 { color: rebeccapurple; }")
    assert "rebeccapurple" in Renderer.for_folder(tmp_path).text("html", briefing_with("Text."))


def test_a_pdf_that_fails_stops_the_markdown_child_waiting_for_its_rows(tmp_path):
    """The Markdown child makes its data while the PDF is laid out, then waits for the rows the
    PDF has room for: a layout that fails leaves neither the child nor its wait behind."""
    (tmp_path / "briefing.html.j2").write_text("ok\n{{ briefing.titel }}\n")
    with pytest.raises(TemplateError, match="briefing.html.j2:2"):
        render_files(briefing_with("Text."), Renderer.for_folder(tmp_path), ["md", "pdf"])
    assert not multiprocessing.active_children()


def test_a_markdown_child_whose_run_dies_stops_waiting_for_its_rows():
    """The Markdown child blocks on a pipe for the rows the PDF has room for: a run killed before
    sending them (no `finally` to stop the child) leaves no child waiting behind it, nor the
    child forked after it that waits for its work (as the archive page's does), though each holds
    a copy of the other's pipes."""
    pids = multiprocessing.Pipe(duplex=False)

    def run() -> None:
        renderer = Renderer.for_folder(None)
        child = renderer.prepare_texts()
        later = Bounded(str, seconds=60, memory_mb=100, what="later", error=RenderError)
        with saved_json(briefing_with("Text.")) as saved, renderer.texts_started(["md"], saved, 1, child):
            pids[1].send((child.child.pid, later.child.pid))
            time.sleep(2)  # the child has made its data and waits for the rows
            os._exit(1)

    multiprocessing.get_context("fork").Process(target=run).start()
    statuses = [Path(f"/proc/{pid}/status") for pid in pids[0].recv()]
    deadline = time.monotonic() + 10
    while not all(map(_ended, statuses)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [_ended(status) for status in statuses] == [True, True]


def _ended(status: Path) -> bool:
    """Whether the process of /proc/PID/`status` has ended (gone, or a zombie)."""
    try:
        return "zombie" in status.read_text()
    except FileNotFoundError:
        return True


@pytest.mark.parametrize("render", [lambda renderer, brief: renderer.text("md", brief),
                                    lambda renderer, brief: render_files(brief, renderer, ["md"])["briefing.md"].decode()],
                         ids=["one template", "the run's Markdown child"])
def test_a_large_brief_has_time_to_become_template_data_beyond_its_templates_own(tmp_path, render):
    """A rendering child's time grows with the brief (`DATA_SECONDS_PER_ARTICLE` an article): 4,000
    articles take longer to become template data than a template may take to render, and the brief
    is rendered all the same, not stopped as a small brief that took as long would be."""
    (tmp_path / "briefing.md.j2").write_text("{{ briefing.articles | length }} articles\n")
    (tmp_path / "parts.j2").write_text("")  # no page budget: nothing is laid out first
    lead = "The minister, Jane Doe, said the council would meet on Monday."
    sentences = [Sentence(text=lead, paragraph=0, start=0, end=len(lead), score=1.0)] * 3
    brief = Briefing(title="Brief", date=date(2026, 11, 21), bottom_line=[], actors=[], key_actors=[], articles=[
        ArticleBrief(number=n, article=Article(id=f"{n}.txt", title=f"Council {n}", text=lead * 30, origin=f"{n}.txt"),
                     key_sentences=sentences, actors=[]) for n in range(1, 4001)])
    renderer = Renderer.for_folder(tmp_path, LimitsConfig(template_seconds=0.2, pdf_seconds=0.2))
    assert render(renderer, brief) == "4000 articles\n"


def test_missing_template_names_the_folders_searched(tmp_path):
    renderer = Renderer((tmp_path,))
    with pytest.raises(TemplateError, match=f"template briefing.md.j2 not found in: {tmp_path}"):
        renderer.check()


def test_syntax_error_names_the_file_and_line(tmp_path):
    (tmp_path / "briefing.md.j2").write_text("line one\n{% for x in %}\n")
    with pytest.raises(TemplateError, match=r"briefing.md.j2:2: "):
        Renderer.for_folder(tmp_path).check()


def test_undefined_variable_names_the_file_and_line(tmp_path):
    (tmp_path / "briefing.md.j2").write_text("ok\n{{ briefing.titel }}\n")
    with pytest.raises(TemplateError, match=r"briefing.md.j2:2: .*titel"):
        Renderer.for_folder(tmp_path).text("md", briefing_with("Text."))


def test_templates_are_sandboxed(tmp_path):
    (tmp_path / "briefing.md.j2").write_text("{{ briefing.__class__.__mro__ }}\n")
    with pytest.raises(TemplateError):
        Renderer.for_folder(tmp_path).text("md", briefing_with("Text."))


def test_article_text_is_escaped_in_html():
    html = Renderer.for_folder(None).text("html", briefing_with("<script>alert(1)</script> & more"))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html


def test_article_text_cannot_inject_markdown():
    md = Renderer.for_folder(None).text("md", briefing_with("Click [here](http://evil.example) *now*",
                                                            title="# Fake heading"))
    assert "[here](http" not in md and "\\[here\\](http://evil.example) \\*now\\*" in md
    assert "\n# Fake heading" not in md


def test_md_escape_neutralises_line_start_markers():
    assert md_escape("- item\n1. first") == "\\- item 1. first"
    assert md_escape("12. first") == "12\\. first" and md_escape("+ x") == "\\+ x"


def test_fetcher_serves_template_files_and_data_urls_only(tmp_path):
    (tmp_path / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    fetcher = TemplateFilesOnly((tmp_path,), shipped("fonts"))
    assert fetcher.fetch((tmp_path / "logo.svg").as_uri()).read().startswith(b"<svg")
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"
    assert fetcher.fetch("fonts:SourceSerifPro-Regular.ttf").read(4) == b"\x00\x01\x00\x00"  # a TrueType font
    for url in ("file:///etc/passwd", "http://127.0.0.1:9/x.png", "https://example.org/a.png",
                (tmp_path / ".." / "outside.txt").as_uri(), "fonts:../default/style.css", "fonts:%2E%2E/x.ttf",
                "fonts:/etc/passwd"):
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(url)


def test_pdf_render_does_not_fetch_remote_or_local_files(tmp_path, caplog):
    shutil.copytree(shipped(), tmp_path, dirs_exist_ok=True)
    html = (tmp_path / "briefing.html.j2").read_text().replace(
        "{% if \"header\" in parts %}", '<img src="file:///etc/passwd"><img src="http://127.0.0.1:9/spy.png">'
        '<img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E">{% if "header" in parts %}')
    (tmp_path / "briefing.html.j2").write_text(html)
    renderer = Renderer.for_folder(tmp_path)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = renderer.pdf(briefing_with("Text."))
    assert pdf.startswith(b"%PDF")
    refused = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert any("/etc/passwd" in m for m in refused) and any("spy.png" in m for m in refused)
    assert not any("data:image" in m for m in refused)


def test_missing_user_template_folder_is_a_clear_error(tmp_path):
    with pytest.raises(TemplateError, match="does not exist"):
        Renderer.for_folder(Path(tmp_path / "nope"))


def test_the_actor_table_lists_stories_instead_of_a_column_per_source_when_there_are_many():
    from briefing.models import ActorRow

    one = briefing_with("Text.")
    articles = [one.articles[0].model_copy(update={"number": n}) for n in range(1, 6)]
    row = ActorRow(name="NATO", type="organisation", roles=[], mentions=[2, 0, 0, 0, 3], key=True,
                   stories=list(range(1, 9)))
    many = one.model_copy(update={"articles": articles, "actors": [row]})
    md = Renderer.for_folder(None).text("md", many)
    assert "| NATO | organisation |  | 1, 2, 3, 4, 5, 6 and 2 more |" in md
    few = one.model_copy(update={"actors": [row.model_copy(update={"mentions": [2]})]})
    assert "| NATO | organisation |  | 2 |" in Renderer.for_folder(None).text("md", few)


def test_templates_init_copies_a_set_that_a_config_can_use(tmp_path):
    from conftest import run_cli

    listed = run_cli("templates", "list")
    assert listed.status == 0 and listed.stdout.startswith("default: ")
    outcome = run_cli("templates", "init", tmp_path / "mine")
    assert outcome.status == 0 and f"templates: {tmp_path / 'mine'}" in outcome.stdout
    copied = sorted(p.name for p in (tmp_path / "mine").iterdir())
    assert copied == sorted(p.name for p in shipped().iterdir() if p.is_file())
    (tmp_path / "mine" / "briefing.md.j2").write_text("MINE {{ briefing.title }}\n")
    assert Renderer.for_folder(tmp_path / "mine").text("md", briefing_with("Text.")) == "MINE Brief\n"
    again = run_cli("templates", "init", tmp_path / "mine")
    assert again.status == 5 and again.lines == [f"error: {tmp_path / 'mine' / 'archive.html.j2'} exists already; "
                                                 "choose an empty folder"]
