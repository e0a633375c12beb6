"""Delivery by e-mail, after the outputs are written and never before: the brief's e-mail HTML
inline, its Markdown rendered as plain text for the text alternative, its PDF attached, with
Message-ID, Date, List-Id and Auto-Submitted headers and the marking in the subject. Every
header value is one line of plain text, however the brief's text tries otherwise. The SMTP
session runs in a child bounded in time and memory, and reads each reply through a size limit;
a transient refusal (4xx) is tried again after a wait. Each recipient's outcome is recorded in
the day's manifest, and `briefing deliver DATE` sends the brief again to those who have not
accepted it. A failed delivery is one line and its own exit status; the brief stays written."""

from __future__ import annotations

import base64
import os
import re
import smtplib
import ssl
import textwrap
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import default as email_policy
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..config import EmailConfig
from ..errors import BriefingError
from ..intake.hygiene import one_line
from ..isolation import bounded
from ..models import Briefing
from ..presentation.render import Renderer
from .manifest import accepted_recipients, record_delivery, recorded_fit
from .outputs import read_saved

#: Longest subject, in characters (a longer one is cut, with an ellipsis).
SUBJECT_CHARS = 300
#: Longest value of any other header, in characters.
HEADER_CHARS = 60_000
#: Decodings of RFC 2047 encoded words in one header value, nested ones included, at most.
HEADER_DECODINGS = 100
#: Waits in seconds before each further try after a transient (4xx) refusal.
RETRY_WAITS = (5.0, 30.0, 120.0)
#: A whole SMTP session may take this many times `timeout_seconds` (which bounds each wait).
SESSION_TIMEOUTS = 4
#: Longest reply of the server (all its lines), in bytes.
REPLY_BYTES = 64 * 1024
#: What a List-Id slug leaves out of a brief's title, run by run.
NOT_SLUG = re.compile(r"[^a-z0-9]+")
#: Width the text part's paragraphs are wrapped to, and the widest table set in aligned columns.
TEXT_WIDTH = 78


class DeliveryError(BriefingError):
    """The brief was written but could not be delivered."""

    exit_code = 9


@dataclass(frozen=True)
class Outcome:
    """What became of one recipient: `accepted`, `deferred` (4xx), `refused` (5xx) or `failed`
    (no answer), with the server's reply or the failure."""

    status: str
    reply: str


def deliver(folder: Path, settings: EmailConfig, renderer: Renderer, everyone: bool = False,
            waits: tuple[float, ...] = RETRY_WAITS) -> tuple[EmailMessage, list[str]]:
    """Send the brief written in `folder` to the recipients (`settings.to`) that have not accepted
    it yet (to `everyone` if asked), record each outcome in its manifest; returns the message and
    who accepted it now. Raises `DeliveryError` unless every recipient has accepted it."""
    briefing = read_saved(folder / "briefing.json")
    message = email_message(briefing, folder, settings, renderer)
    done = set() if everyone else accepted_recipients(folder)
    pending = [address for address in settings.to if address not in done]
    if not pending:
        return message, []
    outcomes = send(message, settings, pending, renderer.limits.memory_mb, waits)
    record_delivery(folder, {address: {"status": outcome.status, "reply": outcome.reply,
                                       "at": datetime.now(UTC).isoformat(timespec="seconds")}
                             for address, outcome in outcomes.items()})
    accepted = [address for address, outcome in outcomes.items() if outcome.status == "accepted"]
    failed = {address: outcome.reply for address, outcome in outcomes.items() if outcome.status != "accepted"}
    where = f"{settings.host}:{settings.port}"
    if failed and not accepted and len(set(failed.values())) == 1:
        raise DeliveryError(f"e-mail not sent by {where}: {next(iter(failed.values()))}")
    if failed:
        listed = "; ".join(f"{address}: {reply}" for address, reply in failed.items())
        sent = f"sent by {where} to {', '.join(accepted)}, but not" if accepted else f"not sent by {where}"
        raise DeliveryError(f"e-mail {sent} to {listed}")
    return message, accepted


