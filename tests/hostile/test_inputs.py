"""Hostile inputs through the command line: each bad file is one clear line (skipped with its
reason, or a note), the rest are briefed, nothing hangs, and the earlier brief stays as it was."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import SEEDS, run_cli, snapshot

pytestmark = pytest.mark.timeout(20)

CONFIG = """title: Hostile
inputs: [in]
output: out
formats: [md, json]
max_article_chars: 20000
"""
SEED = sorted(SEEDS.glob("*.txt"))[0]
ALIAS_BOMB = "\n".join(["a: &a [x, x, x, x, x, x, x, x, x]"] + [
    f"{b}: &{b} [{', '.join(['*' + a] * 9)}]" for a, b in zip("abcdefg", "bcdefgh")])
SENTENCE = "The council met on Monday to discuss the budget for the coming year. "


@pytest.fixture()
def desk(tmp_path: Path, monkeypatch, earlier_day: Path, shared_cache: Path) -> Path:
    """A config reading `in/` (one good article in it) and an earlier day's brief in `out/`;
    the working folder is the config's, so paths show relative to it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    shutil.copy(SEED, tmp_path / "in" / "good.txt")
    (tmp_path / "config.yaml").write_text(CONFIG + f"cache: {shared_cache}\n")
    shutil.copytree(earlier_day, tmp_path / "out" / earlier_day.name)
    return tmp_path


def brief(desk: Path, *args: str):
    """A run for the next day; returns the outcome and that day's Markdown (if written)."""
    before = snapshot(desk / "out")
    outcome = run_cli("run", "--config", desk / "config.yaml", "--date", "2026-11-21", *args)
    assert {k: v for k, v in snapshot(desk / "out").items() if k.startswith("2026-11-20")} == before
    md = desk / "out" / "2026-11-21" / "briefing.md"
    return outcome, md.read_text(encoding="utf-8") if md.exists() else None


def json_nested(depth: int) -> str:
    return '{"a": ' * depth + "1" + "}" * depth


