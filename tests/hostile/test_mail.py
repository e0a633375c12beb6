"""Hostile mail: headlines that would forge headers, SMTP servers that dribble or never stop
talking, non-ASCII passwords, refusals for now and for good; all on loopback (aiosmtpd, or a
raw socket server in a thread), each bounded in time."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.smtp import AuthResult
from conftest import run_cli, smtp_server

from briefing.config import EmailConfig
from briefing.models import Briefing
from briefing.presentation.render import Renderer, sample_briefing
from briefing.publish.deliver import DeliveryError, deliver, plain_text

pytestmark = pytest.mark.timeout(60)

DAY = "2026-01-01"
RECIPIENTS = ["desk@example.org", "editor@example.org", "gone@example.org"]
#: Decoded, it would end the Subject header and add others, then a body of its own.
FORGERY = ("=?utf-8?q?Hi=0D=0ABcc:_x@example.org=0D=0AReply-To:_evil@example.org=0D=0A"
           "Content-Type:_text/html=0D=0A=0D=0A<b>forged</b>?=")
#: Encoded twice: decoding once leaves an encoded word that would add a Sender header.
NESTED = "=?utf-8?q?=3D=3Futf-8=3Fq=3FX=3D0D=3D0ASender=3A_evil=40example.org=3F=3D?="
PASSWORD = "pässwörd-€"


class Server:
    """An aiosmtpd handler that keeps each message with its envelope recipients. `mail` holds
    the replies to MAIL FROM before one is accepted; `rcpt` maps an address to its replies in
    turn (None accepts; the last one stays)."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], email.message.EmailMessage]] = []
        self.mail: list[str] = []
        self.rcpt: dict[str, list[str | None]] = {}

    async def handle_MAIL(self, server, session, envelope, address, options):  # noqa: N802 (aiosmtpd's name)
        if self.mail:
            return self.mail.pop(0)
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
        replies = self.rcpt.get(address) or [None]
        reply = replies.pop(0) if len(replies) > 1 else replies[0]
        if reply is None:
            envelope.rcpt_tos.append(address)
            return "250 OK"
        return reply

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.received.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


@pytest.fixture()
def server():
    handler = Server()

    def authenticate(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=auth_data.login == "rédaction".encode() and auth_data.password == PASSWORD.encode(),
                          handled=False)

    with smtp_server(handler, authenticate) as port:
        yield handler, port


@pytest.fixture()
def raw_server():
    """Starts a raw socket server on loopback for one connection, in a thread, where
    `talk(connection, state)` speaks; gives its port and `state` (`sent`: bytes it sent)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    state = {"sent": 0}
    threads = []

    def start(talk) -> tuple[int, dict]:
        def serve():
            try:
                connection, _ = listener.accept()
                with connection:
                    talk(connection, state)
            except OSError:
                pass

        threads.append(threading.Thread(target=serve, daemon=True))
        threads[-1].start()
        return listener.getsockname()[1], state

    yield start
    listener.close()
    for thread in threads:
        thread.join(5)


def stopped_in_time(tmp_path: Path, port: int, says: str) -> None:
    """Delivering through `port` fails within seconds with an error that `says` so."""
    started = time.monotonic()
    with pytest.raises(DeliveryError, match=says):
        deliver(written(tmp_path), settings(port), Renderer.for_folder(None))
    assert time.monotonic() - started < 10


def settings(port: int, **changes) -> EmailConfig:
    return EmailConfig(**{"to": RECIPIENTS, "from": "briefing@example.org", "host": "127.0.0.1", "port": port,
                          "starttls": False, "timeout_seconds": 1} | changes)


def written(tmp_path: Path, briefing: Briefing | None = None) -> Path:
    """A day's folder holding a written brief (JSON and Markdown)."""
    renderer = Renderer.for_folder(None)
    briefing = briefing or sample_briefing()
    folder = tmp_path / "out" / DAY
    folder.mkdir(parents=True)
    (folder / "briefing.json").write_text(briefing.model_dump_json())
    (folder / "briefing.md").write_text(renderer.text("md", briefing))
    return folder


