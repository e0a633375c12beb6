"""Copies grouping on real BBC articles of tests/data: a copy under another headline, with other
page furniture or shortened, is grouped; two reports of one event by different writers are not."""

from __future__ import annotations

import json
from random import Random

import pytest
from conftest import DATA, run_cli

from briefing.intake.copies import SAMPLE, group_copies, shingles
from briefing.intake.words import WORD
from briefing.models import Article

BBC = [json.loads(line) for line in (DATA / "bbc-dev.jsonl").read_text().splitlines()]


def article(record: dict, **changes) -> Article:
    return Article(id=record["id"], title=record.get("title"), text=record["text"], origin=record["id"]).model_copy(
        update=changes)


def sampled(text: str) -> set[int]:
    """The text's shingles that the candidates' index holds."""
    return {int(value) for value in shingles(text) if value % SAMPLE == 0}


def by_title(*words: str) -> list[dict]:
    return [r for r in BBC if all(w in r.get("title", "") for w in words)]


@pytest.fixture(scope="module")
def story() -> dict:
    return max(BBC, key=lambda r: len(r["text"]))


def test_a_copy_with_another_headline_byline_and_boilerplate_is_grouped(story):
    copy = article(story, id="wire", title="Another headline entirely",
                   text="By Wire Staff\n\n" + story["text"] + "\n\nShare this story. Copyright Example Wire.")
    groups = group_copies([article(story), article(BBC[0]), copy])
    assert [[a.id for a in g] for g in groups] == [["wire", story["id"]], [BBC[0]["id"]]]


def test_a_shortened_copy_is_grouped_and_the_fullest_is_briefed(story):
    paragraphs = story["text"].split("\n\n") if "\n\n" in story["text"] else story["text"].split("\n")
    short = article(story, id="short", text="\n\n".join(paragraphs[:len(paragraphs) * 2 // 3]))
    (group,) = group_copies([short, article(story)])
    assert [a.id for a in group] == [story["id"], "short"]


def test_two_reports_of_one_event_by_different_writers_are_not_copies():
    (before,), (after,) = by_title("Levy", "tipped"), by_title("Levy", "takes")
    assert len(group_copies([article(before), article(after)])) == 2


def test_distinct_articles_stay_apart():
    distinct = {r["text"]: r for r in BBC[:60]}.values()
    assert len(group_copies([article(r) for r in distinct])) == len(distinct)


def test_copies_are_cited_as_also_in(tmp_path, story):
    (tmp_path / "original.txt").write_text(f"{story['title']}\n\n{story['text']}")
    (tmp_path / "syndicated.txt").write_text(f"Wire: another headline\n\nBy Wire Staff\n\n{story['text']}\n\n"
                                             "Copyright Example Wire.")
    outcome = run_cli("--quiet", "run", "--output", tmp_path / "out", "--date", "2026-11-21",
                      str(tmp_path / "original.txt"), str(tmp_path / "syndicated.txt"))
    brief = json.loads((tmp_path / "out" / "2026-11-21" / "briefing.json").read_text())
    assert outcome.status == 0
    assert [(a["number"], a["also_in"]) for a in brief["articles"]] == [(1, [2])]
    titles = {brief["articles"][0]["article"]["title"], brief["copies"][0]["article"]["title"]}
    assert titles == {story["title"], "Wire: another headline"} and brief["copies"][0]["copy_of"] == 1


def test_a_copy_is_found_however_many_articles_share_a_phrase_with_it():
    """Sixty articles open with one phrase and otherwise share no sampled shingle (the candidates'
    index); a copy of the 56th, one word longer, is found through the phrase all of them share."""
    random = Random(28)
    pool = sorted({w for r in BBC[:20] for w in WORD.findall(r["text"].lower())})
    phrase = next(p for p in (random.sample(pool, 8) for _ in iter(int, 1)) if sampled(" ".join(p)))

    def extended(words: list[str], count: int) -> list[str]:
        """The words and `count` more, each making a shingle the index does not hold."""
        while count:
            word = random.choice(pool)
            if not sampled(" ".join([*words[-4:], word])):
                words, count = [*words, word], count - 1
        return words

    texts = [extended(phrase, 30) for _ in range(60)]
    texts.append(extended(texts[55], 1))
    groups = group_copies([Article(id=str(i), text=" ".join(t)) for i, t in enumerate(texts)])
    assert len(groups) == 60 and [a.id for a in groups[55]] == ["60", "55"]
