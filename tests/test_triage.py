"""A real day triaged: hard news leads, the desk can change the order, the top stories are shown
in full and every other story in one line, every story has a headline a reader can use (never an
id), and copies of one story make one story at any count."""

from __future__ import annotations

import io
import random
import re
from datetime import date

import pypdf
from hypothesis import given, settings
from hypothesis import strategies as st
from test_stories import actor, brief

from briefing.editorial.compose import compose
from briefing.intake.copies import group_copies
from briefing.models import Article, Quote
from briefing.pipeline import render_files
from briefing.presentation.render import Renderer
from briefing.presentation.template_sets import SETS

DAY = date(2026, 11, 21)
SPORT = ["The striker scored twice as the team won the cup final at the stadium.",
         "The club's coach praised the players after the match and the league title race."]
SECURITY = ["The defence minister warned that troops were on alert after a missile attack on the border.",
            "Military officials said the armed forces had been told to prepare for further attacks."]


PLACES = ["Aberdeen", "Bristol", "Cardiff", "Dundee", "Exeter", "Falkirk", "Glasgow", "Hull", "Ipswich", "Jarrow",
          "Kendal", "Leeds"]
THINGS = ["harbour", "meadow", "orchard", "quarry", "viaduct", "lighthouse", "brewery", "cathedral", "marina",
          "windmill", "foundry", "canal"]


def day_of(count: int) -> list:
    """`count` different stories: every other one sport, the rest security news, each with its own
    actor, place and words."""
    def told(n: int) -> list[str]:
        local = f"Residents near the {THINGS[n - 1]} in {PLACES[n - 1]} gathered by the {THINGS[n - 1]} all day."
        return [*(SPORT if n % 2 else SECURITY), local, local.replace("Residents", f"Crowds of {PLACES[n - 1]}")]
    return [brief(n, f"{PLACES[n - 1]} {THINGS[n - 1]}", told(n), [actor(f"Person {n}")]) for n in range(1, count + 1)]


def test_hard_news_leads_and_the_desk_can_put_sport_first():
    briefing = compose(day_of(6), [], title="Brief", day=DAY, top_stories=3)
    top = [story for section in briefing.sections for story in section.stories]
    assert [s.section for s in sorted(top, key=lambda s: s.rank)][:2] == ["Conflict and security"] * 2
    sports_desk = compose(day_of(6), [], title="Brief", day=DAY, top_stories=3, section_priority={"Sport": 8})
    assert sorted(sports_desk.stories, key=lambda s: s.rank)[0].section == "Sport"


def test_the_top_stories_are_in_full_and_the_others_one_line_each_also_today():
    briefing = compose(day_of(12), [], title="Brief", day=DAY, top_stories=4)
    top = [story for section in briefing.sections for story in section.stories]
    also = [story for section in briefing.also_today for story in section.stories]
    assert len(top) == 4 and len(also) == 8 and all(s.in_full for s in top) and not any(s.in_full for s in also)
    assert [s.number for s in briefing.stories] == list(range(1, 13))  # top stories are numbered first
    assert max(s.number for s in top) < min(s.number for s in also)
    assert {p.story for p in briefing.bottom_line} <= {s.number for s in top}


def test_a_quotation_shown_with_its_speaker_is_not_shown_again_as_a_point():
    said = '"We will rebuild every school by the spring," said Ms Okafor.'
    article = brief(1, "Schools to be rebuilt", ["The council approved a plan to rebuild the flooded schools.", said,
                                                 "Work starts in January."], [actor("Ada Okafor", "person", "mayor")])
    start = article.article.text.index("We will")
    quote = Quote(text="We will rebuild every school by the spring,", speaker="Ada Okafor", role="mayor",
                  start=start, end=start + 43)
    (story,) = compose([article.model_copy(update={"quotes": [quote]})], [], title="Brief", day=DAY).stories
    assert [q.speaker for q in story.quotes] == ["Ada Okafor"]
    assert all("rebuild every school" not in p.text for p in [story.lead, *story.points])
    assert "Work starts in January." in [p.text for p in story.points]


