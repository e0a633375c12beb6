"""The README's "A daily run", from "Make it yours" on, done as written: its files written, its
config lines added, its commands run (their output as shown) and its Python run."""

from __future__ import annotations

import re
import shlex
import shutil

from conftest import ROOT, SEEDS, run_cli, snapshot

SECTION = ROOT.joinpath("README.md").read_text().split("### Make it yours")[1].split("\n## ")[0]
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.M | re.S)
NAMED_FILE = re.compile(r"(?:\{#|/\*) (\S+) (?:#\}|\*/)")


def test_the_readme_walkthrough_of_a_template_a_stylesheet_an_extra_value_and_the_api(tmp_path, monkeypatch,
                                                                                       shared_cache, capsys):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SEEDS, tmp_path / "seeds")
    config = tmp_path / "config.yaml"
    config.write_text(f"sources: [seeds]\noutput: briefings\ncache: {shared_cache}\n")
    assert run_cli("--quiet", "run", "--config", config, "--date", "2026-11-21").status == 0  # the steps before
    archived = snapshot(tmp_path / "briefings")
    blocks = BLOCK.findall(SECTION)
    assert [kind for kind, _ in blocks] == ["jinja", "css", "yaml", "console", "python"]
    for kind, body in blocks:
        if kind in ("jinja", "css"):
            first, rest = body.split("\n", 1)
            named = NAMED_FILE.fullmatch(first)
            assert named, first
            (tmp_path / named[1]).parent.mkdir(exist_ok=True)
            (tmp_path / named[1]).write_text(rest)
        elif kind == "yaml":
            config.write_text(config.read_text() + body)
        elif kind == "console":
            for command, shown in re.findall(r"^\$ (.+)\n((?:(?!\$ ).*\n)*)", body, flags=re.M):
                words = shlex.split(command)
                assert words[0] == "briefing"
                outcome = run_cli(*words[1:])
                assert outcome.status == 0, outcome.stderr
                assert sorted((outcome.stdout + outcome.stderr).splitlines()) == sorted(shown.splitlines()), command
        else:
            before = snapshot(tmp_path)
            exec(compile(body, "README.md", "exec"), {})
            assert snapshot(tmp_path) == before  # brief() wrote nothing
            printed = capsys.readouterr().out.splitlines()
            assert len(printed) == 2 and all(line.startswith("[") for line in printed)
    html = (tmp_path / "preview" / "briefing.html").read_text()
    assert "For Europe desk, duty editor" in html and "@page" in html
    assert html.index("@page") < html.index(".desk { color: #16324f;")
    assert snapshot(tmp_path / "briefings") == archived  # the archived day stays as the run wrote it