@pytest.mark.parametrize("name, content, reason", [
    ("deep.jsonl", json_nested(100_000), "not readable JSON (nested too deeply)"),
    ("digits.jsonl", '{"id": ' + "9" * 5000 + ', "text": "A text."}', "not readable JSON (a number has too many digits)"),
    ("digits.md", "---\ntitle: " + "9" * 5000 + "\n---\nBody text here.\n", "a number has too many digits"),
    ("bomb.md", f"---\n{ALIAS_BOMB}\n---\nBody text here.\n", "too large once its aliases are expanded"),
    ("tags.html", "<p>" * 20_000 + "</b>" * 20_000, "no article text"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file, not text"),
])
def test_unreadable_input_is_skipped_with_its_reason_and_the_rest_briefed(desk, name, content, reason):
    path = desk / "in" / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    outcome, md = brief(desk)
    assert outcome.status == 10
    assert len(outcome.lines) == 1 and outcome.lines[0].startswith(f"skipped in/{name}")
    assert reason in outcome.lines[0]
    assert md.count("\n### ") == 1 and "## Skipped inputs" in md


@pytest.mark.parametrize("name, content", [
    ("long.txt", ("Council budget\n\n" + (SENTENCE * 8 + "\n\n") * 2000)),
    ("one-line.txt", "Council budget\n\n" + SENTENCE * 30_000),
    ("heading.md", "# a" + " " * 4000 + "b\n\n" + SENTENCE),
    ("emphasis.md", "# Budget\n\n" + "*a " * 2_000 + "\n\n" + SENTENCE),
    ("stamps.txt", "Budget\n\n" + "UPDATED " * 20_000 + "\n\n" + SENTENCE),
    ("prompts.txt", "Budget\n\n" + "Scroll down " * 20_000 + "\n\n" + SENTENCE),
])
def test_huge_or_pathological_articles_are_briefed_quickly(desk, name, content):
    (desk / "in" / name).write_text(content)
    outcome, md = brief(desk)
    assert outcome.status == 0, outcome.stderr
    assert md.count("\n### ") == 2
    for line in outcome.lines:
        assert line.startswith(f"note in/{name}: text cut to its first")


def test_symlink_to_a_device_and_a_fifo_are_not_read(desk):
    (desk / "in" / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(desk / "in" / "pipe.txt")
    outcome, md = brief(desk)
    assert outcome.status == 10
    assert sorted(outcome.lines) == ["skipped in/pipe.txt: not a regular file",
                                     "skipped in/zero.txt: not a regular file"]
    assert md.count("\n### ") == 1


def test_globstar_through_a_symlink_loop_lists_each_file_once(desk):
    (desk / "in" / "sub").mkdir()
    shutil.copy(SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[1], desk / "in" / "sub" / "other.txt")
    (desk / "in" / "sub" / "loop").symlink_to(desk / "in")
    outcome, md = brief(desk, "--output", desk / "out", str(desk / "in" / "**" / "*.txt"))
    assert outcome.status == 0, outcome.stderr
    assert md.count("\n### ") == 2


def test_a_glob_that_matches_nothing_says_so(desk):
    (desk / "config.yaml").write_text(CONFIG.replace("inputs: [in]", "inputs: [in, 'feeds/*.jsonl']"))
    outcome, _ = brief(desk)
    assert outcome.status == 10 and outcome.lines == ["skipped feeds/*.jsonl: matched no files"]


def test_a_path_with_a_nul_byte_is_one_line(desk):
    outcome, _ = brief(desk, "in/a\x00b.txt")
    assert outcome.status == 3 and outcome.lines == ["error: 'in/a\\x00b.txt': the path contains a NUL byte"]


def test_text_encodings_are_decoded(desk):
    (desk / "in" / "wide.txt").write_bytes("Café owners protest\n\nThe café shut on Monday after the row.".encode("utf-16"))
    (desk / "in" / "damaged.txt").write_bytes("Crème brûlée wins prize\n\nThe dessert won a prize at the fair.".encode()
                                              .replace(b"\xc3\xbb", b"\xfb"))
    outcome, md = brief(desk)
    assert outcome.status == 0, outcome.stderr
    assert "Café owners protest" in md and "Crème br\ufffdlée wins prize" in md and "CrÃ" not in md


def test_control_characters_and_newlines_cannot_forge_output(desk):
    (desk / "in" / "escapes.txt").write_text("Red \x1b[31mALERT\x1b[0m headline\x07\n\nA body sentence about the vote.\n")
    (desk / "in" / "evil\nskipped fake.txt: forged\n# Heading.txt").write_bytes(b"\x00binary")
    outcome, md = brief(desk)
    assert outcome.status == 10
    assert outcome.lines == ["skipped in/evil\\nskipped fake.txt: forged\\n# Heading.txt: binary file, not text"]
    assert "\x1b" not in md and "\x07" not in md and re.search(r"\n### \d\. Red ALERT headline\n", md)
    assert "\n# Heading" not in md and "\nskipped fake" not in md


def test_a_repeated_article_is_a_note_not_a_failure(desk):
    shutil.copy(SEED, desk / "in" / "copy.txt")
    outcome, md = brief(desk)
    assert outcome.status == 0
    assert outcome.lines == ["note in/good.txt: a copy of source [1], listed as also in [2]"]
    assert md.count("\n### ") == 1 and "also in [\\[2\\]](#source-2)" in md and "## Notes on inputs" in md


def test_written_paths_go_to_stdout_and_problems_to_stderr(desk):
    (desk / "in" / "binary.txt").write_bytes(b"\x00")
    outcome, _ = brief(desk)
    assert outcome.stdout.splitlines() == [f"wrote {desk / 'out' / '2026-11-21' / name}"
                                           for name in ("briefing.md", "briefing.json", "manifest.json")] + [
        f"wrote {desk / 'out' / 'index.html'}"]
    assert outcome.lines == ["skipped in/binary.txt: binary file, not text"]


@pytest.mark.parametrize("config, says", [
    ("1: x\n", "1: "),
    ('output: "a\\0b"\n', "output: contains a NUL byte"),
    (ALIAS_BOMB + "\n", "too large once its aliases are expanded"),
    ("batch_size: " + "9" * 5000 + "\n", "a number has too many digits"),
    ("title: " + "x" * 150_000 + "\n", "title: String should have at most 200 characters"),
    ("title: " + "x" * 2_000_000 + "\n", "config larger than 1,000,000 bytes"),
    ("title: " + "[" * 5000 + "\n", "nested too deeply"),
    ("a: &a [*a]\n", "an alias refers to the value that contains it"),
    ("model: numpy\n", "is installed but is not a spaCy pipeline package"),
])
def test_hostile_config_is_one_line_per_problem(desk, config, says):
    (desk / "config.yaml").write_text(CONFIG + config if not config.startswith("title") else config)
    outcome, md = brief(desk)
    assert outcome.status == (4 if "model" in config else 2), outcome.stderr
    assert len(outcome.lines) == 1 and outcome.lines[0].startswith("error: ") and says in outcome.lines[0]
    assert len(outcome.lines[0]) < 300 and md is None


def test_conflicting_length_options_are_refused(desk):
    outcome, md = brief(desk, "--sentences", "3", "--words", "50")
    assert outcome.status == 2 and "--sentences and --words cannot be used together" in outcome.stderr
    assert md is None


def test_output_path_with_a_nul_byte_is_refused(desk):
    outcome, _ = brief(desk, "--output", "out\x00x")
    assert outcome.status == 2 and "NUL byte" in outcome.stderr
