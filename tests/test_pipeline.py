"""End to end: the seeds briefed into a PDF and Markdown a reader would accept."""

import json
import os
from datetime import date
from pathlib import Path

import pytest
from conftest import RUN_DAY, SEEDS, pdf_text, run_cli, squash

from briefing.config import load_config
from briefing.errors import TemplateError
from briefing.models import Article, ArticleBrief
from briefing.pipeline import build, read_records, rerender


def headline(path: Path) -> str:
    return path.read_text().splitlines()[0].strip()


def test_run_writes_dated_pdf_markdown_html_and_json(seed_run):
    assert seed_run.folder.name == "2026-11-21"
    assert sorted(p.relative_to(seed_run.folder.parent).as_posix() for p in seed_run.written) == [
        "2026-11-21/briefing.html", "2026-11-21/briefing.json", "2026-11-21/briefing.md", "2026-11-21/briefing.pdf",
        "2026-11-21/manifest.json", "index.html"]
    assert not [p for p in seed_run.folder.iterdir() if p.name.startswith(".")]


def test_pdf_holds_both_headlines_and_every_key_sentence(seed_run):
    text = squash(pdf_text(seed_run.folder / "briefing.pdf"))
    for seed in sorted(SEEDS.glob("*.txt")):
        assert squash(headline(seed)) in text
    sentences = [s.text for a in seed_run.briefing.articles for s in a.key_sentences]
    assert len(sentences) == 6
    for sentence in sentences:
        assert squash(sentence) in text
    for phrase in ("OFFICIAL", "Bottom line", "Key actors", "Sources", "Page1of", "rolesdiffer"):
        assert squash(phrase).lower() in text.lower()


def test_markdown_holds_the_same(seed_run):
    md = (seed_run.folder / "briefing.md").read_text()
    plain = md.replace("\\", "")
    for seed in sorted(SEEDS.glob("*.txt")):
        assert headline(seed) in plain
    for article in seed_run.briefing.articles:
        for sentence in article.key_sentences:
            assert sentence.text in plain
    assert "| Actor | Type | Role (source) |" in md


def test_actor_table_shows_both_roles_of_starmer_with_sources(seed_run):
    row = next(r for r in seed_run.briefing.actors if "Starmer" in r.name)
    assert row.roles_differ and all(m > 0 for m in row.mentions)
    cited = {(r.title, tuple(r.sources)) for r in row.roles}
    assert ("Prime Minister", (1,)) in cited and ("Labour leader", (2,)) in cited


def test_saved_json_is_the_briefing(seed_run):
    saved = json.loads((seed_run.folder / "briefing.json").read_text())
    assert saved["date"] == "2026-11-21"
    assert [a["article"]["id"] for a in saved["articles"]] == [p.name for p in sorted(SEEDS.glob("*.txt"))]


def test_editing_a_copied_template_changes_the_output_and_rerender_uses_it(project):
    config = load_config(project / "config.yaml")
    first = build(config, RUN_DAY)
    md_template = project / "templates" / "default" / "briefing.md.j2"
    md_template.write_text(md_template.read_text().replace("## Bottom line", "## What matters today"))
    result = rerender(first.folder / "briefing.json", config)
    assert "## What matters today" in (result.folder / "briefing.md").read_text()
    assert "## Bottom line" not in (result.folder / "briefing.md").read_text()


def test_second_run_replaces_that_day_only_and_a_failed_run_keeps_earlier_files(project):
    config = load_config(project / "config.yaml")
    earlier = build(config, date(2026, 11, 20))
    today = build(config, RUN_DAY)
    kept = (earlier.folder / "briefing.md").read_bytes()
    again = build(config, RUN_DAY)
    assert again.folder == today.folder and (earlier.folder / "briefing.md").read_bytes() == kept
    before = (today.folder / "briefing.pdf").read_bytes()
    (project / "templates" / "default" / "briefing.html.j2").write_text("{{ briefing.nope }}")
    with pytest.raises(TemplateError):
        build(config, RUN_DAY)
    assert (today.folder / "briefing.pdf").read_bytes() == before
    assert not [p for p in today.folder.iterdir() if p.name.startswith(".")]


def cli(*args, cwd: Path):
    """The command line run in `cwd` (in this process)."""
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        return run_cli(*args)
    finally:
        os.chdir(previous)


