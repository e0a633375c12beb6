"""The run's own process holds one copy of a large brief while it renders and archives it: the
JSON is encoded once, straight to bytes; the templates' data, the PDF's brief and the archive's
saved briefs are made in the child processes that use them. Measured with tracemalloc (this
process's Python allocations only), against the size of the brief's JSON."""

import contextlib
import random
import threading
import time
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from briefing.editorial.compose import compose
from briefing.models import Actor, Article, ArticleBrief, Briefing, Point, Section, Sentence, Story
from briefing.pipeline import render_files
from briefing.presentation.render import Renderer, briefing_json, saved_json, streamed_data
from briefing.presentation.sandbox import template_data
from briefing.publish.archive import rebuild_index


@pytest.fixture(scope="module")
def large() -> Briefing:
    """A brief whose article text (about 4 MB) is in its JSON but not in its pages."""
    lead = "The minister, Jane Doe, said the council would meet on Monday."
    article = Article(id="a.txt", title="Council to meet", text=lead + " More words follow here." * 170_000,
                      origin="a.txt")
    sentence = Sentence(text=lead, paragraph=0, start=0, end=len(lead), score=1.0)
    brief = ArticleBrief(number=1, article=article, key_sentences=[sentence], actors=[])
    return compose([brief], [], title="Brief", day=date(2026, 11, 21), marking="OFFICIAL")


def peak_while(work, kept: bool = False):
    """What `work()` returns and the most memory this process's Python code held meanwhile (`kept`:
    what it still holds at the end)."""
    tracemalloc.start()
    try:
        return work(), tracemalloc.get_traced_memory()[0 if kept else 1]
    finally:
        tracemalloc.stop()


def test_rendering_a_large_brief_holds_about_one_copy_of_its_json(large):
    files, peak = peak_while(lambda: render_files(large, Renderer.for_folder(None), ["md", "json", "pdf"]))
    assert files["briefing.json"] == large.model_dump_json(indent=2).encode("utf-8")
    assert b"Council to meet" in files["briefing.md"] and files["briefing.pdf"].startswith(b"%PDF")
    assert peak < 1.5 * len(files["briefing.json"])


def test_the_archive_page_reads_the_saved_briefs_outside_the_run_process(large, tmp_path):
    saved = briefing_json(large)
    (tmp_path / "2026-11-21").mkdir()
    (tmp_path / "2026-11-21" / "briefing.json").write_bytes(saved)
    index, peak = peak_while(lambda: rebuild_index(tmp_path, Renderer.for_folder(None), "Briefs"))
    page = index.read_text()
    assert "2026-11-21" in page and "Council to meet" in page
    assert peak < len(saved) / 4


