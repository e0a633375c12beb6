"""Delivery by e-mail to a real SMTP server on loopback (aiosmtpd), and the archive index."""

from __future__ import annotations

import configparser
import email
import email.policy
import getpass
import json
import re
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from aiosmtpd.smtp import AuthResult
from conftest import SEEDS, run_cli, smtp_server, snapshot

PASSWORD = "s3cret-from-the-environment"


class Inbox:
    """An aiosmtpd handler that keeps what it receives, or refuses it."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.refusal: str | None = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        if self.refusal:
            return self.refusal
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        return "250 Message accepted for delivery"


@pytest.fixture()
def inbox():
    handler = Inbox()

    def authenticate(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=auth_data.login == b"desk" and auth_data.password == PASSWORD.encode())

    with smtp_server(handler, authenticate) as port:
        yield handler, port


@pytest.fixture()
def silent_server():
    """A TCP server that accepts and then says nothing (or hangs up at once when `drop`)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    behaviour = {"drop": False}
    held = []

    def serve():
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            if behaviour["drop"]:
                connection.close()
            else:
                held.append(connection)

    threading.Thread(target=serve, daemon=True).start()
    yield listener.getsockname()[1], behaviour
    listener.close()
    for connection in held:
        connection.close()


def desk_with(tmp_path: Path, monkeypatch, port: int, extra: str = "", formats: str = "pdf, md, json") -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFING_SMTP_PASSWORD", PASSWORD)
    shutil.copytree(SEEDS, tmp_path / "seeds")
    config = tmp_path / "config.yaml"
    config.write_text(f"""title: Europe desk
sources: [seeds]
output: out
formats: [{formats}]
deliver:
  email:
    to: [desk@example.org, editor@example.org]
    from: briefing@example.org
    subject: "{{{{ briefing.title }}}}: {{{{ briefing.articles | length }}}} stories, {{{{ briefing.date.isoformat() }}}}"
    host: 127.0.0.1
    port: {port}
    starttls: false
    username: desk
    password_env: BRIEFING_SMTP_PASSWORD
    timeout_seconds: 1
{extra}""")
    return config


def test_the_brief_arrives_with_html_text_and_the_pdf(tmp_path, monkeypatch, inbox):
    handler, port = inbox
    config = desk_with(tmp_path, monkeypatch, port)
    outcome = run_cli("run", "--config", config, "--date", "2026-11-21")
    assert outcome.status == 0, outcome.stderr
    (message,) = handler.messages
    assert message["Subject"] == "Europe desk: 2 stories, 2026-11-21"
    assert message["To"] == "desk@example.org, editor@example.org" and message["From"] == "briefing@example.org"
    assert message["Message-ID"].endswith("@example.org>") and message["Date"]
    assert message["List-Id"] == "Europe desk <europe-desk.briefing>"
    folder = tmp_path / "out" / "2026-11-21"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    lines = text.replace("\r\n", "\n").split("\n")
    assert lines[0] == "Europe desk" and "Bottom line" in lines and "Sources" in lines
    bottom_line = lines[lines.index("Bottom line") + 2:lines.index("Politics") - 1]
    assert bottom_line[0].startswith("1. ") and bottom_line[-1].endswith(" [2]")
    assert all(line.startswith(("1. ", "2. ", "   ")) for line in bottom_line)
    assert any(line.startswith("Sir Keir Starmer — person — Prime Minister [1]") for line in lines)
    for syntax in ("](#source", "\\[", "**", "| ", "<a ", "## ", "\n- ", "\n> "):
        assert syntax not in text
    assert max(map(len, lines[:lines.index("Key actors")])) <= 78
    saved = json.loads((folder / "briefing.json").read_text())
    for article in saved["articles"]:
        assert article["key_sentences"][0]["text"].split("'")[0] in html
    assert "<link" not in html and 'src="http' not in html and "<style" not in html
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "briefing-2026-11-21.pdf"
    assert attachment.get_content() == (folder / "briefing.pdf").read_bytes()


