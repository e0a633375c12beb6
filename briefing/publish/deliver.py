"""Delivery by e-mail, after the outputs are written and never before: the brief's e-mail HTML
inline, its Markdown as the text alternative, its PDF attached, with Message-ID, Date and
List-Id headers. A failed delivery is one line and its own exit status; the brief stays written
and `briefing deliver DATE` sends it again."""

from __future__ import annotations

import os
import re
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from ..config import EmailConfig
from ..errors import BriefingError
from ..models import Briefing
from ..presentation.render import Renderer
from .outputs import read_saved

#: What a List-Id slug leaves out of a brief's title, run by run.
NOT_SLUG = re.compile(r"[^a-z0-9]+")


class DeliveryError(BriefingError):
    """The brief was written but could not be delivered."""

    exit_code = 9


def deliver(folder: Path, settings: EmailConfig, renderer: Renderer) -> EmailMessage:
    """Send the brief written in `folder`; returns the message sent."""
    briefing = read_saved(folder / "briefing.json")
    message = email_message(briefing, folder, settings, renderer)
    send(message, settings)
    return message


def email_message(briefing: Briefing, folder: Path, settings: EmailConfig, renderer: Renderer) -> EmailMessage:
    """The message of a written brief: text (Markdown) and HTML alternatives, the PDF attached."""
    message = EmailMessage()
    subject = renderer.render_string(settings.subject, "deliver.email.subject", briefing=briefing)
    message["Subject"] = " ".join(subject.split())
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.to)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid("briefing", domain=settings.sender.rpartition("@")[2])
    slug = NOT_SLUG.sub("-", briefing.title.lower()).strip("-") or "brief"
    list_id = settings.list_id or f"{slug}.briefing"
    message["List-Id"] = f"{' '.join(briefing.title.split())} <{list_id}>"
    markdown = folder / "briefing.md"
    message.set_content(markdown.read_text(encoding="utf-8") if markdown.is_file() else renderer.text("md", briefing))
    message.add_alternative(renderer.text("email", briefing), subtype="html")
    pdf = folder / "briefing.pdf"
    if pdf.is_file():
        message.add_attachment(pdf.read_bytes(), maintype="application", subtype="pdf",
                               filename=f"briefing-{briefing.date.isoformat()}.pdf")
    return message


def send(message: EmailMessage, settings: EmailConfig) -> None:
    """Send through the configured SMTP server; any failure is a `DeliveryError`."""
    password = None
    if settings.password_env:
        password = os.environ.get(settings.password_env)
        if password is None:
            raise DeliveryError(f"e-mail not sent: the environment variable {settings.password_env} is not set")
    where = f"{settings.host}:{settings.port}"
    try:
        client: smtplib.SMTP
        if settings.ssl:
            client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout_seconds,
                                      context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout_seconds)
        with client:
            if settings.starttls:
                client.starttls(context=ssl.create_default_context())
            if settings.username:
                client.login(settings.username, password or "")
            refused = client.send_message(message)
    except smtplib.SMTPResponseException as exc:
        reason = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
        raise DeliveryError(f"e-mail not sent by {where}: {exc.smtp_code} {' '.join(str(reason).split())}") from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise DeliveryError(f"e-mail not sent by {where}: recipients refused: {', '.join(exc.recipients)}") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"e-mail not sent by {where}: {str(exc) or type(exc).__name__}") from None
    if refused:
        raise DeliveryError(f"e-mail sent by {where}, but these recipients were refused: {', '.join(refused)}")
