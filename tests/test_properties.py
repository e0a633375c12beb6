"""Invariants of the brief, checked on generated articles (hypothesis): every shown sentence lies
inside its article where its offsets say; every article and copy gets exactly one source number,
1 to N; a brief does not depend on the order of its inputs beyond their numbers; and N copies of
a text make one group for any N. Articles are built as briefs directly where the invariant is
editorial, and only short texts are parsed."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis.summarise import Length, key_sentences
from briefing.analysis.summarise.standalone import mended
from briefing.editorial.compose import compose
from briefing.intake.copies import SHINGLE_WORDS, group_copies
from briefing.intake.grouping import MAX_POSTING
from briefing.intake.words import WORD
from briefing.models import Actor, Article, ArticleBrief, Briefing, Role, Sentence

DAY = date(2026, 11, 21)
#: Few words, so that generated articles often share enough of them to be one story.
WORDS = ["council", "budget", "minister", "election", "vote", "police", "court", "storm", "flood", "bank", "rates",
         "match", "goal", "players", "hospital", "company", "shares", "profits", "workers", "strike", "bridge",
         "river", "report", "plan", "jobs", "prices", "energy", "school", "troops", "border"]
NAMES = {"Anna Berg": "person", "Tom Reed": "person", "Acme Bank": "organisation", "City Council": "organisation",
         "Leeds": "place"}
VERBS = ["said", "warned", "announced", "denied", "confirmed", "expected"]
#: How a sentence may open: with a connective the summariser drops, or straight with its subject.
OPENINGS = ["", "However, ", "But ", "Meanwhile ", "Also, "]
SUBJECTS = [*NAMES, "The minister", "Officials", "He", "She", "These workers", "This plan"]
#: The first words of a sentence that its repairs may change.
REPAIRED = {*(o.strip() for o in OPENINGS if o), "He", "She", "His", "Her", "Its", "These", "This", "The"}
#: The most opening words a repair replaces ("The former Los Angeles Lakers player" -> a name).
REPLACED = 6


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """One sentence: an opening, a subject, a verb and a few words, perhaps a figure; or a quotation."""
    subject, verb = draw(st.sampled_from(SUBJECTS)), draw(st.sampled_from(VERBS))
    words = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=9)))
    figure = draw(st.sampled_from(["", " for 12 people", " worth £5m", " after 3,000 jobs went"]))
    quoted, opening = draw(st.booleans()) and draw(st.booleans()), draw(st.sampled_from(OPENINGS))
    if (quoted or opening) and subject not in NAMES:
        subject = subject[0].lower() + subject[1:]
    if quoted:
        return f"\u201cThe {words} will go on{figure},\u201d {subject} {verb}."
    return f"{opening}{subject} {verb} the {words}{figure}{draw(st.sampled_from(['.', '!', '?']))}"


@st.composite
def texts(draw: st.DrawFn) -> str:
    """Paragraphs of sentences, with the spacing and line breaks articles come with."""
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=4), min_size=1, max_size=4))
    within = draw(st.sampled_from([" ", "  ", "\n"]))
    between = draw(st.sampled_from(["\n\n", "\n\n\n", "\n \n", "\r\n\r\n"]))
    return between.join(within.join(paragraph) for paragraph in paragraphs)


@settings(max_examples=60, deadline=None)
@given(text=texts(), title=st.none() | st.sampled_from(["Council budget vote", "Storm hits Leeds"]),
       shown=st.integers(min_value=1, max_value=6))
def test_every_shown_sentence_lies_inside_its_article_where_its_offsets_say(parse, text, title, shown):
    sentences = key_sentences(parse(text, title), Length(sentences=shown))
    for sentence in sentences:
        assert 0 <= sentence.start < sentence.end <= len(text)
        span = text[sentence.start:sentence.end]
        assert span == span.strip() and not text[sentence.start - 1:sentence.start].isalnum() \
            and not text[sentence.end:sentence.end + 1].isalnum()  # whole words
        written, kept = mended(span).split(), sentence.text.split()
        if kept != written:  # repaired: at most its first few words changed
            assert written[0] in REPAIRED and any(kept[-(len(written) - k):] == written[k:]
                                                  for k in range(1, min(REPLACED, len(written) - 1) + 1)), \
                (span, sentence.text)
    assert all(first.end <= second.start for first, second in zip(sentences, sentences[1:]))


@st.composite
def briefs(draw: st.DrawFn, index: int) -> tuple[ArticleBrief, list[Article]]:
    """An article's brief (key sentences where its text has them, actors of a few names) and its copies."""
    said = draw(st.lists(sentences(), min_size=1, max_size=4))
    text = " ".join(said)
    starts = [sum(len(s) + 1 for s in said[:i]) for i in range(len(said))]
    chosen = sorted(draw(st.sets(st.integers(0, len(said) - 1), max_size=3)))
    names = draw(st.lists(st.sampled_from(list(NAMES)), unique=True, max_size=3))
    roles = draw(st.lists(st.sampled_from(["Prime Minister", "chief executive", "finance minister"]), max_size=1))
    actors = [Actor(name=name, type=NAMES[name], mentions=draw(st.integers(1, 5)), key=draw(st.booleans()),
                    weight=draw(st.floats(0, 10)), roles=[Role(title=r, sentence=said[0]) for r in roles])
              for name in names]
    article = Article(id=f"article-{index}", text=text, origin=f"article-{index}.txt",
                      title=draw(st.none() | st.sampled_from(["Council budget vote", "Storm hits Leeds", " "])),
                      published=draw(st.none() | st.sampled_from(["2026-11-19", "2026-11-21", "2026-11-10"])),
                      source=draw(st.none() | st.sampled_from(["Daily Post", "Evening News"])))
    brief = ArticleBrief(number=index + 1, article=article, actors=actors,
                         key_sentences=[Sentence(text=said[i], paragraph=0, start=starts[i],
                                                 end=starts[i] + len(said[i]), score=1.0) for i in chosen])
    copies = [article.model_copy(update={"id": f"article-{index}-copy-{n}", "title": draw(st.none() | st.just("Copy"))})
              for n in range(draw(st.integers(0, 2)))]
    return brief, copies


