"""News pages read as their reader sees them, served on loopback: the whole story whatever its
markup, none of the page's furniture, and metadata checked. The pages (tests/data/pages-shapes,
written for the project in the shapes publishers' pages take) each hold cases that the reader
once got wrong: a body of <br>-separated text in a layout table beside a cookie notice, a drop
cap in its own span, a link in a styled span, footnote markers, loose text beside a block, an
offer box, a contact table, embedded and pasted tweets, app and newsletter prompts, a section
label as the site name, bylines that are addresses, placeholders or run into a date, sidebar and
copyright dates, an old article, datelines, and a paywall."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import DATA

from briefing.analysis import nlp
from briefing.config import Config, FetchConfig
from briefing.errors import SourceError
from briefing.intake import read_sources
from briefing.intake.feeds import read_feed, read_page
from briefing.intake.web import Fetcher
from briefing.models import Article

pytestmark = pytest.mark.timeout(60)

SHAPES = DATA / "pages-shapes"
PAGES = json.loads((SHAPES / "pages.json").read_text(encoding="utf-8"))
#: The pages that hold each kind of case: text (body or furniture), metadata, dateline.
CASES = {case: [name for name, page in PAGES.items() if case in page["cases"]] for case in ("text", "metadata", "dateline")}
NOW = datetime(2026, 12, 6, 6, tzinfo=UTC)


def fetcher() -> Fetcher:
    return Fetcher(FetchConfig(timeout_seconds=2, retries=0, page_seconds=20), allow_private=True)


def page(site, name: str, *changes: tuple[str, str]) -> str:
    """Serve a page of tests/data/pages-shapes on loopback, each (old, new) change made first."""
    html = (SHAPES / name).read_text(encoding="utf-8")
    for old, new in changes:
        assert old in html, old
        html = html.replace(old, new)
    return site.add(f"/news/{name}", html)


def read(site, name: str, *changes: tuple[str, str]) -> Article:
    return read_page(page(site, name, *changes), fetcher())


@pytest.mark.parametrize("name", CASES["text"])
def test_a_page_gives_its_whole_story_without_its_furniture(site, name):
    article, expected = read(site, name), PAGES[name]
    missing = [text for text in expected["with"] if text not in article.text]
    furniture = [text for text in expected["without"] if text in article.text]
    assert (missing, furniture) == ([], [])
    assert article.title == expected["title"]


@pytest.mark.parametrize("name", CASES["metadata"])
def test_a_pages_outlet_author_and_date_are_its_own(site, name):
    article, expected = read(site, name), PAGES[name]
    assert (article.source, article.author, article.published) == \
        (expected["source"], expected["author"], expected["published"])


def test_a_paywalled_page_is_skipped_for_want_of_article_text(site):
    with pytest.raises(SourceError, match="^no article text"):
        read(site, "northgazette-paywall.html")


def test_a_page_that_is_mostly_prompts_is_skipped(site):
    teaser = ("For three years the village of Achmore has been split over 40 turbines on the hill above it, and the "
              "community council that backed them has lost every one of its seats. Families who have farmed the glen "
              "for generations now sit on opposite sides of the village hall.")
    prompts = "".join(f"<p>{text}</p>" for text in (
        "Subscribe to continue reading this article and get unlimited access to everything we publish online.",
        "Already a subscriber? Log in to your account to keep reading the full story and our whole archive.",
        "Sign up for The North Gazette morning newsletter and get the day's top stories in your inbox by 7am.",
        "Download our app for iPhone and Android to read The North Gazette wherever you are, even offline."))
    with pytest.raises(SourceError, match="^no article text .mostly"):
        read(site, "northgazette-paywall.html",
             ("<p>For three years the village of Achmore has been split over 40 turbines on the hill above it.</p>",
              f"<p>{teaser}</p>"), ("article__teaser", "article__intro"),
             ('<div class="paywall">', f"{prompts}<div class=\"paywall\">"))


def test_no_sidebar_date_or_copyright_year_is_taken_for_the_articles(site):
    article = read(site, "coastalexpress-jetty.html",
                   ('<time datetime="2026-12-03T08:15:00">Thursday, December 3, 2026</time>', ""))
    assert article.published is None


@pytest.mark.parametrize("changes, author", [
    ([('<meta name="author" content="https://www.meridianwire.example/authors/">',
       '<meta name="author" content="https://www.facebook.com/adaeze.okonkwo">'),
      ('By <a href="/authors/adaeze-okonkwo/" rel="author">Adaeze Okonkwo</a>', 'Article by <a href="/authors/"></a>')],
     None),
    ([('<meta name="author" content="https://www.meridianwire.example/authors/">', '<meta name="author" content="No Author">'),
      ('<link rel="canonical"', '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Lagos", '
                                '"author": {"@type": "Person", "name": "No Author"}}</script>\n<link rel="canonical"')],
     "Adaeze Okonkwo"),
    ([('By <a href="/authors/adaeze-okonkwo/" rel="author">Adaeze Okonkwo</a>',
       'By Meridian Wire News December 5, 2026 / 2:02 PM UTC')], "Meridian Wire News"),
], ids=["address and empty byline", "placeholder", "byline run into its date"])
def test_an_author_must_read_as_a_name(site, changes, author):
    assert read(site, "meridianwire-lagos.html", *changes).author == author


@pytest.mark.parametrize("changes, outlet", [
    ([], "Meridian Wire"),
    ([('<link rel="canonical"', '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Lagos", '
                                '"publisher": {"@type": "Organization", "name": "Meridian Wire Service"}}</script>\n'
                                '<link rel="canonical"')], "Meridian Wire Service"),
    ([("decade of delays | Meridian Wire</title>", "decade of delays</title>")], "meridianwire.example"),
], ids=["section as site name", "publisher", "domain"])
def test_the_outlet_is_the_sites_name_never_a_section(site, changes, outlet):
    assert read(site, "meridianwire-lagos.html", *changes).source == outlet


@pytest.mark.parametrize("name", CASES["dateline"])
def test_a_dateline_or_an_outlets_name_before_a_dash_is_cut_from_the_first_sentence(site, pipeline, name):
    article, dateline = read(site, name), PAGES[name]["dateline"]
    assert dateline in article.text
    sentences = [unit.text for unit in next(nlp.parse(pipeline, [article])).sentences]
    assert [text for text in sentences if dateline in text] == []
    assert any(text.startswith(PAGES[name]["with"][0]) for text in sentences)


def rss(link: str, published: str) -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback</title><item><title>Bridge</title>'
            f'<link>{link}</link><pubDate>{published}</pubDate></item></channel></rss>').encode()


def test_where_the_feed_and_the_page_disagree_on_the_date_the_feeds_is_kept_and_the_pages_beside_it(site):
    link = page(site, "eastgatepost-bridge.html")
    [article] = read_feed(rss(link, "Sat, 05 Dec 2026 07:00:00 GMT"), site.url + "/feed.xml", fetcher(), None, NOW)
    assert (article.published, article.dated_by, article.page_published) == \
        ("2026-12-05T07:00:00+00:00", "feed", "2020-03-14")
    [agreeing] = read_feed(rss(link, "Sat, 14 Mar 2020 09:00:00 GMT"), site.url + "/feed.xml", fetcher(), None, NOW)
    assert (agreeing.published, agreeing.page_published) == ("2020-03-14T09:00:00+00:00", None)


def test_an_old_page_is_dated_by_its_original_date_not_its_update(site, tmp_path: Path):
    config = Config(base_dir=tmp_path, allow_private_addresses=True, state=tmp_path / "state.sqlite",
                    fetch=FetchConfig(timeout_seconds=2, retries=0, page_seconds=20))
    old, new = page(site, "eastgatepost-bridge.html"), page(site, "islandvoice-levy.html")
    intake = read_sources([old, new], tmp_path, config, "2026-12-06", NOW)
    assert [(a.published, a.dated_by) for a in intake.articles] == [("2020-03-14", "page"), ("2026-12-05", "page")]


def test_furniture_rules_spare_the_story():
    """Each rule's furniture goes; sentences of a story that use the same words stay."""
    from briefing.intake.furniture import furniture

    for text in ("The website uses cookies and other technology to improve your experience. Accept",
                 "Download on the App Store Get it on Google Play",
                 "Subscribe from just $1 a week for unlimited access.", "Read more: What the levy means",
                 "— Rina Hoshino (@rinahoshino_osk) December 5, 2026", "(Credit: Ana Ruiz / Moneydesk)",
                 "Reporting by Adaeze Okonkwo; Editing by Paul Tremayne", "- Advertisement -", "Posted on"):
        assert furniture(text), text
    for text in ("The regulator said the website uses cookies to track children, which the law forbids, and fined "
                 "the company 4 million pounds on Tuesday after a two-year inquiry into its apps.",
                 "Subscribers to the scheme rose by a fifth, the council said.",
                 "Read the full judgment, the lawyer urged, before calling it a victory.",
                 "The photo agency said its staff would strike on Monday.",
                 "Apple cut the fees it charges developers on the App Store, the European Commission said.",
                 "Regulators said publishers must get consent before setting cookies on readers' devices."):
        assert furniture(text) is None, text
