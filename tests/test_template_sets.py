"""The shipped template sets as a reader and an archivist get them: PDFs with bookmarks, metadata,
tags, embedded fonts and the data attached; valid Markdown; one page that is one page; the
variables documented from the models; and the edit loop (`render --watch`)."""

from __future__ import annotations

import io
import json
import re
import threading
import time
from datetime import date
from pathlib import Path

import pypdf
import pytest
import weasyprint
from conftest import DATA, ROOT, run_cli
from markdown_it import MarkdownIt

from briefing.analysis.summarise import Length
from briefing.config import Config, EmailConfig, LimitsConfig, PdfConfig
from briefing.editorial.compose import compose
from briefing.errors import RenderError, TemplateError
from briefing.models import Article, ArticleBrief, Briefing, Claim, Disagreement, Point, Section, Sentence, ShownQuote
from briefing.pipeline import brief_articles, render_files, rendered_files
from briefing.presentation.pdf import most_within
from briefing.presentation.render import Renderer, md_escape
from briefing.presentation.template_sets import SETS
from briefing.presentation.template_vars import table
from briefing.presentation.watch import watch
from briefing.publish.deliver import email_message, plain_text
from briefing.publish.manifest import manifest
from briefing.publish.outputs import write_all

DAY = date(2026, 11, 21)
HOSTILE = "Stars *bold* and _under_ | pipes | # hash <b>tag</b> [link](http://x.org) `code` 1. list"


@pytest.fixture(scope="module")
def ten(pipeline) -> Briefing:
    """A brief of ten bbc-dev articles, two of each category, one of them full of Markdown."""
    records = [json.loads(line) for line in (DATA / "bbc-dev.jsonl").read_text().splitlines()]
    chosen = [r for category in ("business", "entertainment", "politics", "sport", "tech")
              for r in [x for x in records if x["id"].startswith(category)][:2]]
    articles = [Article(id=r["id"], title=r["title"], text=r["text"], source="BBC News",
                        url=f"https://news.example.org/{r['id']}") for r in chosen]
    briefs = list(brief_articles(articles, Config(cache=None, workers=1), Length(sentences=3)))
    hostile = briefs[0].key_sentences[0].model_copy(update={"text": HOSTILE})
    briefs[0] = briefs[0].model_copy(update={"key_sentences": [hostile, *briefs[0].key_sentences[1:]],
                                              "article": briefs[0].article.model_copy(update={"title": HOSTILE})})
    return compose(briefs, [], title="Desk brief", day=DAY, marking="OFFICIAL",
                   extra={"purpose": "To brief the desk.", "distribution": "Europe desk"})


@pytest.fixture(scope="module")
def rendered(ten) -> dict[str, dict[str, bytes]]:
    return {name: render_files(ten, Renderer.for_folder(None, template_set=name), ["md", "html", "pdf"])
            for name in SETS}


def outline(reader: pypdf.PdfReader) -> list[str]:
    def walk(items):
        for item in items:
            yield from walk(item) if isinstance(item, list) else [item.title]
    return list(walk(reader.outline))


def fonts(reader: pypdf.PdfReader) -> dict[str, bool]:
    """Base font name -> whether its file is embedded, over every page."""
    found = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            found[str(font["/BaseFont"]).split("+")[-1]] = any(k in descriptor for k in ("/FontFile2", "/FontFile3"))
    return found


@pytest.mark.parametrize("name", list(SETS))
def test_every_set_makes_a_pdf_with_bookmarks_metadata_tags_fonts_and_its_data(name, rendered, ten):
    reader = pypdf.PdfReader(io.BytesIO(rendered[name]["briefing.pdf"]))
    titles = outline(reader)
    assert "Desk brief" in titles and ("Bottom line" in titles or "Summary" in titles)
    meta = reader.metadata
    assert meta.title == "Desk brief — 2026-11-21" and meta["/Creator"].startswith("briefing ")
    assert meta["/Keywords"] == ", ".join(ten.key_actors) and "21 November 2026" in meta["/Subject"]
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "en"
    attached = json.loads(reader.attachments["briefing.json"][0])
    assert attached["title"] == "Desk brief" and len(attached["articles"]) == 10
    embedded = fonts(reader)
    assert embedded and all(embedded.values()) and {"Source-Serif-Pro", "Source-Sans-Pro"} <= set(embedded)