def test_the_day_s_key_actors_come_from_the_top_stories_before_the_one_line_ones():
    day = day_of(6)
    day = [b.model_copy(update={"actors": [*b.actors, actor("Sam Often")]}) if b.number in (1, 3) else b for b in day]
    briefing = compose(day, [], title="Brief", day=DAY, top_stories=2, table_rows=3)
    top = {a.name for section in briefing.sections for story in section.stories for a in story.actors}
    assert set(briefing.key_actors[:2]) <= top and "Sam Often" not in briefing.key_actors[:2]
    assert {row.name for row in briefing.actors[:2]} <= top


def test_a_large_day_lists_its_sources_by_outlet_and_says_who_said_what_of_six_speakers_at_most():
    many = [brief(n, f"Story {n}", [f"Ward {n} of the city voted to keep its library open on Monday."],
                  [actor(f"Person {n}")], source="Harbour Post") for n in range(1, 71)]
    many = [b.model_copy(update={"quotes": [Quote(text=f"We kept library {b.number} open for the children.",
                                                   speaker=f"Person {b.number}", start=0, end=10)]})
            for b in many[:9]] + many[9:]
    briefing = compose(many, [], title="Brief", day=DAY, table_rows=20)
    html = Renderer.for_folder(None).text("html", briefing)
    sources = html[html.index('<section class="sources">'):]
    assert '<span id="source-1">[1]</span> Harbour Post' in sources and "Story " not in sources
    # the one story's 70 sources are cited as "[1][2][3][4] +66 more": the list names those it cites
    assert "+66 more" in html and '"source-70"' not in html and "62 more sources, not cited above" in sources
    for kind in ("html", "md"):
        for template_set in SETS:
            text = Renderer.for_folder(None, template_set=template_set).text(kind, briefing)
            heading = max(text.find("Who said what"), text.find("What they said"))
            said = text[heading:text.index("Sources", heading)]
            assert heading > 0 and 1 <= said.count("We kept library") <= 6, (kind, template_set)


def test_a_day_of_a_thousand_stories_prints_as_a_brief_and_says_where_the_rest_are():
    def text(n: int) -> str:
        made = random.Random(n)
        word = lambda: "".join(made.choice("bcdfglmnprstv") + made.choice("aeiou") for _ in range(3))  # noqa: E731
        return f"The {word()} council of {word().title()} voted to {word()} the {word()} and {word()} on Monday."
    day = [brief(n, f"Story {n}", [text(n)], [actor(f"Person {n}")], source="Harbour Post") for n in range(1, 1001)]
    briefing = compose(day, [], title="Brief", day=DAY)
    assert len(briefing.stories) == 1000
    files = render_files(briefing, Renderer.for_folder(None), ["pdf", "html", "md"])
    html, md = files["briefing.html"].decode(), files["briefing.md"].decode()
    assert len(pypdf.PdfReader(io.BytesIO(files["briefing.pdf"])).pages) <= 6
    lines = html.count('<li id="story-')
    assert lines <= 150 and lines == len(re.findall(r"^- \d+\. ", md.split("## Also today")[1], re.MULTILINE))
    said = f"{1000 - sum(len(s.stories) for s in briefing.sections) - lines} more stories left out"
    assert said in html and said in md and "all 1000 are in briefing.json" in md  # the Markdown lists what the PDF does


@settings(max_examples=6, deadline=None)
@given(copies=st.sampled_from([2, 50, 51, 60, 120]) | st.integers(min_value=2, max_value=80))
def test_any_number_of_copies_is_one_story_citing_every_copy(copies):
    text = ("The council approved the new budget on Tuesday after a long debate about local services. "
            "The leader said the plan protects jobs and keeps the library open for another year. " * 3)
    articles = [Article(id=f"outlet-{n}", text=text, source=f"Outlet {n}") for n in range(copies)]
    other = Article(id="other", text="A storm closed the coast road overnight and ferries were cancelled. " * 4)
    groups = group_copies([*articles, other])
    assert sorted(len(g) for g in groups) == [1, copies]


