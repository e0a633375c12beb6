"""Publishing under a hostile frame: the run lock is never followed to another file, a date far
from today never dates a brief (nor lets retention empty the archive), a state folder that cannot
be written exits 8 with one line, a `latest` that is not briefing's link is left alone with a
warning, and a re-render works from inside the day's folder."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import SEEDS, run_cli, snapshot

from briefing.publish.archive import remove_old

pytestmark = pytest.mark.timeout(60)

PR_CAPBSET_DROP, CAP_DAC_OVERRIDE = 24, 1


@pytest.fixture()
def desk(tmp_path, earlier_day):
    """A config over one seed with an earlier day's brief in its output folder."""
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], tmp_path / "good.txt")
    (tmp_path / "config.yaml").write_text("inputs: [good.txt]\noutput: out\nformats: [md, json]\n")
    shutil.copytree(earlier_day, tmp_path / "out" / earlier_day.name)
    return tmp_path


def brief(desk, *options: str):
    return run_cli("--quiet", "run", "--config", desk / "config.yaml", *options)


@pytest.mark.parametrize("kind", ["link to a file", "link to nothing", "hard link", "pipe", "folder"])
def test_a_run_lock_that_is_not_a_plain_file_is_refused_and_nothing_else_is_written(desk, kind):
    victim = desk / "victim.txt"
    victim.write_text("a file of the user's")
    lock = desk / ".briefing" / "run.lock"
    lock.parent.mkdir()
    {"link to a file": lambda: lock.symlink_to(victim), "link to nothing": lambda: lock.symlink_to(desk / "new.txt"),
     "hard link": lambda: os.link(victim, lock), "pipe": lambda: os.mkfifo(lock), "folder": lock.mkdir}[kind]()
    before = snapshot(desk / "out")
    outcome = brief(desk, "--date", "2026-11-21")
    assert outcome.status == 8
    (line,) = outcome.lines
    assert line.startswith(f"error: {lock}: cannot ")
    assert victim.read_text() == "a file of the user's" and not (desk / "new.txt").exists()
    assert snapshot(desk / "out") == before


def without_overriding_permissions():
    """In the child: as root, give up overriding file permissions, so a read-only folder is one."""
    if os.geteuid() == 0 and ctypes.CDLL(None, use_errno=True).prctl(PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, 0, 0, 0):
        raise OSError(ctypes.get_errno(), "cannot drop CAP_DAC_OVERRIDE")


def test_a_read_only_state_folder_exits_8(desk):
    (desk / ".briefing").mkdir(mode=0o555)
    result = subprocess.run([sys.executable, "-m", "briefing", "--quiet", "run", "--config", "config.yaml",
                             "--date", "2026-11-21"], cwd=desk, capture_output=True, text=True,
                            preexec_fn=without_overriding_permissions)
    lock = desk / ".briefing" / "run.lock"
    assert (result.returncode, result.stderr) == (8, f"error: {lock}: cannot open the run lock: Permission denied\n")
    assert not (desk / "out" / "2026-11-21").exists()


def test_a_state_folder_that_cannot_be_made_exits_8(desk):
    (desk / "blocked").write_text("a file where the state folder should be")
    (desk / "config.yaml").write_text((desk / "config.yaml").read_text() + "state: blocked/state.sqlite\n")
    outcome = brief(desk, "--date", "2026-11-21")
    assert outcome.status == 8
    assert outcome.lines == [f"error: {desk / 'blocked'}: cannot create the state folder: File exists"]


def days_from_today(*offsets: int) -> list[str]:
    return [(date.today() + timedelta(days=offset)).isoformat() for offset in offsets]


def test_a_date_far_from_today_is_refused_unless_asked(desk):
    before = snapshot(desk / "out")
    for day in days_from_today(3, -3660):
        outcome = brief(desk, "--date", day)
        assert outcome.status == 2 and f"{day} is more than 2 days after or ten years before today" in outcome.stderr
    assert snapshot(desk / "out") == before
    (tomorrow,) = days_from_today(1)
    assert brief(desk, "--date", tomorrow).status == 0