def test_the_default_pdf_has_a_bookmark_per_section_and_story_and_links_citations(rendered, ten):
    reader = pypdf.PdfReader(io.BytesIO(rendered["default"]["briefing.pdf"]))
    titles = outline(reader)
    assert {s.name for s in ten.sections} <= set(titles) and ten.also_today and "Also today" in titles
    top = [story for section in ten.sections for story in section.stories]
    assert top and all(any(t.startswith(f"{story.number}. ") for t in titles) for story in top)
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots", []) if
             a.get_object()["/Subtype"] == "/Link"]
    internal = [a for a in links if "/Dest" in a or a.get("/A", {}).get("/S") == "/GoTo"]
    external = [a["/A"]["/URI"] for a in links if a.get("/A", {}).get("/S") == "/URI"]
    assert internal and "https://news.example.org/business/001" in external


def one_page_text(files: dict[str, bytes]) -> str:
    reader = pypdf.PdfReader(io.BytesIO(files["briefing.pdf"]))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


def listed(md: str) -> list[str]:
    """The story lines of a one-page brief's Markdown."""
    top = md.split("## Top stories")[1].split("## ")[0]
    return [line for line in top.splitlines() if line.startswith("- **")]


def test_a_short_day_on_one_page_lists_every_story_and_says_none_is_left_out(rendered, ten):
    text = one_page_text(rendered["one-page"])
    assert len(listed(rendered["one-page"]["briefing.md"].decode())) == len(ten.stories) == 10
    assert "All 10 stories of the day listed; none left out." in " ".join(text.split())


def test_one_page_of_a_long_day_is_filled_then_says_how_many_stories_were_left_out_and_where(ten):
    many = ten.model_copy(update={"sections": [s.model_copy(update={"stories": s.stories * 5}) for s in ten.sections]})
    renderer = Renderer.for_folder(None, template_set="one-page")
    files = render_files(many, renderer, ["md", "pdf"])
    rows = listed(files["briefing.md"].decode())
    left = len(many.stories) - len(rows)
    assert 12 < len(rows) < len(many.stories)
    note = f"{left} more stories left out to fit the page: all {len(many.stories)} are in the full brief"
    text = " ".join(one_page_text(files).split())
    assert f"{len(rows)}. " in text and f"{len(rows) + 1}. " not in text and note in text
    assert files["briefing.md"].decode().rsplit(rows[-1], 1)[1].startswith("\n\n" + note)  # right after the list
    assert listed(render_files(many, renderer, ["md"])["briefing.md"].decode()) == rows  # Markdown alone: same rows
    one_more = renderer.render("briefing.html.j2", briefing=many, fit=len(rows) + 1)
    assert len(weasyprint.HTML(string=one_more, base_url=str(ROOT / "templates" / "one-page") + "/").render().pages) == 2


def test_the_mail_of_a_one_page_brief_written_without_markdown_lists_the_rows_of_its_pdf(tmp_path, ten):
    many = ten.model_copy(update={"sections": [s.model_copy(update={"stories": s.stories * 5}) for s in ten.sections]})
    renderer = Renderer.for_folder(None, template_set="one-page")
    md = render_files(many, renderer, ["md", "pdf"])["briefing.md"].decode()
    email = EmailConfig.model_validate({"to": ["desk@example.org"], "from": "briefing@example.org", "host": "127.0.0.1"})
    text = email_message(many, tmp_path, email, renderer).get_body(preferencelist=("plain",)).get_content()
    assert text.replace("\r\n", "\n").rstrip() == plain_text(md).rstrip()
    assert f"{len(many.stories) - len(listed(md))} more stories left out to fit the page" in " ".join(text.split())


