"""Hostile paths in the printed schedule: a config path holding `%`, `$`, quotes or backslashes
reaches cron and systemd as the same path; one with a line break is refused."""

from __future__ import annotations

import re
import shlex

import pytest
from conftest import run_cli

pytestmark = pytest.mark.timeout(30)


@pytest.mark.parametrize("name", ["desk%d$HOME", "desk 100%d $HOME ${USER} \"quoted\" 'single' back\\slash"])
def test_percent_and_dollar_in_the_config_path_survive_cron_and_systemd(tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    config = folder / "config%H$.yaml"
    config.write_text("title: Desk\n")
    outcome = run_cli("schedule", "--at", "07:05", "--config", config)
    assert outcome.status == 0, outcome.stderr
    lines = outcome.stdout.splitlines()
    (cron,) = [line.removeprefix("5 7 * * * ") for line in lines if line.startswith("5 7 * * * ")]
    assert not re.search(r"(?<!\\)%", cron)
    words = shlex.split(cron.replace("\\%", "%"))
    assert words[:3] == ["cd", str(folder), "&&"] and words[-4:] == ["--quiet", "run", "--config", str(config)]
    (directory,) = [line.removeprefix("WorkingDirectory=") for line in lines if line.startswith("WorkingDirectory=")]
    assert directory.replace("%%", "%") == str(folder)
    (start,) = [line.removeprefix("ExecStart=") for line in lines if line.startswith("ExecStart=")]
    assert not re.search(r"[%$]", start.replace("%%", "").replace("$$", ""))
    assert shlex.split(start.replace("%%", "%").replace("$$", "$"))[-4:] == ["--quiet", "run", "--config", str(config)]


def test_a_line_break_in_the_config_path_is_refused(tmp_path):
    folder = tmp_path / "desk\n0 * * * * rm -rf ~"
    folder.mkdir()
    (folder / "config.yaml").write_text("title: Desk\n")
    outcome = run_cli("schedule", "--config", folder / "config.yaml")
    assert outcome.status == 2 and "control character" in outcome.stderr
    assert "rm -rf" not in outcome.stdout
