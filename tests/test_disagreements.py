"""Where sources differ, as a reader sees it: the seeds give Keir Starmer incompatible positions
(Prime Minister in one, Labour leader and opposition leader in the other), and every template set
shows it in Markdown, HTML and PDF; the same office in other words is no disagreement. Two
sources dating one event of a story differently (the vote on 14 January, on 21 January) is one too."""

from __future__ import annotations

import io
from datetime import date

import pypdf
import pytest
from conftest import squash

from briefing.editorial.compose import role_disagreements
from briefing.models import ActorRow, RoleCitation
from briefing.pipeline import render_files
from briefing.presentation.render import Renderer


def row(*roles: tuple[str, list[int]]) -> ActorRow:
    return ActorRow(name="Ann Lee", type="person", roles=[RoleCitation(title=t, sources=s) for t, s in roles],
                    mentions=[2, 2], key=True, roles_differ=True)


def test_an_office_against_a_party_or_opposition_leadership_is_a_disagreement_by_source():
    (found,) = role_disagreements([row(("Prime Minister", [1]), ("PM", [1]), ("Labour leader", [2]),
                                       ("opposition leader", [2]))])
    assert [(c.value, c.sources) for c in found.claims] == [("Prime Minister", [1]),
                                                            ("Labour leader, opposition leader", [2])]


def test_descriptions_are_not_positions():
    assert role_disagreements([row(("student", [1]), ("campaigner", [2]))]) == []


@pytest.mark.parametrize("template_set", ["default", "one-page", "note"])
def test_every_set_shows_the_seeds_disagreement_in_every_format(seed_run, template_set):
    (item,) = [d for d in seed_run.briefing.disagreements if "Starmer" in d.subject]
    files = render_files(seed_run.briefing, Renderer.for_folder(None, template_set=template_set), ["md", "html", "pdf"])
    pdf = squash("".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(files["briefing.pdf"])).pages))
    for text in (files["briefing.md"].decode(), files["briefing.html"].decode(), pdf):
        shown = squash(text)
        assert squash("Keir Starmer") in shown and squash("Prime Minister") in shown
        assert squash("Labour leader, opposition leader") in shown
    assert [c.sources for c in item.claims] == [[1], [2]]


LEVY = ("Island councillors will decide the fate of the ferry levy in a vote next month, after a campaign that has "
        "split the Kestrel Island community.\n\nThe vote will be held on {day} January, council leader Moira Dunn "
        "said on Friday.\n\nMoira Dunn said the ferry levy would pay for a new harbour wall and two new ferries, and "
        "that the council had no other way to raise the money.\n\nCampaigners against the ferry levy say it will "
        "drive young families off Kestrel Island and have written to every councillor.")


@pytest.fixture(scope="module")
def levy_briefing(pipeline):
    from briefing.analysis.summarise import Length
    from briefing.config import Config
    from briefing.editorial.compose import compose
    from briefing.models import Article
    from briefing.pipeline import brief_articles

    articles = [Article(id=f"levy-{n}", title=f"Kestrel Island ferry levy vote set for {day} January", source=outlet,
                        text=LEVY.format(day=day), published="2026-12-05")
                for n, (day, outlet) in enumerate([(14, "Island Voice"), (21, "Harbour News")], start=1)]
    briefs = list(brief_articles(articles, Config(cache=None, workers=1), Length(sentences=3)))
    return compose(briefs, [], title="Desk", day=date(2026, 12, 6))


def test_two_sources_giving_one_event_different_dates_is_a_disagreement_in_every_set(levy_briefing):
    (story,) = levy_briefing.stories
    (item,) = [d for d in levy_briefing.disagreements if d.kind == "date"]
    assert item.subject == story.headline
    assert [(c.value, c.sources) for c in item.claims] == [("the vote on 14 January 2027", [1]),
                                                           ("the vote on 21 January 2027", [2])]
    for template_set in ("default", "one-page", "note"):
        files = render_files(levy_briefing, Renderer.for_folder(None, template_set=template_set), ["md", "html"])
        for text in (files["briefing.md"].decode(), files["briefing.html"].decode()):
            assert squash("the vote on 14 January 2027") in squash(text)
            assert squash("the vote on 21 January 2027") in squash(text)


def test_one_event_on_the_same_date_or_dated_twice_by_one_source_is_no_disagreement():
    from briefing.editorial.compose import date_disagreements
    from briefing.models import Article, ArticleBrief, Point, Story, Upcoming

    def brief(number: int, *days: str) -> ArticleBrief:
        return ArticleBrief(number=number, article=Article(id=str(number), text="x"), key_sentences=[], actors=[],
                            upcoming=[Upcoming(text="The hearing is on that day.", date=d, when=d, event="hearing",
                                               start=0, end=1) for d in days])

    story = Story(number=1, headline="Hearing", section="Other news", sources=[1, 2, 3],
                  lead=Point(text="A hearing.", sources=[1]), points=[], actors=[])
    same = [brief(1, "2027-01-14"), brief(2, "2027-01-14"), brief(3, "2027-01-14", "2027-01-21")]
    assert date_disagreements([story], same) == []