def recorded(folder: Path) -> dict[str, str]:
    """Each recipient's status as the manifest records it."""
    delivery = json.loads((folder / "manifest.json").read_text())["delivery"]
    return {address: outcome["status"] for address, outcome in delivery.items()}


def test_encoded_line_breaks_in_article_data_forge_no_header(tmp_path, server):
    handler, port = server
    sample = sample_briefing()
    story = sample.sections[0].stories[0].model_copy(update={"headline": f"Vote {FORGERY} today"})
    article = sample.articles[0].article.model_copy(update={"author": NESTED})
    briefing = sample.model_copy(update={
        "title": f"Desk\r\nX-Injected: 1 {FORGERY}",
        "sections": [sample.sections[0].model_copy(update={"stories": [story]})],
        "articles": [sample.articles[0].model_copy(update={"article": article})]})
    folder = written(tmp_path, briefing)
    subject = "{{ briefing.stories[0].headline }} by {{ briefing.articles[0].article.author }}"
    deliver(folder, settings(port, subject=subject), Renderer.for_folder(None))
    ((envelope, message),) = handler.received
    assert envelope == RECIPIENTS
    assert sorted(message.keys()) == sorted(["Subject", "From", "To", "Date", "Message-ID", "List-Id",
                                             "Auto-Submitted", "Precedence", "MIME-Version", "Content-Type"])
    assert message["Subject"].startswith("[SAMPLE] Vote Hi Bcc: x@example.org Reply-To: evil@example.org Content-Type:")
    assert message["Subject"].endswith(" by X Sender: evil@example.org")
    assert message["List-Id"].startswith("Desk X-Injected: 1 Hi Bcc:")
    assert message.get_content_type() == "multipart/alternative"
    assert message.get_body(("plain",)).get_content().replace("\r\n", "\n") == plain_text(
        (folder / "briefing.md").read_text())
    assert "<b>forged</b>" not in message.get_body(("html",)).get_content()


def test_a_dribbling_server_is_stopped_at_the_session_deadline(tmp_path, raw_server):
    def dribble(connection, state):
        for byte in b"220 " + b"x" * 1000:
            connection.sendall(bytes([byte]))
            time.sleep(0.2)

    port, _ = raw_server(dribble)
    stopped_in_time(tmp_path, port, r"the SMTP session took longer than 4 s and was stopped")
    assert set(recorded(tmp_path / "out" / DAY).values()) == {"failed"}


def test_endless_reply_lines_stop_at_the_reply_limit(tmp_path, raw_server):
    def endless(connection, state):
        connection.sendall(b"220 hello\r\n")
        connection.recv(1000)  # EHLO
        chunk = (b"250-" + b"x" * 60 + b"\r\n") * 1000
        while state["sent"] < 32_000_000:
            connection.sendall(chunk)
            state["sent"] += len(chunk)

    port, state = raw_server(endless)
    stopped_in_time(tmp_path, port, r"the server's reply is longer than 65,536 bytes")
    time.sleep(1)  # for the server to meet the closed connection
    assert state["sent"] < 16_000_000  # the client stopped reading; the rest never left the server


def test_a_non_ascii_user_name_and_password_log_in_as_utf8(tmp_path, server, monkeypatch):
    handler, port = server
    monkeypatch.setenv("BRIEFING_SMTP_PASSWORD", PASSWORD)
    deliver(written(tmp_path), settings(port, username="rédaction", password_env="BRIEFING_SMTP_PASSWORD"),
            Renderer.for_folder(None))
    assert [envelope for envelope, _ in handler.received] == [RECIPIENTS]
    monkeypatch.setenv("BRIEFING_SMTP_PASSWORD", "wrong-€")
    with pytest.raises(DeliveryError, match="535"):
        deliver(written(tmp_path / "again"), settings(port, username="rédaction",
                                                      password_env="BRIEFING_SMTP_PASSWORD"),
                Renderer.for_folder(None))


