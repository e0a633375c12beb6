"""What an analyst adds, as a brief shows it: each top story's strongest quotations with speaker
and role, its figures, and a "What to watch" list of dated things still to come, soonest first,
never a past one; every template set shows them where a reader expects them."""

from __future__ import annotations

from datetime import date

from conftest import ROOT
from test_stories import actor, brief

from briefing.editorial.compose import compose
from briefing.models import Figure, Quote, Upcoming
from briefing.presentation.render import Renderer

DAY = date(2026, 12, 3)


def story_brief():
    base = brief(1, "Port strike ends", ["The port strike ended on Friday after workers accepted a pay offer.",
                                         "The union will ballot members again next Thursday."],
                 [actor("Mary Quinn", "person", "union leader")])
    return base.model_copy(update={
        "quotes": [Quote(text="This is a fair deal for every worker in the port.", speaker="Mary Quinn",
                         role="union leader", start=0, end=10),
                   Quote(text="worth waiting for", speaker="Tom Lake", start=20, end=30),
                   Quote(text="We will watch the talks closely and say more later.", speaker=None,
                         role="a company spokesman", start=40, end=60)],
        "figures": [Figure(text="5% pay rise", start=0, end=5), Figure(text="3,000 workers", start=6, end=9)],
        "upcoming": [Upcoming(text="The union will ballot members again next Thursday.", date="2026-12-10",
                              when="next Thursday", start=70, end=90),
                     Upcoming(text="The strike began on 1 December.", date="2026-12-01", when="1 December",
                              start=0, end=1),
                     Upcoming(text="A review is due later this year.", date=None, when="later this year",
                              start=2, end=3)]})


def test_a_story_shows_its_strongest_whole_quotations_with_speakers_and_its_figures():
    (story,) = compose([story_brief()], [], title="Brief", day=DAY).stories
    assert [(q.speaker, q.role) for q in story.quotes] == [("Mary Quinn", "union leader"),
                                                           (None, "a company spokesman")]
    assert story.figures == ["5% pay rise", "3,000 workers"]


def test_what_to_watch_lists_only_what_is_still_to_come_soonest_first():
    briefing = compose([story_brief()], [], title="Brief", day=DAY)
    assert [(w.date, w.when) for w in briefing.what_to_watch] == [("2026-12-10", "next Thursday"),
                                                                   (None, "later this year")]
    assert all(w.sources == [1] and w.story == 1 for w in briefing.what_to_watch)


def test_an_item_with_no_day_is_ordered_by_the_first_day_its_words_allow():
    """ "in January" comes after a day in December and before one in March; words with no time to
    place them by come last."""
    base = story_brief()
    items = [Upcoming(text="The report is due in January.", date=None, when="in January", earliest="2027-01-01",
                      start=0, end=1),
             Upcoming(text="The vote is on 4 March.", date="2027-03-04", when="4 March", start=2, end=3),
             *base.upcoming]
    briefing = compose([base.model_copy(update={"upcoming": items})], [], title="Brief", day=DAY)
    assert [w.when for w in briefing.what_to_watch] == ["next Thursday", "in January", "4 March", "later this year"]


def test_every_set_shows_speakers_and_what_to_watch():
    briefing = compose([story_brief()], [], title="Brief", day=DAY)
    for template_set, heading in (("default", "What to watch"), ("note", "Next steps")):
        for kind in ("md", "html"):
            text = Renderer.for_folder(None, template_set=template_set).text(kind, briefing)
            assert heading in text and "2026-12-10" in text and "1 December" not in text
    md = Renderer.for_folder(None, template_set="default").text("md", briefing)
    assert "**Mary Quinn** (union leader): “This is a fair deal" in md and "Figures: 5% pay rise; 3,000 workers" in md
    assert "**A company spokesman**" in md


TOWNS = ["Calder", "Veldra", "Harwood", "Ashby", "Brenton", "Corrow", "Dunmere", "Elford", "Farleigh", "Glenmoor",
         "Hollins", "Ivybridge"]


