"""How much key sentences, actors, quotes, figures and what is to come add to the time spaCy takes
to parse the same articles.

spaCy alone: `nlp.pipe` with the very components briefing loads, over the same (cleaned) texts.
briefing: the same parse, plus building the documents, key sentences, actors, quotes, figures and
what is to come, with NumPy's BLAS on one thread as in a parse worker. Each is timed
several times, interleaved, and the fastest run of each is kept (the machine is shared).

    make bench        # or: .venv/bin/python benchmarks/speed.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import time

from common import load_set
from threadpoolctl import threadpool_limits

from briefing.analysis import nlp
from briefing.analysis.actors import extract_actors
from briefing.analysis.cleaning import blank_boilerplate
from briefing.analysis.figures import key_figures
from briefing.analysis.quotes import direct_quotes
from briefing.analysis.summarise import key_sentences
from briefing.analysis.upcoming import upcoming


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", default="cnndm-dev")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    articles = load_set(args.set).articles
    threadpool_limits(limits=1, user_api="blas")  # as a parse worker runs (`pipeline._extract_together`)
    pipeline = nlp.load("en_core_web_sm")
    list(pipeline.pipe(a.text for a in articles[:3]))  # warm up
    spacy_alone, conversion, sentences, actors, analyst = [], [], [], [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        docs = list(pipeline.pipe((blank_boilerplate(a.text) for a in articles), batch_size=16))
        spacy_alone.append(time.perf_counter() - start)
        start = time.perf_counter()
        documents = [nlp.build_document(article, doc) for article, doc in zip(articles, docs)]
        conversion.append(time.perf_counter() - start)
        start = time.perf_counter()
        chosen = [key_sentences(d) for d in documents]
        sentences.append(time.perf_counter() - start)
        start = time.perf_counter()
        found = [extract_actors(document, key) for document, key in zip(documents, chosen)]
        actors.append(time.perf_counter() - start)
        start = time.perf_counter()
        for document, key, named in zip(documents, chosen, found):
            direct_quotes(document, named), key_figures(document, key), upcoming(document)
        analyst.append(time.perf_counter() - start)

    base = min(spacy_alone)
    print(f"{len(articles)} articles of {args.set}, components: {', '.join(pipeline.pipe_names)}\n")
    print("| step | seconds | share of spaCy's parse |\n| --- | --- | --- |")
    print(f"| spaCy parse alone | {base:.2f} | 100% |")
    for label, seconds in (("documents from the parse", min(conversion)), ("key sentences", min(sentences)),
                           ("actors", min(actors)), ("quotes, figures, what is to come", min(analyst))):
        print(f"| {label} | {seconds:.2f} | {100 * seconds / base:.1f}% |")
    total = min(conversion) + min(sentences) + min(actors) + min(analyst)
    print(f"| all extraction | {total:.2f} | {100 * total / base:.1f}% |")


if __name__ == "__main__":
    main()