def email_message(briefing: Briefing, folder: Path, settings: EmailConfig, renderer: Renderer) -> EmailMessage:
    """The message of a written brief: plain text and HTML alternatives, the PDF attached; the
    subject starts with the marking in brackets unless its template shows the marking already."""
    message = EmailMessage()
    subject = renderer.render_string(settings.subject, "deliver.email.subject", briefing=briefing)
    if briefing.marking and briefing.marking not in subject:
        subject = f"[{briefing.marking}] {subject}"
    slug = NOT_SLUG.sub("-", briefing.title.lower()).strip("-") or "brief"
    headers = {"Subject": one_line(subject, SUBJECT_CHARS), "From": settings.sender, "To": ", ".join(settings.to),
               "Date": formatdate(localtime=True),
               "Message-ID": make_msgid("briefing", domain=settings.sender.rpartition("@")[2]),
               "List-Id": f"{briefing.title} <{settings.list_id or f'{slug}.briefing'}>",
               "Auto-Submitted": "auto-generated", "Precedence": "bulk"}
    for name, value in headers.items():
        message[name] = header_value(name, value)
    markdown = folder / "briefing.md"
    if markdown.is_file():
        text = markdown.read_text(encoding="utf-8")
    else:  # the rows the run's outputs list, as its manifest records them (laid out again if it does not)
        known, fit = recorded_fit(folder)
        text = renderer.text("md", briefing, fit if known else renderer.fit(briefing))
    message.set_content(plain_text(text))
    message.add_alternative(renderer.text("email", briefing), subtype="html")
    pdf = folder / "briefing.pdf"
    if pdf.is_file():
        message.add_attachment(pdf.read_bytes(), maintype="application", subtype="pdf",
                               filename=f"briefing-{briefing.date.isoformat()}.pdf")
    return message


def plain_text(markdown: str) -> str:
    """The brief's Markdown (CommonMark with GFM tables) as plain text, read by markdown-it-py:
    headings and paragraphs as lines wrapped to `TEXT_WIDTH`, citations as "[1]", links as
    "text (address)", list items after "•" or their number, quotes and code indented, tables in
    aligned columns (or cells joined by " — " when too wide); no Markdown syntax or HTML left."""
    lines: list[str] = []
    items: list[str] = []  # the marker of each open list item
    shown: list[bool] = []  # whether it is out already (later paragraphs of the item go under it)
    quotes = 0
    table: list[list[str]] | None = None
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        kind = token.type
        if kind == "list_item_open":
            items.append(f"{token.info}." if token.info else "•")
            shown.append(False)
        elif kind == "list_item_close":
            items.pop()
            shown.pop()
        elif kind in ("bullet_list_close", "ordered_list_close") and not items:
            lines.append("")
        elif kind in ("blockquote_open", "blockquote_close"):
            quotes += 1 if kind == "blockquote_open" else -1
        elif kind == "table_open":
            table = []
        elif kind == "tr_open" and table is not None:
            table.append([])
        elif kind == "inline" and table is not None:
            table[-1].append(_inline(token.children or []))
        elif kind == "table_close" and table is not None:
            lines += [*_table(table), ""]
            table = None
        elif kind in ("inline", "fence", "code_block"):
            indent = "    " * quotes + "".join(" " * (len(marker) + 1) for marker in items[:-1])
            first = (" " * (len(items[-1]) + 1) if shown[-1] else f"{items[-1]} ") if items else ""
            shown[-1:] = [True] * len(shown[-1:])
            if kind == "inline":
                lines += textwrap.wrap(_inline(token.children or []), TEXT_WIDTH, initial_indent=indent + first,
                                       subsequent_indent=indent + " " * len(first), break_long_words=False,
                                       break_on_hyphens=False) or [indent + first.rstrip()]
            else:
                lines += [f"{indent}    {line}".rstrip() for line in token.content.rstrip("\n").split("\n")] + [""]
        elif kind in ("paragraph_close", "heading_close") and not token.hidden:
            lines.append("")
    return "\n".join(lines).strip("\n") + "\n"


def _inline(children: list[Token]) -> str:
    """Inline Markdown as text: emphasis and HTML left out, a link to a web address followed by
    the address in brackets, one to a place in the brief (a citation) as its text alone."""
    out: list[str] = []
    links: list[tuple[int, str]] = []
    for child in children:
        if child.type in ("text", "code_inline", "image"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "link_open":
            links.append((len(out), str(child.attrGet("href") or "")))
        elif child.type == "link_close" and links:
            start, href = links.pop()
            if href and not href.startswith("#") and "".join(out[start:]) != href:
                out.append(f" ({href})")
    return " ".join("".join(out).split())


def _table(rows: list[list[str]]) -> list[str]:
    """A table's rows in aligned columns, or, when that would be wider than `TEXT_WIDTH`, each
    row's cells joined by " — " (an empty one as "–")."""
    widths = [max(len(row[column]) for row in rows if column < len(row)) for column in range(max(map(len, rows)))]
    if sum(widths) + 2 * (len(widths) - 1) <= TEXT_WIDTH:
        return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip()
                for row in rows]
    return [" — ".join(cell or "–" for cell in row) for row in rows]


def header_value(name: str, value: str) -> str:
    """`value` as the header `name` will hold it: its RFC 2047 encoded words decoded as the
    `email` package decodes them (nested ones too), on one line without control characters,
    so no decoded line break can reach the message (CVE-2024-6923)."""
    for _ in range(HEADER_DECODINGS):
        shown = one_line(str(email_policy.header_factory(name, value)), HEADER_CHARS)
        if shown == value:
            return value
        value = shown
    raise DeliveryError(f"e-mail not sent: the {name} header holds encoded words nested too deeply")