def test_the_mail_of_a_brief_written_without_markdown_takes_the_rows_its_manifest_records(tmp_path, ten):
    """`deliver` of a one-page brief written as PDF alone lists the rows of its PDF from the
    manifest, without laying the PDF out again: a renderer that can lay nothing out in time
    still writes the mail."""
    many = ten.model_copy(update={"sections": [s.model_copy(update={"stories": s.stories * 5}) for s in ten.sections]})
    files, fit = rendered_files(many, Renderer.for_folder(None, template_set="one-page"), ["pdf", "json"])
    files["manifest.json"] = manifest(many, [], None, "en_core_web_sm", {}, {}, (), fit)
    write_all(tmp_path, files)
    hurried = Renderer.for_folder(None, LimitsConfig(pdf_seconds=0.001), template_set="one-page")
    with pytest.raises(RenderError):
        hurried.fit(many)
    email = EmailConfig.model_validate({"to": ["desk@example.org"], "from": "briefing@example.org", "host": "127.0.0.1"})
    text = " ".join(email_message(many, tmp_path, email, hurried).get_body(preferencelist=("plain",)).get_content().split())
    assert fit and f"{len(many.stories) - fit} more stories left out to fit the page" in text


def long_day(ten: Briefing, lines: int) -> Briefing:
    """`ten` with `lines` stories of "Also today" (ranked in turn across its sections, each headline
    long enough to wrap), the least important last."""
    top = [story for section in ten.sections for story in section.stories]
    names = [section.name for section in ten.sections]
    extra = [ten.stories[i % len(ten.stories)].model_copy(update={
        "number": len(top) + 1 + i, "rank": len(top) + 1 + i, "in_full": False, "section": names[i % len(names)],
        "headline": " ".join([ten.stories[i % len(ten.stories)].headline] * 5)}) for i in range(lines)]
    return ten.model_copy(update={"also_today": [
        Section(name=name, stories=[s for s in extra if s.section == name]) for name in names]})


@pytest.mark.parametrize(("name", "lines", "pages"), [("default", 30, 4), ("note", 30, 4), ("default", 150, 6), ("note", 150, 6)])
def test_a_long_day_keeps_to_its_page_budget_leaving_out_the_least_important_and_saying_so(tmp_path, ten, name, lines, pages):
    day = long_day(ten, lines)
    top = sum(story.in_full for story in day.stories)
    (tmp_path / "parts.j2").write_text((ROOT / "templates" / name / "parts.j2").read_text().replace(
        "{% set fit_pages", "{% set no_budget"))
    unfitted = render_files(day, Renderer.for_folder(tmp_path, template_set=name), ["pdf"])["briefing.pdf"]
    assert len(pypdf.PdfReader(io.BytesIO(unfitted)).pages) > pages  # too long without the budget
    files = render_files(day, Renderer.for_folder(None, template_set=name), ["md", "pdf"])
    reader = pypdf.PdfReader(io.BytesIO(files["briefing.pdf"]))
    assert len(reader.pages) <= pages
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    md = files["briefing.md"].decode()
    line = re.search(r"(\d+) more stories left out to keep the brief short \((.*)\): all (\d+) are in briefing.json", md)
    assert line and line[0] in text and int(line[3]) == len(day.stories)
    assert all(section.name in line[2] for section in day.also_today)  # the tail of every section, not whole sections
    if name == "default":
        shown = [int(n) for n in re.findall(r"^- (\d+)\. ", md.split("## Also today")[1], re.MULTILINE)]
        assert shown and sorted(shown) == list(range(top + 1, top + 1 + len(shown)))  # the most important kept
        assert int(line[1]) == len(day.stories) - top - len(shown)
        assert f"{max(shown)}. " in text and f"{max(shown) + 1}. " not in text  # the PDF lists the same