def test_a_days_candidate_pairs_are_held_about_once_while_they_are_judged():
    """Grouping 4,000 articles that share features in posts of about 40 (640,000 candidate pairs
    with their repeats) holds about one array of the pairs at its peak, not one for each step of
    judging them (a day of 10,000 articles has millions)."""
    from collections import Counter

    import numpy as np

    from briefing.intake.grouping import related_groups

    rng = np.random.default_rng(1)
    features = [rng.choice(800, 8, replace=False).tolist() for _ in range(4000)]
    posts = Counter(f for item in features for f in item)
    pairs = sum(n * (n - 1) // 2 for n in posts.values())
    groups, peak = peak_while(lambda: related_groups(
        features, lambda first, second: np.abs(np.sin(first * 1.0) - np.cos(second * 1.0)) > 1.99))
    assert sorted(i for group in groups for i in group) == list(range(4000)) and len(groups) < 4000
    assert peak < 2.5 * 8 * pairs


def test_records_read_from_json_hold_no_more_than_records_from_the_workers():
    """A day composed from records (`run --from-records`, a cluster's map step) holds each record
    about as a parse worker's result is held: its actors' models share their set of given field
    names instead of one set each (which was half the memory of a day's records)."""
    import pickle

    from briefing.models import Actor
    from briefing.pipeline import parse_records

    actors = [Actor(name=f"Person {k} Doe", type="person", mentions=2, aliases=[f"Doe {k}"], weight=1.0)
              for k in range(40)]
    line = ArticleBrief(number=1, article=Article(id="a", text="Words.", origin="a"), key_sentences=[],
                        actors=actors).model_dump_json()
    blobs = [pickle.dumps(ArticleBrief.model_validate_json(line)) for _ in range(300)]
    unpickled, from_workers = peak_while(lambda: [pickle.loads(blob) for blob in blobs], kept=True)
    parsed, from_json = peak_while(lambda: parse_records([line] * 300), kept=True)
    assert parsed == unpickled
    assert from_json < 1.2 * from_workers


def test_records_past_the_actors_an_article_shows_are_held_as_compose_reads_them():
    """Read with the config's `actors.per_article`, a day's records hold their other actors
    (most of them) without their roles' sentences or a model each: well under the records read
    whole, and the brief composed from them is the same, byte for byte."""
    from briefing.models import Role
    from briefing.pipeline import parse_records

    def actor(n: int, k: int) -> Actor:
        role = Role(title=f"Minister of Office {k % 7}", sentence=f"Person {k} Doe, Minister of Office {k % 7}, spoke.")
        return Actor(name=f"Person {k} Doe", type="person" if k % 3 else "organisation", mentions=1 + k % 4,
                     aliases=[f"Doe {k}"] if k % 2 else [], roles=[role] if k % 5 == n % 5 else [],
                     key=k < 3, weight=30.0 - k)

    lead = "Person 1 Doe said the council would meet on Monday."
    lines = [ArticleBrief(number=n, article=Article(id=f"{n}", text=lead, origin=f"{n}"),
                          key_sentences=[Sentence(text=lead, paragraph=0, start=0, end=len(lead))],
                          actors=[actor(n, (n + k) % 45) for k in range(30)]).model_dump_json() for n in range(1, 301)]
    whole, held_whole = peak_while(lambda: parse_records(lines), kept=True)
    lean, held_lean = peak_while(lambda: parse_records(lines, shown=6), kept=True)
    assert held_lean < 0.6 * held_whole
    day = {"title": "Brief", "day": date(2026, 11, 21), "actors_per_article": 6}
    assert briefing_json(compose(lean, [], **day)) == briefing_json(compose(whole, [], **day))


@pytest.fixture(scope="module")
def many() -> Briefing:
    """A brief of 3,000 articles (about 10 MB of JSON), each with its text, sentences and actors."""
    lead = "The minister, Jane Doe, said the council would meet on Monday."
    sentences = [Sentence(text=lead, paragraph=0, start=0, end=len(lead), score=1.0)] * 3
    actors = [Actor(name=name, type="person", mentions=2, aliases=[name.split()[-1]]) for name in ("Jane Doe", "John Roe")]
    briefs = [ArticleBrief(number=n, article=Article(id=f"{n}.txt", title=f"Council {n}", text=lead * 30, origin=f"{n}.txt"),
                           key_sentences=sentences, actors=actors) for n in range(1, 3001)]
    return Briefing(title="Brief", date=date(2026, 11, 21), bottom_line=[], actors=[], key_actors=[], articles=briefs)


def test_the_pdf_child_holds_a_large_brief_as_its_data_only(many):
    """The PDF child reads the brief a line at a time: it grows by its template data and the layout
    (about 4 times the brief's JSON here), not by the JSON and models besides (8 times, read whole)."""
    import weasyprint  # noqa: F401 - loaded here, so the child's growth is the brief's alone

    renderer = Renderer.for_folder(None)
    data = briefing_json(many)
    prepared = renderer.prepare_pdf()
    status = Path(f"/proc/{prepared.child.pid}/status")
    start = _megabytes(status, "VmRSS")
    peak = []
    watcher = threading.Thread(target=lambda: peak.append(_peak_while_alive(status)))
    watcher.start()
    laid = renderer.lay_out(many, prepared)
    watcher.join()
    with laid.pdf as pdf:
        assert pdf.read(4) == b"%PDF" and "3000 articles" in laid.html
    assert peak[0] - start < 6 * len(data) / 1e6


def test_the_markdown_child_holds_the_brief_as_its_data_only_not_the_runs_memory(many):
    """The Markdown child is forked before the run reads its day (as `build` does) and reads the
    brief a line at a time: it grows by the brief's data, not by what its parent came to hold
    (here 300 MB, as a large day read, parsed and composed), nor by the JSON and models besides."""
    renderer = Renderer.for_folder(None)
    prepared = renderer.prepare_texts()
    status = Path(f"/proc/{prepared.child.pid}/status")
    start = _megabytes(status, "VmRSS")
    run = b"day" * 100_000_000
    data = briefing_json(many)
    peak = []
    watcher = threading.Thread(target=lambda: peak.append(_peak_while_alive(status)))
    watcher.start()
    with saved_json(many) as saved, renderer.texts_started(["md", "html"], saved, len(many.articles), prepared) as texts_of:
        md, html = texts_of(None)
    watcher.join()
    del run
    assert (md, html) == (renderer.text("md", many), renderer.text("html", many))
    assert peak[0] - start < 6 * len(data) / 1e6


def _megabytes(status: Path, field: str) -> float:
    return next(int(line.split()[1]) / 1024 for line in status.read_text().splitlines() if line.startswith(field + ":"))


def _peak_while_alive(status: Path) -> float:
    """The process's peak RSS (VmHWM) when last seen alive."""
    peak = 0.0
    with contextlib.suppress(OSError, StopIteration):
        while True:
            peak = _megabytes(status, "VmHWM")
            time.sleep(0.05)
    return peak


def test_the_json_output_is_encoded_to_its_file_an_article_at_a_time_and_written_from_it(many, tmp_path):
    """briefing.json is encoded into the file the renderers read, an article at a time, and the
    output is copied from that file: a run never holds its bytes (80 MB on a day of 10,000
    articles), and the file is gone once written."""
    from briefing.pipeline import rendered_files
    from briefing.publish.outputs import write_all

    files, peak = peak_while(lambda: rendered_files(many, Renderer.for_folder(None), ["json"])[0])
    saved = Path(files["briefing.json"].name)
    write_all(tmp_path / "2026-11-21", files)
    whole = briefing_json(many)
    assert (tmp_path / "2026-11-21" / "briefing.json").read_bytes() == whole
    assert not saved.exists()
    assert peak < len(whole) / 10


def test_the_pdf_is_written_by_its_child_into_a_file_the_run_copies_never_holding_its_bytes(tmp_path):
    """The PDF child writes the PDF (the brief's JSON attached: 22 MB on a day of 10,000 articles)
    into a temporary file that the output is copied from: the run never receives its bytes (held
    twice as they arrived), and the file is gone once written."""
    from briefing.pipeline import rendered_files
    from briefing.publish.outputs import write_all

    noise = random.Random(28)  # article texts that do not compress: the attached JSON is most of the PDF
    briefs = [ArticleBrief(number=n, article=Article(id=f"{n}.txt", title=f"Council {n}", origin=f"{n}.txt",
                                                     text=noise.randbytes(3000).hex()), key_sentences=[], actors=[])
              for n in range(1, 301)]
    brief = Briefing(title="Brief", date=date(2026, 11, 21), bottom_line=[], actors=[], key_actors=[], articles=briefs)
    files, peak = peak_while(lambda: rendered_files(brief, Renderer.for_folder(None), ["pdf"])[0])
    saved = Path(files["briefing.pdf"].name)
    write_all(tmp_path / "2026-11-21", files)
    pdf = (tmp_path / "2026-11-21" / "briefing.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert not saved.exists()
    assert peak < len(pdf) / 4


def test_the_json_outside_the_articles_is_written_a_section_at_a_time_not_whole_nor_copied_in_parts():
    """What briefing.json holds beside the articles (most of it the also-today list: 7 MB on a day
    of 10,000 articles) is encoded a section at a time and the rest written from where it stands,
    never encoded whole, nor split and joined into copies."""
    from briefing.presentation.render import json_file

    lead = "The minister, Jane Doe, said the council would meet on Monday."
    stories = [Story(number=n, headline=f"Council {n}", section=f"Section {n % 8}", sources=[n],
                     lead=Point(text=lead, sources=[n]), points=[Point(text=lead, sources=[n])] * 3, actors=[])
               for n in range(1, 3001)]
    brief = ArticleBrief(number=1, article=Article(id="1.txt", text=lead, origin="1.txt"), key_sentences=[], actors=[])
    day = Briefing(title="Brief", date=date(2026, 11, 21), bottom_line=[], actors=[], key_actors=[], articles=[brief],
                   also_today=[Section(name=f"Section {k}", stories=stories[k::8]) for k in range(8)])
    outside = len(briefing_json(day.model_copy(update={"articles": []})))
    saved, peak = peak_while(lambda: json_file(day))
    with saved:
        assert saved.read() == briefing_json(day)
    assert peak < outside / 2


def test_a_brief_read_a_line_at_a_time_is_the_same_data_as_read_whole(many, large, tmp_path):
    for brief in (many, large, large.model_copy(update={"articles": []})):
        (tmp_path / "briefing.json").write_bytes(briefing_json(brief))
        assert streamed_data(tmp_path / "briefing.json") == template_data(brief)


def test_a_brief_of_the_first_version_is_not_read_a_line_at_a_time(large, tmp_path):
    saved = briefing_json(large).replace(b'  "bottom_line": [', b'  "overview": [], "bottom_line": [', 1)
    (tmp_path / "briefing.json").write_bytes(saved)
    with pytest.raises(ValueError, match="first version"):
        streamed_data(tmp_path / "briefing.json")


def test_a_days_article_vectors_are_made_without_holding_their_counts_or_sorted_copies():
    """Grouping a large day into stories holds its articles' TF-IDF vectors (the sparse rows) and
    little more at its peak: neither every article's word counts at once nor sorted copies of the
    rows (2.5 times the vectors before)."""
    import numpy as np

    from briefing.editorial import stories

    rng = np.random.default_rng(7)
    vocabulary = np.array(["".join(rng.choice(list("bcdfghjklmnprstvwz"), 7)) for _ in range(5_000)])
    briefs = [ArticleBrief(number=n, article=Article(id=f"{n}", text=" ".join(rng.choice(vocabulary, 400)),
                                                     origin=f"{n}"), key_sentences=[], actors=[])
              for n in range(1, 1201)]
    known, peak = peak_while(lambda: stories.profiled(briefs))
    held = known.rows.columns.nbytes + known.rows.weights.nbytes
    assert known.rows.cosines(np.array([0]), np.array([0]))[0] == pytest.approx(1.0)
    assert peak < 2 * held


def test_copy_detection_holds_each_of_its_arrays_only_while_the_next_is_made():
    """Finding the copies among a day's articles peaks at about 48 bytes a shingle (the day's
    shingles' arrays freed as each next step is made from them), not 81 (every step's array held
    to the end, and each text's shingles beside their concatenation)."""
    import numpy as np

    from briefing.intake.copies import group_copies, shingles

    rng = np.random.default_rng(3)
    vocabulary = np.array(["".join(rng.choice(list("bcdfghjklmnprstvwz"), 6)) for _ in range(30_000)])
    articles = [Article(id=f"{n}", text=" ".join(rng.choice(vocabulary, 300)), origin=f"{n}") for n in range(1200)]
    articles += [Article(id=f"copy {n}", text=articles[n].text + " as reported", origin=f"copy {n}")
                 for n in range(0, 120, 3)]
    count = sum(len(shingles(article.text)) for article in articles)
    groups, peak = peak_while(lambda: group_copies(articles))
    assert len(groups) == 1200 and all(len(group) == 2 for group in groups[:120:3])
    assert peak < 60 * count


@pytest.fixture(scope="module")
def crowded() -> tuple[list[ArticleBrief], int]:
    """1,200 briefs of 30 actors each (people named in full and by surname, organisations), drawn
    from 3,000 surnames, and the memory they hold."""
    import numpy as np

    rng = np.random.default_rng(5)
    surnames = ["".join(rng.choice(list("bcdfghklmnprstvz"), 6)).title() for _ in range(3000)]

    def briefs() -> list[ArticleBrief]:
        return [ArticleBrief(number=n, article=Article(id=f"{n}", text="Words.", origin=f"{n}"), key_sentences=[],
                             actors=[Actor(name=f"Anna {surnames[k]}" if j % 3 else surnames[k],
                                           type="person" if j % 2 else "organisation", mentions=2, weight=1.0 + j)
                                     for j, k in enumerate(rng.choice(len(surnames), 30, replace=False))])
                for n in range(1, 1201)]

    return peak_while(briefs, kept=True)


def test_the_actor_table_makes_each_articles_actor_keys_as_it_reaches_the_article(crowded):
    """The actor table of a day with tens of thousands of actors holds its rows and their actors,
    not besides them a key for every actor of every article at once (three quarters of the briefs' memory)."""
    from briefing.editorial.compose import actor_table

    briefs, held = crowded
    rows, peak = peak_while(lambda: actor_table(briefs, {}, (), 12))
    assert rows[0].key is False and len(rows[0].mentions) == len(briefs) and not rows[12].mentions
    assert peak < 0.4 * held


def test_ranking_stories_holds_one_storys_actor_names_at_a_time(crowded):
    """Ranking a day of one-article stories counts how widely each actor is named without holding
    every story's names and forms at once (0.8 of the briefs' memory)."""
    from briefing.editorial import stories

    briefs, held = crowded
    scores, peak = peak_while(lambda: stories.importance([[b] for b in briefs], [0] * len(briefs), ["World"] * len(briefs)))
    assert len(scores) == len(briefs) and len(set(scores)) > 1
    assert peak < 0.1 * held
