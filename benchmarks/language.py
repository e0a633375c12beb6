"""Telling an article's language by stop words (`briefing/analysis/language.py`): English
articles that would be left out as another language (bbc-dev and cnndm-dev, by half: even, odd),
the smallest margin by which English led, and, for each language spaCy ships example sentences
for (`spacy/lang/*/examples.py`, all of a language's sentences as one text), whether that
language is told apart from English; and the time per article.

    python benchmarks/language.py
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.analysis.language import language_of, stop_word_shares  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
SETS = ("cnndm-dev", "bbc-dev")


def examples() -> dict[str, str]:
    """Each language's example sentences spaCy ships, as one text."""
    spec = importlib.util.find_spec("spacy")
    assert spec is not None and spec.submodule_search_locations
    texts = {}
    for path in sorted(Path(next(iter(spec.submodule_search_locations))).glob("lang/*/examples.py")):
        module_spec = importlib.util.spec_from_file_location(f"_examples_{path.parent.name}", path)
        assert module_spec is not None and module_spec.loader is not None
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
        texts[path.parent.name] = " ".join(getattr(module, "sentences", []))
    return texts


def main() -> None:
    print("| set | half | English articles | left out as another language | smallest lead of English |")
    print("| --- | --- | ---: | ---: | ---: |")
    seconds, count = 0.0, 0
    for name in SETS:
        texts = [json.loads(line)["text"] for line in (EVAL / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
                 if line.strip()]
        for half, start in (("even", 0), ("odd", 1)):
            chosen = texts[start::2]
            started = time.perf_counter()
            told = [language_of(text) for text in chosen]
            seconds += time.perf_counter() - started
            count += len(chosen)
            leads = [shares["en"] - max(v for k, v in shares.items() if k != "en")
                     for shares in map(stop_word_shares, chosen) if shares]
            print(f"| {name} | {half} | {len(chosen)} | {sum(t != 'en' for t in told)} | {min(leads):.2f} |")
    print(f"\n{1000 * seconds / count:.2f} ms an article (the lists read on the first).\n")
    texts = {code: text for code, text in examples().items() if code != "en" and stop_word_shares(text)}
    told = {code: language_of(text) for code, text in texts.items()}
    apart = [code for code in texts if told[code] != "en"]
    exact = [code for code in texts if told[code] == code]
    print(f"spaCy's example sentences of {len(texts)} other languages (20 words or more): {len(apart)} told "
          f"apart from English, {len(exact)} named right.")
    print("Taken for English: " + (", ".join(sorted(set(texts) - set(apart))) or "none") + "; named as another: "
          + (", ".join(f"{code} as {told[code] or 'not told'}" for code in sorted(set(apart) - set(exact))) or "none")
          + ".")


if __name__ == "__main__":
    main()
