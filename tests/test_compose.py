from datetime import date

from briefing.editorial.compose import actor_table, compose
from briefing.models import Actor, Article, ArticleBrief, Role, Sentence


def brief(number, title, text, sentences, actors):
    return ArticleBrief(number=number, article=Article(id=f"{number}.txt", title=title, text=text),
                        key_sentences=[Sentence(text=s, paragraph=0, start=0, end=len(s), score=sc)
                                       for s, sc in sentences], actors=actors)


def person(name, mentions, *roles, aliases=(), key=True):
    return Actor(name=name, type="person", mentions=mentions, aliases=list(aliases), key=key,
                 roles=[Role(title=r, sentence="...") for r in roles], weight=float(mentions))


def test_same_actor_across_articles_is_one_row_citing_each_role():
    briefs = [brief(1, "A", "a", [], [person("Sir Keir Starmer", 4, "Prime Minister", "PM",
                                            aliases=["Keir Starmer", "Starmer"])]),
              brief(2, "B", "b", [], [person("Keir Starmer", 6, "Labour leader", aliases=["Starmer"])])]
    (row,) = actor_table(briefs)
    assert row.mentions == [4, 6] and row.roles_differ
    assert [(r.title, r.sources) for r in row.roles] == [("Prime Minister", [1]), ("PM", [1]),
                                                        ("Labour leader", [2])]


def test_the_same_office_worded_twice_is_not_a_disagreement():
    briefs = [brief(1, "A", "a", [], [person("Mette Frederiksen", 1, "Danish PM")]),
              brief(2, "B", "b", [], [person("Mette Frederiksen", 2, "Danish Prime Minister")])]
    (row,) = actor_table(briefs)
    assert not row.roles_differ


def test_copies_are_numbered_after_the_briefed_articles_and_cited_by_them():
    briefs = [brief(n, t, t, [(t + ".", 1.0)], []) for n, t in enumerate(["Storm hits coast", "Rates rise"], 1)]
    copy = Article(id="wire.txt", title="Coast hit by storm", text="Storm hits coast", origin="wire.txt")
    result = compose(briefs, [], title="Brief", day=date(2026, 11, 21), copies=[[copy], []])
    assert [(b.number, b.also_in) for b in result.articles] == [(1, [3]), (2, [])]
    assert [(c.number, c.copy_of, c.article.id) for c in result.copies] == [(3, 1, "wire.txt")]
    assert result.notes[0].text == "a copy of source [1], listed as also in [3]" and not result.skipped


def test_bottom_line_tells_the_headline_story():
    chosen = [("The minister is said to share the view of allies.", 2.0),
              ("Britain could send troops to Greenland as part of a mission.", 1.0)]
    result = compose([brief(1, "Britain could send troops to Greenland", "x", chosen, [])], [],
                     title="Brief", day=date(2026, 11, 21))
    assert [(p.text, p.sources) for p in result.bottom_line] == [(chosen[1][0], [1])]
    (story,) = result.stories
    assert story.in_bottom_line and [p.text for p in story.points] == [chosen[0][0]]


def test_bottom_line_prefers_a_sentence_that_stands_alone():
    chosen = [("The company said AOL's profit rose 8% on advertising.", 3.0),
              ("He said the deal was good.", 2.0),
              ("TimeWarner said fourth quarter sales rose 2% to $11.1bn.", 1.0)]
    result = compose([brief(1, "Ad sales boost Time Warner profit", "x", chosen, [])], [],
                     title="Brief", day=date(2026, 11, 21))
    assert result.bottom_line[0].text == chosen[2][0]


def test_when_every_sentence_points_back_the_headline_is_the_point():
    chosen = [("However, it rose.", 3.0), ("They said so.", 2.0)]
    result = compose([brief(1, "Shares in Acme jump", "x", chosen, [])], [], title="Brief", day=date(2026, 11, 21))
    assert [p.text for p in result.bottom_line] == ["Shares in Acme jump"]


def test_a_point_opening_with_a_title_and_surname_names_the_person_in_full():
    chosen = [("Mr Balls, a prospective Labour MP, said he was confident the chancellor would meet his rules.", 2.0),
              ("Mr Brown was warned not to use extra cash on pre-election bribes, Mr Balls said.", 1.0)]
    actors = [person("Ed Balls", 4, aliases=["Balls", "Mr Balls"]), person("Gordon Brown", 3, aliases=["Mr Brown"])]
    result = compose([brief(1, "Brown ally rejects Budget spree", "x", chosen, actors)], [],
                     title="Brief", day=date(2026, 11, 21))
    (story,) = result.stories
    assert [p.text for p in [story.lead, *story.points]] == [
        "Ed Balls, a prospective Labour MP, said he was confident the chancellor would meet his rules.",
        "Gordon Brown was warned not to use extra cash on pre-election bribes, Mr Balls said."]
    assert result.bottom_line[0].text.startswith("Ed Balls, a prospective")


def test_a_role_one_source_adds_beside_a_shared_one_is_no_difference():
    briefs = [brief(1, "A", "a", [], [person("Michael Howard", 4, "Tory leader")]),
              brief(2, "B", "b", [], [person("Michael Howard", 3, "Tory leader", "Cambridge student")])]
    (row,) = actor_table(briefs)
    assert not row.roles_differ