def test_refusals_for_now_are_tried_again_and_each_outcome_is_recorded(tmp_path, server):
    handler, port = server
    handler.mail = ["421 4.3.2 Service not available"]
    handler.rcpt = {"editor@example.org": ["450 4.2.1 Mailbox busy", None],
                    "gone@example.org": ["550 5.1.1 No such user"]}
    folder = written(tmp_path)
    with pytest.raises(DeliveryError) as refused:
        deliver(folder, settings(port), Renderer.for_folder(None), waits=(0.1, 0.1, 0.1))
    assert str(refused.value) == (f"e-mail sent by 127.0.0.1:{port} to desk@example.org, editor@example.org, "
                                  "but not to gone@example.org: 550 5.1.1 No such user")
    assert [envelope for envelope, _ in handler.received] == [["desk@example.org"], ["editor@example.org"]]
    assert recorded(folder) == {"desk@example.org": "accepted", "editor@example.org": "accepted",
                                "gone@example.org": "refused"}


def test_deliver_again_sends_only_to_those_who_have_not_accepted(tmp_path, server, monkeypatch):
    handler, port = server
    handler.rcpt = {"gone@example.org": ["550 5.1.1 No such user", None]}
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.yaml").write_text(f"""output: out
deliver:
  email: {{to: {RECIPIENTS}, from: briefing@example.org, host: 127.0.0.1, port: {port}, starttls: false,
          timeout_seconds: 1}}
""")
    folder = written(tmp_path)
    first = run_cli("deliver", "--config", "config.yaml", DAY)
    assert first.status == 9 and "but not to gone@example.org: 550 5.1.1 No such user" in first.stderr
    again = run_cli("deliver", "--config", "config.yaml", DAY)
    assert again.status == 0 and recorded(folder) == dict.fromkeys(RECIPIENTS, "accepted")
    assert run_cli("deliver", "--config", "config.yaml", DAY).status == 0
    assert run_cli("deliver", "--config", "config.yaml", DAY, "--everyone").status == 0
    assert [envelope for envelope, _ in handler.received] == [RECIPIENTS[:2], ["gone@example.org"], RECIPIENTS]


def test_the_text_part_is_plain_text_whatever_the_brief_holds():
    escaped = r"Vote on \*\*tax\*\* \[x\]\(javascript:alert\(1\)\) &lt;b&gt;"
    markdown = f"""# Desk

**OFFICIAL** · <span class="day">today</span><a id="x"></a>

### 1. {escaped}

[\\[1\\]](#source-1)[\\[2\\]](#source-2) · [Le Monde](https://example.org/a?b=1) · <https://example.org/c>

| Actor | Type |
| --- | ---: |
| NATO | organisation |
| Kaja Kallas | person |

1. <a id="source-1"></a>[Tax vote](https://example.org/tax) — Jane Doe
"""
    assert plain_text(markdown) == f"""Desk

OFFICIAL · today

1. {escaped.replace(chr(92), "").replace("&lt;", "<").replace("&gt;", ">")}

[1][2] · Le Monde (https://example.org/a?b=1) · https://example.org/c

Actor        Type
NATO         organisation
Kaja Kallas  person

1. Tax vote (https://example.org/tax) — Jane Doe
"""
    wide = "| a | b |\n| - | - |\n| " + "x" * 80 + " | |\n"
    assert plain_text(wide) == "a — b\n" + "x" * 80 + " — –\n"


@pytest.mark.timeout(20)
def test_deeply_nested_markdown_is_read_in_bounded_time():
    """Nesting past markdown-it's limit (20) is left unread; brackets and emphasis cost time in step
    with their number (the brief's own text reaches the Markdown escaped, so never as syntax)."""
    for nested in (">" * 100_000 + " x", "- " * 50_000 + "x", "[" * 20_000 + "x" + "](#a)" * 20_000, "*a " * 20_000):
        started = time.monotonic()
        plain_text(nested)
        assert time.monotonic() - started < 5