def wordy(ten: Briefing, words: int) -> Briefing:
    """`ten` with every top story at its fullest: four points and two quotations of `words` words."""
    said = " ".join(["the council said the ferry service would run through the winter"] * (words // 10)).capitalize() + "."
    full = {s.number: s.model_copy(update={
        "points": [Point(text=f"Point {k}: {said}", sources=[1], story=s.number) for k in range(1, 5)],
        "quotes": [ShownQuote(text=f"Quote {k}: {said}", speaker=f"Speaker {k}", sources=[1]) for k in (1, 2)]})
        for section in ten.sections for s in section.stories}
    return ten.model_copy(update={"sections": [section.model_copy(update={"stories": [full[s.number] for s in section.stories]})
                                               for section in ten.sections]})


def test_a_day_whose_top_stories_overflow_the_budget_tells_the_least_important_shorter(ten):
    """When 20 lines of "Also today" leave no room, the fit tells the least important top stories
    by their lead, two points and one quotation, and the brief keeps to its pages."""
    day = wordy(long_day(ten, 30), 15)
    files = render_files(day, Renderer.for_folder(None), ["html", "pdf"])
    reader = pypdf.PdfReader(io.BytesIO(files["briefing.pdf"]))
    assert len(reader.pages) <= 4
    html = files["briefing.html"].decode()
    by_rank = sorted((story for section in day.sections for story in section.stories), key=lambda s: s.rank)
    told = [html[html.index(f'id="story-{s.number}"'):].split("</article>")[0] for s in by_rank]
    assert "Point 4:" in told[0] and "Quote 2:" in told[0]  # the most important told whole
    assert "Point 3:" not in told[-1] and "Point 2:" in told[-1] and "Quote 2:" not in told[-1]
    assert "10 more stories left out" in html  # the 20 most important lines kept


def test_print_bounds_the_citations_see_also_and_disagreements_of_a_large_day(ten):
    """A point cited by 40 sources, a story linked to 20 others and 15 disagreements print as
    four citations "+36 more", five stories "and 15 more" and six disagreements, "9 more"."""
    story = ten.sections[0].stories[0]
    point = story.lead.model_copy(update={"sources": list(range(1, 41))})
    story = story.model_copy(update={"lead": point, "in_bottom_line": False, "see_also": list(range(101, 121))})
    differ = [Disagreement(subject=f"Mayor {k}", kind="role", claims=[Claim(value="mayor", sources=[1]),
                                                                       Claim(value="deputy mayor", sources=[2])])
              for k in range(1, 16)]
    day = ten.model_copy(update={"disagreements": differ, "sections": [
        ten.sections[0].model_copy(update={"stories": [story, *ten.sections[0].stories[1:]]}), *ten.sections[1:]]})
    html = Renderer.for_folder(None).text("html", day)
    told = html[html.index(f'id="story-{story.number}"'):].split("</article>")[0]
    assert 'href="#source-4">[4]</a> +36 more' in told and "#source-40" not in told
    assert "story 105</a> and 15 more" in told and "story 106" not in told
    assert "Mayor 6" in html and "Mayor 7" not in html and "9 more in briefing.json" in html
    md = Renderer.for_folder(None).text("md", day)
    assert "Mayor 15" in md and "story 120" in md  # the Markdown keeps them all


def test_a_users_block_that_ignores_the_fit_leaves_the_markdown_whole(tmp_path, ten):
    """A user's HTML that extends the default and lists every "Also today" line whatever `fit` says
    never fits the budget; the fit then passes nothing on, and the Markdown keeps its lines."""
    (tmp_path / "briefing.html.j2").write_text(
        '{% extends "default/briefing.html.j2" %}{% block also_today %}<ol>{% for section in briefing.also_today %}'
        "{% for story in section.stories %}<li>{{ story.headline }}</li>{% endfor %}{% endfor %}</ol>{% endblock %}")
    day = long_day(ten, 150)
    md = render_files(day, Renderer.for_folder(tmp_path), ["md", "pdf"])["briefing.md"].decode()
    assert len(re.findall(r"^- \d+\. ", md.split("## Also today")[1], re.MULTILINE)) > 100


def test_the_fit_finds_the_most_rows_that_fit_in_at_most_six_layouts():
    for most in (*range(33), 10_000):
        for room in range(61):
            tried: list[int] = []
            found = most_within(lambda rows: tried.append(rows) or rows <= room, most)  # noqa: B023
            assert len(tried) <= 6 and found <= min(room, most)
            assert found == min(room, most) or most > 32


#: A macro of parts.j2 and its body, up to its end (for copies made before it was written).
MACRO = r"\{%% macro %s\(.*?endmacro %%\}"


def test_a_users_parts_j2_copied_before_the_newer_helpers_still_renders(tmp_path, ten):
    """README: copy parts.j2 and remove "actor_table"; a copy made before `day_of`, `last_rank`
    and `left_out_today` existed must keep rendering (the set takes them from the packaged file)."""
    copy = (ROOT / "templates" / "default" / "parts.j2").read_text().replace('"actor_table", ', "")
    for name in ("day_of", "last_rank", "left_out_today"):
        copy = re.sub(MACRO % name, "", copy, flags=re.DOTALL)
    (tmp_path / "parts.j2").write_text(copy.replace("day_of(item.article.published)", "item.article.published"))
    files = render_files(ten, Renderer.for_folder(tmp_path), ["md", "html"])
    assert "## Bottom line" in files["briefing.md"].decode() and "## Key actors" not in files["briefing.md"].decode()
    assert "Key actors</h2>" not in files["briefing.html"].decode()


def test_a_bad_page_budget_is_a_one_line_error_naming_parts_j2(tmp_path, ten):
    (tmp_path / "parts.j2").write_text((ROOT / "templates" / "one-page" / "parts.j2").read_text().replace(
        "fit_pages, fit_rows = 1, 30", 'fit_pages, fit_rows = "one", 30'))
    with pytest.raises(TemplateError, match=r"^parts.j2: fit_pages must be a whole number from 1 to 1000, not 'one'$"):
        render_files(ten, Renderer.for_folder(tmp_path, template_set="one-page"), ["md"])


def test_the_note_set_has_the_parts_of_a_briefing_note(rendered):
    text = pypdf.PdfReader(io.BytesIO(rendered["note"]["briefing.pdf"])).pages[0].extract_text()
    for part in ("BRIEFING NOTE", "PURPOSE", "To brief the desk.", "SUMMARY", "BACKGROUND", "Europe desk"):
        assert part in text


def row_widths(tokens: list) -> list[set[int]]:
    """For each table, the numbers of cells its rows have."""
    tables: list[list[int]] = []
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            tables[-1].append(0)
        elif token.type in ("td_open", "th_open"):
            tables[-1][-1] += 1
    return [set(rows) for rows in tables]


def blocks(md: str) -> list:
    return MarkdownIt("commonmark").enable("table").parse(md)


@pytest.mark.parametrize("name", list(SETS))
def test_every_set_writes_commonmark_with_working_citations_and_inert_article_text(name, rendered):
    md = rendered[name]["briefing.md"].decode()
    tokens = blocks(md)
    kinds = {t.type for t in tokens}
    assert {"heading_open", "inline"} <= kinds and ({"ordered_list_open", "bullet_list_open"} & kinds)
    if name != "one-page":
        assert "table_open" in kinds
        assert all(len(widths) == 1 for widths in row_widths(tokens))  # rows as wide as the header: no stray pipe
    inline = [c for t in tokens if t.type == "inline" for c in t.children]
    assert "#source-1" in [c.attrGet("href") for c in inline if c.type == "link_open"]
    hostile = [t for t in tokens if t.type == "inline" and "Stars" in t.content]
    assert hostile, "the article text full of markup is shown"
    for line in hostile:  # it comes out as the text it was: no emphasis, code, HTML or link of its own
        assert not {c.type for c in line.children} & {"em_open", "code_inline"}
        anchors = [c.content for c in line.children if c.type == "html_inline"]
        assert all(re.fullmatch(r'<a id="source-\d+">|</a>', anchor) for anchor in anchors)
        assert all(c.attrGet("href").startswith(("#source-", "https://news.example.org/"))
                   for c in line.children if c.type == "link_open")
        text = "".join(c.content for c in line.children if c.type == "text")
        assert "*bold* and _under_ | pipes | # hash <b>tag</b> [link](http://x.org) `code`" in text


def test_the_readme_variable_table_is_the_models():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Variables"):]
    shown = [line for line in section.splitlines() if line.startswith("| ")]
    assert shown[:len(table().splitlines())] == table().splitlines(), "README variables differ: run `briefing " \
                                                                      "templates vars` and update the README"


def test_templates_vars_prints_every_field_with_its_type_and_meaning():
    outcome = run_cli("templates", "vars")
    lines = outcome.stdout.splitlines()
    assert outcome.status == 0 and any(re.match(r"Story\.headline +text +The headline", line) for line in lines)
    assert any(re.match(r"Briefing\.extra +mapping of text to text +Free text", line) for line in lines)


def saved_brief(folder: Path, pipeline) -> Path:
    sentence = Sentence(text="The council approved the new bridge on Monday.", paragraph=0, start=0, end=47)
    article = Article(id="a.txt", title="Bridge approved", text=sentence.text)
    briefing = compose([ArticleBrief(number=1, article=article, key_sentences=[sentence], actors=[])], [],
                       title="Saved title", day=DAY, marking="SAVED")
    path = folder / "out" / "briefing.json"
    path.parent.mkdir(parents=True)
    path.write_text(briefing.model_dump_json())
    return path


def test_render_uses_the_current_configs_title_marking_and_extra(tmp_path, pipeline):
    saved = saved_brief(tmp_path, pipeline)
    (tmp_path / "config.yaml").write_text("title: New title\nmarking: SECRET\nformats: [md]\n"
                                          "extra: {contact: 'desk@example.org'}\n")
    assert run_cli("render", saved, "--config", tmp_path / "config.yaml").status == 0
    md = (saved.parent / "briefing.md").read_text()
    assert md.startswith("# New title") and "**SECRET**" in md and "desk@example\\.org" not in md
    assert "**Contact:** desk@example.org" in md and "Saved title" not in md


def test_watch_renders_on_every_save_reports_errors_and_goes_on(tmp_path, pipeline):
    saved = saved_brief(tmp_path, pipeline)
    folder = tmp_path / "tpl"
    folder.mkdir()
    template = folder / "briefing.md.j2"
    template.write_text("FIRST {{ briefing.title }}\n")
    (tmp_path / "config.yaml").write_text("templates: tpl\nformats: [md]\n")
    reports, stop = [], threading.Event()
    from briefing.config import load_config
    from briefing.pipeline import rerender

    watcher = threading.Thread(target=watch, args=(saved, lambda: load_config(tmp_path / "config.yaml"),
                                                   lambda path, config: rerender(path, config).written,
                                                   reports.append, stop))
    watcher.start()

    def wait_for(count: int) -> None:
        deadline = time.monotonic() + 10
        while len(reports) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(reports) >= count, reports

    def save(path: Path, text: str, count: int) -> None:
        """Write `text` and wait for render number `count`, saving again while none comes (the
        watch may still be starting on a busy machine)."""
        deadline = time.monotonic() + 15
        while len(reports) < count and time.monotonic() < deadline:
            path.write_text(text)
            until = time.monotonic() + 1.5
            while len(reports) < count and time.monotonic() < until:
                time.sleep(0.05)
        assert len(reports) >= count, reports

    try:
        wait_for(1)
        save(template, "SECOND {{ briefing.titel }}\n", 2)
        assert reports[1].error and "briefing.md.j2:1" in reports[1].error and "titel" in reports[1].error
        save(template, "THIRD {{ briefing.title }}\n", 3)
        assert (saved.parent / "briefing.md").read_text() == "THIRD Daily brief\n"  # the config's title, now
        save(tmp_path / "config.yaml", "templates: tpl\nformats: [md]\ntitle: Edited title\n", 4)
        settled = len(reports)
        time.sleep(1.0)  # what a render writes beside the config sets off no render of its own
        assert len(reports) == settled
    finally:
        stop.set()
        watcher.join(5)
    assert not watcher.is_alive() and all(r.error is None for r in reports[2:])
    assert (saved.parent / "briefing.md").read_text() == "THIRD Edited title\n"


def test_verbose_names_ignored_stylesheet_rules_and_refused_resources(tmp_path, pipeline):
    saved = saved_brief(tmp_path, pipeline)
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "style.css").write_text('{% include "default/style.css" %}\nh1 { colour: red; }\n'
                                                'body { background: url("https://example.org/spy.png"); }\n')
    (tmp_path / "config.yaml").write_text("templates: tpl\nformats: [pdf]\n")
    outcome = run_cli("-v", "render", saved, "--config", tmp_path / "config.yaml")
    assert outcome.status == 0
    assert any(line.startswith("pdf: Ignored `colour: red`") for line in outcome.lines)
    assert any(line.startswith("pdf: refused: https://example.org/spy.png") for line in outcome.lines)
    quiet = run_cli("render", saved, "--config", tmp_path / "config.yaml")
    assert not any(line.startswith("pdf:") for line in quiet.lines)


def test_an_archival_pdf_is_pdf_a_3b_with_its_data_attached(ten):
    renderer = Renderer.for_folder(None, pdf=PdfConfig(variant="pdf/a-3b"))
    pdf = render_files(ten, renderer, ["pdf"])["briefing.pdf"]
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3" pdfaid:conformance="B"' in xmp
    assert reader.trailer["/Root"]["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"  # sRGB output intent
    assert json.loads(reader.attachments["briefing.json"][0])["date"] == "2026-11-21"


def test_parts_decide_what_both_formats_of_a_set_show():
    from briefing.presentation.render import sample_briefing

    sample = sample_briefing()  # it has a skipped input, which the one-page set leaves out
    for kind in ("md", "html"):
        assert "Skipped inputs" in Renderer.for_folder(None).text(kind, sample)
        assert "Skipped inputs" not in Renderer.for_folder(None, template_set="one-page").text(kind, sample)


def test_the_one_page_lists_the_most_important_stories_first(ten):
    md = Renderer.for_folder(None, template_set="one-page").text("md", ten)
    listed = re.findall(r"^- \*\*(.+?)\*\* \(", md, flags=re.M)
    by_rank = sorted(ten.stories, key=lambda s: s.rank)
    assert listed[:3] == [md_escape(s.headline) for s in by_rank[:3]]


def test_a_brief_saved_before_stories_existed_renders_again(tmp_path):
    old = {"title": "Old brief", "date": "2026-01-05", "marking": None,
           "overview": [{"text": "Rates were held at 5%.", "source": 1}],
           "articles": [{"number": 1,
                         "article": {"id": "a.txt", "text": "Rates were held at 5%.", "title": "Rates held"},
                         "key_sentences": [{"text": "Rates were held at 5%.", "paragraph": 0, "start": 0, "end": 22}],
                         "actors": []}],
           "actors": [], "key_actors": []}
    saved = tmp_path / "2026-01-05" / "briefing.json"
    saved.parent.mkdir()
    saved.write_text(json.dumps(old))
    (tmp_path / "config.yaml").write_text("formats: [md]\ntitle: Old brief\n")
    assert run_cli("render", saved, "--config", tmp_path / "config.yaml").status == 0
    md = (saved.parent / "briefing.md").read_text()
    assert "1. Rates were held at 5%. [\\[1\\]](#source-1)" in md and "### 1. Rates held" in md


def test_a_users_extra_variables_pass_check_config_and_the_run(tmp_path, shared_cache):
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "briefing.md.j2").write_text(
        '{% extends "default/briefing.md.j2" %}\n'
        '{% block header %}# {{ briefing.title }} for {{ briefing.extra.distribution }}\n{% endblock %}\n')
    (tmp_path / "a.txt").write_text("The council approved the new bridge on Monday. Work starts in May.\n")
    (tmp_path / "config.yaml").write_text(f"templates: tpl\nformats: [md]\nsources: [a.txt]\noutput: out\n"
                                          f"cache: {shared_cache}\nextra: {{distribution: Europe desk}}\n")
    checked = run_cli("check-config", "--config", tmp_path / "config.yaml")
    assert checked.status == 0 and checked.lines == ["config OK"]
    assert run_cli("run", "--config", tmp_path / "config.yaml", "--date", "2026-11-21").status == 0
    assert (tmp_path / "out" / "2026-11-21" / "briefing.md").read_text().startswith("# Daily brief for Europe desk")
    (tmp_path / "config.yaml").write_text("templates: tpl\nformats: [md]\n")  # the template's variable is gone
    missing = run_cli("check-config", "--config", tmp_path / "config.yaml")
    assert missing.status == 5 and "briefing.md.j2" in missing.lines[0] and "distribution" in missing.lines[0]


def test_a_users_stylesheets_are_added_after_the_shipped_one_unless_replace_css(tmp_path):
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "desk.css").write_text("h1 { color: #123456; }\n")
    (tmp_path / "tpl" / "style.css").write_text("h2 { color: #654321; }\n")

    def html(settings: str) -> str:
        (tmp_path / "config.yaml").write_text(f"templates: tpl\n{settings}")
        from briefing.config import load_config
        from briefing.presentation.render import sample_briefing

        return Renderer.for_config(load_config(tmp_path / "config.yaml")).text("html", sample_briefing())

    added = html("extra_css: [desk.css]\n")
    assert "@page" in added and added.index("@page") < added.index("#654321") < added.index("#123456")
    replaced = html("extra_css: [desk.css]\nreplace_css: true\n")
    assert "@page" not in replaced and replaced.index("#654321") < replaced.index("#123456")
    (tmp_path / "config.yaml").write_text("extra_css: [desk.css]\n")
    outcome = run_cli("check-config", "--config", tmp_path / "config.yaml")
    assert outcome.status == 2 and "set templates: too" in outcome.lines[0]
    (tmp_path / "config.yaml").write_text("templates: tpl\nextra_css: [gone.css]\n")
    outcome = run_cli("check-config", "--config", tmp_path / "config.yaml")
    assert outcome.status == 5 and outcome.lines == [f"error: extra_css: gone.css: no such file in {tmp_path / 'tpl'}"]


