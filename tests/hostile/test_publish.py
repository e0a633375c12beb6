"""Publishing under a hostile frame: the run lock is never followed to another file, and a state
folder that cannot be written exits 8 with one line."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys

import pytest

from conftest import SEEDS, run_cli, snapshot

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
