"""A daily schedule for this install: a crontab line and a systemd service and timer, with
absolute paths, so the run works from cron's bare environment. Each line is quoted for what reads
it: the shell and cron (`%` is `\\%`), or systemd (`%%` and `$$`, a word with spaces, quotes or
backslashes in double quotes)."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import click

TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: A word systemd reads as it is, needing no quotes.
PLAIN_WORD = re.compile(r"[\w@%+=:,./$-]+")


def command_line(config: Path) -> list[str]:
    """The absolute command that runs today's brief with `config`."""
    script = Path(sys.executable).parent / "briefing"
    program = [str(script)] if script.exists() else [sys.executable, "-m", "briefing"]
    return [*program, "--quiet", "run", "--config", str(config)]


def cron_text(text: str) -> str:
    """Shell text as cron passes it on: a `%` would end the command, so it is escaped."""
    return text.replace("%", "\\%")


def systemd_word(word: str) -> str:
    """One word of an `Exec` line: `%` (specifiers) as `%%` and `$` (variables) as `$$`, and
    double-quoted, with backslashes and quotes escaped, unless it is plain."""
    escaped = word.replace("%", "%%").replace("$", "$$")
    if PLAIN_WORD.fullmatch(word):
        return escaped
    return '"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'


def schedules(at: str, config: Path) -> str:
    """The crontab line and systemd units for a daily run at `at` (HH:MM)."""
    match = TIME.fullmatch(at.strip())
    if not match:
        raise click.BadParameter(f"expected HH:MM (24-hour), got {at!r}", param_hint="--at")
    hour, minute = int(match[1]), int(match[2])
    if CONTROL.search(str(config)):
        raise click.BadParameter(f"{str(config)!r}: a line break or other control character cannot go into a "
                                 "crontab line or a unit file", param_hint="--config")
    command = command_line(config)
    cron = cron_text(f"cd {shlex.quote(str(config.parent))} && {shlex.join(command)}")
    return f"""# crontab -e, then add this line (a non-zero exit makes cron mail what it printed):
{minute} {hour} * * * {cron}

# /etc/systemd/system/briefing.service
[Unit]
Description=Daily briefing

[Service]
Type=oneshot
WorkingDirectory={str(config.parent).replace("%", "%%")}
ExecStart={" ".join(systemd_word(word) for word in command)}

# /etc/systemd/system/briefing.timer
[Unit]
Description=Daily briefing at {hour:02d}:{minute:02d}

[Timer]
OnCalendar=*-*-* {hour:02d}:{minute:02d}:00
Persistent=true

[Install]
WantedBy=timers.target

# then: systemctl daemon-reload && systemctl enable --now briefing.timer"""
