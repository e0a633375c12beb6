"""A page's markup made to read as a browser shows it, before the main text is extracted.

trafilatura judges elements by their classes and their links, and flattens what it keeps, so on
real pages it drops words that sit in a styled `<span>` (a drop cap, a link wrapped for styling),
keeps embedded posts, offer boxes and contact lists, reads a layout table as a data table, and
runs two blocks together. `prepare` changes the tree in place so that none of that can happen:

- inline elements inside a paragraph of prose lose the classes and styles an extractor judges
  them by, so their words stay in the sentence as they are shown; footnote markers and text no
  reader sees (`hidden`, screen-reader-only) go;
- text that sits loose in a box beside other blocks becomes a paragraph of its own (a browser's
  anonymous block; trafilatura drops such text), a box holding sentences alone is a paragraph,
  and every block element is kept apart from the text around it by a line break;
- embedded social posts, consent banners, and small boxes whose links are paid (`rel="sponsored"`),
  app-store badges or share buttons are removed;
- a table that lays out the page becomes plain blocks; a table whose rows are mostly links or
  addresses (a contact list, a menu) is removed, and so is a list whose every item is mostly a
  link (related stories, an author's latest posts).
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

#: Elements a browser shows inside a line of text.
INLINE = ("a", "span", "em", "strong", "b", "i", "u", "s", "small", "big", "abbr", "acronym", "cite", "mark", "q",
          "font", "time", "var", "dfn", "bdi", "bdo", "ins", "del", "sub", "sup", "label", "nobr")
#: Attributes by which an extractor might judge an inline element to be furniture.
STYLING = ("class", "id", "style", "aria-hidden", "role", "data-component")
#: Elements that hold a paragraph of text.
TEXT_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "dd", "dt", "td", "th",
               "pre", "address", "caption")
#: Elements a browser starts on a new line.
BLOCKS = TEXT_BLOCKS + ("div", "section", "article", "aside", "header", "footer", "main", "nav", "figure", "ul", "ol",
                        "dl", "table", "tr", "form", "br", "hr")
BLOCKS_BUT_BR = tuple(tag for tag in BLOCKS if tag not in ("br", "hr"))
#: Fewest words of a box of text that reads as sentences (it also ends as a sentence ends).
MIN_SENTENCE_WORDS = 6
#: Boxes whose loose text a browser lays out as paragraphs of their own.
LOOSE_TEXT_BOXES = ("div", "section", "article", "main", "td", "th")
#: Boxes that may be furniture (the smallest one around a telling link is removed).
BOXES = ("div", "section", "aside", "figure", "table", "ul", "ol", "form", "footer")
#: A box holding more text than this is part of the article, whatever it links to.
MAX_BOX_CHARS = 1000
#: Classes of text shown to screen readers only (Bootstrap, its successor, WordPress).
UNSEEN_CLASSES = re.compile(r"(?:^|\s)(?:sr-only|visually-hidden|screen-reader-text)(?:\s|$)")
#: The markup Twitter/X, Instagram, TikTok and Facebook give for an embedded post.
EMBED_CLASSES = re.compile(r"(?:^|\s)(?:twitter-tweet|twitter-video|instagram-media|tiktok-embed|fb-post|fb-video)"
                           r"(?:\s|$)")
#: A tweet pasted as text: its picture link or its signature ("— Name (@handle) July 3, 2019").
TWEET = re.compile(r"pic\.twitter\.com/|[—–-][ \t]{0,3}[^()\n]{1,80}\(@\w{1,30}\)[ \t]{1,3}[A-Z][a-z]{2,8}\.?[ \t]"
                   r"{1,3}\d{1,2},[ \t]{1,3}\d{4}")
#: id, class or label of a consent banner.
CONSENT = re.compile(r"cookie|consent|gdpr|onetrust|didomi|cookiebot|\bcmp\b|sp-message", re.I)
CONSENT_BOXES = frozenset(BOXES + ("dialog",))
#: Links that mark their box as furniture: app stores and share buttons.
FURNITURE_LINKS = re.compile(r"^(?:https?:)?//(?:apps\.apple\.com|itunes\.apple\.com|play\.google\.com|"
                             r"(?:www\.)?facebook\.com/sharer|(?:www\.)?(?:twitter|x)\.com/(?:intent|share)|wa\.me/|"
                             r"api\.whatsapp\.com/send|(?:www\.)?linkedin\.com/share|t\.me/share)|^mailto:\?", re.I)
#: A footnote marker: a number or symbol, in brackets or not.
MARKER = re.compile(r"\[?(?:\d{1,3}|[*†‡§])\]?")
NOTE_CLASSES = re.compile(r"foot|note|\bfn|\bref", re.I)
#: Text a contact list or menu row holds: an address, a telephone number.
CONTACT = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{2,63}|\+?\d[\d ()-]{7,20}\d")
#: Cells longer than this, or headings inside, make a table the page's layout.
LAYOUT_CELL_CHARS = 300


def prepare(tree: HtmlElement) -> None:
    """Change the page's tree in place so that its text reads as a browser shows it, without
    embedded posts, consent banners, offer, app and share boxes, or contact lists."""
    for element in list(tree.iter(etree.Element)):
        if element.get("hidden") is not None or _unwanted(element, element.get("class") or ""):
            _drop(element)
    for link in list(tree.iter("a")):
        if "sponsored" in (link.get("rel") or "").split() or FURNITURE_LINKS.match(link.get("href") or ""):
            box = next((a for a in link.iterancestors(*BOXES)), None)
            if box is not None and _small(box):
                _drop(box)
    for table in list(tree.iter("table")):
        if table.getparent() is not None:
            _read_table(table)
    for links in list(tree.iter("ul", "ol")):
        items = [item for item in links.iter("li") if item.text_content().strip()]
        if items and not any(_prose(item) for item in items):
            _drop(links)
    for box in list(tree.iter(*LOOSE_TEXT_BOXES)):
        _wrap_loose_text(box)
    for box in tree.iter("div"):
        if next(box.iterdescendants(*BLOCKS_BUT_BR), None) is None and _sentences(box.text_content()):
            box.tag = "p"
    for sup in list(tree.iter("sup")):
        if _footnote_marker(sup):
            _drop(sup)
    for block in tree.iter(*TEXT_BLOCKS):
        if _prose(block):
            for inline in block.iter(*INLINE):
                for name in STYLING:
                    inline.attrib.pop(name, None)
    for element in tree.iter(*BLOCKS):
        _set_apart(element)


def _drop(element: HtmlElement) -> None:
    """Remove an element and what it holds, keeping the text that follows it."""
    if element.getparent() is not None:
        element.drop_tree()


def _unwanted(element: HtmlElement, classes: str) -> bool:
    """Text no reader sees, an embedded social post, or a consent banner (a small one, so that a
    page about cookies stays)."""
    if UNSEEN_CLASSES.search(classes) or EMBED_CLASSES.search(classes):
        return True
    if element.tag == "blockquote":
        return _small(element) and bool(TWEET.search(element.text_content()))
    names = " ".join(filter(None, (element.get("id"), classes, element.get("aria-label"))))
    return bool(names) and element.tag in CONSENT_BOXES and bool(CONSENT.search(names)) and _small(element)


def _small(element: HtmlElement) -> bool:
    """Whether an element is a box beside the article: short, and without the headline."""
    return len(element.text_content()) <= MAX_BOX_CHARS and next(element.iter("h1"), None) is None


def _read_table(table: HtmlElement) -> None:
    """A layout table becomes plain blocks; a contact list or a menu (most rows hold a link,
    an address or a telephone number) is removed; a table of data stays."""
    cells = list(table.iter("td", "th"))
    if any(len(cell.text_content()) > LAYOUT_CELL_CHARS for cell in cells) or \
            next(table.iterdescendants("h1", "h2", "h3", "p", "table"), None) is not None:
        for part in [table, *table.iter("thead", "tbody", "tfoot", "tr", "td", "th", "caption")]:
            part.tag = "div"
        return
    rows = [row for row in table.iter("tr") if row.text_content().strip()]
    linked = sum(1 for row in rows if row.find(".//a[@href]") is not None or CONTACT.search(row.text_content()))
    if len(rows) >= 2 and linked * 2 >= len(rows):
        _drop(table)


def _wrap_loose_text(box: HtmlElement) -> None:
    """Each run of text and inline elements between the block children of a box, put in a
    `<p>` of its own (only where the box has block children and the run has words)."""
    children = list(box)
    if not (box.text or "").strip() and not any((child.tail or "").strip() for child in children):
        return
    if not any(_block(child) for child in children):
        return
    runs: list[HtmlElement] = []
    current: HtmlElement | None = None

    def add(text: str | None, inline: HtmlElement | None = None) -> None:
        nonlocal current
        if current is None and (inline is not None or (text or "").strip()):
            current = lxml.html.Element("p")
            runs.append(current)
        if current is None:
            return
        if inline is not None:
            current.append(inline)
        elif len(current):
            current[-1].tail = (current[-1].tail or "") + (text or "")
        else:
            current.text = (current.text or "") + (text or "")

    add(box.text)
    box.text = "\n"
    for child in children:
        tail, child.tail = child.tail, None
        box.remove(child)
        if _block(child) or not isinstance(child.tag, str):
            current = None
            runs.append(child)
        else:
            add(None, child)
        add(tail)
    box.extend(runs)


def _sentences(text: str) -> bool:
    """Whether a text reads as sentences: a few words, ending as a sentence ends."""
    return len(text.split()) >= MIN_SENTENCE_WORDS and text.rstrip().rstrip("\"'”’)")[-1:] in (".", "!", "?")


def _block(element: HtmlElement) -> bool:
    """A block element, or an inline one holding blocks (`<font>` around a page's column)."""
    return isinstance(element.tag, str) and next(element.iter(*BLOCKS_BUT_BR), None) is not None


def _footnote_marker(sup: HtmlElement) -> bool:
    """A superscript number pointing to a note: it links to an anchor, has a note's class, or
    follows punctuation (an exponent follows a figure, "10<sup>6</sup>")."""
    if not MARKER.fullmatch(sup.text_content().strip()):
        return False
    link = sup.find(".//a[@href]")
    if link is not None and link.get("href", "").startswith("#") or NOTE_CLASSES.search(
            " ".join(sup.get(a) or "" for a in ("class", "id"))):
        return True
    before = sup.getprevious().tail if sup.getprevious() is not None else sup.getparent().text
    return bool(before) and before.rstrip()[-1:] in ".,;:!?\"'”’)"


def _prose(block: HtmlElement) -> bool:
    """A block of sentences rather than a list of links: most of its text is not linked."""
    text = len(block.text_content().strip())
    linked = sum(len(a.text_content().strip()) for a in block.iter("a"))
    return text > 0 and linked * 2 < text


def _set_apart(element: HtmlElement) -> None:
    """A line break before and after a block element where the text ran straight into it."""
    if element.tail and not element.tail[:1].isspace():
        element.tail = "\n" + element.tail
    previous, parent = element.getprevious(), element.getparent()
    if previous is not None:
        if previous.tail and not previous.tail[-1:].isspace():
            previous.tail += "\n"
    elif parent is not None and parent.text and not parent.text[-1:].isspace():
        parent.text += "\n"