def test_sixty_copies_make_one_story_citing_sixty_sources():
    text = "The port strike ended on Friday after workers accepted a pay offer worth five per cent. " * 4
    articles = [Article(id=f"wire-{n}", text=text, source=f"Paper {n}") for n in range(60)]
    (group,) = group_copies(articles)
    lead = brief(1, "Port strike ends", ["The port strike ended on Friday after workers accepted a pay offer."])
    briefing = compose([lead], [], title="Brief", day=DAY, copies=[group[1:]])
    (story,) = briefing.stories
    assert len(story.citations) == 60 and len(briefing.copies) == 59


def test_two_people_sharing_a_surname_across_articles_stay_two_and_an_honorific_form_is_the_one_named():
    from briefing.editorial.compose import actor_table

    def harris(given: str, role: str):
        return actor(f"{given} Harris", "person", role).model_copy(update={"aliases": ["Harris", "Mr Harris"]})

    briefs = [brief(1, "Cup final", ["Tom Harris scored twice in the final."], [harris("Tom", "striker")]),
              brief(2, "Court case", ["Jane Harris, a lawyer, spoke outside court."], [harris("Jane", "lawyer")]),
              brief(3, "Minister", ["David Cameron spoke on Monday."], [actor("David Cameron", "person", "prime minister")]),
              brief(4, "Minister again", ["Mr Cameron said more on Tuesday."], [actor("Mr Cameron")])]
    rows = {row.name: row for row in actor_table(briefs)}
    assert {"Tom Harris", "Jane Harris", "David Cameron"} <= set(rows) and "Mr Cameron" not in rows
    assert [r.title for r in rows["Tom Harris"].roles] == ["striker"] and rows["David Cameron"].mentions == [0, 0, 3, 3]
    story = compose([briefs[2], briefs[3].model_copy(update={"article": briefs[2].article})], [], title="B", day=DAY)
    assert [a.name for s in story.stories for a in s.actors] == ["David Cameron"]


def test_a_copy_is_cited_only_for_the_sentences_it_says():
    """A wire story and two copies: one with its first sentence rewritten, one with a paragraph
    dropped; each copy is cited for the story but only for the sentences its text has."""
    first = "The port strike ended on Friday after workers accepted a pay offer worth five per cent."
    second = "Ships queued outside the harbour for a week while the dispute went on."
    third = "The union said its members would vote again on pensions in the spring."
    more = ("Shipping lines had warned that supermarket shelves would empty within days if the stoppage went on. "
            "The transport secretary welcomed the agreement and thanked both sides for their patience. "
            "Exporters said the backlog of containers would take at least a fortnight to clear. ")
    story = " ".join([first, second, third]) + " " + more * 3
    rewritten = story.replace(first, "Dockers returned to work at the weekend once a deal was signed by both sides.")
    dropped = story.replace(second, "")
    articles = [Article(id=i, text=t) for i, t in (("wire", story), ("rewrite", rewritten), ("cut", dropped))]
    (group,) = group_copies(articles)
    lead = brief(1, "Port strike ends", [first, second, third], text=story)
    briefing = compose([lead], [], title="Brief", day=DAY, copies=[group[1:]])
    by_copy = {c.article.id: c.number for c in briefing.copies}
    (story_told,) = briefing.stories
    cited = {p.text: p.sources for p in [story_told.lead, *story_told.points]}
    assert cited[first] == [1, by_copy["cut"]]
    assert cited[second] == [1, by_copy["rewrite"]]
    assert cited[third] == sorted([1, *by_copy.values()])
    assert story_told.citations == sorted([1, *by_copy.values()])