def test_a_brief_written_as_a_pdf_alone_is_delivered_archived_and_delivered_again(tmp_path, monkeypatch, inbox):
    handler, port = inbox
    config = desk_with(tmp_path, monkeypatch, port, formats="pdf")
    assert run_cli("run", "--config", config, "--date", "2026-11-21").status == 0
    folder = tmp_path / "out" / "2026-11-21"
    assert {p.name for p in folder.iterdir()} == {"briefing.pdf", "briefing.json", "manifest.json"}
    assert "Bottom line" in handler.messages[0].get_body(preferencelist=("plain",)).get_content()
    assert "cannot read" not in (tmp_path / "out" / "index.html").read_text()
    assert run_cli("deliver", "latest", "--config", config, "--everyone").status == 0 and len(handler.messages) == 2


def test_the_subject_carries_the_marking_and_every_message_says_it_is_automatic(tmp_path, monkeypatch, inbox):
    handler, port = inbox
    config = desk_with(tmp_path, monkeypatch, port, "marking: OFFICIAL\n", formats="md, json")
    assert run_cli("run", "--config", config, "--date", "2026-11-21").status == 0
    (message,) = handler.messages
    assert message["Subject"] == "[OFFICIAL] Europe desk: 2 stories, 2026-11-21"
    assert message["Auto-Submitted"] == "auto-generated" and message["Precedence"] == "bulk"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert text.split("\n")[2].startswith("OFFICIAL · Saturday 21 November 2026")


def test_deliver_latest_sends_the_newest_brief_and_to_replaces_the_recipients(tmp_path, monkeypatch, inbox):
    handler, port = inbox
    config = desk_with(tmp_path, monkeypatch, port, formats="md, json")
    assert run_cli("deliver", "--config", config, "latest").status == 3
    for day in ("2026-11-21", "2026-11-20"):
        assert run_cli("run", "--config", config, "--date", day, "--no-deliver").status == 0
    outcome = run_cli("deliver", "--config", config, "latest", *("--to", "chief@example.org") * 2,
                      "--to", "night@example.org")
    assert outcome.status == 0, outcome.stderr
    (message,) = handler.messages
    assert message["To"] == "chief@example.org, night@example.org" and "2026-11-21" in message["Subject"]
    manifest = json.loads((tmp_path / "out" / "2026-11-21" / "manifest.json").read_text())
    assert sorted(manifest["delivery"]) == ["chief@example.org", "night@example.org"]
    assert "delivery" not in json.loads((tmp_path / "out" / "2026-11-20" / "manifest.json").read_text())
    refused = run_cli("deliver", "--config", config, "latest", "--to", "not an address")
    assert refused.status == 2 and "expected an e-mail address" in refused.stderr and len(handler.messages) == 1
    assert run_cli("deliver", "--config", config, "yesterday").status == 2


def test_deliver_sends_a_written_brief_again_and_no_deliver_sends_nothing(tmp_path, monkeypatch, inbox):
    handler, port = inbox
    config = desk_with(tmp_path, monkeypatch, port, formats="md, json")
    assert run_cli("run", "--config", config, "--date", "2026-11-21", "--no-deliver").status == 0
    assert handler.messages == []
    outcome = run_cli("deliver", "--config", config, "2026-11-21")
    assert outcome.status == 0 and len(handler.messages) == 1
    assert run_cli("deliver", "--config", config, "2026-11-20").status == 3


