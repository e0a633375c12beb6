"""Lines of a page's text that are furniture, not the story, as rule data: one table of
patterns, each with a name (compare analysis/cleaning.py, which marks sentences of any text).

The page's markup already lost its embedded posts, consent banners and offer boxes
(`page_body`); these rules catch the same furniture when the markup gave no sign of it: a
paragraph that asks the reader to accept cookies, subscribe, sign up, download an app, share or
read another story; a tweet pasted as text; a picture credit or a caption that ends in one; a
sign-off; a label without its value ("Release Date:", "Posted on"); a contributor's note that
closes the text with how to reach them ("Jane Roe is the founder of ... Follow us on ..."); and
the headline where it opens the text (with a kicker before it), which the brief shows already.

A furniture paragraph is short (`MAX_FURNITURE_WORDS`, `MAX_FURNITURE_CHARS`); a longer one is
never dropped by a rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Longest paragraph (words, characters) a rule may drop.
MAX_FURNITURE_WORDS = 60
MAX_FURNITURE_CHARS = 600
#: Fewest words of article text a page must give to be briefed.
MIN_ARTICLE_WORDS = 40
#: Words of a line before the repeated headline that is dropped with it (a kicker: "Long read").
MAX_KICKER_WORDS = 5
#: A contributor's note closing the text (at most `MAX_NOTE_CHARS`): a name, "is a/the ...", and
#: how to reach them.
CONTRIBUTOR = re.compile(r"^(?:[A-Z][\w'’.-]{0,30}[ \t]){1,3}is (?:a|an|the|our)\b")
CONTACT = re.compile(r"\bfollow (?:us|me|her|him|them)\b|\be-?mail\b|\[email|\b\d{3}[- ]\d{4}\b|(?<!\w)@\w", re.I)
MAX_NOTE_CHARS = 1500


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]


def _rule(name: str, pattern: str, flags: int = re.I) -> Rule:
    return Rule(name, re.compile(pattern, flags))


# Every repetition is bounded or cannot overlap its neighbour (tests/hostile/test_regexes.py).
RULES: tuple[Rule, ...] = (
    # the site speaking to its reader: "The website uses cookies ... you agree to our use of cookies",
    # "We and our partners use cookies ... accept", "Accept all cookies"
    _rule("cookie notice", r"^(?=.{0,400}\b(?:we|our|you|your|this (?:web)?site|the website)\b).{0,400}\bcookies?\b"
                           r".{0,300}\b(?:accept|agree|consent|preferences|settings|policy|continu(?:e|ing) to use|"
                           r"improve)|^(?:accept|allow|manage)\b.{0,40}\bcookies\b"),
    # "Subscribe from just $1 a week...", "Already a subscriber? Log in", "Sign up for our newsletter"
    _rule("subscription prompt", r"^(?:subscribe|subscribers?[ \t]only|become a (?:member|subscriber))\b|"
                                 r"\balready (?:a )?(?:subscriber|member)\b|\bunlimited (?:digital )?access\b|"
                                 r"\bsubscribe (?:now|today|to (?:continue|read|our))\b"),
    _rule("newsletter prompt", r"^(?:sign up|sign-up|get|receive|join|enter your e-?mail)\b.{0,120}"
                               r"\b(?:newsletter|inbox|e-?mail|briefing|alerts?)\b|\bnewsletters?\b.{0,60}\bsign up\b"),
    # "Download our app for iPhone and Android", "Download on the App Store", "Get it on Google Play"
    _rule("app prompt", r"\b(?:download|get it|available|find us)\b.{0,60}\b(?:app store|google play)\b|"
                        r"\bdownload (?:our|the)\b.{0,60}\bapp\b|\bour app\b.{0,40}\b(?:iphone|android|ios)\b"),
    # "Read more: ...", "Related", "See also: ...", "Share this article"
    _rule("link prompt", r"^(?:read more|read also|also read|more reading|related(?: stories| articles| coverage)?|"
                         r"see also|recommended|more on this(?: story)?|click here|follow us|share (?:this|on)|"
                         r"share|watch|listen)\b[ \t]{0,3}(?:[:|»›>–—-]|$)"),
    # a tweet pasted as text: its picture address or its signature ("— Name (@handle) July 3, 2019")
    _rule("social post", r"pic\.twitter\.com/|^[—–-][ \t]{0,3}[^()\n]{1,80}\(@\w{1,30}\)|"
                         r"^(?:view this post on instagram|a post shared by)\b"),
    # "(Credit: Clayton Aldern / Grist)", "Photograph: Ruth Abernethy/The Northern Review"
    _rule("picture credit", r"^\(?(?:photo|photograph|picture|image|illustration|graphic|video|credit)s?"
                            r"(?:[ \t]credit)?[ \t]{0,3}(?::|by\b)[^.]{0,120}\)?$"),
    # a caption that ends in its credit: "... daily briefings. Photo: Jonathan Nackstrand/AFP"
    _rule("caption with credit", r"(?:photo|photograph|picture|image|credit)s?[ \t]{0,3}:[ \t]{0,3}[^.:]{1,80}/[^.:]{1,60}$"),
    # "Reporting by ...; Editing by ..."
    _rule("sign-off", r"^(?:additional )?(?:reporting|writing|editing|compiled|produced)[ \t]by\b"),
    _rule("advertisement", r"^[-–—\s]{0,3}(?:advertisement|advertiser disclosure|sponsored(?: content)?|ad)\b"
                           r"[ \t]{0,3}(?:[-–—:.]{0,3}[ \t]{0,3}$|:)"),
    # a label whose value was left out ("Release Date:", "Photo credit:", "Posted on")
    _rule("bare label", r"^[^\s:]{1,30}(?:[ \t][^\s:]{1,30}){0,2}:$|^(?:posted|published|updated|last updated)"
                        r"(?:[ \t](?:on|at|by))?$"),
    # a bare site address ("EXAMPLENEWS.COM")
    _rule("bare address", r"^(?:www\.)?[\w-]{1,63}\.[A-Za-z]{2,6}$", 0),
)


def furniture(paragraph: str) -> str | None:
    """The name of the rule that makes a paragraph furniture, if one does."""
    if len(paragraph) > MAX_FURNITURE_CHARS or len(paragraph.split()) > MAX_FURNITURE_WORDS:
        return None
    return next((rule.name for rule in RULES if rule.pattern.search(paragraph)), None)


def article_paragraphs(paragraphs: list[str], headline: str | None) -> tuple[list[str], int]:
    """The paragraphs of the story (furniture, the headline repeated at the top and a closing
    contributor's note left out), and how many words of furniture were left out."""
    kept = [p for p in paragraphs if not furniture(p)]
    if kept and len(kept[-1]) <= MAX_NOTE_CHARS and CONTRIBUTOR.search(kept[-1]) and CONTACT.search(kept[-1]):
        kept.pop()
    dropped = sum(len(p.split()) for p in paragraphs) - sum(len(p.split()) for p in kept)
    return _without_headline(kept, headline), dropped


def _without_headline(paragraphs: list[str], headline: str | None) -> list[str]:
    """The paragraphs without the headline where it opens them (after a kicker at most): the
    brief shows the headline already, and its sentences are no key sentences."""
    same = _same(headline or "")
    for i, paragraph in enumerate(paragraphs[:3]):
        if same and _same(paragraph) == same:
            return paragraphs[i + 1:]
        if len(paragraph.split()) > MAX_KICKER_WORDS:
            break
    return paragraphs


#: What two paragraphs may differ in and still be the same words.
NOT_WORD = re.compile(r"[^\w\s]")


def _same(text: str) -> str:
    return " ".join(NOT_WORD.sub("", text.casefold()).split())


def too_little(words: int, furniture_words: int) -> str | None:
    """Why a page's text is not an article, if it is not: too short, or mostly furniture."""
    if words < MIN_ARTICLE_WORDS:
        return f"no article text ({words} words)"
    if furniture_words > words:
        return f"no article text (mostly subscription, cookie or sharing prompts: {furniture_words} of " \
               f"{words + furniture_words} words)"
    return None