def test_retention_never_counts_from_a_date_in_the_future(desk):
    (desk / "config.yaml").write_text((desk / "config.yaml").read_text() + "retention_days: 2\n")
    recent = days_from_today(-1, -2)
    for day in recent:
        shutil.copytree(desk / "out" / "2026-11-20", desk / "out" / day)
    (future,) = days_from_today(3650)
    assert brief(desk, "--any-date", "--date", future).status == 0
    assert {*recent, future} <= {p.name for p in (desk / "out").iterdir()}


def test_retention_keeps_the_newest_briefs_whatever_the_clock_says(tmp_path):
    days = ["2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21"]
    for day in days:
        (tmp_path / day).mkdir()
    jumped = date(2036, 11, 21)  # a clock that jumped ten years ahead
    (tmp_path / jumped.isoformat()).mkdir()
    removed = remove_old(tmp_path, jumped, jumped, retention_days=3)
    assert [p.name for p in removed] == days[:2]
    assert sorted(p.name for p in tmp_path.iterdir()) == days[2:] + [jumped.isoformat()]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_dates_at_the_ends_of_the_calendar_never_overflow(desk, day):
    (desk / "config.yaml").write_text((desk / "config.yaml").read_text() + "retention_days: 30\n")
    outcome = brief(desk, "--any-date", "--date", day)
    assert outcome.status == 0, outcome.stderr
    assert (desk / "out" / day / "briefing.md").is_file() and (desk / "out" / "2026-11-20").is_dir()


@pytest.mark.parametrize("window", [".inf", "1.0e+12"])
def test_a_non_finite_or_absurd_window_is_a_config_error_naming_the_key(tmp_path, window):
    (tmp_path / "feed.xml").write_text(
        '<rss version="2.0"><channel><title>Desk</title><item><title>A</title><link>https://example.org/a</link>'
        '<description>Text of the item.</description><pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate></item>'
        '</channel></rss>')
    (tmp_path / "config.yaml").write_text(f"sources: [{{feed: feed.xml}}]\nwindow_hours: {window}\noutput: out\n")
    outcome = run_cli("run", "--config", tmp_path / "config.yaml", "--date", "2026-11-21")
    assert outcome.status == 2
    (line,) = outcome.lines
    assert line.startswith("error: window_hours: expected ") and line.endswith(f"({tmp_path / 'config.yaml'}:2)")


@pytest.mark.parametrize("kind", ["folder", "file"])
def test_a_latest_that_is_not_briefings_link_is_left_alone_with_a_warning(desk, kind):
    latest = desk / "out" / "latest"
    if kind == "folder":
        latest.mkdir()
        (latest / "notes.txt").write_text("mine")
    else:
        latest.write_text("mine")
    outcome = brief(desk, "--date", "2026-11-21")
    assert outcome.status == 0
    assert outcome.lines == [f"warning: {latest}: not updated: a {kind}, not briefing's link, is in its place "
                             "(left as it is)"]
    assert (latest / "notes.txt" if kind == "folder" else latest).read_text() == "mine"


@pytest.mark.parametrize("through", ["the day's folder", "latest"])
def test_render_works_from_inside_the_days_folder_and_keeps_it(desk, monkeypatch, through):
    assert brief(desk, "--date", "2026-11-21").status == 0
    day = desk / "out" / "2026-11-21"
    (day / "briefing.md").write_text("before the template edit")
    inode = day.stat().st_ino
    monkeypatch.chdir(day if through == "the day's folder" else desk / "out")
    saved = "briefing.json" if through == "the day's folder" else "latest/briefing.json"
    folder = str(Path(saved).parent)  # a day a run wrote is replaced only when asked for by name
    outcome = run_cli("--quiet", "render", "--config", desk / "config.yaml", saved, "--output", folder)
    assert outcome.status == 0, outcome.stderr
    assert os.getcwd() == str(day if through == "the day's folder" else desk / "out")
    assert day.stat().st_ino == inode and (desk / "out" / "latest").is_symlink()
    assert (day / "briefing.md").read_text().startswith("# ")
    assert sorted(p.name for p in day.iterdir()) == ["briefing.json", "briefing.md", "manifest.json"]