@pytest.mark.parametrize("failure, says", [
    ("refuses", "554 5.7.1 Message rejected"),
    ("times out", "timed out"),
    ("hangs up", "Connection unexpectedly closed"),
    ("no password", "the environment variable BRIEFING_SMTP_PASSWORD is not set"),
])
def test_a_failed_delivery_is_one_line_and_keeps_the_brief(tmp_path, monkeypatch, inbox, silent_server,
                                                           failure, says):
    handler, port = inbox
    silent_port, behaviour = silent_server
    if failure in ("times out", "hangs up"):
        port = silent_port
        behaviour["drop"] = failure == "hangs up"
    config = desk_with(tmp_path, monkeypatch, port, formats="md, json")
    if failure == "refuses":
        handler.refusal = "554 5.7.1 Message rejected"
    if failure == "no password":
        monkeypatch.delenv("BRIEFING_SMTP_PASSWORD")
    outcome = run_cli("run", "--config", config, "--date", "2026-11-21")
    assert outcome.status == 9
    assert len(outcome.lines) == 1 and outcome.lines[0].startswith("error: e-mail not sent") and says in outcome.lines[0]
    written = snapshot(tmp_path / "out" / "2026-11-21")
    assert set(written) == {"briefing.md", "briefing.json", "manifest.json"}
    assert handler.messages == []
    delivery = json.loads(written["manifest.json"])["delivery"]
    assert sorted(delivery) == ["desk@example.org", "editor@example.org"]
    assert all(outcome["status"] in ("refused", "failed") and says in outcome["reply"] for outcome in delivery.values())


def test_the_archive_lists_every_brief_newest_first(tmp_path, monkeypatch, inbox):
    config = desk_with(tmp_path, monkeypatch, inbox[1], "marking: OFFICIAL\n", formats="md, json")
    for day in ("2026-11-19", "2026-11-20", "2026-11-21"):
        broken = tmp_path / "seeds" / "broken.txt"
        if day == "2026-11-21":  # a source unavailable that day
            broken.write_bytes(b"\x00\x01\x02 not text")
        assert run_cli("--quiet", "run", "--config", config, "--date", day, "--no-deliver").status == \
            (10 if broken.exists() else 0)
        broken.unlink(missing_ok=True)
    (tmp_path / "out" / "2026-11-20" / "briefing.json").write_text("{damaged")
    assert run_cli("--quiet", "run", "--config", config, "--date", "2026-11-22", "--no-deliver").status == 0
    index = (tmp_path / "out" / "index.html").read_text()
    days = ["2026-11-22", "2026-11-21", "2026-11-20", "2026-11-19"]
    assert [index.index(f'<time datetime="{d}">') for d in days] == sorted(index.index(f'<time datetime="{d}">')
                                                                          for d in days)
    assert "<title>Europe desk</title>" in index and "<h1>Europe desk</h1>" in index
    assert index.count(' · Europe desk <span class="marking">OFFICIAL</span></h2>') == 3
    assert "This brief could not be read" in index
    assert 'href="2026-11-22/briefing.md"' in index and 'href="2026-11-22/briefing.pdf"' not in index
    assert 'href="2026-11-22/briefing.json"' in index
    flagged = re.findall(r'<time datetime="([\d-]+)">.*?</h2>\s*<p class="unavailable">(.*?)</p>', index)
    assert flagged == [("2026-11-21", f"1 input unavailable: {Path('seeds') / 'broken.txt'} (binary file, not text)")]
    bottom_line = json.loads((tmp_path / "out" / "2026-11-22" / "briefing.json").read_text())["bottom_line"]
    assert bottom_line[0]["text"].split("'")[0] in index


def test_old_briefs_are_removed_after_the_retention_period(tmp_path, monkeypatch, inbox):
    config = desk_with(tmp_path, monkeypatch, inbox[1], "retention_days: 2\n", formats="json")
    for day in ("2026-11-10", "2026-11-19"):
        assert run_cli("--quiet", "run", "--config", config, "--date", day, "--no-deliver").status == 0
    last = run_cli("run", "--config", config, "--date", "2026-11-21", "--no-deliver")
    assert last.status == 0 and last.lines[-1] == "retention: removed 1 brief older than 2 days (2026-11-10)"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["2026-11-19", "2026-11-21", "index.html", "latest"]
    assert "2026-11-10" not in (tmp_path / "out" / "index.html").read_text()