def test_what_to_watch_on_a_busy_day_lists_the_top_stories_items_soonest_first_and_counts_the_rest(tmp_path):
    """Twelve stories each announce a vote: the lists show the eight of the most important stories,
    soonest first, and say how many more there are."""
    briefs = [brief(n, f"{town} council row", [f"The {town} council met over the {town} bridge repairs."],
                    [actor(f"{town} Council", "organisation")], published="2026-12-03" if n % 2 else "2026-11-20")
              .model_copy(update={"upcoming": [Upcoming(text=f"{town} votes on the bridge on {30 - n} December.",
                                                         date=f"2026-12-{30 - n}", when=f"{30 - n} December",
                                                         start=0, end=1)]})
              for n, town in enumerate(TOWNS, 1)]
    briefing = compose(briefs, [], title="Brief", day=DAY)
    assert len(briefing.what_to_watch) == 12
    top = sorted(briefing.what_to_watch, key=lambda w: w.rank)[:8]
    expected = [w.text for w in briefing.what_to_watch if w in top]  # soonest first
    assert {w.rank for w in top} != {w.rank for w in briefing.what_to_watch[:8]}  # not merely the soonest
    for template_set in ("default", "note"):
        md = Renderer.for_folder(None, template_set=template_set).text("md", briefing)
        html = Renderer.for_folder(None, template_set=template_set).text("html", briefing)
        listed = [line for line in md.splitlines() if " votes on the bridge on " in line and line.startswith("- ")]
        assert [next(w.text for w in briefing.what_to_watch if w.text in line) for line in listed] == expected
        assert "4 more things to come in the day's stories, all in briefing.json." in md
        assert sum(w.text in html for w in briefing.what_to_watch) == 8 and "4 more things to come" in html
    (tmp_path / "parts.j2").write_text((ROOT / "templates" / "default" / "parts.j2").read_text().replace(
        "{% set watch_rows = 8 %}", "{% set watch_rows = 3 %}"))
    md = Renderer.for_folder(tmp_path).text("md", briefing)  # a user's parts.j2 sets how many
    assert sum(w.text in md for w in briefing.what_to_watch) == 3 and "9 more things to come" in md


def said(number, title, quotes):
    """An article by Mary Quinn's union, with her quotations."""
    base = brief(number, title, ["The port strike ended on Friday after workers accepted a pay offer."],
                 [actor("Mary Quinn", "person", "union leader")])
    return base.model_copy(update={"quotes": [Quote(text=t, speaker="Mary Quinn", role="union leader", start=i * 100,
                                                    end=i * 100 + 50) for i, t in enumerate(quotes)]})


def test_the_actor_table_says_who_said_what_across_sources():
    """Each row carries what the actor said, whole sentences first; the same words in two sources
    are one quotation citing both; a fragment or a third quotation is left out."""
    briefing = compose([said(1, "Port strike ends", ["worth the wait", "This is a fair deal for every worker."]),
                        said(2, "Dockers back at work", ["This is a fair deal for every worker.",
                                                         "We will hold the company to every line of it,",
                                                         "Nobody wanted a long strike."])],
                       [], title="Brief", day=DAY)
    (row,) = [r for r in briefing.actors if r.name == "Mary Quinn"]
    assert [(q.text, q.sources) for q in row.quotes] == [("This is a fair deal for every worker.", [1, 2]),
                                                         ("Nobody wanted a long strike.", [2])]


def test_every_set_shows_who_said_what_beside_the_actors():
    briefing = compose([said(1, "Port strike ends", ["This is a fair deal for every worker."])], [], title="Brief",
                       day=DAY)
    for template_set in ("default", "note", "one-page"):
        for kind in ("md", "html"):
            text = Renderer.for_folder(None, template_set=template_set).text(kind, briefing)
            actors = text[text.index("Key actors"):]
            assert "Mary Quinn" in actors and "(union leader): “This is a fair deal for every worker.”" in actors, \
                (template_set, kind)
            assert "source-1" in actors[actors.index("This is a fair deal"):], (template_set, kind)


def test_the_note_gives_each_storys_quotations_and_figures_in_its_background():
    briefing = compose([story_brief()], [], title="Brief", day=DAY)
    for kind in ("md", "html"):
        text = Renderer.for_folder(None, template_set="note").text(kind, briefing)
        background = text[text.index("Background"):text.index("Next steps")]
        assert "Mary Quinn (union leader): “This is a fair deal" in background, kind
        assert "A company spokesman: “We will watch" in background, kind
        assert "Figures: 5% pay rise; 3,000 workers" in background, kind