def send(message: EmailMessage, settings: EmailConfig, recipients: list[str], memory_mb: int,
         waits: tuple[float, ...] = RETRY_WAITS) -> dict[str, Outcome]:
    """Send `message` to `recipients` through the configured server, each session in a child
    with `memory_mb` more memory, trying the ones refused for now (4xx) again after each of
    `waits`; what became of each."""
    where = f"{settings.host}:{settings.port}"
    outcomes: dict[str, Outcome] = {}
    pending = list(recipients)
    try:
        password = _password(settings)
        for wait in (0.0, *waits):
            if not pending:
                break
            time.sleep(wait)
            replies = bounded(_session, message, settings, password, pending,
                              seconds=settings.timeout_seconds * SESSION_TIMEOUTS, memory_mb=memory_mb,
                              what=f"e-mail not sent by {where}: the SMTP session", error=DeliveryError)
            for address, (code, reply) in replies.items():
                status = "accepted" if code < 400 else "deferred" if code < 500 else "refused"
                outcomes[address] = Outcome(status, f"{code} {reply}".strip())
            pending = [address for address in pending if outcomes[address].status == "deferred"]
    except DeliveryError as exc:
        reason = str(exc).removeprefix(f"e-mail not sent by {where}: ").removeprefix("e-mail not sent: ")
        return outcomes | {address: Outcome("failed", reason) for address in pending}
    return outcomes


def _password(settings: EmailConfig) -> str | None:
    if not settings.password_env:
        return None
    password = os.environ.get(settings.password_env)
    if password is None:
        raise DeliveryError(f"e-mail not sent: the environment variable {settings.password_env} is not set")
    return password


def _session(message: EmailMessage, settings: EmailConfig, password: str | None,
             recipients: list[str]) -> dict[str, tuple[int, str]]:
    """One SMTP session sending `message` to `recipients`: each one's reply code and text."""
    try:
        client: smtplib.SMTP
        if settings.ssl:
            client = _ClientSSL(settings.host, settings.port, timeout=settings.timeout_seconds,
                                context=ssl.create_default_context())
        else:
            client = _Client(settings.host, settings.port, timeout=settings.timeout_seconds)
        with client:
            if settings.starttls:
                client.starttls(context=ssl.create_default_context())
            if settings.username:
                _login(client, settings.username, password or "")
            refused = client.send_message(message, to_addrs=recipients)
    except smtplib.SMTPRecipientsRefused as exc:
        refused = exc.recipients
    except smtplib.SMTPResponseException as exc:
        return {address: (exc.smtp_code, _text(exc.smtp_error)) for address in recipients}
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"e-mail not sent by {settings.host}:{settings.port}: "
                            f"{str(exc) or type(exc).__name__}") from None
    return {address: (refused[address][0], _text(refused[address][1])) if address in refused else (250, "")
            for address in recipients}


def _login(client: smtplib.SMTP, username: str, password: str) -> None:
    """Log in; a user name or password beyond ASCII, which smtplib cannot send, goes as UTF-8
    in AUTH PLAIN (RFC 4616)."""
    if (username + password).isascii():
        client.login(username, password)
        return
    client.ehlo_or_helo_if_needed()
    if "PLAIN" not in client.esmtp_features.get("auth", "").upper().split():
        raise smtplib.SMTPException("the user name or password is not ASCII, and the server offers no AUTH PLAIN "
                                    "to send it as UTF-8")
    code, reply = client.docmd("AUTH", "PLAIN " + base64.b64encode(f"\0{username}\0{password}".encode()).decode())
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _text(reply: bytes | str) -> str:
    """A server's reply as one line."""
    return " ".join((reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply).split())


class _LimitedReplies(smtplib.SMTP):
    """An smtplib client reading each reply of the server through the `REPLY_BYTES` limit."""

    file: Any

    def getreply(self) -> tuple[int, bytes]:
        if self.file is None and self.sock is not None:
            self.file = _Reader(self.sock.makefile("rb"))
        if isinstance(self.file, _Reader):
            self.file.left = REPLY_BYTES
        return super().getreply()


class _Client(_LimitedReplies):
    """An SMTP client with the reply limit."""


class _ClientSSL(_LimitedReplies, smtplib.SMTP_SSL):
    """An SMTP client over TLS with the reply limit."""


class _Reader:
    """The server's side of the connection, refusing to read more than `left` bytes."""

    def __init__(self, stream) -> None:
        self.stream, self.left = stream, REPLY_BYTES

    def readline(self, size: int = -1) -> bytes:
        line = self.stream.readline(size)
        self.left -= len(line)
        if self.left < 0:
            raise OSError(f"the server's reply is longer than {REPLY_BYTES:,} bytes")
        return line

    def close(self) -> None:
        self.stream.close()