@pytest.mark.parametrize("setting, mails", [("", 1), ("  quiet_days: send\n", 2)])
def test_a_day_with_nothing_new_sends_no_mail_unless_asked_and_says_so(tmp_path, monkeypatch, inbox, setting, mails):
    handler, port = inbox
    config = desk_with(tmp_path, monkeypatch, port, setting + "only_new: true\n", formats="md, json")
    assert run_cli("run", "--config", config, "--date", "2026-11-21").status == 0
    quiet = run_cli("run", "--config", config, "--date", "2026-11-22")
    assert quiet.status == 0 and len(handler.messages) == mails
    assert quiet.lines[0].startswith("nothing new: all 2 articles were covered by earlier briefs")
    assert ("no e-mail sent" in quiet.lines[0]) == (mails == 1)
    md = (tmp_path / "out" / "2026-11-22" / "briefing.md").read_text()
    assert "Nothing new today" in md and "## Sources" not in md


def test_the_printed_schedule_works_as_printed_with_its_secret_and_is_silent_on_a_clean_day(tmp_path, monkeypatch,
                                                                                            inbox):
    handler, port = inbox
    config = desk_with(tmp_path, monkeypatch, port, formats="md, json")
    printed = run_cli("schedule", "--config", config, "--at", "06:45")
    assert printed.status == 0 and "cron mails whatever a job prints" in printed.stdout
    units: dict[str, configparser.ConfigParser] = {}
    for block in re.split(r"^# /etc/systemd/system/", printed.stdout, flags=re.M)[1:]:
        name, body = block.split("\n", 1)
        (tmp_path / name).write_text(body)  # the unit file as printed
        units[name] = configparser.ConfigParser(interpolation=None, delimiters=("=",), comment_prefixes=("#",))
        units[name].optionxform = str  # type: ignore[assignment,method-assign]  # systemd keys keep their case
        units[name].read_string(body)
    service, timer = sorted(units)
    assert re.fullmatch(r"briefing-europe-desk-[0-9a-f]{6}\.service", service)
    assert timer == service.replace(".service", ".timer") and f"enable --now {timer}" in printed.stdout
    assert units[service]["Unit"]["Wants"] == units[service]["Unit"]["After"] == "network-online.target"
    assert dict(units[service]["Service"]) == {
        "Type": "oneshot", "User": getpass.getuser(), "WorkingDirectory": str(tmp_path),
        "EnvironmentFile": str(tmp_path / "config.env"),
        "ExecStart": f"{Path(sys.executable).parent / 'briefing'} --quiet run --config {config}"}
    assert units[timer]["Timer"]["OnCalendar"] == "*-*-* 06:45:00" and units[timer]["Install"]["WantedBy"] == "timers.target"
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "config.yaml").write_text("title: Europe desk\n")
    assert service not in run_cli("schedule", "--config", tmp_path / "other" / "config.yaml").stdout
    if shutil.which("systemd-analyze"):  # where systemd is installed, it reads the units as printed
        verified = subprocess.run(["systemd-analyze", "verify", "--man=no", *(str(tmp_path / n) for n in units)],
                                  capture_output=True, text=True, timeout=60)
        assert verified.returncode == 0, verified.stderr
    (tmp_path / "config.env").write_text(f"BRIEFING_SMTP_PASSWORD={PASSWORD}\n")
    cron = next(line for line in printed.stdout.splitlines() if line.startswith("45 6 * * * "))
    ran = subprocess.run(["/bin/sh", "-c", cron.removeprefix("45 6 * * * ").replace("\\%", "%")], cwd="/",
                         env={"PATH": "/usr/bin:/bin"}, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                         timeout=600)
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, "", "")  # cron has nothing to mail
    assert len(handler.messages) == 1 and handler.messages[0]["To"] == "desk@example.org, editor@example.org"