def test_overriding_the_header_block_keeps_the_running_header_and_footer(tmp_path):
    from briefing.presentation.render import sample_briefing

    (tmp_path / "briefing.html.j2").write_text('{% extends "default/briefing.html.j2" %}\n'
                                               '{% block header %}<h1>Our own head</h1>{% endblock %}\n')
    pdf = render_files(sample_briefing(), Renderer.for_folder(tmp_path), ["pdf"])["briefing.pdf"]
    first = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Our own head" in first and "Sample brief — Thursday 1 January 2026" in first and "SAMPLE" in first
    assert "Briefing of Thursday 1 January 2026" in first and "Page 1 of 1" in first


def test_render_leaves_a_days_brief_as_the_run_wrote_it_unless_given_output(tmp_path, earlier_day):
    import shutil

    from conftest import snapshot

    day = tmp_path / "2026-11-20"
    shutil.copytree(earlier_day, day)
    (tmp_path / "config.yaml").write_text("formats: [md]\ntitle: Edited title\n")
    before = snapshot(day)
    refused = run_cli("render", day / "briefing.json", "--watch", "--config", tmp_path / "config.yaml")
    assert refused.status == 1 and len(refused.lines) == 1 and "give --output DIR" in refused.lines[0]
    assert snapshot(day) == before
    outcome = run_cli("render", day / "briefing.json", "--output", tmp_path / "preview", "--config",
                      tmp_path / "config.yaml")
    assert outcome.status == 0 and outcome.stdout == f"wrote {tmp_path / 'preview' / 'briefing.md'}\n"
    assert (tmp_path / "preview" / "briefing.md").read_text().startswith("# Edited title")
    assert snapshot(day) == before
    again = run_cli("render", day / "briefing.json", "--output", day, "--config", tmp_path / "config.yaml")
    assert again.status == 0 and (day / "briefing.md").read_text().startswith("# Edited title")
