"""An article's date and place, served on loopback in the shapes real sites give them: the feed's
entry first, then the page's own metadata (JSON-LD, meta tags, the byline's time or written date),
then a dateline; never a copyright line, a sidebar or a year the story mentions; an unknown date
stays unknown. Where the feed and the page disagree, and where an article is old, the brief says
so by its source in every template set; a dateline's place is cut from the text and kept."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from briefing.analysis.cleaning import blank_boilerplate
from briefing.analysis.summarise import Length
from briefing.config import Config, FetchConfig
from briefing.editorial.compose import compose
from briefing.intake import read_articles, read_sources
from briefing.intake.feeds import Window, read_feed, read_page
from briefing.intake.web import Fetcher
from briefing.pipeline import brief_articles, render_files
from briefing.presentation.render import Renderer
from briefing.presentation.template_sets import SETS

pytestmark = pytest.mark.timeout(120)

NOW = datetime(2026, 12, 6, 6, tzinfo=UTC)
WINDOW = Window.of(NOW.date(), None, NOW)
PROSE = ("<p>The council said on Thursday that repairs to the harbour wall would take most of the winter, "
         "and that the ferry would run from the north pier until the work is finished next spring.</p>"
         "<p>Engineers found that two sections of the wall had moved during the autumn storms, and the council "
         "has set aside money for the work from its reserves after a vote by its members.</p>")


def news_page(head: str = "", byline: str = "", body: str = PROSE, sidebar: str = "", footer: str = "") -> str:
    """A news page as sites build one: head metadata, an article with its headline, byline and
    body, a sidebar of other stories and a footer."""
    return (f"<html><head><title>Harbour wall repairs close north quay | Harbour News</title>{head}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><main><article>"
            f"<h1>Harbour wall repairs close north quay</h1>{byline}{body}</article>"
            f"<aside><h2>Latest</h2><ul>{sidebar}</ul></aside></main><footer>{footer}</footer></body></html>")


def fetcher() -> Fetcher:
    return Fetcher(FetchConfig(timeout_seconds=2, retries=0, page_seconds=20), allow_private=True)


def rss(*items: tuple[str, str | None]) -> bytes:
    """A feed of (link, pubDate) entries."""
    entries = "".join(f"<item><title>Story {n}</title><link>{link}</link>"
                      + (f"<pubDate>{published}</pubDate>" if published else "") + "</item>"
                      for n, (link, published) in enumerate(items))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback</title>{entries}</channel></rss>'.encode()


def test_no_date_from_a_copyright_line_a_sidebar_or_a_year_in_the_story(site):
    url = site.add("/year.html", news_page(
        body="<p>Their 2003 performance</p>" + PROSE + "<p>The band first played the festival in 1998.</p>",
        sidebar="<li><a href='/a'>Ferry fares rise</a> <span class='date'>November 28, 2026</span></li>",
        footer="<p>© 2003 Harbour News Ltd. All rights reserved.</p>"))
    article = read_page(url, fetcher())
    assert (article.published, article.dated_by) == (None, None)
    [from_feed] = read_feed(rss((url, "Sat, 05 Dec 2026 07:00:00 GMT")), site.url + "/feed.xml", fetcher(), WINDOW).items
    assert (from_feed.published, from_feed.dated_by, from_feed.page_published) == \
        ("2026-12-05T07:00:00+00:00", "feed", None)


@pytest.mark.parametrize("head, byline", [
    ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour wall repairs close north '
     'quay", "datePublished": "2026-12-03T08:00:00Z"}</script>', ""),
    ('<meta property="article:published_time" content="2026-12-03T08:00:00+00:00">', ""),
    ("", '<p class="byline">By Jane Roe <time datetime="2026-12-03T08:00:00Z">3 December</time></p>'),
    ("", "<div>By Jane Roe, December 3, 2026 / 8:00 AM</div>"),
    ("", "<div>By Jane Roe</div><div>Updated December 5, 2026</div><div>Published December 3, 2026</div>"),
], ids=["JSON-LD", "meta tag", "byline time", "byline written", "byline updated later"])
def test_the_page_dates_itself_by_its_own_metadata_not_its_sidebar(site, head, byline):
    url = site.add("/dated.html", news_page(
        head, byline, sidebar="<li><a href='/b'>Tide tables</a> <time datetime='2026-12-05'>5 December 2026</time></li>",
        footer="<p>© 2026 Harbour News</p>"))
    article = read_page(url, fetcher())
    assert (article.published, article.dated_by) == ("2026-12-03", "page")


def test_where_the_feed_and_the_page_disagree_by_three_days_both_are_kept(site):
    url = site.add("/late.html", news_page('<meta property="article:published_time" content="2026-12-02T09:00:00Z">'))
    close = site.add("/close.html", news_page('<meta property="article:published_time" content="2026-12-04T22:00:00Z">'))
    late, agreeing = read_feed(rss((url, "Sat, 05 Dec 2026 07:00:00 GMT"), (close, "Sat, 05 Dec 2026 07:00:00 GMT")),
                               site.url + "/feed.xml", fetcher(), WINDOW).items
    assert (late.published, late.dated_by, late.page_published) == ("2026-12-05T07:00:00+00:00", "feed", "2026-12-02")
    assert (agreeing.published, agreeing.page_published) == ("2026-12-05T07:00:00+00:00", None)


@pytest.mark.parametrize("opening, place", [
    ("OSAKA – Tram drivers", "OSAKA"),
    ("LAGOS, Nigeria — Tram drivers", "LAGOS, Nigeria"),
    ("KESTREL ISLAND - Tram drivers", "KESTREL ISLAND"),
    ("LONDON, Dec 3 (Reuters) - Tram drivers", "LONDON"),
], ids=["en dash", "em dash", "hyphen", "agency"])
def test_a_datelines_place_is_kept_and_cut_from_the_text(tmp_path: Path, opening, place):
    path = tmp_path / "story.txt"
    path.write_text(f"Tram strike\n\n{opening} walked out on Friday over new rosters, the union said.\n\n"
                    "The operator said it would meet the union on Monday.", encoding="utf-8")
    [article] = read_articles([path], 100_000).articles
    assert (article.place, article.published) == (place, None)
    assert blank_boilerplate(article.text).split() == ["Tram", "drivers", *article.text.split()[len(opening.split()):]]


@pytest.mark.parametrize("opening", ["Harbour Trust (HT) said on Friday", "GERMANY - Bunds fell as the"])
def test_an_acronym_in_brackets_or_a_later_section_line_is_no_dateline(tmp_path: Path, opening):
    path = tmp_path / "story.txt"
    path.write_text(f"Tram strike\n\nTram drivers walked out on Friday.\n\nThe operator met the union.\n\n{opening} "
                    "rosters would change.\n\n" if opening.startswith("GERMANY") else
                    f"Tram strike\n\n{opening} that tram drivers walked out over new rosters.", encoding="utf-8")
    [article] = read_articles([path], 100_000).articles
    assert article.place is None


def test_a_dateline_with_its_year_dates_an_undated_article(tmp_path: Path):
    path = tmp_path / "story.txt"
    path.write_text("Tram strike\n\nWASHINGTON, March 5, 2026 — Tram drivers walked out on Friday, the union said.",
                    encoding="utf-8")
    [article] = read_articles([path], 100_000).articles
    assert (article.place, article.published, article.dated_by) == ("WASHINGTON", "2026-03-05", "dateline")
    assert blank_boilerplate(article.text).split()[:3] == ["Tram", "drivers", "walked"]


def test_the_brief_flags_an_old_article_and_a_page_dated_apart_from_its_feed_in_every_set(site, tmp_path: Path,
                                                                                        pipeline):
    old = site.add("/old.html", news_page(
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour wall repairs close north '
        'quay", "datePublished": "2020-03-14T08:00:00Z", "dateModified": "2026-12-04T08:00:00Z"}</script>',
        footer="<p>© 2026 Harbour News</p>"))
    apart = site.add("/apart.html", news_page(
        '<meta property="article:published_time" content="2026-12-02T09:00:00Z">',
        body="<p>OSAKA – Tram drivers in Osaka walked out on Friday over new rosters, stranding thousands of "
             "commuters across the city as the union and the operator traded blame for the dispute.</p>"
             "<p>The operator said it would meet the union on Monday to discuss the rosters, which add two "
             "early shifts a week for most drivers from January.</p>"))
    feed = site.add("/feed.xml", rss((old, None), (apart, "Sat, 05 Dec 2026 07:00:00 GMT")),
                    content_type="application/rss+xml")
    config = Config(base_dir=tmp_path, allow_private_addresses=True, state=tmp_path / "state.sqlite", cache=None,
                    workers=1, fetch=FetchConfig(timeout_seconds=2, retries=0, page_seconds=20))
    intake = read_sources([feed], tmp_path, config, "2026-12-06", NOW)
    briefs = list(brief_articles(intake.articles, config, Length(sentences=2)))
    briefing = compose(briefs, [], title="Desk", day=date(2026, 12, 6))
    assert [(b.old, b.article.page_published, b.article.place) for b in briefing.articles] == \
        [("from 14 March 2020", None, None), (None, "2026-12-02", "OSAKA")]
    shown = [point.text for story in briefing.stories for point in (story.lead, *story.points)]
    assert not any(text.startswith("OSAKA") for text in shown)
    for name in SETS:
        files = render_files(briefing, Renderer.for_folder(None, template_set=name), ["md", "html"])
        for kind in ("briefing.md", "briefing.html"):
            text = files[kind].decode()
            assert "from 14 March 2020" in text and "its page is dated 2026-12-02" in text, (name, kind)
            assert "2026-12-05T07:00" not in text  # the feed's day, not its time stamp
