import subprocess
import sys
from pathlib import Path

import pytest

from briefing.config import load_config
from briefing.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text)
    return path


def test_defaults_and_relative_paths_resolve_against_the_config_folder(tmp_path):
    config = load_config(write(tmp_path, "title: Morning note\noutput: out\ntemplates: mine\n"))
    assert config.title == "Morning note"
    assert config.summary.sentences == 3
    assert config.resolve(config.output) == tmp_path / "out"
    assert config.resolve(config.templates) == tmp_path / "mine"


def test_every_problem_is_reported_at_once_with_key_and_line(tmp_path):
    path = write(tmp_path, "title: x\nsummary:\n  sentences: three\n  colour: red\nbatch_size: 0\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    lines = str(caught.value).splitlines()
    assert f"summary.sentences: expected an integer, got 'three' ({path}:3)" in lines
    assert f"summary.colour: unknown key ({path}:4)" in lines
    assert any(line.startswith("batch_size: ") and line.endswith(f"({path}:5)") for line in lines)
    assert len(lines) == 3


def test_unknown_top_level_key_is_named(tmp_path):
    path = write(tmp_path, "title: x\ntitel: y\n")
    with pytest.raises(ConfigError, match=r"titel: unknown key \(.*config.yaml:2\)"):
        load_config(path)


def test_invalid_yaml_names_the_line(tmp_path):
    path = write(tmp_path, "title: x\nsummary: [unclosed\n")
    with pytest.raises(ConfigError, match=r"config.yaml:\d+: not valid YAML"):
        load_config(path)


def test_words_and_ratio_together_are_refused(tmp_path):
    with pytest.raises(ConfigError, match="summary: set either words or ratio, not both"):
        load_config(write(tmp_path, "summary:\n  words: 60\n  ratio: 0.2\n"))


def test_yaml_tags_are_not_executed(tmp_path):
    path = write(tmp_path, "title: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(path)


def test_cli_prints_one_line_per_problem_and_no_traceback(tmp_path):
    path = write(tmp_path, "summary:\n  sentences: three\n")
    result = subprocess.run([sys.executable, "-m", "briefing", "check-config", "--config", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: summary.sentences: expected an integer, got 'three' ({path}:2)"
    assert "Traceback" not in result.stderr
