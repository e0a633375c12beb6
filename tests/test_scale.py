"""Scale: the same brief with one worker or two, with or without the parse cache, from sharded
extraction records and from the README's Dask recipe; the cache misses only what changed and
stays bounded."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import DATA, ROOT, run_cli

from briefing import build, load_config
from briefing.analysis.cache import Extracted, ExtractionCache, key_of
from briefing.models import Actor, Article, Sentence

DAY = date(2026, 11, 21)


@pytest.fixture()
def desk(tmp_path: Path, monkeypatch) -> Path:
    """Twelve real articles in two JSONL files, a config that reads both."""
    monkeypatch.chdir(tmp_path)
    lines = (DATA / "bbc-dev.jsonl").read_text().splitlines()[:12]
    (tmp_path / "first.jsonl").write_text("\n".join(lines[:6]) + "\n")
    (tmp_path / "second.jsonl").write_text("\n".join(lines[6:]) + "\n")
    return tmp_path


def configure(desk: Path, name: str, extra: str = "") -> Path:
    config = desk / f"{name}.yaml"
    config.write_text(f"sources: [first.jsonl, second.jsonl]\noutput: {name}\nformats: [md, json, html]\n"
                      f"batch_size: 4\ncache: {name}-cache.sqlite\n{extra}")
    return config


def outputs(folder: Path, day: date = DAY) -> tuple[bytes, dict]:
    """The brief's Markdown and JSON; the JSON without `source_outcomes`, which only a run that read
    the sources knows (one composed from records has none)."""
    brief = json.loads((folder / day.isoformat() / "briefing.json").read_bytes())
    brief.pop("source_outcomes")
    return (folder / day.isoformat() / "briefing.md").read_bytes(), brief


def test_one_worker_two_workers_and_the_cache_give_the_same_brief(desk):
    one = build(load_config(configure(desk, "one", "workers: 1\n")), DAY)
    two = build(load_config(configure(desk, "two", "workers: 2\n")), DAY)
    again = build(load_config(desk / "two.yaml"), DAY)
    assert outputs(desk / "one") == outputs(desk / "two") == outputs(desk / "two")
    assert len(one.briefing.articles) == 12 and again.briefing == two.briefing
    extraction = [json.loads((desk / name / DAY.isoformat() / "manifest.json").read_text())["extraction"]
                  for name in ("one", "two")]
    assert extraction == [{"from cache": 0, "parsed": 12}, {"from cache": 12, "parsed": 0}]


def test_a_changed_article_is_the_only_one_parsed_again(desk):
    config = configure(desk, "daily")
    build(load_config(config), DAY)
    first = (desk / "first.jsonl").read_text().splitlines()
    record = json.loads(first[0])
    record["text"] += "\n\nThe minister later added a further statement."
    (desk / "first.jsonl").write_text("\n".join([json.dumps(record), *first[1:]]) + "\n")
    build(load_config(config), DAY)
    manifest = json.loads((desk / "daily" / DAY.isoformat() / "manifest.json").read_text())
    assert manifest["extraction"] == {"from cache": 11, "parsed": 1}


def test_a_damaged_cache_only_costs_a_parse(desk):
    config = configure(desk, "daily")
    (desk / "daily-cache.sqlite").write_bytes(b"not a database" * 100)
    result = build(load_config(config), DAY)
    assert len(result.briefing.articles) == 12


def test_the_cache_is_bounded_and_keeps_the_recently_used(tmp_path):
    cache = ExtractionCache(tmp_path / "cache.sqlite", max_mb=1)
    entry = Extracted(key_sentences=[Sentence(text="x" * 300_000, paragraph=0, start=0, end=1)],
                      actors=[Actor(name="A", type="person", mentions=1)], quotes=[], figures=[], upcoming=[], headline="")
    for name in ("a", "b", "c"):
        cache.put({name: entry})
        time.sleep(0.01)
    assert set(cache.get(["a"])) == {"a"}
    time.sleep(0.01)
    cache.put({"d": entry})
    assert set(cache.get(["a", "b", "c", "d"])) == {"a", "c", "d"}


def test_the_cache_key_changes_with_the_article_and_the_length():
    article = Article(id="a", text="Some text.")
    keys = {key_of(article, "Length(sentences=3)", "en_core_web_sm"),
            key_of(article.model_copy(update={"title": "New"}), "Length(sentences=3)", "en_core_web_sm"),
            key_of(article, "Length(sentences=4)", "en_core_web_sm")}
    assert len(keys) == 3


def test_sharded_extraction_composes_into_the_same_brief(desk):
    whole = configure(desk, "whole", "cache: null\n")
    assert run_cli("--quiet", "run", "--config", whole, "--date", DAY.isoformat()).status == 0
    shards = []
    for name in ("first", "second"):
        outcome = run_cli("extract", f"{name}.jsonl", "--format", "records", "--config", whole)
        assert outcome.status == 0
        (desk / f"{name}.records").write_text(outcome.stdout)
        shards += ["--from-records", f"{name}.records"]
    composer = desk / "composer.yaml"
    composer.write_text("output: sharded\nformats: [md, json, html]\ncache: null\n")
    assert run_cli("--quiet", "run", "--config", composer, "--date", DAY.isoformat(), *shards).status == 0
    assert json.loads((desk / "sharded" / DAY.isoformat() / "briefing.json").read_text())["source_outcomes"] == []
    assert outputs(desk / "whole") == outputs(desk / "sharded")


def readme_recipe() -> str:
    """The Dask recipe of the README's "Past one machine", as the code it shows."""
    (block,) = [b for b in (ROOT / "README.md").read_text().split("\n\n") if ".map_partitions(extract_records" in b]
    return textwrap.dedent(block)


