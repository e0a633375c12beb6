"""Writing outputs under failure: a full disk leaves the day's earlier set whole and no
temporaries; what a killed run leaves is repaired; files follow the user's umask."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys

import pytest
from conftest import SEEDS, run_cli, snapshot

from briefing.publish.outputs import repair, write_all

pytestmark = pytest.mark.timeout(60)


def dead_pid() -> int:
    """The pid of a process that has exited."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_a_full_disk_keeps_the_earlier_set_and_leaves_no_temporaries(tmp_path, earlier_day):
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], tmp_path / "good.txt")
    (tmp_path / "config.yaml").write_text("inputs: [good.txt]\noutput: out\n")
    shutil.copytree(earlier_day, tmp_path / "out" / earlier_day.name)
    before = snapshot(tmp_path / "out")

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))

    result = subprocess.run([sys.executable, "-m", "briefing", "run", "--config", "config.yaml",
                             "--date", earlier_day.name], cwd=tmp_path, capture_output=True, text=True,
                            preexec_fn=small_disk)
    assert result.returncode == 6, result.stderr
    (line,) = result.stderr.splitlines()  # the PDF renderer may be the first to meet the full disk
    assert line in (f"error: {tmp_path / 'out' / earlier_day.name}: cannot write outputs: File too large",
                    "error: PDF rendering failed: [Errno 27] File too large")
    assert snapshot(tmp_path / "out") == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [earlier_day.name]


def test_a_run_killed_between_renames_is_repaired_by_the_next(tmp_path):
    day = tmp_path / "2026-11-21"
    stranded = tmp_path / f".2026-11-21.old-{dead_pid()}-x1"
    stranded.mkdir()
    (stranded / "briefing.md").write_text("yesterday's run")
    half_written = tmp_path / f".2026-11-21.new-{dead_pid()}-x2"
    half_written.mkdir()
    (half_written / "briefing.pdf").write_bytes(b"%PDF-partial")
    repair(day)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-11-21"]
    assert (day / "briefing.md").read_text() == "yesterday's run"


def test_a_running_runs_staging_is_left_alone(tmp_path):
    staging = tmp_path / f".2026-11-21.new-{os.getppid()}-x3"
    staging.mkdir()
    repair(tmp_path / "2026-11-21")
    assert staging.is_dir()


def test_a_new_set_replaces_the_days_files_and_keeps_the_others(tmp_path):
    day = tmp_path / "2026-11-21"
    write_all(day, {"briefing.md": b"old", "briefing.pdf": b"old pdf", "notes.txt": b"mine"})
    write_all(day, {"briefing.md": b"new", "briefing.pdf": b"new pdf"})
    assert snapshot(tmp_path) == {"2026-11-21/briefing.md": b"new", "2026-11-21/briefing.pdf": b"new pdf",
                                  "2026-11-21/notes.txt": b"mine"}


@pytest.mark.parametrize("umask, file_mode, folder_mode", [(0o022, 0o644, 0o755), (0o027, 0o640, 0o750)])
def test_outputs_follow_the_umask(tmp_path, umask, file_mode, folder_mode):
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], tmp_path / "good.txt")
    (tmp_path / "config.yaml").write_text("inputs: [good.txt]\noutput: out\nformats: [md, json]\n")
    previous = os.umask(umask)
    try:
        outcome = run_cli("--quiet", "run", "--config", tmp_path / "config.yaml", "--date", "2026-11-21")
    finally:
        os.umask(previous)
    assert outcome.status == 0
    day = tmp_path / "out" / "2026-11-21"
    assert day.stat().st_mode & 0o777 == folder_mode
    assert {p.stat().st_mode & 0o777 for p in day.iterdir()} == {file_mode}
