"""A daily schedule for this install: a crontab line and a systemd service and timer, with
absolute paths, so the run works from cron's bare environment."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import click

TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def command_line(config: Path) -> str:
    """The absolute command that runs today's brief with `config`."""
    script = Path(sys.executable).parent / "briefing"
    program = [str(script)] if script.exists() else [sys.executable, "-m", "briefing"]
    return shlex.join([*program, "--quiet", "run", "--config", str(config)])


def schedules(at: str, config: Path) -> str:
    """The crontab line and systemd units for a daily run at `at` (HH:MM)."""
    match = TIME.fullmatch(at.strip())
    if not match:
        raise click.BadParameter(f"expected HH:MM (24-hour), got {at!r}", param_hint="--at")
    hour, minute = int(match[1]), int(match[2])
    folder = shlex.quote(str(config.parent))
    command = command_line(config)
    return f"""# crontab -e, then add this line (a non-zero exit makes cron mail what it printed):
{minute} {hour} * * * cd {folder} && {command}

# /etc/systemd/system/briefing.service
[Unit]
Description=Daily briefing

[Service]
Type=oneshot
WorkingDirectory={config.parent}
ExecStart={command}

# /etc/systemd/system/briefing.timer
[Unit]
Description=Daily briefing at {hour:02d}:{minute:02d}

[Timer]
OnCalendar=*-*-* {hour:02d}:{minute:02d}:00
Persistent=true

[Install]
WantedBy=timers.target

# then: systemctl daemon-reload && systemctl enable --now briefing.timer"""