def test_cli_run_reports_an_unreadable_article_and_briefs_the_rest(project):
    (project / "seeds" / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    result = cli("--quiet", "run", "--date", "2026-11-21", "--output", "out", cwd=project)
    assert result.status == 10
    assert result.stderr.strip() == f"skipped {Path('seeds/broken.txt')}: binary file, not text"
    md = (project / "out" / "2026-11-21" / "briefing.md").read_text()
    assert "## Skipped inputs" in md and "broken.txt: binary file, not text" in md
    assert md.count("\n### ") == 2


def test_cli_bad_config_prints_one_line_and_writes_nothing(project):
    (project / "config.yaml").write_text("title: x\nmarking: [1, 2]\nsumary:\n  sentences: 3\n")
    result = cli("run", "--output", "out", cwd=project)
    assert result.status == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith("error: marking: expected a string")
    assert any(line.startswith("sumary: unknown key") for line in result.stderr.splitlines())
    assert not (project / "out").exists()


def test_cli_extract_prints_the_scoring_shape(project):
    result = cli("extract", "seeds/000_1283b7aad6263aec.txt", "--sentences", "2", cwd=project)
    assert result.status == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["id"] == "000_1283b7aad6263aec.txt" and len(record["key_sentences"]) == 2
    assert set(record["actors"][0]) == {"name", "type", "role", "mentions", "aliases", "key"}


def test_extract_explain_prints_the_evidence_and_plain_extract_does_not(project):
    plain = cli("extract", "seeds/000_1283b7aad6263aec.txt", cwd=project)
    assert plain.status == 0 and '"why"' not in plain.stdout
    explained = cli("extract", "seeds/000_1283b7aad6263aec.txt", "--explain", cwd=project)
    (record,) = [json.loads(line) for line in explained.stdout.splitlines()]
    trump = next(a for a in record["actors"] if a["name"] == "Donald Trump")
    assert trump["why"]["type"][0].startswith("type.") and "role.before-name" in trump["why"]["roles"]
    markdown = cli("extract", "seeds/000_1283b7aad6263aec.txt", "--explain", "--format", "markdown", cwd=project)
    assert "- Donald Trump: name by" in markdown.stdout and "    - text.honorific: honorific Mr" in markdown.stdout


def test_missing_model_names_the_package_to_install():
    from briefing.analysis.nlp import load
    from briefing.errors import ModelError

    with pytest.raises(ModelError, match="spaCy model 'xx_missing' is not installed: pip install xx_missing"):
        load("xx_missing")


def test_brief_briefs_texts_and_articles_in_memory_and_writes_nothing(tmp_path, monkeypatch):
    import briefing
    from briefing import Article

    monkeypatch.chdir(tmp_path)
    seed = sorted(SEEDS.glob("*.txt"))[0].read_text()
    config_file = tmp_path / "desk" / "config.yaml"
    config_file.parent.mkdir()
    config_file.write_text("title: Europe desk\nmarking: OFFICIAL\n")  # the default cache: not set here
    other = Article(id="wire-1", title="Council approves bridge",
                    text="The city council approved the new bridge on Monday. Work starts in May, the mayor said.")
    result = briefing.brief([seed, other], briefing.load_config(config_file), day=date(2026, 11, 21))
    assert isinstance(result, briefing.Briefing) and result.title == "Europe desk" and result.marking == "OFFICIAL"
    assert [(b.article.id, b.article.title) for b in result.articles] == [
        ("text 1", seed.splitlines()[0].strip()), ("wire-1", "Council approves bridge")]
    assert result.bottom_line and result.date == date(2026, 11, 21)
    assert len(briefing.brief("A short note on the harbour. The harbour reopened on Tuesday after repairs.").articles) == 1
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["desk", "desk/config.yaml"]


def test_build_given_a_text_for_an_input_says_so_in_one_line(tmp_path):
    from briefing.errors import SourceError

    text = sorted(SEEDS.glob("*.txt"))[0].read_text()
    with pytest.raises(SourceError, match=r"is text, not a file, folder or address \(to brief texts in memory, "
                                          r"use briefing\.brief\)$"):
        build(load_config(None), RUN_DAY, tmp_path / "out", inputs=[text])
    with pytest.raises(SourceError, match="is text, not a file"):
        build(load_config(None), RUN_DAY, tmp_path / "out", inputs=["word " * 100])
    assert not (tmp_path / "out").exists()


def test_records_read_whole_when_a_text_holds_a_line_separator(tmp_path):
    """A record is one line up to a newline: a Unicode line or paragraph separator (U+2028, U+0085)
    that an article's text may hold, written as is in its JSON, does not cut it."""
    texts = ["First line\u2028second line.", "A\x85B\u2029C, and \u00e9t\u00e9."]
    records = tmp_path / "day.records"
    records.write_text("".join(ArticleBrief(number=n, article=Article(id=f"{n}", title="T", text=text, origin=f"{n}"),
                                            key_sentences=[], actors=[]).model_dump_json() + "\n"
                               for n, text in enumerate(texts, start=1)), encoding="utf-8")
    assert [record.article.text for record in read_records([records])] == texts


def test_a_partition_holding_one_article_twice_gives_each_article_its_own_record():
    """The map step briefs a partition as it comes (no copies grouped first): an article listed
    twice under two ids is parsed for each, and the article after them still gets its own key
    sentences, not its neighbour's."""
    from briefing.config import Config
    from briefing.pipeline import extract_records

    twice = "The council approved the harbour budget on Monday. The vote was close."
    after = "Dockers walked out over pay at the port on Tuesday. The strike may last a week."
    articles = [Article(id="a", text=twice, origin="a"), Article(id="b", text=twice, origin="b"),
                Article(id="c", text=after, origin="c")]
    records = [ArticleBrief.model_validate_json(line) for line in extract_records(articles, Config(cache=None, workers=1))]
    assert [r.article.id for r in records] == ["a", "b", "c"]
    assert records[0].key_sentences == records[1].key_sentences
    assert all(s.text in after for s in records[2].key_sentences) and records[2].key_sentences
