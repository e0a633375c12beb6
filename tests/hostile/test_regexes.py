"""Every regular expression the package uses runs in linear time: searched over generated texts
built from the characters and words the pattern itself names, each text four times as long as
the one before may take at most `GROWTH` times as long. Linear work takes about 4 times as long,
quadratic 16 times, so a backtracking pattern (quadratic or worse) fails here.

Time is the CPU time of this thread (`time.thread_time`), which other processes on a loaded
machine do not add to; a search is stopped once it has used more CPU than its bound allows, so
an exponential pattern fails rather than hangs. Patterns built at run time are audited as their
builders make them from the shipped data, and a scan of the package's code keeps every pattern
where this audit sees it."""

from __future__ import annotations

import ast
import gc
import importlib
import math
import pkgutil
import re
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import briefing
from briefing.analysis.cleaning import BLANKED, SENTENCE_RULES
from briefing.analysis.names import name_data
from briefing.intake.furniture import RULES

#: Characters that drive backtracking: white space, word characters, quotes, brackets, markup.
ALPHABET = list(" \t\n\n.,;:-–—'’\"“”()[]<>*_#|!?@&/\\aZ9\x1b")
#: Lengths of the texts searched, each four times the one before (10 to 40,960 characters).
SIZES = [10 * 4 ** k for k in range(7)]
#: How many times as long a text four times as long may take (linear ~4, quadratic ~16).
GROWTH = 8
#: CPU seconds below which a time says nothing about growth: a shorter text counts as taking this.
FLOOR = 0.001
#: Searches of a text tried before it counts as over its bound (the least time counts).
REPEATS = 3
#: Literal words of a pattern its texts are built from, at most (evenly picked from all of them).
MAX_WORDS = 12
#: The functions that build patterns at run time: each is audited below as built from the shipped data.
BUILDERS = {"briefing.analysis.cleaning._rule", "briefing.intake.furniture._rule", "briefing.analysis.names.name_data"}
#: The `re` functions that take a pattern.
REGEX_CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"}


def built_patterns() -> dict[str, re.Pattern[str]]:
    """The patterns `BUILDERS` make, from the shipped rules and name data."""
    data = name_data()
    return {**{f"cleaning.{rule.name}": rule.pattern for rule in BLANKED + SENTENCE_RULES},
            **{f"furniture.{rule.name}": rule.pattern for rule in RULES},
            "names.title_start": data.title_start, "names.title_end": data.title_end}


def package_modules() -> Iterator[ModuleType]:
    """Every module of the package but `__main__` (which runs the command line)."""
    for module_info in pkgutil.walk_packages(briefing.__path__, "briefing."):
        if not module_info.name.endswith("__main__"):
            yield importlib.import_module(module_info.name)


def compiled_patterns() -> dict[str, re.Pattern[str]]:
    """Every module-level pattern of the package and every pattern built at run time, by name."""
    found = built_patterns()
    for module in package_modules():
        found |= {f"{module.__name__}.{name}": value for name, value in vars(module).items()
                  if isinstance(value, re.Pattern)}
    return found


PATTERNS = compiled_patterns()


def words_of(pattern: re.Pattern[str]) -> list[str]:
    """The literal words and symbols a pattern looks for, to build texts it half-matches."""
    words = sorted(set(re.findall(r"[A-Za-z]{2,}", pattern.pattern))) or ["a"]
    return words[::math.ceil(len(words) / MAX_WORDS)]


class _OverBound(Exception):
    """A search used more CPU time than its bound."""


def _stop(signum: int, frame: object) -> None:
    raise _OverBound


