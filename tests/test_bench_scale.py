"""The scale benchmark's memory figures: the main process's own peak, apart from its workers'."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap

from conftest import ROOT

spec = importlib.util.spec_from_file_location("scale_benchmark", ROOT / "benchmarks" / "scale.py")
scale = importlib.util.module_from_spec(spec)
spec.loader.exec_module(scale)

#: A small parent that forks a child holding 200 MB for a second, waits for it, and ends.
PARENT = textwrap.dedent("""
    import os, time
    if os.fork() == 0:
        held = bytearray(200 * 1024 * 1024)
        time.sleep(1.5)
        os._exit(0)
    os.wait()
""")


def test_the_main_process_peak_is_its_own_not_its_largest_childs(tmp_path):
    _, own, child, _, _ = scale.watched([sys.executable, "-c", PARENT], tmp_path)
    assert child > 190
    assert own < 100

#: A parent with a worker holding 100 MB and a child that names itself as a rendering child does,
#: holding 200 MB, both for a second.
WORKER_AND_RENDERER = textwrap.dedent("""
    import os, time
    from briefing.presentation.render import name_child
    if os.fork() == 0:
        held = bytearray(100 * 1024 * 1024)
        time.sleep(1.5)
        os._exit(0)
    if os.fork() == 0:
        name_child()
        held = bytearray(200 * 1024 * 1024)
        time.sleep(1.5)
        os._exit(0)
    os.wait()
    os.wait()
""")


def test_the_parse_workers_peak_is_told_from_the_rendering_childrens(tmp_path):
    _, _, parse, rendering, _ = scale.watched([sys.executable, "-c", WORKER_AND_RENDERER], tmp_path)
    assert 90 < parse < 180
    assert rendering > 190

#: A run that leaves a child behind, as a run leaves its fork server: the child burns a second of
#: CPU after the run has ended.
ORPHANING = textwrap.dedent("""
    import os, time
    if os.fork() == 0:
        time.sleep(1.0)
        end = time.process_time() + 1.0
        while time.process_time() < end:
            pass
        os._exit(0)
    time.sleep(0.6)
""")


def test_the_cpu_of_a_run_counts_the_orphan_it_leaves_and_waits_for_no_other_child(tmp_path):
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])  # the caller's own child
    try:
        *_, cpu = scale.watched([sys.executable, "-c", ORPHANING], tmp_path)
    finally:
        other.kill()
        other.wait()
    assert cpu >= 1.0