@pytest.mark.timeout(240)
def test_the_readmes_dask_recipe_on_two_worker_processes_writes_the_one_machine_brief(desk):
    import dask
    from distributed import LocalCluster

    configure(desk, "config", "cache: null\nworkers: 1\n")
    one = build(load_config(desk / "config.yaml"), date.today(), output=desk / "one")
    recipe = readme_recipe()
    with dask.config.set({"distributed.worker.daemon": False}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert len(cluster.workers) == 2
        namespace: dict = {}
        exec(recipe.replace("tcp://scheduler.example.org:8786", cluster.scheduler_address), namespace)
    cluster_run = namespace["result"]
    assert len(cluster_run.briefing.articles) == 12 and cluster_run.folder == desk / "config" / date.today().isoformat()
    assert outputs(cluster_run.folder.parent, date.today()) == outputs(one.folder.parent, date.today())


def test_the_map_step_says_clearly_that_a_daemonic_worker_cannot_fork(desk):
    script = ("import multiprocessing, sys; from briefing import extract_records, load_config; "
              "from briefing.errors import BriefingError\n"
              "def step(queue):\n"
              "    try: extract_records([], load_config(None))\n"
              "    except BriefingError as exc: queue.put(str(exc))\n"
              "if __name__ == '__main__':\n"
              "    queue = multiprocessing.Queue(); child = multiprocessing.Process(target=step, args=(queue,), daemon=True)\n"
              "    child.start(); print(queue.get(timeout=60)); child.join()\n"
              "    print('dask' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120).stdout
    assert out.splitlines() == ["extraction forks its parse workers, which a daemonic process cannot: start the "
                                "engine's workers as non-daemonic (Dask: distributed.worker.daemon false)", "False"]


def test_extract_reads_jsonl_on_standard_input(desk):
    from click.testing import CliRunner

    from briefing.cli import main

    piped = CliRunner().invoke(main, ["extract", "-", "--format", "records"],
                               input=(desk / "first.jsonl").read_text())
    named = run_cli("extract", "first.jsonl", "--format", "records")
    assert piped.exit_code == 0
    strip = [{**json.loads(line), "article": {**json.loads(line)["article"], "origin": ""}}
             for line in piped.stdout.splitlines()]
    assert strip == [{**json.loads(line), "article": {**json.loads(line)["article"], "origin": ""}}
                     for line in named.stdout.splitlines()]


def test_spacy_loads_without_its_command_line_which_still_works_when_asked_for():
    script = ("import sys; from briefing.analysis import nlp; deferred = 'spacy.cli' not in sys.modules; import spacy; "
              "version = spacy.info()['spacy_version']; from spacy.cli import download; "
              "print(deferred, version == spacy.__version__, callable(download))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True", "True"]


@pytest.mark.parametrize(("count", "workers", "sizes"), [
    (10_000, 1, [512] * 19 + [272]),  # 625 batches of 16: one worker, runs of 32 batches, few forks
    (600, 1, [512, 88]),
    (600, 2, [160, 112, 96, 64, 48, 32, 32, 16, 16, 16, 8]),  # 38 batches: each run a quarter of
    # those left (two workers, two runs each ahead), so while one worker ends a run of two, the other
    # parses the batches after it one a run
    (1000, 3, [176, 144, 128, 96, 80, 64, 64, 48, 48, 32, 32, 16, 16, 16, 16, 16, 8]),  # 63 batches: a sixth of those left
    (200, 2, [64, 48, 32, 16, 16, 16, 8]),
    (5, 4, [5]),
])
def test_a_worker_parses_a_long_run_of_whole_batches_and_the_runs_shrink_so_the_workers_end_together(count, workers, sizes):
    from briefing.pipeline import batches, lanes

    articles = [Article(id=str(n), text="x") for n in range(count)]
    runs = lanes(batches(articles, 16, 200_000), workers)
    assert [sum(map(len, run)) for run in runs] == sizes
    assert [a for run in runs for batch in run for a in batch] == articles


def test_a_batch_holds_at_most_max_article_chars_characters_so_long_articles_go_in_smaller_batches():
    from briefing.pipeline import batches

    articles = [Article(id=str(n), text="x" * length) for n, length in enumerate([50, 50, 30, 120, 10, 10])]
    assert [[a.id for a in batch] for batch in batches(articles, 16, 100)] == [["0", "1"], ["2"], ["3"], ["4", "5"]]


def test_results_from_a_worker_share_their_field_names_and_stay_apart_when_copied():
    import pickle

    sent = [Actor(name="Ann Lee", type="person", mentions=2), Actor(name="Bo Kim", type="person", mentions=1)]
    first, second = pickle.loads(pickle.dumps(sent[0])), pickle.loads(pickle.dumps(sent[1]))
    assert [first, second] == sent and first.model_fields_set is second.model_fields_set  # one set, not one each
    flagged = first.model_copy(update={"key": True})
    assert flagged.model_dump(exclude_unset=True) == {"name": "Ann Lee", "type": "person", "mentions": 2, "key": True}
    assert second.model_dump(exclude_unset=True) == {"name": "Bo Kim", "type": "person", "mentions": 1}


@pytest.mark.parametrize(("count", "workers", "started"), [(100, 2, True), (20, 2, False), (100, 1, True), (16, 1, False)])
def test_the_parse_workers_server_starts_while_a_large_day_is_read(tmp_path, count, workers, started):
    """A day of 100 articles (seven batches, more than its one or two workers) has its fork server
    loading the model once the articles are read, before their languages and copies are told,
    though one worker parses them in one run; a day of one batch a worker starts none."""
    lines = [json.dumps({"id": f"a{n}", "text": f"Story {n}: the council of Calder met on Monday about roads."})
             for n in range(count)]
    (tmp_path / "day.jsonl").write_text("\n".join(lines) + "\n")
    script = textwrap.dedent(f"""
        from datetime import date
        from multiprocessing import forkserver
        from pathlib import Path
        from briefing import pipeline
        from briefing.config import Config
        from briefing.intake.state import State

        config = Config(workers={workers}, cache=None)
        source = pipeline._Inputs(config, [{str(tmp_path / "day.jsonl")!r}], pipeline.length_of(config))
        pipeline.in_language = lambda articles, model, intake: print(forkserver._forkserver._forkserver_pid is not None) or []
        pipeline._read(source, config, date(2026, 11, 21), State(Path({str(tmp_path / "state.json")!r})), False)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == [str(started)]