@contextmanager
def cpu_limit(seconds: float) -> Iterator[None]:
    """Raise `_OverBound` in the block once this process has used `seconds` more CPU time (the
    regular expression engine checks for signals as it backtracks)."""
    previous = signal.signal(signal.SIGPROF, _stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def cpu_time(pattern: re.Pattern[str], text: str, bound: float) -> float:
    """CPU seconds of this thread a search of all of `text` takes: the first try within `bound`,
    else the least of `REPEATS` tries; `inf` when every try was stopped at `bound`. The garbage
    collector is held meanwhile: its pauses over the match objects are no part of the pattern's time."""
    best = math.inf
    gc.disable()
    try:
        for _ in range(REPEATS):
            start = time.thread_time()
            try:
                with cpu_limit(bound):
                    for _ in pattern.finditer(text):
                        pass
            except _OverBound:
                continue
            best = min(best, time.thread_time() - start)
            if best <= bound:
                break
    finally:
        gc.enable()
    return best


def superlinear(pattern: re.Pattern[str], text_of: Callable[[int], str]) -> str | None:
    """Why the pattern is not linear on the texts `text_of(size)` makes, or None when each text
    four times as long took at most `GROWTH` times as long (times under `FLOOR` count as `FLOOR`)."""
    took = 0.0
    for size in SIZES:
        bound = GROWTH * max(took, FLOOR)
        took = cpu_time(pattern, text_of(size), bound)
        if took > bound:
            return f"{size:,} characters took over {bound:.4f} s of CPU ({size // 4:,}: {bound / GROWTH:.4f} s or less)"
    return None


def repeated(piece: str) -> Callable[[int], str]:
    return lambda size: piece * max(1, size // len(piece))


def after_spaces(piece: str) -> Callable[[int], str]:
    """A long run of spaces before a near-match."""
    return lambda size: "a" + " " * size + piece


def test_the_audit_sees_the_patterns_that_read_article_text():
    assert {"cleaning.time stamp", "cleaning.dateline", "briefing.analysis.nlp.CLOSING_QUOTE",
            "briefing.presentation.render.MARKDOWN_SPECIAL", "briefing.intake.hygiene.ESCAPE_SEQUENCE",
            "names.title_start", "briefing.analysis.actors.merge.KEY_FILLER"} <= set(PATTERNS)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_each_pattern_is_linear_on_repetitions(name):
    pattern = PATTERNS[name]
    pieces = ALPHABET + [w + sep for w in words_of(pattern) for sep in (" ", ": ", " . ", "")]
    for piece in pieces:
        assert (why := superlinear(pattern, repeated(piece))) is None, f"{name} on {piece!r} repeated: {why}"
        assert (why := superlinear(pattern, after_spaces(piece))) is None, f"{name} on spaces, then {piece!r}: {why}"


@pytest.mark.timeout(120)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(PATTERNS)), data=st.data())
def test_each_pattern_is_linear_on_generated_texts(name, data):
    pattern = PATTERNS[name]
    vocabulary = ALPHABET + words_of(pattern)
    unit = "".join(data.draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=8)))
    assert (why := superlinear(pattern, repeated(unit))) is None, f"{name} on {unit!r} repeated: {why}"


@pytest.mark.timeout(60)
@pytest.mark.parametrize("source, piece, linear", [
    (r"\s*x", " ", False),  # quadratic: from each space, on to the end of the run and back
    (r"[\w ]*\s*x", "a ", False),
    (r"\s*\s*x", " ", False),  # cubic
    (r"(a|aa)*b", "a", False),  # exponential: stopped at its bound, not left to hang
    (r"(?<!\s)\s+x", " ", True),  # the same search from the first space of a run only: linear
])
def test_the_check_tells_a_backtracking_pattern_from_a_linear_one(source, piece, linear):
    assert (superlinear(re.compile(source), repeated(piece)) is None) == linear


def regex_calls_outside_the_audit(path: Path, module: ModuleType) -> list[str]:
    """`re` calls in `path` whose pattern the audit does not see: any but a module-level
    `NAME = re.compile(...)` or a call given such a name, outside `BUILDERS`; and `re` functions
    imported by name (which would hide such calls)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    named = {id(s.value) for s in tree.body if isinstance(s, ast.Assign | ast.AnnAssign)
             and all(isinstance(t, ast.Name) for t in (s.targets if isinstance(s, ast.Assign) else [s.target]))}
    found = []

    def visit(node: ast.AST, scope: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
                visit(child, f"{scope}.{getattr(child, 'name', '<lambda>')}")
                continue
            if isinstance(child, ast.ImportFrom) and child.module == "re" \
                    and any(alias.name in REGEX_CALLS for alias in child.names):
                found.append(f"{path.name}:{child.lineno}: imports re functions by name")
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute) \
                    and child.func.attr in REGEX_CALLS and isinstance(child.func.value, ast.Name) \
                    and child.func.value.id == "re" and id(child) not in named and scope not in BUILDERS:
                given = child.args[0] if child.args else next((k.value for k in child.keywords if k.arg == "pattern"),
                                                              None)
                if not (isinstance(given, ast.Name) and isinstance(getattr(module, given.id, None), re.Pattern)):
                    found.append(f"{path.name}:{child.lineno}: re.{child.func.attr} in {scope}")
            visit(child, scope)

    visit(tree, module.__name__)
    return found


def test_every_pattern_in_the_code_is_one_the_audit_sees():
    """A pattern written inside a function (or kept in a list) would escape the audit: each must
    be a module-level compiled pattern, or made by one of `BUILDERS` (whose patterns it builds)."""
    found = [call for module in package_modules() for call in regex_calls_outside_the_audit(Path(module.__file__), module)]
    assert found == []
    defined = {f"{m.__name__}.{n}" for m in map(importlib.import_module, (b.rsplit(".", 1)[0] for b in BUILDERS))
               for n in vars(m)}
    assert BUILDERS <= defined


def test_the_scan_finds_a_pattern_written_in_a_function(tmp_path):
    source = tmp_path / "module.py"
    source.write_text("import re\nWORD = re.compile('w')\nRULES = [re.compile('r')]\n"
                      "def f(text):\n    return re.sub('^The ', '', re.sub(WORD, '', text))\n")
    module = ModuleType("module")
    module.WORD = re.compile("w")
    assert regex_calls_outside_the_audit(source, module) == ["module.py:3: re.compile in module",
                                                             "module.py:5: re.sub in module.f"]
