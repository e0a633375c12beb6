"""Key sentences against the peers, side by side, on ../shared/eval (3 sentences an article).

"dangling" is the share of chosen sentences that open with a connective or a word that points
back ("But", "He", "This"; quoted speech aside), the ones a reader of a brief cannot follow; "briefing
(unrepaired)" shows briefing's own choice before such openers are repaired.

Every system gets the same sentences: the ones briefing's spaCy pipeline finds. Peers are
sumy's LexRank, TextRank, LSA, Luhn, KL-Sum and SumBasic, pytextrank, and the first three
sentences. Articles per second count the summariser alone, the shared parse excluded.

    make bench        # or: .venv/bin/python benchmarks/summarise.py [--sentences 3]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import time
from collections import defaultdict

from common import SETS, load_set, parse_set, rouge

from briefing.analysis import nlp
from briefing.analysis.summarise import Length, key_sentences
from briefing.analysis.summarise.standalone import dangling


class _Words:
    """A sumy tokenizer that hands back the words spaCy found in each sentence, lower-cased
    (sumy lower-cases them anyway; SumBasic fails on capitalised words it stems before)."""

    def __init__(self, words: dict[str, list[str]]):
        self.words = words

    def to_words(self, text: str) -> list[str]:
        return [w.lower() for w in self.words.get(text) or re.findall(r"\w+", text)]


def sumy_systems():
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    systems = {}
    for label, cls in (("sumy LexRank", LexRankSummarizer), ("sumy TextRank", TextRankSummarizer),
                       ("sumy LSA", LsaSummarizer), ("sumy Luhn", LuhnSummarizer),
                       ("sumy KL-Sum", KLSummarizer), ("sumy SumBasic", SumBasicSummarizer)):
        summarizer = cls(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        if cls is SumBasicSummarizer:  # it filters stop words before stemming in one place and
            compute = summarizer._compute_tf  # after in the other: a stemmed stop word is missing
            summarizer._compute_tf = lambda sentences, f=compute: defaultdict(float, f(sentences))
        systems[label] = summarizer
    return systems


def sumy_summary(summarizer, sentences: list[tuple[str, list[str]]], count: int) -> list[str]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = _Words(dict(sentences))
    document = ObjectDocumentModel([Paragraph([Sentence(text, tokenizer) for text, _ in sentences])])
    return [str(s) for s in summarizer(document, count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=3)
    args = parser.parse_args()
    k = args.sentences

    pipeline = nlp.load("en_core_web_sm")
    with contextlib.redirect_stdout(io.StringIO()):  # it prints a path on import
        import pytextrank  # noqa: F401  (registers the "textrank" factory)
    textrank = pipeline.add_pipe("textrank", last=True) if "textrank" not in pipeline.pipe_names else None
    textrank = textrank or pipeline.get_pipe("textrank")

    results: dict[str, dict[str, dict]] = {}
    for name in SETS:
        data = load_set(name)
        docs, documents = parse_set(pipeline, data.articles)
        units = [[(u.text, [t.text for t in doc.char_span(u.start, u.end, alignment_mode="expand") or []
                            if not t.is_punct and not t.is_space]) for u in d.sentences] for d, doc in
                 zip(documents, docs)]
        chosen = [key_sentences(d, Length(sentences=k)) for d in documents]
        by_offsets = [{(u.start, u.end): u.text for u in d.sentences} for d in documents]
        systems = {"briefing": lambda i: [s.text for s in key_sentences(documents[i], Length(sentences=k))],
                   "briefing (unrepaired)": lambda i: [by_offsets[i][s.start, s.end] for s in chosen[i]],
                   "first 3 sentences (cleaned)": lambda i: [text for text, _ in units[i][:k]]}
        for label, summarizer in sumy_systems().items():
            systems[label] = lambda i, s=summarizer: sumy_summary(s, units[i], k)
        systems["pytextrank"] = lambda i: [s.text.strip() for s in textrank(docs[i])._.textrank.summary(
            limit_phrases=15, limit_sentences=k, preserve_order=True)]
        for label, summarise in systems.items():
            start = time.perf_counter()
            summaries = [summarise(i) for i in range(len(documents))]
            seconds = time.perf_counter() - start
            sentences = [s for summary in summaries for s in summary]
            results.setdefault(label, {})[name] = {**rouge(data.references, summaries),
                                                   "rate": len(documents) / max(seconds, 1e-9),
                                                   "dangling": sum(map(dangling, sentences)) / len(sentences)}
    print(f"Key sentences, {k} an article; ROUGE F1 x100 (rouge-score, stemmed), as ../shared/eval/score.py\n")
    header = "| system | " + " | ".join(f"{n} R1 / R2 / RLsum | words | dangling | art/s" for n in SETS) + " |"
    print(header)
    print("|" + " --- |" * (1 + 4 * len(SETS)))
    for label, by_set in results.items():
        cells = [f"{r['r1']:.2f} / {r['r2']:.2f} / {r['rlsum']:.2f} | {r['words']:.0f} | {r['dangling']:.1%} | "
                 f"{r['rate']:.0f}" for r in (by_set[n] for n in SETS)]
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