@st.composite
def days(draw: st.DrawFn) -> list[tuple[ArticleBrief, list[Article]]]:
    """A day's briefs, each with its copies."""
    return [draw(briefs(index)) for index in range(draw(st.integers(1, 7)))]


def brief_of(day: list[tuple[ArticleBrief, list[Article]]], top_stories: int = 8) -> Briefing:
    return compose([brief for brief, _ in day], [], title="Brief", day=DAY, top_stories=top_stories,
                   copies=[copies for _, copies in day])


@settings(max_examples=80, deadline=None)
@given(day=days(), top=st.integers(1, 8))
def test_every_article_and_copy_has_exactly_one_source_number_from_1_to_n(day, top):
    briefing = brief_of(day, top)
    count = sum(1 + len(copies) for _, copies in day)
    numbers = [b.number for b in briefing.articles] + [c.number for c in briefing.copies]
    assert sorted(numbers) == list(range(1, count + 1))
    # articles are numbered in the order given, and each copy cites the article it copies
    assert [b.article for b in briefing.articles] == [brief.article for brief, _ in day]
    for number, (_, copies) in enumerate(day, start=1):
        shown = briefing.articles[number - 1]
        assert shown.number == number
        assert [c.article for c in briefing.copies if c.copy_of == number] == copies
        assert shown.also_in == [c.number for c in briefing.copies if c.copy_of == number]
    # every number is in exactly one story, and everything cited is a number
    stories = briefing.stories
    assert sorted(n for s in stories for n in s.citations) == list(range(1, count + 1))
    assert all(s.copies == sorted(n for a in s.sources for n in briefing.articles[a - 1].also_in) for s in stories)
    points = [*briefing.bottom_line, *(p for s in stories for p in (s.lead, *s.points))]
    assert all(set(p.sources) <= set(numbers) for p in points)
    assert all(len(row.mentions) == len(briefing.articles) for row in briefing.actors)


def told(briefing: Briefing) -> list[tuple[list[str], list[str]]]:
    """The stories as the articles and copies they are made of, by id (numbers aside)."""
    ids = {b.number: b.article.id for b in briefing.articles} | {c.number: c.article.id for c in briefing.copies}
    return sorted((sorted(ids[n] for n in s.sources), sorted(ids[n] for n in s.copies)) for s in briefing.stories)


@settings(max_examples=80, deadline=None)
@given(day=days(), data=st.data())
def test_a_brief_does_not_depend_on_the_order_of_its_inputs_beyond_their_numbers(day, data):
    shuffled = data.draw(st.permutations(day))
    first, second = brief_of(day), brief_of(shuffled)
    assert told(first) == told(second)
    copied = {c.article.id: first.articles[c.copy_of - 1].article.id for c in first.copies}
    assert copied == {c.article.id: second.articles[c.copy_of - 1].article.id for c in second.copies}


@st.composite
def copies_of(draw: st.DrawFn, text: str, index: int) -> Article:
    """A copy of `text` as another outlet runs it: its own headline, perhaps a byline, boilerplate
    after it, other spacing and case, or cut short."""
    words = text.split()
    kept = words[:draw(st.integers(len(words) * 4 // 5, len(words)))]
    byline = draw(st.sampled_from(["", "By Staff Reporter", "From our correspondent in Leeds"]))
    footer = draw(st.sampled_from(["", "Copyright 2026 Outlet. All rights reserved.", "Share this story"]))
    body = draw(st.sampled_from([" ", "\n", "  "])).join(kept)
    if draw(st.booleans()):
        body = body.upper()
    return Article(id=f"outlet-{index}", title=draw(st.none() | st.sampled_from(["Budget row", "Council vote"])),
                   text="\n\n".join(part for part in (byline, body, footer) if part), source=f"Outlet {index}")


#: Distinct five-word runs that every copy of a generated text keeps, at least, as an article's do: the
#: index of copies proposes pairs from a sample of the runs (one in `copies.SAMPLE`), which a text of
#: a few runs repeated ("council council ...") may leave without one.
MIN_RUNS = 40


def runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


@settings(max_examples=25, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS + VERBS + ["the", "a", "of", "in"]), min_size=60, max_size=120)
       .filter(lambda words: len(runs(words[:len(words) * 4 // 5])) >= MIN_RUNS),
       count=st.sampled_from([1, 2, MAX_POSTING, MAX_POSTING + 1, 3 * MAX_POSTING]) | st.integers(1, 2 * MAX_POSTING),
       data=st.data())
def test_n_copies_of_a_text_make_one_group_for_any_n(words, count, data):
    text = " ".join(words)
    articles = [data.draw(copies_of(text, index)) for index in range(count)]
    (group,) = group_copies(articles)
    assert sorted(a.id for a in group) == sorted(a.id for a in articles)
    assert len(WORD.findall(group[0].text)) == max(len(WORD.findall(a.text)) for a in articles)  # the fullest first
